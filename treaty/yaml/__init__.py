"""YAML text to plain data, located; and byte-exact edits of YAML text."""
