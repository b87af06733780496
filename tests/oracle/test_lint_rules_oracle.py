"""Real Claude Code 2.1.330 as the judge of the key, permission and hook rules (CT11x, CT3xx, CT4xx).

Each rule says what Claude Code does with an entry ("silently ignored", "skips this rule",
"warns at startup", "never matches"); these tests run Claude Code on the same entries and check
that it does exactly that, and that the fixes make the entries take effect.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from claude_tiers.lint import permrules
from claude_tiers.lint.engine import fix_text, lint_text
from tests.oracle.harness import SAFE_SETTINGS_OVERLAY, parallel_map

pytestmark = pytest.mark.oracle

SPECS = [r"echo \(a\) (b)", r"echo \(a\)", r"echo (a)", r"echo \\(a)", r"echo \(a", r"a\)",
         r"x \( y )", r"echo ( \) ", r"echo \(foo) (bar)", r"echo ) \(x\)", r"echo \(x\) ( y",
         r"echo \( ( \) )", r"a \(b\) c) d", r"echo \(a\) ) x ("]


def test_ambiguous_escapes_are_the_rules_claude_code_skips(oracle: Any) -> None:
    rules = [f"Bash({spec})" for spec in SPECS] + [r"Read(./a\(b) c)", r"Read(./a\(b\))"]
    text = json.dumps({"permissions": {"deny": rules}})
    verdict = oracle.settings_verdict(text, "project")
    skipped = {rule for rule in rules if any(json.dumps(rule)[1:-1].replace("\\\\", "\\") in m
                                             or rule in m for m in verdict.messages)}
    flagged = {rules[int(f.pointer.rsplit("/", 1)[1])]
               for f in lint_text(text, kind="settings", select=["CT310"])}
    assert flagged == skipped, (sorted(flagged), verdict.messages)
    assert len(skipped) >= 6


def test_startup_warnings_are_the_rules_we_flag(oracle: Any) -> None:
    rules = ["Frobnicate", "LS", "MultiEdit", "SlashCommand", "Cd(x)", "Agent", "Task(x)",
             "TodoWrite", "KillShell", "Write(./secret)", "Glob(./x/**)", "NotebookEdit(a.ipynb)",
             "Bash(command:rm *)", "Read(file_path:/etc/passwd)", "Edit(./src/**)", "Bash(rm *)",
             *sorted(permrules.KNOWN_TOOLS)]
    text = json.dumps({"permissions": {"deny": rules}})
    with oracle.sandbox() as sb:
        sb.write_settings("project", text)
        sb.trust()
        run = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--settings", json.dumps(SAFE_SETTINGS_OVERLAY)))
    warned = {rule for rule in rules if f'"{rule}"' in run.stderr or f" {rule} is not matched" in run.stderr}
    flagged = {rules[int(f.pointer.rsplit("/", 1)[1])]
               for f in lint_text(text, kind="settings", select=["CT308", "CT311", "CT312"])}
    assert flagged == warned, (sorted(flagged ^ warned), run.stderr)


SILENT = {
    "top-level permission keys": {"allow": ["Bash(ls)"], "defaultMode": "plan", "deny": ["Read"]},
    "env vars as keys": {"MAX_THINKING_TOKENS": "100", "CLAUDE_CODE_SUBAGENT_MODEL": "haiku"},
    "invented and unknown keys": {"defaultModel": "haiku", "modle": "haiku", "claudeFlow": {}},
    "mcpServers": {"mcpServers": {"x": {"command": "y"}}},
    "unknown keys in permissions": {"permissions": {"allowShellAccess": True}},
    "managed and user-only keys": {"allowManagedHooksOnly": True, "autoMode": {}},
    "mid-rule colon star": {"permissions": {"allow": ["Bash(git:* push)", "Bash(sudo :* )"]}},
    "dead and duplicate rules": {"permissions": {"deny": ["Bash"], "allow": ["Bash(ls)", "Bash(ls)"]}},
    "pseudo-absolute path": {"permissions": {"deny": ["Read(/Users/alice/.ssh/**)"]}},
    "auto mode in project": {"permissions": {"defaultMode": "auto"}},
    "hook matchers": {"hooks": {"PreToolUse": [
        {"matcher": "bash", "hooks": [{"type": "command", "command": "true"}]},
        {"matcher": "start(", "hooks": [{"type": "command", "command": "true"}]},
        {"matcher": "mcp__gemini", "hooks": [{"type": "command", "command": ""}]}]}},
}


def test_what_we_call_silently_ignored_loads_without_a_word(oracle: Any) -> None:
    def verdict(name: str) -> tuple[str, Any]:
        return name, oracle.settings_verdict(json.dumps(SILENT[name]), "project")

    for name, found in parallel_map(verdict, list(SILENT)):
        assert found.verdict == "loaded", (name, found)
        assert "Permission" not in found.run.stderr, (name, found.run.stderr)


@pytest.mark.parametrize("text", [
    '{"ANTHROPIC_MODEL": "claude-haiku-5-5"}',
    '{"defaultModel": "claude-haiku-5-5"}',
    '{"env": {"FOO": "1"}, "ANTHROPIC_MODEL": "claude-haiku-5-5"}',
])
def test_stray_model_keys_do_nothing_until_fixed(oracle: Any, text: str) -> None:
    fixed = fix_text(text, kind="settings", select=["CT111", "CT113"])
    assert fixed != text
    models = []
    for content in (text, fixed):
        with oracle.sandbox() as sb:
            sb.write_settings("project", content)
            models.append(oracle.run(sb.cwd, sb.home).model)
    assert models == ["claude-opus-5-5", "claude-haiku-5-5"]


def test_lowercase_matcher_never_fires_until_fixed(oracle: Any) -> None:
    lowercase = '{"hooks": {"PreToolUse": [{"matcher": "agent", "hooks": []}]}}'
    fixed = json.loads(fix_text(lowercase, kind="settings", select=["CT401"]))
    repaired = fixed["hooks"]["PreToolUse"][0]["matcher"]
    assert repaired == "Agent"

    def fired(matcher: str) -> bool:
        with oracle.sandbox() as sb:
            marker = sb.root / "ran"
            sb.write_settings("project", json.dumps({"hooks": {"PreToolUse": [
                {"matcher": matcher, "hooks": [{"type": "command", "command": f"touch {marker}"}]}]}}))
            sb.trust()
            oracle.run(sb.cwd, sb.home, ("-p", "hi", "--settings",
                                         json.dumps({"apiKeyHelper": "echo sk-ant-dummy"})),
                       agent_tool_input={"description": "x", "prompt": "say hi",
                                         "subagent_type": "general-purpose"})
            return marker.exists()

    assert parallel_map(fired, ["agent", repaired]) == [False, True]


def test_allow_rule_warnings_are_the_rules_we_flag(oracle: Any) -> None:
    rules = ["Bash(*:*)", "Bash(npm run *:*)", "Read(*)", "Bash(npm run *)", "Read",
             "Bash(npm test:*)", "Write(./x/**)", "Edit(*)"]
    text = json.dumps({"permissions": {"allow": rules}})
    with oracle.sandbox() as sb:
        sb.write_settings("project", text)
        sb.trust()
        run = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--settings", json.dumps(SAFE_SETTINGS_OVERLAY)))
    warned = set()
    for line in run.stderr.splitlines():
        found = re.match(r'Permission allow rule (?:"(.*?)" |\(.*?\): (.*?) )(?:adds|has|mixes|is not)',
                         line)
        if found:
            warned.add(found.group(1) or found.group(2))
    flagged = {rules[int(f.pointer.rsplit("/", 1)[1])]
               for f in lint_text(text, kind="settings", select=["CT308", "CT314", "CT315"])}
    assert flagged == warned, (sorted(flagged ^ warned), run.stderr)


IGNORED_VALUES = {  # CT102: each is accepted without a word, and the session runs as if unset
    '{"effortLevel": "max"}': "medium",
    '{"effortLevel": "ultracode"}': "medium",
    '{"effortLevel": 3}': "medium",
    '{"env": {"CLAUDE_CODE_EFFORT_LEVEL": "ultracode"}}': "medium",
    '{"editorMode": "emacs"}': "medium",
    '{"fallbackModel": ["haiku", "opus", "fable", "sonnet"]}': "medium",
}


def test_values_ct102_reports_are_ignored_without_a_word(oracle: Any) -> None:
    def observe(text: str) -> tuple[str, Any, Any, str | None]:
        with oracle.sandbox() as sb:
            sb.write_settings("project", text)
            sb.trust()
            run = oracle.run(sb.cwd, sb.home, settings_overlay=SAFE_SETTINGS_OVERLAY)
            doctor = oracle.doctor(sb.cwd, sb.home)
        effort = (run.requests[-1].body.get("output_config") or {}).get("effort")
        return text, run, doctor, effort

    for text, run, doctor, effort in parallel_map(observe, list(IGNORED_VALUES)):
        assert run.exit_code == 0 and not run.dropped_files and not run.skipped_entries, text
        assert not run.warnings and not doctor.invalid_settings, (text, run.stderr)
        assert effort == IGNORED_VALUES[text], (text, effort)  # the default: as if unset
        assert [f.code for f in lint_text(text, kind="settings", select=["CT1"])] == ["CT102"]
    # the control: a valid value is used
    _, _, _, effort = observe('{"env": {"CLAUDE_CODE_EFFORT_LEVEL": "max"}}')
    assert effort == "max"


def test_agents_with_a_malformed_hooks_block_are_not_loaded(oracle: Any) -> None:
    agents = {
        "good": "---\nname: good\ndescription: d\n---\nbody\n",
        "hooks5": "---\nname: hooks5\ndescription: d\nhooks: 5\n---\nbody\n",
        "hookspre": "---\nname: hookspre\ndescription: d\nhooks:\n  PreToolUse: 5\n---\nbody\n",
    }
    with oracle.sandbox() as sb:
        for name, text in agents.items():
            sb.write(f".claude/agents/{name}.md", text)
        sb.trust()
        run = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--output-format", "stream-json", "--verbose"),
                         settings_overlay=SAFE_SETTINGS_OVERLAY)
    init = next(json.loads(line) for line in run.stdout.splitlines()
                if json.loads(line).get("subtype") == "init")
    loaded = {name for name in agents if name in init["agents"]}
    flagged = {name for name, text in agents.items()
               if any("does not load this agent" in f.message
                      for f in lint_text(text, kind="agent", select=["CT6"]))}
    assert loaded == {"good"} and flagged == {"hooks5", "hookspre"}
