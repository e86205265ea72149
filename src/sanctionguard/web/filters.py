"""Jinja filters shared by the templates: dates, scores, and token-similarity classes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from sanctionguard.names.scripts import dominant_script


def when(value: datetime | str | None) -> str:
    """A timestamp in UTC to the minute, as analysts read it in audit trails."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M UTC")


def score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def similarity_class(value: float | None, present: bool = True) -> str:
    """How a token pair is highlighted: equal, close, weak, or unmatched on one side."""
    if not present or value is None:
        return "tok-none"
    if value >= 0.99:
        return "tok-equal"
    if value >= 0.8:
        return "tok-close"
    return "tok-weak"


def similarity_label(value: float | None, present: bool = True) -> str:
    cls = similarity_class(value, present)
    return {
        "tok-none": "no counterpart",
        "tok-equal": "equal",
        "tok-close": "close",
        "tok-weak": "weak",
    }[cls]


def label(value: str | None) -> str:
    """``in_review`` → ``in review``; ``false_positive`` → ``false positive``."""
    return "" if value is None else value.replace("_", " ")


def script(name: str) -> str:
    """The writing system a name is in (Latin, Cyrillic, Arabic, Han…)."""
    return dominant_script(name.split())


@pass_context
def path_for(context: Context, name: str, /, **params: Any) -> str:
    """A route's path, under the app's root path: links stay on whatever host served the page
    (an absolute URL would name the internal host behind a proxy)."""
    return str(context["request"].url_for(name, **params).path)


def install(env: Environment) -> None:
    env.globals["url_for"] = path_for
    env.filters["when"] = when
    env.filters["score"] = score
    env.filters["simclass"] = similarity_class
    env.filters["simlabel"] = similarity_label
    env.filters["label"] = label
    env.filters["script"] = script
