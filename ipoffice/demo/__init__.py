"""The demo office: a shipped set of real public records, and the loader that builds an office from them."""
