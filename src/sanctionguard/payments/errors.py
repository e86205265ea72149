"""The error a payment message raises when it cannot be read: it names the file, line or field.

A ``PaymentFormatError`` never escapes screening: ``service`` turns it into a held decision.
"""

from __future__ import annotations

from sanctionguard.errors import ListFormatError


class PaymentFormatError(ListFormatError):
    """A payment message is malformed, unsafe or not a payment; names the file and element."""
