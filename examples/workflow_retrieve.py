"""A workflow's details and the workflows of a workspace (twin of cozepy's
``examples/workflow_retrieve.py``): ``workflows.retrieve`` with its input and output schema,
then ``workflows.list`` (async), and the same lookups in sync code. Offline against the
emulator unless COZE_API_TOKEN is set (then also set COZE_PLAIN_WORKFLOW_ID and
COZE_SPACE_ID)."""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        info = await coze.workflows.retrieve(
            workflow_id=target.plain_workflow_id, include_input_output=True
        )
        detail = info.workflow_detail
        print("[async] workflow", detail.workflow_id, repr(detail.workflow_name))
        print("  description:", detail.description)
        if info.input:
            print("  input parameters:", list(info.input.parameters or {}))
        if info.output:
            print("  output parameters:", list(info.output.parameters or {}))
        async for workflow in coze.workflows.list(workspace_id=target.space_id):
            print("  in the workspace:", workflow.workflow_id, workflow.workflow_name)


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        info = coze.workflows.retrieve(workflow_id=target.plain_workflow_id)
        print("[sync]", info.workflow_detail.workflow_name, "logid:", info.response.logid)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
