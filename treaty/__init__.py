"""treaty: a structured tracker for draft-treaty clauses."""

__version__ = "0.1.0"
