"""Stream a workflow run; when it stops to ask a question (an Interrupt event), answer it and
stream the rest (async); then run a workflow without streaming (sync). Offline against the
emulator (its interrupt workflow) unless COZE_API_TOKEN is set (then set COZE_WORKFLOW_ID to a
workflow with a question node and COZE_PLAIN_WORKFLOW_ID to one without).

cozepy's counterpart: ``examples/workflow_stream.py``.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import AsyncCoze, Coze, TokenAuth, WorkflowEvent, WorkflowEventType


async def main_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        stream = coze.workflows.runs.stream(workflow_id=target.workflow_id, parameters={})
        while True:
            interrupt: WorkflowEvent | None = None
            async with stream:
                async for event in stream:
                    if event.event is WorkflowEventType.MESSAGE and event.message:
                        print(f"[{event.message.node_title}] {event.message.content}")
                    elif event.event is WorkflowEventType.ERROR and event.error:
                        print("workflow error:", event.error.error_message)
                    elif event.event is WorkflowEventType.INTERRUPT:
                        interrupt = event
            if interrupt is None or interrupt.interrupt is None:
                break
            data = interrupt.interrupt.interrupt_data
            print("> answering the question with: Paris")
            stream = coze.workflows.runs.resume(
                workflow_id=target.workflow_id,
                event_id=data.event_id,
                resume_data="Paris",
                interrupt_type=data.type,
            )


def main_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        result = coze.workflows.runs.create(
            workflow_id=target.plain_workflow_id, parameters={"input": "hi"}
        )
        print("run", result.execute_id, "output:", result.data)


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(main_async(target))
        main_sync(target)
