"""Pure domain: kinds of right, parties, classifications, numbering, legal time. No I/O beyond package data."""
