"""Models and the converter: cozepy's field names, open enums, None omitted, builders."""

from __future__ import annotations

import base64
import pickle
import warnings

import attrs
import orjson
import pytest

from coze_async import (
    Chat,
    ChatEvent,
    ChatEventType,
    ChatStatus,
    ChatUsage,
    ListResponse,
    Message,
    MessageContentType,
    MessageObjectString,
    MessageObjectStringType,
    MessageRole,
    MessageType,
    ToolOutput,
    Usage,
)
from coze_async._converter import structure, unstructure
from coze_async._response import HTTPResponse
from coze_async.models._base import CozeModel, attach_response, attach_responses

CHAT_JSON = {
    "id": "7382159487131697202",
    "conversation_id": "7381473525342978089",
    "bot_id": "7379462189365198898",
    "created_at": 1718792949,
    "completed_at": 1718792949,
    "last_error": {"code": 0, "msg": ""},
    "status": "requires_action",
    "section_id": "sec-1",
    "meta_data": {"k": "v"},
    "usage": {"token_count": 633, "output_count": 19, "input_count": 614},
    "required_action": {
        "type": "submit_tool_outputs",
        "submit_tool_outputs": {
            "tool_calls": [
                {
                    "id": "call-1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                }
            ]
        },
    },
}


def test_chat_structures_every_documented_field():
    chat = structure(CHAT_JSON, Chat)
    assert chat.id == "7382159487131697202"
    assert chat.status is ChatStatus.REQUIRES_ACTION
    assert chat.status.is_terminal
    assert chat.section_id == "sec-1"
    assert chat.usage == ChatUsage(token_count=633, output_count=19, input_count=614)
    assert chat.required_action is not None
    call = chat.required_action.submit_tool_outputs.tool_calls[0]  # type: ignore[union-attr]
    assert (call.id, call.function.name) == ("call-1", "get_weather")  # type: ignore[union-attr]


def test_unknown_keys_are_ignored_and_unknown_enum_values_kept_without_warning():
    data = {**CHAT_JSON, "status": "hibernating", "a_field_from_the_future": {"x": [1, 2]}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chat = structure(data, Chat)
        again = structure(data, Chat)
    assert chat.status.value == "hibernating"
    assert chat.status.is_dynamic
    assert not ChatStatus.COMPLETED.is_dynamic
    assert chat.status is again.status
    assert not chat.status.is_terminal
    assert chat.status == "hibernating"


def test_status_terminal_set_matches_the_api():
    terminal = {s for s in ChatStatus if s.is_terminal}
    assert terminal == {
        ChatStatus.COMPLETED,
        ChatStatus.FAILED,
        ChatStatus.REQUIRES_ACTION,
        ChatStatus.CANCELED,
    }


def test_enums_keep_cozepy_names_and_values():
    assert ChatEventType.CONVERSATION_MESSAGE_DELTA.value == "conversation.message.delta"
    assert ChatEventType.CONVERSATION_AUDIO_DELTA.value == "conversation.audio.delta"
    assert ChatEventType.DONE == "done"
    assert MessageType.UNKNOWN.value == ""
    assert MessageContentType.OBJECT_STRING.value == "object_string"
    assert MessageRole.ASSISTANT.value == "assistant"
    assert str(MessageRole.USER) == "user"
    assert Usage is ChatUsage


def test_message_builders_and_none_omitted_on_output():
    message = Message.build_user_question_text("hi", meta_data={"k": "v"})
    assert unstructure(message) == {
        "role": "user",
        "type": "question",
        "content": "hi",
        "content_type": "text",
        "meta_data": {"k": "v"},
    }
    answer = Message.build_assistant_answer("hello")
    assert unstructure(answer) == {
        "role": "assistant",
        "type": "answer",
        "content": "hello",
        "content_type": "text",
    }
    assert orjson.loads(orjson.dumps(unstructure([message, answer])))[1]["role"] == "assistant"


def test_multimodal_question_encodes_parts_as_json():
    parts = [
        MessageObjectString.build_text("what is this?"),
        MessageObjectString.build_image(file_id="file-1"),
        MessageObjectString.build_file(file_url="https://example.com/a.pdf"),
        MessageObjectString.build_audio(file_id="file-2"),
    ]
    message = Message.build_user_question_objects(parts)
    assert message.content_type is MessageContentType.OBJECT_STRING
    assert orjson.loads(message.content) == [
        {"type": "text", "text": "what is this?"},
        {"type": "image", "file_id": "file-1"},
        {"type": "file", "file_url": "https://example.com/a.pdf"},
        {"type": "audio", "file_id": "file-2"},
    ]
    assert parts[1].type is MessageObjectStringType.IMAGE


@pytest.mark.parametrize("builder", ["build_image", "build_file", "build_audio"])
def test_file_like_parts_need_an_id_or_url(builder):
    with pytest.raises(ValueError, match="file_id or file_url"):
        getattr(MessageObjectString, builder)()


def test_get_audio_decodes_audio_and_is_none_otherwise():
    audio = Message(
        role=MessageRole.ASSISTANT,
        content=base64.b64encode(b"\x00\x01pcm").decode(),
        content_type=MessageContentType.AUDIO,
    )
    assert audio.get_audio() == b"\x00\x01pcm"
    assert Message.build_assistant_answer("text").get_audio() is None


def test_models_compare_by_value_and_hide_the_response_link():
    a = structure(CHAT_JSON, Chat)
    b = structure(CHAT_JSON, Chat)
    assert a == b
    assert "response" not in repr(a)
    assert a.response.logid == ""
    assert a.response.status_code == 0


def test_attaching_the_response_links_models_frozen_or_not_and_skips_other_objects():
    @attrs.frozen
    class FrozenModel(CozeModel):
        x: int = 0

    @attrs.define
    class Validated(CozeModel):
        x: int = attrs.field(default=0, validator=attrs.validators.instance_of(int))

    meta = HTTPResponse(200, {"x-tt-logid": "abc"})
    chat, frozen, plain = structure(CHAT_JSON, Chat), FrozenModel(), {"not": "a model"}
    attach_response(chat, meta)
    assert chat.response is meta
    models = [structure(CHAT_JSON, Chat), frozen, Validated(), structure(CHAT_JSON, Chat)]
    attach_responses([models[0], frozen, plain, None, models[2], models[3], models[0]], meta)
    assert all(model.response is meta for model in models)
    assert plain == {"not": "a model"}


def test_models_pickle_round_trip():
    chat = structure(CHAT_JSON, Chat)
    assert pickle.loads(pickle.dumps(chat)) == chat
    event = ChatEvent(event=ChatEventType.CONVERSATION_CHAT_CREATED, chat=chat)
    assert pickle.loads(pickle.dumps(event)) == event


def test_list_response_is_a_list_with_a_response():
    meta = HTTPResponse(200, {"x-tt-logid": "abc"})
    items = ListResponse([ToolOutput(tool_call_id="1", output="a")], meta)
    assert isinstance(items, list)
    assert len(items) == 1
    assert items[0].output == "a"
    assert items.items == [ToolOutput(tool_call_id="1", output="a")]
    assert items.response.logid == "abc"
    assert items == [ToolOutput(tool_call_id="1", output="a")]


def test_logid_falls_back_to_the_given_one_when_the_header_is_missing():
    assert HTTPResponse(200, {}, "from-body").logid == "from-body"
    assert HTTPResponse(200, {"x-tt-logid": "hdr"}).logid == "hdr"
    assert HTTPResponse(200, {}).logid == ""


def test_models_are_keyword_only_like_pydantic():
    with pytest.raises(TypeError):
        ToolOutput("1", "a")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Message(role=MessageRole.USER)  # type: ignore[call-arg]


def test_lazy_exports_resolve_and_cover_every_model():
    import importlib
    import pkgutil
    import subprocess
    import sys

    import coze_async
    import coze_async.models

    for name in coze_async.__all__:
        assert getattr(coze_async, name) is not None, name
    for info in pkgutil.iter_modules(coze_async.models.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"coze_async.models.{info.name}")
        for name in getattr(module, "__all__", []):
            assert getattr(coze_async, name) is getattr(module, name), name
    assert coze_async.Stream is coze_async.SyncStream
    assert coze_async.AsyncIteratorStream is coze_async.AsyncStream
    with pytest.raises(AttributeError, match="no_such_name"):
        coze_async.no_such_name  # noqa: B018
    assert "AsyncCoze" in dir(coze_async)
    # ``import coze_async`` alone loads no HTTP stack; using a client does.
    probe = "import sys, coze_async; print('aiohttp' in sys.modules); coze_async.AsyncCoze; print('aiohttp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
    # Nor do the addresses and timeouts (the base URL constants used to pull aiohttp in).
    probe = (
        "import sys; from coze_async import COZE_CN_BASE_URL, DEFAULT_TIMEOUT, Timeout; "
        "print('aiohttp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_an_empty_string_for_an_optional_number_means_absent():
    from coze_async import WorkflowBasic

    data = {
        "workflow_id": "1",
        "workflow_name": "w",
        "description": "",
        "icon_url": "",
        "app_id": "",
        "created_at": "",
        "updated_at": "1732000000",
    }
    workflow = structure(data, WorkflowBasic)
    assert workflow.created_at is None
    assert workflow.updated_at == 1732000000
    with pytest.raises(Exception):  # noqa: B017 - a non-number is still an error
        structure({**data, "created_at": "yesterday"}, WorkflowBasic)


def test_list_response_also_answers_to_cozepy_data():
    from coze_async import ListResponse

    result = ListResponse([1, 2])
    assert result.data == [1, 2] == result.items
    assert isinstance(result.data, list) and type(result.data) is list
