"""Benchmark of the exact mentor assignment (``talent.matching.assignment``): prints one table.

Usage::

    .venv/bin/python benchmarks/matching.py [--sizes 1k 5k 20k 20k-scarce 100k]
                                            [--skip-networkx] [--timeout 600]

Every mentor has 3 free slots. Rows: 1,000 x 400 and 5,000 x 2,000 with every pair a
candidate; 20,000 x 8,000 and 20,000 x 5,000 (scarce: 15,000 slots for 20,000
mentees) with the 400 nearest mentors on a ring of overlapping regions as candidates
(one connected candidate graph); 100,000 x 40,000 with the 200 nearest (a national
court system). Scores come from the real feature code (``benchmarks/instances.py``).

Each row runs in fresh subprocesses, so that time and peak memory are per
configuration: one builds the people, scores the pairs and solves with
``method="auto"`` (the columns score, solve, end-to-end and peak RSS, which is that
process's ``ru_maxrss`` after the solve: people, features, scores and solver
together); then one subprocess per independent solver reloads the scored pairs and
solves again (bare solver time, no certificate), with networkx's
``max_weight_matching`` given 120 s, and greedy. "x" columns are how many times
slower the other solver is than auto's; "agree" says whether every exact solver that
finished found the same matched count and the same integer total. The scipy solver can
take exponential time on some graphs (scipy issue 26147, see ``talent.matching.assignment``), hence
``--timeout`` on every reference solver.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `talent` and `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from talent.matching import assignment

NETWORKX_SECONDS = 120
NETWORKX_MAX_EDGES = 3_000_000
"""Slot-expanded edges above which networkx is not even started (graph too large)."""


@dataclass(frozen=True)
class Config:
    label: str
    n_mentees: int
    n_mentors: int
    eligible: int | None


SIZES: dict[str, Config] = {
    "1k": Config("1,000 x 400 dense", 1_000, 400, None),
    "5k": Config("5,000 x 2,000 dense", 5_000, 2_000, None),
    "20k": Config("20,000 x 8,000", 20_000, 8_000, 400),
    "20k-scarce": Config("20,000 x 5,000 scarce", 20_000, 5_000, 400),
    "100k": Config("100,000 x 40,000", 100_000, 40_000, 200),
}


# --- child processes ---------------------------------------------------------------------
def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def child_main(config: Config, workdir: Path) -> dict:
    """Build, score, solve with auto; save the scored pairs for the other children."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from benchmarks.instances import make_instance, score_pairs

    tick = time.perf_counter()
    instance = make_instance(config.n_mentees, config.n_mentors, config.eligible)
    generate = time.perf_counter() - tick
    tick = time.perf_counter()
    score = score_pairs(instance)
    scoring = time.perf_counter() - tick
    tick = time.perf_counter()
    result = assignment.solve(
        config.n_mentees,
        config.n_mentors,
        instance.mentee_idx,
        instance.mentor_idx,
        score,
        instance.free_slots,
    )
    solving = time.perf_counter() - tick
    peak = _peak_gb()

    n, m = config.n_mentees, config.n_mentors
    graph = coo_matrix(
        (np.ones(instance.n_pairs, dtype=np.int8), (instance.mentee_idx, n + instance.mentor_idx)),
        shape=(n + m, n + m),
    )
    components = connected_components(graph, directed=False)[0]
    np.savez(
        workdir / "pairs.npz",
        mentee_idx=instance.mentee_idx,
        mentor_idx=instance.mentor_idx,
        score=score,
        free_slots=instance.free_slots,
    )
    certificate = result.certificate
    return {
        "pairs": instance.n_pairs,
        "components": int(components),
        "generate": generate,
        "score": scoring,
        "solve": solving,
        "peak_gb": peak,
        "matched": result.matched,
        "total": result.total_score,
        "total_scaled": certificate["total_score_scaled"],
        "method": certificate["method"],
        "rounds": certificate.get("rounds"),
        "restricted_pairs": certificate.get("restricted_pairs"),
        "max_reduced_gain": certificate["max_reduced_gain"],
        "cover_weight": certificate["cover_weight"],
        "timings": result.timings,
    }


def _load(workdir: Path, config: Config) -> tuple:
    data = np.load(workdir / "pairs.npz")
    return (
        config.n_mentees,
        config.n_mentors,
        data["mentee_idx"],
        data["mentor_idx"],
        data["score"],
        data["free_slots"],
    )


def child_solver(config: Config, workdir: Path, method: str) -> dict:
    """Reload the scored pairs and run one bare solver (no certificate)."""
    arguments = _load(workdir, config)
    tick = time.perf_counter()
    if method == "greedy":
        result = assignment.greedy(*arguments)
    else:
        result = assignment.solve(*arguments, method=method, certify=False)
    seconds = time.perf_counter() - tick
    return {
        "seconds": seconds,
        "peak_gb": _peak_gb(),
        "matched": result.matched,
        "total": result.total_score,
        "total_scaled": result.certificate["total_score_scaled"],
    }


def child_networkx(config: Config, workdir: Path) -> dict:
    """networkx's blossom algorithm on the slot-expanded graph (max cardinality first)."""
    import networkx as nx

    _, _, mentee, mentor, score, slots = _load(workdir, config)
    weight = np.rint(score * assignment.SCALE).astype(np.int64)
    tick = time.perf_counter()
    graph = nx.Graph()
    for i, j, w in zip(mentee.tolist(), mentor.tolist(), weight.tolist(), strict=True):
        for k in range(int(slots[j])):
            graph.add_edge(i, (j, k), weight=w)
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    seconds = time.perf_counter() - tick
    total_scaled = sum(graph.edges[a, b]["weight"] for a, b in pairs)
    return {"seconds": seconds, "matched": len(pairs), "total_scaled": int(total_scaled)}


# --- orchestration -----------------------------------------------------------------------
def run_child(role: str, size: str, workdir: Path, timeout: float) -> dict:
    """Run one child; returns its JSON result, or {"error": ...}."""
    command = [sys.executable, __file__, "--child", role, "--size", size, "--workdir", str(workdir)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return {"error": tail[:60]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: str, timeout: float, skip_networkx: bool) -> dict:
    others = [m for m in ("pricing", "ortools", "scipy") if m != assignment.AUTO_METHOD]
    with tempfile.TemporaryDirectory(prefix="talent-bench-") as folder:
        workdir = Path(folder)
        row = {"size": size, "main": run_child("main", size, workdir, 4 * timeout)}
        if "error" in row["main"]:
            return row
        for method in [*others, "greedy"]:
            row[method] = run_child(method, size, workdir, timeout)
        slot_edges = row["main"]["pairs"] * 3
        if skip_networkx:
            row["networkx"] = {"error": "skipped"}
        elif slot_edges > NETWORKX_MAX_EDGES:
            row["networkx"] = {"error": f"not run ({slot_edges / 1e6:.0f}M slot edges)"}
        else:
            row["networkx"] = run_child("networkx", size, workdir, NETWORKX_SECONDS)
    row["others"] = others
    return row


def _seconds(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def format_table(rows: list[dict]) -> str:
    headers = [
        "size",
        "pairs",
        "score s",
        "solve s",
        "e2e s",
        "peak GB",
        "matched",
        "total score",
        "rounds",
        "ortools s (x)",
        "scipy s (x)",
        "networkx",
        "agree",
        "greedy s",
        "greedy matched",
        "greedy gap %",
    ]
    lines = []
    for row in rows:
        main = row["main"]
        config = SIZES[row["size"]]
        if "error" in main:
            lines.append([config.label, main["error"]] + [""] * (len(headers) - 2))
            continue
        exact = [(main["matched"], main["total_scaled"])]
        cells = {}
        for method in ("ortools", "scipy", "pricing"):
            other = row.get(method)
            if other is None:
                continue
            if "error" in other:
                cells[method] = other["error"]
                continue
            ratio = other["seconds"] / main["solve"]
            cells[method] = f"{_seconds(other['seconds'])} ({ratio:.1f}x)"
            exact.append((other["matched"], other["total_scaled"]))
        networkx = row["networkx"]
        if "error" in networkx:
            networkx_cell = networkx["error"]
        else:
            networkx_cell = _seconds(networkx["seconds"])
            exact.append((networkx["matched"], networkx["total_scaled"]))
        greedy = row["greedy"]
        if "error" in greedy:
            greedy_cells = [greedy["error"], "", ""]
        else:
            gap = 100 * (main["total"] - greedy["total"]) / main["total"]
            greedy_cells = [
                _seconds(greedy["seconds"]),
                f"{greedy['matched']:,} ({greedy['matched'] - main['matched']:+,})",
                f"{gap:.2f}",
            ]
        chosen = assignment.AUTO_METHOD
        lines.append(
            [
                config.label,
                f"{main['pairs'] / 1e6:.1f}M",
                _seconds(main["score"]),
                _seconds(main["solve"]),
                _seconds(main["score"] + main["solve"]),
                f"{main['peak_gb']:.2f}",
                f"{main['matched']:,}",
                f"{main['total']:.4f}",
                str(main["rounds"]) if main["rounds"] is not None else "-",
                cells.get("ortools", "(auto)" if chosen == "ortools" else ""),
                cells.get("scipy", "(auto)" if chosen == "scipy" else ""),
                networkx_cell,
                "yes" if len(set(exact)) == 1 else "NO",
                *greedy_cells,
            ]
        )
    widths = [max(len(h), *(len(line[k]) for line in lines)) for k, h in enumerate(headers)]
    out = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    out.append("-+-".join("-" * w for w in widths))
    for line in lines:
        out.append(" | ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", nargs="+", default=list(SIZES), help=f"rows to run, of {', '.join(SIZES)}"
    )
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per reference solver")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [s for part in args.sizes for s in part.split(",") if s]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")

    if args.child:
        config, workdir = SIZES[args.size], Path(args.workdir)
        if args.child == "main":
            result = child_main(config, workdir)
        elif args.child == "networkx":
            result = child_networkx(config, workdir)
        else:
            result = child_solver(config, workdir, args.child)
        print(json.dumps(result))
        return 0

    import ortools
    import scipy

    load = os.getloadavg()
    print(
        f"talent.matching.assignment benchmark: auto = {assignment.AUTO_METHOD!r}; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, "
        f"scipy {scipy.__version__}, ortools {ortools.__version__}; "
        f"load average at start {load[0]:.2f}"
    )
    print(
        "score s = pair_features + weighted_scores; solve s = talent.matching.assignment.solve(method='auto') "
        "with its certificate; e2e = score + solve; peak GB = ru_maxrss of the subprocess "
        "that built, scored and solved; other solvers: bare, each in its own subprocess, "
        "x = their time / auto's solve time; greedy gap = score lost vs exact, in %."
    )
    rows = []
    for size in sizes:
        rows.append(measure(size, args.timeout, args.skip_networkx))
        print(f"  done {SIZES[size].label}", file=sys.stderr, flush=True)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
