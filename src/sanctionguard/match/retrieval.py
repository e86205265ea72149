"""Candidate retrieval: which listed entities are worth scoring for a query.

Each query rendering's tokens are expanded against the vocabulary; the rarest tokens' postings
are read (common tokens only until 65% of the query's rarity mass is covered, so "Mohammed"
costs nothing when a rare surname is present), and each listed form gets a cheap Dice estimate
of its similarity. Entities are ranked by their best estimate; identifier hits always pass.
Glued and split spellings ("JSCARGUMENT" / "JSC ARGUMENT") get extra query renderings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sanctionguard.match.alignment import QueryForm, QueryToken, miss_factors
from sanctionguard.match.index import MatchIndex
from sanctionguard.match.query import PreparedQuery, schemas_compatible
from sanctionguard.names.types import AnalyzedName, NamePart, NameToken, TokenKind

COVER = 0.65  # read postings until this share of the query's rarity mass is covered
CHEAP_VOLUME = 400  # tokens with fewer postings are always read
FLOOR = 0.3  # forms estimated below this are not scored
FORMS_PER_ENTITY = 3
MAX_QUERY_FORMS = 12
MIN_PIECE = 2  # the shortest piece a glued word is split into
_RETRIEVABLE = (TokenKind.WORD, TokenKind.NUMBER)


@dataclass(slots=True)
class Candidate:
    """A listed entity worth scoring, with its most promising (estimate, query form, form)."""

    entity: int
    estimate: float = 0.0
    pairs: list[tuple[float, int, int]] = field(default_factory=list)
    by_identifier: bool = False


def _is_person(name: AnalyzedName, schema: str | None) -> bool:
    if schema is not None:
        return schemas_compatible(schema, "Person") and schema != "LegalEntity"
    return not name.is_organization


def _query_form(
    index: MatchIndex, pos: int, name: AnalyzedName, tokens: tuple[NameToken, ...], person: bool
) -> QueryForm:
    qtokens = []
    for token in tokens:
        exp = index.expand(token)
        qtokens.append(QueryToken(token, exp.sims, exp.weight))
    return QueryForm(
        name=pos,
        text=name.original,
        tokens=tuple(qtokens),
        weight=sum(q.weight for q in qtokens),
        person=person,
        misses=miss_factors(tokens, person),
    )


def _vocab_token(index: MatchIndex, text: str, part: NamePart) -> NameToken | None:
    tid = index.vocab.ids.get(text)
    if tid is None:
        return None
    vocab = index.vocab
    return NameToken(text, vocab.kind(tid), part, vocab.phonetics[tid], vocab.skeletons[tid])


def _split(index: MatchIndex, token: NameToken) -> tuple[NameToken, NameToken] | None:
    """A glued word the lists never print, cut into two words they do print."""
    text = token.text
    if token.kind is not TokenKind.WORD or text in index.vocab.ids or len(text) < 2 * MIN_PIECE:
        return None
    for cut in range(MIN_PIECE, len(text) - MIN_PIECE + 1):
        head = _vocab_token(index, text[:cut], token.part)
        tail = _vocab_token(index, text[cut:], token.part)
        if head is not None and tail is not None:
            return (head, tail)
    return None


def _glued_variants(
    index: MatchIndex, tokens: tuple[NameToken, ...]
) -> list[tuple[NameToken, ...]]:
    variants = []
    for i, token in enumerate(tokens):
        pieces = _split(index, token)
        if pieces is not None:
            variants.append((*tokens[:i], *pieces, *tokens[i + 1 :]))
    for i in range(len(tokens) - 1):
        glued = _vocab_token(index, tokens[i].text + tokens[i + 1].text, tokens[i].part)
        if glued is not None:
            variants.append((*tokens[:i], glued, *tokens[i + 2 :]))
    return variants


def query_forms(index: MatchIndex, query: PreparedQuery) -> list[QueryForm]:
    """Every rendering of every query name (plus glued/split variants), expanded."""
    forms: list[QueryForm] = []
    seen: set[tuple[str, ...]] = set()
    for pos, name in enumerate(query.names):
        person = _is_person(name, query.schema)
        renderings = list(name.forms)
        for tokens in name.forms[:2]:
            renderings.extend(_glued_variants(index, tokens))
        for tokens in renderings:
            key = tuple(t.text for t in tokens)
            if key in seen or len(forms) >= MAX_QUERY_FORMS * (pos + 1):
                continue
            seen.add(key)
            forms.append(_query_form(index, pos, name, tokens, person))
    return forms


def _selected(index: MatchIndex, form: QueryForm) -> list[QueryToken]:
    """The tokens whose postings are read: rare first, common ones only while needed."""
    usable = [q for q in form.tokens if q.sims and q.token.kind in _RETRIEVABLE]
    if not usable:
        usable = [q for q in form.tokens if q.sims]
    usable.sort(key=lambda q: -q.weight)
    chosen: list[QueryToken] = []
    covered = 0.0
    for q in usable:
        volume = index.expand(q.token).volume
        if covered >= COVER * form.weight and volume > CHEAP_VOLUME:
            continue
        chosen.append(q)
        covered += q.weight
    return chosen


def _estimates(index: MatchIndex, form: QueryForm) -> dict[int, float]:
    """Listed form → Dice estimate of its similarity to the query form."""
    acc: dict[int, float] = {}
    get = acc.get
    for q in _selected(index, form):
        for tid, sim in q.sims.items():
            gain = sim * q.weight
            for f in index.forms_with(tid):
                acc[f] = get(f, 0.0) + gain
    qweight = form.weight
    weights = index.form_weight
    return {f: 2 * a / (qweight + weights[f]) for f, a in acc.items()}


def retrieve(
    index: MatchIndex, query: PreparedQuery, forms: list[QueryForm], limit: int
) -> list[Candidate]:
    """Entities to score, best estimate first: at most ``limit`` by name, plus identifier hits."""
    found: dict[int, Candidate] = {}
    compatible = _schema_filter(index, query.schema)
    for qf, form in enumerate(forms):
        for f, estimate in _estimates(index, form).items():
            if estimate < FLOOR:
                continue
            eidx = index.form_entity(f)
            if not compatible(eidx):
                continue
            cand = found.get(eidx)
            if cand is None:
                cand = found[eidx] = Candidate(eidx)
            cand.pairs.append((estimate, qf, f))
            cand.estimate = max(cand.estimate, estimate)
    ranked = sorted(found.values(), key=lambda c: -c.estimate)[:limit]
    for cand in ranked:
        cand.pairs.sort(reverse=True)
        del cand.pairs[FORMS_PER_ENTITY:]
    chosen = {c.entity for c in ranked}
    for eidx in _identifier_hits(index, query):
        if eidx in chosen or not compatible(eidx):
            continue
        cand = found.get(eidx) or Candidate(eidx)
        cand.pairs.sort(reverse=True)
        del cand.pairs[FORMS_PER_ENTITY:]
        cand.by_identifier = True
        ranked.append(cand)
    return ranked


def _identifier_hits(index: MatchIndex, query: PreparedQuery) -> list[int]:
    hits: list[int] = []
    for ident in query.identifiers:
        hits.extend(index.by_id(ident.value))
    return hits


class _SchemaFilter:
    def __init__(self, index: MatchIndex, schema: str) -> None:
        self.index = index
        self.schema = schema

    def __call__(self, eidx: int) -> bool:
        return schemas_compatible(self.schema, self.index.entities[eidx].schema)


def _schema_filter(index: MatchIndex, schema: str | None) -> _SchemaFilter | _Always:
    return _Always() if schema is None else _SchemaFilter(index, schema)


class _Always:
    def __call__(self, eidx: int) -> bool:
        return True
