"""The session cookie codec and the sign-in throttle on their own."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.web.sessions import Flash, Session, SessionCodec
from sanctionguard.web.throttle import LoginThrottle

CODEC = SessionCodec(b"unit-test-key", idle_s=1800, max_s=43200)
NOW = 1_800_000_000

sessions = st.builds(
    Session,
    sid=st.text(min_size=1, max_size=30),
    issued=st.integers(NOW - 43000, NOW),
    seen=st.just(NOW),
    username=st.none() | st.text(max_size=40),
    fingerprint=st.text(max_size=20),
    flashes=st.lists(
        st.builds(Flash, st.sampled_from(["info", "error"]), st.text()), max_size=5
    ).map(tuple),
)


@given(sessions)
def test_a_session_survives_the_cookie_round_trip(session: Session) -> None:
    assert CODEC.decode(CODEC.encode(session), NOW + 60) == session


@given(sessions, st.integers(0, 10_000), st.characters(codec="ascii"))
def test_any_change_to_the_cookie_is_refused(session: Session, at: int, char: str) -> None:
    value = CODEC.encode(session)
    position = at % len(value)
    changed = value[:position] + char + value[position + 1 :]
    if changed != value:
        assert CODEC.decode(changed, NOW) is None


def test_a_session_expires_when_idle_and_at_the_absolute_limit() -> None:
    fresh = Session("s", issued=NOW, seen=NOW, username="ana")
    assert CODEC.decode(CODEC.encode(fresh), NOW + 1800) is not None
    assert CODEC.decode(CODEC.encode(fresh), NOW + 1801) is None
    busy = Session("s", issued=NOW - 43201, seen=NOW, username="ana")
    assert CODEC.decode(CODEC.encode(busy), NOW) is None


def test_a_cookie_signed_with_another_key_is_refused() -> None:
    other = SessionCodec(b"other-key", 1800, 43200)
    assert CODEC.decode(other.encode(Session("s", NOW, NOW, "ada")), NOW) is None


def test_csrf_tokens_differ_between_sessions_and_keys() -> None:
    one, two = Session("a", NOW, NOW), Session("b", NOW, NOW)
    assert CODEC.token("csrf", one) == CODEC.token("csrf", one)
    assert CODEC.token("csrf", one) != CODEC.token("csrf", two)
    assert SessionCodec(b"k2", 1, 1).token("csrf", one) != CODEC.token("csrf", one)


def test_the_throttle_counts_failures_in_a_sliding_window() -> None:
    throttle = LoginThrottle(user_limit=3, ip_limit=100, window_s=600)
    for t in (0, 10, 20):
        assert throttle.blocked("ana", "10.0.0.1", t) is None
        throttle.failed("ana", "10.0.0.1", t)
    blocked = throttle.blocked("Ana", "10.0.0.2", 30)
    assert blocked is not None and blocked.retry_after_s == 571
    assert blocked.message == (
        "Too many failed sign-ins for this username. Try again in 10 minutes."
    )
    assert throttle.blocked("ana", "10.0.0.1", 600) is None  # the first failure aged out
    throttle.failed("ana", "10.0.0.1", 600)
    assert throttle.blocked("ana", "10.0.0.1", 601) is not None


def test_a_successful_sign_in_clears_the_username_but_not_the_address() -> None:
    throttle = LoginThrottle(user_limit=2, ip_limit=2, window_s=600)
    throttle.failed("ana", "10.0.0.1", 0)
    throttle.failed("ana", "10.0.0.1", 1)
    throttle.succeeded("ana")
    blocked = throttle.blocked("ana", "10.0.0.1", 2)
    assert blocked is not None and "network address" in blocked.message
    assert throttle.blocked("ana", "10.0.0.9", 2) is None
