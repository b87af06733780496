"""Helpers shared by the rules' fixes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers import schema
from claude_tiers.lint.ruletools import keeps_file

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real" / "settings"


def reference_keeps_file(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The definition: validate both documents whole."""
    if schema.verdict(schema.validate(new)) != "dropped":
        return True
    return schema.verdict(schema.validate(old)) == "dropped"


def _corpus() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            docs.append(data)
    return docs


_KEYS = st.sampled_from(["model", "permissions", "hooks", "env", "cleanupPeriodDays", "statusLine",
                         "extraKnownMarketplaces", "additionalMarketplaces", "effortLevel",
                         "includeCoAuthoredBy", "attribution", "fallbackModel", "modle"])
_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-5, 100) | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["allow", "deny", "type", "command", "a"]),
                                         inner, max_size=3), max_leaves=6)
_DOCS = st.dictionaries(_KEYS, _VALUES, max_size=5)
_MUTATIONS = st.lists(st.tuples(_KEYS, st.none() | _VALUES), max_size=3)


def _mutate(old: dict[str, Any], mutations: list[tuple[str, Any]]) -> dict[str, Any]:
    new = dict(old)
    for key, value in mutations:
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    return new


@settings(max_examples=300, deadline=None)
@given(_DOCS, _MUTATIONS)
def test_keeps_file_agrees_with_validating_everything(old: dict[str, Any],
                                                      mutations: list[tuple[str, Any]]) -> None:
    new = _mutate(old, mutations)
    assert keeps_file(old, new) == reference_keeps_file(old, new)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/real/settings (absent)")
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_keeps_file_agrees_on_real_files(data: st.DataObject) -> None:
    docs = _corpus()
    old = data.draw(st.sampled_from(docs))
    new = _mutate(old, data.draw(_MUTATIONS))
    assert keeps_file(old, new) == reference_keeps_file(old, new)
