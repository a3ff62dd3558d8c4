"""Shutdown under load: closing a client while its streams are read (async and sync), exiting
while a thread streams, a close that raises, warnings as errors, Ctrl-C in a sync call, a stream
closed while its client closes, a root kept alive by its resources, and a sync call that would
block the loop serving it. Each test bounds its waits, so a regression fails instead of hanging."""

from __future__ import annotations

import asyncio
import gc
import signal
import textwrap
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import coze_async._sync_layer as sync_layer
from coze_async import AsyncCoze, Coze, CozeClientClosedError, CozeError, Message, TokenAuth
from coze_async.emulator import ECHO_BOT_ID, Emulator
from tests.conftest import portal_threads, portal_threads_drop_to, run_python

#: A question the echo bot answers word by word: with ``event_delay=0.2`` the answer streams
#: for about 12 s, far longer than any test here waits.
LONG_QUESTION = " ".join(f"word{i}" for i in range(60))


def long_question() -> list[Message]:
    return [Message.build_user_question_text(LONG_QUESTION)]


def finishes_within(seconds: float, func: Callable[[], Any]) -> Any:
    """Run ``func()`` in a helper thread; fail if it has not returned after ``seconds`` (instead
    of hanging the test), re-raise what it raised, else return its result."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, func()))
        except BaseException as exc:
            outcome.append((False, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{func} still running after {seconds} s"
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


# -- close while streaming ---------------------------------------------------------------------


async def test_closing_an_async_client_ends_a_stream_being_read(coze_emulator):
    coze_emulator.inject(path="/v3/chat", event_delay=0.2)
    coze = AsyncCoze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
    first = asyncio.Event()
    seen: list[object] = []

    async def read() -> None:
        stream = coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=long_question()
        )
        async for event in stream:
            seen.append(event)
            first.set()

    task = asyncio.create_task(read())
    await asyncio.wait_for(first.wait(), 5)
    await asyncio.wait_for(coze.close(), 3)
    with pytest.raises(CozeClientClosedError, match="closed while this stream was open"):
        await asyncio.wait_for(task, 3)  # on the old code: TimeoutError, the reader never woke
    assert 0 < len(seen) < 20


def test_closing_a_sync_client_ends_a_stream_read_in_another_thread(coze_emulator):
    coze_emulator.inject(path="/v3/chat", event_delay=0.2)
    before = portal_threads()
    coze = Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
    first = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in coze.chat.stream(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=long_question()
            ):
                first.set()
        except BaseException as exc:
            errors.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert first.wait(5)
    finishes_within(5, coze.close)  # the old code sat in thread.join() for ever
    reader.join(5)
    assert not reader.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], CozeClientClosedError), repr(errors[0])
    assert portal_threads() == before


def test_the_process_exits_while_a_daemon_thread_streams_on_an_unclosed_client(coze_emulator):
    coze_emulator.inject(path="/v3/chat", event_delay=0.2)
    script = textwrap.dedent(
        f"""
        import threading
        from coze_async import Coze, Message, TokenAuth

        coze = Coze(TokenAuth({coze_emulator.token!r}), {coze_emulator.base_url!r})
        reading = threading.Event()

        def read():
            ask = [Message.build_user_question_text({LONG_QUESTION!r})]
            for _ in coze.chat.stream(bot_id={ECHO_BOT_ID!r}, user_id="u", additional_messages=ask):
                reading.set()

        threading.Thread(target=read, daemon=True).start()
        assert reading.wait(10)
        print("streaming", flush=True)
        """
    )
    start = time.monotonic()
    result = run_python(script, timeout=30)  # the old code: TimeoutExpired, the exit hung
    assert result.returncode == 0, result.stderr
    assert result.stdout == "streaming\n"
    assert time.monotonic() - start < 15


# -- close itself failing, warnings as errors -----------------------------------------------------


@pytest.mark.parametrize("own_thread", [False, True], ids=["run-by-the-caller", "own-thread"])
def test_a_close_that_raises_still_stops_the_loop_and_a_second_close_does_nothing(
    coze_emulator, monkeypatch, own_thread
):
    real_close = AsyncCoze.close
    closes: list[AsyncCoze] = []

    async def failing_close(self: AsyncCoze) -> None:
        closes.append(self)
        await real_close(self)
        raise RuntimeError("close failed")

    monkeypatch.setattr(AsyncCoze, "close", failing_close)
    before = portal_threads()
    coze = Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
    if own_thread:
        coze._portal.keep_running()
    coze.users.me()
    assert portal_threads() == before + own_thread
    loop = coze._portal._loop
    assert loop is not None
    with pytest.raises(RuntimeError, match="close failed"):
        coze.close()
    assert portal_threads() == before and loop.is_closed()
    coze.close()
    assert len(closes) == 1
    with pytest.raises(CozeClientClosedError):
        coze.users.me()
    assert portal_threads() == before


def test_an_unclosed_client_collected_with_warnings_as_errors_leaves_no_thread(coze_emulator):
    script = textwrap.dedent(
        f"""
        import gc, threading
        from coze_async import Coze, TokenAuth

        coze = Coze(TokenAuth({coze_emulator.token!r}), {coze_emulator.base_url!r})
        coze.users.me()
        del coze
        gc.collect()
        print(sum(t.name == "coze-async-portal" for t in threading.enumerate()), flush=True)
        """
    )
    result = run_python(script, "-W", "error::ResourceWarning")
    assert result.returncode == 0, result.stderr
    assert "ResourceWarning: unclosed Coze" in result.stderr  # the warning did raise
    assert result.stdout == "0\n"  # the old code warned first, so it never closed: 1


def test_at_exit_every_forgotten_client_is_closed_even_with_warnings_as_errors(coze_emulator):
    # atexit runs hooks last-registered-first: this one, registered before coze_async is
    # imported, runs after the library's hook has closed the forgotten clients.
    script = textwrap.dedent(
        f"""
        import atexit, threading

        def count():
            from coze_async._sync_layer import _RUNNING

            n = sum(t.name == "coze-async-portal" for t in threading.enumerate())
            print("portal threads after the hook:", n, "loops:", len(_RUNNING), flush=True)

        atexit.register(count)
        from coze_async import Coze, TokenAuth
        from coze_async._sync_layer import _RUNNING

        clients = [Coze(TokenAuth({coze_emulator.token!r}), {coze_emulator.base_url!r}) for _ in range(3)]
        clients[0]._portal.keep_running()  # one with its loop in a thread of its own
        for client in clients:
            client.users.me()
        print("portal threads in use:", sum(t.name == "coze-async-portal" for t in threading.enumerate()), "loops:", len(_RUNNING), flush=True)
        """
    )
    result = run_python(script, "-W", "error::ResourceWarning")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "portal threads in use: 1 loops: 3",
        "portal threads after the hook: 0 loops: 0",
    ], result.stderr


def test_forgotten_clients_give_one_warning_each_and_close_everything(coze_emulator):
    """A forgotten root is collected alone: its async client, session and connector are not
    finalized with it (each with its own "unclosed" warning) before it closed them."""
    before = portal_threads()
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        for _ in range(5):
            Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url).users.me()
        gc.collect()
    assert [str(w.message).split("(")[0] for w in warned] == ["unclosed Coze"] * 5
    assert portal_threads_drop_to(before) == before


@pytest.mark.parametrize("own_thread", [False, True], ids=["run-by-the-caller", "own-thread"])
def test_a_forgotten_client_collected_on_its_own_loop_thread_still_closes(
    coze_emulator, own_thread
):
    """Garbage collection runs in whichever thread allocates, often the one running the
    client's loop (its own thread, or a caller running it for a call), which cannot wait on
    itself: the close is scheduled there instead of skipped."""
    before = portal_threads()
    coze = Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
    if own_thread:
        coze._portal.keep_running()
    coze.users.me()
    portal, transport = coze._portal, coze._client._transport
    loop = portal._loop
    assert loop is not None

    async def collect() -> None:
        gc.collect()

    gc.disable()
    try:
        with pytest.warns(ResourceWarning, match="unclosed Coze"):
            del coze  # a reference cycle (root <-> cached resource): only gc frees it
            assert portal_threads() == before + own_thread
            if own_thread:
                portal.call_soon(gc.collect)
            else:
                portal.call(collect)  # collected while this thread runs the loop
            alive = portal_threads_drop_to(before)
    finally:
        gc.enable()
    assert alive == before  # before the fix: the thread and session stayed open
    assert not transport.has_open_session
    assert loop.is_closed()


async def test_a_forgotten_client_collected_in_the_loop_serving_it_still_closes():
    """Garbage collection can run in the thread whose loop serves the client's base_url (an
    in-process emulator): closing needs no answer from the server, so it is not refused there."""
    async with Emulator(strict=True) as emu:
        before = portal_threads()

        def use_and_forget() -> object:
            coze = Coze(TokenAuth(emu.token), emu.base_url)
            coze.users.me()
            return coze._client._transport

        gc.disable()
        try:
            transport = await asyncio.to_thread(use_and_forget)  # the root is now garbage
            with pytest.warns(ResourceWarning, match="unclosed Coze") as warned:
                gc.collect()  # in this thread, whose running loop serves emu.base_url
        finally:
            gc.enable()
        assert [str(w.message).split("(")[0] for w in warned] == ["unclosed Coze"]
        assert not transport.has_open_session  # type: ignore[attr-defined]
        assert portal_threads_drop_to(before) == before


# -- Ctrl-C in a sync call --------------------------------------------------------------------------


@pytest.mark.parametrize("own_thread", [False, True], ids=["run-by-the-caller", "own-thread"])
def test_ctrl_c_in_a_sync_call_cancels_the_work_in_the_clients_loop(coze_emulator, own_thread):
    coze_emulator.inject(path="/v3/chat/retrieve", latency=1.0, times=None)
    counts = coze_emulator.request_counts
    main = threading.main_thread().ident
    assert threading.get_ident() == main
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)

    def press_ctrl_c_once_the_first_poll_is_in_flight() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if counts.get("/v3/chat/retrieve"):  # never signals if the poll did not come
                signal.pthread_kill(main, signal.SIGINT)
                return
            time.sleep(0.01)

    ctrl_c = threading.Thread(target=press_ctrl_c_once_the_first_poll_is_in_flight, daemon=True)
    ctrl_c.start()
    try:
        with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
            if own_thread:
                coze._portal.keep_running()
            with pytest.raises(KeyboardInterrupt):
                coze.chat.create_and_poll(
                    bot_id=ECHO_BOT_ID,
                    user_id="u",
                    additional_messages=long_question(),
                    poll_interval=0.05,
                )
            retrieves = counts.get("/v3/chat/retrieve", 0)
            assert retrieves == 1  # the interrupt came while the first poll was in flight
            time.sleep(1.5)  # the old code went on: another poll at ~1.1 s, messages at ~2.1 s
            assert counts.get("/v3/chat/retrieve", 0) == retrieves
            assert counts.get("/v3/chat/message/list", 0) == 0
            coze_emulator.clear_faults()
            assert coze.users.me().user_id  # the client still works after the interrupt
            assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
    finally:
        ctrl_c.join(10)
        signal.signal(signal.SIGINT, previous)


# -- a stream closed while its client closes -----------------------------------------------------


def test_closing_a_stream_while_another_thread_closes_the_client_never_raises(
    coze_emulator, monkeypatch
):
    """The interleaving of B13, made certain: the stream sees the portal running, then another
    thread closes the client before the stream's own close reaches the loop."""
    coze_emulator.inject(path="/v3/chat", event_delay=0.2)
    coze = Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
    stream = coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=long_question())
    next(stream)
    running = sync_layer.Portal.running

    def close_the_client_after_reading(self: sync_layer.Portal) -> bool:
        value: bool = running.fget(self)  # type: ignore[attr-defined]
        finishes_within(5, coze.close)  # "another thread" closes the client now
        return value

    monkeypatch.setattr(sync_layer.Portal, "running", property(close_the_client_after_reading))
    with stream:  # __exit__ calls close(): it must not raise (nor mask the body's exception)
        pass
    monkeypatch.undo()
    stream.close()
    assert coze._portal.running is False
    assert stream._stream._raw is not None and stream._stream._raw.closed


def test_streams_closed_in_one_thread_while_the_client_closes_in_another(coze_emulator):
    """The same race left to the scheduler, a few times over: nothing but
    CozeClientClosedError ever comes out of the stream, and close() never raises."""
    coze_emulator.inject(path="/v3/chat", event_delay=0.2, times=None)
    for _ in range(5):
        coze = Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url)
        stream = coze.chat.stream(
            bot_id=ECHO_BOT_ID, user_id="u", additional_messages=long_question()
        )
        next(stream)
        go = threading.Barrier(2)

        def close_client(coze: Coze = coze, go: threading.Barrier = go) -> None:
            go.wait()
            coze.close()

        closer = threading.Thread(target=close_client, daemon=True)
        closer.start()
        go.wait()
        stream.close()
        closer.join(5)
        assert not closer.is_alive()
        with pytest.raises(StopIteration):
            next(stream)


# -- the root kept alive by its resources -----------------------------------------------------


def test_a_temporary_sync_root_lives_as_long_as_its_resources(coze_emulator):
    before = portal_threads()
    auth, url = TokenAuth(coze_emulator.token), coze_emulator.base_url
    with pytest.warns(ResourceWarning, match="unclosed Coze") as warned:
        assert Coze(auth, url).conversations.create().id  # the old code: "this client is closed"
        convs = Coze(auth, url).conversations
        gc.collect()
        assert convs.create().id
        assert convs.messages is convs.messages  # a sub-resource is built once
        del convs
        gc.collect()
    assert sum("unclosed Coze" in str(w.message) for w in warned) == 2
    assert portal_threads_drop_to(before) == before


# -- a sync call that would block the loop serving it -----------------------------------------------


async def test_a_sync_call_from_the_loop_serving_its_server_fails_at_once():
    async with Emulator(strict=True) as emu:
        start = time.monotonic()
        # timeout: on the old code the call would block this loop until the request timed out
        with Coze(TokenAuth(emu.token), emu.base_url, timeout=3, max_retries=0) as coze:
            with pytest.raises(CozeError, match="would wait forever"):
                coze.users.me()
        assert time.monotonic() - start < 2
        # the emulator was never blocked: an async client in the same loop is served
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as acoze:
            assert (await acoze.users.me()).user_id
