"""Keyboard slips: neighbouring keys, dropped, doubled and swapped letters count; others do not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.match.slips import MAX_SLIPS, TOO_MANY, keyboard_slips, neighbour_keys

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)


def test_neighbouring_keys_touch_on_the_usual_layouts() -> None:
    near = neighbour_keys()
    assert "h" in near["n"] and "n" in near["h"]  # QWERTY, beside and below
    assert "v" in near["g"] and "b" in near["g"]  # the row below sits half a key right
    assert "t" in near["z"]  # QWERTZ: z where QWERTY has y
    assert "z" in near["a"]  # AZERTY
    assert "e" not in near["n"] and "w" not in near["f"]


def test_typing_slips_are_counted() -> None:
    assert keyboard_slips("onega", "onega") == 0
    assert keyboard_slips("onrga", "onega") == 1  # e -> r, its neighbour
    assert keyboard_slips("onga", "onega") == 1  # a letter left out
    assert keyboard_slips("oneega", "onega") == 1  # a letter struck twice
    assert keyboard_slips("oenga", "onega") == 1  # neighbours swapped
    assert keyboard_slips("ohwga", "onega") == 2
    assert keyboard_slips("tiru", "timur") == 2
    # Two letters swapped, one of them struck on a neighbouring key: "Aung" -> "Anug" -> "Amug".
    assert keyboard_slips("amug", "aung") == 2
    assert keyboard_slips("snksms", "sinsms") == 2


def test_other_letters_are_spelling_not_slips() -> None:
    # f and w are far apart: "Alrafi" is another name than "Alrawi"; "Saed" is a spelling of
    # "Said" (e is no neighbour of i).
    assert keyboard_slips("alrafi", "alrawi") == TOO_MANY
    assert keyboard_slips("saed", "said") == TOO_MANY
    assert keyboard_slips("ivanovich", "ivan") == TOO_MANY  # too many letters apart


@given(_WORDS, st.data())
def test_one_slip_made_is_at_most_one_slip_counted(word: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(word) - 2))
    near = sorted(neighbour_keys().get(word[i], ""))
    made = [
        word[:i] + word[i + 1 :],  # left out
        word[:i] + word[i] + word[i:],  # doubled
        word[:i] + word[i + 1] + word[i] + word[i + 2 :],  # swapped
        *(word[:i] + n + word[i + 1 :] for n in near[:2]),  # a neighbouring key
    ]
    for typed in made:
        assert keyboard_slips(typed, word) <= 1


@given(_WORDS, _WORDS)
def test_the_count_is_bounded_and_zero_only_for_the_same_word(a: str, b: str) -> None:
    count = keyboard_slips(a, b)
    assert 0 <= count <= TOO_MANY
    assert (count == 0) == (a == b)
    assert count <= MAX_SLIPS or count == TOO_MANY


def _slips_by_search(typed: str, listed: str) -> int:
    """The count by brute force: every way one slip changes ``listed``, twice."""
    near = neighbour_keys()

    def one(word: str) -> set[str]:
        out = set()
        for i, char in enumerate(word):
            out.add(word[:i] + word[i + 1 :])  # left out
            out.add(word[:i] + char + word[i:])  # doubled
            out.update(word[:i] + n + word[i + 1 :] for n in near.get(char, ""))
            if i + 1 < len(word):
                out.add(word[:i] + word[i + 1] + char + word[i + 2 :])  # swapped
        return out

    if typed == listed:
        return 0
    first = one(listed)
    if typed in first:
        return 1
    return 2 if any(typed in one(w) for w in first) else TOO_MANY


@given(
    st.text(alphabet="abnhjeiuo", min_size=1, max_size=7),
    st.text(alphabet="abnhjeiuo", min_size=1, max_size=7),
)
def test_the_table_counts_as_a_search_of_slips_does(typed: str, listed: str) -> None:
    # (The search may also swap a letter it doubled or dropped beside, which the table does
    # not count: it finds fewer there.)
    table, search = keyboard_slips(typed, listed), _slips_by_search(typed, listed)
    assert table >= search
    if search <= 1:
        assert table == search
