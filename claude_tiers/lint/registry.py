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
def rules_for(kind: str, policy: bool = True) -> tuple[RuleModule, ...]:
    """The rules that apply to one file kind (without ``policy``: not the policy rules).

    Only these modules are imported (the generated ``rules.INDEX`` says which without
    importing them): each costs a quarter of a millisecond of a pre-commit run.
    """
    from claude_tiers.lint.rules import INDEX

    names = [name for name, (kinds, needs_policy) in INDEX.items()
             if kind in kinds and (policy or not needs_policy)]
    modules = [cast(RuleModule, importlib.import_module(f"claude_tiers.lint.rules.{name}"))
               for name in names]
    return tuple(sorted(modules, key=lambda r: r.CODE))


def index_source() -> str:
    """The text of ``rules.INDEX``, generated from each rule's APPLIES_TO and NEEDS_POLICY."""
    from claude_tiers.lint.rules import RULE_MODULES

    lines = ["INDEX: dict[str, tuple[tuple[str, ...], bool]] = {"]
    for name in RULE_MODULES:
        rule = cast(RuleModule, importlib.import_module(f"claude_tiers.lint.rules.{name}"))
        kinds = ", ".join(f'"{k}"' for k in sorted(rule.APPLIES_TO))
        kinds += "," if len(rule.APPLIES_TO) == 1 else ""
        lines.append(f'    "{name}": (({kinds}), {bool(getattr(rule, "NEEDS_POLICY", False))}),')
    lines.append("}")
    return "\n".join(lines) + "\n"


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


if __name__ == "__main__":  # regenerate the index: python -m claude_tiers.lint.registry
    import re
    from pathlib import Path

    target = Path(__file__).parent / "rules" / "__init__.py"
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"INDEX: dict\[.*?\n}\n", lambda _: index_source(), text, flags=re.S)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
