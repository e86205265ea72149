"""CLI commands for ownership and control analysis (50% rules)."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="Ownership and control analysis (50% rules).")
