"""The oracle harness itself: the stub, the output parsers (no Claude Code needed), and real runs (oracle)."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.oracle.harness import (
    DEFAULT_MODEL,
    MANAGED_DIR,
    Oracle,
    OracleTimeout,
    OracleUnavailable,
    SettingsProblem,
    managed_settings,
    pack_by_scope,
    parse_doctor,
    parse_settings_stderr,
    parse_stderr_warnings,
)
from tests.oracle.stub import MessagesStub

# --------------------------------------------------------------------------------------------
# Stub (no Claude Code needed)
# --------------------------------------------------------------------------------------------


def _post(url: str, body: dict[str, Any]) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.headers.get("Content-Type", ""), resp.read()


def _events(raw: bytes) -> list[dict[str, Any]]:
    return [json.loads(line[6:]) for line in raw.decode().splitlines() if line.startswith("data: ")]


def test_stub_streams_text_and_logs_the_model() -> None:
    with MessagesStub() as stub:
        body = {"model": "m-1", "stream": True, "messages": [{"role": "user", "content": "hello"}]}
        status, ctype, raw = _post(stub.url + "/v1/messages?beta=true", body)
        reqs = stub.requests
    assert status == 200 and ctype.startswith("text/event-stream")
    types = [e["type"] for e in _events(raw)]
    assert types == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    assert [(r.model, r.first_user_text, r.stream) for r in reqs] == [("m-1", "hello", True)]


def test_stub_answers_non_streaming_and_count_tokens() -> None:
    with MessagesStub() as stub:
        _s, _c, raw = _post(stub.url + "/v1/messages", {"model": "m-2", "messages": [{"role": "user", "content": "x"}]})
        _s2, _c2, raw2 = _post(stub.url + "/v1/messages/count_tokens?beta=true", {"model": "m-2", "messages": []})
        reqs = stub.requests
    msg = json.loads(raw)
    assert msg["type"] == "message" and msg["stop_reason"] == "end_turn" and msg["content"][0]["type"] == "text"
    assert set(msg["usage"]) >= {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"}
    assert json.loads(raw2) == {"input_tokens": 10}
    assert [r.is_messages for r in reqs] == [True, False]


def test_stub_unknown_route_is_404() -> None:
    with MessagesStub() as stub:
        with pytest.raises(urllib.error.HTTPError) as err:
            _post(stub.url + "/v1/complete", {"model": "m"})
    assert err.value.code == 404
    err.value.close()


def test_stub_sends_one_agent_tool_use_then_text() -> None:
    tool_input = {"description": "d", "prompt": "P"}
    with MessagesStub(agent_tool_input=tool_input) as stub:
        body = {
            "model": "m",
            "stream": True,
            "tools": [{"name": "Bash"}, {"name": "Agent"}],
            "messages": [{"role": "user", "content": [{"type": "text", "text": "go"}]}],
        }
        first = _events(_post(stub.url + "/v1/messages", body)[2])
        second = _events(_post(stub.url + "/v1/messages", body)[2])
        reqs = stub.requests
    assert first[1]["content_block"]["type"] == "tool_use" and first[1]["content_block"]["name"] == "Agent"
    assert json.loads(first[2]["delta"]["partial_json"]) == tool_input
    assert first[4]["delta"]["stop_reason"] == "tool_use"
    assert second[1]["content_block"]["type"] == "text"
    assert [r.answered_with_tool_use for r in reqs] == [True, False] and reqs[0].offers_agent


# --------------------------------------------------------------------------------------------
# Parsers (canned Claude Code 2.1.330 output, no Claude Code needed)
# --------------------------------------------------------------------------------------------

P_STDERR = """\
Permission deny rule "Frobnicate" matches no known tool — check for typos.
These settings did not load, so nothing in them is in effect, including hooks, permission rules and sandbox settings, though environment variables they already set can stay:
  /h/.claude/settings.json: Invalid or malformed JSON
  /p/.claude/settings.json (model): Expected string, but received number
  --settings (inline JSON) (model): Expected string, but received number
These settings entries were skipped; the rest of each source is in effect:
  /p/.claude/settings.local.json (permissions.allow): Invalid permission rule "Bash(ls" was skipped: Malformed Tool(content) rule
  /p/.claude/settings.local.json (hooks.Frob): Unknown hook event "Frob" was ignored. Valid events: PreToolUse
Managed settings contain invalid entries (remaining valid policies are still enforced):
  /etc/claude-code/managed-settings.json (model): Failed schema validation. This field was ignored.
Fix each problem listed, then start Claude Code again. For settings sent with applyFlagSettings, shown as SDK inline settings, send them again instead.
"""


def test_parse_settings_stderr_sections() -> None:
    got = parse_settings_stderr(P_STDERR)
    assert got["dropped"] == [
        SettingsProblem("/h/.claude/settings.json", None, "Invalid or malformed JSON"),
        SettingsProblem("/p/.claude/settings.json", "model", "Expected string, but received number"),
        SettingsProblem("--settings (inline JSON)", "model", "Expected string, but received number"),
    ]
    assert [(p.file, p.json_path) for p in got["skipped"]] == [
        ("/p/.claude/settings.local.json", "permissions.allow"),
        ("/p/.claude/settings.local.json", "hooks.Frob"),
    ]
    assert got["managed"] == [
        SettingsProblem("/etc/claude-code/managed-settings.json", "model", "Failed schema validation. This field was ignored.")
    ]
    assert parse_stderr_warnings(P_STDERR) == ['Permission deny rule "Frobnicate" matches no known tool — check for typos.']


DOCTOR_OUT = """\
Claude Code doctor

Managed settings (remote): not fetched — not available with a custom ANTHROPIC_BASE_URL

Invalid settings
- /h/.claude/settings.json: Invalid or malformed JSON
- /p/.claude/settings.json \u203a permissions.defaultMode: Invalid value. Expected one of: "default"
  Suggested fix: use "default"
- /etc/claude-code/managed-settings.json \u203a enforceAvailableModels: "enforceAvailableModels" was present but invalid; treating it as true (its restrictive value) until it is fixed.

- "enforceAvailableModels" holds nothing that could be applied as written and is this source's only policy content

Remote Control
- Not connected to the Anthropic API (api.anthropic.com)
"""


def test_parse_doctor_invalid_settings() -> None:
    problems, notes = parse_doctor(DOCTOR_OUT)
    assert problems == [
        SettingsProblem("/h/.claude/settings.json", None, "Invalid or malformed JSON"),
        SettingsProblem(
            "/p/.claude/settings.json",
            "permissions.defaultMode",
            'Invalid value. Expected one of: "default"\nSuggested fix: use "default"',
        ),
        SettingsProblem(
            "/etc/claude-code/managed-settings.json",
            "enforceAvailableModels",
            '"enforceAvailableModels" was present but invalid; treating it as true (its restrictive value) until it is fixed.',
        ),
    ]
    assert notes == [
        "\"enforceAvailableModels\" holds nothing that could be applied as written and is this source's only policy content"
    ]
    assert parse_doctor("Claude Code doctor\n\nNo installation issues found.\n") == ([], [])


def test_pack_by_scope_puts_one_file_per_scope_in_a_batch() -> None:
    items: list[tuple[str, Any]] = [("a", "project"), ("b", "project"), ("c", "user"), ("d", "local"), ("e", "user")]
    batches = pack_by_scope(items)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    for b in batches:
        scopes = [items[i][1] for i in b]
        assert len(scopes) == len(set(scopes))
    assert len(batches) == 2


# --------------------------------------------------------------------------------------------
# Real Claude Code
# --------------------------------------------------------------------------------------------


@pytest.mark.oracle
def test_default_model_is_requested(oracle: Oracle) -> None:
    with oracle.sandbox() as sb:
        r = oracle.run(sb.cwd, sb.home)
    assert r.exit_code == 0, r.stderr
    assert r.models == (DEFAULT_MODEL,)
    assert r.subagent_models == ()
    assert r.stdout.strip() == "ok"
    assert r.requests[0].first_user_text.endswith("hi")


@pytest.mark.oracle
def test_model_flag_is_requested_verbatim(oracle: Oracle) -> None:
    with oracle.sandbox() as sb:
        r = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--model", "claude-sonnet-4-6"))
    assert r.exit_code == 0, r.stderr
    assert r.models == ("claude-sonnet-4-6",)


@pytest.mark.oracle
def test_inherited_anthropic_and_claude_vars_do_not_leak(oracle: Oracle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_MODEL", "leaked-model")
    monkeypatch.setenv("CLAUDE_CODE_SUBAGENT_MODEL", "leaked-subagent-model")
    with oracle.sandbox() as sb:
        plain = oracle.run(sb.cwd, sb.home)
        explicit = oracle.run(sb.cwd, sb.home, env={"ANTHROPIC_MODEL": "from-env-arg"})
    assert plain.models == (DEFAULT_MODEL,)
    assert explicit.models == ("from-env-arg",)


@pytest.mark.oracle
def test_project_settings_model_alias_is_resolved(oracle: Oracle) -> None:
    with oracle.sandbox() as sb:
        sb.write_settings("project", '{"model": "sonnet"}')
        r = oracle.run(sb.cwd, sb.home)
    assert r.models == ("claude-sonnet-5-5",)


@pytest.mark.oracle
def test_subagent_launch_is_observed(oracle: Oracle) -> None:
    tool_input = {
        "description": "probe",
        "prompt": "SUBAGENT-PROBE-PROMPT",
        "subagent_type": "general-purpose",
        "model": "haiku",
        "run_in_background": False,
    }
    with oracle.sandbox() as sb:
        r = oracle.run(sb.cwd, sb.home, agent_tool_input=tool_input)
    assert r.exit_code == 0, r.stderr
    assert r.subagent_models == ("claude-haiku-5-5",)
    # the main thread asked once (answered with the tool_use) and again with the tool result
    assert len(r.models) >= 2 and set(r.models) == {DEFAULT_MODEL}
    assert r.requests[0].answered_with_tool_use and r.requests[0].offers_agent


@pytest.mark.oracle
def test_dropped_files_and_skipped_entries_are_parsed(oracle: Oracle) -> None:
    with oracle.sandbox() as sb:
        user = sb.write_settings("user", '{\n  // comment\n  "model": "haiku"\n}\n')
        project = sb.write_settings("project", '{"model": "sonnet"}')
        local = sb.write_settings("local", json.dumps({"permissions": {"allow": ["Bash(ls"]}, "hooks": {"Frob": []}}))
        r = oracle.run(sb.cwd, sb.home)
        d = oracle.doctor(sb.cwd, sb.home)
    assert r.dropped_files == (SettingsProblem(str(user), None, "Invalid or malformed JSON"),)
    assert [(p.file, p.json_path) for p in r.skipped_entries] == [
        (str(local), "permissions.allow"),
        (str(local), "hooks.Frob"),
    ]
    assert r.models == ("claude-sonnet-5-5",)  # a skipped entry does not drop the file; project model wins
    assert d.exit_code == 0
    assert [(p.file, p.json_path) for p in d.invalid_settings] == [
        (str(user), None),
        (str(local), "permissions.allow"),
        (str(local), "hooks.Frob"),
    ]
    assert str(project) not in {p.file for p in d.invalid_settings}


@pytest.mark.oracle
def test_settings_verdict_never_runs_hooks_or_api_key_helper(oracle: Oracle, tmp_path: Path) -> None:
    probe = tmp_path / "ran"
    text = json.dumps(
        {
            "hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": f"touch {probe}-hook"}]}]},
            "apiKeyHelper": f"touch {probe}-helper; echo sk-ant-x",
        }
    )
    v = oracle.settings_verdict(text, "local")
    assert v.verdict == "loaded"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.oracle
def test_timeout_raises_and_kills(oracle: Oracle) -> None:
    with oracle.sandbox() as sb, pytest.raises(OracleTimeout):
        oracle.run(sb.cwd, sb.home, timeout=0.01)


def _snapshot(root: Path) -> dict[str, bytes] | None:
    if not root.exists():
        return None
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"<dir>" for p in sorted(root.rglob("*"))}


@pytest.mark.oracle
def test_managed_settings_apply_and_are_restored(oracle: Oracle) -> None:
    before = _snapshot(MANAGED_DIR)
    try:
        with managed_settings(
            {
                "managed-settings.json": '{"model": "claude-haiku-5-5"}',
                "managed-settings.d/10-env.json": '{"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "sonnet"}}',
            }
        ) as root:
            assert (root / "managed-settings.json").is_file()
            with oracle.sandbox() as sb:
                sb.write_settings("project", '{"model": "sonnet"}')
                r = oracle.run(sb.cwd, sb.home)
    except OracleUnavailable as e:
        pytest.skip(str(e))
    assert r.models == ("claude-haiku-5-5",)  # managed model beats the project model
    assert _snapshot(MANAGED_DIR) == before
    assert not any(p.name.startswith(MANAGED_DIR.name + ".claude-tiers") for p in MANAGED_DIR.parent.iterdir())


@pytest.mark.oracle
def test_managed_settings_restored_after_an_error() -> None:
    before = _snapshot(MANAGED_DIR)
    with pytest.raises(RuntimeError, match="boom"):
        try:
            with managed_settings({"managed-settings.json": "{}"}):
                raise RuntimeError("boom")
        except OracleUnavailable as e:
            pytest.skip(str(e))
    assert _snapshot(MANAGED_DIR) == before


def test_managed_settings_refuses_paths_outside_root(tmp_path: Path) -> None:
    root = tmp_path / "claude-code"
    with pytest.raises(ValueError, match="outside"):
        with managed_settings({"../escape.json": "{}"}, root=root):
            pass
    assert not root.exists() and not (tmp_path / "escape.json").exists()
    assert os.listdir(tmp_path) == []
