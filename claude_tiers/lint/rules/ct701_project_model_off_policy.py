"""CT701 project-model-off-policy: a project's settings use another model than its tier policy.

**What**: with a tier policy in ``claude-tiers.yaml``, the ``model`` of a project's
``.claude/settings.json`` (and the other model keys its preset sets, such as the
``ANTHROPIC_DEFAULT_*_MODEL`` pins of ``opusplan``) differs from what the policy resolves for
that project: the preset of the most specific ``projects`` rule, or ``default``, with the
``tiers`` remaps applied. A project no rule covers is checked against ``limits.max-tier``
only. The message names the policy rule and its reason.

**Why**: the policy is the one place that says which tier each project runs on; a project
that drifts from it costs more than agreed (or runs on a weaker model than its code needs),
and nobody notices until the bill or the incident.

FAIL (policy ``default: sonnet-default``)::

    {"model": "claude-opus-4-7"}

PASS::

    {"model": "claude-sonnet-4-6"}

**Fix**: ``claude-tiers apply`` (no preset) sets every project to its policy; or change the
policy if the project really needs another tier.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator, Mapping

from claude_tiers.lint import modelfields as mf
from claude_tiers.lint import ruletools as rt
from claude_tiers.lint.base import SETTINGS, Finding, LintContext, finding

CODE = "CT701"
NAME = "project-model-off-policy"
SEVERITY = "error"
APPLIES_TO = frozenset({SETTINGS})
NEEDS_POLICY = True  # runs only when a tier policy is in force (not even imported otherwise)
FIX = None
_SELF = sys.modules[__name__]


def wanted_models(settings: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(pointer, label, model) of every model string a preset fragment sets."""
    from claude_tiers.jsonio import join_pointer

    for key in ("model", "advisorModel"):
        value = settings.get(key)
        if isinstance(value, str):
            yield "/" + key, key, value
    env = settings.get("env")
    if isinstance(env, dict):
        for name, value in env.items():
            if isinstance(value, str) and name.endswith("_MODEL"):
                yield join_pointer(["env", name]), f"env.{name}", value


def check(ctx: LintContext) -> Iterator[Finding]:
    """Compare the file's model keys with the policy's preset for the project."""
    decision = ctx.policy()
    if decision is None or ctx.doc is None:
        return
    from claude_tiers.policy import above, cite, label

    data = ctx.data
    if decision.covered:
        for pointer, name, wanted in wanted_models(decision.settings):
            has = rt.get_at(data, pointer)
            if has == wanted or (has is not None and not isinstance(has, str)):
                continue  # a value of the wrong type is CT100/CT101's (apply skips such files)
            shown = mf.quote(has) if has is not None else "unset"
            at = pointer if has is not None else ""
            yield finding(_SELF, ctx, at,
                          f"{name} is {shown}, but the tier policy wants "
                          f"{label(wanted, decision.tiers)} for {decision.project} "
                          f"(preset {decision.preset}; {cite(decision)}); Claude Code runs this "
                          "project on another model than agreed; claude-tiers apply sets it")
        return
    ceiling = decision.limits.max_tier
    model = data.get("model")
    if ceiling is not None and isinstance(model, str) and above(model, ceiling, decision.tiers):
        yield finding(_SELF, ctx, "/model",
                      f"model {mf.quote(model)} is above max-tier {ceiling} "
                      f"({decision.limits.cite('max-tier')}; "
                      f"{label(decision.tiers.get(ceiling), decision.tiers)}"
                      " is the highest allowed); pick a model at or below it")
