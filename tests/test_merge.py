"""Merge semantics: objects key by key, scalars replaced, lists unioned, remove deletes."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers.jsonio import same
from claude_tiers.merge import REPLACED_WHOLE, copy_json, merge, remove

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


def test_fallback_model_is_replaced_whole_not_unioned() -> None:
    # Claude Code does not merge fallback chains (facts 1.3; max 3 entries): the preset's
    # chain is the chain.
    base = {"fallbackModel": ["claude-opus-4-6", "claude-sonnet-4-6"], "other": [1]}
    out = merge(base, {"fallbackModel": ["claude-haiku-4-5"], "other": [2]})
    assert out["fallbackModel"] == ["claude-haiku-4-5"]
    assert out["other"] == [1, 2]
    assert base["fallbackModel"] == ["claude-opus-4-6", "claude-sonnet-4-6"]
    assert ("fallbackModel",) in REPLACED_WHOLE and REPLACED_WHOLE[("fallbackModel",)]


def _deep(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def test_deep_nesting_merges_and_removes_without_recursion() -> None:
    data = {"x": _deep(5000), "defaultModel": "a", "env": {"A": "1", "B": _deep(5000)}}
    out = merge(remove(data, ["defaultModel", "/env/A"]), {"model": "m"})
    assert out["model"] == "m" and "defaultModel" not in out and out["env"].keys() == {"B"}
    assert out["x"] is data["x"]  # untouched parts are shared, not copied
    assert data["env"] == {"A": "1", "B": data["env"]["B"]} and data["defaultModel"] == "a"
    copied = copy_json(data)
    assert copied["x"] is not data["x"]


@given(base=st.dictionaries(st.sampled_from(['a', 'b', 'x']), values, max_size=3), targets=st.lists(st.sampled_from(["a", "/a/b", "/a/0", "/b/1/c", "x"]),
                                           max_size=3))
def test_remove_never_mutates_its_input(base: dict[str, Any], targets: list[str]) -> None:
    before = copy.deepcopy(base)
    remove(base, targets)
    assert base == before
