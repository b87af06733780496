"""Seeded random layered scenarios for checking ``claude-tiers explain`` against Claude Code.

A :class:`Scenario` is a throwaway home + project: user, project, local (and, in a git layout,
a local file at the repository root), ``--settings`` and managed files with or without ``model``
(aliases, full ids, ``[1m]``, ``opusplan``, ``""``, odd case...), ``env`` blocks and process
variables (``ANTHROPIC_MODEL``, ``ANTHROPIC_DEFAULT_*_MODEL``, ``CLAUDE_CODE_SUBAGENT_MODEL``,
``..._FORCE``; now and then a non-string ``env`` value), ``availableModels`` /
``enforceAvailableModels``, files Claude Code drops whole, files with a BOM and empty files,
project and user agents with ``model`` values (sometimes two files giving one name),
``--model`` and ``--agent``. Most ``--agent`` runs name an agent that has the ``Agent`` tool
(a custom agent, ``general-purpose``, ``claude``), so the subagent it launches is compared too;
a few name ``Explore``/``Plan``/``statusline-setup``, which launch nothing. The same seed always
gives the same scenarios.

Each scenario is judged twice at most: without ``--agent`` and, when it names one, with it; in
both runs the loopback stub makes the main thread launch one subagent through the ``Agent`` tool.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 20261123

MODEL_VALUES = [
    "opus", "sonnet", "haiku", "fable", "best", "opusplan", "sonnet[1m]", "opus[1m]", "Sonnet", "HAIKU",
    "claude-opus-4-6", "claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5-20251001",
    "claude-opus-4-6[1m]", "claude-sonnet-4-5", "claude-opus-4-1", "CLAUDE-OPUS-4-7", "claude-opus-5-5",
    "my-sonnet-proxy", "not-a-real-model", "default", "", " sonnet ", "claude-fable-5", "claude-mythos-5",
]
FLAG_VALUES = [m for m in MODEL_VALUES if m] + ["default", "Default"]
ENV_MODEL_VALUES = [
    "opus", "sonnet", "haiku", "opusplan", "sonnet[1m]", "claude-opus-4-6", "claude-sonnet-4-6",
    "claude-opus-4-7[1m]", "claude-haiku-4-5-20251001", "my-gateway-model", "",
]
REMAP_VALUES = [
    "claude-opus-4-6", "claude-opus-4-7", "claude-sonnet-4-6", "claude-haiku-4-5-20251001",
    "claude-sonnet-4-6[1m]", "my-gateway-model", "",
]
SUBAGENT_ENV_VALUES = [
    "haiku", "sonnet", "opus", "inherit", "claude-sonnet-4-6", "opusplan", "sonnet[1m]",
    "claude-opus-4-6[1m]", "",
]
FORCE_VALUES = ["1", "true", "0", "false", "yes"]
FM_MODELS: list[Any] = [
    "inherit", "opus", "sonnet", "haiku", "fable", "best", "opusplan", "sonnet[1m]", "claude-opus-4-6",
    "claude-sonnet-4-6", "claude-haiku-4-5-20251001", "HAIKU", "Inherit", "default", "", 5,
    "my-haiku-proxy", "claude-opus-4-7",
]
ALLOW_ENTRIES = [
    "opus", "sonnet", "haiku", "claude-opus-4-6", "claude-opus-4-7", "claude-sonnet-4-6",
    "claude-sonnet-4-5", "claude-haiku-4-5-20251001", "sonnet[1m]", "my-proxy", "fable", "claude-opus-5-5",
]
TOOL_LINES = ["tools: Read, Grep", "tools: Read, Agent", "tools: Agent(reviewer), Read", "disallowedTools: Agent"]
INVALID_FILES = [
    '{"model": "haiku",}',
    '{"model": 5}',
    '{"model": "haiku", "permissions": {"allow": "Bash"}}',
    '// comment\n{"model": "haiku"}',
    '[]',
    '{"cleanupPeriodDays": -1, "model": "haiku"}',
    '{"permissions": {"defaultMode": "yolo"}, "env": {"ANTHROPIC_MODEL": "haiku"}}',
    '{"env": {"ANTHROPIC_MODEL": "haiku"}, "includeCoAuthoredBy": "no"}',
]
ODD_ENV_VALUES: list[Any] = [None, 5, True, 1.5, [], ["a", "b"], {"a": 1}]
AGENT_NAMES = ["reviewer", "planner", "tester", "writer"]
BUILTIN_TYPES = ["general-purpose", "Explore", "Plan", "statusline-setup"]
ENV_VARS = ["ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL",
            "ANTHROPIC_DEFAULT_HAIKU_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL_FORCE"]
PROMPT = "Delegate: summarise the repository layout."


@dataclass
class Scenario:
    """One layered configuration; paths in ``files`` are relative to the sandbox root."""

    id: int
    start: str  # the start directory, relative to the sandbox root ("project" or "project/sub")
    git: bool
    files: dict[str, str] = field(default_factory=dict)
    managed: dict[str, str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    model_flag: str | None = None
    settings_file: str | None = None  # relative to the sandbox root
    agent_flag: str | None = None
    sub_types: tuple[str, str] = ("general-purpose", "general-purpose")  # without / with --agent

    def as_json(self) -> dict[str, Any]:
        """The scenario as a JSON-ready object (printed when a case disagrees)."""
        return {k: v for k, v in self.__dict__.items()}

    def claude_args(self, root: Path, with_agent: bool) -> list[str]:
        """``claude -p`` arguments for one run."""
        args = ["-p", "hi"]
        if self.model_flag is not None:
            args += ["--model", self.model_flag]
        if self.settings_file is not None:
            args += ["--settings", str(root / self.settings_file)]
        if with_agent and self.agent_flag is not None:
            args += ["--agent", self.agent_flag]
        return args

    def explain_args(self, root: Path, managed_dir: Path, with_agent: bool) -> list[str]:
        """``claude-tiers explain`` arguments predicting that run."""
        args = [str(root / self.start), "--format", "json", "--claude-version", "2.1.330",
                "--home", str(root / "home"), "--managed-dir", str(managed_dir), "--no-env"]
        for key, value in sorted(self.env.items()):
            args += ["--env", f"{key}={value}"]
        if self.model_flag is not None:
            args += ["--model", self.model_flag]
        if self.settings_file is not None:
            args += ["--settings", str(root / self.settings_file)]
        if with_agent and self.agent_flag is not None:
            args += ["--agent", self.agent_flag]
        return args

    def tool_input(self, with_agent: bool) -> dict[str, Any]:
        """The ``Agent`` tool_use input the stub answers with."""
        return {"description": "delegate", "prompt": PROMPT, "subagent_type": self.sub_types[1 if with_agent else 0]}


def _env_block(rng: random.Random, n: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for var in rng.sample(ENV_VARS, n):
        if var == "ANTHROPIC_MODEL":
            out[var] = rng.choice(ENV_MODEL_VALUES)
        elif var == "CLAUDE_CODE_SUBAGENT_MODEL":
            out[var] = rng.choice(SUBAGENT_ENV_VALUES)
        elif var == "CLAUDE_CODE_SUBAGENT_MODEL_FORCE":
            out[var] = rng.choice(FORCE_VALUES)
        else:
            out[var] = rng.choice(REMAP_VALUES)
    return out


def _settings(rng: random.Random, agent_names: list[str], p_none: float = 0.35) -> str | None:
    roll = rng.random()
    if roll < p_none:
        return None
    if roll < p_none + 0.08:
        return rng.choice(INVALID_FILES)
    data: dict[str, Any] = {}
    if rng.random() < 0.55:
        data["model"] = rng.choice(MODEL_VALUES)
    if rng.random() < 0.35:
        data["env"] = _env_block(rng, rng.randint(1, 2))
    if rng.random() < 0.14:
        data["availableModels"] = rng.sample(ALLOW_ENTRIES, rng.randint(0, 3))
        if rng.random() < 0.5:
            data["enforceAvailableModels"] = rng.random() < 0.8
    elif rng.random() < 0.04:
        data["enforceAvailableModels"] = True
    if agent_names and rng.random() < 0.06:
        data["agent"] = rng.choice(agent_names)
    if rng.random() < 0.05:
        data["permissions"] = {"allow": ["Bash(ls", "Read"]}
    elif rng.random() < 0.15:
        data["permissions"] = {"allow": ["Bash(npm run test *)"], "deny": ["Read(./.env)"]}
    if "env" in data and rng.random() < 0.12:  # Claude Code uses String(value)
        data["env"][rng.choice(sorted(data["env"]))] = rng.choice(ODD_ENV_VALUES)
    text = json.dumps(data, indent=rng.choice([None, 2, 4]))
    roll = rng.random()
    if roll < 0.04:
        return "\ufeff" + text  # a BOM: Claude Code skips it
    if roll < 0.05:
        return rng.choice(["", "  \n"])  # an empty file is {}
    return text


def _agent_file(rng: random.Random, name: str) -> str:
    lines = [f"name: {name}"]
    if rng.random() > 0.08:
        lines.append(f"description: The {name} agent.")
    if rng.random() < 0.8:
        model = rng.choice(FM_MODELS)
        lines.append(f"model: {json.dumps(model) if model == '' else model}")
    if rng.random() < 0.1:
        lines.append(rng.choice(TOOL_LINES))
    return "---\n" + "\n".join(lines) + f"\n---\nYou are the {name}.\n"


def generate(count: int, seed: int = SEED, managed: bool = True) -> list[Scenario]:
    """``count`` scenarios; ``managed`` allows scenarios with /etc/claude-code files."""
    out: list[Scenario] = []
    for i in range(count):
        rng = random.Random(seed * 1000 + i)
        git = rng.random() < 0.2
        start = "project/sub" if git else "project"
        sc = Scenario(id=i, start=start, git=git)
        valid_agents: list[str] = []
        in_effect: dict[str, str] = {}  # name -> the text of the definition Claude Code uses
        names = rng.sample(AGENT_NAMES, rng.randint(0, 3))
        for name in names:
            text = _agent_file(rng, name)
            where = rng.choice(["project", "project", "user", "both"]) if not git else \
                rng.choice(["project", "root", "user"])
            user_text = _agent_file(rng, name) if where == "both" else text
            if where in ("project", "both"):
                sc.files[f"{start}/.claude/agents/{name}.md"] = text
            if where == "root":
                sc.files[f"project/.claude/agents/{name}.md"] = text
            if where in ("user", "both"):
                sc.files[f"home/.claude/agents/{name}.md"] = user_text
            if "description:" in text or where == "both":
                valid_agents.append(name)
                in_effect[name] = text if "description:" in text else user_text
            if where in ("project", "both") and rng.random() < 0.12:
                # a second file giving the same name: Claude Code uses the later path
                twin = _agent_file(rng, name)
                later = rng.random() < 0.5
                sc.files[f"{start}/.claude/agents/{'zz' if later else 'aa'}-{name}.md"] = twin
                if later and "description:" in twin:
                    if name not in valid_agents:
                        valid_agents.append(name)
                    in_effect[name] = twin
        for scope, rel in (("user", "home/.claude/settings.json"), ("project", f"{start}/.claude/settings.json"),
                           ("local", f"{start}/.claude/settings.local.json")):
            stext = _settings(rng, valid_agents)
            if stext is not None:
                sc.files[rel] = stext
        if git:
            stext = _settings(rng, valid_agents, p_none=0.3)
            if stext is not None:
                sc.files["project/.claude/settings.local.json"] = stext
        if rng.random() < 0.25:
            stext = _settings(rng, valid_agents, p_none=0.0)
            assert stext is not None
            sc.files["flag.json"] = stext
            sc.settings_file = "flag.json"
        if rng.random() < 0.4:
            sc.env = _env_block(rng, rng.randint(1, 3))
        if rng.random() < 0.15:
            sc.model_flag = rng.choice(FLAG_VALUES)
        if managed and rng.random() < 0.12:
            sc.managed = {}
            if rng.random() < 0.08:
                sc.managed["managed-settings.json"] = '{"model": "haiku",}'
            else:
                for fname in rng.sample(["managed-settings.json", "managed-settings.d/10-team.json"], rng.randint(1, 2)):
                    stext = _settings(rng, valid_agents, p_none=0.0)
                    assert stext is not None
                    if stext in INVALID_FILES:
                        stext = json.dumps({"model": 5, "availableModels": ["sonnet"]})
                    sc.managed[fname] = stext
        if rng.random() < 0.55:
            sc.agent_flag = _agent_flag(rng, valid_agents, in_effect)
        pool = valid_agents * 3 + BUILTIN_TYPES + [n for n in names if n not in valid_agents]
        first = rng.choice(pool)
        second_pool = [p for p in pool if p != sc.agent_flag] or BUILTIN_TYPES
        limited = _agent_tool_types(in_effect.get(sc.agent_flag or ""))
        second = rng.choice(limited) if limited and rng.random() < 0.7 else rng.choice(second_pool)
        sc.sub_types = (first, second)
        out.append(sc)
    return out


def _launches(text: str) -> bool:
    """Has an agent file the Agent tool (so, run with --agent, it can launch a subagent)?"""
    return "disallowedTools: Agent" not in text and "tools: Read, Grep" not in text


def _agent_tool_types(text: str | None) -> list[str]:
    """The subagent types an ``Agent(a, b)`` tools line limits the agent to."""
    if text is None or "Agent(" not in text:
        return []
    inner = text.split("Agent(", 1)[1].split(")", 1)[0]
    return [t.strip() for t in inner.split(",") if t.strip()]


def _agent_flag(rng: random.Random, valid: list[str], in_effect: dict[str, str]) -> str:
    """An --agent value; mostly one that can launch a subagent, so the subagent is compared too.

    The built-ins ``Explore``, ``Plan`` and ``statusline-setup`` have no Agent tool (a main
    thread running as one launches nothing); ``general-purpose`` and ``claude`` have it.
    """
    roll = rng.random()
    if roll < 0.04:
        return "nobody"
    launchers = [n for n in valid if _launches(in_effect[n])]
    stuck = [n for n in valid if n not in launchers]
    if roll < 0.14:
        return rng.choice(["Explore", "statusline-setup", "Plan"])
    if roll < 0.20 and stuck:
        return rng.choice(stuck)
    return rng.choice(launchers * 3 + ["general-purpose", "claude"])


def materialise(sc: Scenario, root: Path) -> Path:
    """Write the scenario's files under ``root`` (home/, project/, flag.json); returns the start dir."""
    (root / "home").mkdir(parents=True, exist_ok=True)
    (root / sc.start).mkdir(parents=True, exist_ok=True)
    if sc.git:
        (root / "project" / ".git").mkdir(exist_ok=True)
        (root / "project" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    for rel, text in sc.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / sc.start
