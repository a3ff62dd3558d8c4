"""The sync layer: every async method has a typed twin, streams cross the thread in batches, and
the client works inside a running event loop and cleans up after itself."""

from __future__ import annotations

import asyncio
import gc
import inspect
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
import pytest
from aiohttp import web

import coze_async._sync_layer as portal_module
from coze_async import (
    AsyncCoze,
    BadRequestError,
    ChatEventType,
    ChatStatus,
    Coze,
    CozeError,
    CozeStreamTruncatedError,
    Message,
    SyncStream,
    TokenAuth,
    ToolOutput,
)
from tests.conftest import (
    CHAT_STREAM,
    LivenessAtReads,
    cyclic_garbage,
    fixture_bytes,
    portal_threads,
    portal_threads_drop_to,
)

CHAT = fixture_bytes(CHAT_STREAM)
LOGID = "SYNC-LOGID"
CHAT_DATA = {"id": "chat-1", "conversation_id": "conv-1", "bot_id": "bot"}


def envelope(data: Any, *, code: int = 0, msg: str = "") -> web.Response:
    body = orjson.dumps({"code": code, "msg": msg, "data": data})
    return web.Response(body=body, content_type="application/json", headers={"x-tt-logid": LOGID})


def chat_app(*, stream_body: bytes = CHAT, polls_before_done: int = 1) -> web.Application:
    """A small stand-in for the chat API: stream, create, retrieve, cancel, tools, messages."""
    state = {"polls": 0}

    async def stream_reply(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "x-tt-logid": LOGID}
        )
        await resp.prepare(request)
        await resp.write(stream_body)
        await resp.write_eof()
        return resp

    async def create(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        if body["bot_id"] == "no-such-bot":
            return envelope(None, code=4000, msg="bot not found")
        if body["stream"]:
            return await stream_reply(request)
        return envelope({**CHAT_DATA, "status": "created"})

    async def retrieve(request: web.Request) -> web.Response:
        state["polls"] += 1
        done = state["polls"] > polls_before_done
        return envelope({**CHAT_DATA, "status": "completed" if done else "in_progress"})

    async def messages(request: web.Request) -> web.Response:
        answer = {"role": "assistant", "type": "answer", "content": "hi", "content_type": "text"}
        return envelope([answer])

    async def tools(request: web.Request) -> web.StreamResponse:
        if (await request.json())["stream"]:
            return await stream_reply(request)
        return envelope({**CHAT_DATA, "status": "in_progress"})

    async def cancel(request: web.Request) -> web.Response:
        return envelope({**CHAT_DATA, "status": "canceled"})

    app = web.Application()
    app.router.add_post("/v3/chat", create)
    app.router.add_post("/v3/chat/retrieve", retrieve)
    app.router.add_get("/v3/chat/message/list", messages)
    app.router.add_post("/v3/chat/submit_tool_outputs", tools)
    app.router.add_post("/v3/chat/cancel", cancel)
    return app


def question() -> list[Message]:
    return [Message.build_user_question_text("hello")]


# -- parity ------------------------------------------------------------------------------------


def _public_methods(obj: object) -> dict[str, Any]:
    return {
        name: getattr(obj, name)
        for name in dir(obj)
        if not name.startswith("_") and inspect.ismethod(getattr(obj, name))
    }


def _sub_resources(obj: object) -> dict[str, Any]:
    found = {}
    for name in dir(obj):
        if name.startswith("_"):
            continue
        value = getattr(obj, name)
        if hasattr(value, "_transport") and not inspect.ismethod(value):
            found[name] = value
    return found


def _walk_async(obj: object, path: str = "coze") -> dict[str, Any]:
    methods = {f"{path}.{name}": m for name, m in _public_methods(obj).items()}
    for name, child in _sub_resources(obj).items():
        methods.update(_walk_async(child, f"{path}.{name}"))
    return methods


def _resolve(root: object, dotted: str) -> Any:
    obj = root
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def test_every_async_resource_method_has_a_sync_twin_with_equal_parameters():
    async_coze = AsyncCoze(TokenAuth("t"), "https://api.test")
    methods = {
        path: m for path, m in _walk_async(async_coze).items() if not path.startswith("coze.close")
    }
    assert {"coze.chat.create", "coze.chat.stream", "coze.chat.messages.list"} <= set(methods)
    with Coze(TokenAuth("t"), "https://api.test") as coze:
        for path, async_method in methods.items():
            sync_method = _resolve(coze, path)
            assert callable(sync_method), path
            async_signature = inspect.signature(async_method)
            sync_signature = inspect.signature(sync_method)
            assert list(sync_signature.parameters.values()) == list(
                async_signature.parameters.values()
            ), path
            assert not inspect.iscoroutinefunction(sync_method), path
            # The same return kind, in its sync form (a stream for a stream, pages for pages).
            assert sync_signature.return_annotation == _sync_kind(
                async_signature.return_annotation
            ), path
            owner = type(_resolve(coze, path.rsplit(".", 1)[0]))
            assert sync_method.__qualname__ == f"{owner.__qualname__}.{path.rsplit('.', 1)[1]}"
            assert sync_method.__doc__, path


def _sync_kind(annotation: str) -> str:
    sync = annotation.replace("AsyncStream[", "SyncStream[").replace("AsyncPaged[", "SyncPaged[")
    # realtime builders: AsyncWebsocketSession -> WebsocketSession, AsyncWebsockets*Client -> ...
    sync = sync.replace("AsyncWebsocket", "Websocket")
    if sync == "AsyncFileHTTPResponse":  # audio: a binary body, read as it is consumed
        sync = "SyncFileHTTPResponse"
    assert "Async" not in sync, annotation
    return sync


def test_forward_reads_the_kind_of_the_async_method():
    """B8: forwarding a stream method used to type-check and hand sync users an AsyncStream."""
    with Coze(TokenAuth("t"), "https://api.test") as coze:
        assert isinstance(coze.workflows.chat.stream(workflow_id="w"), SyncStream)
        assert isinstance(coze.chat.stream(bot_id="b", user_id="u"), SyncStream)


def test_sync_twins_show_sync_types_at_run_time():
    from coze_async.resources.chat import ChatClient

    assert "SyncStream[ChatEvent]" in str(inspect.signature(ChatClient.stream))
    assert ChatClient.stream.__qualname__ == "ChatClient.stream"
    assert "start a chat and stream its events" in (ChatClient.stream.__doc__ or "").lower()
    # On the class, a family and a sub-resource give their client classes (help() works).
    assert Coze.chat is ChatClient
    assert Coze.chat.messages.list.__qualname__ == "ChatMessagesClient.list"


def test_sub_resources_are_built_once():
    with Coze(TokenAuth("t"), "https://api.test") as coze:
        assert coze.chat.messages is coze.chat.messages
        assert coze.workflows.runs.run_histories is coze.workflows.runs.run_histories
        assert coze.bots is coze.bots


# -- calls and streams --------------------------------------------------------------------------


def test_sync_calls_reach_the_server_and_return_models(threaded_server):
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        chat = coze.chat.create(bot_id="bot", user_id="u", additional_messages=question())
        assert chat.status is ChatStatus.CREATED and chat.response.logid == LOGID
        poll = coze.chat.create_and_poll(
            bot_id="bot", user_id="u", additional_messages=question(), poll_interval=0.01
        )
        assert poll.chat.status is ChatStatus.COMPLETED
        assert poll.messages is not None and [m.content for m in poll.messages] == ["hi"]
        chat = coze.chat.cancel(conversation_id="conv-1", chat_id="chat-1")
        assert chat.status is ChatStatus.CANCELED
        outputs = [ToolOutput(tool_call_id="call-1", output="42")]
        chat = coze.chat.submit_tool_outputs(
            conversation_id="conv-1", chat_id="chat-1", tool_outputs=outputs
        )
        assert chat.status is ChatStatus.IN_PROGRESS
        stream = coze.chat.submit_tool_outputs(
            conversation_id="conv-1", chat_id="chat-1", tool_outputs=outputs, stream=True
        )
        assert isinstance(stream, SyncStream)
        assert len(list(stream)) == 8
    sent = [(r.method, r.path) for r in server.requests]
    assert ("POST", "/v3/chat/submit_tool_outputs") in sent


def test_sync_errors_keep_their_type(threaded_server):
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(BadRequestError) as info:
            coze.chat.create(bot_id="no-such-bot", user_id="u")
        with pytest.raises(BadRequestError):
            list(coze.chat.stream(bot_id="no-such-bot", user_id="u"))
    assert info.value.code == 4000 and info.value.logid == LOGID


def test_sync_stream_replays_the_recorded_stream(threaded_server):
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        with coze.chat.stream(bot_id="bot", user_id="u", additional_messages=question()) as s:
            assert s.response.logid == LOGID
            events = list(s)
    assert [e.event for e in events][-1] is ChatEventType.CONVERSATION_CHAT_COMPLETED
    assert len(events) == 8
    assert "".join(e.message.content for e in events[2:6] if e.message) == "20星期三。"


def test_sync_stream_truncation_is_raised_in_the_caller(threaded_server):
    server = threaded_server(chat_app(stream_body=CHAT.split(b"event:done")[0]))
    received = []
    with Coze(TokenAuth("t"), server.url) as coze:
        with pytest.raises(CozeStreamTruncatedError) as info:
            for event in coze.chat.stream(bot_id="bot", user_id="u"):
                received.append(event)
    assert len(received) == 8 and info.value.events_seen == 8


def test_a_sync_stream_keeps_no_event_it_handed_out_while_it_reads_more(threaded_server):
    """While the next batch is read, the events handed out so far are the caller's alone: the
    stream does not keep them alive (the garbage collector would walk them in that read)."""
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        stream = coze.chat.stream(bot_id="bot", user_id="u", additional_messages=question())
        watch = LivenessAtReads(stream._stream)
        for event in stream:
            watch.seen(event)
        del event
    assert watch.handed_out == 8 and len(watch.at_reads) >= 2
    # At the read after the last batch, only the event the loop still names was alive.
    assert watch.at_reads[-1] == [False] * 7 + [True]


def test_sync_stream_crosses_the_thread_in_batches(threaded_server, monkeypatch):
    server = threaded_server(chat_app())
    hops = []
    original = portal_module.Portal.call

    def counting_call(self, func, **options):
        hops.append(func)
        return original(self, func, **options)

    monkeypatch.setattr(portal_module.Portal, "call", counting_call)
    with Coze(TokenAuth("t"), server.url) as coze:
        stream = coze.chat.stream(bot_id="bot", user_id="u")
        hops.clear()
        events = list(stream)
    assert len(events) == 8
    # The whole recording arrives in one or two reads: far fewer hops than events.
    assert len(hops) <= 4, len(hops)


async def test_sync_client_works_inside_a_running_event_loop(threaded_server):
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        events = list(coze.chat.stream(bot_id="bot", user_id="u"))
        chat = coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")
    assert len(events) == 8
    assert chat.id == "chat-1"


def test_sync_client_is_safe_to_share_between_threads(threaded_server):
    server = threaded_server(chat_app(polls_before_done=10**9))
    with Coze(TokenAuth("t"), server.url) as coze:

        def work(i: int) -> str:
            chat = coze.chat.retrieve(conversation_id="conv-1", chat_id=f"chat-{i}")
            return chat.id

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(work, range(200)))
    assert len(ids) == 200
    assert len(server.requests) == 200
    assert {r.query["chat_id"] for r in server.requests} == {f"chat-{i}" for i in range(200)}


# -- cleanup ------------------------------------------------------------------------------------


@pytest.mark.parametrize("own_thread", [False, True], ids=["run-by-the-caller", "own-thread"])
def test_close_stops_the_loop_and_its_thread_and_later_calls_fail(threaded_server, own_thread):
    server = threaded_server(chat_app())
    before = portal_threads()
    coze = Coze(TokenAuth("t"), server.url)
    if own_thread:
        coze._portal.keep_running()
    coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")
    assert portal_threads() == before + own_thread
    loop = coze._portal._loop
    assert loop is not None and not loop.is_closed()
    coze.close()
    coze.close()
    assert portal_threads() == before and loop.is_closed()
    with pytest.raises(CozeError, match="closed"):
        coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")


def test_a_caller_without_a_loop_runs_the_call_in_its_own_thread(threaded_server):
    """No thread hop for a plain script: the call's coroutine runs in the calling thread."""
    server = threaded_server(chat_app())
    ran_in: list[int] = []
    with Coze(TokenAuth("t"), server.url) as coze:

        async def where() -> None:
            ran_in.append(threading.get_ident())

        for _ in range(3):
            coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")
            coze._portal.call(where)
        assert portal_threads() == 0
    assert ran_in == [threading.get_ident()] * 3


def test_a_second_thread_moves_the_loop_to_its_own_thread_mid_call(threaded_server):
    """While one thread runs the loop for a long call, a call from another thread is served
    at once: the first hands the loop to a thread of its own, and both calls complete."""
    server = threaded_server(chat_app())
    gate = threading.Event()
    with Coze(TokenAuth("t"), server.url) as coze:

        async def long_call() -> str:
            while not gate.is_set():
                await asyncio.sleep(0.01)
            chat = await coze._async.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")
            return chat.id

        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(coze._portal.call, long_call)
            while coze._portal._driver is None:  # the pool's thread runs the loop now
                time.sleep(0.01)
            assert portal_threads() == 0
            second = coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-2")
            assert portal_threads() == 1
            gate.set()
            assert first.result(10) == "chat-1" and second.id == "chat-1"
        coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-3")
    assert [r.query["chat_id"] for r in server.requests] == ["chat-2", "chat-1", "chat-3"]
    assert portal_threads() == 0


def test_break_then_close_releases_the_connection(threaded_server):
    server = threaded_server(chat_app())
    threads_before = threading.active_count()
    with Coze(TokenAuth("t"), server.url) as coze:
        for _ in range(1000):
            stream = coze.chat.stream(bot_id="bot", user_id="u")
            for _ in stream:
                break
            stream.close()
            assert stream._stream._raw is not None and stream._stream._raw.closed
    assert len(server.requests) == 1000
    assert threading.active_count() == threads_before


def test_bare_break_releases_the_connection_after_garbage_collection(threaded_server):
    server = threaded_server(chat_app())
    with Coze(TokenAuth("t"), server.url) as coze:
        stream = coze.chat.stream(bot_id="bot", user_id="u")
        for _ in stream:
            break
        inner = stream._stream
        del stream
        gc.collect()
        coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")  # lets the loop run
        assert inner._raw is not None and inner._raw.closed


def test_unclosed_sync_client_warns_and_stops_its_thread(threaded_server):
    server = threaded_server(chat_app())
    before = portal_threads()
    coze = Coze(TokenAuth("t"), server.url)
    coze.chat.retrieve(conversation_id="conv-1", chat_id="chat-1")
    with pytest.warns(ResourceWarning, match="unclosed Coze"):
        del coze
        gc.collect()
    assert portal_threads_drop_to(before) == before


def test_constructor_validates_in_the_callers_thread():
    with pytest.raises(ValueError, match="base_url"):
        Coze(TokenAuth("t"), "not a url")
    with pytest.raises(TypeError, match="auth"):
        Coze("a token string")  # type: ignore[arg-type]


# -- the portal's loop run by its callers: the hand-overs (found by review) -------------------


def test_a_call_while_a_finalizer_runs_the_loop_in_place_waits_for_it_without_breaking_it():
    portal = portal_module.Portal()
    portal.call(lambda: asyncio.sleep(0))  # the loop exists, nobody runs it
    answers: list[object] = []

    def other_thread() -> None:
        time.sleep(0.1)
        answers.append(portal.call(lambda: asyncio.sleep(0, "ok")))

    thread = threading.Thread(target=other_thread)
    thread.start()
    portal.call_soon(lambda: asyncio.sleep(0.5))  # runs here: nobody else runs the loop
    thread.join(10)
    portal.stop()
    assert answers == ["ok"]  # before: the other thread stopped this run: RuntimeError here


def test_call_soon_from_a_thread_running_another_loop_runs_without_waiting_for_a_call():
    portal = portal_module.Portal()
    portal.call(lambda: asyncio.sleep(0))  # the loop is idle, with no thread
    ran = threading.Event()

    async def elsewhere() -> bool:
        portal.call_soon(ran.set)  # as a stream dropped inside async code does
        return await asyncio.to_thread(ran.wait, 5)

    assert asyncio.run(elsewhere())  # before: it ran only at the client's next call
    portal.stop()


def test_stop_from_a_thread_running_another_loop_closes_the_idle_loop():
    portal = portal_module.Portal()
    portal.call(lambda: asyncio.sleep(0))
    loop = portal._loop
    assert loop is not None

    async def elsewhere() -> None:
        portal.stop()  # as a sync OAuth app's close() in async code

    asyncio.run(elsewhere())  # before: "Cannot run the event loop while another loop is running"
    assert loop.is_closed() and not portal_module._RUNNING & {portal}


def test_ctrl_c_as_the_loop_is_released_leaves_the_client_usable(monkeypatch):
    """SIGINT may come at any point of a call run in place, also after the loop ran: it is
    raised as KeyboardInterrupt once the portal's state is consistent, never in the middle."""
    assert threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    portal = portal_module.Portal()
    release = portal_module.Portal._release_loop
    fired: list[bool] = []

    def release_with_ctrl_c(self, loop):
        if not fired:
            fired.append(True)
            signal.raise_signal(signal.SIGINT)
        release(self, loop)

    monkeypatch.setattr(portal_module.Portal, "_release_loop", release_with_ctrl_c)
    try:
        with pytest.raises(KeyboardInterrupt):
            portal.call(lambda: asyncio.sleep(0, 1))
        assert portal._driver is None and not portal.in_loop_thread
        assert portal.call(lambda: asyncio.sleep(0, 2)) == 2  # before: "own event-loop thread"
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        portal.stop()
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("threaded", [False, True], ids=["run in place", "handed over"])
def test_a_call_whose_work_raises_system_exit_raises_it_and_leaves_no_garbage(threaded):
    """SystemExit (or KeyboardInterrupt) from a call's work is the caller's: raised to it, the
    loop (its thread, if it has one) serving on, and no reference cycle left behind (the garbage
    collector finalizing the call's task at some later point: on Python 3.11, during an
    ``ast.parse`` that then fails with "AST constructor recursion depth mismatch")."""
    portal = portal_module.Portal()
    if threaded:
        portal.keep_running()

    async def leave() -> None:
        raise SystemExit(3)

    try:
        with cyclic_garbage() as garbage:
            with pytest.raises(SystemExit) as raised:
                portal.call(leave)
            code = raised.value.code
            del raised  # its traceback holds this frame
        assert code == 3
        assert garbage == []
        assert portal.call(lambda: asyncio.sleep(0, "next")) == "next"
        assert not portal._tasks
    finally:
        portal.stop()
