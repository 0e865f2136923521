"""Signals every app may send or hear."""

from django.dispatch import Signal

# Sent with the model as sender after its rows were written in bulk (an
# import), which sends no ``post_save`` per row: whatever is built from
# that model's rows must be built again, as after a save.
rows_written_in_bulk = Signal()
