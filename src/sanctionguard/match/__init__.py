"""Matching: a compiled in-memory index of a snapshot and a scorer with explanations.

``types`` declares queries and results (the stable contract for the CLI, the API and Spark);
``index`` compiles a snapshot; ``features`` are the named evidence functions; ``scorer``
combines them into a calibrated score; ``screener`` is the public entry point.
"""
