"""The model-string classifier: kinds, the common mistakes with their suggestions, contexts, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers.catalog import load_catalog
from claude_tiers.modelstr import CONTEXTS, KINDS, ModelRef, classify

CAT = load_catalog()

# (value, kind, canonical, suggestion)
VALID = [
    ("opus", "alias", None, None),
    ("sonnet", "alias", None, None),
    ("haiku", "alias", None, None),
    ("fable", "alias", None, None),
    ("best", "alias", None, None),
    ("default", "alias", None, None),
    ("inherit", "alias", None, None),
    ("opusplan", "alias", None, None),
    ("opus[1m]", "alias", None, None),
    ("sonnet[1m]", "alias", None, None),
    ("opusplan[1m]", "alias", None, None),
    ("HAIKU", "alias", None, "haiku"),
    ("Opus[1M]", "alias", None, "opus[1m]"),
    ("claude-sonnet-4-6", "full-id", "claude-sonnet-4-6", None),
    ("claude-opus-4-6[1m]", "full-id", "claude-opus-4-6", None),
    ("claude-sonnet-4-5", "full-id", "claude-sonnet-4-5-20250929", None),
    ("claude-opus-4-1", "full-id", "claude-opus-4-1-20250805", None),
    ("claude-opus-4-0", "full-id", "claude-opus-4-20250514", None),
    ("claude-3-5-haiku-latest", "full-id", "claude-3-5-haiku-20241022", None),
    ("claude-2.1", "full-id", "claude-2.1", None),
    ("claude-sonnet-4-5-20250929", "dated-id", "claude-sonnet-4-5-20250929", None),
    ("claude-sonnet-4-20250514", "dated-id", "claude-sonnet-4-20250514", None),
    ("anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock-id", "claude-sonnet-4-5-20250929", None),
    ("us.anthropic.claude-sonnet-4-6", "bedrock-id", "claude-sonnet-4-6", None),
    ("global.anthropic.claude-opus-4-8", "bedrock-id", "claude-opus-4-8", None),
    ("eu.anthropic.claude-haiku-4-5-20251001-v1:0", "bedrock-id", "claude-haiku-4-5-20251001", None),
    ("apac.anthropic.claude-3-7-sonnet-20250219-v1:0", "bedrock-id", "claude-3-7-sonnet-20250219", None),
    ("anthropic.claude-opus-4-6-v1", "bedrock-id", "claude-opus-4-6", None),
    ("us.anthropic.claude-next-7", "bedrock-id", None, None),
    ("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-8",
     "bedrock-arn", "claude-opus-4-8", None),
    ("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
     "bedrock-arn", "claude-3-haiku-20240307", None),
    ("arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/opus-prod", "bedrock-arn", None, None),
    ("arn:aws:bedrock:us-east-1:123456789012:custom-model/abc", "bedrock-arn", None, None),
    ("claude-haiku-4-5@20251001", "vertex-id", "claude-haiku-4-5-20251001", None),
    ("claude-3-5-haiku@20241022", "vertex-id", "claude-3-5-haiku-20241022", None),
    ("claude-sonnet-4@20250514", "vertex-id", "claude-sonnet-4-20250514", None),
    ("claude-opus-9", "unknown-claude-id", None, None),
    ("claude-sonnet-6-1", "unknown-claude-id", None, None),
    ("claude-haiku-proxy", "unknown-claude-id", None, None),
    ("gpt-4o", "non-claude", None, None),
    ("gemini-2.5-pro", "non-claude", None, None),
    ("deepseek-chat", "non-claude", None, None),
    ("deepseek-r1", "non-claude", None, None),
    ("qwen2.5-coder:7b", "non-claude", None, None),
    ("my-haiku-proxy", "non-claude", None, None),
    ("my-sonnet-4-6-deployment", "non-claude", None, None),
    ("kimi-k2", "non-claude", None, None),
    ("not-a-real-model", "non-claude", None, None),
    ("", "empty", None, None),
    ("   ", "empty", None, None),
]

# The mistake table: (value, expected kind, expected canonical, expected suggestion)
MISTAKES = [
    ("sonnet-4-6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("opus-4.6", "malformed", "claude-opus-4-6", "claude-opus-4-6"),
    ("opus-4-6", "malformed", "claude-opus-4-6", "claude-opus-4-6"),
    ("claude-sonnet-4.5", "malformed", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
    ("claude-sonnet-4.6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("Sonnet 4.6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("Claude Sonnet 4.6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("claude-4-sonnet", "malformed", "claude-sonnet-4-20250514", "claude-sonnet-4-20250514"),
    ("claude-4-opus", "malformed", "claude-opus-4-20250514", "claude-opus-4-20250514"),
    ("claude-sonnet-4", "malformed", "claude-sonnet-4-20250514", "claude-sonnet-4-20250514"),
    ("claude-4.5-sonnet", "malformed", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
    ("claud-sonnet-5", "malformed", "claude-sonnet-5", "claude-sonnet-5"),
    ("cluade-opus-4-7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("claude-sonet-4-6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("Sonnet 5", "malformed", "claude-sonnet-5", "claude-sonnet-5"),
    ("Claude Opus 4.7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("claude-opus-4.7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("opus4.7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("opus 4.7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("Claude-Opus-4-7", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("CLAUDE-SONNET-4-6", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    (" claude-opus-4-7 ", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("claude-opus-4-7\n", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("claude-sonnet-4-6 [1m]", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6[1m]"),
    ("claude-sonnet-4.6[1m]", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6[1m]"),
    ("claude-3.5-haiku", "malformed", "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022"),
    ("claude-haiku-3-5", "malformed", "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022"),
    ("claude-haiku-4.5", "malformed", "claude-haiku-4-5-20251001", "claude-haiku-4-5"),
    ("claude-haiku-4-5-20251001-v1:0", "malformed", "claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001"),
    ("claude-opus-4-6-20260205", "malformed", "claude-opus-4-6", "claude-opus-4-6"),
    ("claude-3-7-sonnet", "malformed", "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219"),
    ("claude-sonnet-3.7", "malformed", "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219"),
    ("sonnet45", "malformed", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
    ("anthropic/claude-sonnet-4.5", "malformed", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
    ("claude-opus-5.5", "malformed", "claude-opus-5-5", "claude-opus-5-5"),
    ("Claude Fable 5.2", "malformed", "claude-fable-5-2", "claude-fable-5-2"),
    ("claude-sonnet-4-6@20260101", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("claude\u2011opus\u20114\u20117", "malformed", "claude-opus-4-7", "claude-opus-4-7"),
    ("claude-sonnet-4-6-thinking", "malformed", "claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("Claude Haiku 3.5", "malformed", "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022"),
    # no unambiguous target
    ("claude-2", "malformed", None, None),
    ("claude", "malformed", None, None),
    ("claude-3.5-sonnet", "malformed", None, None),
    ("claude-opus-4.9", "malformed", None, None),
    # alias near-misses
    ("opus-plan", "malformed", None, "opusplan"),
    ("sonet", "malformed", None, "sonnet"),
    ("claude-sonnet", "malformed", None, "sonnet"),
    ("claude-opus-latest", "malformed", None, "opus"),
    (" opus", "malformed", None, "opus"),
    ("inherit[1m]", "malformed", None, "inherit"),
    ("opus[1m][1m]", "malformed", None, None),
    ("arn:aws:bedrock:oops", "malformed", None, None),
]


def check(value: str, kind: str, canonical: str | None, suggestion: str | None) -> ModelRef:
    ref = classify(value)
    assert (ref.kind, ref.canonical, ref.suggestion) == (kind, canonical, suggestion), ref
    assert ref.value == value
    assert ref.kind in KINDS
    assert ref.reason
    return ref


@pytest.mark.parametrize("value,kind,canonical,suggestion", VALID)
def test_valid_forms(value: str, kind: str, canonical: str | None, suggestion: str | None) -> None:
    check(value, kind, canonical, suggestion)


@pytest.mark.parametrize("value,kind,canonical,suggestion", MISTAKES)
def test_mistakes(value: str, kind: str, canonical: str | None, suggestion: str | None) -> None:
    ref = check(value, kind, canonical, suggestion)
    assert not ref.ok


def test_suggestions_are_themselves_valid() -> None:
    for value, _kind, canonical, suggestion in MISTAKES:
        if suggestion is None:
            continue
        fixed = classify(suggestion)
        assert fixed.ok and fixed.suggestion is None, (value, suggestion, fixed)
        if canonical is not None:
            assert fixed.canonical == canonical


@pytest.mark.parametrize("value,reason_part", [
    ("Sonnet 4.6", "display name"),
    ("opus-4.6", "dots instead of dashes"),
    ("sonnet-4-6", "missing 'claude-' prefix"),
    ("claude-4-sonnet", "wrong order"),
    ("claud-sonnet-5", "misspelled 'claude'"),
    ("Claude-Opus-4-7", "lower-case"),
    (" claude-opus-4-7 ", "whitespace"),
    ("claude-3-5-sonnet", "ambiguous"),
    ("claude\u2011opus-4-7", "non-ASCII"),
    ("claude-sonnet-4-6-thinking", "unexpected 'thinking'"),
    ("claude-sonnet-4", "Claude Sonnet 4 is claude-sonnet-4-20250514"),
    ("HAIKU", "case"),
    ("inherit", "CLAUDE_CODE_SUBAGENT_MODEL"),
    ("claude-3-5-haiku-latest", "retired"),
    ("arn:aws:bedrock:us-east-1:1:custom-model/abc", "cannot be read"),
])
def test_reasons(value: str, reason_part: str) -> None:
    assert reason_part in classify(value).reason


def test_families_and_one_m() -> None:
    assert classify("opus[1m]").one_m and classify("opus[1m]").alias == "opus"
    assert classify("best").family == "opus"
    assert classify("opusplan").family is None
    assert classify("claude-sonnet-4-6[1m]").one_m
    assert classify("us.anthropic.claude-haiku-4-5-20251001-v1:0").family == "haiku"
    assert classify("gpt-4o").family is None
    assert not classify("gpt-4o").is_claude
    assert classify("claude-opus-9").is_claude


CONTEXT_TABLE = {
    #                 settings session agent command skill env  subagent-env agent-tool
    "opus":          (True,    True,   True, True,   True, True, True,        True),
    "opus[1m]":      (True,    True,   True, True,   True, True, True,        False),
    "best":          (True,    True,   True, True,   True, True, True,        False),
    "opusplan":      (True,    True,   True, True,   True, True, True,        False),
    "fable":         (True,    True,   True, True,   True, True, True,        True),
    "inherit":       (False,   False,  True, True,   True, False, True,       False),
    "default":       (False,   True,   False, False, False, False, False,     False),
    "claude-opus-4-7": (True,  True,   True, True,   True, True, True,        False),
    "us.anthropic.claude-sonnet-4-6": (True, True, True, True, True, True, True, False),
    "claude-opus-9": (True,    True,   True, True,   True, True, True,        False),
    "gpt-4o":        (True,    True,   True, True,   True, True, True,        False),
    "opus-4.6":      (False,   False,  False, False, False, False, False,     False),
    "":              (False,   False,  False, False, False, False, False,     False),
}


@pytest.mark.parametrize("value", list(CONTEXT_TABLE))
def test_is_valid_in(value: str) -> None:
    ref = classify(value)
    got = tuple(ref.is_valid_in(c) for c in CONTEXTS)
    assert got == CONTEXT_TABLE[value]


def test_unknown_context_raises() -> None:
    with pytest.raises(ValueError):
        classify("opus").is_valid_in("frontmatter")


def test_non_string_values() -> None:
    for value in (None, 4.6, ["opus"], {"model": "opus"}, True):
        ref = classify(value)
        assert ref.kind == "malformed" and "not a string" in ref.reason


def test_custom_catalog_is_honoured() -> None:
    from claude_tiers.catalog import Catalog

    cat = Catalog({
        "checked": "2026-01-01", "tiers": {}, "aliases": {},
        "models": [{"id": "claude-opus-9", "display_name": "Claude Opus 9", "family": "opus",
                    "version": "9", "status": "active"}],
    })
    assert classify("claude-opus-9", cat).kind == "full-id"
    assert classify("claude-opus-9").kind == "unknown-claude-id"


# ---- properties ---------------------------------------------------------------------------

ALL_FORMS = sorted({f for m in CAT.models for f in (*m.api_ids, m.bedrock_id, m.vertex_id) if f})

claude_like = st.builds(
    lambda pre, fam, a, b, sep, suf: f"{pre}{fam}{sep}{a}{sep}{b}{suf}",
    st.sampled_from(["", "claude-", "Claude ", "claud-", "anthropic.", "us.anthropic.claude-", "claude-4-"]),
    st.sampled_from(["opus", "sonnet", "haiku", "fable", "mythos", "sonet", "Opus", "gpt"]),
    st.integers(0, 12), st.integers(0, 12),
    st.sampled_from(["-", ".", " ", "", "_"]),
    st.sampled_from(["", "[1m]", "-20250514", "@20251001", "-v1:0", "-latest", " ", "[1M]", "[1m][1m]"]),
)


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(max_size=60), claude_like, st.sampled_from(ALL_FORMS)))
def test_classify_never_raises_and_is_deterministic(value: str) -> None:
    from claude_tiers import modelstr

    first = classify(value)
    modelstr._classify.cache_clear()
    second = classify(value)
    assert first == second
    assert first.kind in KINDS
    assert first.value == value
    if first.canonical is not None:
        assert CAT.get(first.canonical) is not None
    if first.suggestion is not None:
        assert classify(first.suggestion).ok


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_FORMS))
def test_every_catalog_form_is_canonical(form: str) -> None:
    model = CAT.get(form)
    assert model is not None
    assert classify(form).canonical == model.id


def test_every_catalog_id_is_its_own_canonical() -> None:
    for m in CAT.models:
        assert classify(m.id).canonical == m.id
