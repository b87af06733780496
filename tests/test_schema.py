"""The bundled schemas and the small validator in claude_tiers.schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers import schema
from claude_tiers.resources import load_schema, schemas_dir
from claude_tiers.schema import (CONVERTED, DROP_FILE, IGNORED, SKIP_ENTRY, SchemaDefinitionError,
                                 SchemaIssue)

REPO = Path(__file__).resolve().parent.parent
SETTINGS = "claude-code-settings.schema.json"
ALL_SCHEMAS = ["agent-frontmatter.schema.json", "claude-code-settings.schema.json",
               "command-frontmatter.schema.json", "skill-frontmatter.schema.json"]


def _walk_properties(node: object, where: str = "#") -> Iterator[tuple[str, str, Any]]:
    """Every (location, property name, property schema) in a schema document."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                yield where, name, sub
        for key, value in node.items():
            yield from _walk_properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_properties(value, f"{where}/{index}")


# ---------------------------------------------------------------------------------------------
# The schema documents


def test_all_four_schemas_are_bundled() -> None:
    assert all((schemas_dir() / name).is_file() for name in ALL_SCHEMAS)


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    from jsonschema import Draft202012Validator

    document = load_schema(name)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].endswith(name)
    assert document["x-claude-code-version"] == "2.1.330"


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_every_property_has_a_description(name: str) -> None:
    missing = [f"{where}/properties/{prop}" for where, prop, sub in
               _walk_properties(load_schema(name))
               if not (isinstance(sub, dict) and isinstance(sub.get("description"), str)
                       and sub["description"].strip())]
    assert not missing


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_validator_compiles_every_bundled_schema(name: str) -> None:
    """Subschemas compile on first use at run time; here every one of them is compiled."""
    assert schema._Compiler(load_schema(name)).compile_all() > 10


def test_lazy_compilation_gives_the_same_issues() -> None:
    """Validating with a few subschemas compiled, or all of them, finds the same issues."""
    data = {"model": 5, "permissions": {"allow": ["bash(ls)", "Read"], "defaultMode": "yolo"},
            "hooks": {"PreToolUse": [{"matcher": ["x"], "hooks": []}]}, "effortLevel": "max"}
    lazy = schema._Compiler(load_schema(schema.SETTINGS_SCHEMA))
    before: list[Any] = []
    lazy.top.check(data, schema._ROOT, before)
    full = schema._Compiler(load_schema(schema.SETTINGS_SCHEMA))
    full.compile_all()
    after: list[Any] = []
    full.top.check(data, schema._ROOT, after)
    assert before == after and before


def test_every_key_of_the_docs_index_is_covered() -> None:
    """The facts file's index (210 keys, dotted sub-keys included) all have a property."""
    from tests.conftest import require_shared

    facts = (require_shared() / "reference" / "claude-code-facts.md").read_text(encoding="utf-8")
    section = facts[facts.index("### 2.4 Full key index"):facts.index("## 3. Models")]
    keys = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
    assert len(keys) == 210
    def covered(dotted: str) -> bool:
        if schema.annotations(dotted.split(".")):
            return True
        # Documented array members (strictPluginOnlyCustomization.skills) are x-members.
        parent, _, member = dotted.rpartition(".")
        members = schema.annotations(parent.split(".")).get("x-members") if parent else None
        return isinstance(members, dict) and member in members

    assert [k for k in keys if not covered(k)] == []


@pytest.mark.parametrize(("dotted", "scope"), [
    ("model", "any"), ("allowManagedHooksOnly", "managed"), ("skipDangerousModePermissionPrompt",
    "user-local-managed"), ("autoMode", "user-managed"), ("diffTool", "global-config"),
    ("sandbox.network.allowManagedDomainsOnly", "managed"), ("permissions.defaultMode", "any"),
])
def test_scope_annotations(dotted: str, scope: str) -> None:
    assert schema.annotations(dotted.split("."))["x-scope"] == scope


def test_deprecation_annotations() -> None:
    ann = schema.annotations(["includeCoAuthoredBy"])
    assert ann["x-deprecated"] is True
    assert ann["x-replacement"] == "attribution"
    assert schema.annotations(["voiceEnabled"])["x-replacement"] == "voice.enabled"
    assert schema.annotations(["teammateDefaultModel"])["x-removed"] == "2.1.234"
    assert schema.annotations(["no-such-key"]) == {}
    assert schema.annotations(["permissions", "allow", "0"])["x-on-invalid"] == SKIP_ENTRY


def test_allowed_values() -> None:
    assert schema.allowed_values(["effortLevel"]) == ["low", "medium", "high", "xhigh"]
    assert "manual" in schema.allowed_values(["permissions", "defaultMode"])
    assert schema.allowed_values(["effort"], "agent-frontmatter.schema.json") == [
        "low", "medium", "high", "xhigh", "max"]
    assert schema.allowed_values(["hooks", "Stop", "0", "hooks", "0", "type"]) == [
        "command", "prompt", "agent", "http", "mcp_tool"]
    assert schema.allowed_values(["model"]) == []


def test_known_keys() -> None:
    keys = schema.known_keys()
    assert {"model", "permissions", "hooks", "effortLevel", "$schema"} <= keys
    assert "defaultModel" not in keys
    assert schema.known_keys(at=["permissions"]) >= {"allow", "deny", "ask", "defaultMode"}
    assert "PreModelSwitch" in schema.known_keys(at=["hooks"])


def test_hook_events_are_the_33_of_claude_code_2_1_330() -> None:
    events = load_schema(SETTINGS)["$defs"]["hookEvents"]["propertyNames"]["enum"]
    assert len(events) == len(set(events)) == 33
    assert {"PreModelSwitch", "PostModelSwitch", "PreToolUse", "MessageDisplay"} <= set(events)


# ---------------------------------------------------------------------------------------------
# Validation results


def _v(data: object) -> list[tuple[str, str, str]]:
    return [(i.pointer, i.keyword, i.consequence) for i in schema.validate(data)]


def test_valid_settings_have_no_issues() -> None:
    data = {
        "$schema": "https://json.schemastore.org/claude-code-settings.json",
        "model": "opus", "effortLevel": "xhigh", "fallbackModel": ["sonnet", "haiku"],
        "cleanupPeriodDays": 30, "env": {"ANTHROPIC_MODEL": "claude-opus-5-5", "MAX": 3},
        "permissions": {
            "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)", "mcp__github__*", "Task",
                      "Bash(echo $(date))", "Bash(printf 'a\nb')", "WebFetch(domain:example.com)",
                      "Frobnicate"],
            "deny": ["*", "mcp__*", "Edit(//etc/**)"], "ask": ["Bash(git push *)"],
            "defaultMode": "acceptEdits", "disableBypassPermissionsMode": "disable",
            "somethingNew": [1, 2],
        },
        "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [
            {"type": "command", "command": "guard.sh", "timeout": 5, "description": "guard"},
            {"type": "http", "url": "https://hooks.example.com"},
            {"type": "mcp_tool", "server": "s", "tool": "t", "input": {"a": 1}},
            {"type": "prompt", "prompt": "ok?", "model": "haiku"},
            {"type": "agent", "prompt": "check"}]}],
            "PreModelSwitch": [{"hooks": [{"type": "command", "command": "x"}]}]},
        "statusLine": {"type": "command", "command": "~/.claude/statusline.sh", "padding": 0},
        "enabledPlugins": {"a@b": True, "c@d": ["x"]},
        "defaultModel": "sonnet", "modle": 3,
    }
    assert schema.validate(data) == []


@pytest.mark.parametrize(("data", "expected"), [
    ({"model": 42}, [("/model", "type", DROP_FILE)]),
    ([], [("", "type", DROP_FILE)]),
    # Observed in 2.1.330: effortLevel is not validated, a 4-model fallback chain loads.
    ({"effortLevel": "max"}, [("/effortLevel", "enum", IGNORED)]),
    ({"fallbackModel": ["a", "b", "c", "d"]}, [("/fallbackModel", "maxItems", IGNORED)]),
    ({"fallbackModel": ["a", 1]}, [("/fallbackModel/1", "type", DROP_FILE)]),
    ({"cleanupPeriodDays": 0}, [("/cleanupPeriodDays", "minimum", DROP_FILE)]),
    ({"cleanupPeriodDays": -1}, [("/cleanupPeriodDays", "minimum", DROP_FILE)]),
    ({"cleanupPeriodDays": "30"}, [("/cleanupPeriodDays", "type", DROP_FILE)]),
    ({"disableAutoMode": True}, [("/disableAutoMode", "type", DROP_FILE)]),
    ({"disableBypassPermissionsMode": True}, []),  # only a permissions key; unknown at the top
    ({"permissions": {"disableBypassPermissionsMode": True}},
     [("/permissions/disableBypassPermissionsMode", "type", DROP_FILE)]),
    ({"permissions": {"defaultMode": "manual"}}, []),  # an alias of default
    ({"permissions": {"defaultMode": "delegate"}}, [("/permissions/defaultMode", "enum", DROP_FILE)]),
    ({"permissions": {"allow": "Bash"}}, [("/permissions/allow", "type", DROP_FILE)]),
    ({"permissions": {"additionalDirectories": "/tmp"}},
     [("/permissions/additionalDirectories", "type", DROP_FILE)]),
    ({"permissions": {"allow": ["Bash(ls"]}}, [("/permissions/allow/0", "pattern", SKIP_ENTRY)]),
    ({"permissions": {"allow": ["bash"]}}, [("/permissions/allow/0", "not", SKIP_ENTRY)]),
    ({"permissions": {"deny": ["Bash()"]}}, [("/permissions/deny/0", "not", SKIP_ENTRY)]),
    ({"permissions": {"ask": [""]}}, [("/permissions/ask/0", "pattern", SKIP_ENTRY)]),
    ({"permissions": {"ask": [3]}}, [("/permissions/ask/0", "type", SKIP_ENTRY)]),
    ({"permissions": {"allow": ["*"]}}, [("/permissions/allow/0", "not", SKIP_ENTRY)]),
    ({"permissions": {"allow": ["mcp__github(x)"]}},
     [("/permissions/allow/0", "not", SKIP_ENTRY)]),
    ({"hooks": {"preToolUse": []}}, [("/hooks/preToolUse", "propertyNames", SKIP_ENTRY)]),
    ({"hooks": []}, [("/hooks", "type", SKIP_ENTRY)]),
    ({"hooks": {"Stop": {}}}, [("/hooks/Stop", "type", SKIP_ENTRY)]),
    ({"hooks": {"Stop": [{"hooks": [{"type": "command"}]}]}},
     [("/hooks/Stop/0/hooks/0", "required", SKIP_ENTRY)]),
    ({"hooks": {"Stop": [{"hooks": [{"type": "shell", "command": "x"}]}]}},
     [("/hooks/Stop/0/hooks/0/type", "enum", SKIP_ENTRY)]),
    ({"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x", "timeout": "5"}]}]}},
     [("/hooks/Stop/0/hooks/0/timeout", "type", SKIP_ENTRY)]),
    ({"hooks": {"Stop": [{"matcher": ["Bash"], "hooks": []}]}},
     [("/hooks/Stop/0/matcher", "type", SKIP_ENTRY)]),
    # PreToolUse and PermissionRequest fail closed: the whole file is dropped.
    ({"hooks": {"PreToolUse": [{"matcher": ["Bash"], "hooks": []}]}},
     [("/hooks/PreToolUse/0/matcher", "type", DROP_FILE)]),
    ({"hooks": {"PermissionRequest": [{"hooks": [{"type": "command"}]}]}},
     [("/hooks/PermissionRequest/0/hooks/0", "required", DROP_FILE)]),
    ({"hooks": {"PreToolUse": 3}}, [("/hooks/PreToolUse", "type", DROP_FILE)]),
    ({"allowedMcpServers": [{"serverName": "a b"}]},
     [("/allowedMcpServers/0/serverName", "pattern", SKIP_ENTRY)]),
    ({"allowedMcpServers": [{"serverName": "a", "serverUrl": "b"}]},
     [("/allowedMcpServers/0", "oneOf", SKIP_ENTRY)]),
    ({"deniedMcpServers": [{"serverName": "a b"}]}, []),
    ({"extraKnownMarketplaces": {"m": {"source": {"source": "github"}}}},
     [("/extraKnownMarketplaces/m/source", "required", SKIP_ENTRY)]),
    ({"extraKnownMarketplaces": {"m": {"source": {"source": "zzz"}}}},
     [("/extraKnownMarketplaces/m/source/source", "enum", DROP_FILE)]),
    ({"strictKnownMarketplaces": [{"source": "github"}]},
     [("/strictKnownMarketplaces/0", "required", DROP_FILE)]),
    ({"teammateMode": "x"}, [("/teammateMode", "enum", SKIP_ENTRY)]),
    ({"theme": 3}, [("/theme", "anyOf", IGNORED)]),
    ({"disabledMcpjsonServers": "x"}, [("/disabledMcpjsonServers", "type", IGNORED)]),
    ({"disabledMcpjsonServers": [3]}, [("/disabledMcpjsonServers/0", "type", DROP_FILE)]),
    ({"sandbox": {"network": {"httpProxyPort": 0}}},
     [("/sandbox/network/httpProxyPort", "minimum", IGNORED)]),
    ({"statusLine": {"type": "command"}}, [("/statusLine", "required", DROP_FILE)]),
    ({"apiKeyHelper": 1}, [("/apiKeyHelper", "type", DROP_FILE)]),
    ({"outputStyle": ["x"]}, [("/outputStyle", "type", DROP_FILE)]),
    ({"includeCoAuthoredBy": "no"}, [("/includeCoAuthoredBy", "type", DROP_FILE)]),
    ({"enabledPlugins": {"a@b": "yes"}}, [("/enabledPlugins/a@b", "anyOf", DROP_FILE)]),
])
def test_issue_pointers_keywords_and_consequences(data: object,
                                                  expected: list[tuple[str, str, str]]) -> None:
    assert _v(data) == expected


@pytest.mark.parametrize(("data", "message"), [
    ({"model": 42}, "expected a string, got number 42"),
    ({"effortLevel": "max"},
     'expected one of "low", "medium", "high", "xhigh"; got "max"'),
    ({"fallbackModel": ["a", "b", "c", "d"]}, "at most 3 fallback models are used"),
    ({"hooks": {"Stop": [{"hooks": [{"type": "http", "url": "https://"}]}]}},
     '"https://" is not a valid URL (no host)'),
    ({"cleanupPeriodDays": 0}, "expected a number >= 1, got 0"),
    ({"statusLine": {"type": "command"}}, 'missing required property "command"'),
    ({"enabledPlugins": {"a@b": "yes"}},
     'expected a boolean or an array of strings, got string "yes"'),
    ({"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x", "timeout": True}]}]}},
     "expected a number, got boolean true"),
    ({"permissions": {"allow": ["Bash(ls"]}}, 'malformed rule "Bash(ls"'),
    ({"permissions": {"allow": ["*"]}}, "only valid in deny and ask rules"),
    ({"permissions": {"deny": ["WebFetch(https://x.com)"]}}, "WebFetch(domain:example.com)"),
    ({"hooks": {"Nope": []}}, 'unknown hook event "Nope"'),
])
def test_messages_say_what_was_expected(data: object, message: str) -> None:
    issues = schema.validate(data)
    assert len(issues) == 1
    assert message in issues[0].message


def test_issues_come_in_document_order() -> None:
    data = {"permissions": {"allow": ["bash", "Bash(ls"]}, "model": 1,
            "hooks": {"Nope": [], "Stop": 3}, "effortLevel": "max"}
    assert [i.pointer for i in schema.validate(data)] == [
        "/permissions/allow/0", "/permissions/allow/1", "/model", "/hooks/Nope", "/hooks/Stop",
        "/effortLevel"]


# Observed in 2.1.330 (tests/oracle/test_env_values_oracle.py): any JSON value loads in env, and
# the variable is set to JavaScript's String(value); for a model variable even a number is then
# a model name ("5"), so only strings are right there.
@pytest.mark.parametrize(("env", "expected"), [
    ({"A": None}, [("/env/A", "type", CONVERTED)]),
    ({"A": {}}, [("/env/A", "type", CONVERTED)]),
    ({"A": []}, [("/env/A", "type", CONVERTED)]),
    ({"A": 8000}, []),
    ({"A": True}, []),
    ({"ANTHROPIC_MODEL": None}, [("/env/ANTHROPIC_MODEL", "type", CONVERTED)]),
    ({"ANTHROPIC_MODEL": 5}, [("/env/ANTHROPIC_MODEL", "type", CONVERTED)]),
    ({"CLAUDE_CODE_SUBAGENT_MODEL": True}, [("/env/CLAUDE_CODE_SUBAGENT_MODEL", "type", CONVERTED)]),
    ({"MAX_THINKING_TOKENS": 8000}, []),
    ({"CLAUDE_CODE_SUBAGENT_MODEL_FORCE": None},
     [("/env/CLAUDE_CODE_SUBAGENT_MODEL_FORCE", "type", CONVERTED)]),
    ({"CLAUDE_CODE_EFFORT_LEVEL": 5}, [("/env/CLAUDE_CODE_EFFORT_LEVEL", "type", IGNORED)]),
])
def test_non_string_env_values_are_converted(env: dict[str, object],
                                             expected: list[tuple[str, str, str]]) -> None:
    issues = schema.validate({"env": env})
    assert [(i.pointer, i.keyword, i.consequence) for i in issues] == expected
    assert schema.verdict(issues) == "loaded"
    for issue in issues:
        if issue.consequence == CONVERTED:
            assert "String()" in issue.message and "ignore" not in issue.message


def test_json_pointer_escaping() -> None:
    issues = schema.validate({"enabledPlugins": {"a/b~c": "x"}})
    assert issues[0].pointer == "/enabledPlugins/a~1b~0c"


@pytest.mark.parametrize(("issues", "verdict"), [
    ([], "loaded"),
    ([SchemaIssue("/a", "m", "type", IGNORED)], "loaded"),
    ([SchemaIssue("/env/A", "m", "type", CONVERTED)], "loaded"),
    ([SchemaIssue("/a", "m", "type", SKIP_ENTRY)], "entries-skipped"),
    ([SchemaIssue("/a", "m", "type", SKIP_ENTRY), SchemaIssue("/b", "m", "type", DROP_FILE)],
     "dropped"),
])
def test_verdict(issues: list[SchemaIssue], verdict: str) -> None:
    assert schema.verdict(issues) == verdict


# ---------------------------------------------------------------------------------------------
# The validator engine on small inline schemas


def _compile(document: dict[str, Any]) -> Any:
    compiler = schema._Compiler(document)
    compiler.compile_all()
    return compiler


def _check(document: dict[str, Any], data: object) -> list[SchemaIssue]:
    out: list[Any] = []
    _compile(document).top.check(data, schema._ROOT, out)
    out.sort(key=lambda raw: raw[0])
    return [issue for _, issue, _ in out]


@pytest.mark.parametrize("keyword", ["format", "dependentRequired", "unevaluatedProperties",
                                     "contains", "$dynamicRef", "multipleOf", "uniqueItems",
                                     "prefixItems", "patternProperties", "else", "maxLength",
                                     "minItems", "default"])
def test_unsupported_keywords_are_refused_at_load_time(keyword: str) -> None:
    with pytest.raises(SchemaDefinitionError, match=re.escape(repr(keyword))):
        _compile({"properties": {"a": {keyword: 1}}})


@pytest.mark.parametrize("document", [
    {"$ref": "#/$defs/missing"},
    {"$ref": "https://example.com/x.json"},
    {"pattern": "("},
    {"type": "str"},
    {"enum": []},
    {"x-on-invalid": "explode"},
    {"minLength": -1},
    {"properties": []},
])
def test_malformed_schemas_are_refused(document: dict[str, Any]) -> None:
    with pytest.raises(SchemaDefinitionError):
        _compile(document)


def test_json_equality_rules() -> None:
    doc = {"enum": [1, "a", None, [1, {"b": True}]]}
    assert _check(doc, 1.0) == []
    assert _check(doc, [1, {"b": True}]) == []
    assert [i.keyword for i in _check(doc, True)] == ["enum"]
    assert [i.keyword for i in _check({"const": False}, 0)] == ["const"]


def test_integer_and_number_types() -> None:
    assert _check({"type": "integer"}, 3.0) == []
    assert _check({"type": "integer"}, 3.5)[0].message == "expected an integer, got number 3.5"
    assert _check({"type": "number"}, True)[0].keyword == "type"


def test_recursive_refs_terminate() -> None:
    doc = {"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
           "$ref": "#/$defs/node"}
    assert _check(doc, {"next": {"next": {"next": {}}}}) == []
    assert [i.pointer for i in _check(doc, {"next": {"next": 1}})] == ["/next/next"]


def test_one_of_and_if_then() -> None:
    doc = {"oneOf": [{"type": "integer"}, {"type": "number"}]}
    assert _check(doc, 1.5) == []
    assert "more than one" in _check(doc, 1)[0].message
    assert [i.keyword for i in _check(doc, "x")] == ["oneOf"]
    cond = {"if": {"type": "string"}, "then": {"minLength": 2}}
    assert [i.keyword for i in _check(cond, "a")] == ["minLength"]
    assert _check(cond, -1) == []
    with pytest.raises(SchemaDefinitionError, match="then without if"):
        _compile({"then": {}})


def test_skip_entry_is_inherited_by_descendants() -> None:
    doc = {"properties": {"a": {"x-on-invalid": "skip-entry", "properties": {
        "b": {"type": "string"}}}}}
    assert [i.consequence for i in _check(doc, {"a": {"b": 1}})] == [SKIP_ENTRY]


def test_nearest_declaration_wins_but_an_enclosing_drop_file_is_sticky() -> None:
    item = {"x-on-invalid": "skip-entry", "type": "string"}
    doc = {"properties": {
        "loose": {"x-on-invalid": "ignored", "type": "array",
                  "items": {"x-on-invalid": "drop-file", "type": "string"}},
        "guarded": {"x-on-invalid": "drop-file", "type": "array", "items": item},
        "normal": {"type": "array", "items": item}}}
    assert [(i.pointer, i.consequence) for i in _check(doc, {
        "loose": 1, "guarded": [1], "normal": [1]})] == [
        ("/loose", IGNORED), ("/guarded/0", DROP_FILE), ("/normal/0", SKIP_ENTRY)]
    assert [(i.pointer, i.consequence) for i in _check(doc, {"loose": [1]})] == [
        ("/loose/0", DROP_FILE)]


def test_skipped_entries_name_the_entry_not_the_failing_value() -> None:
    data = {"hooks": {"Stop": [{"hooks": [{"type": "command", "timeout": 0}]}], "Nope": 1},
            "permissions": {"allow": ["bash", "Bash(ls)", 3]}}
    assert schema.skipped_entries(data) == [
        "/hooks/Stop/0/hooks/0", "/hooks/Nope", "/permissions/allow/0", "/permissions/allow/2"]


def test_scope_aware_validation() -> None:
    data = {"managedMcpServers": [], "model": "opus"}
    assert schema.validate(data) == []
    assert [(i.pointer, i.keyword, i.consequence) for i in
            schema.validate(data, scope="project")] == [
        ("/managedMcpServers", "x-scope", SKIP_ENTRY)]
    assert schema.validate(data, scope="managed") == []
    with pytest.raises(ValueError):
        schema.validate(data, scope="galaxy")


def test_additional_properties_false_and_property_names() -> None:
    doc = {"properties": {"a": {"type": "string"}}, "additionalProperties": False,
           "propertyNames": {"pattern": "^[a-z]+$"}}
    issues = _check(doc, {"a": 1, "b": 2, "C": 3})
    assert [(i.pointer, i.keyword) for i in issues] == [
        ("/a", "type"), ("/b", "additionalProperties"), ("/C", "propertyNames"),
        ("/C", "additionalProperties")]
    assert issues[1].message == 'unexpected property "b"'
    assert issues[2].message.startswith('property name "C": ')


def test_bounds_and_messages() -> None:
    assert _check({"exclusiveMinimum": 3}, 3)[0].message == "expected a number > 3, got 3"
    assert _check({"maximum": 1.5}, 2)[0].message == "expected a number <= 1.5, got 2"
    assert _check({"minLength": 1}, "")[0].message == 'expected a non-empty string, got ""'
    assert _check({"maxItems": 1}, [1, 2])[0].message == "expected at most 1 item, got 2"
    assert _check({"const": "a", "x-message": "bad {value}"}, "b")[0].message == 'bad "b"'
    assert _check(False, 1)[0].keyword == "false"  # type: ignore[arg-type]


def test_any_of_messages_explain_the_closest_form() -> None:
    doc = {"anyOf": [{"type": "boolean"}, {"type": "object", "required": ["a"]}]}
    assert _check(doc, 3)[0].message == "expected a boolean or an object, got number 3"
    assert _check(doc, {})[0].message == 'missing required property "a"'
    two = {"anyOf": [{"type": "object", "required": ["a", "b"]},
                     {"type": "object", "required": ["c"]}]}
    assert _check(two, {"a": 1})[0].message == (
        'matches none of the allowed forms; closest: missing required property "b"')


def test_the_validator_supports_exactly_the_keywords_the_schemas_use() -> None:
    used: set[str] = set()

    def walk(node: object, container: str = "") -> None:
        if isinstance(node, dict):
            if container not in ("properties", "$defs") and not container.startswith("x-"):
                used.update(k for k in node if not k.startswith("x-"))
            for key, value in node.items():
                walk(value, key)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ALL_SCHEMAS:
        walk(load_schema(name))
    assert used == set(schema.SUPPORTED_KEYWORDS)


# ---------------------------------------------------------------------------------------------
# Import cost


def test_validating_does_not_import_jsonschema() -> None:
    code = ("import sys, claude_tiers.schema as s\n"
            "s.validate({'model': 1, 'permissions': {'allow': ['bash']}})\n"
            "s.validate({'name': 'x'}, 'agent-frontmatter.schema.json')\n"
            "s.annotations(['model']); s.known_keys()\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'jsonschema', 'referencing', 'rpds', 'attrs', 'ruamel', 'deepdiff', 'click'})\n"
            "print(','.join(heavy))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""


def test_schema_json_files_are_plain_utf8_json() -> None:
    for name in ALL_SCHEMAS:
        text = (schemas_dir() / name).read_text(encoding="utf-8")
        assert json.loads(text) == load_schema(name)
        assert text.endswith("\n")


# ---------------------------------------------------------------------------------------------
# Frontmatter, against Claude Code 2.1.330 (recorded 2026-11-25 through tests/oracle/harness.py:
# an agent is loaded when the stream-json init line lists it; a command or skill when the init
# line's slash_commands/skills do)

AGENT_RECORDED: list[tuple[str, bool]] = [
    ('name: probe\ndescription: A probe agent', True),
    ('description: no name here', False),
    ('name: pro:be\ndescription: d', False),
    ('name: -probe\ndescription: d', False),
    ('name: probe', False),
    ('name: Probe_Agent\ndescription: d', True),
    ('name: probe\ndescription: A probe agent\nmodel: 42', True),
    ('name: probe\ndescription: A probe agent\nmodel: [a, b]', True),
    ('name: probe\ndescription: A probe agent\nmodel: not-a-model', True),
    ('name: probe\ndescription: A probe agent\ncolor: teal', True),
    ('name: probe\ndescription: A probe agent\ncolor: 3', True),
    ('name: probe\ndescription: A probe agent\ntools: 42', True),
    ('name: probe\ndescription: A probe agent\ntools: [Read, Grep]', True),
    ('name: probe\ndescription: A probe agent\ntools: Read, Grep', True),
    ('name: probe\ndescription: A probe agent\neffort: bogus', True),
    ('name: probe\ndescription: A probe agent\neffort: max', True),
    ('name: probe\ndescription: A probe agent\npermissionMode: bogus', True),
    ('name: probe\ndescription: A probe agent\nmaxTurns: many', True),
    ('name: probe\ndescription: A probe agent\nmaxTurns: 0', True),
    ('name: probe\ndescription: A probe agent\nmemory: bogus', True),
    ('name: probe\ndescription: A probe agent\nisolation: bogus', True),
    ('name: probe\ndescription: A probe agent\nbackground: yes', True),
    ('name: probe\ndescription: A probe agent\nbackground: maybe', True),
    ('name: probe\ndescription: A probe agent\nhooks: 3', False),
    ('name: probe\ndescription: A probe agent\nhooks:\n  Nope: []', True),
    ('name: probe\ndescription: A probe agent\nskills: 3', True),
    ('name: probe\ndescription: A probe agent\nmcpServers: 3', True),
    ('name: probe\ndescription: A probe agent\ninitialPrompt: 3', True),
    ('name: probe\ndescription: A probe agent\nunknownField: x', True),
    ('name: probe\ndescription: 42', False),
    ('name: 42\ndescription: d', False),
    ("name: probe\ndescription: ''", False),
    ('name: probe\ndescription: A probe agent\ndisallowedTools: 3', True),
]
COMMAND_RECORDED: list[tuple[str, bool]] = [
    ('description: A probe', True),
    ('', True),
    ('description: A probe\nmodel: 42', True),
    ('description: A probe\neffort: bogus', True),
    ('description: A probe\neffort: 3', True),
    ('description: A probe\ncontext: bogus', True),
    ('description: A probe\nallowed-tools: 42', True),
    ("description: A probe\nallowed-tools: [Read, 'Bash(git *)']", True),
    ('description: A probe\ndisable-model-invocation: yes', True),
    ('description: A probe\ndisable-model-invocation: maybe', True),
    ('description: A probe\nhooks: 3', True),
    ('description: A probe\nhooks:\n  Nope: []', True),
    ('description: A probe\nshell: zsh', True),
    ('description: A probe\nargument-hint: 3', True),
    ('description: A probe\narguments: 3', True),
    ('description: A probe\npaths: 3', True),
    ('description: A probe\nunknownField: x', True),
    ('description: 42', True),
    ('description: A probe\nagent: 3', True),
    ('description: A probe\nname: other-name', True),
    ('description: A probe\nbackground: yes', True),
    ('description: A probe\nwhen_to_use: 3', True),
]

SKILL_RECORDED: list[tuple[str, bool]] = [
    ('description: A probe skill', True),
    ('', True),
    ('description: A probe skill\nname: pro:be', True),
    ('description: A probe skill\nname: -x', True),
    ('description: A probe skill\nhooks: 3', True),
    ('description: A probe skill\neffort: bogus', True),
    ('description: A probe skill\nmodel: 3', True),
    ('description: 42', True),
    ('description: A probe skill\npaths: 3', True),
    ('description: A probe skill\ncontext: fork\nagent: 3', True),
    ('description: A probe skill\ndisable-model-invocation: true', True),
]


def _yaml(text: str) -> object:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text) or {}


@pytest.mark.parametrize(("frontmatter", "loaded"), AGENT_RECORDED)
def test_agent_frontmatter_verdicts_match_claude_code(frontmatter: str, loaded: bool) -> None:
    issues = schema.validate(_yaml(frontmatter), "agent-frontmatter.schema.json")
    assert (schema.verdict(issues) != "dropped") == loaded


@pytest.mark.parametrize(("frontmatter", "loaded"), COMMAND_RECORDED + SKILL_RECORDED)
def test_command_frontmatter_never_stops_a_command_loading(frontmatter: str, loaded: bool) -> None:
    assert loaded
    for name in ("command-frontmatter.schema.json", "skill-frontmatter.schema.json"):
        issues = schema.validate(_yaml(frontmatter), name)
        assert schema.verdict(issues) != "dropped"


def test_frontmatter_consequences() -> None:
    agent = "agent-frontmatter.schema.json"
    assert [(i.pointer, i.consequence) for i in schema.validate(
        {"name": "a", "description": "d", "model": 3, "effort": "huge", "hooks": 3}, agent)] == [
        ("/model", SKIP_ENTRY), ("/effort", SKIP_ENTRY), ("/hooks", DROP_FILE)]
    assert schema.validate({"name": "a", "description": "d", "effort": "High"}, agent)[
        0].message == 'expected one of "low", "medium", "high", "xhigh", "max"; got "High"'
    assert schema.validate({"name": "a", "description": "d", "effort": 3}, agent) == []
    assert schema.annotations(["allowed-tools"], "skill-frontmatter.schema.json")[
        "x-skills-api"] is True
    assert schema.annotations(["paths"], "command-frontmatter.schema.json")["x-ignored"] is True


# ---------------------------------------------------------------------------- x-valid-if shortcuts


def _shortcut_nodes() -> list[tuple[str, Any]]:
    """Every compiled subschema of the bundled schemas that declares x-valid-if."""
    found = []
    for name in ALL_SCHEMAS:
        compiler = schema._Compiler(load_schema(name))
        compiler.compile_all()
        found += [(f"{name}{node.location}", node) for node in compiler._nodes.values()
                  if node.valid_if is not None]
    return found


SHORTCUTS = _shortcut_nodes()


def _full_issues(node: Any, value: str, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setattr(schema, "_SHORTCUTS", False)
    out: list[Any] = []
    node.check(value, schema._ROOT, out)
    return out


def test_there_are_shortcuts_to_prove() -> None:
    assert SHORTCUTS, "no x-valid-if in the bundled schemas: drop these tests"


@pytest.mark.parametrize(("where", "node"), SHORTCUTS, ids=[w for w, _ in SHORTCUTS])
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_string_a_shortcut_accepts_is_valid(where: str, node: Any, data: st.DataObject,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """x-valid-if is sound: what its pattern matches, the whole subschema accepts."""
    assert node.valid_if is not None
    value = data.draw(st.from_regex(node.valid_if, fullmatch=True))
    assert _full_issues(node, value, monkeypatch) == [], (where, value)


def _real_permission_rules() -> list[str]:
    rules: set[str] = set()
    sources = [json.loads(c["text"]) for c in json.loads(
        (Path(__file__).parent / "oracle" / "validation_cases.json").read_text())["cases"]
        if c.get("text", "").lstrip().startswith("{") and _parses(c["text"])]
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real" / "settings"
    for path in sorted(corpus.glob("*.json")) if corpus.is_dir() else []:
        if _parses(text := path.read_text(encoding="utf-8-sig", errors="replace")):
            sources.append(json.loads(text))
    for data in sources:
        perms = data.get("permissions") if isinstance(data, dict) else None
        for key in ("allow", "ask", "deny"):
            items = perms.get(key) if isinstance(perms, dict) else None
            rules.update(r for r in items or [] if isinstance(r, str))
    return sorted(rules)


def _parses(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def test_shortcuts_agree_on_every_real_permission_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the rules of the validation matrix and the real corpus, the shortcut never accepts a
    rule the full subschema rejects (and it does take the common ones)."""
    rules = _real_permission_rules()
    assert len(rules) > 300
    for where, node in SHORTCUTS:
        taken = [r for r in rules if node.valid_if.fullmatch(r)]
        assert len(taken) > len(rules) // 3, where
        for rule in taken:
            assert _full_issues(node, rule, monkeypatch) == [], (where, rule)


_MEMO_STRINGS = st.sampled_from(["Bash(npm test)", "Bash(", "bash(ls)", "Read(//x/**)", "Edit",
                                 "", "claude-sonnet-4-6", "opus", 7, None, "Bash(git push:*)",
                                 "WebFetch(domain:example.com)", "acceptEdits", "allowEdits"])
_MEMO_DOCS = st.fixed_dictionaries({}, optional={
    "model": _MEMO_STRINGS, "defaultMode": _MEMO_STRINGS,
    "permissions": st.fixed_dictionaries({}, optional={
        "allow": st.lists(_MEMO_STRINGS, max_size=4), "deny": st.lists(_MEMO_STRINGS, max_size=3),
        "defaultMode": _MEMO_STRINGS}),
    "env": st.dictionaries(st.sampled_from(["A", "ANTHROPIC_MODEL"]), _MEMO_STRINGS, max_size=2),
    "fallbackModel": st.lists(_MEMO_STRINGS, max_size=3)})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(_MEMO_DOCS, min_size=2, max_size=5))
def test_the_valid_string_memo_never_changes_an_answer(docs: list[dict[str, Any]],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Nodes remember the strings they found valid, across files; a run of documents sharing
    strings gets, for each, the issues a validator without memo or shortcuts gives."""
    remembered = [schema.validate(doc) for doc in docs]
    monkeypatch.setattr(schema, "_SHORTCUTS", False)
    assert remembered == [schema.validate(doc) for doc in docs]


def test_the_valid_string_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    nodes = [o for o in gc.get_objects() if isinstance(o, schema._Node)]
    for node in nodes:  # what earlier tests left
        node.valid_strings.clear()
    monkeypatch.setattr(schema, "_MEMO_STRINGS", 8)
    for i in range(50):
        assert schema.validate({"permissions": {"allow": [f"Bash(echo {i})"]}}) == []
    sizes = [len(o.valid_strings) for o in gc.get_objects() if isinstance(o, schema._Node)]
    assert max(sizes) <= 8 and sum(sizes) > 0


# ------------------------------------------------------------------- is_valid, the fast verdict


def _checked_validity(node: Any, value: object) -> bool:
    """The reference verdict: no issue from the full check, its anyOf/oneOf/not/if branches
    decided by the full check too (installed in place of is_valid by the tests below)."""
    out: list[Any] = []
    node.check(value, schema._ROOT, out)
    return not out


def _all_nodes() -> list[tuple[str, Any]]:
    found = []
    for name in ALL_SCHEMAS:
        compiler = schema._Compiler(load_schema(name))
        compiler.compile_all()
        found += [(f"{name}{node.location}", node) for node in compiler._nodes.values()]
    return found


def _values_in(value: object) -> Iterator[object]:
    yield value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) \
        else ()
    for child in children:
        yield from _values_in(child)


def _corpus_documents() -> list[object]:
    cases = json.loads((Path(__file__).parent / "oracle" / "validation_cases.json").read_text())
    docs = [json.loads(c["text"]) for c in cases["cases"] if _parses(c.get("text", ""))]
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real" / "settings"
    for path in sorted(corpus.glob("*.json")) if corpus.is_dir() else []:
        if _parses(text := path.read_text(encoding="utf-8-sig", errors="replace")):
            docs.append(json.loads(text))
    return docs


def test_is_valid_agrees_with_the_full_check_on_every_node(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Every compiled node of every bundled schema, given the values found in the documents
    of the validation matrix and the real corpus (those of its type, for a typed node; whole
    documents for the top), says "valid" exactly when the full check finds no issue."""
    import random

    docs = _corpus_documents()
    distinct: dict[str, object] = {}
    for doc in docs:
        for value in _values_in(doc):
            distinct.setdefault(json.dumps(value, sort_keys=True), value)
    sample = [distinct[key] for key in random.Random(1).sample(sorted(distinct),
                                                               min(600, len(distinct)))]
    fast = schema._Node.is_valid
    monkeypatch.setattr(schema, "_SHORTCUTS", False)
    cases = []
    for where, node in _all_nodes():
        values = docs if node.location == "#" else [
            v for v in sample if not node.types or any(schema._is_type(v, t) for t in node.types)]
        cases.append((where, node, values, [fast(node, v) for v in values]))
    monkeypatch.setattr(schema._Node, "is_valid", _checked_validity)
    seen = {True: 0, False: 0}
    for where, node, values, verdicts in cases:
        for value, verdict in zip(values, verdicts):
            assert verdict is _checked_validity(node, value), (where, value)
            seen[verdict] += 1
    assert min(seen.values()) > 1000, seen  # both verdicts are exercised


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 70000) | st.floats(-2, 2)
                     | st.sampled_from(["", "x", "Bash(ls)", "opus", "disable", "PreToolUse",
                                        "command", "*", "claude-sonnet-4-6", "1"]),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(["type", "command", "matcher", "hooks",
                                                        "allow", "x", "timeout", "url"]),
                                       inner, max_size=3), max_leaves=8)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_is_valid_agrees_with_the_full_check_on_generated_documents(
        data: st.DataObject, monkeypatch: pytest.MonkeyPatch) -> None:
    """A settings document of known keys and arbitrary values (hooks, permissions, env...) is
    valid to is_valid exactly when the full check finds no issue."""
    keys = sorted(load_schema(SETTINGS)["properties"])
    doc = data.draw(st.dictionaries(st.sampled_from(keys), _JSON, max_size=4))
    top = schema.compiled(SETTINGS).top
    monkeypatch.setattr(schema, "_SHORTCUTS", False)
    verdict = top.is_valid(doc)
    monkeypatch.setattr(schema._Node, "is_valid", _checked_validity)
    assert verdict is _checked_validity(top, doc), doc
