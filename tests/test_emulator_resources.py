"""The emulator's conversations, messages, bots and files endpoints, driven by the official cozepy
client (unmodified) over a real socket, plus the raw wire shapes cozepy depends on."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cozepy
import httpx
import pytest
from cozepy import (
    BotOnboardingInfo,
    BotPromptInfo,
    ChatEventType,
    Coze,
    CozeAPIError,
    Message,
    MessageContentType,
    MessageObjectString,
    MessageRole,
    MessageType,
    TokenAuth,
)

from coze_async.emulator import ECHO_BOT_ID, TOOL_BOT_ID, Emulator

SPACE = "7300000000000000001"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


@pytest.fixture
def coze(emu: Emulator) -> Iterator[Coze]:
    assert emu.token is not None
    with cozepy.SyncHTTPClient() as http:
        yield Coze(auth=TokenAuth(emu.token), base_url=emu.base_url, http_client=http)


@pytest.fixture
def raw(emu: Emulator) -> Iterator[httpx.Client]:
    """A plain HTTP client, to look at the envelopes themselves."""
    headers = {"Authorization": f"Bearer {emu.token}"}
    with httpx.Client(base_url=emu.base_url, headers=headers) as client:
        yield client


def api_error(excinfo: pytest.ExceptionInfo[CozeAPIError]) -> int | None:
    return excinfo.value.code


def chat_answer(coze: Coze, bot_id: str, question: str, **kwargs: Any) -> str:
    parts = []
    completed = False
    for event in coze.chat.stream(
        bot_id=bot_id,
        user_id="user-1",
        additional_messages=[Message.build_user_question_text(question)],
        **kwargs,
    ):
        if event.event == ChatEventType.CONVERSATION_MESSAGE_DELTA:
            assert event.message is not None
            parts.append(event.message.content)
        completed = completed or event.event == ChatEventType.CONVERSATION_CHAT_COMPLETED
    assert completed
    return "".join(parts)


def upload(coze: Coze, path: Path) -> cozepy.File:
    """Upload a file from a path. (Given the path itself, cozepy opens the file and never closes
    it; see test_upload_by_path_leaks_cozepys_file_handle.)"""
    with path.open("rb") as file:
        return coze.files.upload(file=file)


def add_text(coze: Coze, conversation_id: str, text: str, role: MessageRole = MessageRole.USER):
    return coze.conversations.messages.create(
        conversation_id=conversation_id,
        role=role,
        content=text,
        content_type=MessageContentType.TEXT,
    )


# -- conversations ----------------------------------------------------------------------------------


def test_create_and_retrieve_conversation_with_initial_messages(coze: Coze, emu: Emulator):
    conversation = coze.conversations.create(
        bot_id=ECHO_BOT_ID,
        name="Trip planning",
        meta_data={"uuid": "u-1"},
        messages=[
            Message.build_user_question_text("Where to go?", meta_data={"k": "v"}),
            Message.build_assistant_answer("Hangzhou."),
        ],
    )
    assert len(conversation.id) == 19 and conversation.id.isdigit()
    assert conversation.meta_data == {"uuid": "u-1"}
    assert conversation.name == "Trip planning"
    assert conversation.last_section_id
    assert conversation.created_at > 0 and conversation.updated_at == conversation.created_at
    assert conversation.connector_id == "1024"
    assert conversation.response.logid

    fetched = coze.conversations.retrieve(conversation_id=conversation.id)
    assert fetched.model_dump() == conversation.model_dump()

    messages = list(coze.conversations.messages.list(conversation_id=conversation.id, order="asc"))
    assert [(m.role, m.type, m.content) for m in messages] == [
        (MessageRole.USER, MessageType.QUESTION, "Where to go?"),
        (MessageRole.ASSISTANT, MessageType.ANSWER, "Hangzhou."),
    ]
    assert messages[0].meta_data == {"k": "v"}
    assert {m.section_id for m in messages} == {conversation.last_section_id}
    assert emu.store.conversations.records[conversation.id]["bot_id"] == ECHO_BOT_ID


def test_create_conversation_without_anything(coze: Coze):
    conversation = coze.conversations.create()
    assert conversation.meta_data == {}
    assert conversation.name == ""
    assert list(coze.conversations.messages.list(conversation_id=conversation.id)) == []


def test_list_conversations_pages_newest_first(coze: Coze):
    ids = [coze.conversations.create(bot_id=ECHO_BOT_ID, name=f"c{i}").id for i in range(5)]
    coze.conversations.create(bot_id=TOOL_BOT_ID)  # another bot's: not listed
    coze.conversations.create()  # no bot: not listed

    first = coze.conversations.list(bot_id=ECHO_BOT_ID, page_size=2)
    assert [c.id for c in first.items] == ids[::-1][:2]
    assert first.has_more is True
    pages = list(first.iter_pages())
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert [p.has_more for p in pages] == [True, True, False]
    assert [c.id for c in first] == ids[::-1]
    assert [c.name for c in first] == [f"c{i}" for i in range(4, -1, -1)]

    third = coze.conversations.list(bot_id=ECHO_BOT_ID, page_num=3, page_size=2)
    assert [c.id for c in third.items] == [ids[0]]
    assert third.has_more is False
    beyond = coze.conversations.list(bot_id=ECHO_BOT_ID, page_num=9, page_size=2)
    assert beyond.items == [] and beyond.has_more is False


def test_chat_conversations_are_listed_for_their_bot(coze: Coze):
    chat_answer(coze, ECHO_BOT_ID, "hello")
    listed = list(coze.conversations.list(bot_id=ECHO_BOT_ID))
    assert len(listed) == 1


def test_update_conversation_name(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID, meta_data={"a": "b"})
    updated = coze.conversations.update(conversation_id=conversation.id, name="Renamed")
    assert updated.id == conversation.id
    assert updated.name == "Renamed"
    assert updated.meta_data == {"a": "b"}
    assert updated.updated_at is not None and updated.updated_at >= conversation.created_at
    assert coze.conversations.retrieve(conversation_id=conversation.id).name == "Renamed"

    with pytest.raises(CozeAPIError) as excinfo:
        coze.conversations.update(conversation_id=conversation.id, name="x" * 101)
    assert api_error(excinfo) == 4000


def test_delete_conversation_removes_it_and_its_messages(coze: Coze, emu: Emulator):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    add_text(coze, conversation.id, "bye")
    coze.conversations.delete(conversation_id=conversation.id)
    assert conversation.id not in emu.store.conversations.records
    assert conversation.id not in emu.store.conversations.messages
    for call in (
        lambda: coze.conversations.retrieve(conversation_id=conversation.id),
        lambda: coze.conversations.messages.list(conversation_id=conversation.id),
        lambda: coze.conversations.delete(conversation_id=conversation.id),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4200
    assert list(coze.conversations.list(bot_id=ECHO_BOT_ID)) == []


def test_clear_conversation_starts_a_new_section_and_keeps_messages(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    old = add_text(coze, conversation.id, "before the clear")
    section = coze.conversations.clear(conversation_id=conversation.id)
    assert section.conversation_id == conversation.id
    assert section.id and section.id != conversation.last_section_id
    assert coze.conversations.retrieve(conversation_id=conversation.id).last_section_id == (
        section.id
    )
    new = add_text(coze, conversation.id, "after the clear")
    assert old.section_id == conversation.last_section_id
    assert new.section_id == section.id
    listed = coze.conversations.messages.list(conversation_id=conversation.id, order="asc")
    assert [m.id for m in listed] == [old.id, new.id]


# -- messages ---------------------------------------------------------------------------------------


def test_create_and_retrieve_message(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    message = coze.conversations.messages.create(
        conversation_id=conversation.id,
        role=MessageRole.USER,
        content="Good morning",
        content_type=MessageContentType.TEXT,
        meta_data={"customKey1": "customValue1"},
    )
    assert message.id and message.conversation_id == conversation.id
    assert message.role == MessageRole.USER and message.type == MessageType.QUESTION
    assert message.content == "Good morning"
    assert message.content_type == MessageContentType.TEXT
    assert message.meta_data == {"customKey1": "customValue1"}
    assert message.created_at == message.updated_at

    answer = add_text(coze, conversation.id, "Hi there", MessageRole.ASSISTANT)
    assert answer.type == MessageType.ANSWER

    fetched = coze.conversations.messages.retrieve(
        conversation_id=conversation.id, message_id=message.id
    )
    assert fetched.model_dump() == message.model_dump()


def test_multimodal_message(coze: Coze, tmp_path: Path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG fake")
    uploaded = upload(coze, path)
    conversation = coze.conversations.create()
    question = Message.build_user_question_objects(
        [
            MessageObjectString.build_text("What is in this picture?"),
            MessageObjectString.build_image(file_id=uploaded.id),
        ]
    )
    message = coze.conversations.messages.create(
        conversation_id=conversation.id,
        role=question.role,
        content=question.content,
        content_type=question.content_type,
    )
    assert message.content_type == MessageContentType.OBJECT_STRING
    assert message.content == question.content

    with pytest.raises(CozeAPIError) as excinfo:
        coze.conversations.messages.create(
            conversation_id=conversation.id,
            role=MessageRole.USER,
            content='[{"type": "image"}]',
            content_type=MessageContentType.OBJECT_STRING,
        )
    assert api_error(excinfo) == 4000


def test_list_messages_order_and_cursors(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    ids = [add_text(coze, conversation.id, f"m{i}").id for i in range(5)]
    messages = coze.conversations.messages

    newest = messages.list(conversation_id=conversation.id, limit=2)  # desc by default
    assert [m.id for m in newest.items] == [ids[4], ids[3]]
    assert (newest.first_id, newest.last_id, newest.has_more) == (ids[4], ids[3], True)
    pages = list(newest.iter_pages())
    assert [[m.id for m in p.items] for p in pages] == [
        [ids[4], ids[3]],
        [ids[2], ids[1]],
        [ids[0]],
    ]
    assert [p.has_more for p in pages] == [True, True, False]
    assert [m.content for m in newest] == ["m4", "m3", "m2", "m1", "m0"]

    oldest = messages.list(conversation_id=conversation.id, order="asc", limit=2)
    assert [m.content for m in oldest] == ["m0", "m1", "m2", "m3", "m4"]
    assert [m.id for m in oldest.items] == [ids[0], ids[1]]

    after = messages.list(conversation_id=conversation.id, order="asc", after_id=ids[1], limit=2)
    assert [m.id for m in after.items] == [ids[2], ids[3]]
    assert after.has_more is True
    before = messages.list(conversation_id=conversation.id, order="asc", before_id=ids[3], limit=2)
    assert [m.id for m in before.items] == [ids[1], ids[2]]
    assert before.has_more is True
    before_all = messages.list(conversation_id=conversation.id, order="asc", before_id=ids[2])
    assert [m.id for m in before_all.items] == [ids[0], ids[1]]
    assert before_all.has_more is False

    desc_after = messages.list(conversation_id=conversation.id, after_id=ids[2])
    assert [m.id for m in desc_after.items] == [ids[1], ids[0]]
    assert desc_after.has_more is False
    desc_before = messages.list(conversation_id=conversation.id, before_id=ids[2], limit=1)
    assert [m.id for m in desc_before.items] == [ids[3]]
    assert desc_before.has_more is True

    empty = messages.list(conversation_id=conversation.id, after_id=ids[0])
    assert empty.items == [] and empty.has_more is False

    for bad in ({"order": "sideways"}, {"limit": 51}, {"limit": 0}, {"after_id": "abc"}):
        with pytest.raises(CozeAPIError) as excinfo:
            messages.list(conversation_id=conversation.id, **bad)
        assert api_error(excinfo) == 4000, bad


def test_update_message(coze: Coze):
    conversation = coze.conversations.create()
    message = add_text(coze, conversation.id, "typo")
    updated = coze.conversations.messages.update(
        conversation_id=conversation.id,
        message_id=message.id,
        content="fixed",
        content_type=MessageContentType.TEXT,
        meta_data={"edited": "yes"},
    )
    assert updated.id == message.id
    assert updated.content == "fixed"
    assert updated.meta_data == {"edited": "yes"}
    assert updated.role == MessageRole.USER
    fetched = coze.conversations.messages.retrieve(
        conversation_id=conversation.id, message_id=message.id
    )
    assert fetched.content == "fixed" and fetched.meta_data == {"edited": "yes"}

    only_meta = coze.conversations.messages.update(
        conversation_id=conversation.id, message_id=message.id, meta_data={"n": "2"}
    )
    assert only_meta.content == "fixed" and only_meta.meta_data == {"n": "2"}

    with pytest.raises(CozeAPIError) as excinfo:
        coze.conversations.messages.update(conversation_id=conversation.id, message_id=message.id)
    assert api_error(excinfo) == 4000


def test_delete_message(coze: Coze):
    conversation = coze.conversations.create()
    keep = add_text(coze, conversation.id, "keep")
    drop = add_text(coze, conversation.id, "drop")
    deleted = coze.conversations.messages.delete(
        conversation_id=conversation.id, message_id=drop.id
    )
    assert deleted.id == drop.id and deleted.content == "drop"
    assert [m.id for m in coze.conversations.messages.list(conversation_id=conversation.id)] == [
        keep.id
    ]
    for call in (
        lambda: coze.conversations.messages.retrieve(
            conversation_id=conversation.id, message_id=drop.id
        ),
        lambda: coze.conversations.messages.delete(
            conversation_id=conversation.id, message_id=drop.id
        ),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4200


def test_messages_of_another_conversation_are_not_found(coze: Coze):
    one = coze.conversations.create()
    other = coze.conversations.create()
    message = add_text(coze, one.id, "mine")
    with pytest.raises(CozeAPIError) as excinfo:
        coze.conversations.messages.retrieve(conversation_id=other.id, message_id=message.id)
    assert api_error(excinfo) == 4200


# -- chats and the conversation history -------------------------------------------------------------


def test_chat_saves_question_and_answer_in_the_conversation(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    answer = chat_answer(coze, ECHO_BOT_ID, "remember this please", conversation_id=conversation.id)
    assert answer == "remember this please"
    history = list(coze.conversations.messages.list(conversation_id=conversation.id, order="asc"))
    assert [(m.role, m.type, m.content) for m in history] == [
        (MessageRole.USER, MessageType.QUESTION, "remember this please"),
        (MessageRole.ASSISTANT, MessageType.ANSWER, "remember this please"),
    ]
    question, reply = history
    assert question.chat_id and question.chat_id == reply.chat_id
    assert reply.bot_id == ECHO_BOT_ID
    assert {m.section_id for m in history} == {conversation.last_section_id}

    by_chat = coze.conversations.messages.list(
        conversation_id=conversation.id, chat_id=question.chat_id
    )
    assert [m.id for m in by_chat] == [reply.id, question.id]
    assert (
        list(coze.conversations.messages.list(conversation_id=conversation.id, chat_id="1")) == []
    )


def test_chat_without_auto_save_leaves_the_history_alone(coze: Coze):
    conversation = coze.conversations.create(bot_id=ECHO_BOT_ID)
    chat_answer(
        coze, ECHO_BOT_ID, "forget me", conversation_id=conversation.id, auto_save_history=False
    )
    assert list(coze.conversations.messages.list(conversation_id=conversation.id)) == []


def test_messages_created_beforehand_are_chat_context(coze: Coze, emu: Emulator):
    seen: list[list[str]] = []

    def responder(context: Any) -> str:
        seen.append([m["content"] for m in context.messages])
        return "ok"

    bot_id = emu.register_responder(responder)
    conversation = coze.conversations.create(
        bot_id=bot_id, messages=[Message.build_user_question_text("earlier")]
    )
    chat_answer(coze, bot_id, "now", conversation_id=conversation.id)
    assert seen == [["earlier", "now"]]


# -- bots -------------------------------------------------------------------------------------------


def test_bot_lifecycle_create_publish_chat_unpublish(coze: Coze, emu: Emulator):
    bot = coze.bots.create(
        space_id=SPACE,
        name="Helper",
        description="helps",
        prompt_info=BotPromptInfo(prompt="Be kind."),
        onboarding_info=BotOnboardingInfo(prologue="Hi!", suggested_questions=["What?"]),
    )
    bot_id = bot.bot_id
    assert len(bot_id) == 19 and bot_id in emu.store.bots.records

    # A draft: not online, cannot chat.
    with pytest.raises(CozeAPIError) as excinfo:
        coze.bots.retrieve(bot_id=bot_id)
    assert api_error(excinfo) == 4015
    with pytest.raises(CozeAPIError) as excinfo:
        chat_answer(coze, bot_id, "hello?")
    assert api_error(excinfo) == 4015

    published = coze.bots.publish(bot_id=bot_id)
    assert published.bot_id == bot_id and published.version == "1"
    online = coze.bots.retrieve(bot_id=bot_id)
    assert online.bot_id == bot_id and online.name == "Helper"
    assert online.description == "helps"
    assert online.version == "1"
    assert online.prompt_info is not None and online.prompt_info.prompt == "Be kind."
    assert online.onboarding_info is not None
    assert online.onboarding_info.prologue == "Hi!"
    assert online.onboarding_info.suggested_questions == ["What?"]
    assert online.bot_mode == 0
    assert online.create_time is not None and online.create_time > 0
    assert chat_answer(coze, bot_id, "echo me") == "echo me"

    # Unpublishing from the API connector takes it offline again; the id stays.
    coze.bots.unpublish(bot_id=bot_id, connector_id="1024")
    with pytest.raises(CozeAPIError) as excinfo:
        chat_answer(coze, bot_id, "still there?")
    assert api_error(excinfo) == 4015
    with pytest.raises(CozeAPIError) as excinfo:
        coze.bots.unpublish(bot_id=bot_id, connector_id="1024")
    assert api_error(excinfo) == 4000
    republished = coze.bots.publish(bot_id=bot_id)
    assert republished.bot_id == bot_id and republished.version == "2"
    assert chat_answer(coze, bot_id, "back") == "back"


def test_update_changes_the_draft_until_published(coze: Coze):
    bot_id = coze.bots.create(space_id=SPACE, name="Before").bot_id
    coze.bots.publish(bot_id=bot_id)
    coze.bots.update(
        bot_id=bot_id,
        name="After",
        description="new text",
        prompt_info=BotPromptInfo(prompt="New prompt"),
    )
    online = coze.bots.retrieve(bot_id=bot_id)
    assert online.name == "Before" and online.version == "1"
    draft = coze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
    assert draft.name == "After" and draft.description == "new text"
    assert draft.prompt_info is not None and draft.prompt_info.prompt == "New prompt"

    coze.bots.publish(bot_id=bot_id)
    online = coze.bots.retrieve(bot_id=bot_id, use_api_version=2)
    assert online.name == "After" and online.version == "2"
    assert online.update_time is not None and online.update_time >= online.create_time  # type: ignore[operator]


def test_list_published_bots_pages_and_keeps_default_bots(coze: Coze, emu: Emulator):
    created = [coze.bots.create(space_id=SPACE, name=f"bot{i}").bot_id for i in range(3)]
    for bot_id in created:
        coze.bots.publish(bot_id=bot_id)
    draft = coze.bots.create(space_id=SPACE, name="draft").bot_id
    other = {**emu.store.workspaces.records[0], "id": "7300000000000000999", "members": []}
    emu.store.workspaces.records.append(other)
    elsewhere = coze.bots.create(space_id="7300000000000000999", name="other").bot_id
    coze.bots.publish(bot_id=elsewhere)

    first = coze.bots.list(space_id=SPACE, page_size=2)
    assert first.total == 5
    assert first.has_more is True
    pages = list(first.iter_pages())
    assert [len(p.items) for p in pages] == [2, 2, 1]
    listed = [b.bot_id for b in first]
    assert listed == [ECHO_BOT_ID, TOOL_BOT_ID, *created]
    assert draft not in listed and elsewhere not in listed
    bots = {b.bot_id: b for b in first}
    assert bots[created[0]].bot_name == "bot0" and bots[created[0]].name == "bot0"
    assert bots[created[0]].is_published is True
    assert int(bots[created[0]].publish_time) > 0

    coze.bots.unpublish(bot_id=created[0], connector_id="1024")
    assert [b.bot_id for b in coze.bots.list(space_id=SPACE)] == [
        ECHO_BOT_ID,
        TOOL_BOT_ID,
        *created[1:],
    ]


def test_list_bots_by_publish_status(coze: Coze):
    online = coze.bots.create(space_id=SPACE, name="online").bot_id
    coze.bots.publish(bot_id=online)
    edited = coze.bots.create(space_id=SPACE, name="edited").bot_id
    coze.bots.publish(bot_id=edited)
    coze.bots.update(bot_id=edited, name="edited v2")
    draft = coze.bots.create(space_id=SPACE, name="draft").bot_id

    def ids(status: cozepy.PublishStatus | None) -> list[str]:
        bots = coze.bots.list(space_id=SPACE, publish_status=status, use_api_version=2)
        return [b.id for b in bots]

    assert ids(None) == [ECHO_BOT_ID, TOOL_BOT_ID, online, edited]
    assert ids(cozepy.PublishStatus.ALL) == [ECHO_BOT_ID, TOOL_BOT_ID, online, edited, draft]
    assert ids(cozepy.PublishStatus.PUBLISHED_DRAFT) == [edited]
    assert ids(cozepy.PublishStatus.UNPUBLISHED_DRAFT) == [draft]

    everything = coze.bots.list(
        space_id=SPACE, publish_status=cozepy.PublishStatus.ALL, use_api_version=2, page_size=2
    )
    assert everything.total == 5
    assert [len(p.items) for p in everything.iter_pages()] == [2, 2, 1]
    by_id = {b.id: b for b in everything}
    assert by_id[edited].name == "edited v2" and by_id[edited].is_published is True
    assert by_id[draft].is_published is False and by_id[draft].published_at is None
    online_view = {b.id: b for b in coze.bots.list(space_id=SPACE, use_api_version=2, page_size=10)}
    assert online_view[edited].name == "edited"


def test_default_bots_are_online(coze: Coze):
    echo = coze.bots.retrieve(bot_id=ECHO_BOT_ID)
    assert echo.name == "Echo" and echo.version == "1"
    assert echo.plugin_info_list == []


def test_bot_icon_from_an_uploaded_file(coze: Coze, tmp_path: Path):
    path = tmp_path / "icon.png"
    path.write_bytes(b"\x89PNG icon")
    icon = upload(coze, path)
    bot_id = coze.bots.create(space_id=SPACE, name="Iconic", icon_file_id=icon.id).bot_id
    draft = coze.bots.retrieve(bot_id=bot_id, is_published=False, use_api_version=2)
    assert draft.icon_url and icon.id in draft.icon_url
    with pytest.raises(CozeAPIError) as excinfo:
        coze.bots.create(space_id=SPACE, name="Broken", icon_file_id="123")
    assert api_error(excinfo) == 4000


def test_bot_errors(coze: Coze):
    for call in (
        lambda: coze.bots.create(space_id=SPACE, name=""),
        lambda: coze.bots.create(space_id="", name="x"),
        lambda: coze.bots.create(space_id=SPACE, name="n" * 21),
        lambda: coze.bots.publish(bot_id=""),
        lambda: coze.bots.list(space_id=""),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4000
    for call in (
        lambda: coze.bots.update(bot_id="404", name="x"),
        lambda: coze.bots.publish(bot_id="404"),
        lambda: coze.bots.unpublish(bot_id="404", connector_id="1024"),
        lambda: coze.bots.retrieve(bot_id="404"),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4200


# -- files ------------------------------------------------------------------------------------------


def test_upload_and_retrieve_file(coze: Coze, emu: Emulator, tmp_path: Path):
    content = bytes(range(256)) * 40
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    uploaded = upload(coze, path)
    assert uploaded.id and uploaded.id.isdigit()
    assert uploaded.bytes == len(content)
    assert uploaded.file_name == "report.pdf"
    assert uploaded.created_at is not None and uploaded.created_at > 0
    assert emu.store.files.contents[uploaded.id] == content

    fetched = coze.files.retrieve(file_id=uploaded.id)
    assert fetched.model_dump() == uploaded.model_dump()


def test_upload_by_path_leaks_cozepys_file_handle(coze: Coze, emu: Emulator, tmp_path: Path):
    path = tmp_path / "by-path.txt"
    path.write_bytes(b"from a path")
    uploaded = coze.files.upload(file=path)
    leaked = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, io.BufferedReader) and obj.name == str(path) and not obj.closed
    ]
    assert len(leaked) == 1  # cozepy's, left open: close it so it warns no ResourceWarning
    leaked[0].close()
    assert (uploaded.file_name, uploaded.bytes) == ("by-path.txt", 11)
    assert emu.store.files.contents[uploaded.id] == b"from a path"


def test_upload_file_from_bytes_with_a_name(coze: Coze, emu: Emulator):
    uploaded = coze.files.upload(file=("notes.txt", b"hello"))
    assert (uploaded.file_name, uploaded.bytes) == ("notes.txt", 5)
    assert emu.store.files.contents[uploaded.id] == b"hello"


def test_file_errors(coze: Coze, raw: httpx.Client):
    with pytest.raises(CozeAPIError) as excinfo:
        coze.files.retrieve(file_id="7400000000000000000")
    assert api_error(excinfo) == 4200
    with pytest.raises(CozeAPIError) as excinfo:
        coze.files.retrieve(file_id="")
    assert api_error(excinfo) == 4000
    no_file = raw.post("/v1/files/upload", files={"other": ("a.txt", b"x")})
    assert no_file.status_code == 200 and no_file.json()["code"] == 4000
    not_multipart = raw.post("/v1/files/upload", json={"file": "x"})
    assert not_multipart.json()["code"] == 4000


# -- errors -----------------------------------------------------------------------------------------

UNKNOWN = "7499999999999999999"


def test_unknown_conversation_is_4200(coze: Coze):
    conversations = coze.conversations
    for call in (
        lambda: conversations.retrieve(conversation_id=UNKNOWN),
        lambda: conversations.update(conversation_id=UNKNOWN, name="x"),
        lambda: conversations.delete(conversation_id=UNKNOWN),
        lambda: conversations.clear(conversation_id=UNKNOWN),
        lambda: add_text(coze, UNKNOWN, "hi"),
        lambda: conversations.messages.list(conversation_id=UNKNOWN),
        lambda: conversations.messages.retrieve(conversation_id=UNKNOWN, message_id=UNKNOWN),
        lambda: conversations.messages.delete(conversation_id=UNKNOWN, message_id=UNKNOWN),
        lambda: conversations.list(bot_id=UNKNOWN),
        lambda: conversations.create(bot_id=UNKNOWN),
        lambda: chat_answer(coze, ECHO_BOT_ID, "hi", conversation_id=UNKNOWN),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4200
        assert excinfo.value.logid


def test_missing_or_bad_parameters_are_4000(coze: Coze):
    conversation = coze.conversations.create()
    messages = coze.conversations.messages
    for call in (
        lambda: coze.conversations.retrieve(conversation_id=""),
        lambda: coze.conversations.list(bot_id=""),
        lambda: coze.conversations.list(bot_id=ECHO_BOT_ID, page_size=51),
        lambda: coze.conversations.list(bot_id=ECHO_BOT_ID, page_num=0),
        lambda: coze.conversations.update(conversation_id=conversation.id, name=None),
        lambda: add_text(coze, "", "hi"),
        lambda: messages.retrieve(conversation_id=conversation.id, message_id=""),
        lambda: messages.create(
            conversation_id=conversation.id,
            role="system",  # type: ignore[arg-type]
            content="x",
            content_type=MessageContentType.TEXT,
        ),
        lambda: messages.create(
            conversation_id=conversation.id,
            role=MessageRole.USER,
            content="x",
            content_type=MessageContentType.CARD,
        ),
        lambda: messages.create(
            conversation_id=conversation.id,
            role=MessageRole.USER,
            content="x",
            content_type=MessageContentType.TEXT,
            meta_data={"k": "v" * 513},
        ),
        lambda: coze.conversations.create(
            messages=[Message.build_user_question_text(str(i)) for i in range(17)]
        ),
    ):
        with pytest.raises(CozeAPIError) as excinfo:
            call()
        assert api_error(excinfo) == 4000


# -- the wire itself --------------------------------------------------------------------------------


def test_envelopes_on_the_wire(coze: Coze, raw: httpx.Client):
    conversation = coze.conversations.create()
    message = add_text(coze, conversation.id, "wire")
    query = {"conversation_id": conversation.id, "message_id": message.id}

    listed = raw.post(
        "/v1/conversation/message/list",
        params={"conversation_id": conversation.id},
        json={"order": "desc", "limit": 10},
    ).json()
    assert listed["code"] == 0 and listed["msg"] == ""
    assert [m["id"] for m in listed["data"]] == [message.id]
    assert (listed["first_id"], listed["last_id"], listed["has_more"]) == (
        message.id,
        message.id,
        False,
    )
    assert listed["detail"]["logid"]

    modified = raw.post(
        "/v1/conversation/message/modify", params=query, json={"content": "changed"}
    ).json()
    assert "data" not in modified and modified["message"]["content"] == "changed"
    assert modified["message"]["content_type"] == "text"

    page = raw.get("/v1/conversations", params={"bot_id": ECHO_BOT_ID}).json()["data"]
    assert page == {"conversations": [], "has_more": False}

    published = raw.get("/v1/space/published_bots_list", params={"space_id": SPACE}).json()
    assert published["data"]["total"] == 2
    assert set(published["data"]["space_bots"][0]) == {
        "bot_id",
        "bot_name",
        "description",
        "icon_url",
        "publish_time",
    }
    assert isinstance(published["data"]["space_bots"][0]["publish_time"], str)

    online = raw.get("/v1/bot/get_online_info", params={"bot_id": ECHO_BOT_ID}).json()["data"]
    assert "is_published" not in online and online["bot_id"] == ECHO_BOT_ID

    deleted = raw.delete(f"/v1/conversations/{conversation.id}").json()
    assert deleted["code"] == 0 and "data" not in deleted
