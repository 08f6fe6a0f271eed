"""innovation."""
