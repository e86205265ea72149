"""Signed session cookies: who is signed in, since when, and the flash messages to show next.

A session is a small JSON payload signed with HMAC-SHA256 under the UI's secret key, so any
replica sharing the key can read it without a session table. It expires after an idle period
and at a hard limit after sign-in, and it names a fingerprint of the user's credentials, so a
password change or a disabled account ends every session of that user at the next request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

COOKIE_NAME = "sg_session"
_MAX_FLASHES = 5


@dataclass(frozen=True)
class Flash:
    """A one-time message for the next page: ``kind`` is ``info`` or ``error``."""

    kind: str
    text: str


@dataclass(frozen=True)
class Session:
    """One browser's session; anonymous until ``username`` is set by a sign-in."""

    sid: str
    issued: int
    seen: int
    username: str | None = None
    fingerprint: str = ""
    flashes: tuple[Flash, ...] = field(default_factory=tuple)

    @classmethod
    def anonymous(cls, now: int) -> Session:
        return cls(sid=secrets.token_urlsafe(18), issued=now, seen=now)

    def signed_in(self, username: str, fingerprint: str, now: int) -> Session:
        """A fresh session for a user: a new id, so a planted session id is worthless."""
        return Session(
            sid=secrets.token_urlsafe(18),
            issued=now,
            seen=now,
            username=username,
            fingerprint=fingerprint,
            flashes=self.flashes,
        )

    def with_flash(self, kind: str, text: str) -> Session:
        return replace(self, flashes=(*self.flashes, Flash(kind, text))[-_MAX_FLASHES:])

    def without_flashes(self) -> Session:
        return replace(self, flashes=())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionCodec:
    """Turns sessions into signed cookie values and back, enforcing both expiries."""

    def __init__(self, secret: bytes, idle_s: int, max_s: int) -> None:
        self._key = hashlib.sha256(b"sanctionguard-web-session|" + secret).digest()
        self.idle_s = idle_s
        self.max_s = max_s

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()

    def encode(self, session: Session) -> str:
        data: dict[str, Any] = {
            "sid": session.sid,
            "iat": session.issued,
            "seen": session.seen,
            "u": session.username,
            "fp": session.fingerprint,
            "f": [[f.kind, f.text] for f in session.flashes],
        }
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return f"{_b64(payload)}.{_b64(self._sign(payload))}"

    def decode(self, value: str, now: int) -> Session | None:
        """The session in a cookie value, or None if forged, malformed or expired."""
        body, _, sig = value.partition(".")
        try:
            payload, signature = _unb64(body), _unb64(sig)
        except (binascii.Error, ValueError):
            return None
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            data = json.loads(payload)
            session = Session(
                sid=str(data["sid"]),
                issued=int(data["iat"]),
                seen=int(data["seen"]),
                username=None if data["u"] is None else str(data["u"]),
                fingerprint=str(data["fp"]),
                flashes=tuple(Flash(str(k), str(t)) for k, t in data["f"]),
            )
        except (ValueError, KeyError, TypeError):
            return None
        if now - session.seen > self.idle_s or now - session.issued > self.max_s:
            return None
        return session

    def token(self, purpose: str, session: Session) -> str:
        """A value bound to this session and this key, e.g. the CSRF token of its forms."""
        mac = hmac.new(self._key, f"{purpose}|{session.sid}".encode(), hashlib.sha256)
        return _b64(mac.digest())

    def fingerprint(self, username: str, credential: str) -> str:
        """A short keyed digest of what must stay unchanged for a session to stay valid."""
        mac = hmac.new(self._key, f"fp|{username}|{credential}".encode(), hashlib.sha256)
        return _b64(mac.digest()[:12])
