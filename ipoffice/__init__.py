"""ipoffice: an open, self-hostable platform for an intellectual-property office (Viet Nam first)."""

__version__ = "0.1.0"
