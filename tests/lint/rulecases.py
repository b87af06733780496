"""Data-driven rule cases (``tests/lint/cases/*.yaml``): load them and check one case.

A case is a mapping: ``rule`` (the code under test and the default ``select``), ``kind``,
``text``, ``expect`` (``[[code, line, col]]`` or ``[[code, line, col, severity]]`` in report
order) and optionally ``contains`` (substrings the messages must hold), ``fixed`` (the text
after safe fixes; default: unchanged), ``unsafe_fixed`` (after unsafe fixes too; default:
``fixed``), ``select``, ``options`` (the rule's options), ``project_agents`` and ``filename``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).parent / "cases"


def load(name: str) -> list[dict[str, Any]]:
    """The cases of one file, each with an ``id``."""
    from claude_tiers.yamlio import load_yaml

    path = CASES_DIR / name
    cases = load_yaml(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(cases, list), f"{name}: expected a list of cases"
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"{name}: duplicate case ids"
    return cases


def engine_available() -> bool:
    """True once the lint engine (lint_text/fix_text) exists."""
    try:
        from claude_tiers.lint import engine  # noqa: F401
    except ImportError:
        return False
    return True


def run(case: dict[str, Any]) -> None:
    """Lint and fix one case through the engine and compare with its expectations."""
    from claude_tiers.lint.engine import fix_text, lint_text

    rule = case["rule"]
    select = case.get("select") or [rule]
    kind, text = case["kind"], case["text"]
    filename = case.get("filename", "")
    agents = case.get("project_agents")
    options = {rule: case["options"]} if case.get("options") else None
    found = lint_text(text, kind=kind, filename=filename, select=select, options=options,
                      project_agents=agents)
    expect = [list(e) for e in case.get("expect") or []]
    got = []
    for i, f in enumerate(found):
        width = len(expect[i]) if i < len(expect) else 3
        got.append([f.code, f.line, f.column, f.severity][:width])
    assert got == expect, "\n".join(f"{f.line}:{f.column} {f.code} [{f.severity}] {f.message}"
                                    for f in found)
    messages = "\n".join(f.message for f in found)
    for part in case.get("contains") or []:
        assert part in messages, f"{part!r} not in:\n{messages}"
    fixed = fix_text(text, kind=kind, filename=filename, select=select, project_agents=agents)
    want = case.get("fixed", text)
    assert fixed == want
    unsafe = fix_text(text, kind=kind, filename=filename, select=select, unsafe=True,
                      project_agents=agents)
    assert unsafe == case.get("unsafe_fixed", want)
    # fixes are idempotent
    assert fix_text(fixed, kind=kind, filename=filename, select=select,
                    project_agents=agents) == fixed
    assert fix_text(unsafe, kind=kind, filename=filename, select=select, unsafe=True,
                    project_agents=agents) == unsafe


def coverage_problems(cases: list[dict[str, Any]], prefix: str) -> list[str]:
    """Rules of a code prefix lacking a failing case, a passing case, or (when fixable) a fix case."""
    from claude_tiers.lint import registry

    problems = []
    for rule in registry.all_rules():
        if not rule.CODE.startswith(prefix):
            continue
        mine = [c for c in cases if c["rule"] == rule.CODE]
        if not any(any(e[0] == rule.CODE for e in c.get("expect") or []) for c in mine):
            problems.append(f"{rule.CODE}: no failing case")
        if not any(not c.get("expect") for c in mine):
            problems.append(f"{rule.CODE}: no passing case")
        if rule.FIX and not any(c.get("fixed", c["text"]) != c["text"]
                                or c.get("unsafe_fixed", c["text"]) != c["text"] for c in mine):
            problems.append(f"{rule.CODE}: no fix case")
    return problems


def corpus_files(corpus: Path) -> list[tuple[str, str, bytes]]:
    """(name, kind, content) of every real settings, agent and command file of the corpus."""
    import csv

    with open(corpus / "manifest.tsv", encoding="utf-8", newline="") as fh:
        paths = {row["file"]: row["path"] for row in csv.DictReader(fh, delimiter="\t")}
    out = []
    for name in sorted(paths):
        path = paths[name]
        if name.startswith("agents/"):
            kind = "agent"
        elif name.startswith("commands/"):
            kind = "command"
        elif path.endswith("settings.local.json"):
            kind = "local-settings"
        elif "managed-settings" in path:
            kind = "managed-settings"
        elif name.startswith("settings/"):
            kind = "settings"
        else:
            continue
        out.append((name, kind, (corpus / name).read_bytes()))
    return out


def corpus_counts(corpus: Path, prefix: str) -> dict[str, int]:
    """Findings per rule code of a prefix over the real corpus (no rule may crash)."""
    from collections import Counter

    from claude_tiers.lint.engine import lint_text

    counts: Counter[str] = Counter()
    for name, kind, raw in corpus_files(corpus):
        for found in lint_text(raw, kind=kind, filename=name, select=[prefix]):
            counts[found.code] += 1
    return dict(sorted(counts.items()))
