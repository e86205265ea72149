"""CLI commands for the REST API: ``serve`` and ``keys create/list/revoke``."""

from __future__ import annotations

import copy
import os
import secrets
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from sanctionguard.api.keys import KeyStore
from sanctionguard.api.settings import ApiSettings
from sanctionguard.cli.context import get
from sanctionguard.web.settings import SECRET_ENV

keys_app = typer.Typer(no_args_is_help=True, help="Create, list and revoke API keys.")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (one per core).")] = 1,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Compiled index cache (default <home>/index-cache).")
    ] = None,
    reload_interval: Annotated[
        float, typer.Option(help="Seconds between checks for a new current snapshot; 0: never.")
    ] = 10.0,
    rate: Annotated[
        float, typer.Option(help="Requests per second per key and worker (0: unlimited).")
    ] = 50.0,
    burst: Annotated[int, typer.Option(help="Burst size of the per-key rate limit.")] = 100,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes.")] = 1 << 20,
    max_batch: Annotated[int, typer.Option(help="Most queries in one /match request.")] = 100,
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Allow browser calls from this origin (repeatable).")
    ] = None,
    access_log: Annotated[bool, typer.Option(help="Log one line per request.")] = True,
    ui: Annotated[
        bool, typer.Option("--ui/--no-ui", help="Serve the analysts' web UI at /ui.")
    ] = True,
) -> None:
    """Serve the yente-compatible REST API over the current snapshot (see docs/api.md)."""
    import uvicorn

    c = get(ctx)
    c.store()  # migrate (and fail with one clear line) before workers start
    api = ApiSettings(
        host=host,
        port=port,
        workers=workers,
        cache_dir=cache_dir,
        reload_interval_s=reload_interval,
        rate_per_second=rate,
        rate_burst=burst,
        max_body_bytes=max_body,
        max_batch=max_batch,
        cors_origins=tuple(cors_origin or ()),
        access_log=access_log,
        web_ui=ui,
    )
    # Worker processes build their app from these, through uvicorn's factory.
    os.environ["SANCTIONGUARD_API_CONFIG"] = api.to_json()
    os.environ["SANCTIONGUARD_DATABASE_URL"] = c.settings.database_url
    os.environ["SANCTIONGUARD_HOME"] = str(c.settings.data_dir)
    if ui and not os.environ.get(SECRET_ENV):
        # One session key for every worker of this server (a key per worker would sign users
        # out whenever a request reaches another worker); set it to keep sessions over restarts.
        os.environ[SECRET_ENV] = secrets.token_urlsafe(32)
    uvicorn.run(
        "sanctionguard.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # our own access log never shows query strings (keys may be there)
        log_config=_log_config(),
    )


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, plus our loggers (the access log and snapshot reloads) on stderr."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["sanctionguard"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def _keys(ctx: typer.Context) -> KeyStore:
    return KeyStore(get(ctx).store().engine)


@keys_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Who or what uses the key.")],
    scopes: Annotated[
        str, typer.Option(help="Comma-separated: screen, read, admin.")
    ] = "screen,read",
) -> None:
    """Create a key and print it once: it is stored only as a digest."""
    key, token = _keys(ctx).create(name, scopes)
    c = get(ctx)
    c.err.print(
        f"API key {key.prefix} ({key.name}; scopes {', '.join(sorted(key.scopes))}). "
        "Store it now: it is not shown again."
    )
    c.console.print(token, highlight=False, soft_wrap=True)


@keys_app.command("list")
def list_keys(ctx: typer.Context) -> None:
    """List keys (never their secrets)."""
    table = Table("id", "prefix", "name", "scopes", "created", "revoked")
    for key in _keys(ctx).listing():
        table.add_row(
            str(key.id),
            key.prefix,
            key.name,
            ",".join(sorted(key.scopes)),
            key.created_at.strftime("%Y-%m-%d %H:%M"),
            key.revoked_at.strftime("%Y-%m-%d %H:%M") if key.revoked_at else "",
        )
    get(ctx).console.print(table)


@keys_app.command("revoke")
def revoke(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The key's prefix or id (see `keys list`).")],
) -> None:
    """Revoke a key; servers refuse it within their key cache time (5 s)."""
    revoked = _keys(ctx).revoke(key)
    get(ctx).console.print(f"API key {revoked.prefix} ({revoked.name}) is revoked.")
