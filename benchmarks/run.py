#!/usr/bin/env python3
"""Benchmarks of claude-tiers, measured in one run against baselines measured in the same run.

Run it as ``.venv/bin/python benchmarks/run.py [--projects N] [--repeat K] [--quick]
[--only CASES]``. It generates the synthetic monorepo of ``../shared/bench/make_monorepo.py``
(cached per projects/seed/generator under the cache folder, then ``git init && git add -A &&
git commit``), runs every case several times, and prints Markdown: the machine, a table of
medians (wall time, CPU time, peak memory) with ratios against each group's baseline, the
import-time offenders of the lint path, and the targets of issues 2, 3 and 5 with met / not
met. Nothing here is a timed unit test: the figures are ratios to ``python -c pass`` and to
peer tools measured in the same run, so a slower or busier machine moves both sides.

Baselines (check-jsonschema, agnix) are installed into their own venv under the cache folder,
never into the project's venv. A case whose command is missing or fails is printed as
``n/a (reason)`` and the run goes on. Standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GENERATOR = SHARED / "bench" / "make_monorepo.py"
SCHEMASTORE = SHARED / "reference" / "schemastore-claude-code-settings.json"
SETTINGS_SCHEMA = Path("schemas") / "claude-code-settings.schema.json"
BASELINE_PINS = {"check-jsonschema": "check-jsonschema==0.39.0", "agnix": "agnix==0.59.3"}
HEAVY_MODULES = ("jsonschema", "deepdiff", "ruamel", "yaml", "multiprocessing", "difflib",
                 "sqlite3", "click.testing", "importlib.metadata", "email", "http")
GROUPS = ("startup", "instructions", "importtime", "validation", "tree", "scale", "policy",
          "profile")
SETTINGS_RE = re.compile(r"(?:^|/)\.claude/settings(?:\.local)?\.json\Z")
DECOY_RE = re.compile(r"(?:^|/)(?:node_modules|third_party)/")
# What each kind of broken file of the generator must be reported as (rule name or code).
EXPECTED = {
    "trailing_comma": ("invalid-json", "CT001"),
    "duplicate_key": ("duplicate-key", "CT003"),
    "model_wrong_type": ("invalid-setting-drops-file", "CT100"),
}
POLICY = """\
# Written by benchmarks/run.py: a default preset and a few project rules (issue 5, section 4).
default: sonnet-default
projects:
  - match: "services/*"
    preset: opus-production
    reason: production services are production-critical (tier 2)
  - match: "apps/payments/**"
    preset: opus-production
    reason: money moves here (tier 2)
  - match: "tools/**"
    preset: opus-hard
    reason: build tooling is genuinely hard (tier 3)
agents:
  - match: "security-*"
    tier: 3
    reason: security reviews always run on tier 3
"""


def log(message: str) -> None:
    """Progress on stderr (stdout is the report)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- measuring


@dataclasses.dataclass
class Sample:
    """One run of one command."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its reaped children
    maxrss_kib: int  # peak RSS of the largest single process (ru_maxrss, via GNU time)
    pss_peak_kib: int | None  # peak of the summed PSS of the process tree (sampled), if asked
    rc: int


@dataclasses.dataclass
class Case:
    """A command measured several times."""

    id: str
    label: str
    argv: list[str]
    cwd: Path
    ok_codes: tuple[int, ...] = (0,)
    sample_memory: bool = False  # sample the process tree's PSS (costs a little CPU)
    warmup: bool = True
    prepare: Callable[[], None] | None = None  # untimed, before every run
    stdout_path: Path | None = None  # keep stdout here (else discarded)
    samples: list[Sample] = dataclasses.field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    def median(self, attr: str) -> float:
        return float(statistics.median(getattr(s, attr) for s in self.samples))

    def status(self) -> str:
        return "ok" if self.ok else f"n/a ({self.error or 'not run'})"


def _ppid_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _pss_kib(pid: int) -> int:
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as fh:
                for line in fh:
                    if line.startswith(field.encode()):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05, skip_root: bool = False) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.skip_root = skip_root
        self.interval = interval
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = _ppid_map()
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(tree.get(pid, ()))
            if self.skip_root:
                pids.remove(self.pid)
            self.peak = max(self.peak, sum(_pss_kib(p) for p in pids))
            self.done.wait(self.interval)


TIME = Path("/usr/bin/time")  # GNU time: forks from a small process, so its ru_maxrss is honest


def run_once(case: Case, env: dict[str, str]) -> Sample:
    """Run a case's command once: wall time here, CPU and peak RSS from the child's rusage.

    Linux keeps a process's peak RSS across exec, so a child forked from this (large) Python
    process would report at least this process's RSS; GNU time forks from a tiny process,
    hence it is used as the launcher when present (else wait4's figures are used as they are).
    """
    if not Path(case.argv[0]).exists() and shutil.which(case.argv[0]) is None:
        raise FileNotFoundError(2, "not found", case.argv[0])
    out_target = case.stdout_path or Path(os.devnull)
    with open(out_target, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        launcher = [str(TIME), "-f", "%M", "-o", timing.name] if TIME.exists() else []
        start = time.perf_counter()
        proc = subprocess.Popen(launcher + case.argv, cwd=case.cwd, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, env=env)
        sampler = TreeMemory(proc.pid, skip_root=bool(launcher)) if case.sample_memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
        # CPU from wait4 (microseconds; GNU time's is in 10 ms steps), includes GNU time's own
        cpu, maxrss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
        if launcher:
            fields = (timing.read().strip().splitlines() or [""])[-1].split()
            if len(fields) == 1 and fields[0].isdigit():
                maxrss = int(fields[0])
        err.seek(0)
        tail = [line for line in err.read().decode("utf-8", "replace").splitlines()
                if line.strip()]
    rc = proc.returncode
    if rc not in case.ok_codes:
        reason = tail[-1].strip() if tail else "no output"
        raise RuntimeError(f"exit {rc}: {reason[:120]}")
    return Sample(wall=wall, cpu=cpu, maxrss_kib=maxrss,
                  pss_peak_kib=sampler.peak if sampler else None, rc=rc)


def measure(cases: Sequence[Case], repeat: int, env: dict[str, str]) -> None:
    """Warm each case up, then run all of them ``repeat`` times, interleaved (round-robin)."""
    def attempt(case: Case) -> Sample | None:
        if case.prepare:
            case.prepare()
        try:
            return run_once(case, env)
        except FileNotFoundError as exc:
            case.error = f"not installed: {exc.filename}"
        except RuntimeError as exc:
            case.error = str(exc)
        except OSError as exc:
            case.error = f"{type(exc).__name__}: {exc}"
        return None

    for case in cases:
        if case.error is None and case.warmup:
            log(f"warm-up: {case.label}")
            attempt(case)
    for round_no in range(repeat):
        for case in cases:
            if case.error is not None:
                continue
            if len(cases) <= 4 or round_no == 0:
                log(f"run {round_no + 1}/{repeat}: {case.label}")
            sample = attempt(case)
            if sample:
                case.samples.append(sample)


# ----------------------------------------------------------------------------- set-up


def sh(argv: Sequence[str | os.PathLike[str]], cwd: Path | None = None,
       check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a set-up command (not measured)."""
    return subprocess.run([str(a) for a in argv], cwd=cwd, check=check, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def git_commit_all(tree: Path, message: str) -> None:
    """``git add -A && git commit`` with a fixed identity and no hooks."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
           "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    sh(git + ["add", "-A"], cwd=tree)
    sh(git + ["commit", "-q", "--no-verify", "-m", message], cwd=tree)


def generator_digest() -> str:
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:10]


def monorepo(cache: Path, projects: int, seed: int) -> Path:
    """The generated, committed tree for (projects, seed), made once and cached."""
    name = f"mono-{projects}-s{seed}-{generator_digest()}"
    out, ready = cache / name, cache / f"{name}.ready"
    if ready.exists() and out.is_dir():
        return out
    if out.exists():
        shutil.rmtree(out)
    log(f"generating {projects} projects (seed {seed}) into {out}")
    start = time.perf_counter()
    sh(["python3", GENERATOR, "--projects", str(projects), "--seed", str(seed), "--out", out])
    sh(["git", "init", "-q"], cwd=out)
    git_commit_all(out, f"synthetic monorepo: {projects} projects, seed {seed}")
    ready.write_text(f"{time.time()}\n")
    log(f"generated and committed in {time.perf_counter() - start:.1f}s")
    return out


def warm_page_cache(tree: Path) -> None:
    """Read every tracked file once, so no case pays for the first read from disk.

    (Big-tree cases get no warm-up run: one costs as much as a timed run. Bytecode is
    compiled by the start-up cases, or costs a negligible share of a tree run.)
    """
    for rel in sh(["git", "ls-files", "-z"], cwd=tree).stdout.split("\0"):
        if rel:
            try:
                with open(tree / rel, "rb") as fh:
                    fh.read()
            except OSError:
                continue


def copy_tree(src: Path, dst: Path) -> None:
    """A full copy (``cp -a``), replacing ``dst``."""
    if dst.exists():
        shutil.rmtree(dst)
    sh(["cp", "-a", src, dst])


def fresh_copy(src: Path, work: Path) -> None:
    """``work`` as a pristine copy of the committed tree ``src`` (copied once, then reset)."""
    if work.is_dir() and (work / ".git").is_dir():
        reset = sh(["git", "reset", "-q", "--hard"], cwd=work, check=False)
        clean = sh(["git", "clean", "-fdq"], cwd=work, check=False)
        if reset.returncode == 0 and clean.returncode == 0:
            return
    copy_tree(src, work)


def policy_tree(cache: Path, base: Path) -> Path:
    """A cached copy of ``base`` with the benchmark's ``claude-tiers.yaml`` committed."""
    digest = hashlib.sha256(POLICY.encode()).hexdigest()[:8]
    out = base.parent / f"{base.name}-policy-{digest}"
    ready = out.parent / f"{out.name}.ready"
    if ready.exists() and out.is_dir():
        return out
    log(f"making the policy tree {out}")
    copy_tree(base, out)
    (out / "claude-tiers.yaml").write_text(POLICY)
    git_commit_all(out, "tier policy for the benchmark")
    ready.write_text(f"{time.time()}\n")
    return out


def baseline_venv(cache: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Install the peer tools into their own venv; returns (executables, why-missing)."""
    venv = cache / "baselines-venv"
    bins: dict[str, Path] = {}
    missing: dict[str, str] = {}
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"creating {venv}")
        result = sh(["python3", "-m", "venv", venv], check=False)
        if result.returncode != 0:
            reason = f"could not create venv: {result.stderr.strip()[-100:]}"
            return {}, {tool: reason for tool in BASELINE_PINS}
    for tool, pin in BASELINE_PINS.items():
        exe = venv / "bin" / tool
        version = pin.split("==")[1]
        if exe.exists():
            got = sh([exe, "--version"], check=False)
            if version in got.stdout + got.stderr:
                bins[tool] = exe
                continue
        log(f"installing {pin} into {venv}")
        result = sh([python, "-m", "pip", "install", "-q", pin], check=False)
        if result.returncode == 0 and exe.exists():
            bins[tool] = exe
        else:
            tail = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            missing[tool] = f"could not install {pin}: {tail[:100]}"
    return bins, missing


def tool_version(exe: Path) -> str:
    got = sh([exe, "--version"], check=False)
    text = (got.stdout.strip() or got.stderr.strip()).splitlines()
    found = re.search(r"\d+\.\d+(?:\.\d+)?", text[0]) if got.returncode == 0 and text else None
    return found.group(0) if found else "?"


def export_ref(ref: str, dest: Path) -> str:
    """Extract the package, schemas and presets of git ``ref`` into ``dest``; its full sha."""
    import tarfile

    sha = sh(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=REPO).stdout.strip()
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "--format=tar", sha, "claude_tiers", "schemas",
                              "presets"], cwd=REPO, check=True, stdout=subprocess.PIPE).stdout
    import io

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest)
    return sha


def claude_tiers_argv() -> list[str]:
    """How to run claude-tiers: the venv's console script, else ``python -m claude_tiers``."""
    script = Path(sys.executable).parent / "claude-tiers"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claude_tiers"]


def manifest(tree: Path) -> dict[str, Any]:
    with open(tree / "MANIFEST.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def settings_files(tree: Path) -> list[str]:
    """The tracked settings files a linter should check (decoys excluded), relative."""
    listed = sh(["git", "ls-files"], cwd=tree).stdout.splitlines()
    return [p for p in listed if SETTINGS_RE.search(p) and not DECOY_RE.search(p)]


def sample_project(tree: Path) -> tuple[str, str]:
    """A valid settings file of the tree and its project folder (deterministic)."""
    invalid = {item["path"] for item in manifest(tree)["invalid"]}
    for path in sorted(settings_files(tree)):
        if path.endswith("/settings.json") and "/" in path.split("/.claude/")[0] \
                and path not in invalid:
            return path, path.split("/.claude/")[0]
    raise SystemExit("no valid settings file in the tree")


# ----------------------------------------------------------------------------- analysis


def lint_json(path: Path) -> dict[str, Any] | None:
    """The parsed output of ``claude-tiers lint --format json``, or None."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("findings"), list) else None


def norm(path: str) -> str:
    path = path.replace("\\", "/")
    return path[2:] if path.startswith("./") else path


def correctness(tree: Path, output: dict[str, Any]) -> dict[str, Any]:
    """Every invalid file of MANIFEST.json reported as its kind; no decoy reported."""
    found: dict[str, list[dict[str, Any]]] = {}
    for item in output["findings"]:
        found.setdefault(norm(str(item.get("path", ""))), []).append(item)
    man = manifest(tree)
    missed: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for item in man["invalid"]:
        wanted = EXPECTED.get(item["kind"], ())
        hit = any(f.get("name") in wanted or f.get("code") in wanted
                  for f in found.get(item["path"], ()))
        counts = by_kind.setdefault(item["kind"], [0, 0])
        counts[0] += hit
        counts[1] += 1
        if not hit:
            missed.append(f"{item['path']} ({item['kind']})")
    decoys = set(man["decoys"])
    decoys_reported = sorted(p for p in found if p in decoys or DECOY_RE.search(p))
    invalid_paths = {item["path"] for item in man["invalid"]}
    false_drops = sorted(p for p, items in found.items() if p not in invalid_paths and any(
        f.get("name") in ("invalid-json", "duplicate-key", "invalid-setting-drops-file")
        for f in items))
    codes: dict[str, int] = {}
    for item in output["findings"]:
        key = f"{item.get('code')} {item.get('severity')}"
        codes[key] = codes.get(key, 0) + 1
    return {"invalid": len(man["invalid"]), "reported": len(man["invalid"]) - len(missed),
            "missed": missed, "by_kind": by_kind, "decoys_reported": decoys_reported,
            "false_drops": false_drops, "files": output.get("summary", {}).get("files"),
            "findings": len(output["findings"]), "codes": codes}


def instructions(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> int | None:
    """Instructions a command executes (valgrind callgrind's total): the same count for the
    same code and input whatever else the machine is doing. None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    got = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          *argv], cwd=cwd, env=env, text=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False)
    found = re.search(r"Collected : (\d+)", got.stderr)
    return int(found.group(1)) if found else None


def importtime(argv: list[str], cwd: Path, env: dict[str, str]) -> dict[str, Any]:
    """``python -X importtime`` of one command: top offenders, heavy modules present."""
    if argv[0] == sys.executable:  # python -m claude_tiers ...
        cmd = [sys.executable, "-X", "importtime"] + argv[1:]
    else:  # the console script: a Python file
        cmd = [sys.executable, "-X", "importtime"] + argv
    runs: list[dict[str, tuple[int, int, int]]] = []
    for _ in range(5):
        got = subprocess.run(cmd, cwd=cwd, env=env, text=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        mods: dict[str, tuple[int, int, int]] = {}
        for line in got.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if m:
                mods[m.group(4)] = (int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2)
        runs.append(mods)
    names = set().union(*runs)
    med = {n: (int(statistics.median(r[n][0] for r in runs if n in r)),
               int(statistics.median(r[n][1] for r in runs if n in r)),
               next(r[n][2] for r in runs if n in r)) for n in names}
    total = sum(v[0] for v in med.values())
    ours = sum(v[0] for n, v in med.items() if n.split(".")[0] == "claude_tiers")
    heavy = sorted({n for n in names if any(n == h or n.startswith(h + ".")
                                            for h in HEAVY_MODULES)})
    top_level = sorted(((n, v) for n, v in med.items() if v[2] <= 1),
                       key=lambda kv: -kv[1][1])[:12]
    top_self = sorted(med.items(), key=lambda kv: -kv[1][0])[:12]
    return {"command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd)),
            "modules": len(names), "total_us": total, "claude_tiers_self_us": ours,
            "heavy": heavy, "top_cumulative": [(n, v[1]) for n, v in top_level],
            "top_self": [(n, v[0]) for n, v in top_self]}


def profile(command: list[str], cwd: Path, env: dict[str, str], scratch: Path, runs: int,
            sorts: Sequence[tuple[str, int]]) -> str:
    """cProfile of a claude-tiers command (summed over ``runs``), as pstats text."""
    import io
    import pstats

    target = command[1:] if command[0] == sys.executable else command
    dumps = []
    for i in range(runs):
        dump = scratch / f"profile-{i}.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(dump)] + target, cwd=cwd,
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if dump.exists():
            dumps.append(str(dump))
    if not dumps:
        return "n/a (the profiled command wrote no profile)"
    text = io.StringIO()
    stats = pstats.Stats(*dumps, stream=text)
    for key, limit in sorts:
        stats.sort_stats(key).print_stats(limit)
    prefixes = sorted({str(REPO) + "/", str(Path(sys.executable).parent.parent) + "/",
                       str(Path(os.__file__).parent) + "/", str(scratch / "src") + "/"},
                      key=len, reverse=True)
    lines = []
    for line in text.getvalue().splitlines():
        if not line.strip() or line.startswith(("   List reduced", "   Ordered", "         ")):
            if line.startswith("   Ordered"):
                lines.append(line.strip())
            continue
        if "/tmp/" in line and ".prof" in line:
            continue
        for prefix in prefixes:
            line = line.replace(prefix, "")
        lines.append(line.replace("lib/python3.11/site-packages/", ""))
    return "\n".join(lines)


# ----------------------------------------------------------------------------- report


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def times_faster(ratio: float) -> str:
    """``other / ours`` as words."""
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def mib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.1f}"


def table(rows: Iterable[Sequence[str]], header: Sequence[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def case_rows(cases: Sequence[Case], bases: dict[str, Case]) -> list[list[str]]:
    rows = []
    for case in cases:
        base = bases.get(case.id)
        if not case.ok:
            rows.append([case.label, case.status(), "", "", "", "", "", ""])
            continue
        wall, cpu = case.median("wall"), case.median("cpu")
        ratio = cpu_ratio = "-"
        if base is not None and base.ok:
            ratio = f"{wall / base.median('wall'):.2f}x"
            cpu_ratio = f"{cpu / base.median('cpu'):.2f}x"
        pss = [s.pss_peak_kib for s in case.samples if s.pss_peak_kib is not None]
        rows.append([case.label, fmt_s(wall), fmt_s(min(x.wall for x in case.samples)), ratio,
                     fmt_s(cpu), cpu_ratio,
                     mib(max(s.maxrss_kib for s in case.samples)),
                     mib(max(pss)) if pss else "-"])
    return rows


CASE_HEADER = ("case", "wall (median)", "wall (min)", "vs base", "CPU (median)", "CPU vs base",
               "peak RSS MiB", "tree PSS MiB")


@dataclasses.dataclass
class Target:
    """One target of the issues, judged on this run's figures."""

    what: str
    limit: str
    measured: str
    met: bool | None  # None: could not be measured
    on_cpu: str = "-"  # the same ratio on CPU time (robust on a busy machine), if it applies
    met_cpu: bool | None = None

    def row(self) -> list[str]:
        words = {True: "met", False: "**not met**", None: "n/a"}
        cpu = "-" if self.on_cpu == "-" else f"{self.on_cpu}: {words[self.met_cpu]}"
        return [self.what, self.limit, self.measured, words[self.met], cpu]


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--projects", type=int, default=None,
                    help="projects in the generated monorepo (default 10000; --quick: 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=None,
                    help="timed runs of each tree case (default 3; --quick: 1)")
    ap.add_argument("--startup-repeat", type=int, default=None,
                    help="timed runs of each start-up case (default 20; --quick: 5)")
    ap.add_argument("--quick", action="store_true", help="a fast sanity run: 1000 projects")
    ap.add_argument("--only", default=",".join(GROUPS),
                    help=f"comma-separated groups to run (default all): {', '.join(GROUPS)}")
    ap.add_argument("--cache", type=Path, default=None,
                    help="where generated trees and the baselines' venv live (default "
                         "$CLAUDE_TIERS_BENCH_CACHE or ~/.cache/claude-tiers-bench)")
    ap.add_argument("--json", type=Path, default=None, help="also write raw results here")
    ap.add_argument("--ref", default=None,
                    help="measure a clean export of this git ref (e.g. HEAD) put first on "
                         "PYTHONPATH, instead of the working tree (others' unfinished edits)")
    args = ap.parse_args(argv)
    args.projects = args.projects or (1000 if args.quick else 10000)
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.startup_repeat = args.startup_repeat or (5 if args.quick else 20)
    args.groups = {g.strip() for g in args.only.split(",") if g.strip()}
    unknown = args.groups - set(GROUPS)
    if unknown:
        ap.error(f"unknown groups: {', '.join(sorted(unknown))} (known: {', '.join(GROUPS)})")
    default_cache = os.environ.get("CLAUDE_TIERS_BENCH_CACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claude-tiers-bench"
    args.cache = (args.cache or Path(default_cache)).resolve()
    return args


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    mem = "?"
    try:
        with open("/proc/meminfo") as fh:
            mem = f"{int(fh.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    head = sh(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=False).stdout.strip()
    dirty = sh(["git", "status", "--porcelain", "--", "claude_tiers", "schemas", "presets"],
               cwd=REPO, check=False).stdout.strip()
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": f"{os.cpu_count()} (nproc {len(os.sched_getaffinity(0))})",
            "memory": mem, "python": f"{platform.python_implementation()} "
            f"{platform.python_version()} ({sys.executable})",
            "os": f"{platform.system()} {platform.release()}",
            "claude-tiers": f"{head}{' + uncommitted changes' if dirty else ''}",
            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    groups: set[str] = args.groups
    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="claude-tiers-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update({"NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    # The lint result cache of this run only: never the user's, and empty at the start.
    env["CLAUDE_TIERS_CACHE_DIR"] = str(scratch / "lint-cache")
    info = machine()
    src = REPO
    if args.ref:
        src = scratch / "src"
        sha = export_ref(args.ref, src)
        env["PYTHONPATH"] = str(src)
        info["claude-tiers"] = f"{sha[:7]} (clean export of {args.ref}, on PYTHONPATH)"
    if not GENERATOR.exists():
        raise SystemExit(f"missing {GENERATOR}: the benchmark needs ../shared")
    tree = monorepo(cache, args.projects, args.seed)
    small_n = max(10, args.projects // 10)
    ct = claude_tiers_argv()
    py = sys.executable
    one_file, one_project = sample_project(tree)
    tool_bins, tool_missing = baseline_venv(cache) if "tree" in groups else ({}, {})
    results: dict[str, Any] = {"machine": info, "args": {k: str(v) for k, v in
                                                          vars(args).items()}}
    out: list[str] = []
    targets: list[Target] = []
    all_cases: dict[str, Case] = {}

    def add(case: Case) -> Case:
        all_cases[case.id] = case
        return case

    # --- start-up ---------------------------------------------------------------------------
    startup: list[Case] = []
    if "startup" in groups:
        startup = [
            add(Case("pass", "`python -c pass` (baseline)", [py, "-c", "pass"], tree)),
            add(Case("click", "`python -c 'import click'`", [py, "-c", "import click"], tree)),
            add(Case("jsonschema", "`python -c 'import jsonschema'`",
                     [py, "-c", "import jsonschema"], tree)),
            add(Case("deepdiff", "`python -c 'import deepdiff'`", [py, "-c", "import deepdiff"],
                     tree)),
            add(Case("ruamel", "`python -c 'import ruamel.yaml'`",
                     [py, "-c", "import ruamel.yaml"], tree)),
            add(Case("version", "`claude-tiers --version`", ct + ["--version"], tree)),
            add(Case("lint1", "`claude-tiers lint <one settings file>`", ct + ["lint", one_file],
                     tree, ok_codes=(0, 1))),
            add(Case("apply1", "`claude-tiers apply sonnet-default --check <one project>`",
                     ct + ["apply", "sonnet-default", "--check", one_project], tree,
                     ok_codes=(0, 1))),
        ]
    if "validation" in groups:
        doc = tree / one_file
        ours = ("import json, sys; from claude_tiers import schema; "
                "schema.validate(json.load(open(sys.argv[1], encoding='utf-8')))")
        theirs = ("import json, sys, jsonschema; "
                  "v = jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))); "
                  "list(v.iter_errors(json.load(open(sys.argv[1], encoding='utf-8'))))")
        startup += [
            add(Case("val_ours", "validate one file: `claude_tiers.schema` (import + validate)",
                     [py, "-c", ours, str(doc)], tree)),
            add(Case("val_js", "validate one file: `jsonschema` Draft 2020-12 (import + build "
                     "+ validate)", [py, "-c", theirs, str(doc), str(src / SETTINGS_SCHEMA)],
                     tree)),
        ]
    if startup:
        if "pass" not in all_cases:
            startup.insert(0, add(Case("pass", "`python -c pass` (baseline)", [py, "-c", "pass"],
                                       tree)))
        log(f"start-up: {len(startup)} cases x {args.startup_repeat} rounds")
        measure(startup, args.startup_repeat, env)
        base = all_cases["pass"]
        out.append("### Start-up (baseline: `python -c pass`, same interpreter as claude-tiers)\n")
        out.append(table(case_rows(startup, {c.id: base for c in startup if c is not base}),
                         CASE_HEADER))
        lint1 = all_cases.get("lint1")
        if lint1 is not None:
            if lint1.ok and base.ok:
                ratio = lint1.median("wall") / base.median("wall")
                cpu = lint1.median("cpu") / base.median("cpu")
                targets.append(Target("`lint <one file>` start-up (issue 3 §8)", "≤ 5x python "
                                      "(stretch 4x)", f"{ratio:.2f}x", ratio <= 5,
                                      f"{cpu:.2f}x", cpu <= 5))
            else:
                targets.append(Target("`lint <one file>` start-up (issue 3 §8)", "≤ 5x python "
                                      "(stretch 4x)", lint1.status(), None))
        if "val_ours" in all_cases and all_cases["val_ours"].ok and all_cases["val_js"].ok:
            o, j = all_cases["val_ours"], all_cases["val_js"]
            targets.append(Target("validation import cost (issue 2 §3)", "ours cheaper than "
                                  "jsonschema", f"ours {fmt_s(o.median('wall'))} vs jsonschema "
                                  f"{fmt_s(j.median('wall'))} "
                                  f"({j.median('wall') / o.median('wall'):.1f}x)",
                                  o.median("wall") < j.median("wall"),
                                  f"{fmt_s(o.median('cpu'))} vs {fmt_s(j.median('cpu'))}",
                                  o.median("cpu") < j.median("cpu")))

    # --- instruction counts of start-up (deterministic on a busy machine) ---------------------
    if "instructions" in groups:
        log("valgrind callgrind: instructions of the start-up cases")
        icases = [("pass", "`python -c pass` (baseline)", [py, "-c", "pass"]),
                  ("click", "`python -c 'import click'`", [py, "-c", "import click"]),
                  ("version", "`claude-tiers --version`", ct + ["--version"]),
                  ("lint1", "`claude-tiers lint <one settings file>`", ct + ["lint", one_file]),
                  ("apply1", "`claude-tiers apply sonnet-default --check <one project>`",
                   ct + ["apply", "sonnet-default", "--check", one_project])]
        for _, _, command in icases:  # bytecode written before anything is counted
            subprocess.run(command, cwd=tree, env=env, check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        counts = {cid: instructions(command, tree, env) for cid, _, command in icases}
        results["instructions"] = counts
        base_ir = counts.get("pass")
        if base_ir:
            out.append("\n### Start-up in instructions (valgrind callgrind; baseline `python -c "
                       "pass`)\n")
            out.append(table([[label, f"{counts[cid] / 1e6:.1f} M" if counts[cid] else "n/a",
                               f"{counts[cid] / base_ir:.2f}x" if counts[cid] else "n/a"]
                              for cid, label, _ in icases], ("case", "instructions", "vs base")))
            lint_ir = counts.get("lint1")
            if lint_ir:
                ratio = lint_ir / base_ir
                targets.append(Target("`lint <one file>` start-up, in instructions (issue 3 §8)",
                                      "≤ 5x python (stretch 4x)", f"{ratio:.2f}x", ratio <= 5))
        else:
            out.append("\n### Start-up in instructions\n\nn/a (valgrind is not installed)\n")

    # --- import time of the lint path -------------------------------------------------------
    if "importtime" in groups:
        log("python -X importtime of lint <one file>")
        imp = importtime(ct + ["lint", one_file], tree, env)
        results["importtime"] = imp
        out.append("\n### Import time of `claude-tiers lint <one file>` (`python -X importtime`, "
                   "median of 5)\n")
        out.append(f"{imp['modules']} modules, {imp['total_us'] / 1000:.1f} ms of imports in "
                   f"all, {imp['claude_tiers_self_us'] / 1000:.1f} ms in claude_tiers' own "
                   f"modules. Heavy modules imported: {', '.join(imp['heavy']) or 'none'}.\n")
        out.append(table([[f"`{n}`", f"{us / 1000:.1f}"] for n, us in imp["top_cumulative"]],
                         ("top-level import", "cumulative ms")))
        out.append("")
        out.append(table([[f"`{n}`", f"{us / 1000:.1f}"] for n, us in imp["top_self"]],
                         ("module", "self ms")))
        bad = [m for m in imp["heavy"] if m.split(".")[0] in ("jsonschema", "deepdiff", "ruamel")]
        targets.append(Target("no jsonschema/deepdiff/ruamel on the lint path (issue 3 §8)",
                              "none imported", ", ".join(bad) or "none", not bad
                              if imp["modules"] else None))

    # --- the big tree -----------------------------------------------------------------------
    lint_json_path = scratch / "lint.json"
    lint_case: Case | None = None
    if "tree" in groups:
        files = settings_files(tree)
        list_file = scratch / "settings-files.txt"
        list_file.write_text("\n".join(files) + "\n")
        lint_case = add(Case("lint_tree", f"`claude-tiers lint --no-cache --format json .` "
                             f"({args.projects} projects, cold: every file linted)",
                             ct + ["lint", "--no-cache", "--format", "json", "."],
                             tree, ok_codes=(0, 1), sample_memory=True, warmup=False,
                             stdout_path=lint_json_path))
        # Its untimed warm-up run fills the cache; every timed run then finds every file there.
        warm_json_path = scratch / "lint-warm.json"
        warm_case = add(Case("lint_warm", f"`claude-tiers lint --format json .` "
                             f"({args.projects} projects, warm: the result cache answers for "
                             "every file)",
                             ct + ["lint", "--format", "json", "."], tree, ok_codes=(0, 1),
                             sample_memory=True, warmup=True, stdout_path=warm_json_path))
        tree_cases = [lint_case, warm_case]
        cj = Case("cj", f"`check-jsonschema --schemafile <SchemaStore>` ({len(files)} settings "
                  "files)", [], tree, ok_codes=(0, 1), sample_memory=True, warmup=False)
        if "check-jsonschema" in tool_bins:
            cj.argv = [str(tool_bins["check-jsonschema"]), "--schemafile", str(SCHEMASTORE)] \
                + files
        else:
            cj.error = tool_missing.get("check-jsonschema", "not installed")
        agnix = Case("agnix", "`agnix --format json .` (0.59.3)", [], tree, ok_codes=(0, 1),
                     sample_memory=True, warmup=False, stdout_path=scratch / "agnix.json")
        if "agnix" in tool_bins:
            agnix.argv = [str(tool_bins["agnix"]), "--format", "json", "."]
        else:
            agnix.error = tool_missing.get("agnix", "not installed")
        tree_cases += [add(cj), add(agnix)]
        warm_page_cache(tree)
        log(f"tree: {len(tree_cases)} cases x {args.repeat} rounds")
        measure(tree_cases, args.repeat, env)
        results["tools"] = {t: tool_version(p) for t, p in tool_bins.items()}
        out.append(f"\n### The {args.projects}-project tree (baseline: claude-tiers lint, cold; "
                   "other rows say how many times slower they are)\n")
        out.append(table(case_rows(tree_cases, {c.id: lint_case for c in tree_cases
                                                if c is not lint_case}), CASE_HEADER))
        for ours, how in ((lint_case, "cold"), (warm_case, "warm cache")):
            for case, limit, need in ((cj, "≥ 25x faster than check-jsonschema", 25.0),
                                      (agnix, "faster than agnix", 1.0)):
                name = f"lint {args.projects} projects, {how}, vs {case.id} (issue 3 §8)"
                if ours.ok and case.ok:
                    ratio = case.median("wall") / ours.median("wall")
                    cpu = case.median("cpu") / ours.median("cpu")
                    targets.append(Target(name, limit, times_faster(ratio), ratio >= need,
                                          times_faster(cpu), cpu >= need))
                else:
                    targets.append(Target(name, limit, f"{ours.status()} / {case.status()}",
                                          None))
        for ours, how in ((lint_case, "cold"), (warm_case, "warm cache")):
            if ours.ok:
                peak = max(s.maxrss_kib for s in ours.samples)
                pss = max(s.pss_peak_kib or 0 for s in ours.samples)
                whole = pss or peak
                targets.append(Target(f"lint peak memory, {how}, all processes (issue 3 §8)",
                                      "≤ 50 MiB", f"{mib(pss)} MiB PSS of the parent and its "
                                      f"workers; largest process {mib(peak)} MiB RSS",
                                      whole <= 50 * 1024))
        if lint_case.ok and warm_case.ok:
            same = lint_json_path.read_bytes() == warm_json_path.read_bytes()
            targets.append(Target("warm-cache lint output identical to the cold one", "same "
                                  "bytes", "same bytes" if same else "different", same))
        data = lint_json(lint_json_path) if lint_case.ok else None
        if data is not None:
            check = correctness(tree, data)
            results["correctness"] = check
            kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(check["by_kind"].items()))
            targets.append(Target("every invalid file of MANIFEST.json reported (issue 3 §8)",
                                  "all", f"{check['reported']}/{check['invalid']} ({kinds})",
                                  check["reported"] == check["invalid"]))
            targets.append(Target("no decoy reported (node_modules, third_party)", "0",
                                  str(len(check["decoys_reported"])),
                                  not check["decoys_reported"]))
            out.append(f"\nlint saw {check['files']} files and reported {check['findings']} "
                       f"findings; files not in MANIFEST's invalid list reported as dropped/"
                       f"invalid: {len(check['false_drops'])}. Findings by code: "
                       + ", ".join(f"{k}: {v}" for k, v in sorted(check["codes"].items())))
            for label, items in (("missed", check["missed"]),
                                 ("decoys reported", check["decoys_reported"]),
                                 ("unexpected drop/invalid findings", check["false_drops"])):
                if items:
                    out.append(f"\n{label} ({len(items)}): " + ", ".join(items[:10])
                               + (" ..." if len(items) > 10 else ""))
        elif lint_case.ok:
            targets.append(Target("every invalid file of MANIFEST.json reported (issue 3 §8)",
                                  "all", "n/a: lint --format json printed no findings object",
                                  None))

    # --- scale: cost per file from N/10 to N ------------------------------------------------
    if "scale" in groups:
        small = monorepo(cache, small_n, args.seed)
        small_json = scratch / "lint-small.json"
        big_json = scratch / "lint-big.json"
        sc_small = add(Case("lint_small", f"`claude-tiers lint --no-cache --format json .` "
                            f"({small_n} projects)", ct + ["lint", "--no-cache", "--format",
                                                           "json", "."], small,
                            ok_codes=(0, 1), sample_memory=True, stdout_path=small_json))
        sc_big = lint_case if lint_case is not None else add(Case(
            "lint_tree", f"`claude-tiers lint --no-cache --format json .` ({args.projects} "
            "projects)", ct + ["lint", "--no-cache", "--format", "json", "."], tree,
            ok_codes=(0, 1), sample_memory=True, stdout_path=big_json))
        if lint_case is None:
            sc_big.warmup = False
            warm_page_cache(tree)
            measure([sc_small, sc_big], args.repeat, env)
        else:
            measure([sc_small], args.repeat, env)
            big_json = lint_json_path
        one = all_cases.get("lint1")
        out.append(f"\n### Scale: {small_n} vs {args.projects} projects\n")
        out.append(table(case_rows([sc_small, sc_big], {"lint_tree": sc_small}), CASE_HEADER))
        if sc_small.ok and sc_big.ok:
            def nfiles(path: Path, tree_dir: Path) -> int:
                data = lint_json(path)
                got = (data or {}).get("summary", {}).get("files")
                if isinstance(got, int) and got > 0:
                    return got
                m = manifest(tree_dir)
                return int(m["settings_files"] + m["local_files"] + m["agent_files"])
            fs, fb = nfiles(small_json, small), nfiles(big_json, tree)
            raw = (sc_big.median("wall") / fb) / (sc_small.median("wall") / fs)
            fixed = one.median("wall") if one is not None and one.ok else None
            net = None
            if fixed is not None and sc_small.median("wall") > fixed:
                net = ((sc_big.median("wall") - fixed) / fb) / (
                    (sc_small.median("wall") - fixed) / fs)
            per_file = f"{sc_small.median('wall') / fs * 1e6:.0f} µs -> " \
                       f"{sc_big.median('wall') / fb * 1e6:.0f} µs per file"
            shown = f"{raw:.2f}x raw ({per_file})" + (
                f", {net:.2f}x net of start-up" if net is not None else "")
            cpu_ratio = (sc_big.median("cpu") / fb) / (sc_small.median("cpu") / fs)
            targets.append(Target(f"lint cost per file flat {small_n} -> {args.projects} "
                                  "projects (issue 3 §8)", "≤ 1.2x", shown,
                                  (net if net is not None else raw) <= 1.2,
                                  f"{cpu_ratio:.2f}x", cpu_ratio <= 1.2))
            little = max(s.maxrss_kib for s in sc_small.samples)
            big = max(s.maxrss_kib for s in sc_big.samples)
            targets.append(Target(f"lint memory flat {small_n} -> {args.projects} projects "
                                  "(largest process; not an issue target, for reading)",
                                  "≤ 1.2x", f"{mib(little)} -> {mib(big)} MiB "
                                  f"({big / little:.2f}x)", big / little <= 1.2))

    # --- policy: bulk apply (issue 5) -------------------------------------------------------
    if "policy" in groups:
        ptree = policy_tree(cache, tree)
        psmall = policy_tree(cache, monorepo(cache, small_n, args.seed))
        work = scratch / "apply-work"
        warm_page_cache(ptree)
        p_lint = add(Case("p_lint", "`claude-tiers lint .` (policy tree, baseline)",
                          ct + ["lint", "."], ptree, ok_codes=(0, 1), sample_memory=True,
                          warmup=False))
        p_check = add(Case("p_check", "`claude-tiers apply --check` (policy)",
                           ct + ["apply", "--check"], ptree, ok_codes=(0, 1), sample_memory=True,
                           warmup=False))
        p_apply = add(Case("p_apply", "`claude-tiers apply` (policy, rewrites every file, "
                           "fresh copy)", ct + ["apply"], work, ok_codes=(0, 1),
                           sample_memory=True, warmup=False,
                           prepare=lambda: fresh_copy(ptree, work)))
        p_small = add(Case("p_check_small", f"`claude-tiers apply --check` ({small_n} projects)",
                           ct + ["apply", "--check"], psmall, ok_codes=(0, 1),
                           sample_memory=True))
        cases = [p_lint, p_check, p_apply, p_small]
        log(f"policy: {len(cases)} cases x {args.repeat} rounds")
        measure(cases, args.repeat, env)
        converged = None
        if p_apply.ok and work.exists():
            again = subprocess.run(ct + ["apply", "--check"], cwd=work, env=env, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            pending = re.search(r"would change\s+(\d+)", again.stdout)
            converged = f"exits {again.returncode}" + (
                f", {pending.group(1)} projects would still change" if pending else "")
        out.append(f"\n### Policy bulk apply (issue 5; baseline: lint of the same "
                   f"{args.projects}-project tree with its `claude-tiers.yaml`)\n")
        out.append(table(case_rows(cases, {"p_check": p_lint, "p_apply": p_lint}), CASE_HEADER))
        if converged is not None:
            out.append(f"\nAfter the full apply, `apply --check` on the result {converged} "
                       "(the tree's invalid files are skipped, never rewritten, so exit 1 is "
                       "expected).")
        for case, limit, need in ((p_check, "≤ 2x lint", 2.0), (p_apply, "≤ 4x lint", 4.0)):
            if p_lint.ok and case.ok:
                ratio = case.median("wall") / p_lint.median("wall")
                cpu = case.median("cpu") / p_lint.median("cpu")
                targets.append(Target(f"{case.label} vs lint (issue 5 §4)", limit,
                                      f"{ratio:.2f}x", ratio <= need, f"{cpu:.2f}x", cpu <= need))
            else:
                targets.append(Target(f"{case.label} vs lint (issue 5 §4)", limit,
                                      case.status(), None))
        if p_check.ok and p_small.ok:
            big = max(s.maxrss_kib for s in p_check.samples)
            little = max(s.maxrss_kib for s in p_small.samples)
            targets.append(Target(f"apply memory flat {small_n} -> {args.projects} projects "
                                  "(issue 5 §4)", "≤ 1.2x", f"{mib(little)} -> {mib(big)} MiB "
                                  f"({big / little:.2f}x)", big / little <= 1.2))
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)

    # --- profiles ---------------------------------------------------------------------------
    if "profile" in groups:
        log("cProfile: lint <one file> x10, lint -j 1 of the small tree")
        small = monorepo(cache, small_n, args.seed)
        out.append("\n### Profiles\n")
        out.append(f"`python -m cProfile` of `claude-tiers lint {one_file}`, 10 runs summed "
                   "(profiling inflates small calls; read the shares, not the times):\n")
        out.append("```\n" + profile(ct + ["lint", one_file], tree, env, scratch, 10,
                                      [("cumulative", 45)]) + "\n```")
        out.append(f"\n`python -m cProfile` of `claude-tiers lint -j 1 --no-cache .` on the "
                   f"{small_n}-project tree (one process, so the workers' time is seen):\n")
        out.append("```\n" + profile(ct + ["lint", "-j", "1", "--no-cache", "."], small, env,
                                      scratch, 1,
                                      [("tottime", 25), ("cumulative", 40)]) + "\n```")

    # --- report -----------------------------------------------------------------------------
    info["load after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    if tool_bins:
        info["baselines"] = ", ".join(f"{t} {tool_version(p)}" for t, p in tool_bins.items())
    header = [f"## Results ({info['date']})\n",
              "Command: `.venv/bin/python benchmarks/run.py " + " ".join(
                  sys.argv[1:] if argv is None else argv) + "`\n",
              table([[k, v] for k, v in info.items() if k != "date"], ("machine", "")), "",
              f"Tree: `make_monorepo.py --projects {args.projects} --seed {args.seed}`; "
              f"{args.startup_repeat} interleaved rounds for start-up cases, {args.repeat} for "
              "tree cases; medians. Peak RSS is the largest single process (ru_maxrss from "
              "wait4); tree PSS is the sampled sum over the process and its workers.\n"]
    busy = max(os.getloadavg()[0], float(info["load"].split()[0]))
    if busy > len(os.sched_getaffinity(0)):
        header.append(f"**The machine was busy** (load {busy:.1f} on "
                      f"{len(os.sched_getaffinity(0))} CPUs): waiting for a CPU inflates every "
                      "wall time by a similar absolute amount, which squeezes wall-time ratios "
                      "of short commands towards 1; the CPU-time ratios are then the better "
                      "estimate of an idle machine.\n")
    if targets:
        header += ["### Targets\n", table([t.row() for t in targets],
                                         ("target", "limit", "measured (wall)", "verdict",
                                          "on CPU time")), ""]
    print("\n".join(header + out))
    results["targets"] = [dataclasses.asdict(t) for t in targets]
    results["cases"] = {cid: {"label": c.label, "error": c.error,
                              "samples": [dataclasses.asdict(s) for s in c.samples]}
                        for cid, c in all_cases.items()}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
