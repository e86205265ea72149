"""Which modules the build compiles (setup.py) and which run compiled in this environment."""

from __future__ import annotations

import dataclasses
import inspect
import os
import pickle
import runpy
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from sanctionguard.compiled import COMPILED, compiled_modules, module_name
from sanctionguard.match.alignment import Alignment, ListedForm, QueryForm, QueryToken
from sanctionguard.match.attributes import BirthSpan, DatePoint
from sanctionguard.match.embedded import EmbeddedFacts
from sanctionguard.match.features import Evidence, NameMatch, compare_birth
from sanctionguard.match.index import IndexedEntity
from sanctionguard.match.query import PreparedQuery
from sanctionguard.match.retrieval import WORD_MARGIN, Candidate
from sanctionguard.match.screener import Scored
from sanctionguard.match.types import (
    FeatureResult,
    MatchResult,
    MatchSettings,
    NameExplanation,
    Query,
    TokenAlignment,
)
from sanctionguard.match.vocabulary import Expansion
from sanctionguard.names.types import AnalyzedName, NamePart, NameToken, TokenKind

REPO = Path(__file__).resolve().parent.parent


def test_every_module_to_compile_is_a_source_file() -> None:
    src = REPO / "src"
    assert all((src / path).is_file() for path in COMPILED)
    assert module_name("sanctionguard/match/index.py") == "sanctionguard.match.index"


def test_the_modules_run_all_compiled_or_all_interpreted() -> None:
    """A partly compiled install is a broken build; ``SANCTIONGUARD_EXPECT_COMPILED`` (CI's
    compiled run sets 1) says which of the two this run must be."""
    found = compiled_modules()
    everything = tuple(module_name(p) for p in COMPILED)
    assert found in ((), everything)
    expected = os.environ.get("SANCTIONGUARD_EXPECT_COMPILED")
    if expected is not None:
        assert found == (everything if expected == "1" else ())


def _hooks(monkeypatch: pytest.MonkeyPatch, setting: str | None, *argv: str) -> dict[str, Any]:
    """setup.py's functions, with ``SANCTIONGUARD_COMPILE`` set as given, the build command
    ``argv`` and a mypyc whose compile fails."""
    if setting is None:
        monkeypatch.delenv("SANCTIONGUARD_COMPILE", raising=False)
    else:
        monkeypatch.setenv("SANCTIONGUARD_COMPILE", setting)
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    monkeypatch.chdir(REPO)  # (the hook changes to the project's directory)
    failing = types.ModuleType("mypyc.build")

    def mypycify(paths: list[str], **options: object) -> list[object]:
        raise SystemExit("mypyc: an error in the compiled sources")

    failing.mypycify = mypycify  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mypyc.build", failing)
    return runpy.run_path(str(REPO / "setup.py"), run_name="setup_under_test")


def _wanted(monkeypatch: pytest.MonkeyPatch, setting: str | None, *argv: str) -> bool:
    return bool(_hooks(monkeypatch, setting, *argv)["_wanted"]())


def test_the_build_compiles_when_asked_and_never_for_an_editable_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _wanted(monkeypatch, "1", "bdist_wheel")
    assert not _wanted(monkeypatch, "0", "bdist_wheel")
    assert not _wanted(monkeypatch, "1", "editable_wheel")
    assert not _wanted(monkeypatch, None, "editable_wheel")
    # (pip's metadata and requirements hooks run setup.py too: they never compile)
    assert not _wanted(monkeypatch, "1", "egg_info")
    assert not _wanted(monkeypatch, "1", "dist_info")


def test_a_bad_setting_stops_the_build_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="SANCTIONGUARD_COMPILE must be 0 or 1"):
        _wanted(monkeypatch, "yes", "bdist_wheel")


def test_a_failed_compile_installs_interpreted_unless_compiling_is_forced(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # (without a C compiler the hook says so before it tries: interpreted all the same)
    assert _hooks(monkeypatch, None, "bdist_wheel")["_extensions"]() == []
    assert "installing interpreted" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="an error in the compiled sources"):
        _hooks(monkeypatch, "1", "bdist_wheel")["_extensions"]()


def _value_examples() -> list[tuple[type[Any], tuple[Any, ...]]]:
    """One instance's arguments for each value class the matcher builds per query, in their
    fields' order (their constructors are written out: see match/DESIGN.md)."""
    token = NameToken("shugaev", TokenKind.WORD, NamePart.FAMILY, "XKF", "shugaev")
    qtoken = QueryToken(token, {1: 1.0}, 2.0, 5, True, frozenset({1}), (), {1: 2.0})
    qform = QueryForm(0, "Dmitry Shugaev", (qtoken,), 2.0, True, (1.0,), True, False, True, True)
    listed = ListedForm((1,), (2.0,), (1.0,))
    alignment = Alignment(0.9, 12.0, False, True, ((0, 0, 1.0, 2.0),))
    match = NameMatch(qform, "SHUGAEV, Dmitry", "primary", listed, alignment)
    analysed = AnalyzedName("Dmitry Shugaev", "Latin", ((token,),), False)
    span = BirthSpan(DatePoint(1965, 5, 2), None, True)
    query = Query(names=("Dmitry Shugaev",))
    prepared = PreparedQuery(query, "Person", (analysed,), (span,), frozenset({"ru"}), "male", ())
    entity = IndexedEntity(
        "e1", "us_ofac_sdn", "123", "Person", "SHUGAEV", frozenset(), None, (), ()
    )
    aligned = TokenAlignment("dmitry", None, 0.0, 3.1)
    explained = NameExplanation("Dmitry Shugaev", "SHUGAEV", "primary", 0.6, (aligned,))
    feature = FeatureResult("name_similarity", 0.6, 0.83, "'Dmitry Shugaev' ~ 'SHUGAEV'")
    result = ("e1", "SHUGAEV", "Person", 0.4, False, ("us_sdn",), ("1",), (feature,), explained)
    result = (*result, "q1", {"id": "e1"})
    return [
        (QueryToken, (token, {1: 1.0}, 2.0, 5, True, frozenset({1}), (qtoken,), {1: 2.0})),
        (QueryForm, (0, "Dmitry Shugaev", (qtoken,), 2.0, True, (1.0,), True, False, True, True)),
        (ListedForm, ((1,), (2.0,), (1.0,))),
        (Alignment, (0.9, 12.0, False, True, ((0, 0, 1.0, 2.0),))),
        (NameMatch, (qform, "SHUGAEV, Dmitry", "primary", listed, alignment)),
        (Evidence, (prepared, entity, match, True)),
        (Expansion, ({1: 0.9}, 3.5, 40)),
        (Scored, (0.8, 3, match, (), None)),
        (PreparedQuery, (query, "Person", (analysed,), (span,), frozenset({"ru"}), "male", ())),
        (AnalyzedName, ("Dmitry Shugaev", "Latin", ((token,),), False)),
        (EmbeddedFacts, ("Viktor Bout, Moscow", (), ("1967-01-13",), None, "Viktor Bout")),
        (Candidate, (4, 0.7, [(0.7, 0, 9)], True, 0.6, 0.05)),
        (TokenAlignment, ("shugaev", "shugaev", 1.0, 9.6)),
        (NameExplanation, ("Dmitry Shugaev", "SHUGAEV, Dmitry", "primary", 0.97, (aligned,))),
        (FeatureResult, ("name_similarity", 0.97, 0.83, "'Dmitry Shugaev' ~ 'SHUGAEV'")),
        (MatchResult, result),
    ]


@pytest.mark.parametrize(
    ("cls", "args"), _value_examples(), ids=lambda v: getattr(v, "__name__", "")
)
def test_value_classes_keep_their_fields_equality_and_immutability(
    cls: type[Any], args: tuple[Any, ...]
) -> None:
    built = cls(*args)
    assert tuple(getattr(built, f.name) for f in dataclasses.fields(cls)) == args
    assert built == cls(*args)
    if cls.__dataclass_params__.frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(built, dataclasses.fields(cls)[0].name, args[0])
    if compiled_modules():
        # (A constructor dataclass writes runs interpreted, even in a compiled class.)
        assert not inspect.isfunction(cls.__init__)


def test_value_classes_defaults_are_the_documented_ones() -> None:
    token = NameToken("ali", TokenKind.WORD)
    qtoken = QueryToken(token, {}, 1.0)
    assert (qtoken.volume, qtoken.typo, qtoken.keys, qtoken.readings) == (0, False, frozenset(), ())
    assert qtoken.pair_weights is None
    form = QueryForm(0, "Ali", (qtoken,), 1.0, True, (1.0,))
    assert (form.has_number, form.has_legal_form, form.own_script, form.guessed) == (False,) * 4
    assert Scored(0.5, 1, None).features == () and Scored(0.5, 1, None).explained is None
    assert EmbeddedFacts("Ali").names == ("Ali",)
    first, second = Candidate(1), Candidate(2)
    first.pairs.append((1.0, 0, 0))
    assert second.pairs == [] and second.margin == WORD_MARGIN


def test_equal_birth_dates_hash_alike_and_meet_in_the_remembered_comparison() -> None:
    one = BirthSpan(DatePoint(1965, 5, 2))
    same = BirthSpan.from_record({"start": "1965-05-02"})
    assert same == one and hash(same) == hash(one) and len({one, same}) == 1
    assert hash(BirthSpan(DatePoint(1965), circa=True)) != hash(BirthSpan(DatePoint(1965)))
    assert compare_birth(one, same)[0] == 1.0


def test_the_public_match_types_pickle_and_default_as_documented() -> None:
    """Batch workers and Spark send queries and results between processes."""
    feature = FeatureResult("name_similarity", 0.9, 0.8, "close")
    explained = NameExplanation("Ali", "ALI", "primary", 1.0, (TokenAlignment("ali", "ali", 1, 2),))
    result = MatchResult(
        "e", "ALI", "Person", 0.9, True, ("un",), ("QDi.1",), (feature,), explained
    )
    assert result.query_id is None and result.record == {}
    given = [getattr(result, f.name) for f in dataclasses.fields(result)][:9]
    with_record = MatchResult(*given, "q", {"id": "e"})
    assert with_record == MatchResult(*given, "q")  # (a record is not compared)
    for value in (
        MatchSettings(threshold=0.5),
        Query(names=("Ali",), schema="Person", birth_dates=("1970",)),
        feature,
        explained,
        with_record,
    ):
        restored = pickle.loads(pickle.dumps(value))
        assert restored == value and type(restored) is type(value)
    assert pickle.loads(pickle.dumps(with_record)).record == {"id": "e"}
