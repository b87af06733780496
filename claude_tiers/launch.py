"""The ``claude-tiers`` entry point, with a click-free fast path for what pre-commit runs.

pre-commit starts ``claude-tiers lint FILE...`` on every commit, so the start-up of exactly that
invocation is what users wait for (issue 3 §8). Importing click alone costs over three times a
bare interpreter start. This module recognises the plain shapes of ``lint`` (its long boolean
flags, ``--format``, the selection options and file names) and runs the lint without click.
Anything else, or anything it is unsure of, goes to :mod:`claude_tiers.cli`, which stays the
one real command line: the fast path accepts only argument lists that click parses to exactly
the same parameters, and ``tests/test_launch.py`` checks that on generated argument lists.
"""

from __future__ import annotations

import sys
from typing import Any, Sequence

# Parameter names and defaults as click's ``lint`` command has them (ctx.params).
_DEFAULTS: dict[str, Any] = {
    "paths": (), "fix": False, "unsafe_fixes": False, "diff": False, "fmt": "text",
    "select": (), "ignore": (), "extend_select": (), "extend_ignore": (), "strict": False,
    "exit_zero": False, "config_path": None, "no_config": False, "jobs": None,
    "no_cache": False,
}
_FLAGS = {"--fix": "fix", "--unsafe-fixes": "unsafe_fixes", "--diff": "diff",
          "--strict": "strict", "--exit-zero": "exit_zero", "--no-config": "no_config",
          "--no-cache": "no_cache"}
_LISTS = {"--select": "select", "--ignore": "ignore", "--extend-select": "extend_select",
          "--extend-ignore": "extend_ignore"}
_FORMATS = ("text", "json", "sarif", "github")  # cli._LINT_FORMATS


def fast_lint_params(argv: Sequence[str]) -> dict[str, Any] | None:
    """The parameters of ``lint`` for an argument list simple enough to read without click.

    ``argv`` is what follows the program name. None means "let click do it": another
    command, a global option, help, an option this function does not handle (``--config``,
    ``--jobs``), a bad value, or a file name click might read differently (``-``).
    """
    if not argv or argv[0] != "lint":
        return None
    params = dict(_DEFAULTS)
    paths: list[str] = []
    lists: dict[str, list[str]] = {}
    args = list(argv[1:])
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            paths.extend(args[i:])
            break
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name in _FLAGS and not equals:
            params[_FLAGS[name]] = True
            continue
        if name not in _LISTS and name != "--format":
            return None  # help, --config, --jobs, short options, "-", a typo: click's to say
        if not equals:
            if i >= len(args):
                return None  # click reports the missing value
            value = args[i]
            i += 1
        if name == "--format":
            if value not in _FORMATS:
                return None
            params["fmt"] = value
        else:
            lists.setdefault(_LISTS[name], []).append(value)
    if any(p == "-" for p in paths):
        return None
    params["paths"] = tuple(paths)
    for key, values in lists.items():
        params[key] = tuple(values)
    return params


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``claude-tiers`` (the console script and ``python -m claude_tiers``); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    params = fast_lint_params(args)
    if params is None:
        from claude_tiers.cli import main as cli_main

        return cli_main(args)
    from claude_tiers.errors import reported

    try:
        with reported(debug=False):
            from claude_tiers.commands.lint import lint_command

            return lint_command(params)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
