"""The entity model: followthemoney entities plus the typed facts we keep beside them.

``entry`` bundles what one list publishes about one party; ``identifiers`` types and validates
identifiers; ``countries`` and ``dates`` clean the values lists print.
"""

from sanctionguard.model.entry import BirthDate, EntryBuilder, ListEntry, Name, NameKind
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier

__all__ = [
    "BirthDate",
    "EntryBuilder",
    "IdKind",
    "Identifier",
    "ListEntry",
    "Name",
    "NameKind",
    "make_identifier",
]
