"""The pytest plugin that coze-async installs (``pytest11`` entry point) and the emulator's
typed public surface."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_pytest_plugin_does_not_import_the_emulator() -> None:
    # Every pytest run of anyone with coze-async installed loads the plugin: it must stay cheap.
    code = (
        "import sys, coze_async.emulator.pytest_plugin as plugin\n"
        "assert callable(plugin.coze_emulator)\n"
        "heavy = [m for m in ('aiohttp.web', 'coze_async.emulator._server') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_emulator_package_still_exports_its_names_lazily() -> None:
    code = (
        "import sys, coze_async.emulator as e\n"
        "assert 'coze_async.emulator._server' not in sys.modules\n"
        "assert e.Emulator.__name__ == 'Emulator' and e.ECHO_BOT_ID and e.Fault\n"
        "assert set(e.__all__) <= set(dir(e))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_fixture_serves_a_running_emulator(coze_emulator) -> None:  # type: ignore[no-untyped-def]
    from coze_async.emulator import Emulator

    assert isinstance(coze_emulator, Emulator)
    assert coze_emulator.base_url.startswith("http://127.0.0.1:")


def test_each_family_state_is_typed_and_starts_with_its_defaults() -> None:
    import attrs

    from coze_async.emulator import ECHO_BOT_ID, ECHO_WORKFLOW_ID, PERSONAL_WORKSPACE_ID, Emulator
    from coze_async.emulator.routes.apps import APP_ID
    from coze_async.emulator.routes.audio import SYSTEM_VOICE_ID
    from coze_async.emulator.routes.commerce import RUNNING_BILL_TASK_ID
    from coze_async.emulator.routes.enterprises import ENTERPRISE_ID
    from coze_async.emulator.routes.folders import PROJECTS_FOLDER_ID
    from coze_async.emulator.routes.templates import TEMPLATE_ID

    store = Emulator().store  # no request served: nothing is added on first use any more
    families = [getattr(store, a.name) for a in attrs.fields(type(store))]
    assert len(families) == 18 and all(attrs.has(type(family)) for family in families)
    assert ECHO_BOT_ID in store.bots.records
    assert ECHO_WORKFLOW_ID in store.workflows.records
    assert [w["id"] for w in store.workspaces.records] == [PERSONAL_WORKSPACE_ID]
    assert PROJECTS_FOLDER_ID in [f["id"] for f in store.folders.records]
    assert APP_ID in [a["id"] for a in store.apps.records]
    assert TEMPLATE_ID in store.templates.records
    assert SYSTEM_VOICE_ID in [v["voice_id"] for v in store.audio.voices]
    assert store.oauth.apps == {} and store.oauth.tokens == {}
    assert store.websockets.sessions == [] and not store.websockets.open
    assert store.datasets.records == {} and store.datasets.documents == {}
    assert store.api_apps.records == [] and ENTERPRISE_ID in store.enterprises.records
    assert RUNNING_BILL_TASK_ID in [t["task_id"] for t in store.commerce.bill_tasks]
    assert Emulator().store.bots.records is not store.bots.records  # one state per emulator


def test_the_emulator_is_independent_of_the_sdk() -> None:
    # cozepy passing against the emulator is the conformance check: it must not share code
    # with the SDK it checks.
    code = (
        "import sys\n"
        "from coze_async.emulator import Emulator\n"
        "Emulator()\n"
        "start_up = ('coze_async._version', 'coze_async._lazy')  # the package's own __init__\n"
        "sdk = [m for m in sys.modules if m.startswith('coze_async.')\n"
        "       and not m.startswith('coze_async.emulator') and m not in start_up]\n"
        "print(','.join(sdk))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_the_token_is_typed_str_even_when_any_token_is_accepted() -> None:
    import typing

    from coze_async.emulator import DEFAULT_TOKEN, Emulator

    # ``TokenAuth(emu.token)`` must type-check under mypy --strict.
    assert typing.get_type_hints(Emulator)["token"] is str
    assert Emulator().token == DEFAULT_TOKEN
    assert Emulator(token="secret").token == "secret"
    assert Emulator(token=None).token == DEFAULT_TOKEN  # a token it accepts, like any other


async def test_an_emulator_that_accepts_any_token_accepts_its_own() -> None:
    import aiohttp

    from coze_async.emulator import Emulator

    async with Emulator(token=None, strict=True) as emu, aiohttp.ClientSession() as http:
        for token in (emu.token, "anything"):
            headers = {"Authorization": f"Bearer {token}"}
            async with http.get(f"{emu.base_url}/v1/users/me", headers=headers) as response:
                assert response.status == 200 and (await response.json())["code"] == 0


def test_inject_takes_the_fields_of_fault_as_typed_keywords() -> None:
    import inspect

    import attrs

    from coze_async.emulator import Emulator, Fault

    parameters = inspect.signature(Emulator.inject).parameters
    assert not any(p.kind is p.VAR_KEYWORD for p in parameters.values())  # misspellings fail
    keywords = {n: p for n, p in parameters.items() if p.kind is p.KEYWORD_ONLY}
    fields = {f.name: f for f in attrs.fields(Fault) if f.init}
    assert list(keywords) == list(fields)
    for name, field in fields.items():
        assert keywords[name].default == field.default, name
        assert keywords[name].annotation == field.type, name


def test_inject_builds_the_fault_from_its_keywords() -> None:
    from coze_async.emulator import Emulator, Fault

    emu = Emulator()
    fault = emu.inject(path="/v3/chat", status=503, retry_after=2, times=None, probability=0.5)
    assert fault == Fault(path="/v3/chat", status=503, retry_after=2, times=None, probability=0.5)
    given = Fault(path="/v1/files/upload", drop_after=1)
    assert emu.inject(given) is given


def test_every_fault_field_is_explained_in_its_docstring() -> None:
    import attrs

    from coze_async.emulator import Fault

    doc = Fault.__doc__ or ""
    for field in attrs.fields(Fault):
        assert f"``{field.name}``" in doc, field.name


def test_client_helpers_give_clients_for_this_emulator() -> None:
    import asyncio

    from coze_async import AsyncCoze, Coze
    from coze_async.emulator import Emulator

    with Emulator.run_in_thread(strict=True) as emu:
        with emu.client(max_retries=0) as coze:
            assert isinstance(coze, Coze) and coze.base_url == emu.base_url
            assert coze.users.me().user_id

        async def use() -> str:
            async with emu.async_client() as client:
                assert isinstance(client, AsyncCoze)
                return (await client.users.me()).user_id

        assert asyncio.run(use())
