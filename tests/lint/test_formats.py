"""Output formats: golden files (UPDATE_GOLDEN=1 rewrites them) and SARIF schema validity."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers.lint import formats
from claude_tiers.lint.base import Finding
from claude_tiers.lint.engine import FileResult

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "lint"
SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"

RESULTS = [
    FileResult(".claude/settings.json", "settings", (
        Finding(".claude/settings.json", 2, 3, "CT003", "duplicate-key", "error",
                'duplicate key "model" (again at line 3, column 3): Claude Code keeps the last '
                "value and silently ignores this one", "/model", "unsafe"),
        Finding(".claude/settings.json", 4, 14, "CT100", "invalid-setting-drops-file", "error",
                "cleanupPeriodDays: expected a number, got string \"30\"; Claude Code ignores "
                "this whole file, nothing in it is in effect", "/cleanupPeriodDays"),
    )),
    FileResult("services/api/.claude/settings.local.json", "local-settings", (
        Finding("services/api/.claude/settings.local.json", 1, 1, "CT006",
                "local-settings-tracked", "warning", "settings.local.json is personal but "
                "tracked by git, 100% sure: a,b", "", "unsafe"),
    )),
    FileResult("services/api/.claude/agents/a b.md", "agent", (
        Finding("services/api/.claude/agents/a b.md", 0, 0, "CT009", "frontmatter-unparsable",
                "info", "multi\nline message", ""),
    )),
    FileResult("clean/.claude/settings.json", "settings", ()),
    FileResult("fixed/.claude/settings.json", "settings", (), fixed=True),
]


def render(name: str) -> str:
    stream = io.StringIO()
    reporter = formats.make(name, stream, color=False)
    for result in RESULTS:
        reporter.file(result)
    reporter.finish()
    return stream.getvalue()


@pytest.mark.parametrize("name", ["text", "json", "github"])
def test_golden(name: str) -> None:
    out = render(name)
    path = GOLDEN / f"report.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_json_is_one_documented_object() -> None:
    doc = json.loads(render("json"))
    assert doc["version"] == formats.JSON_VERSION
    assert doc["summary"] == {"files": 5, "errors": 2, "warnings": 1, "infos": 1,
                              "fixable": 2, "fixed": 1}
    assert doc["fixed"] == ["fixed/.claude/settings.json"]
    first = doc["findings"][0]
    assert set(first) >= {"path", "line", "column", "code", "name", "severity", "message",
                          "fixable"}
    assert first["fixable"] == "unsafe"


def test_json_with_no_findings_is_valid() -> None:
    stream = io.StringIO()
    reporter = formats.make("json", stream)
    reporter.finish()
    assert json.loads(stream.getvalue())["findings"] == []


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = json.loads(render("sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"CT003", "CT100"} <= {r["id"] for r in rules}
    assert all(r["help"]["text"] for r in rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CT003", "CT100", "CT006", "CT009"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 3}
    assert results[3]["level"] == "note"
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "services/api/.claude/agents/a%20b.md"
    assert rules[results[0]["ruleIndex"]]["id"] == "CT003"


def test_sarif_with_no_results_is_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    stream = io.StringIO()
    reporter = formats.make("sarif", stream)
    reporter.finish()
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(stream.getvalue()))


def test_text_colour_only_when_asked() -> None:
    stream = io.StringIO()
    reporter = formats.make("text", stream)  # a StringIO is not a terminal
    reporter.file(RESULTS[0])
    assert "\x1b[" not in stream.getvalue()
    stream = io.StringIO()
    reporter = formats.make("text", stream, color=True)
    reporter.file(RESULTS[0])
    assert "\x1b[31m[error]" in stream.getvalue()


@pytest.mark.parametrize("name", formats.FORMATS)
def test_no_format_crashes_on_lone_surrogates(name: str, tmp_path: Path) -> None:
    from claude_tiers.discover import Target
    from claude_tiers.lint.engine import RunOptions, lint_target

    path = tmp_path / "settings.json"
    path.write_text('{"model": "\\ud800", "\\udc00x": 1, "env": {"K": "\\udfff"}}')
    result = lint_target(Target(str(path), "settings", "settings.json", None), RunOptions())
    assert result.findings  # CT110 on the key, CT205 on the model
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")  # strict, as a real stdout
    reporter = formats.make(name, stream, color=False)
    reporter.file(result)
    reporter.finish()
    stream.flush()
    text = raw.getvalue().decode("utf-8")
    assert "\\ud800" in text or "\\\\ud800" in text
    if name in ("json", "sarif"):
        json.loads(text)


def test_sarif_uris_are_relative_to_the_repository_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    repo, sibling = tmp_path / "repo", tmp_path / "b"
    (repo / "sub").mkdir(parents=True)
    sibling.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.chdir(repo / "sub")
    results = [
        FileResult("x/.claude/settings.json", "settings", (Finding(
            "x/.claude/settings.json", 1, 2, "CT110", "unknown-key", "warning", "m", "/a"),)),
        FileResult("../../b/.claude/settings.json", "settings", (Finding(
            "../../b/.claude/settings.json", 1, 2, "CT110", "unknown-key", "warning", "m", "/a"),)),
    ]
    stream = io.StringIO()
    reporter = formats.make("sarif", stream, color=False)
    for result in results:
        reporter.file(result)
    reporter.finish()
    log = json.loads(stream.getvalue())
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in log["runs"][0]["results"]]
    assert locations[0] == {"uri": "sub/x/.claude/settings.json", "uriBaseId": "%SRCROOT%"}
    assert locations[1] == {"uri": (sibling.resolve() / ".claude/settings.json").as_uri()}
    import jsonschema

    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))


_TEXT = st.text(st.characters(), max_size=40)  # any code point, lone surrogates included


@settings(max_examples=300, deadline=None)
@given(path=_TEXT, line=st.integers(0, 10**6), column=st.integers(0, 10**6), code=_TEXT,
       name=_TEXT, severity=st.sampled_from(["error", "warning", "info"]), message=_TEXT,
       pointer=_TEXT, fixable=st.sampled_from([None, "safe", "unsafe"]))
def test_a_finding_is_written_as_json_dumps_writes_it(path: str, line: int, column: int,
                                                      code: str, name: str, severity: str,
                                                      message: str, pointer: str,
                                                      fixable: str | None) -> None:
    item = Finding(path, line, column, code, name, severity, message, pointer, fixable)
    assert formats.finding_json(item) == json.dumps(formats.finding_dict(item))
    assert json.loads(formats.finding_json(item)) == formats.finding_dict(item)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=6))
def test_a_result_is_made_printable_exactly_when_one_of_its_texts_needs_it(
        texts: list[str]) -> None:
    findings = tuple(Finding(t, 1, 1, "CT100", "x", "error", t, t) for t in texts)
    result = FileResult("a/.claude/settings.json", "settings", findings)
    from claude_tiers.jsonio import has_surrogates

    needed = any(has_surrogates(t) for t in texts)
    assert (formats.printable_result(result) is not result) == needed
