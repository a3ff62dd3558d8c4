"""The workflows resource (``coze.workflows``): workflows, their versions and collaborators, runs
(plain, streamed, resumed), run histories and chatflows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

import orjson

from .._converter import structure, unstructure
from .._errors import CozeInvalidEventError, CozeInvalidResponseError
from .._pagination import AsyncPaged, forward_paged
from .._paths import path, require_id
from .._portal import SyncResource, forward, forward_stream
from .._response import HTTPResponse
from .._sse import ServerSentEvent
from .._stream import AsyncStream
from .._transport import RequestOptions, Transport, Unpack
from ..models._base import attach_response
from ..models.chat import ChatEvent, Message
from ..models.workflows import (
    RemoveWorkflowCollaboratorResp,
    WorkflowBasic,
    WorkflowEvent,
    WorkflowEventError,
    WorkflowEventInterrupt,
    WorkflowEventMessage,
    WorkflowEventType,
    WorkflowInfo,
    WorkflowMode,
    WorkflowNodeExecuteHistory,
    WorkflowRunHistory,
    WorkflowRunResult,
    WorkflowVersionInfo,
)
from .chat import chat_event_decoder

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
    "decode_workflow_event",
]

T = TypeVar("T")

_RUN_RESULT_FIELDS = ("data", "debug_url", "execute_id", "usage", "interrupt_data")


# -- helpers -------------------------------------------------------------------------------------


def _compact(values: Mapping[str, Any]) -> dict[str, Any]:
    """The entries that are not ``None``, mappings copied to plain dicts (for the JSON encoder)."""
    return {k: dict(v) if isinstance(v, Mapping) else v for k, v in values.items() if v is not None}


def _invalid(meta: HTTPResponse, message: str) -> CozeInvalidResponseError:
    return CozeInvalidResponseError(None, message, meta.logid or None, status=meta.status_code)


def _build(payload: Any, cls: type[T], meta: HTTPResponse) -> T:
    """Structure received data as ``cls`` (a shape mismatch is an invalid response), with
    ``.response`` set."""
    try:
        result = structure(payload, cls)
    except Exception as exc:  # cattrs raises several types; all mean the same here
        raise _invalid(meta, f"response data does not match {cls.__name__}: {exc}") from exc
    attach_response(result, meta)
    return result


def _page_data(payload: Any, item: type[T], meta: HTTPResponse) -> tuple[list[T], dict[str, Any]]:
    """The items of a ``{"items": [...], "has_more": ...}`` page, and the page itself."""
    if not isinstance(payload, dict):
        raise _invalid(meta, f"expected a page object, got {type(payload).__name__}")
    items = payload.get("items") or []
    return _build(items, list[item], meta), payload  # type: ignore[valid-type]


# -- stream events ---------------------------------------------------------------------------------

_EVENT_PAYLOADS: dict[str, tuple[WorkflowEventType, str, type[Any]]] = {
    WorkflowEventType.MESSAGE.value: (WorkflowEventType.MESSAGE, "message", WorkflowEventMessage),
    WorkflowEventType.INTERRUPT.value: (
        WorkflowEventType.INTERRUPT,
        "interrupt",
        WorkflowEventInterrupt,
    ),
    WorkflowEventType.ERROR.value: (WorkflowEventType.ERROR, "error", WorkflowEventError),
}


def decode_workflow_event(
    sse: ServerSentEvent, response: HTTPResponse, *, strict: bool
) -> WorkflowEvent | None:
    """Turn one server-sent event of a workflow stream into a :class:`WorkflowEvent`; ``None``
    for ``Done``. ``Error`` is an event like the others (the stream ends after it)."""
    name = sse.event
    if name == WorkflowEventType.DONE.value:
        return None
    if sse.id is None or not sse.id.strip().isdigit():
        raise CozeInvalidEventError("id", sse.id or "", response.logid)
    event_id = int(sse.id)
    known = _EVENT_PAYLOADS.get(name)
    if known is not None:
        kind, attribute, cls = known
        try:
            payload = structure(orjson.loads(sse.data), cls)
        except Exception as exc:  # bad JSON or a payload of the wrong shape
            raise CozeInvalidEventError("data", sse.data, response.logid) from exc
        event = WorkflowEvent(id=event_id, event=kind, **{attribute: payload})
    elif strict:
        raise CozeInvalidEventError("event", name, response.logid)
    else:
        unknown = {"id": sse.id, "event": name, "data": sse.data}
        event = WorkflowEvent(id=event_id, event=WorkflowEventType.UNKNOWN, unknown=unknown)
    attach_response(event, response)
    return event


def _ends_workflow_stream(event: WorkflowEvent) -> bool:
    # The service closes a workflow stream right after an Interrupt or an Error, without Done.
    return event.event in (WorkflowEventType.INTERRUPT, WorkflowEventType.ERROR)


# -- async clients ---------------------------------------------------------------------------------


class AsyncWorkflowsVersionsClient:
    """``coze.workflows.versions``: the published versions of a workflow."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def list(
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
        params = {"publish_status": publish_status, "include_input_output": include_input_output}
        return await self._page(page_token or None, url, page_size, params, options)

    async def _page(
        self,
        page_token: str | None,
        url: str,
        page_size: int,
        params: Mapping[str, Any],
        options: Mapping[str, Any],
    ) -> AsyncPaged[WorkflowVersionInfo]:
        query = {**params, "page_size": page_size, "page_token": page_token}
        payload, meta = await self._transport.request_raw("GET", url, params=query, options=options)
        items, page = _page_data(payload, WorkflowVersionInfo, meta)
        token = page.get("next_page_token")
        token = token if isinstance(token, str) and token else None
        has_more = page.get("has_more")
        if not isinstance(has_more, bool):
            has_more = token is not None or (bool(items) and len(items) >= page_size)
        # Without a token to go on, asking again would return this page forever.
        has_more = has_more and token is not None
        return AsyncPaged(
            items,
            has_more=has_more,
            response=meta,
            next_page_token=token,
            fetch_next=partial(self._page, token, url, page_size, params, options),
        )


class AsyncWorkflowsCollaboratorsClient:
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
        _, meta = await self._transport.request_raw("DELETE", url, data_field=None, options=options)
        result = RemoveWorkflowCollaboratorResp()
        attach_response(result, meta)
        return result


class AsyncWorkflowsRunsRunHistoriesExecuteNodesClient:
    """``coze.workflows.runs.run_histories.execute_nodes``: the output of one node of a run."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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
        return await self._transport.request(
            "GET", url, WorkflowNodeExecuteHistory, options=options
        )


class AsyncWorkflowsRunsRunHistoriesClient:
    """``coze.workflows.runs.run_histories``: the status and outcome of a run."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
        payload, meta = await self._transport.request_raw("GET", url, options=options)
        if not isinstance(payload, list):
            raise _invalid(meta, f"expected a list of run histories, got {type(payload).__name__}")
        if not payload:
            raise _invalid(meta, f"the service returned no run history for execute_id {execute_id}")
        first = payload[0]
        if isinstance(first, dict) and first.get("error_code") in ("", None):
            first = {**first, "error_code": 0}  # the service sends "" when the run did not fail
        return _build(first, WorkflowRunHistory, meta)


class AsyncWorkflowsRunsClient:
    """``coze.workflows.runs``: run published workflows, streamed or not, and resume them."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
        body = _compact(
            {
                "workflow_id": workflow_id,
                "parameters": parameters,
                "bot_id": bot_id,
                "app_id": app_id,
                "is_async": is_async,
                "ext": ext,
                "workflow_version": workflow_version,
                "connector_id": connector_id,
            }
        )
        payload, meta = await self._transport.request_raw(
            "POST", "/v1/workflow/run", json=body, data_field=None, options=options
        )
        if not isinstance(payload, dict):
            raise _invalid(meta, f"expected a JSON object, got {type(payload).__name__}")
        fields = {k: payload[k] for k in _RUN_RESULT_FIELDS if payload.get(k) is not None}
        data = fields.get("data")
        if data is not None and not isinstance(data, str):
            fields["data"] = orjson.dumps(data).decode()
        return _build(fields, WorkflowRunResult, meta)

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
        body = _compact(
            {
                "workflow_id": workflow_id,
                "parameters": parameters,
                "bot_id": bot_id,
                "app_id": app_id,
                "ext": ext,
                "workflow_version": workflow_version,
                "connector_id": connector_id,
            }
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
            raise TypeError(f"resume_data must be a str, not {type(resume_data).__name__}")
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
        opener = partial(self._transport.open_stream, "POST", url, json=body, options=options)
        return AsyncStream(
            opener,
            partial(decode_workflow_event, strict=strict),
            ends_after=_ends_workflow_stream,
            max_line_bytes=self._transport.max_line_bytes,
        )


class AsyncWorkflowsChatClient:
    """``coze.workflows.chat``: talk to a chatflow."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

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

        ``POST /v1/workflows/chat``.
        """
        require_id("workflow_id", workflow_id)
        body = _compact(
            {
                "workflow_id": workflow_id,
                "additional_messages": unstructure(list(additional_messages or ())),
                "parameters": parameters,
                "app_id": app_id,
                "bot_id": bot_id,
                "conversation_id": conversation_id,
                "ext": ext,
                "connector_id": connector_id,
            }
        )
        opener = partial(
            self._transport.open_stream, "POST", "/v1/workflows/chat", json=body, options=options
        )
        return AsyncStream(
            opener,
            chat_event_decoder(strict),
            max_line_bytes=self._transport.max_line_bytes,
        )


class AsyncWorkflowsClient:
    """``coze.workflows``: workflows, their versions and collaborators, runs and chatflows."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
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
        params = {"include_input_output": include_input_output}
        return await self._transport.request(
            "GET", url, WorkflowInfo, params=params, options=options
        )

    async def list(
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
        params = {
            "workspace_id": workspace_id,
            "workflow_mode": workflow_mode,
            "app_id": app_id,
            "publish_status": publish_status,
        }
        return await self._page(page_num, page_size, params, options)

    async def _page(
        self,
        page_num: int,
        page_size: int,
        params: Mapping[str, Any],
        options: Mapping[str, Any],
    ) -> AsyncPaged[WorkflowBasic]:
        query = {**params, "page_num": page_num, "page_size": page_size}
        payload, meta = await self._transport.request_raw(
            "GET", "/v1/workflows", params=query, options=options
        )
        items, page = _page_data(payload, WorkflowBasic, meta)
        has_more = page.get("has_more")
        if not isinstance(has_more, bool):
            has_more = len(items) >= page_size
        # An empty page ends the walk whatever has_more says (no endless empty pages).
        return AsyncPaged(
            items,
            has_more=has_more and bool(items),
            response=meta,
            fetch_next=partial(self._page, page_num + 1, page_size, params, options),
        )


# -- the sync twins ------------------------------------------------------------------------------


class WorkflowsVersionsClient(SyncResource[AsyncWorkflowsVersionsClient]):
    """Sync ``coze.workflows.versions``."""

    list = forward_paged(AsyncWorkflowsVersionsClient.list)


class WorkflowsCollaboratorsClient(SyncResource[AsyncWorkflowsCollaboratorsClient]):
    """Sync ``coze.workflows.collaborators``."""

    delete = forward(AsyncWorkflowsCollaboratorsClient.delete)


class WorkflowsRunsRunHistoriesExecuteNodesClient(
    SyncResource[AsyncWorkflowsRunsRunHistoriesExecuteNodesClient]
):
    """Sync ``coze.workflows.runs.run_histories.execute_nodes``."""

    retrieve = forward(AsyncWorkflowsRunsRunHistoriesExecuteNodesClient.retrieve)


class WorkflowsRunsRunHistoriesClient(SyncResource[AsyncWorkflowsRunsRunHistoriesClient]):
    """Sync ``coze.workflows.runs.run_histories``."""

    retrieve = forward(AsyncWorkflowsRunsRunHistoriesClient.retrieve)

    @property
    def execute_nodes(self) -> WorkflowsRunsRunHistoriesExecuteNodesClient:
        """Sync ``coze.workflows.runs.run_histories.execute_nodes``."""
        return WorkflowsRunsRunHistoriesExecuteNodesClient(self._portal, self._async.execute_nodes)


class WorkflowsRunsClient(SyncResource[AsyncWorkflowsRunsClient]):
    """Sync ``coze.workflows.runs``."""

    create = forward(AsyncWorkflowsRunsClient.create)
    stream = forward_stream(AsyncWorkflowsRunsClient.stream)
    resume = forward_stream(AsyncWorkflowsRunsClient.resume)

    @property
    def run_histories(self) -> WorkflowsRunsRunHistoriesClient:
        """Sync ``coze.workflows.runs.run_histories``."""
        return WorkflowsRunsRunHistoriesClient(self._portal, self._async.run_histories)


class WorkflowsChatClient(SyncResource[AsyncWorkflowsChatClient]):
    """Sync ``coze.workflows.chat``."""

    stream = forward_stream(AsyncWorkflowsChatClient.stream)


class WorkflowsClient(SyncResource[AsyncWorkflowsClient]):
    """Sync ``coze.workflows``."""

    retrieve = forward(AsyncWorkflowsClient.retrieve)
    list = forward_paged(AsyncWorkflowsClient.list)

    @property
    def runs(self) -> WorkflowsRunsClient:
        """Sync ``coze.workflows.runs``."""
        return WorkflowsRunsClient(self._portal, self._async.runs)

    @property
    def chat(self) -> WorkflowsChatClient:
        """Sync ``coze.workflows.chat``."""
        return WorkflowsChatClient(self._portal, self._async.chat)

    @property
    def versions(self) -> WorkflowsVersionsClient:
        """Sync ``coze.workflows.versions``."""
        return WorkflowsVersionsClient(self._portal, self._async.versions)

    @property
    def collaborators(self) -> WorkflowsCollaboratorsClient:
        """Sync ``coze.workflows.collaborators``."""
        return WorkflowsCollaboratorsClient(self._portal, self._async.collaborators)
