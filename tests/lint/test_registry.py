"""The rule registry: every module registered once, codes and names unique, docs complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claude_tiers.lint import registry
from claude_tiers.lint.base import FRONTMATTER_KINDS, JSON_KINDS, SEVERITIES
from claude_tiers.lint.rules import RULE_MODULES

RULES_DIR = Path(registry.__file__).parent / "rules"


def test_every_rule_module_is_registered_once() -> None:
    on_disk = sorted(p.stem for p in RULES_DIR.glob("ct*.py"))
    assert sorted(RULE_MODULES) == sorted(set(RULE_MODULES)), "a module is registered twice"
    assert sorted(RULE_MODULES) == on_disk


def test_codes_and_names_are_unique_and_well_formed() -> None:
    rules = registry.all_rules()
    codes = [r.CODE for r in rules]
    names = [r.NAME for r in rules]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for rule in rules:
        assert re.fullmatch(r"CT\d{3}", rule.CODE)
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.NAME)
        assert rule.SEVERITY in SEVERITIES
        assert rule.FIX in (None, "safe", "unsafe")
        assert rule.APPLIES_TO and rule.APPLIES_TO <= (JSON_KINDS | FRONTMATTER_KINDS)
        assert (rule.FIX is None) == (getattr(rule, "fix", None) is None), rule.CODE


@pytest.mark.parametrize("rule", registry.all_rules(), ids=lambda r: r.CODE)
def test_rule_documentation(rule: object) -> None:
    doc = registry.doc_of(rule)  # type: ignore[arg-type]
    code, name = rule.CODE, rule.NAME  # type: ignore[attr-defined]
    assert doc.startswith(f"{code} {name}: "), doc.splitlines()[0]
    assert "FAIL" in doc and "PASS" in doc and "**Fix**" in doc and "**Why**" in doc


def test_get_by_code_or_name() -> None:
    assert registry.get("ct003").NAME == "duplicate-key"
    assert registry.get("duplicate-key").CODE == "CT003"
    from claude_tiers.errors import UserError

    with pytest.raises(UserError):
        registry.get("CT999")


def test_module_names_spell_code_and_name() -> None:
    """Selection validates specs from the module names alone (no rule imported)."""
    from claude_tiers.lint import registry
    from claude_tiers.lint.selection import known_rules

    assert sorted(known_rules()) == [(r.CODE, r.NAME) for r in registry.all_rules()]


def test_the_generated_index_is_current() -> None:
    """rules.INDEX (which rules a file kind needs, read without importing them) matches the
    modules; regenerate it with ``python -m claude_tiers.lint.registry``."""
    from claude_tiers.lint import rules

    source = (RULES_DIR / "__init__.py").read_text(encoding="utf-8")
    assert registry.index_source() in source, "run: python -m claude_tiers.lint.registry"
    assert list(rules.INDEX) == list(RULE_MODULES)


@pytest.mark.parametrize("kind", sorted(JSON_KINDS | FRONTMATTER_KINDS))
def test_rules_for_a_kind_are_the_ones_that_apply(kind: str) -> None:
    every = [r.CODE for r in registry.all_rules() if kind in r.APPLIES_TO]
    assert [r.CODE for r in registry.rules_for(kind)] == every
    assert [r.CODE for r in registry.rules_for(kind, policy=False)] == [
        code for code in every if not getattr(registry.by_code()[code], "NEEDS_POLICY", False)]
    assert all(code.startswith("CT7") for code in every
               if getattr(registry.by_code()[code], "NEEDS_POLICY", False))
