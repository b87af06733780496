"""``claude-tiers explain`` against the real Claude Code 2.1.330: the model of every request must agree.

For each seeded random scenario (:mod:`tests.oracle.explain_scenarios`) Claude Code runs offline
against the loopback stub, once without ``--agent`` and, when the scenario names one, once with it;
in both runs the stub makes the main thread launch one subagent through the ``Agent`` tool. The
models of the main thread's first request and of the subagent's request must equal what
``claude-tiers explain --format json --claude-version 2.1.330`` predicts (``model.resolved`` and
``agents[name].model.resolved``; ``None`` when Claude Code stops before any request, or when the
subagent type is not a loadable agent). Agreement must be 100%. The summary line also counts the
runs that really compared a subagent model (one side has one; ``None == None`` is a main thread
that launched nothing).

``CLAUDE_TIERS_EXPLAIN_ORACLE_N`` changes the number of scenarios (default 240),
``CLAUDE_TIERS_ORACLE_JOBS`` the number of parallel Claude Code runs (default: CPU count).
Scenarios with managed settings need write access to /etc/claude-code (root); without it they are
generated without managed files.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claude_tiers.cli import cli
from tests.oracle.explain_scenarios import Scenario, generate, materialise
from tests.oracle.harness import MANAGED_DIR, Oracle, OracleTimeout, managed_settings, parallel_map

pytestmark = pytest.mark.oracle

COUNT = int(os.environ.get("CLAUDE_TIERS_EXPLAIN_ORACLE_N") or 240)
CAN_MANAGE = os.access(MANAGED_DIR.parent, os.W_OK)
ONLY = {int(x) for x in (os.environ.get("CLAUDE_TIERS_EXPLAIN_ORACLE_IDS") or "").split(",") if x.strip()}
CACHE = os.environ.get("CLAUDE_TIERS_EXPLAIN_ORACLE_CACHE")
"""Development aid: a JSON file remembering Claude Code's answers per scenario (never in CI)."""
_cache_lock = threading.Lock()


def _cache_key(sc: Scenario, with_agent: bool) -> str:
    return hashlib.sha256(json.dumps([sc.as_json(), with_agent], sort_keys=True).encode()).hexdigest()


def _cached(key: str) -> Any:
    if not CACHE or not Path(CACHE).is_file():
        return None
    with _cache_lock:
        return json.loads(Path(CACHE).read_text()).get(key)


def _remember(key: str, value: Any) -> None:
    if not CACHE:
        return
    with _cache_lock:
        data = json.loads(Path(CACHE).read_text()) if Path(CACHE).is_file() else {}
        data[key] = value
        Path(CACHE).write_text(json.dumps(data))


@dataclass
class Outcome:
    """One Claude Code run and the explain prediction for it."""

    scenario: Scenario
    with_agent: bool
    main: str | None
    sub: str | None
    predicted_main: str | None
    predicted_sub: str | None
    stderr: str
    explain: dict[str, Any]
    seconds: float

    @property
    def main_ok(self) -> bool:
        return self.main == self.predicted_main

    @property
    def sub_ok(self) -> bool:
        return self.sub == self.predicted_sub

    def report(self) -> str:
        """A disagreement, with everything needed to reproduce it."""
        sub_type = self.scenario.tool_input(self.with_agent)["subagent_type"]
        return json.dumps({
            "scenario": self.scenario.as_json(), "with_agent": self.with_agent, "subagent_type": sub_type,
            "claude": {"main": self.main, "sub": self.sub},
            "explain": {"main": self.predicted_main, "sub": self.predicted_sub,
                        "model": self.explain.get("model"),
                        "agent": next((a for a in self.explain.get("agents", []) if a["name"] == sub_type), None)},
            "stderr": self.stderr[-1500:],
        }, indent=2)


_cli_lock = threading.Lock()  # CliRunner swaps sys.stdout: one invocation at a time


def _predict(sc: Scenario, root: Path, managed_dir: Path, with_agent: bool) -> dict[str, Any]:
    with _cli_lock:
        result = CliRunner().invoke(cli, ["explain", *sc.explain_args(root, managed_dir, with_agent)])
    if result.exit_code not in (0, 1) or not result.stdout.strip():
        raise AssertionError(f"explain failed (exit {result.exit_code}): {result.output}\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _judge(oracle: Oracle, sc: Scenario) -> list[Outcome]:
    runs = [False] + ([True] if sc.agent_flag is not None else [])
    out: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="claude-tiers-explain-oracle-") as d:
        root = Path(d).resolve()
        start = materialise(sc, root)
        managed_copy = root / "managed"
        managed_copy.mkdir()
        for rel, text in (sc.managed or {}).items():
            (managed_copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (managed_copy / rel).write_text(text, encoding="utf-8")
        for with_agent in runs:
            t0 = time.monotonic()
            tool_input = sc.tool_input(with_agent)
            key = _cache_key(sc, with_agent)
            hit = _cached(key)
            if hit is not None:
                main, sub, stderr = hit
            else:
                main, sub, stderr = _claude(oracle, sc, root, start, with_agent, tool_input)
                if main != "TIMEOUT":
                    _remember(key, [main, sub, stderr])
            predicted = _predict(sc, root, managed_copy, with_agent)
            row = next((a for a in predicted["agents"] if a["name"] == tool_input["subagent_type"]), None)
            out.append(Outcome(sc, with_agent, main, sub, predicted["model"]["resolved"],
                               row["model"]["resolved"] if row and row["launchable"] else None, stderr, predicted,
                               time.monotonic() - t0))
    return out


def _claude(oracle: Oracle, sc: Scenario, root: Path, start: Path, with_agent: bool,
            tool_input: dict[str, Any]) -> tuple[str | None, str | None, str]:
    try:
        if sc.managed:
            with managed_settings(sc.managed):
                run = oracle.run(start, root / "home", sc.claude_args(root, with_agent), env=sc.env,
                                 agent_tool_input=tool_input, timeout=90)
        else:
            run = oracle.run(start, root / "home", sc.claude_args(root, with_agent), env=sc.env,
                             agent_tool_input=tool_input, timeout=90)
        main = run.models[0] if run.models else None
        sub = run.subagent_models[0] if run.subagent_models else None
        stderr = run.stderr
    except OracleTimeout as exc:
        main, sub, stderr = "TIMEOUT", "TIMEOUT", exc.stderr
    return main, sub, stderr


def test_scenarios_are_reproducible() -> None:
    a = [s.as_json() for s in generate(20)]
    b = [s.as_json() for s in generate(20)]
    assert a == b


def test_most_agent_runs_can_launch_a_subagent() -> None:
    scenarios = generate(COUNT)
    with_agent = [s for s in scenarios if s.agent_flag is not None]
    stuck = [s for s in with_agent if s.agent_flag in ("Explore", "Plan", "statusline-setup", "nobody")]
    assert len(scenarios) >= 200
    assert len(stuck) < 0.25 * len(with_agent), f"{len(stuck)} of {len(with_agent)} --agent runs launch nothing"


def test_explain_agrees_with_claude_code(oracle: Oracle) -> None:
    scenarios = [s for s in generate(COUNT, managed=CAN_MANAGE) if not ONLY or s.id in ONLY]
    t0 = time.monotonic()
    # managed scenarios hold an exclusive lock on /etc/claude-code: run them after the others
    ordered = sorted(scenarios, key=lambda s: s.managed is not None)
    results = [o for group in parallel_map(lambda s: _judge(oracle, s), ordered) for o in group]
    elapsed = time.monotonic() - t0
    main_bad = [o for o in results if not o.main_ok]
    sub_bad = [o for o in results if not o.sub_ok]
    agent_runs = [o for o in results if o.with_agent]
    # a run compares a subagent model only when one of the two sides has one (None == None is
    # a main thread that launches nothing, e.g. as Explore, or Claude Code stopping early)
    with_sub = [o for o in results if o.sub is not None or o.predicted_sub is not None]
    agent_with_sub = [o for o in with_sub if o.with_agent]
    summary = (f"{len(scenarios)} scenarios, {len(results)} Claude Code runs "
               f"({len(agent_runs)} with --agent, {sum(1 for s in scenarios if s.managed)} with managed "
               f"settings) in {elapsed:.0f}s: main thread {len(results) - len(main_bad)}/{len(results)}, "
               f"--agent {sum(o.main_ok for o in agent_runs)}/{len(agent_runs)}, "
               f"subagent {len(results) - len(sub_bad)}/{len(results)} "
               f"({len(with_sub)} runs compared a subagent model, {len(agent_with_sub)} of them with --agent: "
               f"{sum(o.sub_ok for o in with_sub)}/{len(with_sub)})")
    print(summary)
    out = os.environ.get("CLAUDE_TIERS_EXPLAIN_ORACLE_REPORT")
    if out:
        Path(out).write_text(json.dumps({
            "summary": summary,
            "disagreements": [json.loads(o.report()) for o in results if not (o.main_ok and o.sub_ok)],
        }, indent=2))
    bad = [o for o in results if not (o.main_ok and o.sub_ok)]
    assert not bad, summary + "\n\n" + "\n\n".join(o.report() for o in bad[:5])


# Asked of Claude Code 2.1.330 (2026-12-02): what it sends for a settings ``model``. The tier
# belongs to the model it really runs: near-misses are sent verbatim (the API rejects them).
SENT = [
    ("CLAUDE-SONNET-4-6", "claude-sonnet-4-6", 1), ("Claude-Opus-4-7", "claude-opus-4-7", 3),
    (" claude-sonnet-4-6 ", "claude-sonnet-4-6", 1), ("claude-opus-4-6[1M]", "claude-opus-4-6", 2),
    ("sonnet-4-6", "sonnet-4-6", None), ("Sonnet 4.6", "Sonnet 4.6", None),
    ("claude-sonnet-4.6", "claude-sonnet-4.6", None),
    ("claude-opus-4-7@20260416", "claude-opus-4-7@20260416", None),
    ("CLAUDE-SONNET-4-5", "CLAUDE-SONNET-4-5", None),
]


def test_what_claude_code_sends_and_the_tier_it_runs(oracle: Oracle) -> None:
    from claude_tiers.catalog import load_catalog

    catalog = load_catalog()

    def ask(value: str) -> str | None:
        with oracle.sandbox() as sb:
            sb.write_settings("project", json.dumps({"model": value}))
            sb.trust()
            return oracle.run(sb.cwd, sb.home, timeout=90).model

    asked = parallel_map(ask, [value for value, _, _ in SENT])
    assert asked == [sent for _, sent, _ in SENT]
    for value, sent, tier in SENT:
        assert catalog.sent_form(value) == sent, value
        assert catalog.tier_of(value) == tier, value
