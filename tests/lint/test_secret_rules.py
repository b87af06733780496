"""The secret rules (CT501-CT503) and the redaction of credentials in every message: data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT5xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_secret_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT5") == []



@needs_engine
@pytest.mark.parametrize("kind,tracked,severity", [
    ("settings", None, "error"), ("settings", True, "error"), ("settings", False, "warning"),
    ("local-settings", True, "error"), ("local-settings", False, "warning"),
    ("local-settings", None, "warning"), ("user-settings", None, "info"),
    ("managed-settings", None, "warning"), ("unread-settings", None, "error"),
])
def test_severity_follows_exposure(kind: str, tracked: bool | None, severity: str) -> None:
    from claude_tiers.lint.engine import lint_text

    text = json.dumps({"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-" + "Zq8Xw2Lr5Tn1" * 3},
                       "permissions": {"allow": ["Bash(PGPASSWORD=Tr0ub4dor3x psql)"]}})
    found = lint_text(text, kind=kind, select=["CT5"], git_tracked=tracked)
    assert [(f.code, f.severity) for f in found] == [("CT501", severity), ("CT502", severity)]
    if tracked:
        assert "tracked by git" in found[1].message or kind == "settings"


KEY_TEXT = json.dumps({"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-" + "Zq8Xw2Lr5Tn1" * 3}})


@needs_engine
@pytest.mark.parametrize("kind,filename,state,severity,words", [
    ("local-settings", ".claude/settings.local.json", "ignored", "warning",
     "a personal settings file that git ignores: not committed, but readable by anyone who has "
     "the file"),
    ("local-settings", ".claude/settings.local.json", "untracked", "warning",
     "git does not ignore: one `git add -A` would commit it"),
    ("local-settings", ".claude/settings.local.json", "tracked", "error", "tracked by git"),
    ("local-settings", ".claude/settings.local.json", "outside", "warning",
     "a personal settings file, readable by anyone who has the file"),
    ("settings", ".claude/settings.json", "tracked", "error", "in a committed project settings"),
    ("settings", ".claude/settings.json", "untracked", "warning", "meant to be committed"),
    ("settings", ".claude/settings.json", "ignored", "warning", "a project settings file that "
     "git ignores"),
    ("settings", ".claude/settings.json", "outside", "error", "meant to be committed and shared"),
    ("settings", "s.json", "tracked", "error", "in s.json, which git tracks: anyone who can read "
     "the repository"),
    ("settings", "s.json", "untracked", "warning", "in s.json, which git does not ignore"),
    ("settings", "s.json", "ignored", "warning", "in s.json, which git ignores: not committed"),
    ("settings", "s.json", "outside", "warning", "in s.json, readable by anyone who has the file"),
    ("unread-settings", "notes.txt", "ignored", "warning", "in notes.txt, which git ignores"),
])
def test_exposure_is_worded_from_what_the_file_is(kind: str, filename: str, state: str,
                                                  severity: str, words: str) -> None:
    """Before: an ignored settings.local.json 'one git add -A would commit', and any loose
    file 'in a committed project settings file'."""
    from claude_tiers.lint.engine import lint_text

    [found] = lint_text(KEY_TEXT, kind=kind, filename=filename, select=["CT501"], git_state=state)
    assert found.severity == severity
    assert words in found.message, found.message
    if state != "untracked":
        assert "git add -A" not in found.message
    if filename not in (".claude/settings.json",) or state != "tracked":
        assert "committed project settings file" not in found.message


@needs_engine
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_exposure_of_files_named_on_the_command_line(tmp_path: Path) -> None:
    from claude_tiers.discover import discover
    from claude_tiers.lint.engine import RunOptions, lint_target

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".claude").mkdir()
    (tmp_path / ".gitignore").write_text(".claude/settings.local.json\n")
    names = [".claude/settings.local.json", "s.json", "tracked.json", "notes.txt"]
    for name in names:
        (tmp_path / name).write_text(KEY_TEXT)
    subprocess.run(["git", "-C", str(tmp_path), "add", "tracked.json"], check=True)
    said = {}
    for name in names:
        [target] = discover([tmp_path / name])
        [found] = [f for f in lint_target(target, RunOptions()).findings if f.code == "CT501"]
        said[name] = (found.severity, found.message)
    assert said[".claude/settings.local.json"][0] == "warning"
    assert "personal settings file that git ignores" in said[".claude/settings.local.json"][1]
    assert "s.json, which git does not ignore" in said["s.json"][1]
    assert said["tracked.json"][0] == "error" and "which git tracks" in said["tracked.json"][1]
    assert "notes.txt, which git does not ignore" in said["notes.txt"][1]


# ------------------------------------------------------------------------------ the corpus

# Files of ../shared/corpus/real/settings whose approved permission rules carry a credential
# (tokens the corpus already masks as XXXX, and live-looking passwords it does not).
RULE_SECRETS = {"0014.settings.json", "0034.settings.json", "0037.settings.local.json",
                "0053.settings.json", "0054.settings.local.json", "0084.settings.local.json",
                "0100.settings.local.json", "0143.settings.local.json", "0146.settings.local.json",
                "0153.settings.local.json", "0172.settings.json", "0173.settings.local.json",
                "0215.settings.local.json"}
ENV_SECRETS = {"0020.settings.json", "0253.settings.json", "0257.settings.json"}


def _corpus() -> list[tuple[str, str, bytes]]:
    shared = require_shared()
    return [(name, kind, raw) for name, kind, raw in
            rulecases.corpus_files(shared / "corpus" / "real") if kind not in ("agent", "command")]


@needs_engine
def test_real_corpus() -> None:
    from claude_tiers.lint.engine import lint_text

    found: dict[str, set[str]] = {}
    for name, kind, raw in _corpus():
        for f in lint_text(raw, kind=kind, filename=name, select=["CT5"]):
            found.setdefault(f.code, set()).add(name.split("/")[-1])
    assert RULE_SECRETS <= found["CT502"], sorted(RULE_SECRETS - found["CT502"])
    assert found["CT501"] == ENV_SECRETS
    assert found["CT503"] == {"0092.settings.json"}  # a postgres URL with a password (MCP args)
    # not credentials: "$token = $data.access_token", "api_key=os.getenv(...)", "ssh-keygen"
    assert "0192.settings.local.json" not in found["CT502"]


def _secrets_of(raw: bytes) -> set[str]:
    """Every credential value in a file, by every means the linter knows."""
    from claude_tiers import jsonio
    from claude_tiers.lint import secretscan
    from claude_tiers.redact import secrets_in

    try:
        data = jsonio.parse(raw).data
    except Exception:
        return set()
    found = set(secrets_in(data))

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(secretscan.credentials_in(value))

    walk(data)
    env = data.get("env") if isinstance(data, dict) else None
    if isinstance(env, dict):
        found.update(v for k, v in env.items() if secretscan.secret_by_name(str(k), v))
    return {s for s in found if len(s) >= 6}


@needs_engine
def test_no_output_line_holds_a_secret() -> None:
    """Render every finding of the key, permission, hook and secret rules as text and JSON and
    look for the raw credentials of the file in it."""
    import io

    from claude_tiers.lint.base import Finding
    from claude_tiers.lint.engine import FileResult, lint_text
    from claude_tiers.lint.formats import make

    checked = 0
    for name, kind, raw in _corpus():
        secrets = _secrets_of(raw)
        if not secrets:
            continue
        findings: list[Finding] = lint_text(raw, kind=kind, filename=name,
                                            select=["CT11", "CT3", "CT4", "CT5"])
        for fmt in ("text", "json"):
            out = io.StringIO()
            reporter = make(fmt, out, color=False)
            reporter.file(FileResult(name, kind, tuple(findings)))
            reporter.finish()
            rendered = out.getvalue()
            for secret in secrets:
                assert secret not in rendered, (name, fmt)
                assert json.dumps(secret)[1:-1] not in rendered, (name, fmt)
        checked += 1
    assert checked >= 20


# ---------------------------------------------------------------------------- redaction


@pytest.mark.parametrize("text,masked", [
    ('PGPASSWORD=wnthdud12 psql', 'PGPASSWORD=**** psql'),
    ('sshpass.exe" -p "Aguilar0121" ssh', 'sshpass.exe" -p "****" ssh'),
    ('curl -u admin:hunter22 http://x', 'curl -u admin:**** http://x'),
    ('mysql -uroot -psecret12 db', 'mysql -uroot -p**** db'),
    ('{"email":"a@b.c","password":"admin123"}', '{"email":"a@b.c","password":"****"}'),
    ('-H "x-api-key: abcdef123456"', '-H "x-api-key: ****"'),
    ('-Dsonar.token=squ_0123456789abcdef0123456789abcdef01234567', '-Dsonar.token=****'),
    ('Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic ****'),
    ('mongodb+srv://user:S3cretPw9@cluster0.x.net', 'mongodb+srv://****@cluster0.x.net'),
])
def test_redact_masks(text: str, masked: str) -> None:
    from claude_tiers.redact import looks_secret_value, redact

    assert looks_secret_value(text)
    assert redact(text) == masked


@pytest.mark.parametrize("text", [
    "$token = $data.access_token;", "api_key=os.getenv\\(''SILICONFLOW_KEY", "max_tokens=100000",
    "MAX_TOKENS=5000000", "TOKEN=\"${GITHUB_TOKEN}\"", "export API_KEY=$KEY", "echo $API_TOKEN",
    "grep -r SECRET_KEY src", "mysql -p mydb", "ssh-keygen -t ed25519",
])
def test_redact_leaves_non_secrets(text: str) -> None:
    from claude_tiers.redact import looks_secret_value, redact

    assert not looks_secret_value(text)
    assert redact(text) == text


# ---------------------------------------------------------------------------- fix properties

rules = st.lists(st.sampled_from([
    "Bash(npm test)", "Bash(PGPASSWORD=Tr0ub4dor3x psql:*)", "Read(./.env)",
    "Bash(curl -H 'Authorization: Bearer abcdefghijklmnopqrstu' https://x)", "Bash(git status)"]),
    max_size=5)


@needs_engine
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(allow=rules, deny=rules)
def test_secret_fix_removes_only_rules_with_credentials(allow: list[str], deny: list[str]) -> None:
    from claude_tiers import jsonio
    from claude_tiers.lint import secretscan
    from claude_tiers.lint.engine import fix_text

    data = {"model": "sonnet", "permissions": {"allow": allow, "deny": deny}}
    text = json.dumps(data, indent=2)
    fixed = fix_text(text, kind="local-settings", select=["CT5"], unsafe=True)
    assert fix_text(fixed, kind="local-settings", select=["CT5"], unsafe=True) == fixed
    assert fix_text(text, kind="local-settings", select=["CT5"]) == text  # no safe fix
    after = jsonio.parse(fixed).data
    assert after["model"] == "sonnet"
    for name, before in (("allow", allow), ("deny", deny)):
        assert after["permissions"][name] == [r for r in before
                                              if not secretscan.credentials_in(r)]
