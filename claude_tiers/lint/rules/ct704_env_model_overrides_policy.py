"""CT704 env-model-overrides-policy: an ``env`` model variable in settings overrides the tier policy.

**What**: with a tier policy, a project's settings ``env`` sets

* ``ANTHROPIC_MODEL`` to another model than the policy's (in ``.claude/settings.json``): it
  wins over every settings file's ``model`` key, so the policy's model is dead;
* ``CLAUDE_CODE_SUBAGENT_MODEL`` to a model above the project's policy tier (every subagent
  without its own ``model`` runs on it), or at all together with
  ``CLAUDE_CODE_SUBAGENT_MODEL_FORCE=1`` when the policy has agent rules for the project (it
  then replaces the model of every agent, the policy's included).

In ``settings.local.json`` only ``CLAUDE_CODE_SUBAGENT_MODEL`` is checked, and only when the
policy says ``local-may-raise: false`` (CT703 covers the local main model).

**Why**: these variables are how a tier policy is silently undone: the file still shows the
agreed ``model`` line, and Claude Code requests another model.

FAIL (policy ``default: sonnet-default``)::

    {"model": "claude-sonnet-4-6", "env": {"ANTHROPIC_MODEL": "claude-opus-4-7"}}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: none automatic; delete the variable, or change the policy if the project needs it.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import LOCAL_SETTINGS, SETTINGS, Finding, LintContext, finding

CODE = "CT704"
NAME = "env-model-overrides-policy"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS, LOCAL_SETTINGS})
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report env model variables that override what the policy decided."""
    decision = ctx.policy()
    if decision is None or ctx.doc is None or not decision.covered:
        return
    from claude_tiers.policy import cite, higher, label

    if ctx.kind == LOCAL_SETTINGS and decision.limits.local_may_raise:
        return
    env = mf.env_strings(ctx)
    wanted_env = decision.settings.get("env")
    wanted_env = wanted_env if isinstance(wanted_env, dict) else {}
    tiers = decision.tiers
    model = env.get(mf.ENV_MODEL, "").strip()
    if ctx.kind == SETTINGS and model and decision.model and model != decision.model \
            and wanted_env.get(mf.ENV_MODEL) != model:
        yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_MODEL),
                      f"env.{mf.ENV_MODEL} {label(model, tiers)} overrides the tier policy: it "
                      f"wins over every settings file's model, so Claude Code requests it instead "
                      f"of {label(decision.model, tiers)} ({cite(decision)}); delete it")
    sub = env.get(mf.ENV_SUBAGENT, "").strip()
    if not sub or wanted_env.get(mf.ENV_SUBAGENT) == sub:
        return
    if mf.truthy(env.get(mf.ENV_SUBAGENT_FORCE)) and decision.agent_rules:
        rules = "; ".join(cite(decision, r) for r in decision.agent_rules[:3])
        more = f"; and {len(decision.agent_rules) - 3} more" if len(decision.agent_rules) > 3 \
            else ""
        yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_SUBAGENT),
                      f"env.{mf.ENV_SUBAGENT} {label(sub, tiers)} with "
                      f"{mf.ENV_SUBAGENT_FORCE}=1 replaces the model of every subagent, so the "
                      f"tier policy's agent rules ({rules}{more}) have no effect; delete it")
    elif decision.model and higher(sub, decision.model, tiers):
        yield finding(_SELF, ctx, mf.env_pointer(mf.ENV_SUBAGENT),
                      f"env.{mf.ENV_SUBAGENT} {label(sub, tiers)} runs every subagent without "
                      f"its own model above the project's policy model "
                      f"{label(decision.model, tiers)} ({cite(decision)}); delete it or give "
                      "the agents that need more a model of their own")
