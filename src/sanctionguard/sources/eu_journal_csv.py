"""EU sanctions annexes transcribed from the Official Journal ("EU Journal sanctions CSV").

Owns the consolidated files (one per framework act, list ``eu_journal_sanctions``) and the
amendment files (list ``eu_journal_amendments``). A row is one listing in one legal context;
rows naming the same party are merged into one entry whose programmes name each act and annex.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail, is_latin
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    Limits,
    ListInfo,
    ParseReport,
    Sample,
)
from sanctionguard.sources.birth_dates import parse_birth_dates
from sanctionguard.sources.printed_ids import document_number, registry_numbers
from sanctionguard.sources.textio import CsvRecord, csv_dicts, read_text

FORMAT = "eu_journal_csv"
CONSOLIDATED_LIST = "eu_journal_sanctions"
AMENDMENTS_LIST = "eu_journal_amendments"
AUTHORITY = "European Union"

CONSOLIDATED_LEAD = ("celex",)
AMENDMENT_LEAD = ("amendedCelex", "amendmentCelex")
REQUIRED = ("recordId", "programKey", "annex", "measure", "startDate", "reason", "schema", "name")
SCHEMAS = frozenset({"Person", "LegalEntity", "Organization", "Company", "Vessel", "Asset"})
# LegalEntity, Organization and Company rows can describe one party; the most specific wins.
_ORG_RANK = {"LegalEntity": 0, "Organization": 1, "Company": 2}

_EUR_LEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"
_CELEX = re.compile(r"^[0-9](\d{4})([A-Z])(\d{4})$")


@dataclass(frozen=True)
class JournalRow(CsvRecord):
    """One transcribed annex row: the act it belongs to and its cells as printed."""

    celex: str = ""
    amending: str | None = None

    def values(self, column: str) -> list[str]:
        """The values of a multi-valued entity column."""
        cell = self.cells.get(column)
        return split_values(cell) if cell else []

    @property
    def schema(self) -> str:
        return self.get("schema")

    @property
    def name(self) -> str:
        return self.get("name")

    @property
    def annex(self) -> str:
        return self.get("annex")


def act_label(celex: str) -> str:
    """The act's usual citation from its CELEX: 32014R0833 → "833/2014", 32024R2642 → "2024/2642".

    Regulations before 2015 are cited number/year, everything else year/number.
    """
    match = _CELEX.match(celex)
    if match is None:
        return celex
    year, kind, number = match.group(1), match.group(2), str(int(match.group(3)))
    if kind == "R" and int(year) < 2015:
        return f"{number}/{year}"
    return f"{year}/{number}"


def program_label(celex: str, annex: str) -> str:
    """The programme name a user filters on, e.g. "EU 833/2014 Annex XLII"."""
    label = f"EU {act_label(celex)}"
    return f"{label} Annex {annex}" if annex else label


def _is_amendment(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(AMENDMENT_LEAD[0])


def journal_rows(path: Path, limits: Limits) -> Iterator[JournalRow]:
    """Every data row of one consolidated or amendment file, checked for schema and name."""
    text = read_text(path, limits)
    amendment = _is_amendment(text)
    lead: tuple[str, ...] = AMENDMENT_LEAD if amendment else CONSOLIDATED_LEAD
    for line, cells in csv_dicts(text, path, required=(*lead, *REQUIRED)):
        row = JournalRow(
            path=path,
            line=line,
            celex=" ".join(cells[lead[0]].split()),
            amending=" ".join(cells[AMENDMENT_LEAD[1]].split()) if amendment else None,
            cells={k: " ".join(v.split()) for k, v in cells.items() if v and not v.isspace()},
        )
        _check_row(row)
        yield row


def _check_row(row: JournalRow) -> None:
    if row.schema not in SCHEMAS:
        raise ListFormatError(
            row.path,
            f"unknown schema {row.schema!r}; expected one of {', '.join(sorted(SCHEMAS))}",
            line=row.line,
        )
    if not row.name:
        raise ListFormatError(row.path, "the name column is empty", line=row.line)
    if not row.celex:
        raise ListFormatError(row.path, "the CELEX column is empty", line=row.line)


def split_values(cell: str) -> list[str]:
    """The values of a multi-valued cell ("Foo; Bar", with CSV quoting for values holding ';')."""
    text = cell.strip()
    if not text:
        return []
    if '"' not in text:
        return [" ".join(p.split()) for p in text.split(";") if p.strip()]
    try:
        parts = next(csv.reader([text], delimiter=";", skipinitialspace=True))
    except (csv.Error, StopIteration):
        parts = text.split(";")
    return [" ".join(p.split()) for p in parts if p.strip()]


# --- grouping rows into parties ----------------------------------------------------------


def _family(schema: str) -> str:
    return "Organization" if schema in _ORG_RANK else schema


_NOT_ALNUM = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """The name as compared for merging: case, accents, spacing and punctuation ignored."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", name.casefold()))


def _imo_digits(row: JournalRow) -> str | None:
    for value in row.values("imoNumber"):
        digits = re.sub(r"\D", "", value)
        if len(digits) == 7:
            return digits
    return None


def _birth_years(row: JournalRow) -> set[str]:
    years: set[str] = set()
    for value in row.values("birthDate"):
        for bd in parse_birth_dates(value).dates:
            years.update(d[:4] for d in (bd.start, bd.end) if d)
    return years


@dataclass
class Party:
    """The rows of one party and the reference its entry id is made from."""

    ref: str
    rows: list[JournalRow]
    years: set[str]


def _party_ref(family: str, name: str, year: str | None) -> str:
    digest = hashlib.sha256(f"{family}|{name_key(name)}|{year or ''}".encode()).hexdigest()[:10]
    slug = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")[:40].strip("-")
    parts = [family.lower(), slug, year or "", digest]
    return "-".join(p for p in parts if p)


def group_parties(rows: Iterable[JournalRow]) -> list[Party]:
    """Rows grouped by party, in order of first appearance.

    Vessels are one party per IMO number. Others are one party per schema family and name,
    except that people of the same name whose printed birth years never overlap stay apart;
    a row without a birth date joins the first party of its name.
    """
    clusters: dict[tuple[str, str], list[Party]] = {}
    undated: list[JournalRow] = []
    order: list[Party] = []
    for row in rows:
        family = _family(row.schema)
        imo = _imo_digits(row) if family == "Vessel" else None
        if imo is not None:
            _join(clusters, order, ("imo", imo), row, set(), f"imo-{imo}")
            continue
        years = _birth_years(row) if family == "Person" else set()
        if family == "Person" and not years:
            undated.append(row)
            continue
        _join(clusters, order, (family, name_key(row.name)), row, years, None)
    for row in undated:
        _join(clusters, order, (_family(row.schema), name_key(row.name)), row, set(), None)
    return order


def _join(
    clusters: dict[tuple[str, str], list[Party]],
    order: list[Party],
    key: tuple[str, str],
    row: JournalRow,
    years: set[str],
    ref: str | None,
) -> None:
    parties = clusters.setdefault(key, [])
    for party in parties:
        if not years or not party.years or years & party.years:
            party.rows.append(row)
            party.years |= years
            return
    first_year = min(years) if years else None
    party = Party(ref or _party_ref(key[0], row.name, first_year), [row], set(years))
    parties.append(party)
    order.append(party)


# --- building entries --------------------------------------------------------------------


def _schema(rows: Sequence[JournalRow]) -> str:
    schemas = {r.schema for r in rows}
    orgs = [s for s in schemas if s in _ORG_RANK]
    if orgs:
        return max(orgs, key=lambda s: _ORG_RANK[s])
    return rows[0].schema


_SCRIPT_PAIR = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def _name_variants(value: str) -> list[str]:
    """A printed "Latin (original script)" pair as its two names; other values unchanged."""
    match = _SCRIPT_PAIR.match(value)
    if match and is_latin(match.group("outer")) != is_latin(match.group("inner")):
        return [match.group("outer"), match.group("inner")]
    return [value]


def _apply_names(builder: EntryBuilder, row: JournalRow) -> None:
    builder.add_name(row.name, NameKind.PRIMARY)
    variants = _name_variants(row.name)
    if len(variants) > 1:
        for variant in variants:
            builder.add_name(variant, NameKind.STRONG_ALIAS)
    columns = (
        ("alias", NameKind.STRONG_ALIAS),
        ("weakAlias", NameKind.WEAK_ALIAS),
        ("previousName", NameKind.FORMER),
    )
    for column, kind in columns:
        for value in row.values(column):
            for variant in _name_variants(value):
                builder.add_name(variant, kind)


# Columns copied as FtM properties of the same name (the builder skips ones a schema lacks).
_PLAIN_PROPERTIES = (
    "birthPlace",
    "position",
    "gender",
    "appearance",
    "ethnicity",
    "fatherName",
    "motherName",
    "legalForm",
    "sector",
    "ticker",
    "kppCode",
    "okpoCode",
)
_COUNTRY_PROPERTIES = (
    ("nationality", "nationality"),
    ("jurisdiction", "jurisdiction"),
    ("country", "country"),
    ("flag", "flag"),
)
_DIRECT_IDS = (
    ("innCode", IdKind.INN),
    ("ogrnCode", IdKind.OGRN),
    ("leiCode", IdKind.LEI),
    ("swiftBic", IdKind.BIC),
    ("imoNumber", IdKind.IMO),
    ("mmsi", IdKind.MMSI),
)
_NAMED_IDS = (("kppCode", "KPP"), ("okpoCode", "OKPO"))


# Contact details are kept as printed: FtM's phone/email/URL cleaners cost about a
# millisecond a value and reject the printed forms ("+ 7 (495) 681-16-18, 681-10-39").
_CONTACT_PROPERTIES = ("phone", "email", "website")


def _apply_facts(builder: EntryBuilder, row: JournalRow) -> None:
    for column in _PLAIN_PROPERTIES:
        for value in row.values(column):
            builder.add(column, value)
    for column in _CONTACT_PROPERTIES:
        for value in row.values(column):
            if builder.has_property(column):
                builder.proxy.add(column, value, cleaned=True)
    for column, prop in _COUNTRY_PROPERTIES:
        for value in row.values(column):
            codes, complete = countries(value)
            for code in codes:
                builder.add_country(code, prop)
            if not complete:
                builder.add_remark(f"{column} as printed: {value}")
    for value in row.values("address"):
        builder.add_address(value)
    for value in row.values("incorporationDate"):
        builder.add("incorporationDate", parse_date(value) or value)
    for value in row.values("notes"):
        builder.add_remark(value)
    _apply_birth_dates(builder, row)


_COUNTRY_LIST = re.compile(r"\s*(?:/|,|;|\.\s|\band\b|\(?\b[a-h]\)|\bor\b)\s*", re.IGNORECASE)
_COUNTRY_HEDGE = re.compile(r"^(?:allegedly|assumed|possibly|probably|of the)\s+", re.IGNORECASE)
_COUNTRY_TAIL = re.compile(r"\s*(?:\(.*|\b(?:since|until|as at)\b.*)$", re.IGNORECASE)


def countries(text: str) -> tuple[list[str], bool]:
    """Country codes in a printed country cell, and whether every part was recognised.

    >>> countries("Myanmar/Burma"), countries("(a) German, (b) Moroccan")
    ((['mm'], True), (['de', 'ma'], True))
    """
    code = country_code(text)
    if code is not None:
        return [code], True
    codes: list[str] = []
    complete = True
    for piece in _COUNTRY_LIST.split(text):
        piece = _COUNTRY_TAIL.sub("", _COUNTRY_HEDGE.sub("", piece.strip(" .")))
        if not piece:
            continue
        code = country_code(piece)
        if code is None:
            complete = False
        elif code not in codes:
            codes.append(code)
    return codes, complete


def _apply_birth_dates(builder: EntryBuilder, row: JournalRow) -> None:
    for value in row.values("birthDate"):
        parsed = parse_birth_dates(value)
        for bd in parsed.dates:
            builder.add_birth_date(bd.start, bd.end, bd.circa)
        if not parsed.complete or not parsed.dates:
            builder.add_remark(f"Date of birth as printed: {value}")


def _apply_identifiers(builder: EntryBuilder, row: JournalRow) -> None:
    for column, kind in _DIRECT_IDS:
        for value in row.values(column):
            builder.add_identifier(kind, value)
    for column, note in _NAMED_IDS:
        for value in row.values(column):
            builder.add_identifier(IdKind.OTHER, value, note=note)
    for column, kind in (("passportNumber", IdKind.PASSPORT), ("idNumber", IdKind.NATIONAL_ID)):
        for value in row.values(column):
            doc = document_number(value)
            builder.add_identifier(kind, doc.number, country=doc.country, note=doc.note)
    for column in ("registrationNumber", "taxNumber"):
        for value in row.values(column):
            for found in registry_numbers(value):
                kind = found.kind
                if column == "taxNumber" and kind is IdKind.REGISTRATION:
                    kind = IdKind.TAX_ID
                builder.add_identifier(kind, found.number, note=found.note)


def _apply_context(builder: EntryBuilder, row: JournalRow) -> None:
    builder.add_program(row.get("programKey"))
    builder.add_program(program_label(row.celex, row.annex))
    builder.set_listed_on(parse_date(row.get("startDate")))
    builder.add_remark(row.get("reason"))
    builder.add_sanction_detail(SanctionDetail.REASON, row.get("reason"))
    builder.add_sanction_detail(SanctionDetail.PROVISIONS, row.get("measure"))
    builder.add_sanction_detail(
        SanctionDetail.SOURCE_URL, _EUR_LEX.format(row.amending or row.celex)
    )
    if row.amending:
        builder.add_remark(f"Listed or amended by EU {act_label(row.amending)}")


def build_entry(list_name: str, ref: str, rows: Sequence[JournalRow]) -> ListEntry:
    """One entry from all rows of one party."""
    builder = EntryBuilder(
        list_name, ref, _schema(rows), origin=rows[0].origin, authority=AUTHORITY
    )
    for row in rows:
        _apply_names(builder, row)
        _apply_context(builder, row)
        _apply_facts(builder, row)
        _apply_identifiers(builder, row)
    return builder.build()


# --- the format contract -----------------------------------------------------------------


def sniff(sample: Sample) -> Detection | None:
    """Recognise a consolidated or amendment file by its exact leading header columns."""
    first = sample.text.split("\n", 1)[0].strip()
    columns = first.split(",")
    if columns[:2] == list(AMENDMENT_LEAD) and columns[2:4] == ["recordId", "programKey"]:
        return Detection(FORMAT, AMENDMENTS_LIST, sample.path)
    if columns[:3] == ["celex", "recordId", "programKey"]:
        return Detection(FORMAT, CONSOLIDATED_LIST, sample.path)
    return None


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    """Read every file of the bundle, merge rows per party and yield one entry per party."""
    rows: list[JournalRow] = []
    for path in bundle.paths():
        rows.extend(journal_rows(path, bundle.limits))
    report.records_read = len(rows)
    for party in group_parties(rows):
        yield build_entry(bundle.list_name, party.ref, party.rows)


SPEC = FormatSpec(
    format=FORMAT,
    title="EU sanctions annexes (Official Journal CSV)",
    sniff=sniff,
    parse=parse,
    multi_file=True,
    lists=(
        ListInfo(
            CONSOLIDATED_LIST,
            "EU sanctions annexes (Official Journal, consolidated acts)",
            AUTHORITY,
            country="eu",
        ),
        ListInfo(
            AMENDMENTS_LIST,
            "EU sanctions annexes (Official Journal, amending acts)",
            AUTHORITY,
            country="eu",
        ),
    ),
)
