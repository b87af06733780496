"""claude-tiers' own configuration: ``claude-tiers.yaml`` or ``[tool.claude-tiers]``.

The file is found by walking up from the target to the repository root (the folder with
``.git``): in each folder ``claude-tiers.yaml`` (or ``.yml``) wins over a ``pyproject.toml``
with a ``[tool.claude-tiers]`` table. The lint settings come from the nearest file; the tier
policy from the nearest file that has policy sections: a nested file with lint settings only
(``svc/c/pyproject.toml`` with ``[tool.claude-tiers.lint]``) does not hide the policy at the
repository root, and its globs stay relative to the policy file's folder. It is validated against ``schemas/config.schema.json``
(with claude-tiers' own validator: no jsonschema import) and turned into a frozen
:class:`Config`. It holds the lint settings and the tier policy (``tiers``, ``default``,
``projects``, ``agents``, ``commands``, ``limits``), which the policy commands build on.

Every problem is a :class:`~claude_tiers.errors.ConfigError` (exit 2) naming file:line:col.
"""

import os
import re
import stat
import sys
import warnings
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterator, Mapping, NamedTuple

from claude_tiers.errors import ConfigError, DocumentError

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA = "config.schema.json"
FILE_NAMES = ("claude-tiers.yaml", "claude-tiers.yml")
PYPROJECT = "pyproject.toml"
TABLE = "claude-tiers"
MAX_BYTES = 1_000_000
"""A configuration file larger than this is refused (it is surely not a hand-written policy)."""
MAX_NODES = 100_000
"""Mappings, lists and scalars a configuration may hold once YAML aliases are expanded."""
MAX_DEPTH = 64
POLICY_SECTIONS = ("tiers", "default", "projects", "agents", "commands", "limits",
                   "gateway-models")


# The configuration's records are NamedTuples rather than frozen dataclasses: creating a
# dataclass costs ~4M instructions at import, and every command loads this module.
_EMPTY: Mapping[str, Any] = MappingProxyType({})


class LintConfig(NamedTuple):
    """The ``lint`` section."""

    select: tuple[str, ...] | None = None  # None: everything
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = _EMPTY
    severity: Mapping[str, str] = _EMPTY
    rules: Mapping[str, Mapping[str, Any]] = _EMPTY  # rule options


class Limits(NamedTuple):
    """``limits``: ceilings of a policy (None: not set here)."""

    max_tier: int | str | None = None
    local_may_raise: bool | None = None
    allow_aliases: bool | None = None
    reason: str = ""  # why these limits (cited by the lint rules)


class ModelRule(NamedTuple):
    """An ``agents``/``commands`` rule: names matching ``match`` get ``tier`` or ``model``."""

    match: str
    tier: int | str | None = None
    model: str | None = None
    reason: str = ""


class ProjectRule(NamedTuple):
    """A ``projects`` rule: folders matching ``match`` get ``preset`` (or ``tier``)."""

    match: str
    preset: str | None = None
    tier: int | str | None = None
    reason: str = ""
    agents: tuple[ModelRule, ...] = ()
    commands: tuple[ModelRule, ...] = ()
    limits: Limits | None = None


class Config(NamedTuple):
    """The whole configuration (defaults when no file was found)."""

    path: "Path | None" = None  # the file it came from
    root: "Path | None" = None  # the folder lint globs are relative to (the file's folder)
    lint: LintConfig = LintConfig()
    tiers: Mapping[str, str] = _EMPTY
    default: str | None = None
    projects: tuple[ProjectRule, ...] = ()
    agents: tuple[ModelRule, ...] = ()
    commands: tuple[ModelRule, ...] = ()
    limits: Limits = Limits()
    gateway_models: tuple[str, ...] = ()  # globs: non-Claude model names the policy accepts
    policy_path: "Path | None" = None  # the file the policy sections came from (None: ``path``)
    # "default", "projects[2]", "agents[0]", "projects[1].limits"... -> (line, column) in the
    # policy file (YAML files only; empty when unknown)
    positions: Mapping[str, tuple[int, int]] = _EMPTY

    @property
    def has_policy(self) -> bool:
        """Whether the file sets any tier policy."""
        return bool(self.tiers or self.default or self.projects or self.agents or self.commands
                    or self.limits != Limits() or self.gateway_models)

    @property
    def policy_file(self) -> "Path | None":
        """The file the tier policy comes from (it may sit above the lint settings' file)."""
        return self.policy_path if self.policy_path is not None else self.path

    @property
    def policy_root(self) -> "Path | None":
        """The folder project globs are relative to: the policy file's folder."""
        found = self.policy_file
        return found.parent.resolve() if found is not None else None


# ----------------------------------------------------------------------------- finding


def _has_table(pyproject: str) -> bool:
    try:
        with open(pyproject, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r'^\s*\[\s*tool\s*\.\s*(?:"claude-tiers"|claude-tiers)\s*[\].]', text,
                     re.M) is not None


def _candidates(start: str | os.PathLike[str]) -> "Iterator[Path]":
    """Configuration files from ``start`` up to the repository root, nearest first (one a
    folder).

    Walked with ``os.path``: most runs find no file, and pathlib's imports would cost a lint
    of one file a quarter of ``python -c pass``."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        found = next((os.path.join(here, n) for n in FILE_NAMES
                      if os.path.isfile(os.path.join(here, n))), None)
        if found is None:
            pyproject = os.path.join(here, PYPROJECT)
            if os.path.isfile(pyproject) and _has_table(pyproject):
                found = pyproject
        if found is not None:
            from pathlib import Path

            yield Path(found)
        if os.path.exists(os.path.join(here, ".git")):
            return
        parent = os.path.dirname(here)
        if parent == here:
            return
        here = parent


def find_config(start: str | os.PathLike[str] = ".") -> "Path | None":
    """The configuration file for ``start`` (a file or folder), or None.

    Walks up from ``start`` and stops after the repository root (a folder holding ``.git``).
    """
    return next(_candidates(start), None)


def find_policy_config(start: str | os.PathLike[str] = ".") -> "Path | None":
    """The nearest configuration file above ``start`` that sets a tier policy, or None.

    Files with lint settings only are passed over (ConfigError when one on the way is invalid).
    """
    for found in _candidates(start):
        if load(path=found).has_policy:
            return found
    return None


def load(start: str | os.PathLike[str] = ".", *, path: str | os.PathLike[str] | None = None
         ) -> Config:
    """The configuration for ``start`` (or from ``path`` when given); defaults when none.

    Without ``path``, a nearest file without policy sections takes the tier policy of the
    nearest file above it that has one (see :attr:`Config.policy_file`).
    """
    if path is not None:
        from pathlib import Path

        return _load_file(Path(path))
    files = _candidates(start)
    found = next(files, None)
    if found is None:
        return Config()
    conf = _load_file(found)
    if conf.has_policy:
        return conf
    for above in files:
        outer = _load_file(above)
        if outer.has_policy:
            return conf._replace(
                tiers=outer.tiers, default=outer.default, projects=outer.projects,
                agents=outer.agents, commands=outer.commands, limits=outer.limits,
                gateway_models=outer.gateway_models, policy_path=above,
                positions=outer.positions)
    return conf


def _load_file(found: "Path") -> Config:
    try:
        info = found.stat()
    except FileNotFoundError:
        raise ConfigError(f"{found}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{found}: cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{found}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise ConfigError(f"{found}: {info.st_size} bytes is too large for a configuration "
                          f"file (at most {MAX_BYTES})")
    if found.name == PYPROJECT or found.suffix == ".toml":
        data, locate = _read_toml(found)
    else:
        data, locate = _read_yaml(found)
    return parse(data, found, locate)


def _check_tree(data: Any, path: "Path") -> None:
    """Refuse recursive YAML aliases, deep nesting and alias bombs before anything walks the data.

    Counts every node as the rest of the code would see it (an alias counts each time it is
    used), so the walk stops after :data:`MAX_NODES` however the file is built.
    """
    seen = 0
    on_path: set[int] = set()

    def walk(value: Any, depth: int, where: str) -> None:
        nonlocal seen
        seen += 1
        if seen > MAX_NODES:
            raise ConfigError(f"{path}: too many values (more than {MAX_NODES} once YAML "
                              "aliases are expanded); not a configuration claude-tiers reads")
        if not isinstance(value, (dict, list)):
            return
        if id(value) in on_path:
            raise ConfigError(f"{path}: {where or '(top level)'}: a YAML alias refers to a "
                              "value that contains it (a recursive anchor); write the value out")
        if depth > MAX_DEPTH:
            raise ConfigError(f"{path}: {where}: nested more than {MAX_DEPTH} levels deep")
        on_path.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            walk(item, depth + 1, f"{where}.{key}" if where else str(key))
        on_path.discard(id(value))

    walk(data, 0, "")


# ----------------------------------------------------------------------------- reading


def _read_yaml(path: "Path") -> "tuple[Any, _Locator]":
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    from claude_tiers.yamlio import load_yaml

    try:
        with warnings.catch_warnings():  # a reused anchor is legal YAML: no noise on stderr
            warnings.simplefilter("ignore")
            data = load_yaml(text, str(path))
    except DocumentError as exc:
        raise ConfigError(exc.render()) from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except (TypeError, ValueError) as exc:  # ruamel on a mapping used as a key (? {a: 1})
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    return ({} if data is None else data), _YamlLocator(path, text)


def _read_toml(path: "Path") -> "tuple[Any, _Locator]":
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
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    tool = doc.get("tool", {})
    data = tool.get(TABLE, {}) if isinstance(tool, dict) else {}
    return data, _TomlLocator(path, text)


class _Locator:
    """Maps a JSON pointer in the configuration to file:line:col (best effort)."""

    exact = False  # True: positions of list items are exact (YAML), so policy rules get them

    def __init__(self, path: "Path", text: str) -> None:
        self.path = path
        self.text = text

    def where(self, parts: list[str]) -> str:
        line, col = self.position(parts)
        return f"{self.path}:{line}:{col}" if line else str(self.path)

    def position(self, parts: list[str]) -> tuple[int, int]:
        return (0, 0)


class _YamlLocator(_Locator):
    exact = True
    _tree: Any = None
    _parsed = False

    def position(self, parts: list[str]) -> tuple[int, int]:
        if not self._parsed:
            self._parsed = True
            try:
                from ruamel.yaml import YAML

                self._tree = YAML(typ="rt", pure=True).load(self.text)
            except Exception:  # noqa: BLE001 - positions are best effort
                self._tree = None
        node: Any = self._tree
        if node is None:
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


def validate_data(data: Any, path: "Path", locator: "_Locator | None" = None) -> dict[str, Any]:
    """Schema-check configuration data; ConfigError listing every problem with its position."""
    from claude_tiers.jsonio import split_pointer
    from claude_tiers.schema import validate

    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of sections")
    _check_tree(data, path)
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


def _label(parts: list[str]) -> str:
    """``["projects", "1", "agents", "0"]`` -> ``projects[1].agents[0]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def _model_rules(raw: Any) -> tuple[ModelRule, ...]:
    return tuple(ModelRule(r["match"], r.get("tier"), r.get("model"), r.get("reason", ""))
                 for r in raw or ())


def _limits(raw: Any) -> Limits:
    raw = raw or {}
    return Limits(raw.get("max-tier"), raw.get("local-may-raise"), raw.get("allow-aliases"),
                  raw.get("reason", ""))


def parse(data: Any, path: "Path", locator: "_Locator | None" = None) -> Config:
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
    positions: dict[str, tuple[int, int]] = {}
    if locator is not None and locator.exact:
        wanted: list[list[str]] = [["default"], ["limits"]]
        for section in ("agents", "commands"):
            wanted += [[section, str(i)] for i in range(len(data.get(section, ())))]
        for i, rule in enumerate(data.get("projects", ())):
            wanted.append(["projects", str(i)])
            wanted += [["projects", str(i), "limits"]] if "limits" in rule else []
            for section in ("agents", "commands"):
                wanted += [["projects", str(i), section, str(j)]
                           for j in range(len(rule.get(section, ())))]
        for parts in wanted:
            if parts[0] in data:
                found = locator.position(parts)
                if found[0]:
                    positions[_label(parts)] = found
    return Config(path=path, root=path.parent.resolve(), lint=lint, positions=positions,
                  tiers=dict(data.get("tiers", {})), default=data.get("default"),
                  projects=projects, agents=_model_rules(data.get("agents")),
                  commands=_model_rules(data.get("commands")), limits=_limits(data.get("limits")),
                  gateway_models=tuple(data.get("gateway-models", ())))
