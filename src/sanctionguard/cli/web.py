"""CLI command serving the analysts' web UI on its own."""

from __future__ import annotations

from typing import Annotated

import typer

from sanctionguard.cli.context import get
from sanctionguard.web.settings import SECRET_ENV, WebSettings


def ui(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            help="Mark the session cookie Secure (needs HTTPS in front; turn off only for "
            "plain-HTTP use on this machine)."
        ),
    ] = True,
    root_path: Annotated[
        str, typer.Option(help="Path prefix when served behind a proxy under a sub-path.")
    ] = "",
) -> None:
    """Serve the analysts' web UI (alerts, decisions, runs, lists, search)."""
    import dataclasses
    import os

    import uvicorn

    from sanctionguard.web.app import create_web_app

    cli = get(ctx)
    env = dict(os.environ)
    web = dataclasses.replace(WebSettings.from_env(env), secure_cookies=secure_cookies)
    if SECRET_ENV not in env:
        cli.err.print(
            f"note: {SECRET_ENV} is not set; sessions end when this process stops.",
            highlight=False,
        )
    app = create_web_app(cli.settings, web, store=cli.store())
    uvicorn.run(app, host=host, port=port, root_path=root_path, log_level="info")
