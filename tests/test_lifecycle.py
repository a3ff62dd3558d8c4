"""Client lifecycle under stress: successive event loops, many threads, file descriptors, and
the envelope decoder fed arbitrary bytes."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coze_async import AsyncCoze, Coze, CozeAPIError, CozeError, Message, TokenAuth
from coze_async._envelope import decode_envelope
from coze_async.emulator import ECHO_BOT_ID, Emulator


def ask() -> list[Message]:
    return [Message.build_user_question_text("hello")]


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


# The first loop ends with the unclosed client's keep-alive socket still open: Python rightly
# reports that (close the client inside each loop); what is tested is that the client works.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_one_async_client_in_two_successive_event_loops(coze_emulator):
    coze = AsyncCoze(TokenAuth(coze_emulator.token), coze_emulator.base_url)

    async def use() -> str:
        chat = await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        return chat.id

    first = asyncio.run(use())
    second = asyncio.run(use())  # the first loop is closed: the session is rebuilt
    assert first != second
    asyncio.run(coze.close())
    gc.collect()  # the first loop's socket is reported now, inside this test's filters


async def test_one_async_client_in_two_running_loops_is_a_clear_error(coze_emulator):
    async with AsyncCoze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        await coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
        errors: list[BaseException] = []

        def other_loop() -> None:
            try:
                asyncio.run(
                    coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())
                )
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=other_loop)
        thread.start()
        await asyncio.to_thread(thread.join)
    assert len(errors) == 1
    assert isinstance(errors[0], CozeError)
    assert "another running event loop" in str(errors[0])


def test_fifty_threads_share_one_sync_client(coze_emulator):
    with Coze(TokenAuth(coze_emulator.token), coze_emulator.base_url) as coze:
        chat = coze.chat.create(bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask())

        def work(_: int) -> int:
            done = 0
            for _ in range(200):
                got = coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)
                done += got.id == chat.id
            return done

        with ThreadPoolExecutor(50) as pool:
            results = list(pool.map(work, range(50)))
    assert sum(results) == 10_000


async def test_file_descriptors_return_to_baseline_after_a_thousand_requests():
    async with Emulator(strict=True) as emu:
        before = open_fds()
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            chat = await coze.chat.create(
                bot_id=ECHO_BOT_ID, user_id="u", additional_messages=ask()
            )

            async def some(n: int) -> None:
                for _ in range(n):
                    await coze.chat.retrieve(conversation_id=chat.conversation_id, chat_id=chat.id)

            await asyncio.gather(*(some(50) for _ in range(20)))
        for _ in range(100):
            if emu.open_connections == 0 and open_fds() <= before + 2:
                break
            await asyncio.sleep(0.05)
        assert emu.request_counts["/v3/chat/retrieve"] == 1000
        assert abs(open_fds() - before) <= 2


@settings(max_examples=500, deadline=None)
@given(
    status=st.sampled_from([200, 201, 400, 401, 403, 404, 429, 500, 502, 503]),
    body=st.one_of(
        st.binary(max_size=300),
        st.builds(
            lambda d: json.dumps(d).encode(),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                lambda inner: (
                    st.lists(inner, max_size=4)
                    | st.dictionaries(
                        st.sampled_from(["code", "msg", "data", "detail", "logid", "x"]),
                        inner,
                        max_size=5,
                    )
                ),
                max_leaves=12,
            ),
        ),
    ),
    data_field=st.sampled_from(["data", "data.data", None]),
)
def test_the_envelope_decoder_only_returns_or_raises_coze_errors(status, body, data_field):
    try:
        _, meta = decode_envelope(status, {"x-tt-logid": "L"}, body, data_field)
    except CozeAPIError as exc:
        logid = exc.logid
    except CozeError:
        return
    else:
        assert status < 400
        assert meta.logid == "L"
        return
    assert logid == "L"


def test_a_forked_child_gets_a_working_client_and_never_hangs(coze_emulator):
    """The parent used the client; after fork the child uses it in a new event loop."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import asyncio, os, sys
        from coze_async import AsyncCoze, Message, TokenAuth

        coze = AsyncCoze(TokenAuth({coze_emulator.token!r}), {coze_emulator.base_url!r})
        ask = [Message.build_user_question_text("fork")]

        async def call():
            chat = await coze.chat.create(bot_id="7000000000000000001", user_id="u",
                                          additional_messages=ask)
            return chat.id

        print("parent", bool(asyncio.run(call())), flush=True)
        pid = os.fork()
        if pid == 0:
            ok = bool(asyncio.run(call()))
            asyncio.run(coze.close())
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        print("child", os.waitstatus_to_exitcode(status), flush=True)
        print("parent again", bool(asyncio.run(call())), flush=True)
        asyncio.run(coze.close())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["parent True", "child 0", "parent again True"]
