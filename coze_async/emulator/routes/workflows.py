"""Workflows API: run (sync and async), stream_run, stream_resume, run histories and their
nodes, chatflows (``/v1/workflows/chat``), and the workflows themselves: list, details,
published versions and collaborators.

Three deterministic workflows exist from the start (in ``WorkflowsState.records``):

- :data:`ECHO_WORKFLOW_ID` outputs ``{"output": parameters["input"]}`` (or, without an ``input``
  parameter, the whole parameters as a JSON string); its stream is that text in Message-node
  chunks, the End node's output JSON, then ``Done``. As a chatflow it echoes the last user message.
- :data:`INTERRUPT_WORKFLOW_ID` asks "Which city?" from a question node and interrupts (type 2)
  unless a ``city`` parameter answers it; ``/v1/workflow/stream_resume`` with the event id and a
  city answers ``The weather in <city> is sunny.`` (an empty answer asks again, with a new event
  id). As a chatflow it asks the question, then answers the next user message.
- :data:`ERROR_WORKFLOW_ID` fails: its stream is a single ``Error`` event (code 4000), a sync
  run answers code 4000, and as a chatflow the chat fails.

Any other workflow put in ``WorkflowsState.records`` behaves like the echo workflow. Run
bookkeeping is kept in ``WorkflowsState.runs`` (execute id -> run record).

An async run (``is_async``) reports ``Running`` to its first run-history query and its outcome
from the second on.

``GET /v1/workflows`` lists the stored workflows of a workspace (the built-ins, and workflows
without a ``workspace_id``, belong to every workspace), by page number. The echo workflow has
three published versions, the other built-ins one (``WorkflowsState.versions``, newest listed
first, paged by token). Collaborators (``WorkflowsState.collaborators``) are added one per request
with ``POST /v1/workflows/{workflow_id}/collaborators`` and removed with ``DELETE``.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Mapping
from typing import Any

import attrs
import orjson
from aiohttp import web

from .._bots import ChatContext, Reply, Responder, echo_responder, split_words
from .._state import STORE, Store
from .._wire import (
    ApiError,
    SSEWriter,
    add_collaborator,
    current_logid,
    envelope,
    int_param,
    json_body,
    new_id,
    now,
    one_collaborator,
    remove_collaborator,
    require,
)
from .chat import ChatRecord, check_message, drive_chat, question_text, request_message
from .workspaces import EMULATOR_USER_ID

__all__ = [
    "ECHO_WORKFLOW_ID",
    "ERROR_WORKFLOW_ID",
    "INTERRUPT_WORKFLOW_ID",
    "WorkflowsState",
    "add_routes",
]

#: Outputs its ``input`` parameter; streams it in chunks; as a chatflow, echoes the user.
ECHO_WORKFLOW_ID = "7100000000000000001"
#: Interrupts with a question ("Which city?"), answers once resumed.
INTERRUPT_WORKFLOW_ID = "7100000000000000002"
#: Always fails (an ``Error`` event with code 4000 when streamed).
ERROR_WORKFLOW_ID = "7100000000000000003"

SPACE_ID = "7000000000000000100"
CONNECTOR_ID = "1024"
#: The question the interrupt workflow asks, and the interrupt type of a question node.
QUESTION = "Which city?"
QUESTION_INTERRUPT_TYPE = 2
ERROR_CODE = 4000
ERROR_MESSAGE = "Request parameter error: the emulator's error workflow always fails"

_MESSAGE_NODE = "Message"
_QUESTION_NODE = "Question"
_END_NODE = "End"
_NODE_IDS = {_MESSAGE_NODE: "135279", _QUESTION_NODE: "168462", _END_NODE: "900001"}

_RUN_MODE_SYNC = 0
_RUN_MODE_STREAM = 1
_RUN_MODE_ASYNC = 2

_BUILTIN: dict[str, tuple[str, str]] = {
    ECHO_WORKFLOW_ID: ("echo", "Outputs its input parameter."),
    INTERRUPT_WORKFLOW_ID: ("ask_city", "Asks which city, then reports its weather."),
    ERROR_WORKFLOW_ID: ("always_fails", "Fails with error 4000."),
}


def add_routes(app: web.Application) -> None:
    """Register the workflows endpoints on ``app``."""
    app.router.add_post("/v1/workflow/run", run_workflow)
    app.router.add_post("/v1/workflow/stream_run", stream_run_workflow)
    app.router.add_post("/v1/workflow/stream_resume", stream_resume_workflow)
    app.router.add_post("/v1/workflows/chat", chat_workflow)
    app.router.add_get(
        "/v1/workflows/{workflow_id}/run_histories/{execute_id}", retrieve_run_history
    )
    app.router.add_get(
        "/v1/workflows/{workflow_id}/run_histories/{execute_id}/execute_nodes/{node_execute_uuid}",
        retrieve_node_execution,
    )
    app.router.add_get("/v1/workflows", list_workflows)
    app.router.add_get("/v1/workflows/{workflow_id}", retrieve_workflow)
    app.router.add_get("/v1/workflows/{workflow_id}/versions", list_workflow_versions)
    app.router.add_post("/v1/workflows/{workflow_id}/collaborators", add_workflow_collaborator)
    app.router.add_delete(
        "/v1/workflows/{workflow_id}/collaborators/{user_id}", remove_workflow_collaborator
    )


# -- workflows and runs in the store ------------------------------------------------------------


@attrs.define
class _Outcome:
    """What one leg of a run (its start, or a resumption) produced."""

    #: ``Success``, ``Running`` (interrupted, waiting to be resumed) or ``Fail``.
    status: str
    #: The Message node's output, in chunks.
    chunks: list[str] = attrs.field(factory=list)
    #: The End node's output: a JSON string (on success).
    output: str = ""
    #: The question asked (when interrupted).
    question: str = ""
    error_code: int = 0
    error_message: str = ""


@attrs.define
class _Run:
    """One execution of a workflow: its run-history dict (API fields) and what it waits for."""

    workflow_id: str
    history: dict[str, Any]
    #: ``{"data", "event_id", "type"}`` while interrupted and waiting to be resumed.
    interrupt: dict[str, Any] | None = None
    #: node_execute_uuid -> ``{"is_finish", "node_output"}``.
    nodes: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Run-history queries still to be answered with ``Running`` (async runs).
    pending_polls: int = 0


def _builtin_workflows() -> dict[str, dict[str, Any]]:
    created = now()
    return {
        workflow_id: {
            "workflow_id": workflow_id,
            "workflow_name": name,
            "description": description,
            "icon_url": "",
            "app_id": "",
            "created_at": created,
            "updated_at": created,
        }
        for workflow_id, (name, description) in _BUILTIN.items()
    }


@attrs.define
class WorkflowsState:
    """The workflows (starting with the three built-ins), their runs, versions and
    collaborators."""

    #: Workflow records by workflow id.
    records: dict[str, dict[str, Any]] = attrs.field(factory=_builtin_workflows)
    #: Runs by execute id.
    runs: dict[str, _Run] = attrs.field(factory=dict)
    #: Published versions by workflow id (oldest first; seeded on first use).
    versions: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: Collaborators (user ids) by workflow id.
    collaborators: dict[str, list[str]] = attrs.field(factory=dict)


def _check_workflow(store: Store, workflow_id: str) -> None:
    """A 4200 error unless the workflow exists (and is published, as all emulated ones are)."""
    if workflow_id not in store.workflows.records:
        raise ApiError(4200, f"workflow {workflow_id} does not exist or has not been published")


def _parameters(body: Mapping[str, Any]) -> dict[str, Any]:
    """The ``parameters`` object (a JSON object, or a string holding one, as the spec allows)."""
    raw = body.get("parameters")
    if raw is None or raw == "":
        return {}
    if isinstance(raw, str):
        try:
            raw = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise ApiError(4000, "Request parameter error: parameters is not valid JSON") from None
    if not isinstance(raw, dict):
        raise ApiError(4000, "Request parameter error: parameters must be a JSON object")
    return raw


def _tokens(text: str) -> int:
    return len(text) // 2 + 1


def _usage(parameters: Mapping[str, Any], outcome: _Outcome) -> dict[str, int]:
    input_count = _tokens(orjson.dumps(dict(parameters)).decode())
    output_count = _tokens(outcome.output or outcome.question) if outcome.status != "Fail" else 0
    return {
        "token_count": input_count + output_count,
        "output_count": output_count,
        "input_count": input_count,
    }


def _debug_url(workflow_id: str, execute_id: str) -> str:
    return (
        f"https://www.coze.cn/work_flow?execute_id={execute_id}"
        f"&space_id={SPACE_ID}&workflow_id={workflow_id}"
    )


def _answer_text(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _weather(city: str) -> str:
    return f"The weather in {city} is sunny."


def _start(workflow_id: str, parameters: Mapping[str, Any]) -> _Outcome:
    """Run a workflow from its start node."""
    if workflow_id == ERROR_WORKFLOW_ID:
        return _Outcome("Fail", error_code=ERROR_CODE, error_message=ERROR_MESSAGE)
    if workflow_id == INTERRUPT_WORKFLOW_ID:
        city = parameters.get("city")
        if isinstance(city, str) and city.strip():
            return _finished(_weather(city.strip()))
        return _Outcome("Running", question=QUESTION)
    value: Any = (
        parameters["input"] if "input" in parameters else orjson.dumps(dict(parameters)).decode()
    )
    return _finished(value)


def _finished(value: Any) -> _Outcome:
    text = _answer_text(value)
    output = orjson.dumps({"output": value}).decode()
    return _Outcome("Success", chunks=split_words(text) if text else [], output=output)


def _resume(resume_data: str) -> _Outcome:
    """Resume the interrupt workflow with the answer to its question."""
    city = resume_data.strip()
    if not city:
        return _Outcome("Running", question=QUESTION)
    return _finished(_weather(city))


def _new_run(store: Store, workflow_id: str, body: Mapping[str, Any], run_mode: int) -> _Run:
    execute_id = new_id()
    created = now()
    ext = body.get("ext")
    user_id = ext.get("user_id") if isinstance(ext, dict) else None
    bot_id = body.get("bot_id")
    history: dict[str, Any] = {
        "execute_id": execute_id,
        "execute_status": "Running",
        "bot_id": bot_id if isinstance(bot_id, str) and bot_id else "0",
        "connector_id": CONNECTOR_ID,
        "connector_uid": user_id if isinstance(user_id, str) and user_id else "emulator-user",
        "run_mode": run_mode,
        "logid": current_logid.get(),
        "create_time": created,
        "update_time": created,
        "output": "",
        "error_code": "",
        "error_message": "",
        "debug_url": _debug_url(workflow_id, execute_id),
        "is_output_trimmed": False,
        "node_execute_status": {},
        "usage": {"token_count": 0, "output_count": 0, "input_count": 0},
    }
    run = _Run(workflow_id=workflow_id, history=history)
    store.workflows.runs[execute_id] = run
    return run


def _record(run: _Run, outcome: _Outcome, usage: dict[str, int]) -> None:
    """Bring a run's history up to date with a leg's outcome."""
    history = run.history
    updated = now()
    history.update(
        execute_status=outcome.status,
        update_time=updated,
        output=outcome.output,
        error_code=str(outcome.error_code) if outcome.error_code else "",
        error_message=outcome.error_message,
        usage=usage,
    )
    statuses: dict[str, Any] = history["node_execute_status"]

    def node(title: str, is_finish: bool, node_output: str) -> None:
        node_uuid = new_id()
        run.nodes[node_uuid] = {"is_finish": is_finish, "node_output": node_output}
        statuses[title] = {
            "node_id": _NODE_IDS[title],
            "is_finish": is_finish,
            "update_time": updated,
            "node_execute_uuid": node_uuid,
        }

    run.interrupt = None
    history.pop("interrupt_data", None)
    if outcome.status == "Running":
        node(_QUESTION_NODE, False, orjson.dumps({"question": outcome.question}).decode())
        run.interrupt = {
            "data": "",
            "event_id": f"{history['execute_id']}/{new_id()}",
            "type": QUESTION_INTERRUPT_TYPE,
        }
        history["interrupt_data"] = dict(run.interrupt)
    elif outcome.status == "Success":
        if outcome.chunks:
            node(_MESSAGE_NODE, True, "".join(outcome.chunks))
        node(_END_NODE, True, outcome.output)


def _history_view(run: _Run) -> dict[str, Any]:
    """The run history as a query sees it (an async run is still Running on its first query)."""
    if run.pending_polls > 0:
        run.pending_polls -= 1
        view = copy.deepcopy(run.history)
        view.update(
            execute_status="Running",
            output="",
            error_code="",
            error_message="",
            node_execute_status={},
            usage={"token_count": 0, "output_count": 0, "input_count": 0},
        )
        view.pop("interrupt_data", None)
        return view
    return run.history


def _run_of(store: Store, workflow_id: str, execute_id: str) -> _Run:
    run = store.workflows.runs.get(execute_id)
    if run is None or run.workflow_id != workflow_id:
        raise ApiError(4200, f"execute_id {execute_id} of workflow {workflow_id} does not exist")
    return run


# -- run, stream_run, stream_resume ------------------------------------------------------------


async def run_workflow(request: web.Request) -> web.Response:
    """``POST /v1/workflow/run``: run at once (or in the background with ``is_async``)."""
    store = request.app[STORE]
    body = await json_body(request)
    workflow_id = require(body, "workflow_id")
    _check_workflow(store, workflow_id)
    parameters = _parameters(body)
    is_async = body.get("is_async") is True
    run = _new_run(store, workflow_id, body, _RUN_MODE_ASYNC if is_async else _RUN_MODE_SYNC)
    outcome = _start(workflow_id, parameters)
    usage = _usage(parameters, outcome)
    _record(run, outcome, usage)
    execute_id = run.history["execute_id"]
    debug_url = run.history["debug_url"]
    if is_async:
        run.pending_polls = 1
        return envelope(request, "", execute_id=execute_id, debug_url=debug_url)
    if outcome.status == "Fail":
        body_out = {
            "code": outcome.error_code,
            "msg": outcome.error_message,
            "debug_url": debug_url,
            "execute_id": execute_id,
            "detail": {"logid": current_logid.get()},
        }
        return web.Response(body=orjson.dumps(body_out), content_type="application/json")
    extra: dict[str, Any] = {"debug_url": debug_url, "execute_id": execute_id, "usage": usage}
    if run.interrupt is not None:
        extra["interrupt_data"] = dict(run.interrupt)
    return envelope(request, outcome.output, **extra)


async def stream_run_workflow(request: web.Request) -> web.StreamResponse:
    """``POST /v1/workflow/stream_run``: the run as workflow events."""
    store = request.app[STORE]
    body = await json_body(request)
    workflow_id = require(body, "workflow_id")
    _check_workflow(store, workflow_id)
    parameters = _parameters(body)
    run = _new_run(store, workflow_id, body, _RUN_MODE_STREAM)
    outcome = _start(workflow_id, parameters)
    usage = _usage(parameters, outcome)
    _record(run, outcome, usage)
    return await _stream(request, run, outcome, usage)


async def stream_resume_workflow(request: web.Request) -> web.StreamResponse:
    """``POST /v1/workflow/stream_resume``: answer an interrupt and stream what follows."""
    store = request.app[STORE]
    body = await json_body(request)
    workflow_id = require(body, "workflow_id")
    event_id = require(body, "event_id")
    resume_data = body.get("resume_data")
    if not isinstance(resume_data, str):
        raise ApiError(4000, "Request parameter error: resume_data is required")
    interrupt_type = body.get("interrupt_type")
    if not isinstance(interrupt_type, int) or isinstance(interrupt_type, bool):
        raise ApiError(4000, "Request parameter error: interrupt_type is required")
    _check_workflow(store, workflow_id)
    run = store.workflows.runs.get(event_id.partition("/")[0])
    if (
        run is None
        or run.workflow_id != workflow_id
        or run.interrupt is None
        or run.interrupt["event_id"] != event_id
    ):
        raise ApiError(
            4000, f"Request parameter error: event_id {event_id} is not an interrupt to resume"
        )
    if interrupt_type != run.interrupt["type"]:
        raise ApiError(
            4000,
            f"Request parameter error: interrupt_type must be {run.interrupt['type']}",
        )
    run.pending_polls = 0
    outcome = _resume(resume_data)
    usage = _usage({"resume_data": resume_data}, outcome)
    _record(run, outcome, usage)
    return await _stream(request, run, outcome, usage)


async def _stream(
    request: web.Request, run: _Run, outcome: _Outcome, usage: dict[str, int]
) -> web.StreamResponse:
    """Write a leg's events the way the service does (ids from 0, one space after colons)."""
    writer = SSEWriter(request, spaced=True)
    await writer.start()
    ids = itertools.count()

    async def send(event: str, data: dict[str, Any]) -> None:
        await writer.send(event, data, id=next(ids))

    last = len(outcome.chunks) - 1
    for seq, chunk in enumerate(outcome.chunks):
        await send(
            "Message",
            {
                "content": chunk,
                "node_is_finish": seq == last,
                "node_seq_id": str(seq),
                "node_title": _MESSAGE_NODE,
            },
        )
    if outcome.status == "Fail":
        # The service ends the stream right after an Error event (no Done follows).
        await send(
            "Error", {"error_code": outcome.error_code, "error_message": outcome.error_message}
        )
        return await writer.finish()
    if outcome.status == "Running":
        # Interrupted: the question, then the Interrupt; the stream ends there (no Done).
        assert run.interrupt is not None
        await send(
            "Message",
            {
                "content": outcome.question,
                "content_type": "text",
                "node_is_finish": True,
                "node_seq_id": "0",
                "node_title": _QUESTION_NODE,
            },
        )
        await send(
            "Interrupt", {"interrupt_data": dict(run.interrupt), "node_title": _QUESTION_NODE}
        )
        return await writer.finish()
    # The End node's output JSON closes the run, as in the recorded stream.
    await send(
        "Message",
        {
            "content": outcome.output,
            "cost": "0.00",
            "node_is_finish": True,
            "node_seq_id": "0",
            "node_title": "",
            "token": usage["token_count"],
            "usage": usage,
        },
    )
    await send("Done", {})
    return await writer.finish()


# -- run histories -----------------------------------------------------------------------------


async def retrieve_run_history(request: web.Request) -> web.Response:
    """``GET /v1/workflows/{workflow_id}/run_histories/{execute_id}``: a one-item list."""
    store = request.app[STORE]
    workflow_id = request.match_info["workflow_id"]
    _check_workflow(store, workflow_id)
    run = _run_of(store, workflow_id, request.match_info["execute_id"])
    return envelope(request, [_history_view(run)])


async def retrieve_node_execution(request: web.Request) -> web.Response:
    """``GET .../run_histories/{execute_id}/execute_nodes/{node_execute_uuid}``."""
    store = request.app[STORE]
    workflow_id = request.match_info["workflow_id"]
    _check_workflow(store, workflow_id)
    run = _run_of(store, workflow_id, request.match_info["execute_id"])
    node_uuid = request.match_info["node_execute_uuid"]
    node = run.nodes.get(node_uuid)
    if node is None:
        raise ApiError(4200, f"node execution {node_uuid} does not exist in this run")
    return envelope(request, node)


# -- chatflows ---------------------------------------------------------------------------------


def _ask_city_responder(context: ChatContext) -> Reply:
    """The interrupt workflow as a chatflow: ask which city, then answer the next message."""
    earlier = context.messages[:-1]
    asked = next((m for m in reversed(earlier) if m["role"] == "assistant"), None)
    if asked is not None and asked["content"] == QUESTION:
        return _weather(context.question)
    return QUESTION


def _failing_responder(context: ChatContext) -> Reply:
    raise RuntimeError(ERROR_MESSAGE)


def _chat_responder(workflow_id: str) -> Responder:
    if workflow_id == INTERRUPT_WORKFLOW_ID:
        return _ask_city_responder
    if workflow_id == ERROR_WORKFLOW_ID:
        return _failing_responder
    return echo_responder


async def chat_workflow(request: web.Request) -> web.StreamResponse:
    """``POST /v1/workflows/chat``: run a chatflow as a chat, streamed as chat events."""
    store = request.app[STORE]
    body = await json_body(request)
    workflow_id = require(body, "workflow_id")
    _check_workflow(store, workflow_id)
    bot_id = body.get("bot_id") or ""
    app_id = body.get("app_id") or ""
    if not isinstance(bot_id, str) or not isinstance(app_id, str):
        raise ApiError(4000, "Request parameter error: bot_id and app_id must be strings")
    if bool(bot_id) == bool(app_id):
        raise ApiError(4000, "Request parameter error: pass exactly one of app_id and bot_id")
    if bot_id:
        store.bots.find(bot_id)
    parameters = _parameters(body)
    raw_messages = body.get("additional_messages") or []
    if not isinstance(raw_messages, list):
        raise ApiError(4000, "additional_messages must be a list")
    messages = [check_message(raw, i) for i, raw in enumerate(raw_messages)]
    conversation_id = body.get("conversation_id")
    if conversation_id:
        conversation = store.conversations.find(str(conversation_id))
    else:
        conversation = store.conversations.new(bot_id=bot_id or None)
    conversation_id = conversation["id"]
    owner = bot_id or app_id
    chat_id = new_id()
    added = [
        request_message(store, conversation_id, m, chat_id=chat_id, bot_id=owner) for m in messages
    ]
    history = store.conversations.messages[conversation_id] + added
    questions = [m for m in history if m["role"] == "user"]
    if not questions:
        raise ApiError(4000, "no user message: pass the question in additional_messages")
    store.conversations.messages[conversation_id].extend(added)
    data: dict[str, Any] = {
        "id": chat_id,
        "conversation_id": conversation_id,
        "bot_id": owner,
        "created_at": now(),
        "last_error": {"code": 0, "msg": ""},
        "meta_data": {},
        "section_id": conversation["last_section_id"],
        "status": "created",
        "usage": {"token_count": 0, "output_count": 0, "input_count": 0},
    }
    ext = body.get("ext")
    user_id = ext.get("user_id") if isinstance(ext, dict) else None
    context = ChatContext(
        bot_id=owner,
        user_id=user_id if isinstance(user_id, str) else "",
        conversation_id=conversation_id,
        chat_id=chat_id,
        question=question_text(questions[-1]),
        messages=history,
        parameters=parameters,
    )
    record = ChatRecord(data=data, context=context, auto_save_history=True)
    store.chats.records[chat_id] = record
    writer = SSEWriter(request)
    await writer.start()

    async def emit(event: str, payload: dict[str, Any]) -> None:
        await writer.send(event, payload)

    await emit("conversation.chat.created", data)
    await drive_chat(store, record, _chat_responder(workflow_id), data, emit)
    await writer.send("done", '"[DONE]"')
    return await writer.finish()


# -- workflows: list, details, versions, collaborators ------------------------------------------

_CREATOR = {"id": EMULATOR_USER_ID, "name": "emulator"}
_WORKFLOW_MODES = frozenset({"workflow", "chatflow"})
_PUBLISH_STATUSES = frozenset({"all", "published_online", "published_draft", "unpublished_draft"})
_VERSION_STATUSES = frozenset({"all", "published_online", "unpublished_draft"})


def _parameter(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description, "required": False}


_OUTPUT = {
    "parameters": {"output": {"type": "string", "description": "The result."}},
    "terminate_plan": "return_variables",
}
#: The start node's parameters and the end node's output of the built-ins.
_IO: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    ECHO_WORKFLOW_ID: ({"parameters": {"input": _parameter("The text to output.")}}, _OUTPUT),
    INTERRUPT_WORKFLOW_ID: (
        {"parameters": {"city": _parameter("The city (asked for when missing).")}},
        _OUTPUT,
    ),
    ERROR_WORKFLOW_ID: ({"parameters": {}}, _OUTPUT),
}
#: The published versions of the built-ins, oldest first: (version, description).
_BUILTIN_VERSIONS: dict[str, list[tuple[str, str]]] = {
    ECHO_WORKFLOW_ID: [
        ("v0.0.1", "First version."),
        ("v0.0.2", "Streams the output in chunks."),
        ("v0.0.3", "Outputs non-text input as JSON."),
    ],
}


def _workflow(store: Store, workflow_id: str) -> dict[str, Any]:
    _check_workflow(store, workflow_id)
    return store.workflows.records[workflow_id]


def _basic(workflow: Mapping[str, Any]) -> dict[str, Any]:
    """A stored workflow as the API shows it (``OpenAPIWorkflowBasic``: times as strings of
    Unix seconds, left out when the stored workflow has none)."""
    basic: dict[str, Any] = {
        "workflow_id": workflow["workflow_id"],
        "workflow_name": workflow.get("workflow_name", ""),
        "description": workflow.get("description", ""),
        "icon_url": workflow.get("icon_url", ""),
        "app_id": workflow.get("app_id", ""),
        "creator": copy.deepcopy(workflow.get("creator") or _CREATOR),
    }
    for key in ("created_at", "updated_at"):
        value = workflow.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            basic[key] = str(value)
    return basic


def _io(workflow: Mapping[str, Any]) -> dict[str, Any]:
    default_input, default_output = _IO.get(workflow["workflow_id"], _IO[ECHO_WORKFLOW_ID])
    return {
        "input": copy.deepcopy(workflow.get("input", default_input)),
        "output": copy.deepcopy(workflow.get("output", default_output)),
    }


def _flag(params: Mapping[str, str], name: str) -> bool:
    raw = params.get(name, "false").lower()
    if raw not in ("true", "false", "1", "0"):
        raise ApiError(4000, f"Request parameter error: {name} must be true or false")
    return raw in ("true", "1")


def _choice(params: Mapping[str, str], name: str, allowed: frozenset[str], default: str) -> str:
    value = params.get(name) or default
    if value not in allowed:
        raise ApiError(
            4000, f"Request parameter error: {name} must be one of {', '.join(sorted(allowed))}"
        )
    return value


def _listed(workflow: Mapping[str, Any], status: str) -> bool:
    """Whether a ``publish_status`` filter keeps the workflow (all emulated ones are published
    and unchanged since, unless marked ``is_published: False``)."""
    published = workflow.get("is_published", True)
    if status == "all":
        return True
    if status == "published_online":
        return bool(published)
    if status == "unpublished_draft":
        return not published
    return False  # published_draft: no workflow has unpublished changes


async def list_workflows(request: web.Request) -> web.Response:
    """``GET /v1/workflows``: the workflows of a workspace (or app), by page number."""
    store = request.app[STORE]
    params = request.query
    workspace_id = require(params, "workspace_id")
    page_num = int_param(params, "page_num", 1)
    page_size = int_param(params, "page_size", 10)
    mode = params.get("workflow_mode")
    if mode is not None and mode not in _WORKFLOW_MODES:
        raise ApiError(4000, "Request parameter error: workflow_mode must be workflow or chatflow")
    status = _choice(params, "publish_status", _PUBLISH_STATUSES, "published_online")
    app_id = params.get("app_id")
    chosen = [
        w
        for w in store.workflows.records.values()
        if w.get("workspace_id") in (None, workspace_id)
        and (not app_id or w.get("app_id") == app_id)
        and (mode is None or w.get("workflow_mode", "workflow") == mode)
        and _listed(w, status)
    ]
    start = (page_num - 1) * page_size
    items = [_basic(w) for w in chosen[start : start + page_size]]
    return envelope(request, {"items": items, "has_more": start + page_size < len(chosen)})


async def retrieve_workflow(request: web.Request) -> web.Response:
    """``GET /v1/workflows/{workflow_id}``: ``workflow_detail`` (and ``input``/``output`` with
    ``include_input_output``)."""
    store = request.app[STORE]
    include = _flag(request.query, "include_input_output")
    workflow = _workflow(store, request.match_info["workflow_id"])
    data: dict[str, Any] = {"workflow_detail": _basic(workflow)}
    if include:
        data.update(_io(workflow))
    return envelope(request, data)


def _versions(store: Store, workflow: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A workflow's published versions, oldest first (seeded on first use)."""
    workflow_id = workflow["workflow_id"]
    versions = store.workflows.versions.get(workflow_id)
    if versions is None:
        created = workflow.get("created_at")
        created = created if isinstance(created, int) else now()
        seeds = _BUILTIN_VERSIONS.get(workflow_id) or [("v0.0.1", "First version.")]
        versions = store.workflows.versions[workflow_id] = [
            {
                "version": version,
                "description": description,
                "created_at": str(created + i),
                "updated_at": str(created + i),
                "workflow_id": workflow_id,
                "creator": dict(_CREATOR),
            }
            for i, (version, description) in enumerate(seeds)
        ]
    return versions


async def list_workflow_versions(request: web.Request) -> web.Response:
    """``GET /v1/workflows/{workflow_id}/versions``: newest first, paged by ``page_token`` (the
    ``next_page_token`` of the page before)."""
    store = request.app[STORE]
    workflow = _workflow(store, request.match_info["workflow_id"])
    params = request.query
    status = _choice(params, "publish_status", _VERSION_STATUSES, "published_online")
    page_size = int_param(params, "page_size", 10, high=30)
    include = _flag(params, "include_input_output")
    token = params.get("page_token") or "0"
    if not token.isdigit():
        raise ApiError(4000, f"Request parameter error: page_token {token!r} is not valid")
    start = int(token)
    versions = [] if status == "unpublished_draft" else list(reversed(_versions(store, workflow)))
    items = []
    for version in versions[start : start + page_size]:
        item = copy.deepcopy(version)
        if include:
            item.update(_io(workflow))
        items.append(item)
    has_more = start + page_size < len(versions)
    data: dict[str, Any] = {"items": items, "has_more": has_more}
    if has_more:
        data["next_page_token"] = str(start + page_size)
    return envelope(request, data)


async def add_workflow_collaborator(request: web.Request) -> web.Response:
    """``POST /v1/workflows/{workflow_id}/collaborators``: one collaborator per request (not
    called by the SDK; it gives the delete something to remove)."""
    store = request.app[STORE]
    workflow_id = request.match_info["workflow_id"]
    _check_workflow(store, workflow_id)
    user_id = one_collaborator(await json_body(request))
    add_collaborator(store.workflows.collaborators, workflow_id, user_id)
    return envelope(request)


async def remove_workflow_collaborator(request: web.Request) -> web.Response:
    """``DELETE /v1/workflows/{workflow_id}/collaborators/{user_id}``."""
    store = request.app[STORE]
    workflow_id = request.match_info["workflow_id"]
    _check_workflow(store, workflow_id)
    remove_collaborator(
        store.workflows.collaborators, workflow_id, request.match_info["user_id"], "workflow"
    )
    return envelope(request)
