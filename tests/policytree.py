"""Synthetic repositories with a tier policy, for the bulk-apply tests (no ../shared needed)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

POLICY = """\
# the tier policy of a test monorepo
default: sonnet-default
projects:
  - match: services/*
    preset: opus-production
    reason: production-critical services
  - match: research/**
    preset: opus-hard
    reason: genuinely hard problems
agents:
  - match: "*review*"
    tier: 1
    reason: routine reviews
  - match: "*secur*"
    tier: 3
    reason: security review misses are expensive
"""

MODELS = ["opus", "sonnet", "claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5",
          "opusplan", "claude-opus-4-6", None]
AGENTS = ["code-reviewer", "security-auditor", "docs-writer"]
AGENT_MODELS = ["opus", "sonnet", "inherit", "claude-sonnet-4-6", None]
GROUPS = ["services", "apps", "research", "libs"]


def settings_text(rng: random.Random, model: str | None, crlf: bool = True) -> str:
    """A settings file in one of several styles (indent, CRLF, final newline)."""
    data: dict[str, object] = {}
    if model is not None:
        data["model"] = model
    if rng.random() < 0.3:
        data["defaultModel"] = "opus"
    data["permissions"] = {"allow": [f"Bash(npm run {w})" for w in rng.sample(
        ["build", "test", "lint", "fmt", "dev"], rng.randint(1, 4))]}
    if rng.random() < 0.4:
        data["env"] = {"NODE_ENV": "development"}
    indent = rng.choice([2, 4, "\t", None])
    text = json.dumps(data, indent=indent)
    if rng.random() < 0.2 and crlf:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.8:
        text += "\r\n" if "\r\n" in text else "\n"
    return text


def agent_text(name: str, model: str | None) -> str:
    """An agent file with frontmatter and a body."""
    lines = ["---", f"name: {name}", f"description: The {name} of this project"]
    if model is not None:
        lines.append(f"model: {model}")
    lines += ["---", "", f"You are the {name}.", ""]
    return "\n".join(lines)


def make_tree(root: Path, projects: int, seed: int = 1, invalid: int = 2,
              policy: str = POLICY, crlf: bool = True) -> list[str]:
    """Write a repository with ``projects`` projects under ``root``; returns their folders.

    Project 0 is the root itself; ``invalid`` settings files get a trailing comma.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "claude-tiers.yaml").write_text(policy, encoding="utf-8")
    folders = ["."]
    for i in range(1, projects):
        group = GROUPS[i % len(GROUPS)]
        depth = rng.randint(0, 2) if group == "research" else 0
        parts = [group] + [f"area{rng.randint(0, 3)}" for _ in range(depth)] + [f"p{i:04d}"]
        folders.append("/".join(parts))
    bad = set(rng.sample(range(projects), min(invalid, projects)))
    for index, folder in enumerate(folders):
        claude = root / folder / ".claude"
        claude.mkdir(parents=True, exist_ok=True)
        text = settings_text(rng, rng.choice(MODELS), crlf)
        if index in bad:
            text = text.rstrip().rstrip("}").rstrip() + ',\n  "broken": 1,}\n'
        (claude / "settings.json").write_bytes(text.encode("utf-8"))
        if rng.random() < 0.5:
            agents = claude / "agents"
            agents.mkdir()
            for name in rng.sample(AGENTS, rng.randint(1, 3)):
                (agents / f"{name}.md").write_text(agent_text(name, rng.choice(AGENT_MODELS)),
                                                   encoding="utf-8")
        if rng.random() < 0.2:
            (claude / "settings.local.json").write_text('{"model": "opus"}\n', encoding="utf-8")
    return folders


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative posix path -> bytes)."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out
