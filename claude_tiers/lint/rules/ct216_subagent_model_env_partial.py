"""CT216 subagent-model-env-partial: ``CLAUDE_CODE_SUBAGENT_MODEL`` does not reach every agent.

**What**: ``env.CLAUDE_CODE_SUBAGENT_MODEL`` set (not ``inherit``) without
``CLAUDE_CODE_SUBAGENT_MODEL_FORCE`` in the same file, while project agents declare their own
``model``. The message lists the agents it reaches and those it does not; agents Claude Code
does not load (no name or description, a refused name, a malformed ``hooks`` block) are not
counted.

**Why**: the docs say the variable beats the frontmatter ``model``; Claude Code 2.1.330 does the
opposite (observed): it applies only to subagents without a ``model`` of their own, unless
``CLAUDE_CODE_SUBAGENT_MODEL_FORCE=1``. A team that sets it to keep every subagent on a cheap
tier still runs the agents that name ``opus`` on Opus.

FAIL::

    {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "claude-sonnet-4-6"}}

with ``.claude/agents/reviewer.md`` declaring ``model: opus``.

PASS::

    {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "claude-sonnet-4-6",
             "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}}

**Fix**: none automatic; set ``CLAUDE_CODE_SUBAGENT_MODEL_FORCE`` to ``1`` to override every
agent, or remove ``model`` from the agents that should follow the variable.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding

CODE = "CT216"
NAME = "subagent-model-env-partial"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = None
_SELF = sys.modules[__name__]
_SHOWN = 8


def _names(items: list[str]) -> str:
    if len(items) > _SHOWN:
        return ", ".join(items[:_SHOWN]) + f" and {len(items) - _SHOWN} more"
    return ", ".join(items)


def check(ctx: LintContext) -> Iterator[Finding]:
    """Say which project agents the subagent model variable reaches."""
    env = mf.env_strings(ctx)
    value = env.get(mf.ENV_SUBAGENT)
    if value is None or not value.strip() or mf.classify(value).alias == "inherit":
        return
    if mf.truthy(env.get(mf.ENV_SUBAGENT_FORCE)):
        return
    from claude_tiers.lint.fmfields import loadable_agent

    agents = ctx.project_agents()
    own: list[str] = []
    reached: list[str] = []
    for name in sorted(agents):
        if not loadable_agent(agents[name]):
            continue  # Claude Code skips it: the variable reaches nothing there
        model = agents[name].get("model")
        if isinstance(model, str) and model.strip():
            own.append(f"{name} (model: {model.strip()})")
        else:
            reached.append(name)
    if not own:
        return
    reaches = f"it reaches {_names(reached)} and the built-in agents without a model" if reached \
        else "it reaches only the built-in agents without a model"
    yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_SUBAGENT),
                  f"env.{mf.ENV_SUBAGENT} {mf.quote(value)} applies only to subagents without their "
                  f"own model (observed in Claude Code 2.1.330, contrary to the docs): {reaches}; not "
                  f"{_names(own)}; set env.{mf.ENV_SUBAGENT_FORCE} to \"1\" to override them all, or "
                  f"remove model from those agents")
