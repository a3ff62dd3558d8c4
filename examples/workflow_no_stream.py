"""Run a workflow and wait for its result, without streaming (twin of cozepy's
``examples/workflow_no_stream.py``): async, then sync, and what a failing run raises. Offline
against the emulator's echo workflow unless COZE_API_TOKEN is set (then set
COZE_PLAIN_WORKFLOW_ID to a workflow with an ``input`` parameter; COZE_ERROR_WORKFLOW_ID to one
that fails, or the last part is skipped)."""

from __future__ import annotations

import asyncio
import os

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, CozeAPIError, TokenAuth
from coze_async.emulator import ERROR_WORKFLOW_ID


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        result = await coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "hello, workflow"}
        )
        print("[async] output:", result.data)
        print("[async] execute id:", result.execute_id, "debug:", result.debug_url)
        if result.usage:
            print("[async] tokens:", result.usage.token_count)


def main_sync(target: Target, error_workflow_id: str | None) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        result = coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "from sync code"}
        )
        print("[sync] output:", result.data, "logid:", result.response.logid)
        if error_workflow_id:
            try:
                coze.workflows.runs.create(workflow_id=error_workflow_id, parameters={})
            except CozeAPIError as error:  # a failed run is an API error with the run's logid
                print("[sync] the run failed:", error.code, error.msg, "logid:", error.logid)


if __name__ == "__main__":
    with coze_target() as target:
        failing = ERROR_WORKFLOW_ID if target.emulator else os.environ.get("COZE_ERROR_WORKFLOW_ID")
        asyncio.run(main_async(target))
        main_sync(target, failing)
