"""Mutation testing of the core modules, by hand (not in CI): how many small changes to the code
the tests notice, per module.

    pip install 'mutmut>=3.3'              # once; not part of the `test` extra
    .venv/bin/python benchmarks/mutation.py [--max-children N] [--report-only]

Runs ``mutmut run`` from the repository root with the ``[tool.mutmut]`` settings in
pyproject.toml (the modules: ``_retry``, ``_envelope``, ``_sse``, ``_stream``, ``_transport``;
the tests: the files that exercise them, less the soak tests), then prints caught/total per
module and lists the survivors. "Caught" is killed + timed out (mutmut's own classes); the rest,
survived and "no tests", are listed. ``--report-only`` prints the figures of the last run
without running again. mutmut keeps its work in ``mutants/`` (ignored by git) and reuses results
there for code it already tested; delete the folder for a clean run. It takes about 30 minutes
on 2 cores. Survivors that are equivalent mutants are explained in benchmarks/MUTATION.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["_retry", "_envelope", "_sse", "_stream", "_transport"]
CAUGHT = {"killed", "timeout", "caught by type check"}
LINE = re.compile(r"^\s*(coze_async\.(\w+)\.\S+): (.+)$")


def mutmut() -> list[str]:
    exe = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if exe is None:
        raise SystemExit("mutmut is not installed: pip install 'mutmut>=3.3'")
    return [exe]


def results() -> dict[str, list[tuple[str, str]]]:
    out = subprocess.run(
        [*mutmut(), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    by_module: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in out.splitlines():
        found = LINE.match(line)
        if found:
            name, module, status = found.groups()
            by_module[module].append((name, status.strip()))
    return by_module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    if not args.report_only:
        subprocess.run(
            [*mutmut(), "run", "--max-children", str(args.max_children)], cwd=ROOT, check=False
        )
        print()
    by_module = results()
    low = False
    print(f"{'module':24} caught/total      %   (other outcomes)")
    for module in MODULES:
        rows = by_module.get(module, [])
        caught = sum(status in CAUGHT for _, status in rows)
        total = len(rows)
        others = Counter(status for _, status in rows if status not in CAUGHT)
        share = 100 * caught / total if total else 0.0
        low |= share < 90
        detail = ", ".join(f"{n} {s}" for s, n in sorted(others.items()))
        print(f"coze_async/{module + '.py':13} {caught:5}/{total:<5} {share:6.1f}   {detail}")
    print()
    for module in MODULES:
        for name, status in by_module.get(module, []):
            if status not in CAUGHT:
                print(f"{status:10} {name}")
    print("\n`mutmut show NAME` prints a mutant's diff.")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
