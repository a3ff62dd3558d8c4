"""The README's Python snippets are complete programs: each runs, as written, against an emulator
(the environment variables they read point at it). ``.ci/check_readme.py`` type-checks them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from coze_async.emulator import ECHO_BOT_ID, Emulator

ROOT = Path(__file__).resolve().parent.parent


def readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```python\n(.*?)```\n", text, re.S)


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, str]]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with Emulator.run_in_thread(strict=True) as emu:
        client_id = emu.register_oauth_app("jwt", public_key=public, public_key_id="kid")
        yield {
            "COZE_API_TOKEN": emu.token,
            "COZE_API_BASE": emu.base_url,
            "COZE_BOT_ID": ECHO_BOT_ID,
            "COZE_JWT_OAUTH_CLIENT_ID": client_id,
            "COZE_JWT_OAUTH_PRIVATE_KEY": private,
            "COZE_JWT_OAUTH_PUBLIC_KEY_ID": "kid",
        }


def test_the_readme_has_its_snippets():
    assert len(readme_blocks()) >= 4


@pytest.mark.parametrize("index", range(len(readme_blocks())))
def test_each_snippet_runs_as_written(index, served):
    code = readme_blocks()[index]
    compile(code, f"README block {index}", "exec")
    env = {**os.environ, **served, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "a snippet shows what it did"
