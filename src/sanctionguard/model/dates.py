"""Dates as lists print them, cleaned to ISO 8601 prefixes ("1970", "1970-05", "1970-05-02").

Lists write "12 Jan 1970", "12.1.1970", "1970-01-12", "circa 1970", "1965 to 1968"; the
functions here return partial ISO dates and never guess a day or month that is not printed.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january", "janvier", "enero"),
            ("feb", "february", "fevrier", "février", "febrero"),
            ("mar", "march", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "junio"),
            ("jul", "july", "juillet", "julio"),
            ("aug", "august", "aout", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "décembre", "diciembre"),
        ]
    )
    for m in names
}

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})$")
_D_MON_Y = re.compile(r"^(?:(\d{1,2})[\s\-]+)?([A-Za-zéû]{3,10})\.?[\s\-,]+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str | None) -> str | None:
    """Return the ISO prefix for one printed date, or ``None`` if it is not a date.

    Handles ISO dates and datetimes, day-first numeric dates ("25.6.2024", "25/06/2024"),
    "12 Jan 1970", "Jan 1970" and bare years. Day-first is the convention of every list we
    read (OFAC, UN, EU, UK, CA, AU); no list writes month-first numeric dates.
    """
    if text is None:
        return None
    value = text.strip()
    if not value:
        return None
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _DMY.match(value)
    if m:
        d, mo, y = m.groups()
        return _iso(int(y), int(mo), int(d))
    m = _D_MON_Y.match(value)
    if m:
        d, mon, y = m.groups()
        month = _MONTHS.get(mon.lower())
        if month is None:
            return None
        return _iso(int(y), month, int(d) if d else None)
    return None
