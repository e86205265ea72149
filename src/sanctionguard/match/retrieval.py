"""Candidate retrieval: which listed entities are worth scoring for a query.

Each query rendering's tokens are expanded against the vocabulary and their postings read
rarest first; each listed form gets an optimistic estimate of its alignment score, and forms
that cannot reach the threshold are dropped (common tokens such as "Mohammed" then only update
forms already found). Entities are ranked by their best estimate; identifier hits always pass.
Glued and split spellings ("JSCARGUMENT" / "JSC ARGUMENT") get extra query renderings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sanctionguard.match.alignment import QueryForm, QueryToken, miss_factors
from sanctionguard.match.index import MatchIndex
from sanctionguard.match.query import PreparedQuery, schemas_compatible
from sanctionguard.names.legal_forms import legal_form_code
from sanctionguard.names.types import AnalyzedName, NamePart, NameToken, TokenKind

MARGIN = 0.1  # estimates may fall short of the final similarity by this much
INITIAL_MARGIN = 0.15  # initials are not in the estimate: each may add this much
MIN_FLOOR = 0.2  # never score forms estimated below this
PROBE_COST = 8  # looking through one found form costs about as much as this many postings
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
        misses=miss_factors([t.kind for t in tokens], [t.part for t in tokens], person),
        has_number=any(t.kind is TokenKind.NUMBER for t in tokens),
        has_legal_form=any(t.kind is TokenKind.LEGAL_FORM for t in tokens),
    )


def _vocab_token(index: MatchIndex, text: str, part: NamePart) -> NameToken | None:
    """``text`` as the listed token it is (a legal form under its code), if the lists use it."""
    tid = index.vocab.ids.get(text)
    if tid is None and not text.isdigit():
        code = legal_form_code(text)
        tid = None if code is None else index.vocab.ids.get(code)
        text = code or text
    if tid is None:
        return None
    vocab = index.vocab
    return NameToken(text, vocab.kind(tid), part, vocab.phonetics[tid], vocab.skeletons[tid])


def _split(index: MatchIndex, token: NameToken) -> tuple[NameToken, NameToken] | None:
    """A glued word the lists never print, cut into two words they do print."""
    text = token.text
    if token.kind is not TokenKind.WORD or text in index.vocab.ids or len(text) < 2 * MIN_PIECE:
        return None
    for cut in range(MIN_PIECE, len(text)):
        if len(text) - cut < MIN_PIECE and not text[cut:].isdigit():
            continue
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


def _token_forms(index: MatchIndex, q: QueryToken) -> dict[int, float]:
    """Forms holding any expansion of a query token, with the best similarity per form."""
    items = sorted(q.sims.items(), key=lambda kv: kv[1])
    if len(items) == 1:
        return dict.fromkeys(index.forms_with(items[0][0]), items[0][1])
    best: dict[int, float] = {}
    for tid, sim in items:  # ascending: a better expansion overwrites a worse one
        best.update(dict.fromkeys(index.forms_with(tid), sim))
    return best


def _probe(
    index: MatchIndex, q: QueryToken, gains: dict[int, float], masks: dict[int, int], bit: int
) -> None:
    """Add a common token to the few forms already found by looking at their tokens."""
    sims = q.sims
    for f in gains:
        best = max((sims.get(t, 0.0) for t in index.form_token_ids(f)), default=0.0)
        if best > 0:
            gains[f] += best * q.weight
            masks[f] |= bit


def _estimates(index: MatchIndex, form: QueryForm, floor: float) -> dict[int, float]:
    """Listed form → an optimistic estimate of its similarity to the query form (≥ ``floor``).

    The estimate is the alignment score assuming every matched query token pairs with a listed
    token of equal weight and the listed form's unmatched tokens cost their least (an upper
    bound up to initials and unequal fuzzy weights). Tokens are read smallest postings first;
    once the tokens left cannot lift a form never seen above ``floor``, only forms already seen
    are updated (a set intersection), so common tokens such as "Mohammed" cost little.
    """
    misses = form.misses
    words = [(i, q) for i, q in enumerate(form.tokens) if q.token.kind is not TokenKind.INITIAL]
    toks = [(i, q) for i, q in words if q.sims]
    base = sum(q.weight * misses[i] for i, q in words)
    toks.sort(key=lambda t: index.expand(t[1].token).volume)
    left_w = sum(q.weight for _, q in toks)
    left_d = sum(q.weight * (2 - misses[i]) for i, q in toks)
    gains: dict[int, float] = {}
    masks: dict[int, int] = {}
    for i, q in toks:
        open_new = base + left_d <= 0 or 2 * left_w / (base + left_d) >= floor
        left_w -= q.weight
        left_d -= q.weight * (2 - misses[i])
        weight, bit = q.weight, 1 << i
        if not open_new and len(gains) * PROBE_COST < index.expand(q.token).volume:
            _probe(index, q, gains, masks, bit)
            continue
        found = _token_forms(index, q)
        if not gains and open_new:
            gains = {f: sim * weight for f, sim in found.items()}
            masks = dict.fromkeys(found, bit)
            continue
        shared = found.keys() & gains.keys()
        for f in shared:
            gains[f] += found[f] * weight
            masks[f] |= bit
        if open_new:
            for f in found.keys() - shared:
                gains[f] = found[f] * weight
                masks[f] = bit
    return _viable(index, form, base, gains, masks, floor)


def _viable(
    index: MatchIndex,
    form: QueryForm,
    base: float,
    gains: dict[int, float],
    masks: dict[int, int],
    floor: float,
) -> dict[int, float]:
    """The estimates that reach ``floor``; a token set that cannot reach it is skipped at once."""
    sums: dict[int, tuple[float, float] | None] = {}
    weights = index.form_weight
    out: dict[int, float] = {}
    for f, mask in masks.items():
        if mask not in sums:
            matched_w, matched_d = _mask_sums(form, mask)
            best = 2 * matched_w / (base + matched_d) if base + matched_d > 0 else 1.0
            sums[mask] = (matched_w, matched_d) if best >= floor else None
        found = sums[mask]
        if found is None:
            continue
        matched_w, matched_d = found
        den = base + matched_d + max(0.0, weights[f] - matched_w)
        estimate = 2 * gains[f] / den if den > 0 else 1.0
        if estimate >= floor:
            out[f] = estimate
    return out


def _mask_sums(form: QueryForm, mask: int) -> tuple[float, float]:
    """Weight and paired-denominator share of the query tokens in ``mask``."""
    weight = paired = 0.0
    for i, q in enumerate(form.tokens):
        if mask >> i & 1:
            weight += q.weight
            paired += q.weight * (2 - form.misses[i])
    return (weight, paired)


def retrieve(
    index: MatchIndex,
    query: PreparedQuery,
    forms: list[QueryForm],
    limit: int,
    floor: float = 0.0,
) -> list[Candidate]:
    """Entities to score, best estimate first: at most ``limit`` by name, plus identifier hits.

    ``floor`` is the least name similarity that can still reach the threshold; forms estimated
    below it minus a safety margin (and minus more for each initial in the query) are skipped.
    """
    found: dict[int, Candidate] = {}
    compatible = _schema_filter(index, query.schema)
    for qf, form in enumerate(forms):
        initials = sum(1 for q in form.tokens if q.token.kind is TokenKind.INITIAL)
        cut = max(MIN_FLOOR, floor - MARGIN - INITIAL_MARGIN * initials)
        for f, estimate in _estimates(index, form, cut).items():
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
