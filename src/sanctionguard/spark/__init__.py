"""Screening Spark DataFrames with the same scorer as the in-process engine (optional extra)."""
