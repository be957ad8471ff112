"""You Decide: participatory budgeting and budget consultation for UK councils."""

__version__ = "0.1.0"
