"""CLI commands for the REST API: ``serve`` and ``keys``."""

from __future__ import annotations

import typer

keys_app = typer.Typer(no_args_is_help=True, help="Create, list and revoke API keys.")


def serve(ctx: typer.Context) -> None:
    """Serve the REST API."""
    raise typer.Exit(2)
