"""The snapshot store: immutable, versioned list snapshots in SQLite or PostgreSQL.

``schema`` declares the tables (SQLAlchemy Core), ``migrations`` evolves them (Alembic),
``snapshots`` writes and reads snapshots, ``diff`` compares two of them.
"""
