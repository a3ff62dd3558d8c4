"""The pytest plugin that coze-async installs (``pytest11`` entry point) and the emulator's
typed public surface."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_pytest_plugin_does_not_import_the_emulator() -> None:
    # Every pytest run of anyone with coze-async installed loads the plugin: it must stay cheap.
    code = (
        "import sys, coze_async.emulator.pytest_plugin as plugin\n"
        "assert callable(plugin.coze_emulator)\n"
        "heavy = [m for m in ('aiohttp.web', 'coze_async.emulator._server') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_emulator_package_still_exports_its_names_lazily() -> None:
    code = (
        "import sys, coze_async.emulator as e\n"
        "assert 'coze_async.emulator._server' not in sys.modules\n"
        "assert e.Emulator.__name__ == 'Emulator' and e.ECHO_BOT_ID and e.Fault\n"
        "assert set(e.__all__) <= set(dir(e))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_fixture_serves_a_running_emulator(coze_emulator) -> None:  # type: ignore[no-untyped-def]
    from coze_async.emulator import Emulator

    assert isinstance(coze_emulator, Emulator)
    assert coze_emulator.base_url.startswith("http://127.0.0.1:")
