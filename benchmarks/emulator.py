"""Emulator capacity: start-up time and N concurrent 50-event chat streams through coze_async.

    python benchmarks/emulator.py [--streams 500] [--repeat 5]

Prints medians over the repeats; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from coze_async import AsyncCoze, ChatEventType, Message, TokenAuth
from coze_async.emulator import ChatContext, Emulator


def fifty_chunks(context: ChatContext) -> list[str]:
    return [f"{i} " for i in range(50)]


async def startup_seconds() -> float:
    started = time.perf_counter()
    emulator = Emulator()
    await emulator.start()
    elapsed = time.perf_counter() - started
    await emulator.stop()
    return elapsed


async def concurrent_streams(streams: int) -> tuple[float, int, float]:
    """Wall time, events received, p99 time to first event."""
    async with Emulator() as emu:
        assert emu.token is not None
        bot = emu.register_responder(fifty_chunks)
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            first_event: list[float] = []

            async def one(started: float) -> int:
                count = 0
                stream = coze.chat.stream(
                    bot_id=bot,
                    user_id="bench",
                    additional_messages=[Message.build_user_question_text("go")],
                )
                async for event in stream:
                    if count == 0:
                        first_event.append(time.perf_counter() - started)
                    count += event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA
                return count

            started = time.perf_counter()
            counts = await asyncio.gather(*(one(started) for _ in range(streams)))
            wall = time.perf_counter() - started
    first_event.sort()
    p99 = first_event[int(len(first_event) * 0.99) - 1]
    return wall, sum(counts), p99


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    starts = [await startup_seconds() for _ in range(args.repeat)]
    print(f"emulator start-up: median {statistics.median(starts) * 1000:.1f} ms")
    runs = [await concurrent_streams(args.streams) for _ in range(args.repeat)]
    wall = statistics.median(r[0] for r in runs)
    events = runs[0][1]
    p99 = statistics.median(r[2] for r in runs)
    print(
        f"{args.streams} concurrent 50-delta streams: median wall {wall:.2f} s, "
        f"{events} deltas per run ({events / wall:,.0f}/s), p99 first event {p99 * 1000:.0f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
