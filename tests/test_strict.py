"""The strictness rule for scalars (design review B6): one table, enforced by the converter's
hooks and by the generated fast path alike. Every wrong value is an error naming model and field."""

from __future__ import annotations

import pytest

from coze_async._converter import StructureError, structure
from coze_async.models.chat import Chat, ChatError, ChatStatus, ChatUsage, Message, MessageRole
from coze_async.models.workflows import (
    WorkflowBasic,
    WorkflowNodeExecuteHistory,
    WorkflowRunMode,
)


def test_null_in_a_required_string_field_is_an_error_not_the_text_none():
    with pytest.raises(StructureError, match=r"^Message\.content: expected a string, got null$"):
        structure({"role": "user", "content": None, "content_type": "text"}, Message)


def test_null_in_a_defaulted_field_gives_the_default():
    # ChatError.msg is ``str = ""``: the service sends null there.
    error = structure({"code": 5, "msg": None}, ChatError)
    assert error.msg == ""
    assert error.code == 5
    assert structure({"code": None}, ChatError).code == 0


@pytest.mark.parametrize(("text", "expected"), [("false", False), ("TRUE", True), ("False", False)])
def test_bool_accepts_true_and_false_strings_on_purpose(text, expected):
    assert structure({"is_finish": text}, WorkflowNodeExecuteHistory).is_finish is expected


@pytest.mark.parametrize("value", ["yes", "", "0", 0, 1, 1.0, None, [], {}])
def test_bool_refuses_everything_else(value):
    with pytest.raises(StructureError, match=r"^WorkflowNodeExecuteHistory\.is_finish: "):
        structure({"is_finish": value}, WorkflowNodeExecuteHistory)


def test_string_fields_take_numbers_as_their_text_but_not_booleans():
    base = {"role": "user", "content_type": "text"}
    assert structure({**base, "content": 7382159487131697202}, Message).content == (
        "7382159487131697202"
    )
    assert structure({**base, "content": 1.5}, Message).content == "1.5"
    for value in (True, [], {}):
        with pytest.raises(StructureError, match=r"^Message\.content: expected a string"):
            structure({**base, "content": value}, Message)


def test_int_fields_take_integer_text_but_not_booleans_floats_or_other_text():
    assert structure({"code": "42"}, ChatError).code == 42
    assert structure({"code": "-3"}, ChatError).code == -3
    for value in (True, 1.0, "4.2", "1_000", " 7", "seven", ""):
        with pytest.raises(StructureError, match=r"^ChatError\.code: expected an integer"):
            structure({"code": value}, ChatError)


def test_an_empty_string_still_means_absent_for_an_optional_int_only():
    data = {
        "workflow_id": "1",
        "workflow_name": "w",
        "description": "",
        "icon_url": "",
        "app_id": "",
    }
    assert structure({**data, "created_at": ""}, WorkflowBasic).created_at is None
    with pytest.raises(StructureError, match=r"^ChatError\.code: expected an integer, got ''$"):
        structure({"code": ""}, ChatError)


def test_float_fields_take_ints_and_numeric_text():
    from coze_async.models.bots import BotModelInfo

    fields = {"model_id": "m", "model_name": "n"}
    assert structure({**fields, "temperature": 1}, BotModelInfo).temperature == 1.0
    assert structure({**fields, "temperature": "0.5"}, BotModelInfo).temperature == 0.5
    for value in (True, "hot", "nan", "inf", []):
        with pytest.raises(StructureError, match=r"^BotModelInfo\.temperature: expected a number"):
            structure({**fields, "temperature": value}, BotModelInfo)


def test_enums_take_only_their_own_value_type():
    base = {"role": "user", "content": "c", "content_type": "text"}
    assert structure(base, Message).role is MessageRole.USER
    with pytest.raises(StructureError, match=r"^Message\.role: "):
        structure({**base, "role": 1}, Message)
    assert structure({"id": "1", "conversation_id": "c", "bot_id": "b"}, Chat).status is (
        ChatStatus.UNKNOWN
    )
    assert structure(1, WorkflowRunMode) is WorkflowRunMode.STREAMING
    assert structure(7, WorkflowRunMode).is_dynamic
    for value in (True, "1", 1.0, None):
        with pytest.raises(
            StructureError, match=r"^expected a WorkflowRunMode value \(an integer\)"
        ):
            structure(value, WorkflowRunMode)


def test_nested_errors_name_the_whole_path():
    data = {"id": "1", "conversation_id": "c", "bot_id": "b", "last_error": {"msg": []}}
    with pytest.raises(
        StructureError, match=r"^Chat\.last_error\.msg: expected a string, got a list$"
    ):
        structure(data, Chat)


def test_a_missing_required_field_and_a_non_object_are_named():
    with pytest.raises(StructureError, match=r"^Message\.role: required field missing$"):
        structure({"content": "c", "content_type": "text"}, Message)
    with pytest.raises(StructureError, match=r"^ChatUsage: expected an object, got a list$"):
        structure([1], ChatUsage)


async def test_the_client_error_for_a_bad_response_names_the_field(mocked):
    import re

    from coze_async import AsyncCoze, CozeInvalidResponseError, TokenAuth

    data = {"id": None, "conversation_id": "c", "bot_id": "b", "status": "completed"}
    mocked.add(
        re.compile(r"^https://api\.test/v3/chat/retrieve(\?.*)?$"),
        "POST",
        payload={"code": 0, "msg": "", "data": data},
    )
    async with AsyncCoze(TokenAuth("t"), "https://api.test") as coze:
        with pytest.raises(
            CozeInvalidResponseError, match=r"Chat\.id: expected a string, got null"
        ):
            await coze.chat.retrieve(conversation_id="c", chat_id="x")
