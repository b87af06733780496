"""CT702 agent-model-off-policy: a subagent or command runs on another model than the policy says.

**What**: with a tier policy, an agent (``.claude/agents/**/*.md``) or command
(``.claude/commands/**/*.md``) whose name matches an ``agents``/``commands`` rule of the policy
(a project rule's first, then global ones, then the project preset's own rules) has another
``model`` than the rule's. It is an **error** when the file's model is above the rule's tier
(or above ``limits.max-tier`` when no rule matches), a **warning** when it only differs
(lower, or ``inherit``). Agents are matched by their ``name``, commands by file name.

**Why**: subagents are where the expensive models hide: a reviewer on the strongest tier
multiplies the cost of every review, and a security agent on the cheapest tier misses what
it is there to catch. The policy decides; this rule tells where a file disagrees, naming the
rule and its reason.

FAIL (policy ``agents: [{match: "*review*", tier: 1}]``)::

    ---
    name: code-reviewer
    model: claude-opus-4-7
    ---

PASS::

    ---
    name: code-reviewer
    model: claude-sonnet-4-6
    ---

**Fix**: ``claude-tiers apply`` (no preset) sets the model line of every matching file.
"""

from __future__ import annotations

import sys
from typing import Iterator

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint.base import AGENT, COMMAND, Finding, LintContext, finding

CODE = "CT702"
NAME = "agent-model-off-policy"
SEVERITY = "error"
APPLIES_TO = frozenset({AGENT, COMMAND})
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Compare an agent's or command's model with the policy rule for its name."""
    decision = ctx.policy()
    if decision is None or ctx.frontmatter is None:
        return
    from claude_tiers.policy import above, cite, higher, label

    fields = ctx.fields
    if ctx.kind == AGENT:
        name = fields.get("name")
        name = name if isinstance(name, str) and name else ctx.stem
        rule = decision.agent_rule(name)
        what = f"agent {name}"
    else:
        name = ctx.stem
        rule = decision.command_rule(name)
        what = f"command /{name}"
    current = fields.get("model")
    current = current if isinstance(current, str) and current.strip() else None
    at = "/model" if current is not None else ""
    shown = mf.quote(current) if current is not None else "no model (it inherits the main model)"
    tiers = decision.tiers
    if rule is not None:
        if current == rule.model:
            return
        up = higher(current, rule.model, tiers)
        message = (f"{what} uses {shown if current is None else label(current, tiers)}, but the "
                   f"tier policy wants {label(rule.model, tiers)} ({cite(decision, rule)})")
        if up:
            message += "; it runs above its allowed tier, at a higher cost"
        yield finding(_SELF, ctx, at, message + "; claude-tiers apply sets it",
                      severity="error" if up else "warning")
        return
    ceiling = decision.limits.max_tier
    if ceiling is not None and current is not None and above(current, ceiling, tiers):
        section = "agents" if ctx.kind == AGENT else "commands"
        yield finding(_SELF, ctx, at,
                      f"{what} uses {label(current, tiers)}, above max-tier {ceiling} "
                      f"({decision.limits.cite('max-tier')}); pick "
                      f"{label(tiers.get(ceiling), tiers)} or lower, or add a {section} rule")
