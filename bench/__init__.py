"""Benchmarks of the portal served the way production serves it.

``python -m bench`` (or ``make bench``) seeds city-sized databases, starts
gunicorn with the production profile on loopback and times each registered
operation against a floor measured in the same run. See bench/README.md.
"""
