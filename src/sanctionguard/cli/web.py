"""CLI command serving the analysts' web UI on its own."""

from __future__ import annotations

import typer


def ui(ctx: typer.Context) -> None:
    """Serve the analysts' web UI."""
    raise typer.Exit(2)
