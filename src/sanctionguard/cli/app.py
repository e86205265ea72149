"""The root ``sanctionguard`` command: global options, settings, and clean error exits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import sqlalchemy.exc
import typer
from rich.console import Console
from rich.markup import escape

from sanctionguard import __version__
from sanctionguard.cli import api, cases, lists, maritime, ownership, pairs, payments, screen, web
from sanctionguard.cli.context import CliContext
from sanctionguard.errors import SanctionguardError
from sanctionguard.settings import Settings

app = typer.Typer(
    name="sanctionguard",
    help="Find sanctioned parties and sanctions-evasion schemes in your own data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")
app.add_typer(pairs.app, name="pairs")
app.command("screen")(screen.screen)
app.command("serve")(api.serve)
app.add_typer(api.keys_app, name="keys")
app.add_typer(cases.book_app, name="book")
app.add_typer(cases.alerts_app, name="alerts")
app.add_typer(cases.users_app, name="users")
app.add_typer(cases.audit_app, name="audit")
app.add_typer(ownership.app, name="ownership")
app.add_typer(payments.app, name="payments")
app.add_typer(maritime.app, name="maritime")
app.add_typer(maritime.vessels_app, name="vessels")
app.add_typer(maritime.shipments_app, name="shipments")
app.add_typer(maritime.ais_app, name="ais")
app.command("ui")(web.ui)


def _version(value: bool) -> None:
    if value:
        from sanctionguard.compiled import compiled_modules

        build = "compiled (mypyc)" if compiled_modules() else "interpreted"
        typer.echo(f"sanctionguard {__version__}, matcher {build}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (sqlite:///path or postgresql://...). Default: "
            "$SANCTIONGUARD_DATABASE_URL, else ~/.local/share/sanctionguard/sanctionguard.db",
        ),
    ] = None,
    home: Annotated[
        Path | None, typer.Option(help="Data folder (default $SANCTIONGUARD_HOME).")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find sanctioned parties and sanctions-evasion schemes in your own data."""
    env: dict[str, str] | None = None
    if home is not None:
        import os

        env = {**os.environ, "SANCTIONGUARD_HOME": str(home)}
    settings = Settings.from_env(env)
    if db is not None:
        settings = Settings(**{**settings.__dict__, "database_url": db})
    ctx.obj = CliContext(settings)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; user-facing errors become one line on stderr and exit code 1."""
    from click.exceptions import ClickException

    err = Console(stderr=True, soft_wrap=True)
    try:
        # Without standalone mode, a command's ``typer.Exit(code)`` comes back as the result.
        code = app(args=argv, prog_name="sanctionguard", standalone_mode=False)
    except SanctionguardError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return 1
    except typer.Abort:
        err.print("aborted")
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except ClickException as exc:
        exc.show()
        return exc.exit_code
    except sqlalchemy.exc.SQLAlchemyError as exc:
        # A store the migrations did not make (tables missing, another program's database):
        # name it and what failed, without a traceback.
        reason = escape(str(getattr(exc, "orig", None) or exc).splitlines()[0])
        err.print(f"[bold red]error:[/] the store's database failed: {reason}", highlight=False)
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
