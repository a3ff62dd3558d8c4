"""The emulator's workflows API against the official cozepy client (sync and async) and on the
raw wire: run, stream_run, stream_resume, the Error event, run histories, chatflows, error codes.

The emulators here are strict (checked against the API's request schemas). cozepy 0.20 leaves a
chatflow's ``parameters`` out when none are given, which the API requires: its calls below pass
``parameters={}`` (strict mode refuses the omission, see test_cozepy_chatflow_without_parameters_is_refused_in_strict_mode).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import orjson
import pytest

from coze_async.emulator import ECHO_BOT_ID, Emulator
from coze_async.emulator.routes.workflows import (
    ECHO_WORKFLOW_ID,
    ERROR_CODE,
    ERROR_MESSAGE,
    ERROR_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    QUESTION,
)

cozepy = pytest.importorskip("cozepy")

from cozepy import (  # noqa: E402
    ChatEventType,
    ChatStatus,
    CozeAPIError,
    Message,
    WorkflowEvent,
    WorkflowEventType,
)
from cozepy.workflows.runs.run_histories import (  # noqa: E402
    WorkflowExecuteStatus,
    WorkflowRunMode,
)

UNKNOWN_WORKFLOW_ID = "7199999999999999999"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


@pytest.fixture
def coze(emu: Emulator) -> Iterator[Any]:
    # cozepy never closes its own HTTP client: give it one this test owns and closes.
    with cozepy.SyncHTTPClient() as http:
        yield cozepy.Coze(auth=cozepy.TokenAuth(emu.token), base_url=emu.base_url, http_client=http)


def text_of(events: list[WorkflowEvent], node_title: str = "Message") -> str:
    return "".join(
        e.message.content
        for e in events
        if e.event is WorkflowEventType.MESSAGE and e.message.node_title == node_title
    )


def ask(text: str) -> list[Message]:
    return [Message.build_user_question_text(text)]


# -- POST /v1/workflow/run ----------------------------------------------------------------------


def test_run_returns_output_json_debug_url_execute_id_and_usage(coze: Any) -> None:
    result = coze.workflows.runs.create(
        workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "hello workflow"}
    )
    assert orjson.loads(result.data) == {"output": "hello workflow"}
    assert result.execute_id.isdigit() and len(result.execute_id) == 19
    assert result.debug_url.startswith("https://")
    assert f"execute_id={result.execute_id}" in result.debug_url
    assert f"workflow_id={ECHO_WORKFLOW_ID}" in result.debug_url
    assert result.usage is not None
    assert result.usage.token_count == result.usage.input_count + result.usage.output_count > 0

    history = coze.workflows.runs.run_histories.retrieve(
        workflow_id=ECHO_WORKFLOW_ID, execute_id=result.execute_id
    )
    assert history.execute_status is WorkflowExecuteStatus.SUCCESS
    assert history.run_mode is WorkflowRunMode.SYNCHRONOUS
    assert history.output == result.data
    assert history.error_code == 0
    assert history.debug_url == result.debug_url
    assert history.bot_id == "0"
    assert history.connector_id == "1024"
    assert history.is_output_trimmed is False
    assert history.logid == result.response.logid


def test_run_without_input_outputs_the_whole_parameters_as_json(coze: Any) -> None:
    result = coze.workflows.runs.create(
        workflow_id=ECHO_WORKFLOW_ID, parameters={"a": 1, "b": [True, None]}
    )
    output = orjson.loads(result.data)["output"]
    assert isinstance(output, str)
    assert orjson.loads(output) == {"a": 1, "b": [True, None]}


def test_async_run_reports_running_then_its_outcome_in_run_histories(coze: Any) -> None:
    started = coze.workflows.runs.create(
        workflow_id=ECHO_WORKFLOW_ID,
        parameters={"input": "later"},
        is_async=True,
        bot_id=ECHO_BOT_ID,
        ext={"user_id": "user-42"},
    )
    assert started.data == ""
    assert started.execute_id
    assert started.usage is None

    runs = coze.workflows.runs.run_histories
    first = runs.retrieve(workflow_id=ECHO_WORKFLOW_ID, execute_id=started.execute_id)
    assert first.execute_status is WorkflowExecuteStatus.RUNNING
    assert first.output == ""
    assert first.run_mode is WorkflowRunMode.ASYNCHRONOUS

    done = runs.retrieve(workflow_id=ECHO_WORKFLOW_ID, execute_id=started.execute_id)
    assert done.execute_status is WorkflowExecuteStatus.SUCCESS
    assert orjson.loads(done.output) == {"output": "later"}
    assert done.bot_id == ECHO_BOT_ID
    assert done.connector_uid == "user-42"
    assert done.usage is not None and done.usage.token_count > 0

    assert done.node_execute_status is not None
    end = done.node_execute_status["End"]
    assert end.is_finish is True
    node = runs.execute_nodes.retrieve(
        workflow_id=ECHO_WORKFLOW_ID,
        execute_id=started.execute_id,
        node_execute_uuid=end.node_execute_uuid,
    )
    assert node.is_finish is True
    assert node.node_output == done.output


def test_run_of_the_error_workflow_fails_with_4000_and_records_the_failure(coze: Any) -> None:
    with pytest.raises(CozeAPIError) as info:
        coze.workflows.runs.create(workflow_id=ERROR_WORKFLOW_ID, parameters={"input": "x"})
    assert info.value.code == ERROR_CODE
    assert info.value.msg == ERROR_MESSAGE
    assert info.value.debug_url.startswith("https://")
    assert info.value.logid

    execute_id = info.value.debug_url.split("execute_id=")[1].split("&")[0]
    history = coze.workflows.runs.run_histories.retrieve(
        workflow_id=ERROR_WORKFLOW_ID, execute_id=execute_id
    )
    assert history.execute_status is WorkflowExecuteStatus.FAIL
    assert history.error_code == ERROR_CODE
    assert history.error_message == ERROR_MESSAGE
    assert history.output == ""


# -- POST /v1/workflow/stream_run -----------------------------------------------------------------


def test_stream_yields_message_chunks_then_the_end_output_and_no_done(coze: Any) -> None:
    text = "the quick brown fox jumps"
    events = list(
        coze.workflows.runs.stream(workflow_id=ECHO_WORKFLOW_ID, parameters={"input": text})
    )
    assert all(e.event is WorkflowEventType.MESSAGE for e in events)
    assert [e.id for e in events] == list(range(len(events)))

    chunks, end = events[:-1], events[-1]
    assert len(chunks) == 5
    assert "".join(e.message.content for e in chunks) == text
    assert [e.message.node_seq_id for e in chunks] == [str(i) for i in range(5)]
    assert [e.message.node_is_finish for e in chunks] == [False] * 4 + [True]
    assert {e.message.node_title for e in chunks} == {"Message"}

    # The last message carries the run's output JSON (node_title "" as in the recording).
    assert orjson.loads(end.message.content) == {"output": text}
    assert end.message.node_is_finish is True
    assert end.message.node_title == ""
    assert end.message.usage is not None and end.message.usage.token_count > 0


def test_streamed_run_is_in_run_histories_with_streaming_mode(coze: Any, emu: Emulator) -> None:
    stream = coze.workflows.runs.stream(workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "hi"})
    events = list(stream)
    assert text_of(events) == "hi"
    # The events do not name the execute id: find the run by the stream's log id.
    (execute_id,) = (
        execute_id
        for execute_id, run in emu.store.workflows.runs.items()
        if run.history["logid"] == stream.response.logid
    )
    history = coze.workflows.runs.run_histories.retrieve(
        workflow_id=ECHO_WORKFLOW_ID, execute_id=execute_id
    )
    assert history.run_mode is WorkflowRunMode.STREAMING
    assert history.execute_status is WorkflowExecuteStatus.SUCCESS
    assert orjson.loads(history.output) == {"output": "hi"}


def test_error_workflow_streams_one_error_event_and_ends(coze: Any) -> None:
    events = list(coze.workflows.runs.stream(workflow_id=ERROR_WORKFLOW_ID))
    assert len(events) == 1
    (error,) = events
    assert error.event is WorkflowEventType.ERROR
    assert error.id == 0
    assert error.error.error_code == ERROR_CODE
    assert error.error.error_message == ERROR_MESSAGE


# -- interrupts and POST /v1/workflow/stream_resume -----------------------------------------------


def _interrupt(coze: Any) -> tuple[list[WorkflowEvent], Any]:
    events = list(coze.workflows.runs.stream(workflow_id=INTERRUPT_WORKFLOW_ID))
    assert [e.event for e in events] == [WorkflowEventType.MESSAGE, WorkflowEventType.INTERRUPT]
    return events, events[-1].interrupt


def test_interrupt_then_resume_answers_with_the_resume_data(coze: Any) -> None:
    events, interrupt = _interrupt(coze)
    question = events[0].message
    assert question.content == QUESTION
    assert question.node_is_finish is True
    assert interrupt.node_title == question.node_title == "Question"
    assert interrupt.interrupt_data.type == 2
    execute_id, _, node_part = interrupt.interrupt_data.event_id.partition("/")
    assert execute_id.isdigit() and node_part.isdigit()

    runs = coze.workflows.runs.run_histories
    waiting = runs.retrieve(workflow_id=INTERRUPT_WORKFLOW_ID, execute_id=execute_id)
    assert waiting.execute_status is WorkflowExecuteStatus.RUNNING

    resumed = list(
        coze.workflows.runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=interrupt.interrupt_data.event_id,
            resume_data="Paris",
            interrupt_type=interrupt.interrupt_data.type,
        )
    )
    assert all(e.event is WorkflowEventType.MESSAGE for e in resumed)
    assert [e.id for e in resumed] == list(range(len(resumed)))
    assert text_of(resumed) == "The weather in Paris is sunny."
    assert orjson.loads(resumed[-1].message.content) == {"output": "The weather in Paris is sunny."}

    finished = runs.retrieve(workflow_id=INTERRUPT_WORKFLOW_ID, execute_id=execute_id)
    assert finished.execute_status is WorkflowExecuteStatus.SUCCESS
    assert finished.output == resumed[-1].message.content

    # An interrupt is resumed once.
    with pytest.raises(CozeAPIError) as info:
        list(
            coze.workflows.runs.resume(
                workflow_id=INTERRUPT_WORKFLOW_ID,
                event_id=interrupt.interrupt_data.event_id,
                resume_data="Rome",
                interrupt_type=2,
            )
        )
    assert info.value.code == 4000


def test_an_empty_answer_asks_again_with_a_fresh_event_id(coze: Any) -> None:
    _, interrupt = _interrupt(coze)
    again = list(
        coze.workflows.runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=interrupt.interrupt_data.event_id,
            resume_data="",
            interrupt_type=2,
        )
    )
    assert [e.event for e in again] == [WorkflowEventType.MESSAGE, WorkflowEventType.INTERRUPT]
    assert again[0].message.content == QUESTION
    second = again[1].interrupt.interrupt_data
    assert second.event_id != interrupt.interrupt_data.event_id
    assert second.event_id.split("/")[0] == interrupt.interrupt_data.event_id.split("/")[0]
    answered = list(
        coze.workflows.runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=second.event_id,
            resume_data="Oslo",
            interrupt_type=second.type,
        )
    )
    assert text_of(answered) == "The weather in Oslo is sunny."


@pytest.mark.parametrize(
    ("event_id", "interrupt_type", "workflow_id"),
    [
        ("7400000000000000000/1", 2, INTERRUPT_WORKFLOW_ID),  # unknown event
        (None, 5, INTERRUPT_WORKFLOW_ID),  # wrong interrupt type
        (None, 2, ECHO_WORKFLOW_ID),  # the event of another workflow
    ],
)
def test_resume_rejects_an_event_it_cannot_resume_with_4000(
    coze: Any, event_id: str | None, interrupt_type: int, workflow_id: str
) -> None:
    _, interrupt = _interrupt(coze)
    with pytest.raises(CozeAPIError) as info:
        coze.workflows.runs.resume(
            workflow_id=workflow_id,
            event_id=event_id or interrupt.interrupt_data.event_id,
            resume_data="Paris",
            interrupt_type=interrupt_type,
        )
    assert info.value.code == 4000
    # The interrupt is still waiting.
    ok = list(
        coze.workflows.runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=interrupt.interrupt_data.event_id,
            resume_data="Lima",
            interrupt_type=2,
        )
    )
    assert text_of(ok) == "The weather in Lima is sunny."


def test_sync_run_of_the_interrupt_workflow_can_be_resumed_by_stream(coze: Any, emu: Emulator):
    result = coze.workflows.runs.create(workflow_id=INTERRUPT_WORKFLOW_ID)
    assert result.data == ""
    history = coze.workflows.runs.run_histories.retrieve(
        workflow_id=INTERRUPT_WORKFLOW_ID, execute_id=result.execute_id
    )
    assert history.execute_status is WorkflowExecuteStatus.RUNNING
    # cozepy drops the result's interrupt_data (the raw test checks it): read it from the store.
    event_id = emu.store.workflows.runs[result.execute_id].interrupt["event_id"]
    assert event_id.startswith(result.execute_id + "/")
    resumed = list(
        coze.workflows.runs.resume(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            event_id=event_id,
            resume_data="Kyiv",
            interrupt_type=2,
        )
    )
    assert text_of(resumed) == "The weather in Kyiv is sunny."


# -- error codes ---------------------------------------------------------------------------------


def test_unknown_workflow_is_4200_and_missing_workflow_id_is_4000(coze: Any) -> None:
    runs = coze.workflows.runs
    calls = [
        lambda wid: runs.create(workflow_id=wid),
        lambda wid: runs.stream(workflow_id=wid),
        lambda wid: runs.resume(workflow_id=wid, event_id="1/2", resume_data="x", interrupt_type=2),
        lambda wid: coze.workflows.chat.stream(
            workflow_id=wid, bot_id=ECHO_BOT_ID, additional_messages=ask("hi"), parameters={}
        ),
        lambda wid: runs.run_histories.retrieve(workflow_id=wid, execute_id="1"),
    ]
    for call in calls:
        with pytest.raises(CozeAPIError) as info:
            call(UNKNOWN_WORKFLOW_ID)
        assert info.value.code == 4200
        assert info.value.logid
    for call in calls[:4]:
        with pytest.raises(CozeAPIError) as info:
            call("")
        assert info.value.code == 4000


def test_unknown_execute_id_and_node_are_4200(coze: Any) -> None:
    histories = coze.workflows.runs.run_histories
    with pytest.raises(CozeAPIError) as info:
        histories.retrieve(workflow_id=ECHO_WORKFLOW_ID, execute_id="7400000000000000000")
    assert info.value.code == 4200
    run = coze.workflows.runs.create(workflow_id=ECHO_WORKFLOW_ID, parameters={"input": "x"})
    with pytest.raises(CozeAPIError) as info:  # the run of another workflow
        histories.retrieve(workflow_id=ERROR_WORKFLOW_ID, execute_id=run.execute_id)
    assert info.value.code == 4200
    with pytest.raises(CozeAPIError) as info:
        histories.execute_nodes.retrieve(
            workflow_id=ECHO_WORKFLOW_ID, execute_id=run.execute_id, node_execute_uuid="1"
        )
    assert info.value.code == 4200


# -- POST /v1/workflows/chat ---------------------------------------------------------------------


def test_chatflow_streams_chat_events_echoing_the_last_user_message(
    coze: Any, emu: Emulator
) -> None:
    stream = coze.workflows.chat.stream(
        workflow_id=ECHO_WORKFLOW_ID,
        bot_id=ECHO_BOT_ID,
        additional_messages=[
            Message.build_user_question_text("first question"),
            Message.build_assistant_answer("first answer"),
            Message.build_user_question_text("echo me back please"),
        ],
        parameters={"lang": "en"},
    )
    events = list(stream)
    kinds = [e.event for e in events]
    assert kinds[:2] == [
        ChatEventType.CONVERSATION_CHAT_CREATED,
        ChatEventType.CONVERSATION_CHAT_IN_PROGRESS,
    ]
    assert kinds[-2:] == [
        ChatEventType.CONVERSATION_MESSAGE_COMPLETED,
        ChatEventType.CONVERSATION_CHAT_COMPLETED,
    ]
    deltas = [e for e in events if e.event is ChatEventType.CONVERSATION_MESSAGE_DELTA]
    assert len(deltas) > 1
    assert "".join(d.message.content for d in deltas) == "echo me back please"
    completed = events[-2].message
    assert completed.content == "echo me back please"
    assert completed.role == "assistant" and completed.type == "answer"
    chat = events[-1].chat
    assert chat.status is ChatStatus.COMPLETED
    assert chat.bot_id == ECHO_BOT_ID
    assert chat.usage is not None and chat.usage.token_count > 0
    assert chat.id == events[0].chat.id == completed.chat_id
    assert stream.response.logid

    stored = emu.store.conversations.messages[chat.conversation_id]
    assert [m["content"] for m in stored] == [
        "first question",
        "first answer",
        "echo me back please",
        "echo me back please",
    ]


def test_chatflow_of_the_interrupt_workflow_asks_then_answers_in_one_conversation(
    coze: Any,
) -> None:
    first = list(
        coze.workflows.chat.stream(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            app_id="7300000000000000001",
            additional_messages=ask("weather?"),
            parameters={},
        )
    )
    assert first[-2].message.content == QUESTION
    conversation_id = first[-1].chat.conversation_id
    assert first[-1].chat.bot_id == "7300000000000000001"
    second = list(
        coze.workflows.chat.stream(
            workflow_id=INTERRUPT_WORKFLOW_ID,
            app_id="7300000000000000001",
            conversation_id=conversation_id,
            parameters={},
            additional_messages=ask("Berlin"),
        )
    )
    assert second[-2].message.content == "The weather in Berlin is sunny."
    assert second[-1].chat.conversation_id == conversation_id
    assert second[-1].chat.status is ChatStatus.COMPLETED


def test_chatflow_of_the_error_workflow_fails_the_chat(coze: Any) -> None:
    events = list(
        coze.workflows.chat.stream(
            workflow_id=ERROR_WORKFLOW_ID,
            bot_id=ECHO_BOT_ID,
            additional_messages=ask("hi"),
            parameters={},
        )
    )
    assert events[-1].event is ChatEventType.CONVERSATION_CHAT_FAILED
    assert events[-1].chat.status is ChatStatus.FAILED
    assert events[-1].chat.last_error.code != 0
    assert ERROR_MESSAGE in events[-1].chat.last_error.msg


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"additional_messages": ask("hi")}, 4000),  # neither bot_id nor app_id
        ({"bot_id": ECHO_BOT_ID, "app_id": "1", "additional_messages": ask("hi")}, 4000),
        ({"bot_id": "7099999999999999999", "additional_messages": ask("hi")}, 4200),
        ({"bot_id": ECHO_BOT_ID}, 4000),  # no user message
        ({"bot_id": ECHO_BOT_ID, "additional_messages": ask("hi"), "conversation_id": "1"}, 4200),
    ],
)
def test_chatflow_request_errors(coze: Any, kwargs: dict[str, Any], code: int) -> None:
    with pytest.raises(CozeAPIError) as info:
        coze.workflows.chat.stream(workflow_id=ECHO_WORKFLOW_ID, parameters={}, **kwargs)
    assert info.value.code == code


# -- async cozepy ----------------------------------------------------------------------------------


async def test_async_cozepy_streams_and_resumes(emu: Emulator) -> None:
    async with cozepy.AsyncHTTPClient() as http:
        coze = cozepy.AsyncCoze(
            auth=cozepy.AsyncTokenAuth(emu.token), base_url=emu.base_url, http_client=http
        )
        events = [
            e
            async for e in coze.workflows.runs.stream(
                workflow_id=INTERRUPT_WORKFLOW_ID, parameters={}
            )
        ]
        interrupt = events[-1].interrupt.interrupt_data
        resumed = [
            e
            async for e in coze.workflows.runs.resume(
                workflow_id=INTERRUPT_WORKFLOW_ID,
                event_id=interrupt.event_id,
                resume_data="Tokyo",
                interrupt_type=interrupt.type,
            )
        ]
        assert text_of(resumed) == "The weather in Tokyo is sunny."
        chat = [
            e
            async for e in coze.workflows.chat.stream(
                workflow_id=ECHO_WORKFLOW_ID,
                bot_id=ECHO_BOT_ID,
                additional_messages=ask("ping"),
                parameters={},
            )
        ]
        assert chat[-2].message.content == "ping"


# -- the raw wire ------------------------------------------------------------------------------


@pytest.fixture
async def raw() -> AsyncIterator[tuple[Emulator, aiohttp.ClientSession]]:
    async with Emulator(strict=True) as emulator:
        headers = {"Authorization": f"Bearer {emulator.token}"}
        async with aiohttp.ClientSession(emulator.base_url, headers=headers) as session:
            yield emulator, session


def frames(body: bytes) -> list[list[str]]:
    text = body.decode()
    assert text.endswith("\n\n")
    return [block.split("\n") for block in text[:-2].split("\n\n")]


async def test_raw_stream_run_frames_id_event_data_with_one_space(raw: Any) -> None:
    _, session = raw
    async with session.post(
        "/v1/workflow/stream_run",
        json={"workflow_id": ECHO_WORKFLOW_ID, "parameters": {"input": "a b"}},
    ) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/event-stream")
        logid = resp.headers["x-tt-logid"]
        body = await resp.read()
    assert len(logid) > 14 and logid[:14].isdigit()
    blocks = frames(body)
    for n, block in enumerate(blocks):
        assert len(block) == 3
        assert block[0] == f"id: {n}"
        assert block[1].startswith("event: ") and not block[1].startswith("event:  ")
        assert block[2].startswith("data: {")
    events = [(b[1][len("event: ") :], orjson.loads(b[2][len("data: ") :])) for b in blocks]
    assert [name for name, _ in events] == ["Message", "Message", "Message", "Done"]
    assert events[0][1] == {
        "content": "a ",
        "node_is_finish": False,
        "node_seq_id": "0",
        "node_title": "Message",
    }
    end = events[2][1]
    assert orjson.loads(end["content"]) == {"output": "a b"}
    assert end["cost"] == "0.00" and end["token"] == end["usage"]["token_count"]
    assert events[3][1] == {}


async def test_raw_error_and_interrupt_streams_end_without_done(raw: Any) -> None:
    _, session = raw
    async with session.post(
        "/v1/workflow/stream_run", json={"workflow_id": ERROR_WORKFLOW_ID}
    ) as r:
        body = await r.read()
    assert frames(body) == [
        [
            "id: 0",
            "event: Error",
            "data: " + orjson.dumps({"error_code": 4000, "error_message": ERROR_MESSAGE}).decode(),
        ]
    ]
    async with session.post(
        "/v1/workflow/stream_run", json={"workflow_id": INTERRUPT_WORKFLOW_ID}
    ) as r:
        blocks = frames(await r.read())
    assert [b[:2] for b in blocks] == [["id: 0", "event: Message"], ["id: 1", "event: Interrupt"]]
    interrupt = orjson.loads(blocks[1][2][len("data: ") :])
    assert set(interrupt) == {"interrupt_data", "node_title"}
    assert set(interrupt["interrupt_data"]) == {"data", "event_id", "type"}


async def test_raw_sync_run_envelope_and_interrupt_data(raw: Any) -> None:
    _, session = raw
    async with session.post(
        "/v1/workflow/run", json={"workflow_id": ECHO_WORKFLOW_ID, "parameters": {"input": 7}}
    ) as r:
        body = await r.json()
        assert r.headers["x-tt-logid"] == body["detail"]["logid"]
    assert body["code"] == 0 and body["msg"] == ""
    assert orjson.loads(body["data"]) == {"output": 7}
    assert set(body) == {"code", "msg", "data", "debug_url", "execute_id", "usage", "detail"}
    assert set(body["usage"]) == {"token_count", "output_count", "input_count"}

    async with session.post("/v1/workflow/run", json={"workflow_id": INTERRUPT_WORKFLOW_ID}) as r:
        body = await r.json()
    assert body["data"] == ""
    assert body["interrupt_data"]["type"] == 2
    assert body["interrupt_data"]["event_id"].startswith(body["execute_id"] + "/")


async def test_raw_errors_are_json_envelopes(raw: Any) -> None:
    _, session = raw
    for path in ("/v1/workflow/run", "/v1/workflow/stream_run", "/v1/workflows/chat"):
        async with session.post(path, json={}) as r:
            assert r.status == 200
            assert r.content_type == "application/json"
            body = await r.json()
        assert body["code"] == 4000
        assert "workflow_id" in body["msg"]
        assert body["detail"]["logid"] == r.headers["x-tt-logid"]
    async with session.post(
        "/v1/workflow/run", json={"workflow_id": ECHO_WORKFLOW_ID, "parameters": "{not json"}
    ) as r:
        assert (await r.json())["code"] == 4000


async def test_raw_chatflow_uses_chat_framing_without_spaces_or_ids(raw: Any) -> None:
    _, session = raw
    async with session.post(
        "/v1/workflows/chat",
        json={
            "workflow_id": ECHO_WORKFLOW_ID,
            "bot_id": ECHO_BOT_ID,
            "additional_messages": [{"role": "user", "content": "hey", "content_type": "text"}],
            "parameters": {},
        },
    ) as r:
        assert r.headers["x-tt-logid"]
        blocks = frames(await r.read())
    for block in blocks:
        assert len(block) == 2
        assert block[0].startswith("event:") and not block[0].startswith("event: ")
        assert block[1].startswith("data:") and not block[1].startswith("data: ")
    assert blocks[-1] == ["event:done", 'data:"[DONE]"']


def test_cozepy_chatflow_without_parameters_is_refused_in_strict_mode(coze: Any) -> None:
    with pytest.raises(CozeAPIError) as info:
        list(
            coze.workflows.chat.stream(
                workflow_id=ECHO_WORKFLOW_ID, bot_id=ECHO_BOT_ID, additional_messages=ask("hi")
            )
        )
    assert info.value.code == 4000
    assert "missing required field parameters" in (info.value.msg or "")


async def test_parameters_as_a_json_string_pass_only_when_not_strict() -> None:
    # workflow_run.yaml types parameters as a JSON-encoded string; the service takes an object
    # (../shared/spec/QUIRKS.md). The lenient emulator takes both, strict mode an object only.
    body = {"workflow_id": ECHO_WORKFLOW_ID, "parameters": '{"input": "x"}'}
    for strict, code in ((False, 0), (True, 4000)):
        async with Emulator(strict=strict) as emulator:
            headers = {"Authorization": f"Bearer {emulator.token}"}
            async with aiohttp.ClientSession(emulator.base_url, headers=headers) as session:
                async with session.post("/v1/workflow/run", json=body) as r:
                    answer = await r.json()
        assert answer["code"] == code, answer
        if strict:
            assert "field parameters must be an object, not string" in answer["msg"]
