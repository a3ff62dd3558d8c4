"""A pytest plugin for SDK users: the ``coze_emulator`` fixture.

Installed with coze-async and loaded by pytest automatically::

    def test_my_bot(coze_emulator):
        bot_id = coze_emulator.register_responder(lambda ctx: "pong")
        with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
            ...

The emulator runs in its own thread, so the fixture serves sync and async tests alike. To have
it check every request against the API's schemas (``Emulator(strict=True)``), set
``coze_emulator_strict = true`` in the pytest configuration (``[tool.pytest.ini_options]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import Emulator

__all__ = ["coze_emulator", "pytest_addoption"]

#: The ini option that makes the fixture's emulator strict.
STRICT_OPTION = "coze_emulator_strict"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``coze_emulator_strict`` ini option (pytest calls this hook)."""
    parser.addini(
        STRICT_OPTION,
        type="bool",
        default=False,
        help="coze_emulator: check every request against the Coze API's schemas (strict=True)",
    )


@pytest.fixture
def coze_emulator(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """A fresh Coze emulator for one test (``.base_url``, ``.token``, ``.register_responder``,
    ``.inject`` for faults); strict when the ``coze_emulator_strict`` ini option is true."""
    # Imported here, not at module level: pytest loads this plugin at every start-up.
    from ._server import Emulator

    strict = bool(request.config.getini(STRICT_OPTION))
    with Emulator.run_in_thread(strict=strict) as emulator:
        yield emulator
