"""``coze.conversations``, ``.messages`` and ``.messages.feedback``: request shapes and paging
(aioresponses), then every method against the emulator through the async and the sync API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp import web
from aioresponses import aioresponses

from coze_async import (
    AsyncCoze,
    AsyncPaged,
    BadRequestError,
    ChatStatus,
    Coze,
    CozeAPIError,
    CozeInvalidResponseError,
    Message,
    MessageContentType,
    MessageRole,
    MessageType,
    SyncPaged,
    TokenAuth,
)
from coze_async.emulator import ECHO_BOT_ID, Emulator
from coze_async.models.conversations import (
    Conversation,
    CreateConversationMessageFeedbackResp,
    DeleteConversationMessageFeedbackResp,
    DeleteConversationResp,
    FeedbackType,
    Section,
)
from coze_async.resources.conversations import (
    AsyncConversationsMessagesFeedbackClient,
    AsyncMessagesClient,
    AsyncMessagesFeedbackClient,
    ConversationsMessagesClient,
    ConversationsMessagesFeedbackClient,
    MessagesClient,
)
from tests.conftest import only, sent

BASE = "https://api.test"
TOKEN = "tok"
LOGID = "LOGID-conv"
HEADERS = {"x-tt-logid": LOGID}


# -- helpers -----------------------------------------------------------------------------------


def ok(data: Any = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": "", **extra}
    if data is not None:
        body["data"] = data
    return body


def conversation_data(cid: str = "c1", **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "created_at": 1700000000,
        "meta_data": {},
        "last_section_id": "s1",
        "name": "",
        "updated_at": 1700000000,
        "connector_id": "1024",
        **extra,
    }


def message_data(mid: str = "m1", content: str = "hi", **extra: Any) -> dict[str, Any]:
    return {
        "id": mid,
        "conversation_id": "c1",
        "role": "user",
        "type": "question",
        "content": content,
        "content_type": "text",
        "meta_data": {},
        **extra,
    }


@pytest.fixture
async def coze() -> AsyncIterator[AsyncCoze]:
    async with AsyncCoze(TokenAuth(TOKEN), BASE) as client:
        yield client


# -- conversations: request shapes -------------------------------------------------------------


async def test_create_sends_only_given_fields(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(f"{BASE}/v1/conversation/create", payload=ok(conversation_data()), headers=HEADERS)
    conversation = await coze.conversations.create()
    req = only(mocked)
    assert req.method == "POST"
    assert req.json == {}
    assert req.headers["Authorization"] == f"Bearer {TOKEN}"
    assert req.headers["Content-Type"] == "application/json"
    assert isinstance(conversation, Conversation)
    assert conversation.id == "c1"
    assert conversation.last_section_id == "s1"
    assert conversation.response.logid == LOGID


async def test_create_sends_every_field(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(f"{BASE}/v1/conversation/create", payload=ok(conversation_data(name="Trip")))
    await coze.conversations.create(
        messages=[
            Message.build_user_question_text("Where to?", meta_data={"k": "v"}),
            Message.build_assistant_answer("Hangzhou."),
        ],
        bot_id="b1",
        name="Trip",
        connector_id="999",
        meta_data={"uuid": "u-1"},
    )
    assert only(mocked).json == {
        "messages": [
            {
                "role": "user",
                "type": "question",
                "content": "Where to?",
                "content_type": "text",
                "meta_data": {"k": "v"},
            },
            {"role": "assistant", "type": "answer", "content": "Hangzhou.", "content_type": "text"},
        ],
        "meta_data": {"uuid": "u-1"},
        "bot_id": "b1",
        "name": "Trip",
        "connector_id": "999",
    }


async def test_retrieve_request_shape(coze: AsyncCoze, mocked: aioresponses):
    mocked.get(
        f"{BASE}/v1/conversation/retrieve?conversation_id=c1",
        payload=ok(conversation_data(meta_data={"a": "b"}, creator_id="u9")),
        headers=HEADERS,
    )
    conversation = await coze.conversations.retrieve(conversation_id="c1")
    req = only(mocked)
    assert (req.method, req.path, req.query) == (
        "GET",
        "/v1/conversation/retrieve",
        {"conversation_id": "c1"},
    )
    assert req.json is None
    assert conversation.meta_data == {"a": "b"}
    assert conversation.creator_id == "u9"
    assert conversation.response.logid == LOGID


async def test_update_puts_the_name_to_the_percent_encoded_path(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.put(f"{BASE}/v1/conversations/c%201", payload=ok(conversation_data("c 1", name="New")))
    conversation = await coze.conversations.update(conversation_id="c 1", name="New")
    req = only(mocked)
    assert (req.method, req.path, req.json) == ("PUT", "/v1/conversations/c%201", {"name": "New"})
    assert conversation.name == "New"


async def test_delete_returns_an_empty_model_with_the_response(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.delete(f"{BASE}/v1/conversations/c1", payload=ok(), headers=HEADERS)
    result = await coze.conversations.delete(conversation_id="c1")
    req = only(mocked)
    assert (req.method, req.path, req.json) == ("DELETE", "/v1/conversations/c1", None)
    assert isinstance(result, DeleteConversationResp)
    assert result.response.logid == LOGID


async def test_clear_returns_the_new_section(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(
        f"{BASE}/v1/conversations/c1/clear",
        payload=ok({"id": "s2", "conversation_id": "c1"}),
        headers=HEADERS,
    )
    section = await coze.conversations.clear(conversation_id="c1")
    req = only(mocked)
    assert (req.method, req.path, req.json) == ("POST", "/v1/conversations/c1/clear", None)
    assert isinstance(section, Section)
    assert (section.id, section.conversation_id) == ("s2", "c1")
    assert section.response.logid == LOGID


@pytest.mark.parametrize("bad", ["", "..", "a/b", "../bots/1", "a?b", "a\r\nb"])
async def test_path_ids_that_could_retarget_the_request_are_refused(
    coze: AsyncCoze, mocked: aioresponses, bad: str
):
    with pytest.raises(ValueError, match="conversation_id"):
        await coze.conversations.update(conversation_id=bad, name="x")
    with pytest.raises(ValueError, match="conversation_id"):
        await coze.conversations.delete(conversation_id=bad)
    with pytest.raises(ValueError, match="conversation_id"):
        await coze.conversations.clear(conversation_id=bad)
    with pytest.raises(ValueError, match="message_id"):
        await coze.conversations.messages.feedback.delete(conversation_id="c1", message_id=bad)
    assert sent(mocked) == []


async def test_query_ids_must_be_non_empty_strings(coze: AsyncCoze, mocked: aioresponses):
    with pytest.raises(ValueError, match="conversation_id"):
        await coze.conversations.retrieve(conversation_id="")
    with pytest.raises(ValueError, match="message_id"):
        await coze.conversations.messages.retrieve(conversation_id="c1", message_id="")
    with pytest.raises(ValueError, match="bot_id"):
        await coze.conversations.list(bot_id="")
    assert sent(mocked) == []


async def test_list_pages_by_number_until_has_more_is_false(coze: AsyncCoze, mocked: aioresponses):
    url = f"{BASE}/v1/conversations"
    mocked.get(
        f"{url}?bot_id=b1&page_size=2&page_num=1",
        payload=ok(
            {"conversations": [conversation_data("c1"), conversation_data("c2")], "has_more": True}
        ),
        headers={"x-tt-logid": "P1"},
    )
    mocked.get(
        f"{url}?bot_id=b1&page_size=2&page_num=2",
        payload=ok({"conversations": [conversation_data("c3")], "has_more": False}),
        headers={"x-tt-logid": "P2"},
        repeat=True,
    )
    page = await coze.conversations.list(bot_id="b1", page_size=2)
    assert isinstance(page, AsyncPaged)
    assert [c.id for c in page.items] == ["c1", "c2"]
    assert page.has_more is True
    assert page.response.logid == "P1"
    assert len(sent(mocked)) == 1  # the next page is fetched only when reached
    assert [c.id async for c in page] == ["c1", "c2", "c3"]
    assert [p.response.logid async for p in page.iter_pages()] == ["P1", "P2"]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2", "2"]


async def test_list_sends_optional_filters_and_start_page(coze: AsyncCoze, mocked: aioresponses):
    mocked.get(
        f"{BASE}/v1/conversations?bot_id=b1&page_size=50&sort_order=ASC&connector_id=999&page_num=3",
        payload=ok({"conversations": [], "has_more": False}),
    )
    page = await coze.conversations.list(
        bot_id="b1", page_num=3, sort_order="ASC", connector_id="999"
    )
    assert only(mocked).query == {
        "bot_id": "b1",
        "page_num": "3",
        "page_size": "50",
        "sort_order": "ASC",
        "connector_id": "999",
    }
    assert page.items == []
    assert await page.next_page() is None


async def test_list_stops_on_an_empty_page_that_claims_more(coze: AsyncCoze, mocked: aioresponses):
    mocked.get(
        f"{BASE}/v1/conversations?bot_id=b1&page_size=50&page_num=1",
        payload=ok({"conversations": [], "has_more": True}),
    )
    page = await coze.conversations.list(bot_id="b1")
    assert [c async for c in page] == []
    assert len(sent(mocked)) == 1


@pytest.mark.parametrize(("name", "value"), [("page_num", 0), ("page_size", 0), ("page_num", True)])
async def test_list_refuses_bad_page_numbers(
    coze: AsyncCoze, mocked: aioresponses, name: str, value: Any
):
    with pytest.raises(ValueError, match=name):
        await coze.conversations.list(bot_id="b1", **{name: value})
    assert sent(mocked) == []


async def test_errors_are_typed(coze: AsyncCoze, mocked: aioresponses):
    mocked.get(
        f"{BASE}/v1/conversation/retrieve?conversation_id=nope",
        payload={"code": 4000, "msg": "conversation not found"},
        headers=HEADERS,
    )
    with pytest.raises(BadRequestError) as excinfo:
        await coze.conversations.retrieve(conversation_id="nope")
    assert (excinfo.value.code, excinfo.value.logid) == (4000, LOGID)


async def test_a_response_of_the_wrong_shape_is_an_invalid_response(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.get(
        f"{BASE}/v1/conversations?bot_id=b1&page_size=50&page_num=1",
        payload=ok({"conversations": [{"name": "no id"}], "has_more": False}),
    )
    with pytest.raises(CozeInvalidResponseError):
        await coze.conversations.list(bot_id="b1")


async def test_per_call_headers_and_timeout_are_accepted(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(
        f"{BASE}/v1/conversations/c1/clear", payload=ok({"id": "s", "conversation_id": "c1"})
    )
    await coze.conversations.clear(conversation_id="c1", headers={"X-Trace": "t1"}, timeout=5)
    req = only(mocked)
    assert req.headers["X-Trace"] == "t1"
    assert req.kwargs["timeout"].sock_read == 5
    with pytest.raises(TypeError, match="unexpected"):
        await coze.conversations.clear(conversation_id="c1", retries=3)  # type: ignore[call-arg]


# -- messages: request shapes ------------------------------------------------------------------

CREATE_URL = f"{BASE}/v1/conversation/message/create?conversation_id=c1"
LIST_URL = f"{BASE}/v1/conversation/message/list?conversation_id=c1"
MSG_QUERY = "conversation_id=c1&message_id=m1"


async def test_message_create_sends_enum_values_and_omits_missing_meta_data(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(CREATE_URL, payload=ok(message_data()), headers=HEADERS)
    message = await coze.conversations.messages.create(
        conversation_id="c1",
        role=MessageRole.USER,
        content="hi",
        content_type=MessageContentType.TEXT,
    )
    req = only(mocked)
    assert (req.method, req.path, req.query) == (
        "POST",
        "/v1/conversation/message/create",
        {"conversation_id": "c1"},
    )
    assert req.json == {"role": "user", "content": "hi", "content_type": "text"}
    assert (message.id, message.role, message.type) == (
        "m1",
        MessageRole.USER,
        MessageType.QUESTION,
    )
    assert message.response.logid == LOGID


async def test_message_create_accepts_plain_strings_and_meta_data(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(CREATE_URL, payload=ok(message_data()))
    await coze.conversations.messages.create(
        conversation_id="c1",
        role="assistant",
        content='[{"type":"text","text":"x"}]',
        content_type="object_string",
        meta_data={"k": "v"},
    )
    assert only(mocked).json == {
        "role": "assistant",
        "content": '[{"type":"text","text":"x"}]',
        "content_type": "object_string",
        "meta_data": {"k": "v"},
    }


async def test_message_retrieve_request_shape(coze: AsyncCoze, mocked: aioresponses):
    mocked.get(f"{BASE}/v1/conversation/message/retrieve?{MSG_QUERY}", payload=ok(message_data()))
    message = await coze.conversations.messages.retrieve(conversation_id="c1", message_id="m1")
    req = only(mocked)
    assert (req.method, req.query) == ("GET", {"conversation_id": "c1", "message_id": "m1"})
    assert message.content == "hi"


async def test_message_update_reads_the_message_key_of_the_envelope(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(
        f"{BASE}/v1/conversation/message/modify?{MSG_QUERY}",
        payload={"code": 0, "msg": "", "message": message_data(content="new")},
        headers=HEADERS,
    )
    message = await coze.conversations.messages.update(
        conversation_id="c1", message_id="m1", content="new", content_type=MessageContentType.TEXT
    )
    req = only(mocked)
    assert req.json == {"content": "new", "content_type": "text"}
    assert message.content == "new"
    assert message.response.logid == LOGID


async def test_message_update_of_meta_data_only(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(
        f"{BASE}/v1/conversation/message/modify?{MSG_QUERY}",
        payload={"code": 0, "msg": "", "message": message_data(meta_data={"k": "v"})},
    )
    message = await coze.conversations.messages.update(
        conversation_id="c1", message_id="m1", meta_data={"k": "v"}
    )
    assert only(mocked).json == {"meta_data": {"k": "v"}}
    assert message.meta_data == {"k": "v"}


async def test_message_update_needs_something_to_change(coze: AsyncCoze, mocked: aioresponses):
    with pytest.raises(ValueError, match="content"):
        await coze.conversations.messages.update(conversation_id="c1", message_id="m1")
    assert sent(mocked) == []


async def test_message_delete_request_shape(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(f"{BASE}/v1/conversation/message/delete?{MSG_QUERY}", payload=ok(message_data()))
    message = await coze.conversations.messages.delete(conversation_id="c1", message_id="m1")
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/conversation/message/delete")
    assert req.query == {"conversation_id": "c1", "message_id": "m1"}
    assert message.id == "m1"


def list_page(ids: list[str], *, has_more: bool, logid: str = LOGID) -> dict[str, Any]:
    return {
        "payload": ok(
            [message_data(i, content=f"text {i}") for i in ids],
            first_id=ids[0] if ids else "",
            last_id=ids[-1] if ids else "",
            has_more=has_more,
        ),
        "headers": {"x-tt-logid": logid},
    }


async def test_message_list_sends_defaults_and_pages_on_with_after_id(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(LIST_URL, **list_page(["9", "8"], has_more=True, logid="L1"))
    mocked.post(LIST_URL, **list_page(["7", "6"], has_more=True, logid="L2"))
    mocked.post(LIST_URL, **list_page(["5"], has_more=False, logid="L3"))
    page = await coze.conversations.messages.list(conversation_id="c1")
    assert isinstance(page, AsyncPaged)
    assert [m.id for m in page.items] == ["9", "8"]
    assert (page.first_id, page.last_id, page.has_more) == ("9", "8", True)
    assert page.response.logid == "L1"
    assert [m.id async for m in page] == ["9", "8", "7", "6", "5"]
    bodies = [r.json for r in sent(mocked)]
    assert bodies == [
        {"order": "desc", "limit": 50},
        {"order": "desc", "after_id": "8", "limit": 50},
        {"order": "desc", "after_id": "6", "limit": 50},
    ]
    assert all(r.query == {"conversation_id": "c1"} for r in sent(mocked))


async def test_message_list_sends_every_filter(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(LIST_URL, **list_page(["3"], has_more=False))
    page = await coze.conversations.messages.list(
        conversation_id="c1", order="asc", chat_id="chat1", after_id="2", limit=10
    )
    assert only(mocked).json == {"order": "asc", "chat_id": "chat1", "after_id": "2", "limit": 10}
    assert await page.next_page() is None


async def test_message_list_started_with_before_id_pages_on_with_before_id(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(LIST_URL, **list_page(["6", "5"], has_more=True))
    mocked.post(LIST_URL, **list_page(["8", "7"], has_more=False))
    page = await coze.conversations.messages.list(conversation_id="c1", before_id="4", limit=2)
    assert [[m.id for m in p.items] async for p in page.iter_pages()] == [["6", "5"], ["8", "7"]]
    assert [r.json for r in sent(mocked)] == [
        {"order": "desc", "before_id": "4", "limit": 2},
        {"order": "desc", "before_id": "6", "limit": 2},
    ]


async def test_message_list_stops_when_the_cursor_does_not_move(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(LIST_URL, **list_page(["5"], has_more=True))
    mocked.post(LIST_URL, **list_page(["5"], has_more=True))
    page = await coze.conversations.messages.list(conversation_id="c1")
    assert [m.id async for m in page] == ["5", "5"]
    assert len(sent(mocked)) == 2


async def test_message_list_tolerates_null_data_and_missing_cursors(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(LIST_URL, payload={"code": 0, "msg": "", "data": None, "has_more": True})
    page = await coze.conversations.messages.list(conversation_id="c1")
    assert (page.items, page.first_id, page.last_id) == ([], None, None)
    assert await page.next_page() is None


async def test_message_list_validates_arguments(coze: AsyncCoze, mocked: aioresponses):
    with pytest.raises(ValueError, match="not both"):
        await coze.conversations.messages.list(conversation_id="c1", before_id="1", after_id="2")
    with pytest.raises(ValueError, match="limit"):
        await coze.conversations.messages.list(conversation_id="c1", limit=0)
    assert sent(mocked) == []


# -- feedback: request shapes ------------------------------------------------------------------

FEEDBACK_URL = f"{BASE}/v1/conversations/c1/messages/m1/feedback"


async def test_feedback_create_request_shape(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(FEEDBACK_URL, payload=ok(), headers=HEADERS)
    result = await coze.conversations.messages.feedback.create(
        conversation_id="c1",
        message_id="m1",
        feedback_type=FeedbackType.UNLIKE,
        reason_types=["wrong", "rude"],
        comment="not helpful",
    )
    req = only(mocked)
    assert (req.method, req.path) == ("POST", "/v1/conversations/c1/messages/m1/feedback")
    assert req.json == {
        "feedback_type": "unlike",
        "reason_types": ["wrong", "rude"],
        "comment": "not helpful",
    }
    assert isinstance(result, CreateConversationMessageFeedbackResp)
    assert result.response.logid == LOGID


async def test_feedback_create_with_a_plain_string_and_no_optionals(
    coze: AsyncCoze, mocked: aioresponses
):
    mocked.post(FEEDBACK_URL, payload=ok())
    await coze.conversations.messages.feedback.create(
        conversation_id="c1", message_id="m1", feedback_type="like"
    )
    assert only(mocked).json == {"feedback_type": "like"}
    with pytest.raises(TypeError, match="reason_types"):
        await coze.conversations.messages.feedback.create(
            conversation_id="c1", message_id="m1", feedback_type="like", reason_types="wrong"
        )


async def test_feedback_delete_request_shape(coze: AsyncCoze, mocked: aioresponses):
    mocked.delete(FEEDBACK_URL, payload=ok(), headers=HEADERS)
    result = await coze.conversations.messages.feedback.delete(
        conversation_id="c1", message_id="m1"
    )
    req = only(mocked)
    assert (req.method, req.path, req.json) == (
        "DELETE",
        "/v1/conversations/c1/messages/m1/feedback",
        None,
    )
    assert isinstance(result, DeleteConversationMessageFeedbackResp)
    assert result.response.logid == LOGID


async def test_feedback_errors_are_typed(coze: AsyncCoze, mocked: aioresponses):
    mocked.post(FEEDBACK_URL, status=404, payload={"code": 4200, "msg": "message not found"})
    with pytest.raises(CozeAPIError) as excinfo:
        await coze.conversations.messages.feedback.create(
            conversation_id="c1", message_id="m1", feedback_type=FeedbackType.LIKE
        )
    assert (excinfo.value.code, excinfo.value.status) == (4200, 404)


def test_feedback_type_is_open():
    assert FeedbackType("like") is FeedbackType.LIKE
    assert FeedbackType("meh").is_dynamic


def test_cozepy_class_names_are_available():
    assert AsyncMessagesFeedbackClient is AsyncConversationsMessagesFeedbackClient
    assert MessagesClient is ConversationsMessagesClient
    assert AsyncMessagesClient.__name__ == "AsyncConversationsMessagesClient"
    with Coze(TokenAuth("t"), BASE) as coze:
        assert isinstance(coze.conversations.messages.feedback, ConversationsMessagesFeedbackClient)


# -- against the emulator: async ---------------------------------------------------------------


@pytest.fixture
async def live(emu: Emulator) -> AsyncIterator[AsyncCoze]:
    assert emu.token is not None
    async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as client:
        yield client


async def test_emulator_conversation_lifecycle(live: AsyncCoze, emu: Emulator):
    conversation = await live.conversations.create(
        bot_id=ECHO_BOT_ID,
        name="Trip planning",
        meta_data={"uuid": "u-1"},
        messages=[
            Message.build_user_question_text("Where to go?"),
            Message.build_assistant_answer("Hangzhou."),
        ],
    )
    assert conversation.id in emu.store.conversations.records
    assert (conversation.name, conversation.meta_data) == ("Trip planning", {"uuid": "u-1"})
    assert conversation.connector_id == "1024"
    assert conversation.response.logid

    fetched = await live.conversations.retrieve(conversation_id=conversation.id)
    assert fetched == conversation

    renamed = await live.conversations.update(conversation_id=conversation.id, name="Hangzhou")
    assert renamed.name == "Hangzhou"
    assert emu.store.conversations.records[conversation.id]["name"] == "Hangzhou"

    section = await live.conversations.clear(conversation_id=conversation.id)
    assert section.conversation_id == conversation.id
    assert section.id != conversation.last_section_id
    after_clear = await live.conversations.retrieve(conversation_id=conversation.id)
    assert after_clear.last_section_id == section.id
    messages = [
        m async for m in await live.conversations.messages.list(conversation_id=conversation.id)
    ]
    assert len(messages) == 2  # clearing the context keeps the messages

    deleted = await live.conversations.delete(conversation_id=conversation.id)
    assert isinstance(deleted, DeleteConversationResp)
    assert deleted.response.logid
    assert conversation.id not in emu.store.conversations.records
    with pytest.raises(CozeAPIError) as excinfo:
        await live.conversations.retrieve(conversation_id=conversation.id)
    assert excinfo.value.code == 4200


async def test_emulator_list_pages_through_a_bots_conversations(live: AsyncCoze):
    unbound = await live.conversations.create()
    bound = [
        (await live.conversations.create(bot_id=ECHO_BOT_ID, name=f"c{i}")).id for i in range(5)
    ]
    page = await live.conversations.list(bot_id=ECHO_BOT_ID, page_size=2)
    assert len(page.items) == 2 and page.has_more
    assert [c.id async for c in page] == bound[::-1]  # newest first, only the bot's
    assert unbound.id not in [c.id async for c in page]
    assert [len(p.items) async for p in page.iter_pages()] == [2, 2, 1]
    later = await live.conversations.list(bot_id=ECHO_BOT_ID, page_size=2, page_num=3)
    assert [c.id for c in later.items] == bound[:1]
    oldest_first = await live.conversations.list(bot_id=ECHO_BOT_ID, sort_order="ASC")
    assert [c.id async for c in oldest_first] == bound
    with pytest.raises(CozeAPIError):
        await live.conversations.list(bot_id="7400000000000000999")  # no such bot


async def test_emulator_messages_create_retrieve_update_delete(live: AsyncCoze, emu: Emulator):
    conversation = await live.conversations.create()
    cid = conversation.id
    message = await live.conversations.messages.create(
        conversation_id=cid,
        role=MessageRole.USER,
        content="Good morning",
        content_type=MessageContentType.TEXT,
        meta_data={"k": "v"},
    )
    assert (message.conversation_id, message.content, message.meta_data) == (
        cid,
        "Good morning",
        {"k": "v"},
    )
    assert message.section_id == conversation.last_section_id
    assert message.response.logid
    assert [m["id"] for m in emu.store.conversations.messages[cid]] == [message.id]

    fetched = await live.conversations.messages.retrieve(conversation_id=cid, message_id=message.id)
    assert fetched == message

    updated = await live.conversations.messages.update(
        conversation_id=cid,
        message_id=message.id,
        content='[{"type":"text","text":"Good evening"}]',
        content_type=MessageContentType.OBJECT_STRING,
        meta_data={"k": "w"},
    )
    assert updated.content_type == MessageContentType.OBJECT_STRING
    assert (updated.content, updated.meta_data) == (
        '[{"type":"text","text":"Good evening"}]',
        {"k": "w"},
    )
    assert updated.response.logid
    assert emu.store.conversations.messages[cid][0]["meta_data"] == {"k": "w"}

    deleted = await live.conversations.messages.delete(conversation_id=cid, message_id=message.id)
    assert deleted.id == message.id
    assert emu.store.conversations.messages[cid] == []
    with pytest.raises(CozeAPIError) as excinfo:
        await live.conversations.messages.retrieve(conversation_id=cid, message_id=message.id)
    assert excinfo.value.code == 4200


async def test_emulator_message_list_pages_both_ways(live: AsyncCoze):
    cid = (await live.conversations.create()).id
    ids = []
    for i in range(7):
        message = await live.conversations.messages.create(
            conversation_id=cid, role="user", content=f"m{i}", content_type="text"
        )
        ids.append(message.id)

    newest_first = await live.conversations.messages.list(conversation_id=cid, limit=3)
    assert [m.id for m in newest_first.items] == ids[:-4:-1]
    assert (newest_first.first_id, newest_first.last_id) == (ids[6], ids[4])
    assert [m.id async for m in newest_first] == ids[::-1]
    assert [len(p.items) async for p in newest_first.iter_pages()] == [3, 3, 1]

    oldest_first = await live.conversations.messages.list(conversation_id=cid, order="asc", limit=3)
    assert [m.id async for m in oldest_first] == ids

    after = await live.conversations.messages.list(
        conversation_id=cid, order="asc", after_id=ids[4]
    )
    assert [m.id async for m in after] == ids[5:]

    # Started with before_id, the listing pages on towards the start of the listing.
    before = await live.conversations.messages.list(
        conversation_id=cid, order="asc", before_id=ids[5], limit=2
    )
    pages = [[m.id for m in p.items] async for p in before.iter_pages()]
    assert pages == [ids[3:5], ids[1:3], ids[0:1]]


async def test_emulator_message_list_by_chat(live: AsyncCoze):
    cid = (await live.conversations.create(bot_id=ECHO_BOT_ID)).id
    await live.conversations.messages.create(
        conversation_id=cid, role="user", content="before the chat", content_type="text"
    )
    poll = await live.chat.create_and_poll(
        bot_id=ECHO_BOT_ID,
        user_id="u1",
        conversation_id=cid,
        additional_messages=[Message.build_user_question_text("ping")],
        poll_interval=0.05,
    )
    assert poll.chat.status is ChatStatus.COMPLETED
    in_chat = await live.conversations.messages.list(
        conversation_id=cid, chat_id=poll.chat.id, order="asc"
    )
    listed = [m async for m in in_chat]
    assert [m.type for m in listed] == [MessageType.QUESTION, MessageType.ANSWER]
    assert {m.chat_id for m in listed} == {poll.chat.id}
    assert "before the chat" not in [m.content for m in listed]
    everything = [
        m async for m in await live.conversations.messages.list(conversation_id=cid, order="asc")
    ]
    assert everything[0].content == "before the chat"
    assert everything[-1].chat_id == poll.chat.id


async def test_emulator_errors_reach_the_caller_typed(live: AsyncCoze):
    with pytest.raises(CozeAPIError) as excinfo:
        await live.conversations.messages.create(
            conversation_id="7400000000000000000", role="user", content="x", content_type="text"
        )
    assert excinfo.value.code == 4200
    assert excinfo.value.logid
    cid = (await live.conversations.create()).id
    with pytest.raises(BadRequestError):
        await live.conversations.update(conversation_id=cid, name="x" * 101)


# -- against the emulator: sync ----------------------------------------------------------------


@pytest.fixture
def sync_emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


@pytest.fixture
def sync_live(sync_emu: Emulator) -> Iterator[Coze]:
    assert sync_emu.token is not None
    with Coze(TokenAuth(sync_emu.token), sync_emu.base_url) as client:
        yield client


def test_sync_conversations_every_method(sync_live: Coze, sync_emu: Emulator):
    conversations = sync_live.conversations
    first = conversations.create(
        bot_id=ECHO_BOT_ID, messages=[Message.build_user_question_text("hi")]
    )
    second = conversations.create(bot_id=ECHO_BOT_ID, name="second")
    assert conversations.retrieve(conversation_id=first.id) == first
    assert conversations.update(conversation_id=first.id, name="first").name == "first"

    page = conversations.list(bot_id=ECHO_BOT_ID, page_size=1)
    assert isinstance(page, SyncPaged)
    assert page.has_more and len(page) == 1
    assert [c.id for c in page] == [second.id, first.id]
    assert [len(p.items) for p in page.iter_pages()] == [1, 1]

    section = conversations.clear(conversation_id=first.id)
    assert conversations.retrieve(conversation_id=first.id).last_section_id == section.id
    assert isinstance(conversations.delete(conversation_id=second.id), DeleteConversationResp)
    assert second.id not in sync_emu.store.conversations.records
    with pytest.raises(CozeAPIError):
        conversations.retrieve(conversation_id=second.id)


def test_sync_messages_every_method(sync_live: Coze, sync_emu: Emulator):
    cid = sync_live.conversations.create().id
    messages = sync_live.conversations.messages
    created = [
        messages.create(
            conversation_id=cid, role=MessageRole.USER, content=f"m{i}", content_type="text"
        )
        for i in range(5)
    ]
    page = messages.list(conversation_id=cid, order="asc", limit=2)
    assert isinstance(page, SyncPaged)
    assert (page.first_id, page.last_id) == (created[0].id, created[1].id)
    assert [m.id for m in page] == [m.id for m in created]

    target = created[2]
    assert messages.retrieve(conversation_id=cid, message_id=target.id) == target
    updated = messages.update(conversation_id=cid, message_id=target.id, content="changed")
    assert updated.content == "changed"
    assert messages.retrieve(conversation_id=cid, message_id=target.id).content == "changed"
    assert messages.delete(conversation_id=cid, message_id=target.id).id == target.id
    assert target.id not in [m["id"] for m in sync_emu.store.conversations.messages[cid]]
    assert [m.content for m in messages.list(conversation_id=cid)] == ["m4", "m3", "m1", "m0"]


def test_sync_feedback_create_and_delete(threaded_server):
    seen: list[tuple[str, str, Any]] = []

    async def feedback(request: web.Request) -> web.Response:
        raw = await request.read()
        body = json.loads(raw) if raw else None
        seen.append((request.method, request.path, body))
        return web.json_response({"code": 0, "msg": ""}, headers={"x-tt-logid": "FB"})

    app = web.Application()
    route = "/v1/conversations/{cid}/messages/{mid}/feedback"
    app.router.add_post(route, feedback)
    app.router.add_delete(route, feedback)
    server = threaded_server(app)
    with Coze(TokenAuth("t"), server.url) as coze:
        created = coze.conversations.messages.feedback.create(
            conversation_id="c1", message_id="m1", feedback_type=FeedbackType.LIKE, comment="great"
        )
        deleted = coze.conversations.messages.feedback.delete(conversation_id="c1", message_id="m1")
    assert isinstance(created, CreateConversationMessageFeedbackResp)
    assert isinstance(deleted, DeleteConversationMessageFeedbackResp)
    assert created.response.logid == deleted.response.logid == "FB"
    path = "/v1/conversations/c1/messages/m1/feedback"
    assert seen == [
        ("POST", path, {"feedback_type": "like", "comment": "great"}),
        ("DELETE", path, None),
    ]


async def test_feedback_against_the_emulator() -> None:
    from coze_async import BadRequestError, Message, NotFoundError

    async with Emulator(strict=True) as emu, AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
        events = [
            e
            async for e in coze.chat.stream(
                bot_id=ECHO_BOT_ID,
                user_id="u",
                additional_messages=[Message.build_user_question_text("rate me")],
            )
        ]
        chat = events[-1].chat
        assert chat is not None
        messages = [
            m
            async for m in await coze.conversations.messages.list(
                conversation_id=chat.conversation_id
            )
        ]
        answer = next(m for m in messages if m.role.value == "assistant")
        question = next(m for m in messages if m.role.value == "user")
        ids = {"conversation_id": chat.conversation_id, "message_id": answer.id}
        await coze.conversations.messages.feedback.create(
            **ids, feedback_type=FeedbackType.UNLIKE, reason_types=["too short"], comment="meh"
        )
        assert emu.store.conversations.feedback[answer.id] == {
            "feedback_type": "unlike",
            "reason_types": ["too short"],
            "comment": "meh",
        }
        await coze.conversations.messages.feedback.delete(**ids)
        assert answer.id not in emu.store.conversations.feedback
        with pytest.raises(BadRequestError):
            await coze.conversations.messages.feedback.create(
                conversation_id=chat.conversation_id, message_id=question.id, feedback_type="like"
            )
        with pytest.raises(NotFoundError):
            await coze.conversations.messages.feedback.create(
                conversation_id=chat.conversation_id, message_id="404", feedback_type="like"
            )
