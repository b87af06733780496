"""``claude-tiers lint`` and ``claude-tiers rules``: options in, exit code out (no click here)."""

from __future__ import annotations

import os
import sys
from typing import IO, Sequence

from claude_tiers.errors import ExitCode


def _specs(values: Sequence[str] | None) -> list[str] | None:
    """Flags may repeat and hold comma-separated lists: ``--select CT1,CT2 --select CT3``."""
    if values is None:
        return None
    out = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return out


def run_lint(paths: Sequence[str], *, select: Sequence[str] | None = None,
             ignore: Sequence[str] | None = None, extend_select: Sequence[str] = (),
             extend_ignore: Sequence[str] = (), fix: bool = False, unsafe_fixes: bool = False,
             diff: bool = False, fmt: str = "text", strict: bool = False,
             exit_zero: bool = False, config_path: str | None = None, no_config: bool = False,
             jobs: int | None = None, stream: IO[str] | None = None,
             color: bool | None = None) -> int:
    """Lint ``paths`` and report in ``fmt``; returns the exit code (0, 1; 2 raises UserError)."""
    from claude_tiers import config as config_mod
    from claude_tiers.discover import discover
    from claude_tiers.lint import formats
    from claude_tiers.lint.engine import RunOptions, run
    from claude_tiers.lint.selection import Selection

    names = list(paths) or ["."]
    conf = config_mod.Config() if no_config else config_mod.load(names[0], path=config_path)
    chosen_select = _specs(select)
    if chosen_select is None and conf.lint.select is not None:
        chosen_select = list(conf.lint.select)
    chosen_ignore = _specs(ignore)
    if chosen_ignore is None:
        chosen_ignore = list(conf.lint.ignore)
    if extend_select:
        chosen_select = (chosen_select or ["ALL"]) + (_specs(extend_select) or [])
    chosen_ignore += _specs(extend_ignore) or []
    selection = Selection.build(select=chosen_select, ignore=chosen_ignore,
                                per_file_ignores=conf.lint.per_file_ignores,
                                severity=conf.lint.severity, options=conf.lint.rules)
    root = str(conf.root) if conf.root is not None else os.path.abspath(".")
    policy = None
    if conf.has_policy and conf.path is not None:  # the CT7xx rules check against it
        from claude_tiers.policy import Policy

        policy = Policy.from_config(conf)
    options = RunOptions(selection=selection, fix=fix or unsafe_fixes, unsafe_fixes=unsafe_fixes,
                         diff=diff, root=root, jobs=jobs, policy=policy)
    out = stream if stream is not None else sys.stdout
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    reporter = formats.make(fmt, out, color)
    changed = False
    for result in run(discover(names), options):
        reporter.file(result)
        if result.diff:
            changed = True
        if fmt != "text":
            for note in result.notes:
                print(formats.printable(f"{result.display}: {note}"), file=sys.stderr)
    reporter.finish()
    out.flush()
    summary = reporter.summary
    if exit_zero:
        return int(ExitCode.OK)
    failing = summary.errors > 0 or (strict and summary.warnings > 0)
    if failing or summary.fixed > 0 or (diff and changed):
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)


def render_rules() -> str:
    """The table of every rule: code, name, severity, fix, summary."""
    from claude_tiers.lint import registry

    rows = []
    for rule in registry.all_rules():
        summary = registry.summary_of(rule).split(": ", 1)[-1]
        rows.append((rule.CODE, rule.NAME, rule.SEVERITY, rule.FIX or "-", summary))
    width = max((len(r[1]) for r in rows), default=4)
    lines = [f"{'code':<6} {'name':<{width}} {'severity':<8} {'fix':<6} summary"]
    lines += [f"{c:<6} {n:<{width}} {s:<8} {f:<6} {d}" for c, n, s, f, d in rows]
    return "\n".join(lines) + "\n"


def render_rule(key: str) -> str:
    """One rule's documentation (its docstring) with its metadata."""
    from claude_tiers.lint import registry

    rule = registry.get(key)
    kinds = ", ".join(sorted(rule.APPLIES_TO))
    head = (f"{rule.CODE} {rule.NAME}\nseverity: {rule.SEVERITY}    fix: {rule.FIX or 'none'}"
            f"    files: {kinds}\n\n")
    doc = registry.doc_of(rule)
    body = doc.split("\n", 1)[1].lstrip("\n") if "\n" in doc else doc
    return head + body + "\n"
