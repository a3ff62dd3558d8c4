"""The workflows resource (``coze.workflows``): workflows, their versions and collaborators, runs
(plain, streamed, resumed), run histories and chatflows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, Final

import orjson

from .._errors import CozeInvalidArgumentTypeError
from .._events import chat_event_decoder, ends_workflow_stream, workflow_event_decoder
from .._pagination import AsyncPaged, NumberPaging, TokenPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none
from .._response import HTTPResponse
from .._stream import AsyncStream
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport, invalid_response
from ..models.chat import ChatEvent, Message
from ..models.workflows import (
    RemoveWorkflowCollaboratorResp,
    WorkflowBasic,
    WorkflowEvent,
    WorkflowInfo,
    WorkflowMode,
    WorkflowNodeExecuteHistory,
    WorkflowRunHistory,
    WorkflowRunResult,
    WorkflowsPage,
    WorkflowVersionInfo,
    WorkflowVersionsPage,
)

__all__ = [
    "AsyncWorkflowsChatClient",
    "AsyncWorkflowsClient",
    "AsyncWorkflowsCollaboratorsClient",
    "AsyncWorkflowsRunsClient",
    "AsyncWorkflowsRunsRunHistoriesClient",
    "AsyncWorkflowsRunsRunHistoriesExecuteNodesClient",
    "AsyncWorkflowsVersionsClient",
    "WorkflowsChatClient",
    "WorkflowsClient",
    "WorkflowsCollaboratorsClient",
    "WorkflowsRunsClient",
    "WorkflowsRunsRunHistoriesClient",
    "WorkflowsRunsRunHistoriesExecuteNodesClient",
    "WorkflowsVersionsClient",
]

_RUN_RESULT_FIELDS = ("data", "debug_url", "execute_id", "usage", "interrupt_data")


def _run_result(payload: Any, meta: HTTPResponse) -> dict[str, Any]:
    """A run's result sits beside ``code`` and ``msg`` in the envelope; ``data`` is the
    workflow's output as a JSON string (sent as JSON by some deployments)."""
    if not isinstance(payload, dict):
        raise invalid_response(meta, f"expected a JSON object, got {type(payload).__name__}")
    fields = {k: payload[k] for k in _RUN_RESULT_FIELDS if payload.get(k) is not None}
    data = fields.get("data")
    if data is not None and not isinstance(data, str):
        fields["data"] = orjson.dumps(data).decode()
    return fields


def _first_history(execute_id: str, payload: Any, meta: HTTPResponse) -> Any:
    """A run history arrives as a list of one."""
    if not isinstance(payload, list):
        kind = type(payload).__name__
        raise invalid_response(meta, f"expected a list of run histories, got {kind}")
    if not payload:
        raise invalid_response(
            meta, f"the service returned no run history for execute_id {execute_id}"
        )
    first = payload[0]
    if isinstance(first, dict) and first.get("error_code") in ("", None):
        first = {**first, "error_code": 0}  # the service sends "" when the run did not fail
    return first


# -- async clients ---------------------------------------------------------------------------------


class AsyncWorkflowsVersionsClient(AsyncResource):
    """``coze.workflows.versions``: the published versions of a workflow."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        *,
        workflow_id: str,
        publish_status: str | None = None,
        page_size: int = 10,
        page_token: str | None = None,
        include_input_output: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[WorkflowVersionInfo]:
        """The versions of a workflow, newest first, paged by token (``publish_status``: a
        ``PublishStatus`` such as ``published_online``, the default, or ``all``).

        ``GET /v1/workflows/{workflow_id}/versions``.
        """
        url = path("/v1/workflows/{workflow_id}/versions", workflow_id=workflow_id)
        params = omit_none(publish_status=publish_status, include_input_output=include_input_output)
        request = Request("GET", url, params=params, options=options)
        paging = TokenPaging(page_size, page_token or None)
        return self._transport.paged(request, WorkflowVersionsPage, paging)


class AsyncWorkflowsCollaboratorsClient(AsyncResource):
    """``coze.workflows.collaborators``: the people who may edit a workflow."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def delete(
        self, *, user_id: str, workflow_id: str, **options: Unpack[RequestOptions]
    ) -> RemoveWorkflowCollaboratorResp:
        """Remove one collaborator from a workflow.

        ``DELETE /v1/workflows/{workflow_id}/collaborators/{user_id}``.
        """
        url = path(
            "/v1/workflows/{workflow_id}/collaborators/{user_id}",
            workflow_id=workflow_id,
            user_id=user_id,
        )
        request = Request("DELETE", url, data_field=None, options=options)
        return await self._transport.call_empty(request, RemoveWorkflowCollaboratorResp)


class AsyncWorkflowsRunsRunHistoriesExecuteNodesClient(AsyncResource):
    """``coze.workflows.runs.run_histories.execute_nodes``: the output of one node of a run."""

    async def retrieve(
        self,
        *,
        workflow_id: str,
        execute_id: str,
        node_execute_uuid: str,
        **options: Unpack[RequestOptions],
    ) -> WorkflowNodeExecuteHistory:
        """The outcome of one node execution (its uuid comes from the run history's
        ``node_execute_status``).

        ``GET /v1/workflows/{workflow_id}/run_histories/{execute_id}/execute_nodes/``
        ``{node_execute_uuid}``.
        """
        url = path(
            "/v1/workflows/{workflow_id}/run_histories/{execute_id}"
            "/execute_nodes/{node_execute_uuid}",
            workflow_id=workflow_id,
            execute_id=execute_id,
            node_execute_uuid=node_execute_uuid,
        )
        return await self._transport.call(
            Request("GET", url, options=options), WorkflowNodeExecuteHistory
        )


class AsyncWorkflowsRunsRunHistoriesClient(AsyncResource):
    """``coze.workflows.runs.run_histories``: the status and outcome of a run."""

    execute_nodes: AsyncWorkflowsRunsRunHistoriesExecuteNodesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.execute_nodes = AsyncWorkflowsRunsRunHistoriesExecuteNodesClient(transport)

    async def retrieve(
        self, *, workflow_id: str, execute_id: str, **options: Unpack[RequestOptions]
    ) -> WorkflowRunHistory:
        """The status and outcome of a run (typically an asynchronous one: poll until its
        ``execute_status`` is no longer ``Running``). A response without the run raises
        :class:`~coze_async.CozeInvalidResponseError`.

        ``GET /v1/workflows/{workflow_id}/run_histories/{execute_id}``.
        """
        url = path(
            "/v1/workflows/{workflow_id}/run_histories/{execute_id}",
            workflow_id=workflow_id,
            execute_id=execute_id,
        )
        request = Request("GET", url, options=options)
        reshape = partial(_first_history, execute_id)
        return await self._transport.call(request, WorkflowRunHistory, reshape=reshape)


class AsyncWorkflowsRunsClient(AsyncResource):
    """``coze.workflows.runs``: run published workflows, streamed or not, and resume them."""

    run_histories: AsyncWorkflowsRunsRunHistoriesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.run_histories = AsyncWorkflowsRunsRunHistoriesClient(transport)

    async def create(
        self,
        *,
        workflow_id: str,
        parameters: Mapping[str, Any] | None = None,
        bot_id: str | None = None,
        app_id: str | None = None,
        is_async: bool = False,
        ext: Mapping[str, Any] | None = None,
        workflow_version: str | None = None,
        connector_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> WorkflowRunResult:
        """Run a published workflow and wait for its output (``data``); with ``is_async=True``
        return at once with an ``execute_id`` for ``run_histories.retrieve``.

        ``POST /v1/workflow/run``.
        """
        require_id("workflow_id", workflow_id)
        body = omit_none(
            workflow_id=workflow_id,
            parameters=parameters,
            bot_id=bot_id,
            app_id=app_id,
            is_async=is_async,
            ext=ext,
            workflow_version=workflow_version,
            connector_id=connector_id,
        )
        request = Request("POST", "/v1/workflow/run", json=body, data_field=None, options=options)
        return await self._transport.call(request, WorkflowRunResult, reshape=_run_result)

    def stream(
        self,
        *,
        workflow_id: str,
        parameters: Mapping[str, Any] | None = None,
        bot_id: str | None = None,
        app_id: str | None = None,
        ext: Mapping[str, Any] | None = None,
        workflow_version: str | None = None,
        connector_id: str | None = None,
        strict: bool = False,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[WorkflowEvent]:
        """Run a published workflow and stream its events. Returns the stream at once; the
        request is sent on first use. The stream ends after ``Done`` (kept in
        ``stream.terminal_event``), an ``Interrupt`` or an ``Error`` (both yielded).
        ``strict=True`` raises on unknown event names instead of yielding them as ``UNKNOWN``.

        ``POST /v1/workflow/stream_run``.
        """
        require_id("workflow_id", workflow_id)
        body = omit_none(
            workflow_id=workflow_id,
            parameters=parameters,
            bot_id=bot_id,
            app_id=app_id,
            ext=ext,
            workflow_version=workflow_version,
            connector_id=connector_id,
        )
        return self._stream("/v1/workflow/stream_run", body, strict, options)

    def resume(
        self,
        *,
        workflow_id: str,
        event_id: str,
        resume_data: str,
        interrupt_type: int,
        strict: bool = False,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[WorkflowEvent]:
        """Answer an ``Interrupt`` (its ``interrupt_data.event_id`` and ``type``) and stream the
        rest of the run, as :meth:`stream` does.

        ``POST /v1/workflow/stream_resume``.
        """
        require_id("workflow_id", workflow_id)
        require_id("event_id", event_id)
        if not isinstance(resume_data, str):
            raise CozeInvalidArgumentTypeError(
                f"resume_data must be a str, not {type(resume_data).__name__}"
            )
        body = {
            "workflow_id": workflow_id,
            "event_id": event_id,
            "resume_data": resume_data,
            "interrupt_type": interrupt_type,
        }
        return self._stream("/v1/workflow/stream_resume", body, strict, options)

    def _stream(
        self, url: str, body: dict[str, Any], strict: bool, options: Mapping[str, Any]
    ) -> AsyncStream[WorkflowEvent]:
        return self._transport.stream(
            Request("POST", url, json=body, options=options),
            workflow_event_decoder(strict),
            ends_after=ends_workflow_stream,
        )


class AsyncWorkflowsChatClient(AsyncResource):
    """``coze.workflows.chat``: talk to a chatflow."""

    def stream(
        self,
        *,
        workflow_id: str,
        additional_messages: Sequence[Message] | None = None,
        parameters: Mapping[str, Any] | None = None,
        app_id: str | None = None,
        bot_id: str | None = None,
        conversation_id: str | None = None,
        ext: Mapping[str, str] | None = None,
        connector_id: str | None = None,
        strict: bool = False,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream[ChatEvent]:
        """Run a chatflow on the user's message(s) and stream chat events, as ``chat.stream``
        does (the ``done`` event is kept in ``stream.terminal_event``). Pass ``app_id`` or
        ``bot_id``. Returns the stream at once; the request is sent on first use.
        ``parameters`` are sent as ``{}`` when not given: the API requires them (cozepy leaves
        them out).

        ``POST /v1/workflows/chat``.
        """
        require_id("workflow_id", workflow_id)
        body = omit_none(
            workflow_id=workflow_id,
            additional_messages=list(additional_messages or ()),
            parameters=dict(parameters or {}),
            app_id=app_id,
            bot_id=bot_id,
            conversation_id=conversation_id,
            ext=ext,
            connector_id=connector_id,
        )
        request = Request("POST", "/v1/workflows/chat", json=body, options=options)
        return self._transport.stream(request, chat_event_decoder(strict))


class AsyncWorkflowsClient(AsyncResource):
    """``coze.workflows``: workflows, their versions and collaborators, runs and chatflows."""

    runs: AsyncWorkflowsRunsClient
    chat: AsyncWorkflowsChatClient
    versions: AsyncWorkflowsVersionsClient
    collaborators: AsyncWorkflowsCollaboratorsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.runs = AsyncWorkflowsRunsClient(transport)
        self.chat = AsyncWorkflowsChatClient(transport)
        self.versions = AsyncWorkflowsVersionsClient(transport)
        self.collaborators = AsyncWorkflowsCollaboratorsClient(transport)

    async def retrieve(
        self,
        *,
        workflow_id: str,
        include_input_output: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> WorkflowInfo:
        """A workflow's details (with its input and output schema when
        ``include_input_output=True``).

        ``GET /v1/workflows/{workflow_id}``.
        """
        url = path("/v1/workflows/{workflow_id}", workflow_id=workflow_id)
        params = omit_none(include_input_output=include_input_output)
        return await self._transport.call(
            Request("GET", url, params=params, options=options), WorkflowInfo
        )

    def list(
        self,
        *,
        workspace_id: str | None = None,
        workflow_mode: WorkflowMode | None = None,
        app_id: str | None = None,
        publish_status: str | None = None,
        page_num: int = 1,
        page_size: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[WorkflowBasic]:
        """The workflows of a workspace (or of an app), paged by page number; filter by
        ``workflow_mode`` and ``publish_status`` (a ``PublishStatus`` value).

        ``GET /v1/workflows``.
        """
        params = omit_none(
            workspace_id=workspace_id,
            workflow_mode=workflow_mode,
            app_id=app_id,
            publish_status=publish_status,
        )
        request = Request("GET", "/v1/workflows", params=params, options=options)
        return self._transport.paged(request, WorkflowsPage, NumberPaging(page_num, page_size))


# -- the sync twins ------------------------------------------------------------------------------


class WorkflowsVersionsClient(SyncResource[AsyncWorkflowsVersionsClient]):
    """Sync ``coze.workflows.versions``."""

    list: Final = forward(AsyncWorkflowsVersionsClient.list)


class WorkflowsCollaboratorsClient(SyncResource[AsyncWorkflowsCollaboratorsClient]):
    """Sync ``coze.workflows.collaborators``."""

    delete: Final = forward(AsyncWorkflowsCollaboratorsClient.delete)


class WorkflowsRunsRunHistoriesExecuteNodesClient(
    SyncResource[AsyncWorkflowsRunsRunHistoriesExecuteNodesClient]
):
    """Sync ``coze.workflows.runs.run_histories.execute_nodes``."""

    retrieve: Final = forward(AsyncWorkflowsRunsRunHistoriesExecuteNodesClient.retrieve)


class WorkflowsRunsRunHistoriesClient(SyncResource[AsyncWorkflowsRunsRunHistoriesClient]):
    """Sync ``coze.workflows.runs.run_histories``."""

    retrieve: Final = forward(AsyncWorkflowsRunsRunHistoriesClient.retrieve)
    execute_nodes: Final = SubResource(WorkflowsRunsRunHistoriesExecuteNodesClient)


class WorkflowsRunsClient(SyncResource[AsyncWorkflowsRunsClient]):
    """Sync ``coze.workflows.runs``."""

    create: Final = forward(AsyncWorkflowsRunsClient.create)
    stream: Final = forward(AsyncWorkflowsRunsClient.stream)
    resume: Final = forward(AsyncWorkflowsRunsClient.resume)
    run_histories: Final = SubResource(WorkflowsRunsRunHistoriesClient)


class WorkflowsChatClient(SyncResource[AsyncWorkflowsChatClient]):
    """Sync ``coze.workflows.chat``."""

    stream: Final = forward(AsyncWorkflowsChatClient.stream)


class WorkflowsClient(SyncResource[AsyncWorkflowsClient]):
    """Sync ``coze.workflows``."""

    retrieve: Final = forward(AsyncWorkflowsClient.retrieve)
    list: Final = forward(AsyncWorkflowsClient.list)
    runs: Final = SubResource(WorkflowsRunsClient)
    chat: Final = SubResource(WorkflowsChatClient)
    versions: Final = SubResource(WorkflowsVersionsClient)
    collaborators: Final = SubResource(WorkflowsCollaboratorsClient)
