"""``claude-tiers lint`` and ``claude-tiers rules``: options in, exit code out (no click here)."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from claude_tiers.errors import ExitCode, UserError

if TYPE_CHECKING:
    from claude_tiers.lint.selection import Selection


def _specs(values: Sequence[str] | None) -> list[str] | None:
    """Flags may repeat and hold comma-separated lists: ``--select CT1,CT2 --select CT3``."""
    if values is None:
        return None
    out = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return out


def lint_command(params: Mapping[str, Any]) -> int:
    """Run ``claude-tiers lint`` from its parsed parameters (click's, or the fast path's of
    :mod:`claude_tiers.launch`: the same names and values); returns the exit code."""
    return run_lint(params["paths"], select=params["select"] or None,
                    ignore=params["ignore"] or None, extend_select=params["extend_select"],
                    extend_ignore=params["extend_ignore"], fix=params["fix"],
                    unsafe_fixes=params["unsafe_fixes"], diff=params["diff"], fmt=params["fmt"],
                    strict=params["strict"], exit_zero=params["exit_zero"],
                    config_path=params["config_path"], no_config=params["no_config"],
                    jobs=params["jobs"], no_cache=params["no_cache"])


def run_lint(paths: Sequence[str], *, select: Sequence[str] | None = None,
             ignore: Sequence[str] | None = None, extend_select: Sequence[str] = (),
             extend_ignore: Sequence[str] = (), fix: bool = False, unsafe_fixes: bool = False,
             diff: bool = False, fmt: str = "text", strict: bool = False,
             exit_zero: bool = False, config_path: str | None = None, no_config: bool = False,
             jobs: int | None = None, no_cache: bool = False, stream: IO[str] | None = None,
             color: bool | None = None) -> int:
    """Lint ``paths`` and report in ``fmt``; returns the exit code (0, 1; 2 raises UserError)."""
    from claude_tiers import config as config_mod
    from claude_tiers.lint import formats
    from claude_tiers.lint.engine import RunOptions

    names = list(paths) or ["."]
    conf = config_mod.Config() if no_config else config_mod.load(names[0], path=config_path)
    cli_select, cli_ignore = _specs(select), _specs(ignore)
    cli_extend_select, cli_extend_ignore = _specs(extend_select) or [], _specs(extend_ignore) or []
    _check_cli(cli_select, cli_ignore, cli_extend_select, cli_extend_ignore)
    selection = _selection(conf, cli_select, cli_ignore, cli_extend_select, cli_extend_ignore)
    root = str(conf.root) if conf.root is not None else os.path.abspath(".")
    policy = None
    if conf.has_policy and conf.path is not None:  # the CT7xx rules check against it
        from claude_tiers.policy import Policy

        policy = Policy.from_config(conf)
    options = RunOptions(selection=selection, fix=fix or unsafe_fixes, unsafe_fixes=unsafe_fixes,
                         diff=diff, root=root, jobs=jobs, policy=policy, use_cache=not no_cache)
    out = stream if stream is not None else sys.stdout
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    reporter = formats.make(fmt, out, color)
    changed = False
    for result in _results(names, options):
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


def _results(names: Sequence[str], options: Any) -> Iterator[Any]:
    """Every file's result, in path order (so findings sort by path, line, column).

    Without fixes they stream as they are ready. With fixes they are collected, and the files a
    cross-file fix created or changed (the ``.claude/settings.json`` a ``claude_settings.json``
    was merged into) are linted again in the same run, so the report shows what remains there.
    """
    from claude_tiers.discover import discover
    from claude_tiers.lint.engine import lint_target, run

    if not options.fix or options.diff:
        yield from run(discover(names), options)
        return
    targets = list(discover(names))
    results = dict(zip((os.path.abspath(t.path) for t in targets), run(targets, options)))
    touched = [p for r in results.values() for p in r.touched if os.path.lexists(p)]
    for target in discover(touched) if touched else ():
        key = os.path.abspath(target.path)
        again = lint_target(target, options)
        before = results.get(key)
        if before is not None:
            again = again._replace(display=before.display, fixed=before.fixed or again.fixed,
                                   notes=before.notes + again.notes)
        results[key] = again
    gone = {k for k, r in results.items() if not os.path.lexists(k) and not r.findings}
    yield from sorted((r for k, r in results.items() if k not in gone or r.notes),
                      key=lambda r: r.display)


def _check_cli(select: Sequence[str] | None, ignore: Sequence[str] | None,
               extend_select: Sequence[str], extend_ignore: Sequence[str]) -> None:
    """Every spec given on the command line names a rule (UserError, exit 2, otherwise)."""
    from claude_tiers.lint.selection import check_spec

    for flag, specs in (("--select", select), ("--ignore", ignore),
                        ("--extend-select", extend_select), ("--extend-ignore", extend_ignore)):
        for spec in specs or ():
            check_spec(spec, f"{flag}: ")


def _selection(conf: Any, select: list[str] | None, ignore: list[str] | None,
               extend_select: list[str], extend_ignore: list[str]) -> Selection:
    """The run's selection: the command line over the configuration.

    ``--select``/``--ignore`` replace ``lint.select``/``lint.ignore``; a rule selected on the
    command line by its code or name is not removed by the configuration's ``lint.ignore``
    naming the same rule (the command line wins a tie; per-file-ignores still apply).
    """
    from claude_tiers.lint.selection import Selection, check_spec

    where = f"{conf.path}: " if getattr(conf, "path", None) is not None else "configuration: "
    lint_conf = conf.lint
    for spec in lint_conf.select or ():
        check_spec(spec, f"{where}lint.select: ")
    for spec in lint_conf.ignore or ():
        check_spec(spec, f"{where}lint.ignore: ")
    chosen_select = list(select) if select is not None else (
        list(lint_conf.select) if lint_conf.select is not None else None)
    if ignore is not None:
        chosen_ignore = list(ignore)
    else:
        explicit = [check_spec(s) for s in (select or []) + extend_select]
        chosen_ignore = [s for s in lint_conf.ignore
                         if not any(_same_rule(check_spec(s), e) for e in explicit)]
    if extend_select:
        chosen_select = (chosen_select or ["ALL"]) + list(extend_select)
    chosen_ignore += extend_ignore
    try:
        return Selection.build(select=chosen_select, ignore=chosen_ignore,
                               per_file_ignores=lint_conf.per_file_ignores,
                               severity=lint_conf.severity, options=lint_conf.rules)
    except UserError as exc:
        raise UserError(f"{where}lint.{exc}") from None


def _same_rule(a: str, b: str) -> bool:
    """Whether two normalised specs name the same single rule (a code and its name, or equal)."""
    if a == "ALL" or b == "ALL":
        return False
    if a == b:
        return not a.startswith("CT") or len(a) == 5  # a name or a full code, not a prefix
    from claude_tiers.lint.selection import known_rules

    return any({a, b} == {code, name} for code, name in known_rules())


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
