"""Does the SSE decoder stay linear? Times it on an input and on four times that input.

    .venv/bin/python benchmarks/sse_scaling.py [--limit 6]

Two shapes: many small regular events in 4 KiB chunks (40k then 160k events), and one long
``data`` line in 256-byte chunks (128 KiB then 512 KiB). Linear work takes ~4x as long on the
larger input, quadratic ~16x. Prints the best of five runs for each size and the ratio, and
exits 1 if a ratio is over ``--limit`` (6x by default, room for noise). These were timed
assertions in tests/test_sse.py; timing belongs here, not in the unit tests (DESIGN.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from coze_async._sse import SSEDecoder

KiB = 1024


def best_time(chunks: list[bytes], expected_events: int, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        decoder = SSEDecoder()
        count = 0
        start = time.perf_counter()
        for chunk in chunks:
            count += len(decoder.feed(chunk))
        best = min(best, time.perf_counter() - start)
        if count != expected_events:
            raise SystemExit(f"decoded {count} events, expected {expected_events}")
    return best


def event_chunks(n: int) -> list[bytes]:
    stream = b"".join(b'event:delta\ndata:{"n":%d}\n\n' % i for i in range(n))
    return [stream[i : i + 4096] for i in range(0, len(stream), 4096)]


def long_line_chunks(size: int) -> list[bytes]:
    raw = b"data:" + b"a" * size + b"\n\n"
    return [raw[i : i + 256] for i in range(0, len(raw), 256)]


CASES: list[tuple[str, Callable[[int], list[bytes]], int, int, Callable[[int], int]]] = [
    ("many events (4 KiB chunks)", event_chunks, 40_000, 160_000, lambda n: n),
    ("one long line (256 B chunks)", long_line_chunks, 128 * KiB, 512 * KiB, lambda n: 1),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=6.0, help="largest acceptable ratio")
    args = parser.parse_args()
    failed = False
    for name, make, small_n, large_n, events in CASES:
        small = best_time(make(small_n), events(small_n))
        large = best_time(make(large_n), events(large_n))
        ratio = large / small
        verdict = "ok" if ratio <= args.limit else f"OVER {args.limit:g}x"
        failed |= ratio > args.limit
        print(
            f"{name:30} {small_n:>7} -> {large_n:>7}: {small * 1e3:8.1f} ms -> "
            f"{large * 1e3:8.1f} ms  ratio {ratio:4.2f}x (linear ~4x)  {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
