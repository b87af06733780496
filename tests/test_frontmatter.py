"""Frontmatter: the fast flat parser agrees with ruamel.yaml; edits change one line only."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers import frontmatter
from claude_tiers.errors import DocumentError
from claude_tiers.yamlio import load_yaml

field_names = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)
plain_values = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ._/,()-]{0,30}", fullmatch=True),
    st.sampled_from(["true", "false", "null", "~", "0x1F", "1.5", "-3", "+7", "yes", "no", "0o17",
                     ".inf", "1e3", "sonnet", "claude-opus-4-7", "opus[1m]", "a: b", "x #y",
                     '"quoted"', "'single'", '"esc\\"aped"', "[a, b]", "{a: 1}", "*ref", "- item"]),
)


@given(st.dictionaries(field_names, plain_values, min_size=1, max_size=6))
@settings(max_examples=300)
def test_fast_path_agrees_with_ruamel(fields: dict[str, str]) -> None:
    block = "".join(f"{k}: {v}\n" for k, v in fields.items())
    text = f"---\n{block}---\nbody\n"
    try:
        expected = load_yaml(block, "x")
    except DocumentError:
        return  # invalid YAML: the fast path must not have accepted it either
    fm = frontmatter.parse(text)
    assert fm is not None
    assert fm.data == expected


def test_no_frontmatter_and_unclosed_block() -> None:
    assert frontmatter.parse("# Title\n") is None
    with pytest.raises(DocumentError, match="never"):
        frontmatter.parse("---\nname: x\n")


def test_lenient_fallback_for_unquoted_colons_as_claude_code_does() -> None:
    fm = frontmatter.parse("---\nname: a\ndescription: Use when: tests fail\n---\n")
    assert fm is not None and fm.data["description"] == "Use when: tests fail"
    assert fm.strict_error is not None and fm.strict_error.line == 3
    with pytest.raises(DocumentError):  # CRLF + colon: Claude Code skips it (issue #80890)
        frontmatter.parse("---\r\nname: a\r\ndescription: Use when: tests fail\r\n---\r\n")


@pytest.mark.parametrize(("text", "expected"), [
    ("---\nname: a\nmodel: opus # keep\n---\nBody\n",
     "---\nname: a\nmodel: claude-sonnet-4-6 # keep\n---\nBody\n"),
    ("---\nname: a\nmodel: \"opus\"\n---\n", "---\nname: a\nmodel: \"claude-sonnet-4-6\"\n---\n"),
    ("---\nname: a\nmodel: 'opus'\n---\n", "---\nname: a\nmodel: 'claude-sonnet-4-6'\n---\n"),
    ("---\r\nname: a\r\n---\r\nBody\r\n", "---\r\nname: a\r\nmodel: claude-sonnet-4-6\r\n---\r\nBody\r\n"),
    ("---\nname: a\ntools:\n  - Read\n---\n", "---\nname: a\ntools:\n  - Read\nmodel: claude-sonnet-4-6\n---\n"),
    # An empty `model:` is null in YAML: it is set, not refused as "several lines".
    ("---\nname: a\nmodel:\ndescription: d\n---\n",
     "---\nname: a\nmodel: claude-sonnet-4-6\ndescription: d\n---\n"),
    ("---\nname: a\nmodel:   # pick one\n---\n", "---\nname: a\nmodel:   claude-sonnet-4-6 # pick one\n---\n"),
    # Bytes beyond the value stay: trailing blanks, before CRLF too.
    ("---\nname: a\nmodel: opus   \n---\n", "---\nname: a\nmodel: claude-sonnet-4-6   \n---\n"),
    ("---\r\nname: a\r\nmodel: opus \t\r\n---\r\n", "---\r\nname: a\r\nmodel: claude-sonnet-4-6 \t\r\n---\r\n"),
])
def test_set_model_changes_one_line(text: str, expected: str) -> None:
    fm = frontmatter.parse(text)
    assert fm is not None
    out = frontmatter.set_field(fm, "model", "claude-sonnet-4-6")
    assert out == expected
    changed = [l for l in difflib.ndiff(text.splitlines(), out.splitlines()) if l[:1] in "+-"]
    assert len([l for l in changed if l.startswith("+")]) == 1


def test_multiline_model_is_refused() -> None:
    fm = frontmatter.parse("---\nname: a\nmodel:\n  opus\n---\n")
    assert fm is not None
    with pytest.raises(DocumentError, match="several lines"):
        frontmatter.set_field(fm, "model", "claude-sonnet-4-6")


def test_block_values_under_an_empty_key_are_still_refused() -> None:
    fm = frontmatter.parse("---\nname: a\nmodel:\n- opus\n---\n")
    assert fm is not None
    with pytest.raises(DocumentError, match="several lines"):
        frontmatter.set_field(fm, "model", "claude-sonnet-4-6")


def test_read_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "dir.md").mkdir()
    for name, words in (("fifo.md", "FIFO"), ("dir.md", "directory")):
        with pytest.raises(DocumentError, match=words):
            frontmatter.read(tmp_path / name)


@given(st.dates(), st.sampled_from(["{d}", "{d}T10:20:30Z", "{d} 10:20:30.5",
                                    "{d}t01:02:03-05:00"]))
def test_unquoted_dates_and_timestamps_stay_the_strings_written(day: date, shape: str) -> None:
    written = shape.format(d=day.isoformat())
    assert load_yaml(f"created: {written}\nnested:\n  when: [{written}]\n", "x.md") == {
        "created": written, "nested": {"when": [written]}}


def test_a_date_inside_agent_frontmatter_is_no_parse_error(tmp_path: Path) -> None:
    from claude_tiers.lint.engine import lint_text

    text = "---\nname: dated\ndescription: has dates\nmeta:\n  created: 2024-01-01\n---\nBody\n"
    assert [f.code for f in lint_text(text, kind="agent")] == []
