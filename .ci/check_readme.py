"""Type-check the README's Python snippets with ``mypy --strict`` (tests/test_readme.py runs
them). Usage: ``.venv/bin/python .ci/check_readme.py``."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    blocks = re.findall(r"```python\n(.*?)```\n", (ROOT / "README.md").read_text(), re.S)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, code in enumerate(blocks):
            path = Path(folder) / f"readme_block_{index}.py"
            path.write_text(code)
            paths.append(str(path))
        result = subprocess.run([sys.executable, "-m", "mypy", "--strict", *paths], cwd=ROOT)
    print(f"check_readme: {len(blocks)} snippets, mypy --strict exit {result.returncode}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
