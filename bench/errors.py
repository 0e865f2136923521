class BenchError(Exception):
    """Something that makes the figures meaningless; the run stops."""
