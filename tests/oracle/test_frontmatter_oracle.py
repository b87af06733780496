"""Claude Code 2.1.330 decides which agent frontmatter loads; our reader must agree."""

from __future__ import annotations

from typing import Any

import pytest

from claude_tiers import frontmatter
from claude_tiers.errors import DocumentError

pytestmark = pytest.mark.oracle

# (case, file text, model Claude Code requests for `--agent probe`, or None when it skips the agent)
CASES = [
    ("plain", "---\nname: probe\ndescription: Runs tests\nmodel: claude-haiku-4-5\n---\nbody\n",
     "claude-haiku-4-5"),
    ("lf-colon", "---\nname: probe\ndescription: Use when: tests fail\nmodel: claude-haiku-4-5\n---\n",
     "claude-haiku-4-5"),
    ("crlf-colon", "---\r\nname: probe\r\ndescription: Use when: tests fail\r\n"
     "model: claude-haiku-4-5\r\n---\r\n", None),
    ("crlf-plain", "---\r\nname: probe\r\ndescription: Use when tests fail\r\n"
     "model: claude-haiku-4-5\r\n---\r\n", "claude-haiku-4-5"),
    ("unclosed-bracket", "---\nname: probe\ndescription: [unclosed\nmodel: claude-haiku-4-5\n---\n",
     "claude-haiku-4-5"),
    ("fallback-keeps-comment", "---\nname: probe\ndescription: a: b: c\n"
     "model: claude-haiku-4-5 # note\n---\n", "claude-haiku-4-5 # note"),
    ("valid-yaml-comment", "---\nname: probe\ndescription: ok\nmodel: claude-haiku-4-5 # note\n---\n",
     "claude-haiku-4-5"),
    ("no-description", "---\nname: probe\nmodel: claude-haiku-4-5\n---\n", None),
]


def ours(text: str) -> str | None:
    """The model our reader says the agent runs on, or None when Claude Code would skip it."""
    try:
        fm = frontmatter.parse(text)
    except DocumentError:
        return None
    if fm is None or not fm.data.get("name") or not fm.data.get("description"):
        return None
    model = fm.data.get("model")
    return model if isinstance(model, str) else None


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_recorded_behaviour_matches_our_reader(case: str, text: str, expected: str | None) -> None:
    assert ours(text) == expected


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_claude_code_still_behaves_as_recorded(oracle: Any, case: str, text: str,
                                               expected: str | None) -> None:
    with oracle.sandbox() as sb:
        sb.write(".claude/agents/probe.md", text)
        run = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--agent", "probe"))
        if expected is None:
            assert run.exit_code != 0 and "not found" in run.stderr
        else:
            assert run.models[:1] == (expected,), run.stderr
