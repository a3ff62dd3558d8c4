"""Where the examples send their requests: Coze when COZE_API_TOKEN is set (COZE_API_BASE selects
coze.cn), otherwise an emulator started here, so every example runs offline as is."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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


@contextmanager
def coze_target() -> Iterator[Target]:
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
    with Emulator.run_in_thread(strict=True) as emu:
        assert emu.token is not None
        yield Target(
            base_url=emu.base_url,
            token=emu.token,
            bot_id=ECHO_BOT_ID,
            space_id=PERSONAL_WORKSPACE_ID,
            workflow_id=INTERRUPT_WORKFLOW_ID,
            plain_workflow_id=ECHO_WORKFLOW_ID,
        )
