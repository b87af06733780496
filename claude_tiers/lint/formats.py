"""Output formats of ``claude-tiers lint``: text, json, sarif, github.

A reporter receives file results one at a time (``file``) and writes as it goes, so memory
stays flat however many files there are; ``finish`` writes the tail (summary, closing
brackets). Reporters make no pass/fail decisions.

JSON format (``"version": 1``)::

    {"version": 1,
     "tool": {"name": "claude-tiers", "version": "0.1.0"},
     "findings": [{"path": ".claude/settings.json", "line": 3, "column": 5,
                   "code": "CT100", "name": "invalid-setting-drops-file",
                   "severity": "error", "message": "...", "pointer": "/model",
                   "fixable": null}],          # "safe", "unsafe" or null
     "fixed": [".claude/settings.json"],       # files changed by --fix
     "diffs": [{"path": ".claude/settings.json",  # with --diff: what --fix would change
                "diff": "--- a/...\n+++ b/...\n..."}],
     "summary": {"files": 12, "errors": 1, "warnings": 0, "infos": 0, "fixable": 0,
                 "fixed": 0}}

Fields are only ever added to version 1; a removal or a change of meaning makes version 2.
The formats are documented for users in docs/lint-output.md.
"""

from __future__ import annotations

import json
import sys
from typing import IO, TYPE_CHECKING, Any, Callable

from claude_tiers.lint.base import Finding

if TYPE_CHECKING:
    from claude_tiers.lint.engine import FileResult

JSON_VERSION = 1
FORMATS = ("text", "json", "sarif", "github")


class Summary:
    """Counts over a whole run."""

    def __init__(self) -> None:
        self.files = 0
        self.errors = 0
        self.warnings = 0
        self.infos = 0
        self.fixable = 0
        self.fixed = 0
        self.files_with_findings = 0
        self.fixed_paths: list[str] = []

    def add(self, result: FileResult) -> None:
        """Count one file's result."""
        self.files += 1
        if result.findings:
            self.files_with_findings += 1
        for item in result.findings:
            if item.severity == "error":
                self.errors += 1
            elif item.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1
            if item.fixable:
                self.fixable += 1
        if result.fixed:
            self.fixed += 1
            self.fixed_paths.append(result.display)


def printable(text: str) -> str:
    """``text`` with lone surrogates (from a JSON ``\\ud800`` escape) written as ``\\ud800``.

    Every output stream is UTF-8, which cannot hold them: writing one would crash the run.
    """
    from claude_tiers.jsonio import printable as escaped

    return escaped(text)


def printable_result(result: FileResult) -> FileResult:
    """A result whose every string can be written to a UTF-8 stream."""
    from claude_tiers.jsonio import has_surrogates

    # One check of everything joined: a lone surrogate stays one whatever is around it.
    if not has_surrogates("".join([result.display, result.diff, *result.notes, *(
            t for f in result.findings for t in (f.path, f.message, f.pointer))])):
        return result
    findings = tuple(f._replace(path=printable(f.path), message=printable(f.message),
                                pointer=printable(f.pointer)) for f in result.findings)
    return result._replace(display=printable(result.display), findings=findings,
                           diff=printable(result.diff),
                           notes=tuple(printable(n) for n in result.notes))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Reporter:
    """Base reporter: counts, and writes nothing."""

    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.summary = Summary()

    def file(self, result: FileResult) -> None:
        """Take one file's result (called in file order)."""
        self.summary.add(result)
        self.write_file(printable_result(result))

    def write_file(self, result: FileResult) -> None:
        """Write one file's result."""

    def finish(self) -> None:
        """Write what comes after the last file."""


# ----------------------------------------------------------------------------- text

_COLORS = {"error": "31", "warning": "33", "info": "36"}


class TextReporter(Reporter):
    """``path:line:col: CT123 [error] message (rule-name)``, then a summary line."""

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def write_file(self, result: FileResult) -> None:
        """One line per finding, then the diff and notes of fixes."""
        out = self.stream
        for item in result.findings:
            where = self._paint(f"{item.path}:{item.line or 1}:{item.column or 1}:", "1")
            level = self._paint(f"[{item.severity}]", _COLORS.get(item.severity, "0"))
            message = " ".join(item.message.splitlines())  # one finding, one line
            out.write(f"{where} {item.code} {level} {message} ({item.name})\n")
        if result.diff:
            out.write(result.diff)
        for note in result.notes:
            out.write(f"{result.display}: {note}\n")
        if result.fixed and not result.notes:
            out.write(f"{result.display}: fixed\n")

    def finish(self) -> None:
        """The summary line."""
        s = self.summary
        parts = [_plural(s.errors, "error"), _plural(s.warnings, "warning")]
        if s.infos:
            parts.append(_plural(s.infos, "info"))
        line = f"{', '.join(parts)} in {_plural(s.files, 'file')} checked"
        if s.fixed:
            line += f"; {_plural(s.fixed, 'file')} fixed"
        if s.fixable:
            line += f"; {s.fixable} fixable with --fix (or --unsafe-fixes)"
        if not (s.errors or s.warnings or s.infos):
            line = f"no problems in {_plural(s.files, 'file')} checked" + (
                f"; {_plural(s.fixed, 'file')} fixed" if s.fixed else "")
        self.stream.write(self._paint(line, "1") + "\n")


# ----------------------------------------------------------------------------- json


def finding_dict(item: Finding) -> dict[str, Any]:
    """The JSON form of a finding (the documented fields of format version 1)."""
    return {"path": item.path, "line": item.line, "column": item.column, "code": item.code,
            "name": item.name, "severity": item.severity, "message": item.message,
            "pointer": item.pointer, "fixable": item.fixable}


def finding_json(item: Finding) -> str:
    """``json.dumps(finding_dict(item))``, written directly: a run over 10,000 projects writes
    60,000 findings, and the encoder's set-up per call cost more than the writing
    (tests/lint/test_formats.py checks that the text is the same)."""
    text = json.encoder.encode_basestring_ascii
    fixable = "null" if item.fixable is None else text(item.fixable)
    return (f'{{"path": {text(item.path)}, "line": {int(item.line)}, '
            f'"column": {int(item.column)}, "code": {text(item.code)}, '
            f'"name": {text(item.name)}, "severity": {text(item.severity)}, '
            f'"message": {text(item.message)}, "pointer": {text(item.pointer)}, '
            f'"fixable": {fixable}}}')


class JsonReporter(Reporter):
    """One JSON object (see the module documentation), written as findings arrive."""

    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        super().__init__(stream, color=color)
        from claude_tiers import __version__

        head = {"version": JSON_VERSION, "tool": {"name": "claude-tiers", "version": __version__}}
        self.stream.write(json.dumps(head)[:-1] + ', "findings": [')
        self._first = True
        self._diffs: list[dict[str, str]] = []

    def write_file(self, result: FileResult) -> None:
        """Append this file's findings to the array (its --diff is kept for the end)."""
        if result.diff:
            self._diffs.append({"path": result.display, "diff": result.diff})
        if not result.findings:
            return
        self.stream.write(("\n  " if self._first else ",\n  ")
                          + ",\n  ".join(finding_json(item) for item in result.findings))
        self._first = False

    def finish(self) -> None:
        """Close the array; add fixed files and the summary."""
        s = self.summary
        summary = {"files": s.files, "errors": s.errors, "warnings": s.warnings,
                   "infos": s.infos, "fixable": s.fixable, "fixed": s.fixed}
        self.stream.write(("\n" if not self._first else "") + '], "fixed": '
                          + json.dumps(s.fixed_paths) + ', "diffs": ' + json.dumps(self._diffs)
                          + ', "summary": ' + json.dumps(summary) + "}\n")


# ----------------------------------------------------------------------------- sarif

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif_rules() -> list[dict[str, Any]]:
    """SARIF ``reportingDescriptor`` objects for every rule, with help text."""
    from claude_tiers.lint import registry

    rules = []
    for rule in registry.all_rules():
        doc = registry.doc_of(rule)
        rules.append({
            "id": rule.CODE,
            "name": "".join(part.capitalize() for part in rule.NAME.split("-")),
            "shortDescription": {"text": registry.summary_of(rule).split(": ", 1)[-1]},
            "fullDescription": {"text": doc.split("\n\n", 1)[-1].split("\n\n")[0]},
            "help": {"text": doc, "markdown": doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.SEVERITY]},
            "properties": {"tags": ["claude-code", rule.NAME],
                           "fixable": rule.FIX or "none"},
        })
    return rules


class SarifReporter(Reporter):
    """SARIF 2.1.0 (one run, every rule described), ready for GitHub code scanning."""

    def __init__(self, stream: IO[str], *, color: bool = False) -> None:
        super().__init__(stream, color=color)
        from claude_tiers import __version__

        self._root = repository_root()
        rules = sarif_rules()
        self._index = {r["id"]: i for i, r in enumerate(rules)}
        driver = {"name": "claude-tiers", "version": __version__,
                  "semanticVersion": __version__, "rules": rules,
                  "informationUri": "https://github.com/claude-tiers/claude-tiers"}
        head = {"$schema": SARIF_SCHEMA, "version": "2.1.0"}
        self.stream.write(json.dumps(head)[:-1] + ', "runs": [{"tool": {"driver": '
                          + json.dumps(driver) + '}, "columnKind": "unicodeCodePoints", '
                          '"results": [')
        self._first = True

    def write_file(self, result: FileResult) -> None:
        """One SARIF result per finding."""
        for item in result.findings:
            region: dict[str, int] = {"startLine": max(item.line, 1)}
            if item.column > 0:
                region["startColumn"] = item.column
            entry: dict[str, Any] = {
                "ruleId": item.code,
                "level": _SARIF_LEVEL.get(item.severity, "note"),
                "message": {"text": item.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(item.path, self._root),
                    "region": region}}],
            }
            if item.code in self._index:
                entry["ruleIndex"] = self._index[item.code]
            if item.pointer:
                entry["properties"] = {"jsonPointer": item.pointer}
            self.stream.write(("\n" if self._first else ",\n") + json.dumps(entry))
            self._first = False

    def finish(self) -> None:
        """Close the results, the run and the log."""
        self.stream.write("]}]}\n")


def repository_root() -> str:
    """The folder SARIF uris are relative to: the git work tree's top, else the current folder."""
    import os

    from claude_tiers.discover import work_tree_top

    return os.path.realpath(work_tree_top(os.getcwd()) or os.getcwd())


def artifact_location(path: str, root: str) -> dict[str, str]:
    """``{"uri": "a/b", "uriBaseId": "%SRCROOT%"}`` for a file inside ``root``; an absolute
    ``file://`` uri (no base) for one outside it, which ``../`` could not name reliably."""
    import os
    from pathlib import Path
    from urllib.parse import quote

    absolute = os.path.realpath(path)
    rel = os.path.relpath(absolute, root)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


# ----------------------------------------------------------------------------- github

_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``."""

    def write_file(self, result: FileResult) -> None:
        """One workflow command per finding."""
        for item in result.findings:
            props = [f"file={_gh_prop(item.path)}", f"line={max(item.line, 1)}"]
            if item.column > 0:
                props.append(f"col={item.column}")
            props.append(f"title={_gh_prop(f'{item.code} {item.name}')}")
            self.stream.write(f"::{_GH_LEVEL.get(item.severity, 'notice')} {','.join(props)}::"
                              f"{_gh_data(item.message)}\n")


REPORTERS: dict[str, Callable[..., Reporter]] = {
    "text": TextReporter, "json": JsonReporter, "sarif": SarifReporter, "github": GithubReporter,
}


def make(name: str, stream: IO[str] | None = None, color: bool | None = None) -> Reporter:
    """A reporter by format name (colour for text only on a terminal, unless told)."""
    out = stream if stream is not None else sys.stdout
    if color is None:
        color = name == "text" and out.isatty()
    return REPORTERS[name](out, color=color)
