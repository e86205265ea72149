"""CLI commands for vessels, shipments, AIS tracks and goods."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="Vessels, shipments, AIS behaviour and goods.")
