"""Start a workflow in the background and poll its run history until it ends (twin of cozepy's
``examples/workflow_async.py``): ``runs.create(is_async=True)`` answers at once with an execute
id; ``runs.run_histories.retrieve`` says Running, Success or Fail. Async (the wait does not
block the loop), then sync. Offline against the emulator's echo workflow unless COZE_API_TOKEN
is set (then also set COZE_PLAIN_WORKFLOW_ID)."""

from __future__ import annotations

import asyncio
import time

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, WorkflowExecuteStatus

POLL_EVERY = 0.2  # seconds; a real workflow is rarely worth polling more than once a second


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        run = await coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "later"}, is_async=True
        )
        execute_id = run.execute_id
        assert execute_id is not None  # always set by a run
        print("[async] started run", execute_id)
        while True:
            history = await coze.workflows.runs.run_histories.retrieve(
                workflow_id=target.plain_workflow_id, execute_id=execute_id
            )
            if history.execute_status is WorkflowExecuteStatus.RUNNING:
                print("[async] still running, waiting")
                await asyncio.sleep(POLL_EVERY)
            elif history.execute_status is WorkflowExecuteStatus.FAIL:
                print("[async] run failed:", history.error_message)
                break
            else:
                print("[async] run succeeded:", history.output)
                break


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        run = coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "sync"}, is_async=True
        )
        execute_id = run.execute_id
        assert execute_id is not None
        history = coze.workflows.runs.run_histories.retrieve(
            workflow_id=target.plain_workflow_id, execute_id=execute_id
        )
        while history.execute_status is WorkflowExecuteStatus.RUNNING:
            time.sleep(POLL_EVERY)
            history = coze.workflows.runs.run_histories.retrieve(
                workflow_id=target.plain_workflow_id, execute_id=execute_id
            )
        print("[sync]", history.execute_status.value, history.output)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
