"""The web UI's own typed settings, built at the edge (CLI, API factory) and passed in."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_ENV = "SANCTIONGUARD_WEB_SECRET"  # noqa: S105 - a variable name, not a secret


@dataclass(frozen=True)
class WebSettings:
    """How the UI signs sessions, how long they live and how hard it throttles sign-ins."""

    secret_key: bytes
    # Sessions end after this long without a request, and in any case this long after sign-in.
    session_idle_s: int = 30 * 60
    session_max_s: int = 12 * 3600
    # Off only for plain-HTTP development and tests: browsers drop Secure cookies over HTTP.
    secure_cookies: bool = True
    # Behind a reverse proxy the client address is the first X-Forwarded-For entry.
    trust_proxy_headers: bool = False
    throttle_user_failures: int = 5
    throttle_ip_failures: int = 20
    throttle_window_s: int = 15 * 60
    cache_dir: Path | None = None  # where the screener keeps its compiled index
    page_size: int = 100
    search_limit: int = 25

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WebSettings:
        """Settings from ``SANCTIONGUARD_WEB_*`` variables.

        Without ``SANCTIONGUARD_WEB_SECRET`` a random key is made, so sessions end when the
        process restarts and replicas do not share them; set it in production.
        """
        env = dict(os.environ if environ is None else environ)
        secret = env.get(SECRET_ENV)
        key = secret.encode("utf-8") if secret else secrets.token_bytes(32)
        return cls(
            secret_key=key,
            secure_cookies=env.get("SANCTIONGUARD_WEB_INSECURE_COOKIES", "") != "1",
            trust_proxy_headers=env.get("SANCTIONGUARD_WEB_TRUST_PROXY", "") == "1",
        )
