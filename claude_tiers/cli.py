"""The command line: click lives here and only here.

Each command turns its flags into keyword arguments, calls the core, prints, and returns
an exit code. Command modules are imported inside the commands so that ``claude-tiers
lint FILE`` does not pay for ``apply``'s or ``diff``'s imports.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import click

from claude_tiers import __version__
from claude_tiers.errors import ExitCode, UserError, reader_gone, reported

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@contextlib.contextmanager
def reported_errors(debug: bool) -> Iterator[None]:
    """Turn every failure into a message and a stable exit code (traceback only with --debug)."""
    with reported(debug, passthrough=(click.exceptions.Exit, click.ClickException)):
        yield


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_root().obj
    return bool(obj and obj.get("debug"))


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="claude-tiers")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Keep Claude Code configuration right, cheap and consistent.

    Tier your model use: tier 1 (Sonnet 4.6) for day-to-day work, tier 2 (Opus 4.6) for
    production-critical code, tier 3 (Opus 4.7) for genuinely hard problems.

    \b
    Examples:
      claude-tiers apply sonnet-default           # tier 1 in ./.claude/settings.json
      claude-tiers apply opus-hard --dry-run      # show the diff, write nothing
      claude-tiers presets list                   # what presets there are
      claude-tiers models                         # the model catalog, tiers and prices
    """
    ctx.obj = {"debug": debug}


# ----------------------------------------------------------------------------- apply


@cli.command(context_settings=CONTEXT)
@click.argument("preset", required=False)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--scope", type=click.Choice(["project", "local", "user"]), default="project",
              show_default=True,
              help="Which settings file of a project: .claude/settings.json (project), "
                   ".claude/settings.local.json (local; at the top of the git repository, where "
                   "Claude Code 2.1.211+ reads it) or ~/.claude/settings.json (user; honours "
                   "CLAUDE_CONFIG_DIR).")
@click.option("--dry-run", is_flag=True, help="Print a unified diff of every change; write nothing.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 (printing the diff; without PRESET, a table of what "
                   "drifts from the policy) if anything would change, 0 if it is already applied.")
@click.option("--no-agents", is_flag=True,
              help="Leave subagent and command frontmatter alone, even if the preset has rules.")
@click.option("--repos-file", type=click.Path(path_type=Path, dir_okay=False),
              help="Without PRESET: a file listing repository checkouts, one per line; each is "
                   "brought to its own policy (or --policy's).")
@click.option("--policy", "policy_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Without PRESET: impose this policy file on every repository instead of each "
                   "one's own claude-tiers.yaml.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Without PRESET: worker processes (default: the number of cores).")
@click.pass_context
def apply(ctx: click.Context, preset: str | None, paths: tuple[Path, ...], scope: str,
          dry_run: bool, check: bool, no_agents: bool, repos_file: Path | None,
          policy_file: Path | None, jobs: int | None) -> None:
    """Apply PRESET to each PATH (project directories or settings files; default: .).

    Without PRESET, inside a repository whose claude-tiers.yaml sets a tier policy, every
    project (every folder with .claude/, and folders the policy names) gets the preset and
    agent rules the policy resolves for it; PATHs then narrow the run, or name whole
    repositories (checkouts), as --repos-file does. A summary table ends the run.

    Only the keys the preset sets change; every other byte of the file stays as it was.
    Files are written atomically, never when nothing changed, and never when they could not
    be fully parsed (they are reported and left untouched).

    \b
    Examples:
      claude-tiers apply sonnet-default
      claude-tiers apply opus-production services/payments services/auth
      claude-tiers apply tiered-agents --dry-run
      claude-tiers apply sonnet-default --check    # in CI: fails when not applied
      claude-tiers apply ./my-preset.yaml --scope local
      claude-tiers apply                          # every project, as claude-tiers.yaml says
      claude-tiers apply --check                  # in CI: fails when a project drifts
      claude-tiers apply --repos-file repos.txt --policy org-policy.yaml

    Exit status: 0 done (or nothing to do), 1 a file or repository could not be processed or
    (with --check) changes are pending, 2 usage or configuration error such as an unknown
    preset, or no PRESET and no policy.
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.commands.bulk import is_preset_ref

        if preset is None or not is_preset_ref(preset, paths):
            from claude_tiers.commands.bulk import main as bulk_main

            everything = ((Path(preset),) if preset is not None else ()) + paths
            sys.exit(bulk_main(everything, repos_file=repos_file, policy_file=policy_file,
                               scope=scope, check=check, dry_run=dry_run, agents=not no_agents,
                               jobs=jobs, out=sys.stdout, err=sys.stderr))
        if repos_file is not None or policy_file is not None or jobs is not None:
            raise UserError("--repos-file, --policy and --jobs are for a policy run (no PRESET)")
        from claude_tiers.commands.apply import Options, apply_to
        from claude_tiers.jsonio import printable
        from claude_tiers.presets import load_preset

        targets = list(paths) or [Path(".")]
        loaded = load_preset(preset, targets[0] if targets[0].is_dir() else targets[0].parent)
        options = Options(scope=scope, write=not (dry_run or check), agents=not no_agents)
        pending = failed = False
        for target in targets:
            for outcome in apply_to(target, loaded, options):
                for note in outcome.notes:
                    click.echo(f"note: {note}", err=True)
                if outcome.status == "note":
                    click.echo(f"note: {outcome.error}", err=True)
                    continue
                if outcome.status == "error":
                    failed = True
                    click.echo(f"error: {outcome.error}", err=True)
                    continue
                if outcome.status == "pending":
                    pending = True
                    click.echo(outcome.diff, nl=False)
                    verb = "would create" if outcome.new_file else "would update"
                else:
                    verb = outcome.status
                detail = f": {'; '.join(outcome.changes)}" if outcome.changes else ""
                click.echo(printable(f"{verb} {outcome.path}{detail}"))
        if failed:
            sys.exit(int(ExitCode.FINDINGS))
        if check and pending:
            sys.exit(int(ExitCode.FINDINGS))


# ----------------------------------------------------------------------------- presets


@cli.group(context_settings=CONTEXT)
def presets() -> None:
    """List and inspect presets (built-in and .claude-tiers/presets/ of this repository).

    \b
    Examples:
      claude-tiers presets list                   # every preset, its tier and when to use it
      claude-tiers presets show tiered-agents     # one preset resolved: settings and rules
    """


@presets.command("list", context_settings=CONTEXT)
@click.pass_context
def presets_list(ctx: click.Context) -> None:
    """List every preset with its tier and when to use it.

    A preset that does not load (a typo, an extends cycle) is reported on stderr after the
    list, and the exit status is then 1.

    \b
    Example:
      claude-tiers presets list
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.errors import PresetError
        from claude_tiers.presets import available, load_preset

        rows = []
        broken = []
        for name in sorted(available()):
            try:
                preset = load_preset(name)
            except PresetError as exc:  # one broken user preset must not hide the others
                broken.append(str(exc))
                continue
            tier = f"tier {preset.tier}" if preset.tier else "-"
            rows.append((name, tier, preset.when or preset.description))
        width = max((len(r[0]) for r in rows), default=0)
        for name, tier, when in rows:
            click.echo(f"{name:<{width}}  {tier:<6}  {when}")
        for message in broken:
            click.echo(f"error: {message}", err=True)
        if broken:
            sys.exit(int(ExitCode.FINDINGS))


@presets.command("show", context_settings=CONTEXT)
@click.argument("name")
@click.pass_context
def presets_show(ctx: click.Context, name: str) -> None:
    """Show NAME resolved (after extends): tier, cost, settings fragment and agent rules.

    \b
    Example:
      claude-tiers presets show tiered-agents
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.commands.presets import render_preset
        from claude_tiers.presets import load_preset

        click.echo(render_preset(load_preset(name)), nl=False)


# ----------------------------------------------------------------------------- models


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.pass_context
def models(ctx: click.Context, fmt: str) -> None:
    """Print the model catalog: ids, tiers, status and prices per million tokens.

    \b
    Examples:
      claude-tiers models
      claude-tiers models --format json | jq '.models[] | select(.tier)'
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.catalog import load_catalog
        from claude_tiers.commands.models import render_models

        click.echo(render_models(load_catalog(), fmt), nl=False)


# ----------------------------------------------------------------------------- lint, rules

_LINT_FORMATS = ("text", "json", "sarif", "github")  # claude_tiers.lint.formats.FORMATS


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes (written atomically), then report "
              "what remains. Exit 1 when a file changed.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (implies --fix).")
@click.option("--diff", is_flag=True, help="Print what --fix (with --unsafe-fixes: those too) "
              "would change; write nothing. Exit 1 when something would change.")
@click.option("--format", "fmt", type=click.Choice(_LINT_FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="SPECS",
              help="Only these rules: codes (CT101), prefixes (CT1) or names, comma-separated. "
                   "Replaces lint.select of the configuration.")
@click.option("--ignore", multiple=True, metavar="SPECS",
              help="Skip these rules. Replaces lint.ignore of the configuration.")
@click.option("--extend-select", multiple=True, metavar="SPECS", help="Add to the selection.")
@click.option("--extend-ignore", multiple=True, metavar="SPECS", help="Add to the ignored rules.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings (reporting only).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str),
              help="Use this claude-tiers.yaml (or pyproject.toml) instead of searching.")
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for large runs (default: the number of cores).")
@click.option("--no-cache", is_flag=True,
              help="Lint every file anew: neither read nor write the result cache (kept for "
                   "runs of 48 files or more in $CLAUDE_TIERS_CACHE_DIR, else "
                   "~/.cache/claude-tiers).")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[str, ...], fix: bool, unsafe_fixes: bool, diff: bool,
         fmt: str, select: tuple[str, ...], ignore: tuple[str, ...],
         extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], strict: bool,
         exit_zero: bool, config_path: str | None, no_config: bool, jobs: int | None,
         no_cache: bool) -> None:
    """Lint Claude Code configuration in PATHS (folders or files; default: .).

    Folders are searched for .claude/settings.json, .claude/settings.local.json,
    managed-settings.json (+ managed-settings.d/*.json), agents, commands and skills, and
    for the files Claude Code never reads (claude_settings.json, .claude/settings.jsonc,
    flat .claude/skills/*.md); git-ignored, node_modules, vendored and virtualenv folders are
    skipped. Files named explicitly are linted whatever their name. Each finding says what
    Claude Code will do with it.

    Runs of 48 files or more keep each file's findings in a cache and reuse them while the
    file, its project's settings and agents, the configuration and claude-tiers itself are
    unchanged (never with --fix, --diff or a tier policy); --no-cache lints everything anew.

    \b
    Examples:
      claude-tiers lint                               # this repository
      claude-tiers lint services/payments/.claude/settings.json
      claude-tiers lint --fix                         # apply safe fixes
      claude-tiers lint --unsafe-fixes --diff         # show every fix, write nothing
      claude-tiers lint --select CT1,CT2 --ignore CT205
      claude-tiers lint --format sarif > claude-tiers.sarif
      claude-tiers lint --format github               # annotations in GitHub Actions
      claude-tiers rules CT100                        # what a code means

    Exit status: 0 no errors (no warnings either with --strict); 1 findings, or files fixed
    (re-stage them), or --diff would change something; 2 usage or configuration error;
    3 internal error.
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.commands.lint import lint_command

        code = lint_command(ctx.params)
        if code:
            sys.exit(code)


@cli.command(context_settings=CONTEXT)
@click.argument("rule", required=False)
@click.pass_context
def rules(ctx: click.Context, rule: str | None) -> None:
    """List every lint rule, or print the documentation of RULE (a code or a name).

    \b
    Examples:
      claude-tiers rules
      claude-tiers rules CT003
      claude-tiers rules duplicate-key
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.commands.lint import render_rule, render_rules

        click.echo(render_rule(rule) if rule else render_rules(), nl=False)


# ----------------------------------------------------------------------------- explain, diff


@cli.command(context_settings=CONTEXT)
@click.argument("directory", required=False, default=".",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format (json: documented in "
              "claude_tiers/commands/explain.py, stable).")
@click.option("--model", "model_flag", metavar="MODEL", help="As claude --model MODEL.")
@click.option("--agent", "agent_flag", metavar="NAME", help="As claude --agent NAME (the main "
              "thread runs as that agent).")
@click.option("--settings", "settings_arg", metavar="FILE|JSON", help="As claude --settings.")
@click.option("--env", "env_pairs", multiple=True, metavar="KEY=VALUE",
              help="Set an environment variable for the explanation (repeatable).")
@click.option("--no-env", is_flag=True, help="Start from an empty environment instead of this "
              "process's (then add --env values).")
@click.option("--home", type=click.Path(path_type=Path, file_okay=False),
              help="Use DIR as the home folder (its .claude/ is the user folder, unless "
                   "CLAUDE_CONFIG_DIR is set).")
@click.option("--managed-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Read managed settings from DIR instead of the OS folder "
                   "(/etc/claude-code on Linux).")
@click.option("--claude-version", metavar="VERSION",
              help="Resolve aliases as this Claude Code version does (default: the newest the "
                   "catalog knows).")
@click.pass_context
def explain(ctx: click.Context, directory: Path, fmt: str, model_flag: str | None,
            agent_flag: str | None, settings_arg: str | None, env_pairs: tuple[str, ...],
            no_env: bool, home: Path | None, managed_dir: Path | None,
            claude_version: str | None) -> None:
    """Show which model Claude Code really runs in DIRECTORY (default: .), and why.

    Combines managed, user, project, local and --settings files with the environment,
    --model and --agent exactly as Claude Code 2.1.330 was observed to, then prints the
    model (configured value, the id requested, tier and price, what decided it and what
    it overrode), the effective settings with the source of every key, the model of
    every subagent, what the claude-tiers policy (claude-tiers.yaml) says about the
    directory, and warnings. Nothing from the settings is ever executed; secrets are
    masked.

    \b
    Examples:
      claude-tiers explain
      claude-tiers explain services/api --agent security-reviewer
      claude-tiers explain --no-env --env ANTHROPIC_MODEL=opus
      claude-tiers explain --format json | jq -r .model.resolved
      claude-tiers explain --claude-version 2.1.112   # what an older Claude Code picks

    Exit status: 0 explained, 1 Claude Code would stop before any request (a managed file
    that is not JSON, an unknown --agent, a --settings file that is missing or a folder),
    2 usage error.
    """
    with reported_errors(_debug(ctx)):
        import os

        from claude_tiers.commands.explain import parse_env_args, render, run

        env = parse_env_args(env_pairs, {} if no_env else os.environ)
        expl, secrets = run(directory, home=home, env=env, settings=settings_arg,
                            managed_dir=managed_dir, model=model_flag, agent=agent_flag,
                            claude_version=claude_version)
        click.echo(render(expl, fmt, secrets), nl=False)
        if expl.fatal is not None:
            sys.exit(int(ExitCode.FINDINGS))


@cli.command("diff", context_settings=CONTEXT)
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", required=False, type=click.Path(path_type=Path))
@click.option("--preset", metavar="PRESET", help="Show what applying PRESET to A would change "
              "(the same planning as apply --dry-run).")
@click.option("--scope", type=click.Choice(["project", "local", "user"]), default="project",
              show_default=True, help="With --preset: which settings file of a project.")
@click.option("--no-agents", is_flag=True, help="With --preset: leave agent and command "
              "frontmatter out, as apply --no-agents does.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "unified"]), default="text",
              show_default=True, help="text: summary in tiers and money, then every change; json: "
              "documented in claude_tiers/commands/diff.py; unified: a line diff of the files as "
              "written (with --preset: apply --dry-run's diff).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when A and B differ, 0 when they do not "
              "(as git diff --exit-code). text and json: a semantic difference; unified: the "
              "bytes (a change of key order alone exits 1 there).")
@click.option("--claude-version", metavar="VERSION",
              help="Resolve aliases as this Claude Code version does (every mode).")
@click.option("--model", "model_flag", metavar="MODEL",
              help="Two directories: as claude --model MODEL, for both.")
@click.option("--agent", "agent_flag", metavar="NAME",
              help="Two directories: as claude --agent NAME, for both.")
@click.option("--settings", "settings_arg", metavar="FILE|JSON",
              help="Two directories: as claude --settings, for both.")
@click.option("--env", "env_pairs", multiple=True, metavar="KEY=VALUE",
              help="Two directories: set an environment variable for both (repeatable).")
@click.option("--no-env", is_flag=True, help="Two directories: start from an empty environment "
              "instead of this process's (then add --env values).")
@click.option("--home", type=click.Path(path_type=Path, file_okay=False),
              help="Two directories: use DIR as the home folder (its .claude/ is the user folder, "
                   "unless CLAUDE_CONFIG_DIR is set).")
@click.option("--managed-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Two directories: read managed settings from DIR instead of the OS folder "
                   "(/etc/claude-code on Linux).")
@click.pass_context
def diff_command(ctx: click.Context, a: Path, b: Path | None, preset: str | None, scope: str,
                 no_agents: bool, fmt: str, exit_code: bool, claude_version: str | None,
                 model_flag: str | None, agent_flag: str | None, settings_arg: str | None,
                 env_pairs: tuple[str, ...], no_env: bool, home: Path | None,
                 managed_dir: Path | None) -> None:
    """Show what differs between two configurations, in tiers and money first.

    A and B are two settings files (compared as parsed JSON, read as Claude Code reads them)
    or two directories (compared by their effective configuration as explain computes it:
    the model Claude Code requests, subagent models, merged settings; the explain flags
    --model, --agent, --settings, --env, --no-env, --home and --managed-dir apply to both).
    With --preset, A alone is a project or settings file and the diff is what
    `apply PRESET A` would change, planned by the same code as apply --dry-run, so it is
    empty exactly when apply --check passes.

    The summary comes first: the model with tier and price (aliases and
    ANTHROPIC_DEFAULT_*_MODEL remaps resolved; tiers as claude-tiers.yaml remaps them),
    agents, list entries added and removed (permissions.allow: +2 -1), then other keys.
    Key order and formatting are never differences ("no semantic change"). A file Claude
    Code drops whole is named in a note. Secrets are masked in every format.

    \b
    Examples:
      claude-tiers diff .claude/settings.json ../other/.claude/settings.json
      claude-tiers diff services/api services/web        # effective configurations
      claude-tiers diff main-checkout/ pr-checkout/ --agent security-reviewer --no-env
      claude-tiers diff . --preset sonnet-default          # what apply would change
      claude-tiers diff . --preset tiered-agents --format unified
      claude-tiers diff a.json b.json --exit-code --format json | jq .summary
      claude-tiers diff old.json new.json --claude-version 2.1.112

    \b
    Output of `claude-tiers diff a.json b.json`:
      model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)
      permissions.allow: +2 -1

    Exit status: 0 compared (with --exit-code: no difference); 1 with --exit-code and a
    difference; 2 usage error, or a file that could not be read or planned (as diff(1)).
    """
    with reported_errors(_debug(ctx)):
        import os

        from claude_tiers.commands.diff import compare, exit_status, render
        from claude_tiers.commands.explain import parse_env_args

        given = [flag for flag, value in (("--model", model_flag), ("--agent", agent_flag),
                                          ("--settings", settings_arg), ("--env", env_pairs),
                                          ("--no-env", no_env), ("--home", home),
                                          ("--managed-dir", managed_dir))
                 if value not in (None, False, ())]
        explain_args = {"env": parse_env_args(env_pairs, {} if no_env else os.environ),
                        "home": home, "settings": settings_arg, "managed_dir": managed_dir,
                        "model": model_flag, "agent": agent_flag}
        comparison = compare(a, b, preset, scope=scope, agents=not no_agents,
                             explain_args=explain_args, claude_version=claude_version,
                             given=given)
        click.echo(render(comparison, fmt), nl=False)
        if exit_code:
            sys.exit(exit_status(comparison, fmt))


# ----------------------------------------------------------------------------- init, policy


@cli.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing claude-tiers.yaml (or write one "
              "next to a pyproject.toml [tool.claude-tiers] table, which it then overrides).")
@click.pass_context
def init(ctx: click.Context, path: Path | None, force: bool) -> None:
    """Write a commented starter claude-tiers.yaml (tier policy) at the repository root.

    It looks at the repository first: the projects found (folders with .claude/) and the
    models they use now are listed in the file's comments. PATH defaults to the top of the
    git work tree (or the current folder). An existing file is never overwritten, and an
    existing [tool.claude-tiers] table of pyproject.toml never silently shadowed, without
    --force.

    \b
    Examples:
      claude-tiers init
      claude-tiers init ../other-repo --force

    Exit status: 0 written, 2 a configuration exists there (without --force) or PATH is not a
    folder.
    """
    with reported_errors(_debug(ctx)):
        from claude_tiers.commands.apply import display_path
        from claude_tiers.commands.init import starter_root, write_starter

        target, projects, notes = write_starter(starter_root(path), force)
        for note in notes:
            click.echo(f"note: {note}", err=True)
        click.echo(f"wrote {display_path(target)}: {len(projects)} project"
                   f"{'s' if len(projects) != 1 else ''} found, default preset sonnet-default; "
                   "edit it, then run claude-tiers apply --dry-run")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (used by the console script and ``python -m``)."""
    try:
        cli.main(args=argv, prog_name="claude-tiers", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("claude-tiers: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:  # raised outside a command's own error handling (e.g. by --help)
        try:
            reader_gone()
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
