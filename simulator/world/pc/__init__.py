"""The caller's simulated PC: device model, injectable faults and the command registry."""
