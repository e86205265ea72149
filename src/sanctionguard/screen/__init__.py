"""Screening records against a snapshot.

``book`` reads a customer book (CSV); ``baseline`` is the first-generation screener used by the
demo: identifier matches plus normalised, transliterated fuzzy name matches with reasons. The
calibrated multi-feature matcher replaces ``baseline`` (issue #3).
"""
