"""CI: fail unless ``pyright --verifytypes coze_async`` reports a type completeness score of at
least ``MIN_SCORE``, analysing this checkout's package, with every name of the lazy export table
seen as exported (so the ``TYPE_CHECKING`` re-exports keep type checkers in step with run time).

Run with the interpreter of a venv holding pyright and the package's dependencies:
``.venv/bin/python .ci/verify_types.py``. This checkout goes first on the search path, so an
install of the package from elsewhere in that venv cannot be analysed instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MIN_SCORE = 0.99
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "coze_async"


def main() -> int:
    command = [
        sys.executable,
        "-m",
        "pyright",
        "--pythonpath",
        sys.executable,
        "--verifytypes",
        PACKAGE,
        "--ignoreexternal",
        "--outputjson",
    ]
    # pyright exits non-zero whenever it reports a diagnostic; the score decides here.
    search_path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(search_path)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
        completeness = report["typeCompleteness"]
    except (ValueError, KeyError):
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        print("verify_types: pyright gave no type completeness report", file=sys.stderr)
        return 1

    for diagnostic in report.get("generalDiagnostics", []):
        print(f"verify_types: pyright: {diagnostic['message']}", file=sys.stderr)
    analysed = Path(completeness["packageRootDirectory"] or "?").resolve()
    if analysed != ROOT / PACKAGE:
        print(f"verify_types: pyright analysed {analysed}, not {ROOT / PACKAGE}", file=sys.stderr)
        return 1

    sys.path.insert(0, str(ROOT))
    from coze_async import _EXPORTS

    exported = {
        symbol["name"] for symbol in completeness["symbols"] if symbol.get("isExported", False)
    }
    unseen = sorted(name for name in _EXPORTS if f"{PACKAGE}.{name}" not in exported)

    score = completeness["completenessScore"]
    for symbol in completeness["symbols"]:
        for diagnostic in symbol["diagnostics"]:
            if diagnostic["severity"] == "error":
                print(f"{symbol['name']}: {diagnostic['message']}")
    print(
        f"verify_types: pyright {report['version']}, type completeness score {score:.1%} "
        f"(minimum {MIN_SCORE:.0%}), {completeness['missingFunctionDocStringCount']} functions "
        f"without docstring"
    )
    if unseen:
        print(f"verify_types: exported at run time, not to type checkers: {unseen}")
    return 0 if score >= MIN_SCORE and not unseen else 1


if __name__ == "__main__":
    sys.exit(main())
