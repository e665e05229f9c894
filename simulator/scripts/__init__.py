"""Session scripts: drive a call step by step without a person, and report on it (the replay contract)."""
