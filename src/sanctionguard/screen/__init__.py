"""Screening records against a snapshot: the surfaces around the matcher.

``records`` turns one record's fields into a validated ``Query``; ``book`` reads customer
books (CSV, JSON lines, Parquet) into queries and bad rows; ``results`` writes hits in the same
formats; ``batch`` runs a book through the screener. The matching itself is ``match``.
"""
