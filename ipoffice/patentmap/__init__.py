"""patentmap."""
