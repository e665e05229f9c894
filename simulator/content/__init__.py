"""Loading content files (YAML) with positions, so every error can name file, line and field."""
