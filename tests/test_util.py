"""``coze_async.util``: cozepy's helpers (``cozepy.util``), each checked against what it promises
and, where cozepy's answer is deterministic, against cozepy's own function."""

from __future__ import annotations

import base64
import enum
import hashlib
import inspect
import secrets
import wave
from pathlib import Path
from typing import Any

import attrs
import cozepy.util
import pytest

from coze_async import Message, MessageRole, util
from coze_async.models.chat import MessageContentType, MessageType


@pytest.mark.parametrize("text", ["", "hello", "你好, Coze", "a\nb\0c", "🙂" * 3])
def test_base64_encode_string(text: str) -> None:
    encoded = util.base64_encode_string(text)
    assert base64.b64decode(encoded).decode("utf-8") == text
    assert encoded == cozepy.util.base64_encode_string(text)


@pytest.mark.parametrize("length", [0, 1, 7, 8, 33])
def test_random_hex_has_the_length_asked_for(length: int) -> None:
    value = util.random_hex(length)
    assert len(value) == length
    assert set(value) <= set("0123456789abcdef")


def test_random_hex_comes_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def token_hex(nbytes: int) -> str:
        calls.append(nbytes)
        return "ab" * nbytes

    monkeypatch.setattr(secrets, "token_hex", token_hex)
    assert util.random_hex(5) == "ababa"
    assert calls == [3]
    assert len({util.random_hex(32) for _ in range(3)}) == 1  # the patched source, not random


def test_random_hex_values_differ_and_bad_lengths_are_refused() -> None:
    assert len({util.random_hex(16) for _ in range(50)}) == 50
    with pytest.raises(ValueError, match="negative"):
        util.random_hex(-1)
    for bad in (1.5, "8", True, None):
        with pytest.raises(TypeError, match="length must be an int"):
            util.random_hex(bad)  # type: ignore[arg-type]


def test_gen_s256_code_challenge() -> None:
    digest = hashlib.sha256(b"x").digest()
    assert util.gen_s256_code_challenge("x") == base64.urlsafe_b64encode(digest).decode().rstrip(
        "="
    )
    assert util.gen_s256_code_challenge("abc") == cozepy.util.gen_s256_code_challenge("abc")
    from coze_async import auth

    assert auth.gen_s256_code_challenge is util.gen_s256_code_challenge


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.coze.com/", "https://api.coze.com"),
        ("https://api.coze.com///", "https://api.coze.com"),
        ("https://api.coze.com", "https://api.coze.com"),
        ("", ""),
    ],
)
def test_remove_url_trailing_slash(url: str, expected: str) -> None:
    assert (
        util.remove_url_trailing_slash(url)
        == expected
        == cozepy.util.remove_url_trailing_slash(url)
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.coze.com", "wss://ws.coze.com"),
        ("https://api.coze.cn", "wss://ws.coze.cn"),
        ("https://api-bot.example.com", "wss://ws-bot.example.com"),
        ("https://example.com", "wss://example.com"),
    ],
)
def test_http_base_url_to_ws(url: str, expected: str) -> None:
    assert util.http_base_url_to_ws(url) == expected == cozepy.util.http_base_url_to_ws(url)


@pytest.mark.parametrize(
    ("url", "message"), [("", "cannot be empty"), ("http://api.coze.com", "must start with")]
)
def test_http_base_url_to_ws_refuses(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        util.http_base_url_to_ws(url)


def test_remove_none_values() -> None:
    data: dict[str, Any] = {"a": 1, "b": None, "c": 0, "d": "", "e": False, "f": []}
    assert util.remove_none_values(data) == {"a": 1, "c": 0, "d": "", "e": False, "f": []}
    assert data["b"] is None  # a copy: the argument is left alone
    assert util.remove_none_values(data) == cozepy.util.remove_none_values(data)


class Color(str, enum.Enum):
    RED = "red"


def test_dump_exclude_none() -> None:
    message = Message.build_user_question_text("hi")
    dumped = util.dump_exclude_none(message)
    assert dumped == {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
    nested = {"m": [message, None], "c": Color.RED, "n": None, "r": MessageRole.ASSISTANT}
    assert util.dump_exclude_none(nested) == {"m": [dumped], "c": "red", "r": "assistant"}
    assert util.dump_exclude_none(None) is None
    assert util.dump_exclude_none(3) == 3
    assert util.dump_exclude_none(MessageContentType.TEXT) == "text"


def test_write_pcm_to_wav_file(tmp_path: Path) -> None:
    pcm = bytes(range(256)) * 10  # 1280 16-bit mono frames
    target = tmp_path / "out.wav"
    util.write_pcm_to_wav_file(pcm, target)
    with wave.open(str(target), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 24000)
        assert wav.readframes(wav.getnframes()) == pcm
    theirs = tmp_path / "theirs.wav"
    cozepy.util.write_pcm_to_wav_file(pcm, str(theirs))
    assert target.read_bytes() == theirs.read_bytes()
    util.write_pcm_to_wav_file(pcm, str(tmp_path / "stereo.wav"), channels=2, frame_rate=16000)
    with wave.open(str(tmp_path / "stereo.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getnframes()) == (2, 16000, 640)


class Handler:
    def on_event(self, cli: object, event: int) -> None: ...

    @classmethod
    def on_class(cls, cli: object, event: str) -> None: ...

    @staticmethod
    def on_static(cli: object) -> None: ...

    def other(self) -> None: ...

    on_value = 3


def test_get_methods_lists_the_prefixed_methods() -> None:
    for target in (Handler, Handler()):
        methods = {m["function"].__name__: m for m in util.get_methods(target)}
        assert sorted(methods) == ["on_class", "on_event", "on_static"]
        assert methods["on_event"]["type"] == "instancemethod"
        assert methods["on_class"]["type"] == "classmethod"
        assert methods["on_static"]["type"] == "staticmethod"
        names = {n: [p.name for p in m["parameters"]] for n, m in methods.items()}
        assert names == {
            "on_event": ["cli", "event"],
            "on_class": ["cli", "event"],
            "on_static": ["cli"],
        }
        annotation = methods["on_event"]["parameters"][1].annotation
        assert annotation in (int, "int")
    assert [m["function"].__name__ for m in util.get_methods(Handler, prefix="oth")] == ["other"]
    assert all(isinstance(m["parameters"][0], inspect.Parameter) for m in util.get_methods(Handler))


@attrs.define
class Event:
    event_type: str = "chat.created"
    items: list[int] = attrs.Factory(list)
    made: list[int] = attrs.Factory(lambda self: [1], takes_self=True)
    required: int = attrs.field(kw_only=True)


def test_get_model_default() -> None:
    assert util.get_model_default(Event, "event_type") == "chat.created"
    assert util.get_model_default(Event, "items") == []
    assert util.get_model_default(Event, "items") is not util.get_model_default(Event, "items")
    assert util.get_model_default(Event, "made") is None  # needs an instance
    assert util.get_model_default(Event, "required") is None
    assert util.get_model_default(Event, "missing") is None
    assert util.get_model_default(dict, "x") is None
    assert util.get_model_default(Message, "type") is MessageType.UNKNOWN
    assert util.get_model_default(Message, "role") is None


def test_anext_is_the_builtin() -> None:
    import builtins

    assert util.anext is builtins.anext
