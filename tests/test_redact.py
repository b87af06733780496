"""Credentials never reach an output: which env names count as secret, and redaction itself."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers import redact as redact_module
from claude_tiers.redact import MASK, looks_secret_name, redact, secrets_in


@pytest.mark.parametrize("name", [
    "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "OPENAI_KEY", "STRIPE_SECRET_KEY", "KEY", "DB_PASS",
    "PASS", "SSH_KEY_PASS", "MYSQL_PWD", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN",
    "db-password", "Session_Key",
])
def test_secret_names(name: str) -> None:
    assert looks_secret_name(name)


@pytest.mark.parametrize("name", [
    "PWD", "OLDPWD", "MONKEY", "BYPASS", "PASSTHROUGH", "KEYBOARD_LAYOUT", "KEY_FILE", "ANTHROPIC_MODEL",
    "ANTHROPIC_BASE_URL", "MAX_THINKING_TOKENS", "CLAUDE_CODE_API_KEY_HELPER_TTL_MS", "AUTHOR_NAME",
    "CLAUDE_CODE_SUBAGENT_MODEL", "DISABLE_PROMPT_CACHING",
])
def test_ordinary_names(name: str) -> None:
    assert not looks_secret_name(name)


@pytest.mark.parametrize(("text", "masked"), [
    ("Bash(DB_PASS=hunter2xyz psql *)", "Bash(DB_PASS=**** psql *)"),
    ("Bash(MYSQL_PWD=hunter2xyz mysql -u root)", "Bash(MYSQL_PWD=**** mysql -u root)"),
])
def test_assigned_passwords_in_commands(text: str, masked: str) -> None:
    assert redact(text) == masked


@pytest.mark.parametrize("text", ["Bash(cd $PWD && ls)", "Bash(BYPASS=yes make)", "Bash(npm test)"])
def test_commands_without_secrets(text: str) -> None:
    assert redact(text) == text


_NAMES = st.sampled_from(["OPENAI_KEY", "DB_PASS", "ANTHROPIC_API_KEY", "MY_SERVICE_TOKEN", "X_SECRET"])
_VALUES = st.text(min_size=4, max_size=40).filter(lambda v: v not in ("true", "false"))


@given(name=_NAMES, value=_VALUES, other=st.text(max_size=20))
def test_found_secrets_never_survive_redaction(name: str, value: str, other: str) -> None:
    """Whatever the value, once secrets_in finds it, no rendering of the data shows it."""
    data = {"env": {name: value, "PLAIN": other}}
    secrets = secrets_in(data)
    assert value in secrets
    for text in (json.dumps(data), json.dumps(data, ensure_ascii=False), f"{name}={value}"):
        out = redact(text, secrets)
        assert value not in out or value in MASK


def _nested(depth: int, leaf: object) -> object:
    value = leaf
    for i in range(depth):
        value = {"k": [value, "plain"]} if i % 2 else [value]
    return value


def test_secrets_in_deeply_nested_data() -> None:
    """No recursion: jsonio reads documents nested nearly 1000 levels deep, and data built in
    code may be deeper still."""
    token = "sk-ant-" + "a" * 24
    data = {"env": {"API_TOKEN": "hunter2-secret"}, "x": _nested(100_000, f"Bash(curl -H 'x: {token}')")}
    assert secrets_in(data) == {"hunter2-secret", token}


def test_secrets_in_the_deepest_document_jsonio_reads() -> None:
    from claude_tiers import jsonio

    token = "ghp_" + "b" * 36
    depth = 0
    for depth in range(900, 5000, 10):  # the deepest one jsonio still reads
        text = '{"a": ' + "[" * depth + json.dumps(token) + "]" * depth + "}"
        try:
            jsonio.parse(text.encode(), "deep.json")
        except Exception:  # noqa: BLE001 - too deep for the reader: the previous depth is the deepest
            break
    depth -= 10
    text = '{"a": ' + "[" * depth + json.dumps(token) + "]" * depth + "}"
    assert secrets_in(jsonio.parse(text.encode(), "deep.json").data) == {token}


@settings(max_examples=400, deadline=None)
@given(st.from_regex(redact_module._ASSIGNED_SECRET.compiled), st.text(max_size=10), st.text(max_size=10))
def test_the_assignment_prefilter_never_misses_a_match(match: str, before: str, after: str) -> None:
    """_may_assign is only a shortcut: every string the pattern matches passes it."""
    for text in (match, before + match + after):
        if redact_module._ASSIGNED_SECRET.search(text):
            assert redact_module._may_assign(text)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from([(redact_module._TOKEN_PATTERNS.compiled, redact_module._may_hold_token),
                        (redact_module._OPTION_SECRET.compiled, redact_module._may_pass_option)]),
       st.data())
def test_the_token_and_option_prefilters_never_miss_a_match(pair: Any, data: st.DataObject) -> None:
    pattern, may = pair
    text = data.draw(st.text(max_size=8)) + data.draw(st.from_regex(pattern)) \
        + data.draw(st.text(max_size=8))
    if pattern.search(text):
        assert may(text), text


# One example of each alternative of _TOKEN_PATTERNS (the lookbehind ones need their context,
# which generated matches seldom give them).
TOKEN_EXAMPLES = [
    "sk-ant-api03-abcdefgh12", "sk-proj-abcdefghijklmnopqrstuv", "sk-abcdefghijklmnopqrstuvwx",
    "ghp_abcdefghijklmnopqrstuv", "gho_abcdefghijklmnopqrstuv", "ghu_abcdefghijklmnopqrstuv",
    "ghs_abcdefghijklmnopqrstuv", "ghr_abcdefghijklmnopqrstuv", "github_pat_abcdefghijklmnopqrstuv",
    "xoxb-1234567890-abc", "AKIAABCDEFGHIJKLMNOP", "ASIAABCDEFGHIJKLMNOP",
    "AIzaabcdefghijklmnopqrstuvwxyz0123456", "glpat-abcdefghijklmnopqrstu",
    "npm_abcdefghijklmnopqrstuvwxyz0123456", "sk_live_abcdefghijklmnop", "rk_live_abcdefghijklmnop",
    "hf_abcdefghijklmnopqrstuvwxyz01234", "squ_abcdefghijklmnopqrstuvwxyz01234",
    "sqp_abcdefghijklmnopqrstuvwxyz01234", "sqa_abcdefghijklmnopqrstuvwxyz01234",
    "sbp_abcdefghijklmnopqrstuvwxyz01234", "dop_v1_" + "a" * 40, "xai-abcdefghijklmnopqrstuvwxyz01234",
    "pypi-" + "A" * 50, "SG.abcdefghijklmnopq.abcdefghijklmnopq", "ya29.abcdefghijklmnopqrstu",
    "Authorization: Bearer abcdefghijklmnopq", "curl -H 'Authorization: basic dXNlcjpwYXNzd29y'",
    "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.abc", "https://deploy:s3cretpw@example.com/repo.git",
]


def test_each_anchor_group_is_ruled_out_by_a_character_its_matches_hold() -> None:
    """An anchor holds its group's character, or (xox, eyJ) its pattern requires it."""
    for mark, anchors in redact_module._TOKEN_ANCHOR_GROUPS:
        for anchor in anchors:
            assert mark in anchor or (anchor, mark) in {("xox", "-"), ("eyJ", ".")}, anchor


@pytest.mark.parametrize("text", TOKEN_EXAMPLES)
def test_every_token_form_is_found_and_passes_the_prefilter(text: str) -> None:
    assert redact_module._TOKEN_PATTERNS.search(text), text
    assert redact_module._may_hold_token(text), text
    assert redact(text) != text
