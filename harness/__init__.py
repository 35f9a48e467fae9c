"""dot-iu-cutter harness: a thin, honest client of the IU gateway in PostgreSQL."""

__version__ = "0.1.0"
