"""``claude-tiers init``: a commented starter ``claude-tiers.yaml`` for a repository.

It looks first: the projects found (folders with ``.claude/``, by the one discovery of
:mod:`claude_tiers.discover`) and the models their settings and subagents use now; then
writes a policy that is valid as written (``default: sonnet-default``) with every other
section present but commented out (projects above tier 1 now are listed as commented
``projects`` rules). An existing file is never overwritten without ``force``, and neither is
an existing ``[tool.claude-tiers]`` table of ``pyproject.toml`` silently shadowed: a
``claude-tiers.yaml`` next to it would win over it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_tiers.errors import DocumentError, TiersError, UserError

FILE_NAME = "claude-tiers.yaml"
LISTED = 100
"""At most this many projects are listed one by one in the starter file."""


@dataclass(frozen=True)
class ProjectSurvey:
    """What one project uses now."""

    project: str  # relative posix path, "." for the root
    model: str | None  # the settings.json model ("(invalid)" when the file does not parse)
    agent_models: tuple[str, ...]  # subagent models ("(none)" for agents without one)


def survey(root: Path) -> list[ProjectSurvey]:
    """Every project under ``root`` with the models it uses now."""
    from claude_tiers import frontmatter, jsonio
    from claude_tiers.discover import definition_files, find_projects
    from claude_tiers.lint.base import AGENT
    from claude_tiers.policy import normalize

    out = []
    for folder in find_projects(root):
        rel = normalize(os.path.relpath(folder, root))
        settings = folder / ".claude" / "settings.json"
        model: str | None = None
        if settings.is_file():
            try:
                value: Any = jsonio.load(settings).data.get("model")
                model = value if isinstance(value, str) else None if value is None else "(invalid)"
            except DocumentError:
                model = "(invalid)"
        agents: list[str] = []
        for md in definition_files(folder, AGENT):
            try:
                fm = frontmatter.read(md)
            except DocumentError:
                continue
            if fm is not None:
                found = fm.data.get("model")
                agents.append(found if isinstance(found, str) else "(none)")
        out.append(ProjectSurvey(rel, model, tuple(agents)))
    return out


def _heavy(model: str | None) -> bool:
    """A model above tier 1 (by tier, or dearer than tier 1's model; ``opusplan`` counts by
    its plan mode, which runs on Opus)."""
    return _suggested(model) is not None


def _suggested(model: str | None) -> str | None:
    """The built-in preset that keeps a project above tier 1 where it is now, else None."""
    from claude_tiers.catalog import load_catalog
    from claude_tiers.policy import above, tier_of

    if model is None or model == "(invalid)":
        return None
    catalog = load_catalog()
    tiers = {n: m for n, (_, m) in catalog.tiers.items()}
    if model.strip().lower().removesuffix("[1m]") == "opusplan":
        return "opusplan"
    sent = catalog.resolve_alias(model, plan_mode=True) or model
    if not above(sent, 1, tiers):
        return None
    tier = tier_of(sent, tiers)
    return "opus-production" if tier == 2 else "opus-hard"


def render_starter(projects: list[ProjectSurvey]) -> str:
    """The text of the starter file (valid YAML, valid configuration)."""
    from claude_tiers.catalog import load_catalog

    catalog = load_catalog()
    lines = [
        "# claude-tiers.yaml: the tier policy of this repository (and its lint settings).",
        "# Written by `claude-tiers init`; edit freely.",
        "#   claude-tiers apply            make every project match this policy",
        "#   claude-tiers apply --check    in CI: exit 1 when a project drifts from it",
        "#   claude-tiers apply --dry-run  the combined diff, nothing written",
        "#",
        "# Tiers (claude-tiers models lists every model with its price):",
    ]
    for number in sorted(catalog.tiers):
        name, model = catalog.tiers[number]
        lines.append(f"#   {number}  {name:<20} {model}")
    lines.append("#")
    count = len(projects)
    lines.append(f"# Found {count} project{'s' if count != 1 else ''} (folders with .claude/).")
    if projects:
        models = Counter(p.model or "(no model)" for p in projects)
        lines.append("# Models in .claude/settings.json now:")
        width = max(len(m) for m in models)
        for model, n in sorted(models.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"#   {model:<{width}}  {n} project{'s' if n != 1 else ''}")
        agents = Counter(m for p in projects for m in p.agent_models)
        if agents:
            lines.append("# Subagent models now: " + ", ".join(
                f"{m} {n}" for m, n in sorted(agents.items(), key=lambda kv: (-kv[1], kv[0]))))
    lines += [
        "",
        "# Remap a tier here and the next `claude-tiers apply` moves every project on it:",
        "# tiers:",
    ]
    for number in sorted(catalog.tiers):
        lines.append(f"#   {number}: {catalog.tiers[number][1]}")
    lines += [
        "",
        "# The preset of every project no rule below matches (claude-tiers presets list).",
        "default: sonnet-default",
        "",
        "# Per-project rules: the most specific match wins; globs are relative to this folder",
        "# (* stays in one folder, ** spans folders). Each rule: match, preset (or tier), reason,",
        "# and optionally agents, commands and limits of its own. Uncomment to use.",
    ]
    heavy = [(p, _suggested(p.model)) for p in projects]
    heavy = [(p, preset) for p, preset in heavy if preset is not None]
    if heavy:
        lines.append("# These projects use a model above tier 1 now (the default would move them to")
        lines.append("# tier 1); keep the rules of the ones that need it:")
        lines.append("# projects:")
        for p, preset in heavy[:LISTED]:
            lines += [f"#   - match: {_yaml_str(p.project)}    # now: {p.model}",
                      f"#     preset: {preset}",
                      "#     reason: uses a model above tier 1 now"]
        if len(heavy) > LISTED:
            lines.append(f"#   ... and {len(heavy) - LISTED} more")
    else:
        lines += ["# projects:",
                  "#   - match: services/auth",
                  "#     preset: opus-production",
                  "#     reason: handles credentials; production-critical",
                  "#   - match: research/**",
                  "#     preset: opus-hard",
                  "#     reason: genuinely hard problems"]
    if projects:
        lines.append("#")
        lines.append("# Every project found, with its model now:")
        width = max(len(p.project) for p in projects[:LISTED])
        for p in projects[:LISTED]:
            lines.append(f"#   {p.project:<{width}}  {p.model or '(no model)'}")
        if len(projects) > LISTED:
            lines.append(f"#   ... and {len(projects) - LISTED} more "
                         "(claude-tiers apply --check lists every project that drifts)")
    lines += [
        "",
        "# Subagent and command rules for every project (name globs; the first match wins):",
        "# agents:",
        '#   - match: "*secur*"',
        "#     tier: 3",
        "#     reason: security review misses are expensive",
        "# commands:",
        '#   - match: "release*"',
        "#     tier: 2",
        "#     reason: releases are production-critical",
        "",
        "# Ceilings (a project rule may set its own):",
        "# limits:",
        "#   max-tier: 2              # nothing above tier 2",
        "#   local-may-raise: false   # settings.local.json may not pick a higher tier",
        "#   allow-aliases: false     # pinned model ids only (no opus, sonnet, ...)",
        "",
    ]
    return "\n".join(lines)


def _yaml_str(text: str) -> str:
    """A project path as a YAML scalar (quoted when YAML would read it otherwise)."""
    import json
    import re

    return text if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", text) and text not in (
        "null", "true", "false", "yes", "no", "on", "off", "~") else json.dumps(text)


def existing_config(root: Path) -> str | None:
    """Why writing ``root/claude-tiers.yaml`` would shadow a configuration there, or None."""
    from claude_tiers import config

    for name in config.FILE_NAMES[1:]:
        if os.path.lexists(root / name):
            return (f"{root / name} exists; a {FILE_NAME} next to it would take over from it "
                    "silently")
    pyproject = root / config.PYPROJECT
    if pyproject.is_file() and config._has_table(str(pyproject)):
        try:
            has_policy = config.load(path=pyproject).has_policy
        except TiersError:
            has_policy = True  # whatever it holds, the new file would hide it
        what = "a tier policy" if has_policy else "lint settings"
        return (f"{pyproject} already holds {what} in [tool.claude-tiers]; a {FILE_NAME} next to "
                "it would take over from it silently (edit that table instead)")
    return None


def starter_root(path: Path | None) -> Path:
    """Where the file goes: PATH, else the top of the git work tree, else the working folder."""
    if path is not None:
        if not path.is_dir():
            raise UserError(f"not a directory: {path}")
        return path
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def write_starter(root: Path, force: bool = False
                  ) -> tuple[Path, list[ProjectSurvey], list[str]]:
    """Survey ``root`` and write ``root/claude-tiers.yaml`` atomically.

    Refused (UserError) when the file exists or another configuration there would be shadowed
    by it, unless ``force``; then the third value says what now takes over.
    """
    from claude_tiers import jsonio

    target = root / FILE_NAME
    if os.path.lexists(target) and not force:
        raise UserError(f"{target} already exists; not overwritten (--force replaces it)")
    shadowed = existing_config(root)
    if shadowed is not None and not force:
        raise UserError(f"{shadowed}; nothing written (--force writes {FILE_NAME} anyway)")
    notes = [f"{shadowed}: {FILE_NAME} is the configuration now"] if shadowed else []
    projects = survey(root)
    text = render_starter(projects)
    jsonio.write_atomic(target, text, jsonio.snapshot(target), str(target))
    return target, projects, notes
