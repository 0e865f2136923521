class BenchError(Exception):
    """Something that makes the figures meaningless; the run stops."""


class OperationFailed(Exception):
    """One operation could not be measured; the others still are."""
