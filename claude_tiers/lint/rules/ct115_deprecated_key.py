"""CT115 deprecated-key: a deprecated or removed settings key.

**What**: a key the schema marks deprecated (``x-deprecated``, with its replacement
``x-replacement``) or removed (``x-removed``): ``includeCoAuthoredBy`` (replaced by
``attribution`` in 2.0.62), ``voiceEnabled`` (the older form of ``voice.enabled``),
``disableArtifact``, ``keybindingFlavor``, ``teammateDefaultModel`` (removed in 2.1.234)...

**Why**: a deprecated key still works today but is on its way out, and some are already
ignored in combination: ``includeCoAuthoredBy`` has no effect once ``attribution.commit`` or
``attribution.pr`` is set. A removed key does nothing at all.

``env.ANTHROPIC_SMALL_FAST_MODEL`` is CT214's (reported once, there).

FAIL::

    {"includeCoAuthoredBy": false}

PASS::

    {"attribution": {"commit": "", "pr": ""}}

**Fix** (safe), for the keys with an exact equivalent:
``includeCoAuthoredBy: false`` -> ``attribution.commit`` and ``attribution.pr`` set to ``""``
(both hide the trailer and the PR line); ``includeCoAuthoredBy: true`` is the default and is
removed; when ``attribution.commit``/``pr`` is already set, the ignored key is removed.
``voiceEnabled`` -> ``voice.enabled`` (unless ``voice.enabled`` is set to something else).
The others need a human.
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from claude_tiers.lint import keyfacts
from claude_tiers.lint.base import SETTINGS_KINDS, Finding, LintContext, finding
from claude_tiers.lint.ruletools import clone, keeps_file, schema_flagged

CODE = "CT115"
NAME = "deprecated-key"
SEVERITY = "warning"
APPLIES_TO = SETTINGS_KINDS
FIX = "safe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report deprecated and removed keys, saying whether Claude Code still honours them."""
    data = ctx.data
    for item in keyfacts.walk_known(data):
        notes = item.notes
        name = keyfacts.dotted(item.parts)
        removed = notes.get("x-removed")
        if removed:
            yield finding(_SELF, ctx, item.pointer,
                          f'"{name}" was removed in Claude Code {removed}: it is silently ignored; '
                          "remove it", fixable=False)
            continue
        if not notes.get("x-deprecated") or schema_flagged(ctx, item.pointer):
            continue
        if item.parts in _OWN_RULE:
            continue  # reported once, by the rule that knows more about it
        replacement = notes.get("x-replacement")
        since = notes.get("x-deprecated-since")
        head = f'"{name}" is deprecated' + (f" since {since}" if since else "")
        instead = f'; use "{replacement}" instead' if replacement else ""
        severity = "info"
        effect = "Claude Code still honours it"
        if item.parts == ("includeCoAuthoredBy",) and _attribution_set(data):
            effect = ("Claude Code ignores it because attribution.commit or attribution.pr is "
                      "set")
            severity = "warning"
        fixed = _fixed(data, item.parts)
        yield finding(_SELF, ctx, item.pointer, f"{head}: {effect}{instead}", severity=severity,
                      fixable=fixed is not None, data=item.parts)


# Deprecated keys a more specific rule reports (CT214: what the old variable still does).
_OWN_RULE = frozenset({("env", "ANTHROPIC_SMALL_FAST_MODEL")})


def _attribution_set(data: dict[str, Any]) -> bool:
    attribution = data.get("attribution")
    return isinstance(attribution, dict) and any(
        isinstance(attribution.get(k), str) for k in ("commit", "pr"))


def fix(ctx: LintContext, found: Finding) -> dict[str, Any] | None:
    """Rewrite the deprecated key into its replacement."""
    return _fixed(ctx.data, found.data) if isinstance(found.data, tuple) else None


def _fixed(data: dict[str, Any], parts: tuple[str, ...]) -> dict[str, Any] | None:
    if parts == ("includeCoAuthoredBy",):
        value = data.get("includeCoAuthoredBy")
        if not isinstance(value, bool):
            return None
        # Copies of the top level and of the one object changed, not of the whole file: the
        # finding computes its fix to say whether it is fixable (2,953 on the 10k tree).
        new = dict(data)
        del new["includeCoAuthoredBy"]
        if value and not _attribution_set(data):
            return new  # true is the default
        if _attribution_set(data):
            return new  # ignored today
        attribution = new.setdefault("attribution", {})
        if not isinstance(attribution, dict):
            return None
        attribution = new["attribution"] = dict(attribution)
        attribution["commit"] = ""
        attribution["pr"] = ""
        return new if keeps_file(data, new) else None
    if parts == ("voiceEnabled",):
        value = data.get("voiceEnabled")
        if not isinstance(value, bool):
            return None
        new = dict(data)
        del new["voiceEnabled"]
        voice = new.setdefault("voice", {})
        if not isinstance(voice, dict):
            return None
        voice = new["voice"] = clone(voice)
        if not keyfacts.merge_into(voice, "enabled", value):
            return None
        return new if keeps_file(data, new) else None
    return None
