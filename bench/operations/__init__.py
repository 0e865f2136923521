"""One module per measured operation; each registers itself by name."""
