"""CLI commands for the customer book, alerts, users and the audit log."""

from __future__ import annotations

import typer

book_app = typer.Typer(no_args_is_help=True, help="Import and screen the customer book.")
alerts_app = typer.Typer(no_args_is_help=True, help="Work alerts: list, assign, decide, approve.")
users_app = typer.Typer(no_args_is_help=True, help="Manage users and roles.")
audit_app = typer.Typer(no_args_is_help=True, help="Verify and export the audit log.")
