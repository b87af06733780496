"""The permission rules (CT302-CT313): data-driven cases, the real corpus, and fix properties."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.lint import rulecases

CASES = rulecases.load("CT3xx.yaml")
needs_engine = pytest.mark.skipif(not rulecases.engine_available(),
                                  reason="the lint engine (claude_tiers.lint.engine) is not there yet")


@needs_engine
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    rulecases.run(case)


@needs_engine
def test_every_permission_rule_has_fail_pass_and_fix_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT3") == []



# Findings on ../shared/corpus/real/settings (260 files), measured 2026-11-25: CT302 9 (Bash or
# Bash(*) allowed), CT303 15 (13 "Bash(git push :* )" in one file, "Bash(curl:* | sh)"...), CT305 2
# (auto in project files), CT307 8, CT308 25 (Write/Glob path rules), CT310 1, CT311 12 (".env" and
# "*.pem" as deny rules, SlashCommand, MultiEdit...), CT313 2 ("allowEdits"), CT314 1 ("Bash(*:*)"),
# CT315 1 ("Read(*)"). CT310 is info there (the schema, CT101, reports the skipped rule).
CORPUS_AT_LEAST = {"CT302": 9, "CT303": 15, "CT305": 2, "CT307": 8, "CT308": 25, "CT310": 1,
                   "CT311": 12, "CT313": 2, "CT314": 1, "CT315": 1}


@needs_engine
def test_real_corpus() -> None:
    from claude_tiers.lint.engine import lint_text

    shared = require_shared()
    found: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for name, kind, raw in rulecases.corpus_files(shared / "corpus" / "real"):
        if kind in ("agent", "command"):
            continue
        for f in lint_text(raw, kind=kind, filename=name, select=["CT3"]):
            found.setdefault(f.code, set()).add(name)
            counts[f.code] = counts.get(f.code, 0) + 1
    for code, least in CORPUS_AT_LEAST.items():
        assert counts.get(code, 0) >= least, counts
    assert "settings/0023.settings.json" in found["CT303"]
    assert "settings/0150.settings.local.json" in found["CT310"]
    assert {"settings/0087.settings.json", "settings/0252.settings.json"} <= found["CT305"]
    assert "settings/0082.settings.json" in found["CT311"]
    assert found["CT314"] == {"settings/0246.settings.local.json"}
    assert found["CT315"] == {"settings/0055.settings.json"}
    assert counts.get("CT309", 0) == 0 and counts.get("CT306", 0) == 0  # none there; no false alarm


def test_ambiguous_escape_is_an_error_when_the_schema_does_not_report_it() -> None:
    from claude_tiers.lint.engine import context_from_bytes
    from claude_tiers.lint.rules import ct310_ambiguous_escaped_parenthesis as ct310

    ctx = context_from_bytes('{"permissions": {"allow": ["Bash(echo \\\\(foo) (bar))"]}}',
                             kind="settings", display=".claude/settings.json")
    ctx._schema_issues = []
    found = list(ct310.check(ctx))
    assert [(f.severity, f.fixable) for f in found] == [("error", "unsafe")]
    assert "Claude Code skips this rule" in found[0].message


# --------------------------------------------------------------------------- the rule model


@pytest.mark.parametrize("outer,inner,expected", [
    ("Bash", "Bash(rm -rf /)", True),
    ("Bash(*)", "Bash(ls)", True),
    ("Bash(rm *)", "Bash(rm -rf ./build)", True),
    ("Bash(rm:*)", "Bash(rm -rf ./build)", True),
    ("Bash(rm *)", "Bash(rm)", True),  # observed: "touch x *" approves "touch x"
    ("Bash(rm:*)", "Bash(rm)", True),
    ("Bash(rm *)", "Bash(rmdir x)", False),  # observed: a word boundary
    ("Bash(*:*)", "Bash(ls)", False),  # observed: "*:*" is a literal prefix
    ("Bash(*:*)", "Bash(*:*)", True),
    ("Bash(git *)", "Bash(git:*)", True),
    ("Bash(git:*)", "Bash(git *)", True),
    ("Bash(git push *)", "Bash(git push *)", True),
    ("Bash(git push *)", "Bash(git push origin *)", True),
    ("Bash(git push origin *)", "Bash(git push *)", False),
    ("Bash(git push --force:*)", "Bash(git push --force-with-lease:*)", False),
    ("Read", "Read(./.env)", True),
    ("Read(./.env)", "Read(./.env.example)", False),
    ("Read(./secrets/**)", "Read(./secrets/a/b.txt)", True),
    ("Read(./src/*)", "Read(./src/a/b.ts)", False),
    ("Read(./src/*)", "Read(./src/*.ts)", True),
    ("Read(./src/*)", "Read(./src/**)", False),
    ("Edit", "Read(./x)", False),
    ("mcp__github", "mcp__github__create_issue", True),
    ("mcp__github__*", "mcp__github__create_issue", True),
    ("mcp__git", "mcp__github__x", False),
    ("*", "WebFetch(domain:x.com)", True),
    ("Task", "Agent(Explore)", True),
    ("WebFetch(domain:a.com)", "WebFetch(domain:b.a.com)", False),
])
def test_covers(outer: str, inner: str, expected: bool) -> None:
    from claude_tiers.lint import permrules

    def rule(raw: str, name: str) -> permrules.PermRule:
        tool, spec = permrules.split_rule(raw)
        return permrules.PermRule(raw, tool, spec, name, 0, "")

    assert permrules.covers(rule(outer, "deny"), rule(inner, "allow")) is expected


_TOOLS = st.sampled_from(["Bash", "PowerShell", "Read", "Edit", "WebFetch", "Task", "Agent",
                          "mcp__github", "mcp__github__x", "mcp__*", "*", "Bash*"])
_SPECS = st.none() | st.sampled_from([" *", "*", "* ", "  * ", " a", "a *", ":*", "a:*", "*a:*",
                                      "", " ", "**", "./a/**", "domain:a"]) \
    | st.text(st.sampled_from("ab *:/.~\\()-"), max_size=7)


def _perm_rule(tool: str, spec: str | None, name: str) -> Any:
    from claude_tiers.lint import permrules

    raw = tool if spec is None else f"{tool}({spec})"
    return permrules.PermRule(raw, tool, spec, name, 0, "")


@settings(max_examples=3000, deadline=None)
@given(outer_tool=_TOOLS, outer_spec=_SPECS, inner_tool=_TOOLS, inner_spec=_SPECS)
@example(outer_tool="Bash", outer_spec=":*", inner_tool="Bash", inner_spec=" *")  # prefix ""
def test_may_cover_is_a_precondition_of_covers(outer_tool: str, outer_spec: str | None,
                                               inner_tool: str, inner_spec: str | None) -> None:
    """CT306 compares a rule only with the rules may_cover picks (once per cover key): none it
    leaves out covers the rule, and rules of one cover key get the same answer."""
    from claude_tiers.lint import permrules

    outer = _perm_rule(outer_tool, outer_spec, "deny")
    inner = _perm_rule(inner_tool, inner_spec, "allow")
    if not permrules.may_cover(outer, inner):
        assert not permrules.covers(outer, inner)
    twin = _perm_rule(inner_tool, (inner_spec or "")[:1] + "zz" if inner_spec else inner_spec,
                      "allow")
    assert permrules.cover_key(twin) == permrules.cover_key(inner)
    assert permrules.may_cover(outer, twin) == permrules.may_cover(outer, inner)


_RULE = st.builds(_perm_rule, _TOOLS, _SPECS, st.just("deny"))


@settings(max_examples=500, deadline=None)
@given(earlier=st.lists(_RULE, max_size=8), inner=st.lists(_RULE, min_size=1, max_size=4))
def test_coverers_pick_what_may_cover_picks_in_order(earlier: list[Any], inner: list[Any]
                                                     ) -> None:
    from claude_tiers.lint import permrules

    coverers = permrules.Coverers(earlier)
    for rule in inner + inner:  # the second time from what was picked for the cover key
        assert coverers.of(rule) == [o for o in earlier if permrules.may_cover(o, rule)]


# Observed with Claude Code 2.1.330 (skipped = "Ambiguous \( or \) beside an unescaped parenthesis").
@pytest.mark.parametrize("spec,skipped", [
    (r"echo \(a\) (b)", False), (r"echo \(a\)", False), (r"echo (a)", False),
    (r"echo \\(a)", False), (r"echo \(a", False), (r"a\)", False), (r"echo \) (x)", False),
    (r"f() { \(x\) }", False), (r"echo \(a\) \(b\)", False), (r"x \( y )", True),
    (r"echo ( \) ", True), (r"echo \(foo) (bar)", True), (r"echo ) \(x\)", True),
    (r"echo \(x\) ( y", True), (r"echo (a b", False), (r"echo ) b", False),
    (r"echo \( ( \) )", False), (r"echo ( \( ) \)", False), (r"./a\(b", False), ("\\(", False),
    (r"a \(b\) c) d", True), (r"echo \(a\) ) x (", False), (r"./a\(b) c", True),
    (r"echo \\\\( ( \\", False), (r"echo \\( ( \) ", True),
])
def test_ambiguous_escape_matches_claude_code(spec: str, skipped: bool) -> None:
    from claude_tiers.lint import permrules

    assert permrules.ambiguous_escape(spec) is skipped


# ---------------------------------------------------------------------------- fix properties

RULES = ["Bash", "Bash(*)", "Bash(git:* push)", "Bash(sudo :* )", "Bash(npm test *)",
         "Bash(npm test:*)", "Bash(rm *)", "Bash(rm -rf ./build)", "Read", "Read(./.env)",
         "Write(./src/**)", "Edit(./src/**)", "Glob(./x/**)", "Read(/Users/me/.ssh/**)",
         "Bash(echo \\(a) (b))", "Frobnicate", "Bash(command:rm *)", "mcp__github",
         "mcp__github__create_issue", "WebFetch(domain:example.com)", "Bash(ls", ""]
rule_list = st.lists(st.sampled_from(RULES), max_size=6)
permissions = st.fixed_dictionaries({}, optional={
    "allow": rule_list, "deny": rule_list, "ask": rule_list,
    "defaultMode": st.sampled_from(["plan", "auto", "bypassPermissions", "allowEdits",
                                    "AcceptEdits"]),
    "disableBypassPermissionsMode": st.sampled_from([True, False, "disable"]),
    "additionalDirectories": st.just(["../shared"]),
})
KEEP = {"model": "sonnet", "env": {"FOO": "1"}, "cleanupPeriodDays": 30}


def _subsequence(small: list[Any], big: list[Any]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


@needs_engine
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perms=permissions, unsafe=st.booleans(), kind=st.sampled_from(["settings",
                                                                      "local-settings"]))
def test_permission_fixes_are_idempotent_and_keep_other_keys(perms: dict[str, Any], unsafe: bool,
                                                             kind: str) -> None:
    from claude_tiers import jsonio, schema
    from claude_tiers.lint.engine import fix_text

    data = {**KEEP, "permissions": perms}
    text = json.dumps(data, indent=2) + "\n"
    fixed = fix_text(text, kind=kind, select=["CT3"], unsafe=unsafe)
    assert fix_text(fixed, kind=kind, select=["CT3"], unsafe=unsafe) == fixed
    after = jsonio.parse(fixed).data
    for key, value in KEEP.items():
        assert after[key] == value
    assert after["permissions"].get("additionalDirectories") == perms.get("additionalDirectories")
    if not unsafe:  # safe fixes only drop dead or duplicate rules
        for name in ("allow", "ask", "deny"):
            if name in perms:
                assert _subsequence(after["permissions"][name], perms[name])
    if schema.verdict(schema.validate(data)) != "dropped":
        assert schema.verdict(schema.validate(after)) != "dropped"
