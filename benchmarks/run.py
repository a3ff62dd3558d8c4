"""The client benchmark suite: coze_async against cozepy and a plain-aiohttp floor.

    .venv/bin/python benchmarks/run.py [--quick] [--repeat N] [--write-results]

Starts ``benchmarks/fast_server.py`` in its own process on a free loopback port, then runs every
scenario for every implementation in a fresh ``benchmarks/clients.py`` subprocess, rounds
interleaved (round 1: each scenario for impl A, B, C, D, E; round 2: each for E, D, C, B, A;
then rotated: see :func:`round_order`), ``--repeat`` rounds (10; 3 with ``--quick``). Reports
the median of each (scenario, implementation, metric), the ratios between implementations and
whether the targets are met; writes
``benchmarks/results/latest.json`` and prints a Markdown table. ``--write-results`` also rewrites
``benchmarks/RESULTS.md``. A run that fails or receives a wrong count is reported as an error and
left out of the medians. ``--quick`` runs the 2,000-stream scenario only for coze_async-async
and raw-floor (what its targets compare) and measures idle-client memory over 30 clients, not 100.
``--only stream,calls,...`` runs a subset of the scenarios.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import selectors
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS_DIR = HERE / "results"
IMPLS = ("coze_async-async", "coze_async-sync", "cozepy-async", "cozepy-sync", "raw-floor")
OURS_A, OURS_S, PEER_A, PEER_S, FLOOR = IMPLS
RUN_TIMEOUT = 60.0  # the slowest run takes ~6 s
COMMAND = ".venv/bin/python benchmarks/run.py"


def _cpus() -> tuple[frozenset[int] | None, frozenset[int] | None]:
    """The CPU the server runs on and the one every client process runs on: two different ones
    of those this process may use (none pinned with fewer than two). Left to the scheduler, a
    client sometimes shared the server's core and sometimes not, which moved a loopback round
    trip's cost by about 1.5x from one client process to the next (calls/s of one client, 5
    runs each: same core 2,560-3,370, the other core 1,960-2,230)."""
    try:
        allowed = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return None, None
    if len(allowed) < 2:
        return None, None
    return frozenset(allowed[:1]), frozenset(allowed[1:2])


SERVER_CPUS, CLIENT_CPUS = _cpus()


def _pin(cpus: frozenset[int] | None) -> Callable[[], None] | None:
    """A ``preexec_fn`` running the child on ``cpus`` (``None``: no pinning)."""
    if cpus is None:
        return None
    return lambda: os.sched_setaffinity(0, cpus)


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    clients_scenario: str  # "import" is measured here, not by clients.py
    params: tuple[str, ...] = ()
    metrics: tuple[tuple[str, str, bool], ...] = ()  # (name, label, higher is better)
    quick_skip: tuple[str, ...] = ()  # implementations not run with --quick
    quick_params: tuple[str, ...] | None = None  # params with --quick, if different
    skip: tuple[str, ...] = ()  # implementations never run (said why in RESULTS.md)


SCENARIOS = (
    Scenario(
        "stream",
        "a. one 20,000-delta chat stream",
        "stream",
        ("--deltas", "20000"),
        (("events_per_s", "deltas/s", True),),
    ),
    Scenario(
        "calls",
        "b. 1,000 sequential calls (bots.retrieve / chat.retrieve)",
        "calls",
        ("--calls", "1000"),
        (("calls_per_s", "calls/s", True),),
    ),
    *(
        Scenario(
            f"concurrent-{n}",
            f"c. {n:,} concurrent 50-delta streams",
            "concurrent",
            ("--streams", str(n), "--threads", "50"),
            (
                ("wall_s", "wall s", False),
                ("events_per_s", "deltas/s", True),
                ("ttfe_p50_ms", "p50 first event ms", False),
                ("ttfe_p99_ms", "p99 first event ms", False),
                ("peak_rss_mib", "peak RSS MiB", False),
            ),
            # --quick runs only what the targets compare at 2,000 streams.
            quick_skip=(OURS_S, PEER_A, PEER_S) if n > 500 else (),
        )
        for n in (500, 2000)
    ),
    Scenario(
        "paged",
        "d. 1,000 workspaces, 20 pages of 50 (workspaces.list)",
        "paged",
        ("--items", "1000", "--page-size", "50"),
        (("wall_ms", "wall ms", False), ("items_per_s", "items/s", True)),
    ),
    Scenario(
        "idle-clients",
        "e. memory per idle client (one call each)",
        "idle-clients",
        ("--clients", "100"),
        (("kib_per_client", "KiB/client", False),),
        quick_params=("--clients", "30"),  # a cozepy client takes ~20 ms to create
    ),
    Scenario(
        "open-streams",
        "e. memory per open stream (200 held after their first event)",
        "open-streams",
        ("--streams", "200"),
        (("kib_per_stream", "KiB/stream", False),),
    ),
    Scenario(
        "ws-chat",
        "f. websocket chat, 20,000 deltas",
        "ws-chat",
        ("--ws-deltas", "20000"),
        (
            ("handler_deltas_per_s", "deltas/s through a handler", True),
            ("iter_deltas_per_s", "deltas/s through the iterator", True),
        ),
        skip=(PEER_S,),
    ),
    Scenario(
        "download",
        "f. speech download to a file (50 MiB, audio.speech.create)",
        "download",
        ("--mib", "50"),
        (("mib_per_s", "MiB/s", True), ("peak_rss_growth_mib", "peak RSS growth MiB", False)),
    ),
    Scenario(
        "upload",
        "f. 50 MiB upload (files.upload)",
        "upload",
        ("--mib", "50"),
        (("mib_per_s", "MiB/s", True), ("peak_rss_growth_mib", "peak RSS growth MiB", False)),
    ),
)
# Start-up probes: (scenario key, label, statement per package). The bare import is what the
# targets name; coze_async's package is lazy (names load on first access), so the second probe
# also gets what a program needs before its first chat: the client class, built, and its chat.
IMPORT_PROBES = (
    (
        "import",
        "import X",
        {"coze_async": "import coze_async", "cozepy": "import cozepy"},
    ),
    (
        "import-ready",
        "import + AsyncCoze(...).chat",
        {
            "coze_async": "from coze_async import AsyncCoze, Message, TokenAuth\n"
            "AsyncCoze(TokenAuth('t')).chat",
            "cozepy": "from cozepy import AsyncCoze, AsyncTokenAuth, Message\n"
            "AsyncCoze(AsyncTokenAuth('t')).chat",
        },
    ),
)
IMPORT_PROBE = """\
import resource, time
started = time.perf_counter()
{statement}
elapsed = time.perf_counter() - started
print(elapsed * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@dataclass(frozen=True)
class Target:
    key: str
    text: str
    scenario: str
    metric: str
    numerator: str
    denominator: str
    threshold: float
    at_least: bool  # ratio >= threshold (else <=)
    denominator_metric: str | None = None  # when the denominator's metric differs


def _target(
    key: str, text: str, scenario: str, metric: str, pair: tuple[str, str], bound: str
) -> Target:
    """``bound``: ">= 4" or "<= 1.3"."""
    comparison, threshold = bound.split()
    return Target(key, text, scenario, metric, *pair, float(threshold), comparison == ">=")


#: The targets of issue 14 ("Performance, round 2").
TARGETS = (
    _target(
        "a1",
        "a. stream: async >= 4x cozepy-async",
        "stream",
        "events_per_s",
        (OURS_A, PEER_A),
        ">= 4",
    ),
    _target(
        "a2",
        "a. stream: async >= 0.5x raw-floor",
        "stream",
        "events_per_s",
        (OURS_A, FLOOR),
        ">= 0.5",
    ),
    _target(
        "a3",
        "a. stream: sync >= 0.9x our async",
        "stream",
        "events_per_s",
        (OURS_S, OURS_A),
        ">= 0.9",
    ),
    _target(
        "b1", "b. calls: async >= 3x cozepy-async", "calls", "calls_per_s", (OURS_A, PEER_A), ">= 3"
    ),
    _target(
        "b2",
        "b. calls: sync >= 1.5x cozepy-sync",
        "calls",
        "calls_per_s",
        (OURS_S, PEER_S),
        ">= 1.5",
    ),
    *(
        t
        for n in (500, 2000)
        for t in (
            _target(
                f"c-{n}-wall",
                f"c. {n:,} streams: async wall <= 1.3x raw-floor",
                f"concurrent-{n}",
                "wall_s",
                (OURS_A, FLOOR),
                "<= 1.3",
            ),
            _target(
                f"c-{n}-p99",
                f"c. {n:,} streams: async p99 first event <= 1.3x raw-floor",
                f"concurrent-{n}",
                "ttfe_p99_ms",
                (OURS_A, FLOOR),
                "<= 1.3",
            ),
        )
    ),
    _target(
        "d1",
        "d. pages: async items/s >= 0.9x raw-floor",
        "paged",
        "items_per_s",
        (OURS_A, FLOOR),
        ">= 0.9",
    ),
    _target(
        "e1",
        "e. memory per idle client: async <= raw-floor",
        "idle-clients",
        "kib_per_client",
        (OURS_A, FLOOR),
        "<= 1",
    ),
    _target(
        "e2",
        "e. memory per open stream: async <= raw-floor",
        "open-streams",
        "kib_per_stream",
        (OURS_A, FLOOR),
        "<= 1",
    ),
    Target(
        "f1a",
        "f. websocket chat, handler: async >= 3x cozepy-async's",
        "ws-chat",
        "handler_deltas_per_s",
        OURS_A,
        PEER_A,
        3.0,
        True,
    ),
    Target(
        "f1b",
        "f. websocket chat, async for: async >= 3x cozepy-async's handler",
        "ws-chat",
        "iter_deltas_per_s",
        OURS_A,
        PEER_A,
        3.0,
        True,
        "handler_deltas_per_s",
    ),
    _target(
        "f2",
        "f. speech to a file: async >= 0.8x raw aiohttp",
        "download",
        "mib_per_s",
        (OURS_A, FLOOR),
        ">= 0.8",
    ),
    _target(
        "f3",
        "f. 50 MiB upload: async >= 0.8x raw aiohttp",
        "upload",
        "mib_per_s",
        (OURS_A, FLOOR),
        ">= 0.8",
    ),
)

RATIOS = (
    (OURS_A, PEER_A, "ours-async / cozepy-async"),
    (OURS_A, FLOOR, "ours-async / raw-floor"),
    (OURS_S, OURS_A, "ours-sync / ours-async"),
    (OURS_S, PEER_S, "ours-sync / cozepy-sync"),
)


# -- the server --------------------------------------------------------------------------------


class Server:
    """fast_server.py in its own process, on a free port chosen by the OS."""

    def __init__(self, workspaces: int) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "fast_server.py"),
                "--port",
                "0",
                "--workspaces",
                str(workspaces),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_pin(SERVER_CPUS),
        )
        self.url = self._wait_ready(timeout=15.0)

    def _wait_ready(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                self.stop()
                raise RuntimeError("fast_server.py did not start within 15 s")
        line = self.proc.stdout.readline().strip()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"fast_server.py said {line!r}")
        return line.split(" ", 1)[1]

    def cpu_seconds(self) -> float:
        """User + system CPU the server has used so far."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


# -- running -----------------------------------------------------------------------------------


@dataclass
class Collected:
    runs: dict[str, dict[str, list[dict[str, float]]]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    server_cpu: dict[str, list[float]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    process_s: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    by_round: dict[str, dict[str, dict[int, dict[str, float]]]] = field(default_factory=dict)

    def add(self, scenario: str, impl: str, metrics: dict[str, float], round_no: int) -> None:
        self.runs.setdefault(scenario, {}).setdefault(impl, []).append(metrics)
        self.by_round.setdefault(scenario, {}).setdefault(impl, {})[round_no] = metrics


def round_order(round_no: int) -> tuple[str, ...]:
    """The implementations in the order round ``round_no`` runs them: the list reversed every
    other round and rotated by one every two rounds, so that over ten rounds each one runs in
    each place twice, and after each of its two neighbours as often (a client run leaves the
    server and the machine in its wake: the server's garbage, closed sockets, a busy core)."""
    order = IMPLS if round_no % 2 else IMPLS[::-1]
    shift = (round_no - 1) // 2 % len(IMPLS)
    return order[shift:] + order[:shift]


def run_client(
    server: Server, scenario: Scenario, impl: str, round_no: int, out: Collected, quick: bool
) -> None:
    params = scenario.quick_params if quick and scenario.quick_params else scenario.params
    command = [
        sys.executable,
        str(HERE / "clients.py"),
        impl,
        scenario.clients_scenario,
        server.url,
        *params,
    ]
    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    error: str | None = None
    result: dict[str, Any] = {}
    try:
        proc = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            cwd=ROOT,
            check=False,
            preexec_fn=_pin(CLIENT_CPUS),
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if lines:
            result = json.loads(lines[-1])
        if not result.get("ok"):
            error = result.get("error") or f"exit {proc.returncode}: {proc.stderr.strip()[-500:]}"
    except subprocess.TimeoutExpired:
        error = f"timed out after {RUN_TIMEOUT:.0f} s"
    wall = time.perf_counter() - started
    out.process_s.setdefault(scenario.key, {}).setdefault(impl, []).append(round(wall, 3))
    busy = (server.cpu_seconds() - cpu_before) / wall * 100 if wall > 0 else 0.0
    out.server_cpu.setdefault(scenario.key, []).append(busy)
    if error is not None:
        out.errors.append(
            {"scenario": scenario.key, "impl": impl, "round": round_no, "error": error}
        )
        print(f"  ERROR {scenario.key} {impl}: {error}", file=sys.stderr)
        return
    out.add(scenario.key, impl, result["metrics"], round_no)


def measure_import(statement: str) -> tuple[float, float]:
    """(milliseconds, ru_maxrss KiB) of one statement in a fresh interpreter."""
    probe = IMPORT_PROBE.format(statement=statement)
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
        preexec_fn=_pin(CLIENT_CPUS),
    )
    ms, rss = proc.stdout.split()
    return float(ms), float(rss)


def run_imports(round_no: int, out: Collected) -> None:
    try:
        base_ms, base_rss = measure_import("pass")
        for key, _, statements in IMPORT_PROBES:
            for package, statement in statements.items():
                ms, rss = measure_import(statement)
                out.add(
                    key,
                    package,
                    {
                        "import_ms": ms - base_ms,
                        "import_rss_mib": (rss - base_rss) / 1024,
                    },
                    round_no,
                )
    except (subprocess.SubprocessError, ValueError) as exc:
        out.errors.append(
            {
                "scenario": "import",
                "impl": "-",
                "round": round_no,
                "error": f"{type(exc).__name__}: {exc}",
            }
        )


# -- reporting ---------------------------------------------------------------------------------


def medians(out: Collected) -> dict[str, dict[str, dict[str, float]]]:
    result: dict[str, dict[str, dict[str, float]]] = {}
    for scenario, by_impl in out.runs.items():
        for impl, runs in by_impl.items():
            names = sorted({name for run in runs for name in run})
            result.setdefault(scenario, {})[impl] = {
                name: statistics.median(run[name] for run in runs if name in run) for name in names
            }
    return result


def ratio(
    med: dict[str, Any],
    scenario: str,
    metric: str,
    num: str,
    den: str,
    den_metric: str | None = None,
) -> float | None:
    try:
        top = med[scenario][num][metric]
        bottom = med[scenario][den][den_metric or metric]
    except KeyError:
        return None
    return top / bottom if bottom else None


def round_ratios(out: Collected, t: Target) -> list[float]:
    """The target's ratio within each round where both sides have a number."""
    by_impl = out.by_round.get(t.scenario, {})
    top, bottom = by_impl.get(t.numerator, {}), by_impl.get(t.denominator, {})
    den_metric = t.denominator_metric or t.metric
    return [
        top[r][t.metric] / bottom[r][den_metric]
        for r in sorted(top.keys() & bottom.keys())
        if bottom[r].get(den_metric) and t.metric in top[r]
    ]


def evaluate_targets(med: dict[str, Any], out: Collected) -> list[dict[str, Any]]:
    rows = []
    for t in TARGETS:
        value = ratio(med, t.scenario, t.metric, t.numerator, t.denominator, t.denominator_metric)
        per_round = round_ratios(out, t)
        met = (
            None
            if value is None
            else (value >= t.threshold if t.at_least else value <= t.threshold)
        )
        rows.append(
            {
                "key": t.key,
                "target": t.text,
                "metric": t.metric,
                "ratio": value,
                "threshold": t.threshold,
                "comparison": ">=" if t.at_least else "<=",
                "met": met,
                "round_ratios": per_round,
            }
        )
    return rows


def fmt(value: float | None, metric: str = "") -> str:
    if value is None:
        return "-"
    if metric.endswith("per_s"):
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def markdown_tables(report: dict[str, Any]) -> str:
    med = report["medians"]
    skipped = report["skipped"]
    lines = [
        "| scenario | metric | " + " | ".join([*IMPLS, *(r[2] for r in RATIOS)]) + " |",
        "|---|---|" + "---:|" * (len(IMPLS) + len(RATIOS)),
    ]
    for sc in SCENARIOS:
        if sc.key not in med:
            continue  # not selected in this run (--only)
        for name, label, higher in sc.metrics:
            cells = []
            for impl in IMPLS:
                measured = med.get(sc.key, {}).get(impl)
                value = None if measured is None else measured.get(name)
                if value is None and impl in skipped.get(sc.key, []):
                    cells.append("skipped")
                elif measured is not None and value is None:
                    cells.append("n/a")  # ran, but has no such style (e.g. no iterator)
                elif value is None:
                    cells.append("error")
                else:
                    cells.append(fmt(value, name))
            ratios = [fmt_ratio(ratio(med, sc.key, name, a, b)) for a, b, _ in RATIOS]
            arrow = "↑" if higher else "↓"
            lines.append(f"| {sc.title} | {label} {arrow} | " + " | ".join(cells + ratios) + " |")
    lines += [
        "",
        "| start-up (fresh interpreter, minus an empty one) "
        "| coze_async | cozepy | coze_async / cozepy |",
        "|---|---:|---:|---:|",
    ]
    for key, title, _ in IMPORT_PROBES:
        for name, label in (("import_ms", "time ms ↓"), ("import_rss_mib", "RSS MiB ↓")):
            ours = med.get(key, {}).get("coze_async", {}).get(name)
            peer = med.get(key, {}).get("cozepy", {}).get(name)
            value = ratio(med, key, name, "coze_async", "cozepy")
            lines.append(f"| {title}: {label} | {fmt(ours)} | {fmt(peer)} | {fmt_ratio(value)} |")
    lines += [
        "",
        "| target | ratio of medians | needed | met | same ratio per round, min - max |",
        "|---|---:|---:|:---:|---:|",
    ]
    for row in report["targets"]:
        met = {True: "met", False: "**not met**", None: "no data"}[row["met"]]
        value = "-" if row["ratio"] is None else f"{row['ratio']:.3f}x"
        rounds = row["round_ratios"]
        spread = f"{min(rounds):.2f}x - {max(rounds):.2f}x" if rounds else "-"
        lines.append(
            f"| {row['target']} | {value} | "
            f"{row['comparison']} {row['threshold']:g}x | {met} | {spread} |"
        )
    return "\n".join(lines)


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = {}
    for dist in (
        "coze-async",
        "cozepy",
        "aiohttp",
        "httpx",
        "orjson",
        "pydantic",
        "attrs",
        "cattrs",
    ):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "server_cpus": sorted(SERVER_CPUS) if SERVER_CPUS else None,
        "client_cpus": sorted(CLIENT_CPUS) if CLIENT_CPUS else None,
        "packages": versions,
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def describe_run(report: dict[str, Any]) -> str:
    m = report["machine"]
    pkgs = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    mode = "quick" if report["quick"] else "full"
    cpu = report["server_cpu_max_pct"]
    busiest = max(cpu.items(), key=lambda kv: kv[1]) if cpu else ("-", 0.0)
    server, clients = m.get("server_cpus"), m.get("client_cpus")
    pinned = f"server on CPU {server}, clients on CPU {clients}" if server else "not pinned"
    return (
        f"{mode} run, {report['repeat']} rounds, {report['elapsed_s']:.0f} s, {m['date']}; "
        f"{m['cpu']}, {m['cores']} cores ({pinned}), {m['implementation']} {m['python']}; "
        f"{pkgs}. "
        f"The server used at most {busiest[1]:.0f}% of one core during any client run "
        f"(busiest: {busiest[0]})."
    )


def results_markdown(report: dict[str, Any]) -> str:
    errors = report["errors"]
    error_text = (
        "\n".join(
            f"- round {e['round']}, {e['scenario']}, {e['impl']}: {e['error']}" for e in errors
        )
        if errors
        else "None."
    )
    skipped = report["skipped"]
    skipped_text = "; ".join(f"{k}: {', '.join(v)}" for k, v in skipped.items()) or "nothing"
    return f"""# Client benchmarks

Medians over the rounds of one run; the ratios are between medians of that same run (for the
↓ metrics a ratio below 1 means coze_async is lower, i.e. better). Every run is a fresh process
against `benchmarks/fast_server.py`, its own process answering from pre-rendered bytes; a run
that received a wrong number of events or items counts as an error and is left out. The last
column of the target table is the same ratio taken within each round (where the implementations
ran back to back): how much it moved during the run. Each round runs the implementations in
turn, in an order reversed every other round and rotated every two rounds, and the server runs
on one CPU and every client process on another (`run.py`'s `round_order` and `_cpus`).

{describe_run(report)}

{markdown_tables(report)}

Skipped: {skipped_text}. Errors: {error_text}

For the targets not met: where the time goes, why, and what is next, see
[ANALYSIS.md](ANALYSIS.md).

## Reproduce

```sh
{COMMAND}                    # full: 10 rounds, about 17 minutes on 2 cores
{COMMAND} --quick            # 3 rounds, a subset (see below)
{COMMAND} --write-results    # also rewrite this file
```

`benchmarks/results/latest.json` holds every run's numbers, the medians, the machine and the
errors. Single scenarios: `.venv/bin/python benchmarks/clients.py <impl> <scenario> <url>` against
`.venv/bin/python benchmarks/fast_server.py`.

## What is measured

- **Implementations**: `coze_async-async` (`AsyncCoze`), `coze_async-sync` (`Coze`),
  `cozepy-async` (`cozepy.AsyncCoze` + `AsyncTokenAuth`), `cozepy-sync` (`cozepy.Coze` +
  `TokenAuth`), each with the library's default connection pool (cozepy's own
  `AsyncHTTPClient()`/`SyncHTTPClient()`, closed at the end), and `raw-floor`: a plain
  `aiohttp.ClientSession` (a pool of 1,000 connections, coze_async's and cozepy's default)
  reading streams with `resp.content.iter_chunked(65536)`, splitting events on `b"\\n\\n"`
  and `orjson.loads`-ing each event's data, and calls with `await resp.read()` + `orjson.loads`.
- **a.** One chat stream of 20,000 `conversation.message.delta` events, iterated fully, counting
  the deltas and reading each one's text as a real consumer would (`event.message.content`; the
  floor its parsed `content`); deltas per second, median of 3 such streams per process after a
  50-delta warm-up.
- **b.** 1,000 sequential calls alternating `bots.retrieve(bot_id=...)`
  (`GET /v1/bot/get_online_info`) and `chat.retrieve(conversation_id=..., chat_id=...)`
  (`POST /v3/chat/retrieve`), after 20 warm-up calls; each answer's id is checked.
- **c.** 500 and 2,000 concurrent 50-delta streams: `asyncio.gather` for the async clients, a
  50-thread pool for the sync ones. Wall time, deltas per second, p50/p99 (nearest rank) time from
  the start of the batch to each stream's first event, and the process's peak RSS
  (`ru_maxrss`). Every async implementation may open up to 1,000 connections (the default of
  coze_async and cozepy; the floor is given the same).
- **d.** `workspaces.list(page_num=1, page_size=50)` iterated to the end through the SDK's own
  pagination: 1,000 workspaces in 20 pages; median of 5 walks per process after a warm-up walk.
- **e.** `import coze_async` / `import cozepy` in a fresh interpreter: `perf_counter` around the
  import and `ru_maxrss` after it, minus an interpreter that imports nothing. Because
  `coze_async` loads its names lazily, a second probe also imports `AsyncCoze`, `Message` and the
  token auth, builds a client and touches `.chat` (what a program does before its first chat;
  cozepy: `AsyncCoze(AsyncTokenAuth(...)).chat`). Memory per idle
  client: RSS (`/proc/self/statm`) growth over 100 more clients that made one call each and stay
  open, divided by 100 (`Coze` includes its event-loop thread). Memory per open stream: RSS
  growth over 200 streams held open after their first event, divided by 200.
- **f.** Speech to a file: `audio.speech.create(...)` answered with 50 MiB of audio
  (`Content-Length` set), written to a file with `write_to_file` (cozepy's `FileHTTPResponse`
  reads the whole body first; the floor: `iter_chunked(65536)` into the file); MiB per second
  (median of 3 per process) and the growth of the process's peak RSS over the 3 downloads.
  Upload: `files.upload(file=Path(...))` of a 50 MiB file (the floor: an `aiohttp.FormData`
  with the open file); the server checks the size it received. Websocket chat: one session
  per run of `GET /v1/chat`, a `conversation.message.create` answered with 20,000
  `conversation.message.delta` frames, each delta's text read; through a handler
  (`on_conversation_message_delta`, then `wait()`) and through the iterator (`async for` /
  `for` until `conversation.chat.completed`); deltas/s, median of 3 sessions after a warm-up.
  cozepy's async client: handlers only (it has no iterator), built with an `https://` base URL
  (its websocket rule refuses others) and its `ws_url` then pointed at the plain `ws://`
  server, its code paths unchanged; its sync client never saw the chat complete against this
  server and is not measured. The floor: `session.ws_connect` + `orjson.loads` per frame.
- **`--quick`**: 3 rounds; the 2,000-stream scenario only for `coze_async-async` and `raw-floor`
  (the two its targets compare); idle-client memory over 30 clients instead of 100.
- **Server load**: the server's CPU time is sampled around every client run; the figure above
  is its busiest share of one core, so a value well under 100% means it was not the bottleneck.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds, a subset")
    parser.add_argument("--repeat", type=int, help="rounds (default 10, 3 with --quick)")
    parser.add_argument("--write-results", action="store_true", help="rewrite RESULTS.md")
    parser.add_argument(
        "--only", help="comma-separated scenario keys (stream,calls,concurrent-500,...,import)"
    )
    args = parser.parse_args()
    repeat = args.repeat or (3 if args.quick else 10)
    keys = {sc.key for sc in SCENARIOS} | {"import"}
    only = set(args.only.split(",")) if args.only else keys
    if only - keys:
        parser.error(f"unknown scenarios: {', '.join(sorted(only - keys))}")
    scenarios = [sc for sc in SCENARIOS if sc.key in only]

    out = Collected()
    for sc in scenarios:
        skipped = [*sc.skip, *(sc.quick_skip if args.quick else ())]
        if skipped:
            out.skipped[sc.key] = skipped
    started = time.perf_counter()
    server = Server(workspaces=1000)
    print(f"fast_server at {server.url}; {repeat} rounds", file=sys.stderr)
    try:
        if "import" in only:
            with contextlib.suppress(subprocess.SubprocessError):  # errors show in the rounds
                measure_import("import coze_async, cozepy")  # compile any stale bytecode first
        for round_no in range(1, repeat + 1):
            print(
                f"round {round_no}/{repeat} ({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )
            if "import" in only:
                run_imports(round_no, out)
            for sc in scenarios:
                for impl in round_order(round_no):
                    if impl in out.skipped.get(sc.key, []):
                        continue
                    if not server.alive():
                        raise RuntimeError("fast_server.py died")
                    run_client(server, sc, impl, round_no, out, args.quick)
    finally:
        server.stop()
    elapsed = time.perf_counter() - started

    med = medians(out)
    report: dict[str, Any] = {
        "command": " ".join([COMMAND, *sys.argv[1:]]),
        "quick": args.quick,
        "repeat": repeat,
        "elapsed_s": elapsed,
        "machine": machine_info(),
        "medians": med,
        "ratios": {
            sc.key: {
                name: {label: ratio(med, sc.key, name, a, b) for a, b, label in RATIOS}
                for name, _, _ in sc.metrics
            }
            for sc in scenarios
        },
        "targets": evaluate_targets(med, out),
        "runs": out.runs,
        "errors": out.errors,
        "skipped": out.skipped,
        "notes": out.notes,
        "server_cpu_max_pct": {k: max(v) for k, v in out.server_cpu.items()},
        "process_seconds": out.process_s,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(describe_run(report))
    print()
    print(markdown_tables(report))
    if out.errors:
        print(f"\n{len(out.errors)} run(s) failed (left out of the medians):")
        for e in out.errors:
            print(f"- round {e['round']}, {e['scenario']}, {e['impl']}: {e['error']}")
    if args.write_results:
        (HERE / "RESULTS.md").write_text(results_markdown(report))
        print(f"\nwrote {HERE / 'RESULTS.md'}", file=sys.stderr)
    return 1 if out.errors else 0


if __name__ == "__main__":
    sys.exit(main())
