"""A pytest plugin for SDK users: the ``coze_emulator`` fixture.

Installed with coze-async and loaded by pytest automatically::

    def test_my_bot(coze_emulator):
        bot_id = coze_emulator.register_responder(lambda ctx: "pong")
        with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
            ...

The emulator runs in its own thread, so the fixture serves sync and async tests alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._server import Emulator

__all__ = ["coze_emulator"]


@pytest.fixture
def coze_emulator() -> Iterator[Emulator]:
    """A fresh Coze emulator for one test (``.base_url``, ``.token``, ``.register_responder``,
    ``.inject`` for faults)."""
    # Imported here, not at module level: pytest loads this plugin at every start-up.
    from ._server import Emulator

    with Emulator.run_in_thread() as emulator:
        yield emulator
