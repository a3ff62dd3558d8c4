"""The output of each node of a workflow run (twin of cozepy's
``examples/workflow_execute_node.py``): run a workflow in the background, poll its run history
until it succeeds, then fetch every node's output with
``runs.run_histories.execute_nodes.retrieve``. Async, then sync. Offline against the
emulator's echo workflow unless COZE_API_TOKEN is set (then also set COZE_PLAIN_WORKFLOW_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, WorkflowExecuteStatus, WorkflowRunHistory


async def main_async(target: Target) -> None:
    workflow_id = target.plain_workflow_id
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        run = await coze.workflows.runs.create(
            workflow_id=workflow_id, parameters={"input": "node by node"}, is_async=True
        )
        execute_id = run.execute_id
        assert execute_id is not None  # always set by a run
        history: WorkflowRunHistory | None = None
        while history is None or history.execute_status is WorkflowExecuteStatus.RUNNING:
            await asyncio.sleep(0.2)
            history = await coze.workflows.runs.run_histories.retrieve(
                workflow_id=workflow_id, execute_id=execute_id
            )
        print("[async] run", execute_id, history.execute_status.value)
        for title, status in (history.node_execute_status or {}).items():
            node = await coze.workflows.runs.run_histories.execute_nodes.retrieve(
                workflow_id=workflow_id,
                execute_id=execute_id,
                node_execute_uuid=status.node_execute_uuid,
            )
            print(f"  {title}: finished={node.is_finish} output={node.node_output}")


def main_sync(target: Target) -> None:
    workflow_id = target.plain_workflow_id
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        run = coze.workflows.runs.create(workflow_id=workflow_id, parameters={"input": "sync"})
        execute_id = run.execute_id
        assert execute_id is not None
        history = coze.workflows.runs.run_histories.retrieve(
            workflow_id=workflow_id, execute_id=execute_id
        )
        outputs = {
            title: coze.workflows.runs.run_histories.execute_nodes.retrieve(
                workflow_id=workflow_id,
                execute_id=execute_id,
                node_execute_uuid=status.node_execute_uuid,
            ).node_output
            for title, status in (history.node_execute_status or {}).items()
        }
        print("[sync]", outputs)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
