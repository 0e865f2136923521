"""Importing Mẫu 1 and Mẫu 2 lists from spreadsheets: read, clean, match, apply."""
