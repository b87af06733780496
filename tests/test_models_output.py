"""``claude-tiers models`` rendering, checked against golden files.

Regenerate after a deliberate catalog or format change with ``UPDATE_GOLDEN=1 pytest tests/test_models_output.py``
and review the diff: it is the human-readable record of every catalog change.
"""

from __future__ import annotations

import json

import pytest

from claude_tiers.catalog import load_catalog
from claude_tiers.commands.models import FORMATS, JSON_VERSION, render_models
from tests.golden import assert_golden as _assert_golden



def assert_golden(name: str, text: str) -> None:
    _assert_golden("models", name, text)

@pytest.mark.parametrize("fmt,name", [("text", "models.txt"), ("json", "models.json")])
def test_golden(fmt: str, name: str) -> None:
    assert_golden(name, render_models(load_catalog(), fmt))


def test_json_shape_is_stable() -> None:
    doc = json.loads(render_models(load_catalog(), "json"))
    assert list(doc) == ["version", "checked", "tiers", "aliases", "models"]
    assert doc["version"] == JSON_VERSION == 1
    assert doc["tiers"]["1"] == {"name": "day-to-day", "model": "claude-sonnet-4-6"}
    assert doc["aliases"]["targets"]["opus"] == "claude-opus-5-5"
    keys = {
        "id", "display_name", "family", "version", "status", "availability", "tier", "dated_id", "alias_id",
        "bedrock_id", "vertex_id", "released_on", "deprecated_on", "retires_on", "retires_not_before",
        "retired_on", "replacement", "use_instead", "prices", "effort", "context_1m",
    }
    for m in doc["models"]:
        assert set(m) == keys, m["id"]
    by_id = {m["id"]: m for m in doc["models"]}
    assert by_id["claude-opus-4-1-20250805"]["use_instead"] == "claude-opus-4-8"
    assert by_id["claude-sonnet-4-6"]["prices"]["output"] == 15


def test_text_table_is_aligned_and_complete() -> None:
    text = render_models(load_catalog(), "text")
    assert text.endswith("\n") and "\t" not in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("ID "))
    rows = lines[header + 1:]
    assert len(rows) == len(load_catalog().models)
    col = lines[header].index("STATUS")
    assert all(row[col - 2:col] == "  " for row in rows)
    assert all(line == line.rstrip() for line in lines)
    assert "claude-sonnet-4-6           1     legacy" in text
    assert "retired 2026-08-05; use claude-opus-4-8" in text


def test_unknown_format() -> None:
    assert FORMATS == ("text", "json")
    with pytest.raises(ValueError):
        render_models(load_catalog(), "yaml")


def test_opusplan_is_listed_with_both_of_its_targets() -> None:
    catalog = load_catalog()
    plan = catalog.resolve_alias("opusplan", plan_mode=True)
    otherwise = catalog.resolve_alias("opusplan")
    text = render_models(catalog, "text")
    assert f"opusplan -> {plan} in plan mode, {otherwise} otherwise" in text
    doc = json.loads(render_models(catalog, "json"))
    assert doc["aliases"]["opusplan"] == {"plan_mode": plan, "otherwise": otherwise}
