"""Spreadsheet import (Mẫu 1, Mẫu 2), review and export."""
