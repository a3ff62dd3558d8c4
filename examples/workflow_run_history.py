"""Read the history of a workflow run (twin of cozepy's ``examples/workflow_run_history.py``):
status, output, usage, the node statuses and the debug link of one execute id. Async, then sync.
Offline, the example first runs the emulator's echo workflow to have an execute id; against Coze
set COZE_API_TOKEN, COZE_PLAIN_WORKFLOW_ID and COZE_EXECUTE_ID (a run of that workflow)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target, execute_id: str) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        history = await coze.workflows.runs.run_histories.retrieve(
            workflow_id=target.plain_workflow_id, execute_id=execute_id
        )
        print("[async] run", history.execute_id, history.execute_status.value)
        print("  output:", history.output)
        print("  run mode:", history.run_mode, "- debug:", history.debug_url)
        for title, node in (history.node_execute_status or {}).items():
            print(f"  node {title!r} ({node.node_id}) finished: {node.is_finish}")
        print("  logid:", history.response.logid)


def main_sync(target: Target, execute_id: str) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        history = coze.workflows.runs.run_histories.retrieve(
            workflow_id=target.plain_workflow_id, execute_id=execute_id
        )
        print("[sync]", history.execute_status.value, history.output)


def a_finished_run(target: Target) -> str:
    """Offline only: run the echo workflow once, for an execute id to look up."""
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        run = coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "for the history"}
        )
        return run.execute_id or ""


if __name__ == "__main__":
    with coze_target() as target:
        execute_id = target.id("COZE_EXECUTE_ID", a_finished_run(target) if target.emulator else "")
        asyncio.run(main_async(target, execute_id))
        main_sync(target, execute_id)
