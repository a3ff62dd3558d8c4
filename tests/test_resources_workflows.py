"""The workflows resource family (``coze.workflows``): request shapes (aioresponses) for every
method, async and sync; the recorded workflow stream replayed over a loopback socket; and runs,
streams, interrupts, run histories and chatflows against the emulator."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator, Iterator
from typing import Any

import orjson
import pytest
from aiohttp import web
from aioresponses import aioresponses

from coze_async import (
    AsyncCoze,
    AsyncPaged,
    BadRequestError,
    ChatEventType,
    ChatStatus,
    Coze,
    CozeInvalidEventError,
    CozeInvalidResponseError,
    CozeStreamTruncatedError,
    Message,
    NotFoundError,
    SyncPaged,
    SyncStream,
    TokenAuth,
)
from coze_async._events import decode_workflow_event
from coze_async._stream import AsyncStream
from coze_async.emulator import Emulator
from coze_async.emulator.routes.workflows import (
    ECHO_WORKFLOW_ID,
    ERROR_CODE,
    ERROR_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    QUESTION,
)
from coze_async.models.workflows import (
    RemoveWorkflowCollaboratorResp,
    WorkflowBasic,
    WorkflowEvent,
    WorkflowEventType,
    WorkflowExecuteStatus,
    WorkflowInfo,
    WorkflowMode,
    WorkflowNodeExecuteHistory,
    WorkflowRunHistory,
    WorkflowRunMode,
    WorkflowRunResult,
    WorkflowVersionInfo,
)
from coze_async.resources.workflows import AsyncWorkflowsClient, WorkflowsClient
from tests.conftest import CHAT_STREAM, WORKFLOW_STREAM, fixture_bytes, only, sent

BASE = "https://api.test"
LOGID = "20260101-workflows-logid"
WF = "7400000000000000123"
EXE = "7500000000000000456"
NODE = "7600000000000000789"

WORKFLOW_BYTES = fixture_bytes(WORKFLOW_STREAM)
#: The recorded workflow stream, one raw block per event (the last one, Done, unterminated).
BLOCKS = WORKFLOW_BYTES.split(b"\n\n")
RAW = [block + b"\n\n" for block in BLOCKS[:-1]] + [BLOCKS[-1]]
MESSAGES = b"".join(RAW[:6])  # ids 0-5: five Message chunks and the End node's output
ERROR_LEG = RAW[6]  # an Error, then the service closes the stream
INTERRUPT_LEG = b"".join(RAW[7:9])  # a question Message, then an Interrupt
DONE = RAW[9]  # "Done" with data {} and no final newline
JOKE = "为什么小明要带一把尺子去看电影因为他听说电影很长，怕坐不下！"


# -- helpers -------------------------------------------------------------------------------------


def ok(data: Any, **extra: Any) -> dict[str, Any]:
    return {"code": 0, "msg": "", "data": data, **extra}


def logid() -> dict[str, str]:
    return {"x-tt-logid": LOGID}


@pytest.fixture
async def coze() -> AsyncIterator[AsyncCoze]:
    async with AsyncCoze(TokenAuth("t"), BASE) as client:
        yield client


@pytest.fixture
def sync_coze() -> Iterator[Coze]:
    with Coze(TokenAuth("t"), BASE) as client:
        yield client


def basic(i: int) -> dict[str, Any]:
    return {
        "workflow_id": f"wf{i}",
        "workflow_name": f"name{i}",
        "description": "d",
        "icon_url": "https://icon",
        "app_id": "0",
        "created_at": "1700000000",
        "updated_at": 1700000001,
        "creator": {"id": "u1", "name": "Ann"},
    }


def version(v: str) -> dict[str, Any]:
    return {
        "version": v,
        "description": "first",
        "created_at": "1700000000",
        "updated_at": "1700000001",
        "workflow_id": WF,
        "creator": {"id": "u1", "name": "Ann"},
    }


def history(**extra: Any) -> dict[str, Any]:
    return {
        "execute_id": EXE,
        "execute_status": "Success",
        "bot_id": "0",
        "connector_id": "1024",
        "connector_uid": "u1",
        "run_mode": 2,
        "logid": "lg",
        "create_time": 1700000000,
        "update_time": 1700000005,
        "output": '{"output":"hi"}',
        "error_code": "",
        "error_message": "",
        "debug_url": "https://debug",
        "is_output_trimmed": False,
        "node_execute_status": {
            "End": {
                "node_id": "900001",
                "is_finish": True,
                "update_time": 1700000005,
                "node_execute_uuid": NODE,
            }
        },
        "usage": {"token_count": 3, "output_count": 2, "input_count": 1},
        **extra,
    }


def sse_body(*events: tuple[str, Any]) -> bytes:
    """Workflow-style frames (``id``, one space after colons) for (event, data) pairs."""
    out = []
    for i, (name, data) in enumerate(events):
        text = data if isinstance(data, str) else orjson.dumps(data).decode()
        out.append(f"id: {i}\nevent: {name}\ndata: {text}\n\n")
    return "".join(out).encode()


WORKFLOW_SSE = sse_body(
    ("Message", {"content": "hi", "node_title": "End", "node_seq_id": "0", "node_is_finish": True}),
    ("Done", {"debug_url": "https://debug"}),
)


# -- workflows.list ------------------------------------------------------------------------------


async def test_list_sends_enum_values_and_walks_pages_by_number(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    common = "workspace_id=ws1&workflow_mode=chatflow&publish_status=all&page_size=2"
    mocked.get(
        f"{BASE}/v1/workflows?{common}&page_num=1",
        payload=ok({"items": [basic(1), basic(2)], "has_more": True}),
        headers=logid(),
    )
    mocked.get(
        f"{BASE}/v1/workflows?{common}&page_num=2",
        payload=ok({"items": [basic(3)], "has_more": False}),
    )
    page = await coze.workflows.list(
        workspace_id="ws1",
        workflow_mode=WorkflowMode.CHATFLOW,
        publish_status="all",
        page_size=2,
    )
    assert isinstance(page, AsyncPaged)
    assert [w.workflow_id for w in page.items] == ["wf1", "wf2"]
    assert page.has_more and page.total is None and page.response.logid == LOGID
    first = page.items[0]
    assert isinstance(first, WorkflowBasic)
    assert first.created_at == 1700000000 and first.updated_at == 1700000001
    assert first.creator is not None and first.creator.name == "Ann"
    assert len(sent(mocked)) == 1  # later pages only when walked
    assert [w.workflow_id async for w in page] == ["wf1", "wf2", "wf3"]
    requests = sent(mocked)
    assert [r.query["page_num"] for r in requests] == ["1", "2"]
    assert all(r.method == "GET" and r.path == "/v1/workflows" for r in requests)
    # The enum goes out as its value (cozepy sends "WorkflowMode.CHATFLOW").
    assert requests[0].query == {
        "workspace_id": "ws1",
        "workflow_mode": "chatflow",
        "publish_status": "all",
        "page_num": "1",
        "page_size": "2",
    }


async def test_list_defaults_omit_none_and_an_empty_page_ends_the_walk(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.get(
        f"{BASE}/v1/workflows?page_num=1&page_size=100",
        payload=ok({"items": [], "has_more": True}),
    )
    page = await coze.workflows.list()
    assert only(mocked).query == {"page_num": "1", "page_size": "100"}
    assert page.items == [] and not page.has_more
    assert [w async for w in page] == []


def test_list_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/v1/workflows?app_id=app1&page_num=3&page_size=1",
        payload=ok({"items": [basic(1)], "has_more": True}),
    )
    mocked.get(
        f"{BASE}/v1/workflows?app_id=app1&page_num=4&page_size=1",
        payload=ok({"items": [basic(2)], "has_more": False}),
    )
    page = sync_coze.workflows.list(app_id="app1", page_num=3, page_size=1)
    assert isinstance(page, SyncPaged) and page.has_more
    assert [w.workflow_name for w in page] == ["name1", "name2"]


# -- workflows.retrieve --------------------------------------------------------------------------


async def test_retrieve_request_and_model(coze: AsyncCoze, mocked: aioresponses) -> None:
    data = {
        "workflow_detail": basic(1),
        "input": {"parameters": {"input": {"type": "string", "required": True}}},
        "output": {"terminate_plan": "return_variables", "parameters": {"output": {}}},
    }
    mocked.get(
        f"{BASE}/v1/workflows/{WF}?include_input_output=true", payload=ok(data), headers=logid()
    )
    info = await coze.workflows.retrieve(workflow_id=WF, include_input_output=True)
    req = only(mocked)
    assert (req.method, req.path) == ("GET", f"/v1/workflows/{WF}")
    assert req.query == {"include_input_output": "true"}
    assert isinstance(info, WorkflowInfo) and info.response.logid == LOGID
    assert info.workflow_detail.workflow_name == "name1"
    assert info.input is not None and info.input.parameters == data["input"]["parameters"]
    assert info.output is not None and info.output.terminate_plan == "return_variables"


def test_retrieve_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/v1/workflows/{WF}", payload=ok({"workflow_detail": basic(2)}))
    info = sync_coze.workflows.retrieve(workflow_id=WF)
    assert only(mocked).query == {}
    assert info.workflow_detail.workflow_id == "wf2" and info.input is None


# -- workflows.versions.list ----------------------------------------------------------------------


async def test_versions_list_walks_pages_by_token(coze: AsyncCoze, mocked: aioresponses) -> None:
    url = f"{BASE}/v1/workflows/{WF}/versions"
    mocked.get(
        f"{url}?publish_status=published_online&page_size=1",
        payload=ok({"items": [version("v1")], "has_more": True, "next_page_token": "tok2"}),
    )
    mocked.get(
        f"{url}?publish_status=published_online&page_size=1&page_token=tok2",
        payload=ok({"items": [version("v2")], "has_more": False, "next_page_token": ""}),
    )
    page = await coze.workflows.versions.list(
        workflow_id=WF, publish_status="published_online", page_size=1
    )
    assert page.has_more and page.next_page_token == "tok2"
    assert isinstance(page.items[0], WorkflowVersionInfo)
    assert page.items[0].creator.id == "u1" and page.items[0].created_at == "1700000000"
    assert [v.version async for v in page] == ["v1", "v2"]
    queries = [r.query for r in sent(mocked)]
    assert queries == [
        {"publish_status": "published_online", "page_size": "1"},
        {"publish_status": "published_online", "page_size": "1", "page_token": "tok2"},
    ]
    assert all(r.path == f"/v1/workflows/{WF}/versions" for r in sent(mocked))


async def test_versions_list_stops_when_has_more_comes_without_a_token(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.get(
        f"{BASE}/v1/workflows/{WF}/versions?page_size=10&page_token=start",
        payload=ok({"items": [version("v1")], "has_more": True}),
    )
    page = await coze.workflows.versions.list(workflow_id=WF, page_token="start")
    assert not page.has_more
    assert [v.version async for v in page] == ["v1"]
    assert len(sent(mocked)) == 1


def test_versions_list_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.get(
        f"{BASE}/v1/workflows/{WF}/versions?page_size=10&include_input_output=true",
        payload=ok({"items": [version("v9")], "has_more": False}),
    )
    page = sync_coze.workflows.versions.list(workflow_id=WF, include_input_output=True)
    assert [v.version for v in page] == ["v9"] and not page.has_more


# -- workflows.collaborators.delete ------------------------------------------------------------


async def test_collaborators_delete(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.delete(
        f"{BASE}/v1/workflows/{WF}/collaborators/user7",
        payload={"code": 0, "msg": "", "detail": {"logid": LOGID}},
    )
    result = await coze.workflows.collaborators.delete(user_id="user7", workflow_id=WF)
    req = only(mocked)
    assert (req.method, req.path) == ("DELETE", f"/v1/workflows/{WF}/collaborators/user7")
    assert req.kwargs.get("data") is None
    assert isinstance(result, RemoveWorkflowCollaboratorResp)
    assert result.response.logid == LOGID and result.response.status_code == 200


async def test_collaborators_delete_error_is_typed(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.delete(
        f"{BASE}/v1/workflows/{WF}/collaborators/user7", payload={"code": 4200, "msg": "gone"}
    )
    with pytest.raises(NotFoundError):
        await coze.workflows.collaborators.delete(user_id="user7", workflow_id=WF)


def test_collaborators_delete_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.delete(f"{BASE}/v1/workflows/{WF}/collaborators/u2", payload={"code": 0, "msg": ""})
    result = sync_coze.workflows.collaborators.delete(user_id="u2", workflow_id=WF)
    assert isinstance(result, RemoveWorkflowCollaboratorResp)
    assert only(mocked).method == "DELETE"


# -- workflows.runs.create ---------------------------------------------------------------------


async def test_runs_create_minimal_body_and_result_from_the_whole_body(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(
        f"{BASE}/v1/workflow/run",
        payload=ok(
            '{"output":"hi"}',
            debug_url="https://debug",
            execute_id=EXE,
            usage={"token_count": 3, "output_count": 2, "input_count": 1},
        ),
        headers=logid(),
    )
    result = await coze.workflows.runs.create(workflow_id=WF)
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/workflow/run")
    assert req.json == {"workflow_id": WF, "is_async": False}
    assert isinstance(result, WorkflowRunResult)
    assert result.data == '{"output":"hi"}' and result.debug_url == "https://debug"
    assert result.execute_id == EXE and result.response.logid == LOGID
    assert result.usage is not None and result.usage.token_count == 3
    assert result.interrupt_data is None


async def test_runs_create_sends_every_argument(coze: AsyncCoze, mocked: aioresponses) -> None:
    interrupt = {"data": "", "event_id": "e/1", "type": 2}
    mocked.post(
        f"{BASE}/v1/workflow/run",
        payload=ok("", debug_url="https://debug", execute_id=EXE, interrupt_data=interrupt),
    )
    result = await coze.workflows.runs.create(
        workflow_id=WF,
        parameters={"input": "hi", "n": 2},
        bot_id="bot1",
        app_id="app1",
        is_async=True,
        ext={"user_id": "u1"},
        workflow_version="v0.0.2",
        connector_id="1024",
    )
    assert only(mocked).json == {
        "workflow_id": WF,
        "parameters": {"input": "hi", "n": 2},
        "bot_id": "bot1",
        "app_id": "app1",
        "is_async": True,
        "ext": {"user_id": "u1"},
        "workflow_version": "v0.0.2",
        "connector_id": "1024",
    }
    assert result.data == "" and result.usage is None
    assert result.interrupt_data is not None and result.interrupt_data.event_id == "e/1"
    assert result.interrupt_data.type == 2


async def test_runs_create_keeps_a_non_string_data_as_json(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(f"{BASE}/v1/workflow/run", payload=ok({"output": 1}, debug_url="u"))
    result = await coze.workflows.runs.create(workflow_id=WF)
    assert result.data is not None and json.loads(result.data) == {"output": 1}
    assert result.execute_id == ""  # cozepy's default when absent


async def test_runs_create_error_keeps_code_and_debug_url(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(
        f"{BASE}/v1/workflow/run",
        payload={"code": 4000, "msg": "bad parameter", "debug_url": "https://debug"},
    )
    with pytest.raises(BadRequestError) as info:
        await coze.workflows.runs.create(workflow_id=WF)
    assert info.value.code == 4000 and info.value.debug_url == "https://debug"


def test_runs_create_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.post(f"{BASE}/v1/workflow/run", payload=ok("out", debug_url="d", execute_id="x"))
    result = sync_coze.workflows.runs.create(workflow_id=WF, parameters={"a": 1})
    assert only(mocked).json == {"workflow_id": WF, "parameters": {"a": 1}, "is_async": False}
    assert (result.data, result.debug_url, result.execute_id) == ("out", "d", "x")


# -- workflows.runs.stream / resume --------------------------------------------------------------


async def test_runs_stream_request_shape_and_events(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(
        f"{BASE}/v1/workflow/stream_run",
        body=WORKFLOW_SSE,
        content_type="text/event-stream",
        headers=logid(),
    )
    stream = coze.workflows.runs.stream(
        workflow_id=WF, parameters={"input": "hi"}, bot_id="bot1", ext={"user_id": "u"}
    )
    assert isinstance(stream, AsyncStream)
    assert sent(mocked) == []  # returned at once, sent on first use
    events = [e async for e in stream]
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/workflow/stream_run")
    assert req.json == {
        "workflow_id": WF,
        "parameters": {"input": "hi"},
        "bot_id": "bot1",
        "ext": {"user_id": "u"},
    }
    assert [(e.id, e.event) for e in events] == [(0, WorkflowEventType.MESSAGE)]
    assert events[0].message is not None and events[0].message.content == "hi"
    assert events[0].response.logid == LOGID
    terminal = stream.terminal_event
    assert terminal is not None and terminal.event == "Done"
    assert json.loads(terminal.data) == {"debug_url": "https://debug"}


async def test_runs_resume_request_shape(coze: AsyncCoze, mocked: aioresponses) -> None:
    mocked.post(
        f"{BASE}/v1/workflow/stream_resume", body=WORKFLOW_SSE, content_type="text/event-stream"
    )
    events = [
        e
        async for e in coze.workflows.runs.resume(
            workflow_id=WF, event_id="e/1", resume_data="Paris", interrupt_type=2
        )
    ]
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/workflow/stream_resume")
    assert req.json == {
        "workflow_id": WF,
        "event_id": "e/1",
        "resume_data": "Paris",
        "interrupt_type": 2,
    }
    assert len(events) == 1


async def test_stream_error_envelope_raises_typed_error(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(f"{BASE}/v1/workflow/stream_run", payload={"code": 4200, "msg": "no workflow"})
    with pytest.raises(NotFoundError):
        async for _ in coze.workflows.runs.stream(workflow_id=WF):
            pass


def test_runs_stream_and_resume_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    for route in ("stream_run", "stream_resume"):
        mocked.post(
            f"{BASE}/v1/workflow/{route}", body=WORKFLOW_SSE, content_type="text/event-stream"
        )
    with sync_coze.workflows.runs.stream(workflow_id=WF) as stream:
        assert isinstance(stream, SyncStream)
        assert [e.event for e in stream] == [WorkflowEventType.MESSAGE]
        assert stream.terminal_event is not None
    resumed = sync_coze.workflows.runs.resume(
        workflow_id=WF, event_id="e", resume_data="", interrupt_type=5
    )
    assert [e.id for e in resumed] == [0]
    bodies = [r.json for r in sent(mocked)]
    assert bodies == [
        {"workflow_id": WF},
        {"workflow_id": WF, "event_id": "e", "resume_data": "", "interrupt_type": 5},
    ]


# -- workflows.runs.run_histories(.execute_nodes).retrieve ---------------------------------------


async def test_run_histories_retrieve_takes_the_one_item(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.get(
        f"{BASE}/v1/workflows/{WF}/run_histories/{EXE}", payload=ok([history()]), headers=logid()
    )
    run = await coze.workflows.runs.run_histories.retrieve(workflow_id=WF, execute_id=EXE)
    req = only(mocked)
    assert (req.method, req.path) == ("GET", f"/v1/workflows/{WF}/run_histories/{EXE}")
    assert isinstance(run, WorkflowRunHistory) and run.response.logid == LOGID
    assert run.execute_status is WorkflowExecuteStatus.SUCCESS
    assert run.run_mode is WorkflowRunMode.ASYNCHRONOUS
    assert run.error_code == 0  # the service's "" for "no error"
    assert run.node_execute_status is not None
    assert run.node_execute_status["End"].node_execute_uuid == NODE
    assert run.usage is not None and run.usage.output_count == 2


async def test_run_histories_retrieve_reads_a_failed_run(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    failed = history(execute_status="Fail", error_code="4000", error_message="bad", run_mode=9)
    mocked.get(f"{BASE}/v1/workflows/{WF}/run_histories/{EXE}", payload=ok([failed]))
    run = await coze.workflows.runs.run_histories.retrieve(workflow_id=WF, execute_id=EXE)
    assert run.execute_status is WorkflowExecuteStatus.FAIL
    assert run.error_code == 4000 and run.error_message == "bad"
    assert run.run_mode == 9 and run.run_mode.is_dynamic


@pytest.mark.parametrize("data", [[], None, {"execute_id": EXE}])
async def test_run_histories_retrieve_without_a_run_raises_invalid_response(
    coze: AsyncCoze, mocked: aioresponses, data: Any
) -> None:
    mocked.get(f"{BASE}/v1/workflows/{WF}/run_histories/{EXE}", payload=ok(data), headers=logid())
    with pytest.raises(CozeInvalidResponseError) as info:
        await coze.workflows.runs.run_histories.retrieve(workflow_id=WF, execute_id=EXE)
    assert info.value.logid == LOGID


async def test_execute_nodes_retrieve(coze: AsyncCoze, mocked: aioresponses) -> None:
    url = f"/v1/workflows/{WF}/run_histories/{EXE}/execute_nodes/{NODE}"
    mocked.get(f"{BASE}{url}", payload=ok({"is_finish": True, "node_output": "{}"}))
    node = await coze.workflows.runs.run_histories.execute_nodes.retrieve(
        workflow_id=WF, execute_id=EXE, node_execute_uuid=NODE
    )
    req = only(mocked)
    assert (req.method, req.path) == ("GET", url)
    assert isinstance(node, WorkflowNodeExecuteHistory)
    assert node.is_finish and node.node_output == "{}"


def test_run_histories_and_execute_nodes_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.get(f"{BASE}/v1/workflows/{WF}/run_histories/{EXE}", payload=ok([history()]))
    mocked.get(
        f"{BASE}/v1/workflows/{WF}/run_histories/{EXE}/execute_nodes/{NODE}",
        payload=ok({"is_finish": False}),
    )
    histories = sync_coze.workflows.runs.run_histories
    assert histories.retrieve(workflow_id=WF, execute_id=EXE).execute_id == EXE
    node = histories.execute_nodes.retrieve(workflow_id=WF, execute_id=EXE, node_execute_uuid=NODE)
    assert not node.is_finish and node.node_output is None
    mocked.get(f"{BASE}/v1/workflows/{WF}/run_histories/x", payload=ok([]))
    with pytest.raises(CozeInvalidResponseError):
        histories.retrieve(workflow_id=WF, execute_id="x")


# -- workflows.chat.stream ----------------------------------------------------------------------


async def test_chat_stream_request_shape_and_chat_events(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    mocked.post(
        f"{BASE}/v1/workflows/chat",
        body=fixture_bytes(CHAT_STREAM),
        content_type="text/event-stream",
    )
    question = Message.build_user_question_text("hello")
    stream = coze.workflows.chat.stream(
        workflow_id=WF,
        additional_messages=[question],
        parameters={"k": "v"},
        app_id="app1",
        conversation_id="conv1",
        ext={"user_id": "u"},
    )
    events = [e async for e in stream]
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/workflows/chat")
    assert req.json == {
        "workflow_id": WF,
        "additional_messages": [
            {"role": "user", "type": "question", "content": "hello", "content_type": "text"}
        ],
        "parameters": {"k": "v"},
        "app_id": "app1",
        "conversation_id": "conv1",
        "ext": {"user_id": "u"},
    }
    assert len(events) == 8
    assert events[-1].event is ChatEventType.CONVERSATION_CHAT_COMPLETED
    assert stream.terminal_event is not None and stream.terminal_event.event == "done"


async def test_chat_stream_always_sends_additional_messages_and_parameters(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    # Both are required by the API (cozepy leaves parameters out when not given).
    mocked.post(
        f"{BASE}/v1/workflows/chat",
        body=b'event:done\ndata:"[DONE]"\n\n',
        content_type="text/event-stream",
    )
    assert [e async for e in coze.workflows.chat.stream(workflow_id=WF, bot_id="b")] == []
    assert only(mocked).json == {
        "workflow_id": WF,
        "additional_messages": [],
        "parameters": {},
        "bot_id": "b",
    }


def test_chat_stream_sync(sync_coze: Coze, mocked: aioresponses) -> None:
    mocked.post(
        f"{BASE}/v1/workflows/chat",
        body=fixture_bytes(CHAT_STREAM),
        content_type="text/event-stream",
    )
    stream = sync_coze.workflows.chat.stream(
        workflow_id=WF, bot_id="b", additional_messages=[Message.build_user_question_text("q")]
    )
    names = [e.event for e in stream]
    assert names[0] is ChatEventType.CONVERSATION_CHAT_CREATED and len(names) == 8


# -- path parameters and the resource tree --------------------------------------------------------


async def test_ids_with_a_slash_raise_before_any_request(
    coze: AsyncCoze, mocked: aioresponses
) -> None:
    wf = coze.workflows
    calls = [
        lambda: wf.retrieve(workflow_id="a/b"),
        lambda: wf.collaborators.delete(user_id="u?x", workflow_id=WF),
        lambda: wf.runs.run_histories.retrieve(workflow_id=WF, execute_id="a/b"),
        lambda: wf.runs.run_histories.execute_nodes.retrieve(
            workflow_id=WF, execute_id=EXE, node_execute_uuid="n#1"
        ),
    ]
    for call in calls:
        with pytest.raises(ValueError):
            await call()
    # Streams and lists check their arguments when called, before anything is awaited.
    with pytest.raises(ValueError):
        wf.versions.list(workflow_id="../x")
    with pytest.raises(ValueError):
        wf.runs.stream(workflow_id="")
    with pytest.raises(ValueError):
        await wf.runs.create(workflow_id="")
    assert sent(mocked) == []


async def test_async_resource_tree(coze: AsyncCoze) -> None:
    wf = coze.workflows
    assert isinstance(wf, AsyncWorkflowsClient)
    assert wf.runs.run_histories.execute_nodes is wf.runs.run_histories.execute_nodes
    for sub in (wf.runs, wf.chat, wf.versions, wf.collaborators, wf.runs.run_histories):
        assert hasattr(sub, "_transport")


def test_sync_resource_tree(sync_coze: Coze) -> None:
    wf = sync_coze.workflows
    assert isinstance(wf, WorkflowsClient)
    nodes = wf.runs.run_histories.execute_nodes
    assert callable(nodes.retrieve) and callable(wf.chat.stream) and callable(wf.versions.list)


# -- the recorded workflow stream over a loopback socket -----------------------------------------


def sse_app(body: bytes, *, chunk: int | None = None, seed: int = 0) -> web.Application:
    """An app that streams ``body`` for the workflow stream routes, in random-size writes."""
    rng = random.Random(seed)

    async def handler(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "x-tt-logid": LOGID}
        )
        await resp.prepare(request)
        pos = 0
        while pos < len(body):
            size = chunk or rng.randint(1, 48)
            await resp.write(body[pos : pos + size])
            pos += size
        await resp.write_eof()
        return resp

    app = web.Application()
    for route in ("/v1/workflow/stream_run", "/v1/workflow/stream_resume", "/v1/workflows/chat"):
        app.router.add_post(route, handler)
    return app


async def replay(loopback: Any, body: bytes, **kwargs: Any) -> tuple[list[WorkflowEvent], Any]:
    server = await loopback(sse_app(body, **kwargs))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        stream = coze.workflows.runs.stream(workflow_id=WF)
        events = [e async for e in stream]
    return events, stream


@pytest.mark.parametrize("seed", range(4))
async def test_recorded_messages_then_done(loopback: Any, seed: int) -> None:
    events, stream = await replay(loopback, MESSAGES + DONE, seed=seed)
    assert [e.id for e in events] == [0, 1, 2, 3, 4, 5]
    assert all(e.event is WorkflowEventType.MESSAGE for e in events)
    chunks = [e.message.content for e in events[:5] if e.message is not None]
    assert "".join(chunks) == "msg" + JOKE
    assert [e.message.node_is_finish for e in events if e.message] == [False] * 4 + [True] * 2
    end = events[5].message
    assert end is not None and end.node_title == "" and end.cost == "0.00" and end.token == 0
    assert json.loads(end.content) == {"output": JOKE.replace("因为", "？因为")}
    assert all(e.response.logid == LOGID for e in events)
    assert stream.terminal_event.event == "Done" and stream.terminal_event.id == "6"
    assert stream.terminal_event.data == "{}"


async def test_recorded_error_is_yielded_and_ends_the_stream(loopback: Any) -> None:
    events, stream = await replay(loopback, ERROR_LEG)
    assert [(e.id, e.event) for e in events] == [(0, WorkflowEventType.ERROR)]
    error = events[0].error
    assert error is not None
    assert (error.error_code, error.error_message) == (4000, "Request parameter error")
    assert stream.terminal_event is None


async def test_recorded_interrupt_is_yielded_and_ends_the_stream(loopback: Any) -> None:
    events, _ = await replay(loopback, INTERRUPT_LEG, chunk=7)
    assert [e.event for e in events] == [WorkflowEventType.MESSAGE, WorkflowEventType.INTERRUPT]
    question = events[0].message
    assert (
        question is not None and question.content_type == "text" and question.node_title == "问答"
    )
    interrupt = events[1].interrupt
    assert interrupt is not None and interrupt.node_title == "问答"
    assert interrupt.interrupt_data.event_id == "7404830425073352713/2769808280134765896"
    assert interrupt.interrupt_data.type == 2 and interrupt.interrupt_data.data == ""


async def test_the_whole_recording_decodes(loopback: Any) -> None:
    events, stream = await replay(loopback, WORKFLOW_BYTES, chunk=1)
    kinds = [e.event.value for e in events]
    assert kinds == ["Message"] * 6 + ["Error", "Message", "Interrupt"]
    assert stream.terminal_event is not None


@pytest.mark.parametrize("cut", range(6))
async def test_messages_without_done_are_truncated(loopback: Any, cut: int) -> None:
    server = await loopback(sse_app(b"".join(RAW[:cut])))
    received: list[WorkflowEvent] = []
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeStreamTruncatedError) as info:
            async for event in coze.workflows.runs.stream(workflow_id=WF):
                received.append(event)
    assert len(received) == cut and info.value.events_seen == cut


async def test_interrupt_cut_mid_event_is_truncated(loopback: Any) -> None:
    server = await loopback(sse_app(RAW[7] + RAW[8][:30]))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeStreamTruncatedError, match="mid-event"):
            async for _ in coze.workflows.runs.stream(workflow_id=WF):
                pass


async def test_unknown_event_is_yielded_unless_strict(loopback: Any) -> None:
    body = b'id: 0\nevent: Ping\ndata: {"x":1}\n\n' + b"id: 1\nevent: Done\ndata: {}\n\n"
    events, _ = await replay(loopback, body)
    assert len(events) == 1 and events[0].event is WorkflowEventType.UNKNOWN
    assert events[0].id == 0
    assert events[0].unknown == {"id": "0", "event": "Ping", "data": '{"x":1}'}
    server = await loopback(sse_app(body))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeInvalidEventError) as info:
            async for _ in coze.workflows.runs.resume(
                workflow_id=WF, event_id="e", resume_data="x", interrupt_type=2, strict=True
            ):
                pass
    assert info.value.field == "event" and info.value.data == "Ping"


async def test_bad_json_raises_invalid_event_after_earlier_events(loopback: Any) -> None:
    body = RAW[0] + b"id: 1\nevent: Message\ndata: {not json\n\n" + DONE
    server = await loopback(sse_app(body, chunk=len(body)))
    received: list[WorkflowEvent] = []
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeInvalidEventError) as info:
            async for event in coze.workflows.runs.stream(workflow_id=WF):
                received.append(event)
    assert len(received) == 1
    assert info.value.field == "data" and info.value.logid == LOGID


def test_decoder_rejects_a_missing_or_non_numeric_id() -> None:
    from coze_async._response import HTTPResponse
    from coze_async._sse import ServerSentEvent

    meta = HTTPResponse(200, {})
    data = '{"error_code":1,"error_message":"m"}'
    for bad in (None, "x"):
        with pytest.raises(CozeInvalidEventError) as info:
            decode_workflow_event(ServerSentEvent("Error", data, bad), meta, strict=False)
        assert info.value.field == "id"
    event = decode_workflow_event(ServerSentEvent("Error", data, "3"), meta, strict=False)
    assert event is not None and event.id == 3 and event.error is not None
    assert decode_workflow_event(ServerSentEvent("Done", "{}", None), meta, strict=True) is None


async def test_workflow_chat_replays_the_recorded_chat_stream(loopback: Any) -> None:
    server = await loopback(sse_app(fixture_bytes(CHAT_STREAM)))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        stream = coze.workflows.chat.stream(workflow_id=WF, bot_id="b")
        events = [e async for e in stream]
    assert events[0].event is ChatEventType.CONVERSATION_CHAT_CREATED and len(events) == 8
    assert stream.terminal_event is not None and stream.terminal_event.data == '"[DONE]"'


def test_recorded_interrupt_over_the_sync_api(threaded_server: Any) -> None:
    server = threaded_server(sse_app(INTERRUPT_LEG))
    with Coze(TokenAuth("t"), server.url) as coze:
        events = list(coze.workflows.runs.stream(workflow_id=WF))
    assert [e.event for e in events] == [WorkflowEventType.MESSAGE, WorkflowEventType.INTERRUPT]


# -- against the emulator (async) ----------------------------------------------------------------


@pytest.fixture
async def emu_coze() -> AsyncIterator[AsyncCoze]:
    async with (
        Emulator(strict=True) as emu,
        AsyncCoze(TokenAuth(emu.token), emu.base_url) as client,
    ):
        yield client


async def test_emulator_run_echo(emu_coze: AsyncCoze) -> None:
    result = await emu_coze.workflows.runs.create(
        workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "hello world"}
    )
    assert result.data is not None and json.loads(result.data) == {"output": "hello world"}
    assert result.execute_id and result.debug_url.startswith("https://")
    assert result.usage is not None and result.usage.token_count > 0
    assert result.response.logid
    run = await emu_coze.workflows.runs.run_histories.retrieve(
        workflow_id=ECHO_WORKFLOW_ID, execute_id=result.execute_id
    )
    assert run.execute_status is WorkflowExecuteStatus.SUCCESS
    assert run.run_mode is WorkflowRunMode.SYNCHRONOUS and run.output == result.data


async def test_emulator_async_run_polls_then_reads_node_outputs(emu_coze: AsyncCoze) -> None:
    runs = emu_coze.workflows.runs
    started = await runs.create(
        workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "x"}, is_async=True
    )
    assert started.data == "" and started.execute_id
    first = await runs.run_histories.retrieve(
        workflow_id=ECHO_WORKFLOW_ID, execute_id=started.execute_id
    )
    assert first.execute_status is WorkflowExecuteStatus.RUNNING
    assert first.run_mode is WorkflowRunMode.ASYNCHRONOUS
    done = await runs.run_histories.retrieve(
        workflow_id=ECHO_WORKFLOW_ID, execute_id=started.execute_id
    )
    assert done.execute_status is WorkflowExecuteStatus.SUCCESS and done.error_code == 0
    assert done.node_execute_status is not None
    end = done.node_execute_status["End"]
    node = await runs.run_histories.execute_nodes.retrieve(
        workflow_id=ECHO_WORKFLOW_ID,
        execute_id=started.execute_id,
        node_execute_uuid=end.node_execute_uuid,
    )
    assert node.is_finish and node.node_output == done.output


async def test_emulator_error_workflow(emu_coze: AsyncCoze) -> None:
    with pytest.raises(BadRequestError) as info:
        await emu_coze.workflows.runs.create(workflow_id=ERROR_WORKFLOW_ID)
    assert info.value.code == ERROR_CODE and info.value.debug_url
    stream = emu_coze.workflows.runs.stream(workflow_id=ERROR_WORKFLOW_ID)
    events = [e async for e in stream]
    assert [e.event for e in events] == [WorkflowEventType.ERROR]
    assert events[0].error is not None and events[0].error.error_code == ERROR_CODE
    assert stream.terminal_event is None


async def test_emulator_stream_echo_ends_with_done(emu_coze: AsyncCoze) -> None:
    stream = emu_coze.workflows.runs.stream(
        workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "one two three"}
    )
    events = [e async for e in stream]
    assert [e.id for e in events] == list(range(len(events)))
    chunks = [e.message for e in events if e.message and e.message.node_title == "Message"]
    assert "".join(m.content for m in chunks) == "one two three"
    end = events[-1].message
    assert end is not None and json.loads(end.content) == {"output": "one two three"}
    assert end.usage is not None and end.token == end.usage.token_count
    assert stream.terminal_event is not None and stream.terminal_event.event == "Done"


async def test_emulator_interrupt_then_resume(emu_coze: AsyncCoze) -> None:
    runs = emu_coze.workflows.runs
    events = [e async for e in runs.stream(workflow_id=INTERRUPT_WORKFLOW_ID)]
    assert [e.event for e in events] == [WorkflowEventType.MESSAGE, WorkflowEventType.INTERRUPT]
    assert events[0].message is not None and events[0].message.content == QUESTION
    interrupt = events[1].interrupt
    assert interrupt is not None
    data = interrupt.interrupt_data
    resumed = runs.resume(
        workflow_id=INTERRUPT_WORKFLOW_ID,
        event_id=data.event_id,
        resume_data="Paris",
        interrupt_type=data.type,
    )
    text = "".join([e.message.content async for e in resumed if e.message and e.message.node_title])
    assert text == "The weather in Paris is sunny."
    assert resumed.terminal_event is not None
    with pytest.raises(BadRequestError):
        await runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=data.event_id,
            resume_data="Paris",
            interrupt_type=data.type,
        )


async def test_emulator_unknown_ids_are_not_found(emu_coze: AsyncCoze) -> None:
    with pytest.raises(NotFoundError):
        await emu_coze.workflows.runs.stream(workflow_id="7199999999999999999")
    with pytest.raises(NotFoundError):
        await emu_coze.workflows.runs.run_histories.retrieve(
            workflow_id=ECHO_WORKFLOW_ID, execute_id="1"
        )


async def test_emulator_chatflow_echo_and_failure(emu_coze: AsyncCoze) -> None:
    question = [Message.build_user_question_text("hi there")]
    stream = emu_coze.workflows.chat.stream(
        workflow_id=ECHO_WORKFLOW_ID, app_id="app1", additional_messages=question
    )
    events = [e async for e in stream]
    completed = [
        e.message.content
        for e in events
        if e.event is ChatEventType.CONVERSATION_MESSAGE_COMPLETED and e.message
    ]
    assert completed == ["hi there"]
    assert events[-1].chat is not None and events[-1].chat.status is ChatStatus.COMPLETED
    assert stream.terminal_event is not None and stream.terminal_event.event == "done"
    failed = [
        e
        async for e in emu_coze.workflows.chat.stream(
            workflow_id=ERROR_WORKFLOW_ID, app_id="app1", additional_messages=question
        )
    ]
    assert failed[-1].event is ChatEventType.CONVERSATION_CHAT_FAILED


# -- against the emulator (sync) -----------------------------------------------------------------


def test_emulator_sync_run_stream_resume_histories_and_chat(coze_emulator: Emulator) -> None:
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        runs = coze.workflows.runs
        result = runs.create(workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "sync"})
        assert result.data is not None and json.loads(result.data) == {"output": "sync"}
        run = runs.run_histories.retrieve(
            workflow_id=ECHO_WORKFLOW_ID, execute_id=result.execute_id
        )
        assert run.execute_status is WorkflowExecuteStatus.SUCCESS
        assert run.node_execute_status is not None
        node = runs.run_histories.execute_nodes.retrieve(
            workflow_id=ECHO_WORKFLOW_ID,
            execute_id=result.execute_id,
            node_execute_uuid=run.node_execute_status["End"].node_execute_uuid,
        )
        assert node.node_output == result.data

        events = list(runs.stream(workflow_id=INTERRUPT_WORKFLOW_ID))
        assert events[-1].interrupt is not None
        data = events[-1].interrupt.interrupt_data
        with runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=data.event_id,
            resume_data="Oslo",
            interrupt_type=data.type,
        ) as resumed:
            text = "".join(e.message.content for e in resumed if e.message and e.message.node_title)
            assert resumed.terminal_event is not None
        assert text == "The weather in Oslo is sunny."

        errors = list(runs.stream(workflow_id=ERROR_WORKFLOW_ID))
        assert [e.event for e in errors] == [WorkflowEventType.ERROR]
        with pytest.raises(BadRequestError):
            runs.create(workflow_id=ERROR_WORKFLOW_ID)

        chat = coze.workflows.chat.stream(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            app_id="app1",
            additional_messages=[Message.build_user_question_text("weather?")],
        )
        answers = [
            e.message.content
            for e in chat
            if e.event is ChatEventType.CONVERSATION_MESSAGE_COMPLETED and e.message
        ]
        assert answers == [QUESTION]


def test_an_unknown_event_without_an_id_is_yielded_when_lenient() -> None:
    """B12: an unknown event (a heartbeat, say) before the first ``id:`` used to raise even in
    lenient mode; it arrives as UNKNOWN (id 0), and only strict mode refuses it."""
    from coze_async._response import HTTPResponse
    from coze_async._sse import ServerSentEvent

    meta = HTTPResponse(200, {})
    ping = ServerSentEvent("PING", "{}", None)
    event = decode_workflow_event(ping, meta, strict=False)
    assert event is not None
    assert (event.id, event.event) == (0, WorkflowEventType.UNKNOWN)
    assert event.unknown == {"id": None, "event": "PING", "data": "{}"}
    with pytest.raises(CozeInvalidEventError):
        decode_workflow_event(ping, meta, strict=True)
    with pytest.raises(CozeInvalidEventError, match="id"):  # a known event still needs its id
        decode_workflow_event(ServerSentEvent("Message", "{}", None), meta, strict=False)
