"""OFAC's legacy headerless CSV set (sdn.csv/add.csv/alt.csv/sdn_comments.csv and cons_*.csv).

Recognises each file's role from its content, joins addresses, aliases and remark overflow to
the primary rows by ent_num, applies the facts parsed from the remarks (``ofac_remarks``) and
resolves "Linked To" names against the list's primary names in a second pass.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.ofac_remarks import RemarkFacts, parse_remarks
from sanctionguard.sources.ofac_terms import CONS_LIST as CONS
from sanctionguard.sources.ofac_terms import SDN_LIST as SDN
from sanctionguard.sources.ofac_terms import is_non_sdn_program
from sanctionguard.sources.textio import CTRL_Z, cell, csv_rows, read_text

FORMAT = "ofac_csv"
SDN_LIST, CONS_LIST = SDN.name, CONS.name

PRIMARY, ADDRESS, ALT, COMMENTS = "primary", "address", "alt", "comments"
WIDTHS = {PRIMARY: 12, ADDRESS: 6, ALT: 5, COMMENTS: 2}
_ROLE_BY_WIDTH = {width: role for role, width in WIDTHS.items()}

_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}
# alt.csv types. "nka" (now known as) is the party's current name, so it is a strong alias,
# not a former name: screening must hit on it with full weight.
_ALT_KINDS = {"aka": NameKind.STRONG_ALIAS, "fka": NameKind.FORMER, "nka": NameKind.STRONG_ALIAS}
# The SDN list also tags a few parties with non-SDN programmes (NS-PLC), so a share decides.
_CONS_SHARE = 0.25
# OFAC cuts SDN_Remarks at 1,000 characters and continues it in the comments file.
REMARKS_WIDTH = 1000
_SNIFF_ROWS = 50
_PROGRAM_SPLIT = re.compile(r"\]\s*\[")
_QUOTED_SECOND = re.compile(r'^\d+,"')
_NUMBER_GROUPING = re.compile(r"(?<=\d),(?=\d{3})")


@dataclass
class _Party:
    """One primary row while the set is being joined; built once links are resolved."""

    builder: EntryBuilder
    name: str
    remark: str | None
    links: list[tuple[str, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------------- sniffing


def sniff(sample: Sample) -> Detection | None:
    """Recognise an OFAC legacy CSV file by its row shape; the role follows from the width.

    The first row must fit and at least half of the sampled rows must share its shape: a few
    broken rows are left to the parser, which reports them with their line numbers.
    """
    rows = _sample_rows(sample)
    role = _ROLE_BY_WIDTH.get(len(rows[0])) if rows else None
    if role is None:
        return None
    shaped = [row for row in rows if len(row) == len(rows[0]) and row[0].strip().isdigit()]
    if not shaped or shaped[0] is not rows[0] or 2 * len(shaped) < len(rows):
        return None
    if not _ROLE_CHECKS[role](shaped, sample.text):
        return None
    return Detection(FORMAT, _list_of(sample, role, shaped), sample.path, role)


def _sample_rows(sample: Sample) -> list[list[str]]:
    text = sample.text.replace(CTRL_Z, "")
    lines = text.splitlines()
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample ends mid-row
    rows: list[list[str]] = []
    for line in [line for line in lines if line.strip()][:_SNIFF_ROWS]:
        try:
            rows.extend(csv.reader([line], strict=True))
        except csv.Error:
            rows.append([])
    return rows


def _is_primary(rows: list[list[str]], _text: str) -> bool:
    return all(
        (cell(row[2]) or "").lower() in ("individual", "vessel", "aircraft", "") for row in rows
    )


def _is_address(rows: list[list[str]], text: str) -> bool:
    return "-0-" in text and all(row[1].strip().isdigit() for row in rows)


def _is_alt(rows: list[list[str]], _text: str) -> bool:
    return all(row[1].strip().isdigit() and row[2].strip().lower() in _ALT_KINDS for row in rows)


def _is_comments(rows: list[list[str]], text: str) -> bool:
    # Two cells "ent_num,text" are a generic shape; OFAC always quotes the overflow text.
    return bool(_QUOTED_SECOND.match(text)) and all(row[1].strip() for row in rows)


_ROLE_CHECKS = {PRIMARY: _is_primary, ADDRESS: _is_address, ALT: _is_alt, COMMENTS: _is_comments}


def _list_of(sample: Sample, role: str, rows: list[list[str]]) -> str:
    """SDN or consolidated: programme tags decide when they can; the file name breaks ties."""
    if role == PRIMARY:
        tagged = sum(1 for row in rows if any(map(is_non_sdn_program, _programs(row[3]))))
        if tagged >= _CONS_SHARE * len(rows):
            return CONS_LIST
    return CONS_LIST if sample.path.name.lower().startswith("cons_") else SDN_LIST


def _programs(value: str) -> list[str]:
    """Programme tags from "SDGT] [IFSR" (OFAC strips only the outermost brackets)."""
    text = cell(value)
    if text is None:
        return []
    return [p.strip(" []") for p in _PROGRAM_SPLIT.split(text) if p.strip(" []")]


# ------------------------------------------------------------------------------------ reading


def _read_table(
    path: Path, role: str, bundle: Bundle, report: ParseReport
) -> Iterator[tuple[int, list[str]]]:
    """Rows of one file, each checked to have the width of its role and counted as read."""
    count = 0
    for line, row in _checked_rows(path, role, bundle):
        count += 1
        report.records_read += 1
        yield line, row
    if count:
        return
    if role == PRIMARY:
        raise ListFormatError(path, "the file holds no records (only an end-of-file mark?)")
    report.warn(f"{path.name}: the file holds no records")


def _checked_rows(path: Path, role: str, bundle: Bundle) -> Iterator[tuple[int, list[str]]]:
    width = WIDTHS[role]
    last = 0
    try:
        for line, row in csv_rows(read_text(path, bundle.limits), path):
            last = line
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != width:
                raise ListFormatError(
                    path,
                    f"expected {width} cells in an OFAC {role} row, found {len(row)} "
                    "(is the file truncated or edited?)",
                    line=line,
                )
            if not row[0].strip().isdigit():
                raise ListFormatError(path, f"ent_num {row[0]!r} is not a number", line=line)
            yield line, row
    except ListFormatError as exc:
        # csv reports the line where it gave up; the record started right after the last one.
        if exc.message.startswith("malformed CSV") and exc.line != last + 1:
            raise ListFormatError(
                path, f"{exc.message} (in the record starting at line {last + 1})", line=last + 1
            ) from exc
        raise


# ------------------------------------------------------------------------------------ parsing


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    """Parse one list's set of files; the primary file is required, the others optional."""
    primaries = bundle.paths(PRIMARY)
    if not primaries:
        first = bundle.paths()[0]
        raise ListFormatError(
            first,
            "OFAC CSV set without its primary file (sdn.csv or cons_prim.csv); "
            "load it together with the address/alias/comments files",
        )
    info = SPEC.list_info(bundle.list_name)
    overflow = _read_comments(bundle, report)
    parties: dict[str, _Party] = {}
    for path in primaries:
        _read_primary(path, bundle, info, parties, report)
    _join_overflow(parties, overflow, report)
    for party in parties.values():
        _apply_remarks(party, parse_remarks(party.remark))
    _read_addresses(bundle, parties, report)
    _read_alts(bundle, parties, report)
    _resolve_links(parties, report)
    for party in parties.values():
        yield party.builder.build()


def _read_primary(
    path: Path, bundle: Bundle, info: ListInfo, parties: dict[str, _Party], report: ParseReport
) -> None:
    for line, row in _read_table(path, PRIMARY, bundle, report):
        ent_num = row[0].strip()
        if ent_num in parties:
            raise ListFormatError(
                path,
                f"ent_num {ent_num} appears twice (first at {parties[ent_num].builder.origin})",
                line=line,
            )
        parties[ent_num] = _primary_party(path, line, row, info)


def _primary_party(path: Path, line: int, row: list[str], info: ListInfo) -> _Party:
    ent_num, name, sdn_type = row[0].strip(), cell(row[1]), (cell(row[2]) or "").lower()
    schema = _SCHEMAS.get(sdn_type)
    if schema is None:
        raise ListFormatError(
            path,
            f"unknown SDN_Type {row[2].strip()!r} (expected individual, vessel, aircraft)",
            line=line,
        )
    if name is None:
        raise ListFormatError(path, f"ent_num {ent_num} has no SDN_Name", line=line)
    builder = EntryBuilder(
        info.name, ent_num, schema, f"{path.name}:{line}", authority=info.authority
    )
    parts = _name_parts(name) if schema == "Person" else None
    builder.add_name(name, NameKind.PRIMARY, parts=parts, original_script=_script(name))
    for program in _programs(row[3]):
        builder.add_program(program)
    # Raw text: a cut remark may end in a space that its overflow relies on.
    party = _Party(builder, name, row[11] if cell(row[11]) else None)
    _apply_title(builder, cell(row[4]))
    _apply_vessel(party, row)
    return party


def _name_parts(name: str) -> dict[str, str] | None:
    """OFAC writes individuals as "FAMILY, Given Names"."""
    family, comma, given = name.partition(",")
    if not comma or not family.strip() or not given.strip():
        return None
    return {"family": family.strip(), "given": given.strip()}


def _script(name: str | None) -> bool | None:
    """False for ASCII names, sparing the builder a per-character script check."""
    return False if name is not None and name.isascii() else None


def _apply_title(builder: EntryBuilder, title: str | None) -> None:
    if title is None:
        return
    if builder.has_property("position"):
        builder.add("position", title)
    else:
        builder.add_remark(f"Title: {title}")


def _apply_vessel(party: _Party, row: list[str]) -> None:
    builder = party.builder
    call_sign, vess_type, tonnage, grt, flag, owner = (cell(v) for v in row[5:11])
    builder.add_identifier(IdKind.CALL_SIGN, call_sign)
    builder.add("type", vess_type)
    builder.add("tonnage", _number(tonnage))
    builder.add("grossRegisteredTonnage", _number(grt))
    if flag is not None and builder.add_country(flag, "flag") is None:
        builder.add_remark(f"Vessel flag: {flag}")
    if owner is not None:
        builder.add_remark(f"Vessel owner: {owner}")
        party.links.append(("owner", owner))


def _number(value: str | None) -> str | None:
    return _NUMBER_GROUPING.sub("", value) if value else None


# ------------------------------------------------------------------------------ joined files


def _read_comments(bundle: Bundle, report: ParseReport) -> dict[str, str]:
    """ent_num -> remark overflow text, from the comments files."""
    overflow: dict[str, str] = {}
    for path in bundle.paths(COMMENTS):
        for _line, row in _read_table(path, COMMENTS, bundle, report):
            if cell(row[1]) is not None:
                ent_num = row[0].strip()
                overflow[ent_num] = overflow.get(ent_num, "") + row[1]
    return overflow


def _join_overflow(
    parties: dict[str, _Party], overflow: dict[str, str], report: ParseReport
) -> None:
    """Append overflow text to remarks that were cut; set aside text that continues nothing.

    The overflow starts mid-word, so it is joined without a separator. A remark that is
    complete (shorter than the cut and ending in a full stop) was written by another edition
    of the list than the comments file: joining would splice unrelated text.
    """
    orphans: list[str] = []
    unmatched: list[str] = []
    for ent_num, text in overflow.items():
        party = parties.get(ent_num)
        if party is None:
            orphans.append(ent_num)
        elif party.remark is None or not _is_cut(party.remark):
            unmatched.append(ent_num)
        else:
            party.remark += text
    _warn_orphans(report, "comments", orphans, len(orphans))
    if unmatched:
        report.warn(
            f"{len(unmatched)} remark-overflow rows do not continue their primary remark "
            f"(the remark is complete; the files are from different list editions) and were "
            f"not joined: ent_num {', '.join(sorted(unmatched, key=int))}"
        )


def _is_cut(remark: str) -> bool:
    return len(remark) >= REMARKS_WIDTH or not remark.rstrip().endswith(".")


def _joined_rows(
    path: Path, role: str, bundle: Bundle, parties: dict[str, _Party], report: ParseReport
) -> Iterator[tuple[_Party, list[str]]]:
    """The rows of a companion file with the party each belongs to; rows of ent_nums the
    primary file lacks are skipped and reported once."""
    missing: Counter[str] = Counter()
    for _line, row in _read_table(path, role, bundle, report):
        party = parties.get(row[0].strip())
        if party is None:
            missing[row[0].strip()] += 1
        else:
            yield party, row
    _warn_orphans(report, path.name, list(missing), missing.total())


def _read_addresses(bundle: Bundle, parties: dict[str, _Party], report: ParseReport) -> None:
    for path in bundle.paths(ADDRESS):
        for party, row in _joined_rows(path, ADDRESS, bundle, parties, report):
            street, city, country, remark = (cell(v) for v in row[2:6])
            full = ", ".join(v for v in (street, city, country) if v)
            party.builder.add_address(full or None, country)
            if remark is not None:
                party.builder.add_remark(f"Address {full}: {remark}" if full else remark)


def _read_alts(bundle: Bundle, parties: dict[str, _Party], report: ParseReport) -> None:
    for path in bundle.paths(ALT):
        unknown: Counter[str] = Counter()
        for party, row in _joined_rows(path, ALT, bundle, parties, report):
            alt_type, name, remark = (cell(row[2]) or "").lower(), cell(row[3]), cell(row[4])
            kind = _ALT_KINDS.get(alt_type)
            if kind is None:
                unknown[alt_type] += 1
                kind = NameKind.STRONG_ALIAS
            party.builder.add_name(name, kind, original_script=_script(name))
            if remark is not None and name is not None:
                party.builder.add_remark(f"{alt_type} {name}: {remark}")
        if unknown:
            report.warn(f"{path.name}: unknown alias types kept as aliases: {dict(unknown)}")


def _warn_orphans(report: ParseReport, what: str, ent_nums: Sequence[str], rows: int) -> None:
    if ent_nums:
        report.warn(
            f"{what}: {len(ent_nums)} ent_nums ({rows} rows) are not in the primary file "
            "(files from different list editions?); those rows were skipped"
        )


# ------------------------------------------------------------------------------------ remarks


def _apply_remarks(party: _Party, facts: RemarkFacts) -> None:
    """Put the parsed facts on the entry; the full remark text is always kept as well."""
    builder = party.builder
    builder.add_remark(party.remark)
    for bd in facts.birth_dates:
        builder.add_birth_date(bd.start, bd.end, bd.circa)
    for place in facts.birth_places:
        builder.add("birthPlace", place)
    for country in facts.nationalities:
        builder.add("nationality", country)
    for country in facts.citizenships:
        builder.add("citizenship", country)
    for gender in facts.genders:
        builder.add("gender", gender)
    for ident in facts.identifiers:
        builder.add_identifier(ident.kind, ident.value, ident.country, ident.note)
    for alias in facts.aliases:
        builder.add_name(alias.name, alias.kind, original_script=_script(alias.name))
    for email in facts.emails:
        builder.add("email", email)
    for website in facts.websites:
        builder.add("website", website)
    for listing in facts.listing_dates:
        builder.set_listed_on(listing.date)
    for effective in facts.effective_dates:
        builder.add_sanction_detail(SanctionDetail.START_DATE, effective.date)
    for prop, value in facts.properties:
        builder.add(prop, value)
    party.links.extend(("linked_to", target) for target in facts.links)


def _resolve_links(parties: dict[str, _Party], report: ParseReport) -> None:
    """Give each link the id of the one party whose primary name it names exactly."""
    by_name: dict[str, list[str]] = {}
    for party in parties.values():
        by_name.setdefault(party.name, []).append(party.builder.id)
    unresolved: Counter[str] = Counter()
    for party in parties.values():
        for relation, target in party.links:
            # The list's closing full stop is cut off a final "Linked To: ... S.A." piece.
            name = target if target in by_name else f"{target}."
            ids = by_name.get(name, [])
            if len(ids) == 1:
                party.builder.add_link(relation, name, ids[0])
            else:
                party.builder.add_link(relation, target)
                unresolved["ambiguous" if ids else "unknown"] += 1
    if unresolved:
        report.warn(
            f"{unresolved.total()} links name no single party of the list and were kept "
            f"unresolved ({unresolved['unknown']} unknown names, "
            f"{unresolved['ambiguous']} names shared by several parties)"
        )


SPEC = FormatSpec(
    format=FORMAT,
    title="OFAC legacy CSV (sdn.csv, add.csv, alt.csv, sdn_comments.csv, cons_*.csv)",
    sniff=sniff,
    parse=parse,
    multi_file=True,
    lists=(SDN, CONS),
)
