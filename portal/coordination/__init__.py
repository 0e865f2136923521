"""Visits to sites, clash checks and claimed needs."""
