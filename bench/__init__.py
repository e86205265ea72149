"""Benchmarks: list loading, matcher accuracy and speed, each beside baselines run alike."""
