"""Merge semantics: objects key by key, scalars replaced, lists unioned, remove deletes."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers.jsonio import same
from claude_tiers.merge import merge, remove

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=4))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=8)
objects = st.dictionaries(st.text(max_size=3), values, max_size=4)


@given(objects, objects)
@settings(max_examples=300)
def test_merge_is_idempotent_and_pure(base: dict[str, Any], fragment: dict[str, Any]) -> None:
    before = copy.deepcopy((base, fragment))
    once = merge(base, fragment)
    assert same(merge(once, fragment), once)
    assert json.dumps(before, sort_keys=True) == json.dumps((base, fragment), sort_keys=True)


@given(objects)
def test_merging_nothing_changes_nothing(base: dict[str, Any]) -> None:
    assert same(merge(base, {}), base)


@given(objects, objects)
@settings(max_examples=300)
def test_base_keys_are_kept_in_order_and_fragment_keys_win(base: dict[str, Any],
                                                           fragment: dict[str, Any]) -> None:
    out = merge(base, fragment)
    assert list(out)[: len(base)] == list(base)
    for key, value in fragment.items():
        if not isinstance(value, (dict, list)) or not isinstance(base.get(key), type(value)):
            assert same(out[key], value)


def test_lists_union_keeps_file_order_and_appends_new() -> None:
    base = {"permissions": {"allow": ["Bash(ls)", "Read(x)"]}}
    out = merge(base, {"permissions": {"allow": ["Read(x)", "Bash(git status)"]}})
    assert out == {"permissions": {"allow": ["Bash(ls)", "Read(x)", "Bash(git status)"]}}


def test_remove_keys_and_pointers_ignores_missing() -> None:
    data = {"defaultModel": "x", "env": {"A": "1", "a/b": "2"}, "l": [1, 2, 3]}
    assert remove(data, ["defaultModel", "/env/a~1b", "/l/1", "/nope/x", "absent"]) == \
        {"env": {"A": "1"}, "l": [1, 3]}
    assert data["defaultModel"] == "x"  # input untouched
