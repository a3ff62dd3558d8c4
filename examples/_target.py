"""Where the examples send their requests: Coze when COZE_API_TOKEN is set (COZE_API_BASE selects
coze.cn), otherwise an emulator started here, so every example runs offline as is. An id that
only the service knows comes from the environment online (``Target.id``) and from the emulator's
fixtures offline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from coze_async import COZE_COM_BASE_URL
from coze_async.emulator import (
    ECHO_BOT_ID,
    ECHO_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    PERSONAL_WORKSPACE_ID,
    Emulator,
)


@dataclass
class Target:
    base_url: str
    token: str
    bot_id: str
    space_id: str
    #: A workflow that asks a question (interrupts) before it answers.
    workflow_id: str
    #: A workflow that just answers.
    plain_workflow_id: str
    #: The emulator when offline (to register responders), None against Coze.
    emulator: Emulator | None = None

    def id(self, env_name: str, offline: str) -> str:
        """``$env_name`` against Coze (required there), ``offline`` against the emulator."""
        if self.emulator is not None:
            return offline
        value = os.environ.get(env_name)
        if not value:
            raise SystemExit(f"set {env_name} to run this example against Coze")
        return value


@contextmanager
def coze_target(**emulator_options: Any) -> Iterator[Target]:
    token = os.environ.get("COZE_API_TOKEN")
    if token:
        yield Target(
            base_url=os.environ.get("COZE_API_BASE", COZE_COM_BASE_URL),
            token=token,
            bot_id=os.environ.get("COZE_BOT_ID", ""),
            space_id=os.environ.get("COZE_SPACE_ID", ""),
            workflow_id=os.environ.get("COZE_WORKFLOW_ID", ""),
            plain_workflow_id=os.environ.get("COZE_PLAIN_WORKFLOW_ID", ""),
        )
        return
    with Emulator.run_in_thread(strict=True, **emulator_options) as emu:
        assert emu.token is not None
        yield Target(
            base_url=emu.base_url,
            token=emu.token,
            bot_id=ECHO_BOT_ID,
            space_id=PERSONAL_WORKSPACE_ID,
            workflow_id=INTERRUPT_WORKFLOW_ID,
            plain_workflow_id=ECHO_WORKFLOW_ID,
            emulator=emu,
        )
