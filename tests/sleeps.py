"""A sleep recorder: the waits the client asks for, without waiting them out.

``record_client_sleeps(monkeypatch)`` replaces ``asyncio.sleep`` for the test. A call made from
the client's own code (a ``coze_async`` module outside the emulator) is recorded and returns at
once; every other caller (the emulator's injected latency, aiohttp, the test itself) sleeps for
real. It patches the global ``asyncio.sleep``, not a private name, so it does not depend on
how the transport is laid out.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable
from typing import Any

import pytest


def record_client_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Return the list the client's requested delays are appended to, in order."""
    real_sleep = asyncio.sleep
    requested: list[float] = []

    def sleep(delay: float, result: Any = None) -> Awaitable[Any]:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("coze_async") and not caller.startswith("coze_async.emulator"):
            requested.append(delay)
            return real_sleep(0, result)
        return real_sleep(delay, result)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    return requested
