"""Loading the rule modules listed in ``rules/__init__.py`` and finding them by code or name."""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType
from typing import cast

from claude_tiers.errors import UserError
from claude_tiers.lint.base import RuleModule


@lru_cache(maxsize=None)
def all_rules() -> tuple[RuleModule, ...]:
    """Every registered rule module, imported once, in code order."""
    from claude_tiers.lint.rules import RULE_MODULES

    modules: list[ModuleType] = [importlib.import_module(f"claude_tiers.lint.rules.{name}")
                                 for name in RULE_MODULES]
    return tuple(sorted((cast(RuleModule, m) for m in modules), key=lambda r: r.CODE))


@lru_cache(maxsize=None)
def rules_for(kind: str) -> tuple[RuleModule, ...]:
    """The rules that apply to one file kind."""
    return tuple(rule for rule in all_rules() if kind in rule.APPLIES_TO)


@lru_cache(maxsize=None)
def by_code() -> dict[str, RuleModule]:
    """Rule modules by code."""
    return {rule.CODE: rule for rule in all_rules()}


def get(key: str) -> RuleModule:
    """The rule with this code (``CT101``, case-insensitive) or name; UserError when unknown."""
    upper = key.upper()
    for rule in all_rules():
        if rule.CODE == upper or rule.NAME == key.lower():
            return rule
    raise UserError(f"no such rule: {key!r} (claude-tiers rules lists them)")


def doc_of(rule: RuleModule) -> str:
    """The rule's documentation (its module docstring), dedented and stripped."""
    import inspect

    return inspect.cleandoc(getattr(rule, "__doc__", None) or "")


def summary_of(rule: RuleModule) -> str:
    """The first line of the rule's documentation."""
    doc = doc_of(rule)
    return doc.splitlines()[0].rstrip(".") if doc else rule.NAME
