"""``Emulator(strict=True)``: every request checked against its operation's request schema (from
the Coze OpenAPI, shipped in coze_async/emulator/_spec_data.json), refused with 4000 naming the
field; the schemas kept in step with the spec and the routes; the pytest plugin's option."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from coze_async.emulator import ECHO_BOT_ID, ECHO_WORKFLOW_ID, PERSONAL_WORKSPACE_ID, Emulator
from coze_async.emulator._strict import operations
from tests import gen_emulator_spec

QUESTION = {"role": "user", "type": "question", "content": "hi", "content_type": "text"}
CHAT = {"bot_id": ECHO_BOT_ID, "user_id": "u", "additional_messages": [QUESTION]}
#: The User-Agent of cozepy, from which strict mode takes the few extras it sends.
COZEPY = {"User-Agent": "cozepy/0.20.0 python/3.11 linux/6.1"}


@pytest.fixture
async def http() -> AsyncIterator[tuple[Emulator, aiohttp.ClientSession]]:
    async with Emulator(strict=True) as emu:
        headers = {"Authorization": f"Bearer {emu.token}"}
        async with aiohttp.ClientSession(emu.base_url, headers=headers) as session:
            yield emu, session


async def answer(
    session: aiohttp.ClientSession, method: str, path: str, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    async with session.request(method, path, **kwargs) as response:
        return response.status, orjson.loads(await response.read())


# -- what is refused, and how --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "message"),
    [
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "botid": "x"}},
            "unknown field botid",
            id="unknown",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "additional_messages": [{**QUESTION, "text": "x"}]}},
            "unknown field additional_messages[0].text",
            id="unknown-nested",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {"additional_messages": [QUESTION]}},
            "missing required fields bot_id, user_id",
            id="missing",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "additional_messages": [{**QUESTION, "role": None}]}},
            "missing required field additional_messages[0].role",
            id="missing-nested-null",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "bot_id": 7000000000000000001}},
            "field bot_id must be a string, not integer",
            id="wrong-type",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "stream": "true"}},
            "field stream must be a boolean, not string",
            id="wrong-type-boolean",
        ),
        pytest.param(
            "POST",
            "/v3/chat",
            {"json": {**CHAT, "custom_variables": {"city": 1}}},
            "field custom_variables.city must be a string, not integer",
            id="wrong-type-in-a-map",
        ),
        pytest.param(
            "GET",
            "/v1/conversations",
            {"params": {"bot_id": ECHO_BOT_ID, "page_size": "ten"}},
            "query parameter page_size must be an integer: 'ten'",
            id="query-wrong-type",
        ),
        pytest.param(
            "GET",
            "/v1/conversations",
            {"params": {"bot_id": ECHO_BOT_ID, "page": "1"}},
            "unknown query parameter page",
            id="query-unknown",
        ),
        pytest.param(
            "GET",
            "/v3/chat/retrieve",
            {"params": {"chat_id": "1"}},
            "missing required query parameter conversation_id",
            id="query-missing",
        ),
        pytest.param(
            "GET",
            "/v1/bots/7000000000000000001",
            {"params": {"is_published": "yes"}},
            "query parameter is_published must be a boolean: 'yes'",
            id="query-boolean",
        ),
        pytest.param(
            "GET",
            "/v1/users/me",
            {"json": {"user_id": "1"}},
            "GET /v1/users/me takes no request body",
            id="body-where-none-is-defined",
        ),
    ],
)
async def test_a_request_the_schema_refuses_is_a_4000_naming_the_field(
    http: tuple[Emulator, aiohttp.ClientSession],
    method: str,
    path: str,
    kwargs: dict[str, Any],
    message: str,
) -> None:
    emu, session = http
    status, body = await answer(session, method, path, **kwargs)
    # HTTP 200 with code 4000, as the emulator (and the service) answer a parameter error.
    assert (status, body["code"]) == (200, 4000)
    assert body["msg"] == f"Request parameter error: {message}"
    assert emu.store.chats.records == {}  # refused before the handler ran


async def test_what_the_schema_allows_passes(http: tuple[Emulator, aiohttp.ClientSession]) -> None:
    _, session = http
    allowed = {
        **CHAT,
        "meta_data": {"k": "v"},
        "custom_variables": {"city": "Oslo"},
        "parameters": {"anything": [1, {"goes": None}]},  # a free-form object
        "conversation_id_is_in_the_query": None,  # null counts as absent, even when unknown
        "additional_messages": [
            {"role": "user", "content": "typeless", "content_type": "text"},  # type optional
        ],
    }
    status, body = await answer(session, "POST", "/v3/chat", json=allowed)
    assert (status, body["code"]) == (200, 0), body
    # cozepy's POST to retrieve, with the ids in the query (QUIRKS.md).
    ids = {"conversation_id": body["data"]["conversation_id"], "chat_id": body["data"]["id"]}
    status, body = await answer(session, "POST", "/v3/chat/retrieve", params=ids)
    assert body["code"] == 0, body


async def test_the_lenient_default_takes_unknown_fields() -> None:
    async with Emulator() as emu:
        assert emu.strict is False
        headers = {"Authorization": f"Bearer {emu.token}"}
        async with aiohttp.ClientSession(emu.base_url, headers=headers) as session:
            _, body = await answer(session, "POST", "/v3/chat", json={**CHAT, "botid": "x"})
    assert body["code"] == 0


async def test_an_injected_fault_answers_before_the_check(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    emu, session = http
    emu.inject(path="/v3/chat", status=503)
    status, _ = await answer(session, "POST", "/v3/chat", json={"bogus": 1})
    assert status == 503


async def test_a_bad_token_is_refused_before_the_check(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    _, session = http
    status, body = await answer(
        session, "POST", "/v3/chat", json={"bogus": 1}, headers={"Authorization": "Bearer no"}
    )
    assert (status, body["code"]) == (401, 4100)


async def test_the_oauth_endpoints_are_not_checked(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    _, session = http
    status, body = await answer(
        session, "POST", "/api/permission/oauth2/token", json={"grant_type": "nonsense", "x": 1}
    )
    assert status == 400 and "error_code" in body  # the OAuth handler's own answer


async def test_cozepy_may_repeat_the_bot_id_when_unpublishing_nobody_else_may(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # cozepy 0.20 sends bot_id in the body of unpublish, which the API does not define (the
    # service ignores it): accepted from cozepy's User-Agent only.
    _, session = http
    _, created = await answer(
        session, "POST", "/v1/bot/create", json={"space_id": PERSONAL_WORKSPACE_ID, "name": "b"}
    )
    bot_id = created["data"]["bot_id"]
    await answer(
        session, "POST", "/v1/bot/publish", json={"bot_id": bot_id, "connector_ids": ["1024"]}
    )
    body = {"bot_id": bot_id, "connector_id": "1024"}
    url = f"/v1/bots/{bot_id}/unpublish"
    _, refused = await answer(session, "POST", url, json=body)
    assert refused["msg"] == "Request parameter error: unknown field bot_id"
    _, accepted = await answer(session, "POST", url, json=body, headers=COZEPY)
    assert accepted["code"] == 0, accepted


async def test_cozepy_may_send_an_empty_dataset_filter_nobody_else_may(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # cozepy 0.20's datasets.list sends `format_type=` (httpx's None) when no filter is given.
    _, session = http
    query = {"space_id": PERSONAL_WORKSPACE_ID, "name": "", "format_type": ""}
    _, refused = await answer(session, "GET", "/v1/datasets", params=query)
    assert refused["msg"] == (
        "Request parameter error: query parameter format_type must be an integer: ''"
    )
    _, accepted = await answer(session, "GET", "/v1/datasets", params=query, headers=COZEPY)
    assert accepted["code"] == 0, accepted


async def test_a_room_takes_a_workflow_and_translation_languages(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # Neither source has them; cozepy 0.20 sends both (gen_emulator_spec._q_room_fields).
    _, session = http
    config = {"room_mode": "translate", "translate_config": {"from": "zh", "to": "en"}}
    body = {"bot_id": ECHO_BOT_ID, "workflow_id": ECHO_WORKFLOW_ID, "config": config}
    _, created = await answer(session, "POST", "/v1/audio/rooms", json=body)
    assert created["code"] == 0, created
    # cozepy writes the source language as its Python name, `from_`: accepted from it alone.
    config["translate_config"] = {"from_": "zh", "to": "en"}
    _, refused = await answer(session, "POST", "/v1/audio/rooms", json=body)
    assert refused["msg"] == "Request parameter error: unknown field config.translate_config.from_"
    _, accepted = await answer(session, "POST", "/v1/audio/rooms", json=body, headers=COZEPY)
    assert accepted["code"] == 0, accepted


async def test_documents_are_added_without_a_chunk_strategy_or_format(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # Both sources require both; a dataset's later uploads keep its first strategy, and
    # cozepy 0.20's async create sends no format_type.
    _, session = http
    dataset = {"space_id": PERSONAL_WORKSPACE_ID, "name": "kb", "format_type": 0}
    _, created = await answer(session, "POST", "/v1/datasets", json=dataset)
    source = {"file_base64": "aGk=", "file_type": "txt"}
    body = {
        "dataset_id": created["data"]["dataset_id"],
        "document_bases": [{"name": "a.txt", "source_info": source}],
    }
    url = "/open_api/knowledge/document/create"
    _, added = await answer(session, "POST", url, json=body)
    assert added["code"] == 0, added
    _, refused = await answer(session, "POST", url, json={**body, "format": 0})
    assert refused["msg"] == "Request parameter error: unknown field format"


async def test_a_quota_needs_its_period_as_the_api_says(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # main requires active_mode, started_at and ended_at of a quota (as the API's reference
    # does); create_device_quotas.yaml's BenefitInfo, shared with the answer, requires nothing.
    _, session = http
    quota = {"benefit_type": "resource_point", "limit": 10}
    body = {"entity_type": "enterprise_all_devices", "benefit_info": quota}
    url = "/v1/commerce/benefit/limitations"
    _, refused = await answer(session, "POST", url, json=body)
    assert refused["msg"] == (
        "Request parameter error: missing required fields benefit_info.active_mode,"
        " benefit_info.ended_at, benefit_info.started_at"
    )
    period = {"active_mode": "absolute_time", "started_at": 0, "ended_at": 253402300799}
    body["benefit_info"] = {**quota, **period}
    _, created = await answer(session, "POST", url, json=body)
    assert created["code"] == 0, created


async def test_an_upload_is_multipart_and_passes(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    _, session = http
    form = aiohttp.FormData()
    form.add_field("file", b"hello", filename="a.txt")
    _, body = await answer(session, "POST", "/v1/files/upload", data=form)
    assert body["code"] == 0, body


async def test_the_voiceprint_uploads_are_multipart_and_pass(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # Their per-API files write JSON bodies with a `file` field; they are multipart forms.
    _, session = http
    _, group = await answer(session, "POST", "/v1/audio/voiceprint_groups", json={"name": "g"})
    url = f"/v1/audio/voiceprint_groups/{group['data']['id']}"
    form = aiohttp.FormData()
    form.add_field("name", "Ann")
    form.add_field("file", b"ann speaking" * 10, filename="ann.wav")
    _, feature = await answer(session, "POST", f"{url}/features", data=form)
    assert feature["code"] == 0, feature
    form = aiohttp.FormData()
    form.add_field("file", b"ann speaking" * 10, filename="who.wav")
    _, identified = await answer(session, "POST", f"{url}/speaker_identify", data=form)
    assert identified["code"] == 0, identified


async def test_a_chatflow_needs_its_parameters(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    _, session = http
    body = {"workflow_id": ECHO_WORKFLOW_ID, "bot_id": ECHO_BOT_ID, "additional_messages": []}
    _, refused = await answer(session, "POST", "/v1/workflows/chat", json=body)
    assert refused["msg"] == "Request parameter error: missing required field parameters"


# -- the schemas: shipped, complete, in step with the spec ---------------------------------------


def test_every_route_the_emulator_serves_outside_oauth_has_a_schema() -> None:
    served = gen_emulator_spec.served_routes()
    for method, path in served:
        if method == "*":
            assert f"GET {path}" in operations(), path
        else:
            assert f"{method} {path}" in operations(), (method, path)
    assert {key.split(" ", 1)[1] for key in operations()} == {path for _, path in served}


async def test_a_method_the_api_does_not_define_for_a_path_is_refused(
    http: tuple[Emulator, aiohttp.ClientSession],
) -> None:
    # The emulator serves the chat's message list for any method; the API defines GET only
    # (and POST for retrieve, which cozepy uses).
    _, session = http
    ids = {"conversation_id": "1", "chat_id": "2"}
    _, body = await answer(session, "POST", "/v3/chat/message/list", params=ids)
    assert body == {
        "code": 4000,
        "msg": "POST /v3/chat/message/list is not an API operation",
        "detail": body["detail"],
    }


def test_the_schemas_load_without_the_spec_and_from_the_package_only() -> None:
    code = (
        "import sys\n"
        "from coze_async.emulator import Emulator\n"
        "emu = Emulator(strict=True)\n"
        "from coze_async.emulator._strict import operations\n"
        "assert 'POST /v3/chat' in operations()\n"
        "assert 'yaml' not in sys.modules and 'tests' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd="/")


# -- the pytest plugin ---------------------------------------------------------------------------


def test_the_fixture_is_strict_in_this_suite(coze_emulator: Emulator) -> None:
    assert coze_emulator.strict is True  # coze_emulator_strict = true in pyproject.toml


def test_the_fixture_is_lenient_by_default_and_strict_when_configured(tmp_path: Path) -> None:
    configs = {"lenient": ("", False), "strict": ("coze_emulator_strict = true\n", True)}
    root = str(Path(__file__).resolve().parent.parent)
    for name, (option, strict) in configs.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pytest.ini").write_text(f"[pytest]\n{option}")
        (folder / f"test_{name}.py").write_text(
            f"def test_it(coze_emulator):\n    assert coze_emulator.strict is {strict}\n"
        )
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": root},
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
