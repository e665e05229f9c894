"""The call: exercises and personas as data, the caller, the simulated clock and the event log."""
