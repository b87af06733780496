"""claude-tiers' own configuration: ``claude-tiers.yaml`` or ``[tool.claude-tiers]``.

The file is found by walking up from the target to the repository root (the folder with
``.git``): in each folder ``claude-tiers.yaml`` (or ``.yml``) wins over a ``pyproject.toml``
with a ``[tool.claude-tiers]`` table. It is validated against ``schemas/config.schema.json``
(with claude-tiers' own validator: no jsonschema import) and turned into a frozen
:class:`Config`. It holds the lint settings and the tier policy (``tiers``, ``default``,
``projects``, ``agents``, ``commands``, ``limits``), which the policy commands build on.

Every problem is a :class:`~claude_tiers.errors.ConfigError` (exit 2) naming file:line:col.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from claude_tiers.errors import ConfigError, DocumentError

SCHEMA = "config.schema.json"
FILE_NAMES = ("claude-tiers.yaml", "claude-tiers.yml")
PYPROJECT = "pyproject.toml"
TABLE = "claude-tiers"


@dataclass(frozen=True)
class LintConfig:
    """The ``lint`` section."""

    select: tuple[str, ...] | None = None  # None: everything
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule options


@dataclass(frozen=True)
class Limits:
    """``limits``: ceilings of a policy (None: not set here)."""

    max_tier: int | str | None = None
    local_may_raise: bool | None = None
    allow_aliases: bool | None = None


@dataclass(frozen=True)
class ModelRule:
    """An ``agents``/``commands`` rule: names matching ``match`` get ``tier`` or ``model``."""

    match: str
    tier: int | str | None = None
    model: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class ProjectRule:
    """A ``projects`` rule: folders matching ``match`` get ``preset`` (or ``tier``)."""

    match: str
    preset: str | None = None
    tier: int | str | None = None
    reason: str = ""
    agents: tuple[ModelRule, ...] = ()
    commands: tuple[ModelRule, ...] = ()
    limits: Limits | None = None


@dataclass(frozen=True)
class Config:
    """The whole configuration (defaults when no file was found)."""

    path: Path | None = None  # the file it came from
    root: Path | None = None  # the folder globs are relative to (the file's folder)
    lint: LintConfig = field(default_factory=LintConfig)
    tiers: Mapping[str, str] = field(default_factory=dict)
    default: str | None = None
    projects: tuple[ProjectRule, ...] = ()
    agents: tuple[ModelRule, ...] = ()
    commands: tuple[ModelRule, ...] = ()
    limits: Limits = field(default_factory=Limits)

    @property
    def has_policy(self) -> bool:
        """Whether the file sets any tier policy."""
        return bool(self.tiers or self.default or self.projects or self.agents or self.commands
                    or self.limits != Limits())


# ----------------------------------------------------------------------------- finding


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r'^\s*\[\s*tool\s*\.\s*(?:"claude-tiers"|claude-tiers)\s*[\].]', text,
                     re.M) is not None


def find_config(start: str | os.PathLike[str] = ".") -> Path | None:
    """The configuration file for ``start`` (a file or folder), or None.

    Walks up from ``start`` and stops after the repository root (a folder holding ``.git``).
    """
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def load(start: str | os.PathLike[str] = ".", *, path: str | os.PathLike[str] | None = None
         ) -> Config:
    """The configuration for ``start`` (or from ``path`` when given); defaults when none."""
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        return Config()
    if not found.is_file():
        raise ConfigError(f"{found}: configuration file not found")
    if found.name == PYPROJECT or found.suffix == ".toml":
        data, locate = _read_toml(found)
    else:
        data, locate = _read_yaml(found)
    return parse(data, found, locate)


# ----------------------------------------------------------------------------- reading


def _read_yaml(path: Path) -> tuple[Any, _Locator]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    from claude_tiers.yamlio import load_yaml

    try:
        data = load_yaml(text, str(path))
    except DocumentError as exc:
        raise ConfigError(exc.render()) from None
    return ({} if data is None else data), _YamlLocator(path, text)


def _read_toml(path: Path) -> tuple[Any, _Locator]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # type: ignore[import-not-found]
        except ImportError:
            raise ConfigError(f"{path}: reading [tool.{TABLE}] needs the 'tomli' package on "
                              "Python 3.10 (pip install tomli), or use claude-tiers.yaml") from None
    try:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    data = doc.get("tool", {}).get(TABLE, {})
    return data, _TomlLocator(path, text)


class _Locator:
    """Maps a JSON pointer in the configuration to file:line:col (best effort)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def where(self, parts: list[str]) -> str:
        line, col = self.position(parts)
        return f"{self.path}:{line}:{col}" if line else str(self.path)

    def position(self, parts: list[str]) -> tuple[int, int]:
        return (0, 0)


class _YamlLocator(_Locator):
    def position(self, parts: list[str]) -> tuple[int, int]:
        try:
            from ruamel.yaml import YAML

            node: Any = YAML(typ="rt", pure=True).load(self.text)
        except Exception:  # noqa: BLE001 - positions are best effort
            return (0, 0)
        line, col = 1, 1
        for part in parts:
            lc = getattr(node, "lc", None)
            if isinstance(node, dict):
                key: Any = part
                if key not in node and part.isdigit() and int(part) in node:
                    key = int(part)
                if key not in node or lc is None:
                    break
                line, col = lc.key(key)[0] + 1, lc.key(key)[1] + 1
                node = node[key]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                if lc is None:
                    break
                line, col = lc.item(int(part))[0] + 1, lc.item(int(part))[1] + 1
                node = node[int(part)]
            else:
                break
        return (line, col)


class _TomlLocator(_Locator):
    def position(self, parts: list[str]) -> tuple[int, int]:
        lines = self.text.splitlines()
        header = re.compile(r'^\s*\[+\s*tool\s*\.\s*(?:"claude-tiers"|claude-tiers)')
        start = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if start is None:
            return (0, 0)
        best = (start + 1, 1)
        names = [p for p in parts if not p.isdigit()]
        for name in names[-1:]:
            key = re.compile(rf'^\s*(?:"{re.escape(name)}"|{re.escape(name)})\s*=|'
                             rf'^\s*\[+[^\]]*\b{re.escape(name)}\b')
            for index in range(start, len(lines)):
                if key.search(lines[index]):
                    col = len(lines[index]) - len(lines[index].lstrip()) + 1
                    return (index + 1, col)
        return best


# ----------------------------------------------------------------------------- parsing


def _str_keys(value: Any) -> Any:
    """YAML allows integer keys (``1: claude-...``); JSON Schema needs strings."""
    if isinstance(value, dict):
        return {str(k): _str_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_str_keys(v) for v in value]
    return value


def validate_data(data: Any, path: Path, locator: _Locator | None = None) -> dict[str, Any]:
    """Schema-check configuration data; ConfigError listing every problem with its position."""
    from claude_tiers.jsonio import split_pointer
    from claude_tiers.schema import validate

    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of sections")
    data = _str_keys(data)
    issues = validate(data, SCHEMA)
    if issues:
        loc = locator or _Locator(path, "")
        lines = []
        for issue in issues:
            parts = split_pointer(issue.pointer)
            where = ".".join(parts) or "(top level)"
            lines.append(f"{loc.where(parts)}: {where}: {issue.message}")
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))
    result: dict[str, Any] = data
    return result


def _model_rules(raw: Any) -> tuple[ModelRule, ...]:
    return tuple(ModelRule(r["match"], r.get("tier"), r.get("model"), r.get("reason", ""))
                 for r in raw or ())


def _limits(raw: Any) -> Limits:
    raw = raw or {}
    return Limits(raw.get("max-tier"), raw.get("local-may-raise"), raw.get("allow-aliases"))


def parse(data: Any, path: Path, locator: _Locator | None = None) -> Config:
    """Validated configuration data to a :class:`Config` (``path`` is where it came from)."""
    data = validate_data(data, path, locator)
    lint_raw = data.get("lint", {})
    lint = LintConfig(
        select=tuple(lint_raw["select"]) if "select" in lint_raw else None,
        ignore=tuple(lint_raw.get("ignore", ())),
        per_file_ignores={k: tuple(v) for k, v in lint_raw.get("per-file-ignores", {}).items()},
        severity=dict(lint_raw.get("severity", {})),
        rules={k: dict(v) for k, v in lint_raw.get("rules", {}).items()},
    )
    projects = tuple(
        ProjectRule(p["match"], p.get("preset"), p.get("tier"), p.get("reason", ""),
                    _model_rules(p.get("agents")), _model_rules(p.get("commands")),
                    _limits(p["limits"]) if "limits" in p else None)
        for p in data.get("projects", ()))
    return Config(path=path, root=path.parent.resolve(), lint=lint,
                  tiers=dict(data.get("tiers", {})), default=data.get("default"),
                  projects=projects, agents=_model_rules(data.get("agents")),
                  commands=_model_rules(data.get("commands")), limits=_limits(data.get("limits")))
