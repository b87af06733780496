"""Every knowing difference between our settings schema and SchemaStore's, as data.

SchemaStore's ``claude-code-settings.json`` (Apache-2.0, a copy in ../shared/reference) is the schema
editors use. Ours follows what Claude Code 2.1.330 does (recorded through the oracle harness), so
they differ; each difference is listed below with a one-line reason, and the test asserts that the
list is exactly what a structural comparison of the two schemas (plus a few permission rules run
through both) finds. When either schema changes, this test says what to add or remove.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from claude_tiers.resources import load_schema
from tests.conftest import require_shared

OURS_NAME = "claude-code-settings.schema.json"

# ---------------------------------------------------------------------------------------------
# Reasons (shared by many entries)

R_NEW_KEY = "documented by Claude Code (docs index 2026-08) but missing from SchemaStore"
R_OBSERVED = ("validated by Claude Code 2.1.330 (a wrong type drops the file or skips the key) but in "
              "neither the Aug-2026 docs index nor SchemaStore")
R_OPEN = "Claude Code 2.1.330 accepts and ignores unknown keys here; SchemaStore rejects them"
R_EMPTY = "Claude Code 2.1.330 accepts an empty string here; SchemaStore requires minLength 1"
R_UNIQUE = "Claude Code de-duplicates; a repeated entry does not invalidate the file"
R_HOOK_FIELD = "accepted by Claude Code on every hook handler; SchemaStore lists it per type or not at all"
R_HOOK_DESC = "Claude Code 2.1.330 accepts (ignores) a description on a hook handler"
R_HOOK_ONCE = "once: true is accepted on every handler (meaningful in skill hooks)"
R_DISCRIMINATED = ("same accepted shapes, written as if/then on the discriminator so that errors "
                   "name the failing field")
R_MCP_ENTRY = ("one object with exactly one of serverName/serverCommand/serverUrl (oneOf), instead "
               "of three closed objects: Claude Code reports 'exactly one of'")
R_PORT = "Claude Code 2.1.330 accepts any number as a port (range unchecked; annotated x-on-invalid: ignored)"
R_NOT_CHECKED = "not validated by Claude Code 2.1.330: we keep the documented shape, annotated ignored"
R_ONE_SOURCE = ("Claude Code checks the three marketplace keys against one source union (its "
                "error lists the same 10 kinds), so every kind has the same fields in ours")
R_ANCHOR = ("same rule, anchored with (?![\\s\\S]) instead of $, which in Python also matches "
            "before a final newline")
R_GIT_URL = "Claude Code 2.1.330 accepts a git clone URL that does not end in .git"
R_URL = ("Claude Code requires a URL it can parse (\"notaurl\" drops the file); SchemaStore's "
         "format: uri is an annotation validators do not assert")
R_MASK = "Claude Code 2.1.330 accepts mode \"mask\" besides \"deny\""

DIFFERENCES: dict[str, str] = {
    # -- keys
    "key only in ours: autoCompactWindow": R_NEW_KEY,
    "key only in ours: crossSessionInbound": R_NEW_KEY,
    "key only in ours: dialogExpiry": R_NEW_KEY,
    "key only in ours: disableCommandPluginSources": R_NEW_KEY,
    "key only in ours: enableWorkflows": R_NEW_KEY,
    "key only in ours: isolatePeerMachines": R_NEW_KEY,
    "key only in ours: keybindingFlavor": R_NEW_KEY,
    "key only in ours: promptSuggestionEnabled": R_NEW_KEY,
    "key only in ours: remote": R_NEW_KEY,
    "key only in ours: skipAutoPermissionPrompt": R_NEW_KEY,
    "key only in ours: spellcheck": R_NEW_KEY,
    "key only in ours: switchModelsOnFlag": R_NEW_KEY,
    "key only in ours: syncClaudeAiSkills": R_NEW_KEY,
    "key only in ours: terminalTitleFromRename": R_NEW_KEY,
    "key only in ours: ultracode": R_NEW_KEY,
    "key only in ours: additionalMarketplaces": R_OBSERVED,
    "key only in ours: allowedMarketplaces": R_OBSERVED,
    "key only in ours: autoContinueAtUsageLimit": R_OBSERVED,
    "key only in ours: autoDreamEnabled": R_OBSERVED,
    "key only in ours: breakReminder": R_OBSERVED,
    "key only in ours: desktopSessionCleanupPeriodDays": R_OBSERVED,
    "key only in ours: doneMeansMerged": R_OBSERVED,
    "key only in ours: feedbackDrafts": R_OBSERVED,
    "key only in ours: idleCompaction": R_OBSERVED,
    "key only in ours: managedSourcesBehavior": R_OBSERVED,
    "key only in ours: modelPricing": R_OBSERVED,
    "key only in ours: quietHours": R_OBSERVED,
    "key only in ours: showMessageTimestamps": R_OBSERVED,
    "key only in ours: skipWorkflowUsageWarning": R_OBSERVED,
    "key only in ours: syncClaudeAiPlugins": R_OBSERVED,
    "key only in ours: timeFormat": R_OBSERVED,
    "key only in ours: timeZone": R_OBSERVED,
    "key only in ours: totalTokensReminder": R_OBSERVED,
    "key only in ours: totalTokensReminderAfterUserTurn": R_OBSERVED,
    "key only in ours: totalTokensReminderBudget": R_OBSERVED,
    "field only in ours: sandbox.credentials.awsPairs": R_NEW_KEY,
    "field only in ours: sandbox.credentials.sigv4": R_NEW_KEY,
    # -- hooks
    "hook event only in ours: PreModelSwitch": "one of the 33 events Claude Code 2.1.330 lists; "
                                                "newer than SchemaStore's sync (2.1.220)",
    "hook event only in ours: PostModelSwitch": "one of the 33 events Claude Code 2.1.330 lists; "
                                                 "newer than SchemaStore's sync (2.1.220)",
    "hooks: unknown event names": "SchemaStore rejects them (additionalProperties: false); Claude "
                                  "Code skips only that entry, modelled as propertyNames + skip-entry",
    "open object: hooks.<event>.<item>": R_OPEN,
    "open object: hooks.<event>.<item>.hooks.<item>[agent]": R_HOOK_DESC,
    "open object: hooks.<event>.<item>.hooks.<item>[command]": R_HOOK_DESC,
    "open object: hooks.<event>.<item>.hooks.<item>[http]": R_HOOK_DESC,
    "open object: hooks.<event>.<item>.hooks.<item>[mcp_tool]": R_HOOK_DESC,
    "open object: hooks.<event>.<item>.hooks.<item>[prompt]": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[agent].description": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[agent].once": R_HOOK_ONCE,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[command].description": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[command].once": R_HOOK_ONCE,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[http].description": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[http].once": R_HOOK_ONCE,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[mcp_tool].description": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[mcp_tool].once": R_HOOK_ONCE,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[prompt].description": R_HOOK_DESC,
    "field only in ours: hooks.<event>.<item>.hooks.<item>[prompt].once": R_HOOK_ONCE,
    "minLength: hooks.<event>.<item>.hooks.<item>[agent].prompt": R_EMPTY,
    "minLength: hooks.<event>.<item>.hooks.<item>[command].command": R_EMPTY,
    "minLength: hooks.<event>.<item>.hooks.<item>[mcp_tool].server": R_EMPTY,
    "minLength: hooks.<event>.<item>.hooks.<item>[mcp_tool].tool": R_EMPTY,
    "minLength: hooks.<event>.<item>.hooks.<item>[prompt].prompt": R_EMPTY,
    "minLength: hooks.<event>.<item>.hooks.<item>[http].allowedEnvVars.<item>": R_EMPTY,
    "url: hooks.<event>.<item>.hooks.<item>[http].url": "Claude Code requires a parseable URL "
                                                        "(\"https://\" is rejected), not just minLength 1",
    # -- permissions
    "open object: permissions": "Claude Code 2.1.330 accepts unknown keys inside permissions",
    "uniqueItems: permissions.additionalDirectories": R_UNIQUE,
    "uniqueItems: permissions.allow": R_UNIQUE,
    "uniqueItems: permissions.ask": R_UNIQUE,
    "uniqueItems: permissions.deny": R_UNIQUE,
    "minLength: permissions.additionalDirectories.<item>": R_EMPTY,
    "enum: permissions.defaultMode only in SchemaStore: delegate": "Claude Code 2.1.330 drops a file "
                                                                   "with defaultMode \"delegate\"",
    "permission rules: different pattern": "SchemaStore lists 30 tool names and forbids \")\" in the "
                                           "specifier; ours follows Claude Code's own rule checks",
    'rule accepted only by ours: "Bash(echo $(date))"': "parentheses inside the specifier are literal",
    'rule accepted only by ours: "Bash(node -e \\"f()\\")"': "parentheses inside the specifier are literal",
    'rule accepted only by ours: "Task"': "an unknown or renamed tool name is accepted (Claude Code warns at most)",
    'rule accepted only by ours: "Frobnicate"': "an unknown tool name is accepted",
    'rule accepted only by ours: "bash_tool"': "a lowercase name containing _ passes Claude Code's check",
    'rule accepted only by ours: "deny *"': "deny and ask accept a bare * glob",
    'rule accepted only by ours: "deny Edit:*"': "deny and ask accept globs in the tool-name position",
    'rule accepted only by SchemaStore: "mcp__github(x)"': "Claude Code skips an mcp__ rule with parentheses",
    'rule accepted only by SchemaStore: "Bash(:*)"': "Claude Code skips an empty prefix before :*",
    'rule accepted only by SchemaStore: "WebFetch(example.com)"': "Claude Code requires the domain: prefix",
    'rule accepted only by SchemaStore: "WebSearch(foo*)"': "Claude Code rejects wildcards in WebSearch rules",
    'rule accepted only by SchemaStore: "Read(src:*)"': "Claude Code rejects :* in file-path rules",
    'rule accepted only by SchemaStore: "allow mcp__*"': "allow rules may not put a glob before mcp__<server>__",
    # -- other keys
    "type: attribution": "Claude Code 2.1.330 also accepts true/false for attribution",
    "open object: attribution": R_OPEN,
    "enum: autoUpdatesChannel only in ours: rc": "Claude Code 2.1.330 lists latest, stable and rc",
    "open object: autoMode": R_OPEN,
    "discriminated: blockedMarketplaces.<item>": R_DISCRIMINATED,
    "discriminated: strictKnownMarketplaces.<item>": R_DISCRIMINATED,
    "discriminated: extraKnownMarketplaces.<value>.source": R_DISCRIMINATED,
    "marketplace kind only in ours: blockedMarketplaces.<item>[skills-dir]": "a source kind Claude Code 2.1.330 lists",
    "marketplace kind only in ours: blockedMarketplaces.<item>[settings]": "a source kind Claude Code 2.1.330 lists",
    "marketplace kind only in ours: strictKnownMarketplaces.<item>[skills-dir]": "a source kind Claude Code 2.1.330 lists",
    "marketplace kind only in ours: strictKnownMarketplaces.<item>[settings]": "a source kind Claude Code 2.1.330 lists",
    "marketplace kind only in ours: extraKnownMarketplaces.<value>.source[skills-dir]": "a source kind Claude Code 2.1.330 lists",
    "marketplace kind only in ours: extraKnownMarketplaces.<value>.source[pathPattern]": "a source kind Claude Code 2.1.330 lists",
    "open object: extraKnownMarketplaces.<value>": R_OPEN,
    "open object: blockedMarketplaces.<item>[*]": R_OPEN,
    "open object: strictKnownMarketplaces.<item>[*]": R_OPEN,
    "open object: extraKnownMarketplaces.<value>.source[*]": R_OPEN,
    "open object: extraKnownMarketplaces.<value>.source[*].plugins.<item>": R_OPEN,
    "open object: extraKnownMarketplaces.<value>.source[*].plugins.<item>.source[*]": R_OPEN,
    "field only in ours: blockedMarketplaces.<item>[*].skipLfs": R_ONE_SOURCE,
    "field only in ours: strictKnownMarketplaces.<item>[*].skipLfs": R_ONE_SOURCE,
    "field only in ours: extraKnownMarketplaces.<value>.source[*].headers": R_ONE_SOURCE,
    "minLength: worktree.sparsePaths.<item>": R_EMPTY,
    "pattern: allowedMcpServers.<item>.serverName": R_ANCHOR,
    "pattern: blockedMarketplaces.<item>[git].url": R_GIT_URL,
    "pattern: extraKnownMarketplaces.<value>.source[git].url": R_GIT_URL,
    "pattern: blockedMarketplaces.<item>[url].url": R_URL,
    "pattern: extraKnownMarketplaces.<value>.source[url].url": R_URL,
    "pattern: strictKnownMarketplaces.<item>[url].url": R_URL,
    "discriminated: hooks.<event>.<item>.hooks.<item>": R_DISCRIMINATED,
    "minLength: agent": R_EMPTY,
    "minLength: allowedHttpHookUrls.<item>": R_EMPTY,
    "minLength: apiKeyHelper": R_EMPTY,
    "minLength: autoMemoryDirectory": R_EMPTY,
    "minLength: awsAuthRefresh": R_EMPTY,
    "minLength: awsCredentialExport": R_EMPTY,
    "minLength: claudeMdExcludes.<item>": R_EMPTY,
    "minLength: companyAnnouncements.<item>": R_EMPTY,
    "minLength: disabledMcpjsonServers.<item>": R_EMPTY,
    "minLength: enabledMcpjsonServers.<item>": R_EMPTY,
    "minLength: gcpAuthRefresh": R_EMPTY,
    "minLength: httpHookAllowedEnvVars.<item>": R_EMPTY,
    "minLength: minimumVersion": R_EMPTY,
    "minLength: otelHeadersHelper": R_EMPTY,
    "minLength: outputStyle": R_EMPTY,
    "minLength: pluginTrustMessage": R_EMPTY,
    "minLength: sandbox.bwrapPath": R_EMPTY,
    "minLength: sandbox.socatPath": R_EMPTY,
    "minLength: sandbox.filesystem.allowRead.<item>": R_EMPTY,
    "minLength: sandbox.filesystem.allowWrite.<item>": R_EMPTY,
    "minLength: sandbox.filesystem.denyRead.<item>": R_EMPTY,
    "minLength: sandbox.filesystem.denyWrite.<item>": R_EMPTY,
    "minLength: sandbox.network.allowMachLookup.<item>": R_EMPTY,
    "minLength: sandbox.network.allowedDomains.<item>": R_EMPTY,
    "minLength: sandbox.network.deniedDomains.<item>": R_EMPTY,
    "minLength: sandbox.ripgrep.command": R_EMPTY,
    "minLength: skippedMarketplaces.<item>": R_EMPTY,
    "minLength: skippedPlugins.<item>": R_EMPTY,
    "minLength: spinnerTipsOverride.tips.<item>": R_EMPTY,
    "minLength: spinnerVerbs.verbs.<item>": R_EMPTY,
    "minLength: subagentStatusLine.command": R_EMPTY,
    "minLength: forceLoginOrgUUID": R_EMPTY,
    "minLength: forceLoginOrgUUID.<item>": R_EMPTY,
    "minItems: spinnerTipsOverride.tips": "Claude Code 2.1.330 does not check spinnerTipsOverride",
    "minItems: spinnerVerbs.verbs": "Claude Code 2.1.330 accepts an empty verbs list",
    "required: spinnerVerbs": "Claude Code 2.1.330 requires mode as well as verbs",
    "mcp entry shape: allowedMcpServers.<item>": R_MCP_ENTRY,
    "mcp entry shape: deniedMcpServers.<item>": R_MCP_ENTRY,
    "pattern: deniedMcpServers.<item>.serverName": "Claude Code 2.1.330 checks server names only in the allowlist",
    "env: values": "Claude Code 2.1.330 accepts any JSON value in env and uses String(value) of it (we flag "
                   "null, objects and arrays, and non-strings in model variables, as converted)",
    "env: variable names": "SchemaStore restricts names to ^[A-Z_][A-Z0-9_]*$; Claude Code accepts any name",
    "env: variables documented only by SchemaStore": "we document only the model-related variables the "
                                                     "linter reasons about; the rest change every release",
    "env: variables documented only by ours": "model variables from the docs newer than SchemaStore's list",
    "open object: fileSuggestion": R_OPEN,
    "open object: footerLinksRegexes.<item>": R_OPEN,
    "open object: allowedChannelPlugins.<item>": R_OPEN,
    "open object: pluginConfigs.<value>": R_OPEN,
    "plugin option values: pluginConfigs.<value>.mcpServers.<value>.<value>": "same values, written as a type list",
    "plugin option values: pluginConfigs.<value>.options.<value>": "same values, written as a type list",
    "enabledPlugins values": "SchemaStore's third branch ({not: {}}) accepts nothing; same accepted values",
    "open object: policyHelper": R_OPEN,
    "open object: sandbox": R_OPEN,
    "open object: sandbox.credentials": R_OPEN,
    "open object: sandbox.credentials.envVars.<item>": R_OPEN,
    "open object: sandbox.credentials.files.<item>": R_OPEN,
    "open object: sandbox.filesystem": R_OPEN,
    "open object: sandbox.network": R_OPEN,
    "open object: sandbox.network.tlsTerminate": R_OPEN,
    "open object: sandbox.ripgrep": R_OPEN,
    "open object: spinnerTipsOverride": R_OPEN,
    "open object: spinnerVerbs": R_OPEN,
    "open object: sshConfigs.<item>": R_OPEN,
    "open object: statusLine": R_OPEN,
    "open object: subagentStatusLine": R_OPEN,
    "open object: voice": R_OPEN,
    "open object: worktree": R_OPEN,
    "enum: sandbox.credentials.envVars.<item>.mode only in ours: mask": R_MASK,
    "enum: sandbox.credentials.files.<item>.mode only in ours: mask": R_MASK,
    "type: sandbox.network.httpProxyPort": R_PORT,
    "type: sandbox.network.socksProxyPort": R_PORT,
    "vimInsertModeRemaps: key pattern": R_NOT_CHECKED,
    "oneOf/anyOf: forceLoginOrgUUID": "anyOf: an empty string is both a string and not an array, so "
                                      "oneOf never mattered; written as anyOf",
}


# ---------------------------------------------------------------------------------------------
# The comparison


def _resolve(root: dict[str, Any], node: Any) -> Any:
    for _ in range(10):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _variants(root: dict[str, Any], node: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """A discriminated union: (discriminator, {value: merged branch}) from anyOf or if/then."""
    found: dict[str, dict[str, Any]] = {}
    key = ""
    for branch in node.get("anyOf", []):
        branch = _resolve(root, branch)
        consts = {k: v["const"] for k, v in branch.get("properties", {}).items()
                  if isinstance(v, dict) and "const" in v}
        if len(consts) != 1:
            return None
        key, value = next(iter(consts.items()))
        found[value] = branch
    for branch in node.get("allOf", []):
        cond = branch.get("if", {}).get("properties", {})
        if len(cond) == 1 and "then" in branch:
            key, sub = next(iter(cond.items()))
            then = _resolve(root, branch["then"])
            merged = dict(then)
            merged["properties"] = {**node.get("properties", {}), **then.get("properties", {})}
            merged["properties"].pop(key, None)
            merged["required"] = sorted(set(node.get("required", [])) | set(then.get("required", []))
                                        - {key})
            if node.get("additionalProperties") is False:
                merged["additionalProperties"] = False
            found[sub["const"]] = merged
    if not found:
        return None
    for value, branch in found.items():  # the discriminator itself is compared separately
        props = {k: v for k, v in branch.get("properties", {}).items() if k != key}
        found[value] = {**branch, "properties": props,
                        "required": sorted(set(branch.get("required", [])) - {key})}
    return key, found


def _flat(root: dict[str, Any], node: Any) -> dict[str, Any]:
    """The subschema with $refs resolved and plain allOf branches (our rule checks) merged in."""
    node = _resolve(root, node)
    if not isinstance(node, dict):
        return {}
    merged = dict(node)
    for branch in node.get("allOf", []):
        if "if" not in branch:
            for k, v in _flat(root, branch).items():
                merged.setdefault(k, v)
    return merged


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("type")
    if t is None:
        return set()
    return {t} if isinstance(t, str) else set(t)


def compare(theirs_root: dict[str, Any], ours_root: dict[str, Any]) -> set[str]:
    found: set[str] = set()

    def walk(path: str, a: Any, b: Any) -> None:
        na, nb = _flat(theirs_root, a), _flat(ours_root, b)
        va, vb = _variants(theirs_root, na), _variants(ours_root, nb)
        if va and vb:
            if ("anyOf" in na) != ("anyOf" in nb):
                found.add(f"discriminated: {path}")
            for value in sorted(set(va[1]) | set(vb[1])):
                if value not in va[1]:
                    found.add(f"marketplace kind only in ours: {path}[{value}]"
                              if "arketplace" in path else f"variant only in ours: {path}[{value}]")
                elif value not in vb[1]:
                    found.add(f"variant only in SchemaStore: {path}[{value}]")
                else:
                    walk(f"{path}[{value}]", va[1][value], vb[1][value])
            return
        if path in ("allowedMcpServers.<item>", "deniedMcpServers.<item>"):
            found.add(f"mcp entry shape: {path}")
            fields_a = {k: v for br in na.get("anyOf", []) for k, v in br["properties"].items()}
            for name, sub in nb.get("properties", {}).items():
                walk(f"{path}.{name}", fields_a.get(name, {}), sub)
            return
        if path in ("permissions.allow.<item>", "permissions.ask.<item>",
                    "permissions.deny.<item>"):
            if na.get("pattern") != nb.get("pattern"):
                found.add("permission rules: different pattern")
            return
        if path == "enabledPlugins.<value>":
            if len(na.get("anyOf", [])) != len(nb.get("anyOf", [])):
                found.add("enabledPlugins values")
            return
        if path.endswith("<value>.<value>") or path.endswith("options.<value>"):
            if "anyOf" in na and "anyOf" not in nb:
                found.add(f"plugin option values: {path}")
                return
        if path == "forceLoginOrgUUID" and "oneOf" in na and "anyOf" in nb:
            found.add("oneOf/anyOf: forceLoginOrgUUID")
            na = {**na, "anyOf": na["oneOf"]}
        if path == "hooks":
            events_a, events_b = set(na.get("properties", {})), set(nb.get("properties", {}))
            for ev in sorted(events_b - events_a):
                found.add(f"hook event only in ours: {ev}")
            for ev in sorted(events_a - events_b):
                found.add(f"hook event only in SchemaStore: {ev}")
            if na.get("additionalProperties") is False and "propertyNames" in nb:
                found.add("hooks: unknown event names")
            walk("hooks.<event>", na["properties"]["Stop"], nb["properties"]["Stop"])
            return
        if path == "env":
            names_a, names_b = set(na.get("properties", {})), set(nb.get("properties", {}))
            if names_a - names_b:
                found.add("env: variables documented only by SchemaStore")
            if names_b - names_a:
                found.add("env: variables documented only by ours")
            if na.get("propertyNames") != nb.get("propertyNames"):
                found.add("env: variable names")
            if _types(_flat(theirs_root, na.get("additionalProperties", {}))) != _types(
                    _flat(ours_root, nb.get("additionalProperties", {}))):
                found.add("env: values")
            return
        if path == "vimInsertModeRemaps" and na.get("propertyNames") != nb.get("propertyNames"):
            found.add("vimInsertModeRemaps: key pattern")
        if path.endswith("[http].url") and "allOf" in nb:
            found.add(f"url: {path}")
            return
        # scalar facts
        if _types(na) != _types(nb) and _types(na) and _types(nb):
            found.add(f"type: {path}")
        ea, eb = na.get("enum"), nb.get("enum")
        if ea is not None and eb is not None and set(map(json.dumps, ea)) != set(map(json.dumps, eb)):
            only_a = sorted(set(ea) - set(eb))
            only_b = sorted(set(eb) - set(ea))
            if only_a:
                found.add(f"enum: {path} only in SchemaStore: {', '.join(only_a)}")
            if only_b:
                found.add(f"enum: {path} only in ours: {', '.join(only_b)}")
        for keyword in ("minLength", "minItems", "uniqueItems", "pattern"):
            if na.get(keyword) != nb.get(keyword):
                found.add(f"{keyword}: {path}")
        if set(na.get("required", [])) != set(nb.get("required", [])):
            found.add(f"required: {path}")
        if na.get("additionalProperties") is False and nb.get("additionalProperties") is not False:
            found.add(f"open object: {path}")
        # anyOf of scalar forms (forceLoginOrgUUID, strictPluginOnlyCustomization, theme...)
        for i, (ba, bb) in enumerate(zip(na.get("anyOf", []), nb.get("anyOf", []))):
            fa, fb = _flat(theirs_root, ba), _flat(ours_root, bb)
            for keyword in ("minLength",):
                if fa.get(keyword) != fb.get(keyword):
                    found.add(f"{keyword}: {path}")
            if "items" in fa and "items" in fb:
                walk(f"{path}.<item>", fa["items"], fb["items"])
        # children
        props_a, props_b = na.get("properties", {}), nb.get("properties", {})
        for name in sorted(set(props_a) | set(props_b)):
            sub_path = f"{path}.{name}" if path else name
            if name not in props_b:
                found.add(("key only in SchemaStore: " if not path else
                           "field only in SchemaStore: ") + sub_path)
            elif name not in props_a:
                found.add(("key only in ours: " if not path else "field only in ours: ") + sub_path)
            else:
                walk(sub_path, props_a[name], props_b[name])
        if isinstance(na.get("additionalProperties"), dict) and isinstance(
                nb.get("additionalProperties"), dict):
            walk(f"{path}.<value>", na["additionalProperties"], nb["additionalProperties"])
        if isinstance(na.get("items"), dict) and isinstance(nb.get("items"), dict):
            walk(f"{path}.<item>", na["items"], nb["items"])

    walk("", theirs_root, ours_root)
    # One entry per marketplace key, not per source kind.
    return {re.sub(r"\[[\w-]+\]", "[*]", f) if f.startswith(("open object:", "field only in ours:"))
            and "arketplaces" in f else f for f in found}


# Permission rules run through both schemas: (rule list, rule).
RULE_PROBES = [
    ("allow", "Bash(npm run test:*)"), ("allow", "Bash(echo $(date))"),
    ("allow", 'Bash(node -e "f()")'), ("allow", "Task"), ("allow", "Frobnicate"),
    ("allow", "bash_tool"), ("deny", "*"), ("deny", "Edit:*"), ("allow", "mcp__github(x)"),
    ("allow", "Bash(:*)"), ("allow", "WebFetch(example.com)"), ("allow", "WebSearch(foo*)"),
    ("allow", "Read(src:*)"), ("allow", "mcp__*"), ("allow", "Bash(ls"), ("allow", "bash"),
    ("allow", "Bash()"), ("allow", "Read(~/.ssh/**)"), ("allow", "mcp__github__get_issue"),
    ("allow", "WebFetch(domain:example.com)"),
]


def rule_differences(theirs: dict[str, Any], ours: dict[str, Any]) -> set[str]:
    from jsonschema import Draft7Validator, Draft202012Validator

    check_theirs, check_ours = Draft7Validator(theirs), Draft202012Validator(ours)
    found = set()
    for where, rule in RULE_PROBES:
        doc = {"permissions": {where: [rule]}}
        a, b = check_theirs.is_valid(doc), check_ours.is_valid(doc)
        label = rule if where == "allow" and not (rule.startswith("mcp__*")) else f"{where} {rule}"
        if where == "deny":
            label = f"deny {rule}"
        if a != b:
            found.add(f"rule accepted only by {'ours' if b else 'SchemaStore'}: {json.dumps(label)}")
    return found


def _theirs() -> dict[str, Any]:
    path = require_shared() / "reference" / "schemastore-claude-code-settings.json"
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def test_the_difference_list_is_exactly_what_a_comparison_finds() -> None:
    theirs, ours = _theirs(), load_schema(OURS_NAME)
    found = compare(theirs, ours) | rule_differences(theirs, ours)
    unexplained = sorted(found - set(DIFFERENCES))
    gone = sorted(set(DIFFERENCES) - found)
    assert (unexplained, gone) == ([], [])


def test_every_difference_has_a_one_line_reason() -> None:
    for difference, reason in DIFFERENCES.items():
        assert reason.strip() and "\n" not in reason, difference


def test_hook_event_counts() -> None:
    theirs, ours = _theirs(), load_schema(OURS_NAME)
    assert len(theirs["properties"]["hooks"]["properties"]) == 31
    assert len(ours["$defs"]["hookEvents"]["propertyNames"]["enum"]) == 33


@pytest.mark.parametrize("rule", ["Bash(echo $(date))", "Task", "Frobnicate"])
def test_rules_schemastore_wrongly_rejects_are_accepted(rule: str) -> None:
    from claude_tiers import schema

    assert schema.validate({"permissions": {"allow": [rule]}}) == []
    pattern = _theirs()["$defs"]["permissionRule"]["pattern"]
    assert re.search(pattern, rule) is None
