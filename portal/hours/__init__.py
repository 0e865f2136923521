"""Check-in, verified hours, social-work days and certificates."""
