"""The model catalog: data integrity, tiers, alias resolution per Claude Code version, env remaps."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from claude_tiers.catalog import (
    AVAILABLE_STATUSES, Catalog, Model, format_money, format_price, load_catalog, parse_version,
)
from claude_tiers.modelstr import classify
from claude_tiers.resources import data_path

CAT = load_catalog()
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED_KEYS = {
    "id", "dated_id", "alias_id", "display_name", "family", "version", "bedrock_id", "vertex_id",
    "status", "deprecated_on", "retires_on", "retired_on", "replacement", "prices", "effort",
    "context_1m", "tier", "source",
}


def all_forms(m: Model) -> list[str]:
    forms = list(m.api_ids)
    forms += [f for f in (m.bedrock_id, m.vertex_id) if f]
    return forms


def test_loads_once_and_is_cached() -> None:
    assert load_catalog() is CAT
    assert re.match(DATE.pattern, CAT.checked)
    assert CAT.checked >= "2026-11-25"
    assert CAT.sources


def test_raw_models_have_every_documented_key() -> None:
    with open(data_path("models.json"), encoding="utf-8") as fh:
        doc = json.load(fh)
    for raw in doc["models"]:
        missing = REQUIRED_KEYS - raw.keys()
        assert not missing, (raw["id"], missing)


def test_ids_are_unique_across_every_form() -> None:
    counts = Counter(f for m in CAT.models for f in dict.fromkeys(all_forms(m)))
    assert [f for f, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("model", CAT.models, ids=lambda m: m.id)
def test_model_fields_are_consistent(model: Model) -> None:
    assert model.family in {"opus", "sonnet", "haiku", "fable", "mythos", "claude"}
    assert model.status in {"active", "legacy", "deprecated", "retired"}
    assert model.source, "every model records its source"
    for d in (model.released_on, model.deprecated_on, model.retires_on, model.retires_not_before,
              model.retired_on):
        assert d is None or DATE.match(d)
    if model.status == "retired":
        assert model.retired_on and model.replacement
        assert model.tier is None
    if model.status == "deprecated":
        assert model.replacement
    if model.dated_id:
        assert re.search(r"-\d{8}$", model.dated_id)
    assert set(model.effort) <= {"low", "medium", "high", "xhigh", "max"}
    if model.default_effort:
        assert model.default_effort in model.effort


@pytest.mark.parametrize("model", CAT.models, ids=lambda m: m.id)
def test_every_form_classifies_as_the_model(model: Model) -> None:
    for form in all_forms(model):
        ref = classify(form)
        assert ref.canonical == model.id, (form, ref)
        assert ref.kind in {"full-id", "dated-id", "bedrock-id", "vertex-id"}, (form, ref)
        assert CAT.get(form) is model


def test_every_replacement_exists() -> None:
    for m in CAT.models:
        if m.replacement:
            assert CAT.get(m.replacement) is not None, m.id
            assert CAT.get(m.replacement) is not m


def test_retired_models_lead_to_a_usable_model() -> None:
    for m in CAT.models:
        if m.status in ("retired", "deprecated"):
            repl = CAT.current_replacement(m)
            assert repl is not None and repl.status in ("active", "legacy"), m.id


def test_prices_present_and_sane_for_every_available_general_model() -> None:
    for m in CAT.models:
        if m.available and m.availability == "general":
            assert m.prices is not None, m.id
        if m.prices is not None:
            p = m.prices
            assert 0 < p.cache_read < p.input < p.cache_write_5m <= p.cache_write_1h, m.id
            assert p.input < p.output, m.id


def test_known_prices() -> None:
    def io(mid: str) -> tuple[float, float]:
        m = CAT.get(mid)
        assert m is not None and m.prices is not None
        return m.prices.input, m.prices.output

    assert io("claude-sonnet-4-6") == (3, 15)
    assert io("claude-opus-4-6") == (5, 25)
    assert io("claude-opus-4-7") == (5, 25)
    assert io("claude-opus-5-5") == (4, 20)
    assert io("claude-sonnet-5-5") == (2, 10)
    assert io("claude-haiku-5-5") == (0.10, 0.50)
    assert io("claude-fable-5-2") == (8, 40)
    assert io("claude-opus-4-1") == (15, 75)


def test_tiers_default_mapping() -> None:
    assert {t: CAT.tier_model(t) for t in (1, 2, 3)} == {
        1: "claude-sonnet-4-6", 2: "claude-opus-4-6", 3: "claude-opus-4-7",
    }
    assert [CAT.tier_name(t) for t in (1, 2, 3)] == ["day-to-day", "production-critical", "genuinely hard"]


@pytest.mark.parametrize("tier", [1, 2, 3])
def test_every_tier_model_exists_and_is_usable(tier: int) -> None:
    m = CAT.get(CAT.tier_model(tier))
    assert m is not None
    assert m.status in ("active", "legacy") and m.status in AVAILABLE_STATUSES
    assert m.tier == tier


def test_tier_of_any_form_and_overrides() -> None:
    assert CAT.tier_of("claude-sonnet-4-6") == 1
    assert CAT.tier_of("us.anthropic.claude-sonnet-4-6") == 1
    assert CAT.tier_of("claude-opus-4-6[1m]") == 2
    assert CAT.tier_of("claude-opus-4-7") == 3
    assert CAT.tier_of("claude-opus-5-5") is None
    assert CAT.tier_of("gpt-4o") is None
    over = {"2": "claude-opus-4-8", "3": "claude-fable-5-2"}
    assert CAT.tier_model(2, over) == "claude-opus-4-8"
    assert CAT.tier_model(1, over) == "claude-sonnet-4-6"
    assert CAT.tier_of("claude-opus-4-8", over) == 2
    assert CAT.tier_of("claude-opus-4-6", over) is None
    assert CAT.tier_model(3, {3: "claude-opus-5-5"}) == "claude-opus-5-5"
    with pytest.raises(KeyError):
        CAT.tier_model(4)


# ---- aliases ------------------------------------------------------------------------------

def test_versions_sorted_and_include_known_points() -> None:
    vs = CAT.versions()
    assert vs == sorted(vs, key=parse_version)
    assert {"2.1.112", "2.1.330"} <= set(vs)


ALIAS_TABLE = [
    # (alias, version, plan_mode, expected)
    ("opus", "2.1.330", False, "claude-opus-5-5"),
    ("best", "2.1.330", False, "claude-opus-5-5"),
    ("opus[1m]", "2.1.330", False, "claude-opus-5-5"),
    ("sonnet", "2.1.330", False, "claude-sonnet-5-5"),
    ("sonnet[1m]", "2.1.330", False, "claude-sonnet-5-5"),
    ("opusplan", "2.1.330", False, "claude-sonnet-5-5"),
    ("opusplan", "2.1.330", True, "claude-opus-5-5"),
    ("opusplan[1m]", "2.1.330", True, "claude-opus-5-5"),
    ("haiku", "2.1.330", False, "claude-haiku-5-5"),
    ("HAIKU", "2.1.330", False, "claude-haiku-5-5"),
    ("fable", "2.1.330", False, "claude-fable-5-2"),
    ("opus", "2.1.112", False, "claude-opus-4-7"),
    ("haiku", "2.1.112", False, "claude-haiku-4-5-20251001"),
    ("sonnet", "2.1.112", False, "claude-sonnet-4-6"),
    ("fable", "2.1.112", False, None),
    ("opus", "2.1.200", False, "claude-opus-4-8"),   # nearest known version <= 2.1.200 is 2.1.197
    ("sonnet", "2.1.200", False, "claude-sonnet-5"),
    ("fable", "2.1.260", False, "claude-fable-5-1"),
    ("opus", "2.1.400", False, "claude-opus-5-5"),  # newer than every snapshot: the newest
    ("opus", "1.0.0", False, "claude-opus-4-7"),    # older than every snapshot: the oldest
    ("opus", None, False, "claude-opus-5-5"),
    ("default", "2.1.330", False, None),
    ("inherit", "2.1.330", False, None),
    ("claude-opus-4-6", "2.1.330", False, None),
    ("opus-4.6", None, False, None),
]


@pytest.mark.parametrize("alias,version,plan,expected", ALIAS_TABLE)
def test_resolve_alias_per_version(alias: str, version: str | None, plan: bool, expected: str | None) -> None:
    assert CAT.resolve_alias(alias, version, plan_mode=plan) == expected


def test_alias_targets_exist_in_catalog() -> None:
    for snap in CAT.snapshots:
        for alias, target in snap.targets.items():
            assert CAT.get(target) is not None, (snap.version, alias, target)
        assert snap.default_model is None or CAT.get(snap.default_model) is not None
        assert snap.source


def test_default_model_per_version() -> None:
    assert CAT.default_model("2.1.330") == "claude-opus-5-5"
    assert CAT.default_model() == "claude-opus-5-5"
    assert CAT.default_model("2.1.219") == "claude-opus-5"


ENV_TABLE = [
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}, "opus", False, "claude-opus-4-6"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6[1m]"}, "opus[1m]", False, "claude-opus-4-6"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}, "opusplan", True, "claude-opus-4-6"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}, "opusplan", False, "claude-sonnet-5-5"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}, "best", False, "claude-opus-4-6"),
    ({"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}, "sonnet", False, "claude-sonnet-4-6"),
    ({"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}, "opusplan", False, "claude-sonnet-4-6"),
    ({"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}, "opus", False, "claude-opus-5-5"),
    ({"ANTHROPIC_DEFAULT_HAIKU_MODEL": "my-haiku-proxy"}, "haiku", False, "my-haiku-proxy"),
    ({"ANTHROPIC_DEFAULT_FABLE_MODEL": "claude-fable-5"}, "fable", False, "claude-fable-5"),
    ({"ANTHROPIC_SMALL_FAST_MODEL": "claude-3-5-haiku-latest"}, "haiku", False, "claude-haiku-5-5"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": ""}, "opus", False, "claude-opus-5-5"),
    ({"ANTHROPIC_DEFAULT_OPUS_MODEL": 5}, "opus", False, "claude-opus-5-5"),  # settings env may hold numbers
]


@pytest.mark.parametrize("env,alias,plan,expected", ENV_TABLE)
def test_env_remaps(env: dict[str, object], alias: str, plan: bool, expected: str) -> None:
    assert CAT.resolve_alias(alias, "2.1.330", env=env, plan_mode=plan) == expected


def test_env_remap_table_names_the_four_variables() -> None:
    assert CAT.env_remaps == {
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "opus",
        "ANTHROPIC_DEFAULT_SONNET_MODEL": "sonnet",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": "haiku",
        "ANTHROPIC_DEFAULT_FABLE_MODEL": "fable",
    }


# ---- lookups and formatting ---------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
    ("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"),
    ("global.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
    ("us.anthropic.claude-opus-5-5", "claude-opus-5-5"),
    ("anthropic.claude-v2:1", "claude-2.1"),
    ("claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet-20241022"),
    ("claude-opus-4@20250514", "claude-opus-4-20250514"),
    ("claude-sonnet-4-6[1m]", "claude-sonnet-4-6"),
    ("  claude-opus-4-7 ", "claude-opus-4-7"),
])
def test_get_accepts_every_form(value: str, expected: str) -> None:
    m = CAT.get(value)
    assert m is not None and m.id == expected


@pytest.mark.parametrize("value", ["opus", "sonnet-4-6", "claude-opus-9", "", "us.anthropic.claude-next"])
def test_get_returns_none_for_non_ids(value: str) -> None:
    assert CAT.get(value) is None


def test_format_price() -> None:
    assert format_price(CAT.by_id("claude-sonnet-4-6")) == "$3/$15 per MTok"
    assert format_price(CAT.by_id("claude-haiku-5-5")) == "$0.10/$0.50 per MTok"
    assert format_price(CAT.by_id("claude-2.1")) == "price unknown"
    assert [format_money(x) for x in (3.0, 0.1, 0.125, 18.75, 1.5)] == ["$3", "$0.10", "$0.125", "$18.75", "$1.50"]


def test_parse_version() -> None:
    assert parse_version("2.1.330") == (2, 1, 330)
    assert parse_version("v2.1.5-beta") == (2, 1, 5)
    with pytest.raises(ValueError):
        parse_version("latest")


def test_catalog_from_minimal_document() -> None:
    doc = {
        "checked": "2026-01-01",
        "tiers": {"1": {"name": "a", "model": "claude-x-1"}},
        "aliases": {"1.0.0": {"targets": {"opus": "claude-x-1", "sonnet": "claude-x-1", "haiku": "claude-x-1"}}},
        "models": [{"id": "claude-x-1", "display_name": "X", "family": "opus", "version": "1", "status": "active"}],
    }
    cat = Catalog(doc)
    assert cat.resolve_alias("opus") == "claude-x-1"
    assert cat.default_model() == "claude-x-1"
    assert cat.tier_of("claude-x-1") == 1
    assert cat.resolve_alias("fable") is None
    assert cat.resolve_alias("best") == "claude-x-1"  # follows opus when the snapshot does not record it


def test_recorded_best_wins_over_following_opus() -> None:
    doc: dict[str, object] = {
        "checked": "2026-01-01", "tiers": {},
        "aliases": {"1.0.0": {"targets": {"opus": "claude-opus-5", "sonnet": "claude-sonnet-5",
                                          "haiku": "claude-haiku-5-5", "fable": "claude-fable-5",
                                          "best": "claude-fable-5"}}},
        "models": [],
    }
    doc["env_remaps"] = {"ANTHROPIC_DEFAULT_OPUS_MODEL": {"alias": "opus"}}
    cat = Catalog(doc)
    assert cat.resolve_alias("best") == "claude-fable-5"
    assert cat.resolve_alias("best", env={"ANTHROPIC_DEFAULT_OPUS_MODEL": "x"}) == "claude-fable-5"
    assert cat.resolve_alias("opus", env={"ANTHROPIC_DEFAULT_OPUS_MODEL": "x"}) == "x"


def test_import_is_light() -> None:
    code = (
        "import sys, claude_tiers.catalog, claude_tiers.modelstr\n"
        "heavy = {'click', 'jsonschema', 'ruamel', 'deepdiff', 'yaml'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
        "print(claude_tiers.catalog._load.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(data_path("models.json").parent.parent.parent)).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "0", "the JSON must load on first use, not at import"


@pytest.mark.parametrize(("value", "tier"), [
    ("claude-sonnet-4-6", 1), ("claude-opus-4-6", 2), ("us.anthropic.claude-opus-4-6-v1", 2),
    # Claude Code lower-cases the ids it knows and strips whitespace and [1m] (any case): it
    # really runs these (asked of Claude Code 2.1.330: tests/oracle/test_explain_oracle.py)
    ("CLAUDE-SONNET-4-6", 1), ("Claude-Opus-4-7", 3), (" claude-sonnet-4-6 ", 1),
    ("claude-opus-4-6[1M]", 2),
    ("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6", 1),
    # sent verbatim and rejected by the API: no tier applies
    ("sonnet-4-6", None), ("Sonnet 4.6", None), ("claude-sonnet-4.6", None),
    ("claude-opus-4-7@20260416", None), ("CLAUDE-OPUS-4-5", None), ("claude-opus-4-7-latest", None),
    # aliases and the legacy ids Claude Code remaps to opus have no tier
    ("opus", None), ("Sonnet", None), ("claude-opus-4-1", None), ("not-a-model", None),
])
def test_tier_only_for_strings_claude_code_really_runs(value: str, tier: int | None) -> None:
    from claude_tiers.apply import model_label

    catalog = load_catalog()
    assert catalog.tier_of(value) == tier
    assert model_label(value) == (f"{value} (tier {tier})" if tier else value)


def test_tier_overrides_match_the_string_sent() -> None:
    over = {"1": "my-gateway-sonnet", "3": "CLAUDE-OPUS-4-8"}
    assert CAT.tier_of("my-gateway-sonnet", over) == 1
    assert CAT.tier_of("claude-opus-4-8", over) == 3  # the override is lower-cased when sent
    assert CAT.tier_of("claude-sonnet-4-6", over) is None
    assert CAT.tier_of("My-Gateway-Sonnet", over) is None  # not an id Claude Code knows: verbatim


@pytest.mark.parametrize(("value", "sent"), [
    ("opus", "opus"), (" Sonnet[1M] ", "sonnet"), ("opusplan", "opusplan"),
    ("CLAUDE-SONNET-4-6", "claude-sonnet-4-6"), ("CLAUDE-SONNET-4-5", "CLAUDE-SONNET-4-5"),
    ("claude-opus-4-1", "opus"), ("CLAUDE-OPUS-4-20250514[1m]", "opus"), ("claude-opus-4", "claude-opus-4"),
    ("default", "default"), ("Sonnet 4.6", "Sonnet 4.6"), ("my-proxy ", "my-proxy"),
])
def test_sent_form(value: str, sent: str) -> None:
    assert CAT.sent_form(value) == sent


def test_sent_form_without_the_legacy_remap() -> None:
    assert CAT.sent_form("claude-opus-4-1", remap_legacy=False) == "claude-opus-4-1"
    assert CAT.sent_form("CLAUDE-OPUS-4-1-20250805", remap_legacy=False) == "CLAUDE-OPUS-4-1-20250805"


# ---- Claude Code's own model facts ------------------------------------------------------------


def test_claude_code_facts_per_version() -> None:
    facts = CAT.claude_code("2.1.330")
    assert facts.version == "2.1.330" and facts.observed and facts.source
    assert CAT.claude_code() == facts  # the newest
    assert CAT.claude_code("2.1.112") == facts  # older than every record: the oldest
    assert CAT.claude_code("9.0.0") == facts
    assert set(facts.lower_cased) <= set(facts.model_table)
    assert facts.legacy_alias == "opus" and facts.legacy_switch == "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP"
    assert {"claude-opus-4-1", "claude-opus-4-0"} <= facts.legacy_ids
    assert facts.retired("claude-sonnet-4-5-20250929", "2026-11-30")
    assert not facts.retired("claude-sonnet-4-5-20250929", "2026-11-29")
    assert not facts.retired("claude-sonnet-4-6", "2099-01-01")


def test_claude_code_model_table_is_newest_first_within_a_family() -> None:
    facts = CAT.claude_code()
    for family in ("opus", "sonnet", "haiku", "fable"):
        ids = [i for i in facts.model_table if family in i]
        versions = [parse_version(CAT.by_id(i).version) for i in ids]
        assert versions == sorted(versions, reverse=True), family


def test_claude_code_facts_name_catalog_models() -> None:
    facts = CAT.claude_code()
    for model_id in (*facts.model_table, *facts.retired_on, *facts.legacy_ids):
        assert CAT.get(model_id) is not None, model_id
    for model_id in facts.model_table:
        assert CAT.by_id(model_id).id == model_id  # canonical ids, as its table has them


# Where Claude Code 2.1.330's own retirement table and the catalog (what Anthropic announced)
# disagree: (id, the catalog's retired_on or retires_on, Claude Code's date). Both are kept; a
# catalog update that changes this list must be deliberate.
RETIREMENT_DISAGREEMENTS = [
    # Claude Code has no first-party date for Opus 4.1: it remaps the id to opus instead
    ("claude-opus-4-1-20250805", "2026-08-05", None),
]


def test_retirement_dates_that_claude_code_and_the_catalog_disagree_on() -> None:
    facts = CAT.claude_code("2.1.330")
    found = []
    for model_id in dict.fromkeys((*facts.model_table, *facts.retired_on)):
        model = CAT.by_id(model_id)
        announced = model.retired_on or model.retires_on
        theirs = facts.retired_on.get(model_id)
        if announced != theirs:
            found.append((model_id, announced, theirs))
    assert found == RETIREMENT_DISAGREEMENTS


def test_catalog_without_claude_code_facts() -> None:
    doc = {"checked": "2026-01-01", "tiers": {}, "models": []}
    facts = Catalog(doc).claude_code("2.1.330")
    assert facts.model_table == () and not facts.retired("x", "2099-01-01")
    assert Catalog(doc).sent_form("CLAUDE-X") == "CLAUDE-X"


def test_every_catalog_date_is_a_real_iso_date() -> None:
    """CT203 compares these as strings and counts days with datetime: they must be valid."""
    from datetime import date

    for model in load_catalog().models:
        for value in (model.released_on, model.deprecated_on, model.retires_on,
                      model.retires_not_before, model.retired_on):
            if value is not None:
                assert date.fromisoformat(value).isoformat() == value, (model.id, value)
