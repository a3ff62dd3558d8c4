"""The ``coze-async`` command: every command in-process (``main([...])``), a few as a
subprocess; exit codes, ``--json``, the tool bot's requires_action, interactive chat, the
emulator command, and ``auth login`` with its cached token."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coze_async import DeviceOAuthApp, __version__
from coze_async.cli import main, token_file
from coze_async.emulator import (
    ECHO_BOT_ID,
    ECHO_WORKFLOW_ID,
    ERROR_WORKFLOW_ID,
    INTERRUPT_WORKFLOW_ID,
    PERSONAL_WORKSPACE_ID,
    TOOL_BOT_ID,
    ChatContext,
    Emulator,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No credentials from the machine running the tests; the config dir is the test's own;
    stdin is empty (not a terminal)."""
    for name in ("COZE_API_TOKEN", "COZE_API_BASE", "COZE_CLIENT_ID", "COZE_ASYNC_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def target(coze_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """A test-owned emulator the commands reach through COZE_API_TOKEN and COZE_API_BASE."""
    monkeypatch.setenv("COZE_API_TOKEN", coze_emulator.token)
    monkeypatch.setenv("COZE_API_BASE", coze_emulator.base_url)
    return coze_emulator


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None):  # type: ignore[no-untyped-def]
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def json_lines(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def cli(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COZE_API")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-W", "error", "-m", "coze_async", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# -- the command itself --------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.startswith(f"coze-async {__version__} ")


def test_version_as_a_subprocess() -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"coze-async {__version__}")


def test_help_lists_every_command_the_exit_codes_and_the_credentials(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for command in (
        "chat",
        "workflow run",
        "files upload",
        "bots list",
        "conversations list",
        "auth login",
        "auth logout",
        "emulator",
    ):
        assert f"\n  {command}" in out, command
    for line in ("0    success", "1    API error", "2    usage error", "3    connection error"):
        assert line in out
    assert "COZE_API_TOKEN" in out
    assert "COZE_API_BASE" in out
    assert "auth login" in out and "token.json" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["chat", "--emulator", "--bogus", "hi"],
        ["workflow"],
        ["emulator", "--fault", "no-status"],
        ["emulator", "--fault", "/v3/chat:99"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "usage:" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chat", "--emulator", "--bot-id", "", "hi"], "--bot-id must not be empty"),
        (["chat", "--bot-id", "  ", "hi"], "--bot-id must not be empty"),
        (["chat", "hi"], "--bot-id is required"),
        (["chat", "--bot-id", "b", "hi"], "no credentials"),
        (["chat", "--emulator"], "give a message"),
        (["conversations", "list"], "--bot-id is required"),
        (["conversations", "list", "--emulator", "--bot-id", ""], "must not be empty"),
        (["workflow", "run"], "WORKFLOW_ID is required"),
        (["workflow", "run", "--emulator", ""], "WORKFLOW_ID must not be empty"),
        (["workflow", "run", "--emulator", "--parameters", "[1]"], "JSON object"),
        (["workflow", "run", "--emulator", "--parameters", "{"], "not valid JSON"),
        (["workflow", "run", "--emulator", "-p", "novalue"], "KEY=VALUE"),
        (["files", "upload", "--emulator", "/no/such/file"], "no such file"),
        (["bots", "list", "--emulator", "--space-id", ""], "must not be empty"),
        (["auth", "login"], "--client-id is required"),
    ],
)
def test_bad_arguments_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("coze-async: usage error: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_a_usage_error_with_json_is_also_a_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["chat", "--json", "--bot-id", "", "hi"], capsys)
    assert code == 2
    (line,) = json_lines(out)
    assert line["error"]["exit_code"] == 2
    assert "--bot-id" in line["error"]["message"]


# -- chat ----------------------------------------------------------------------------------------


def test_the_readme_command_streams_a_chat(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["chat", "--emulator", "Hello from coze_async"], capsys)
    assert code == 0
    assert out.startswith("Hello from coze_async\n[chat ")
    assert "completed:" in out and "logid " in out


def test_chat_json_prints_one_event_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["chat", "--emulator", "--json", "two words"], capsys)
    assert code == 0
    events = json_lines(out)
    kinds = [e["event"] for e in events]
    assert "conversation.message.delta" in kinds
    assert "conversation.chat.completed" in kinds
    deltas = [e["message"]["content"] for e in events if e["event"] == "conversation.message.delta"]
    assert "".join(deltas) == "two words"


def test_the_tool_bot_shows_the_call_and_takes_its_output_from_the_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["chat", "--emulator", "--bot-id", TOOL_BOT_ID, "--tool-output", "cloudy", "Paris"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert '[tool call: get_weather({"location":"Paris"})' in out
    assert "The tool says: cloudy\n[chat " in out


def test_the_tool_bot_asks_for_the_output_on_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["chat", "--emulator", "--bot-id", TOOL_BOT_ID, "Oslo"], capsys, "snow\n")
    assert code == 0
    assert "output of tool get_weather" in err
    assert "The tool says: snow" in out


def test_requires_action_without_an_answer_is_an_error_not_silence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["chat", "--emulator", "--bot-id", TOOL_BOT_ID, "Oslo"], capsys, "")
    assert code == 1
    assert "[tool call: get_weather" in out
    assert "waits for the output of tool get_weather" in err
    assert "--tool-output" in err


def test_requires_action_without_an_answer_as_a_subprocess() -> None:
    result = cli("chat", "--emulator", "--bot-id", TOOL_BOT_ID, "Oslo")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "waits for the output of tool get_weather" in result.stderr


def test_interactive_chat_keeps_the_conversation(
    target: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    def count_turns(context: ChatContext) -> str:
        return f"{sum(m['role'] == 'user' for m in context.messages)} questions so far"

    bot = target.register_responder(count_turns)
    code, out, err = run(
        ["chat", "--interactive", "--bot-id", bot], capsys, "first\n\nsecond\nthird\n/quit\n"
    )
    assert code == 0
    assert "1 questions so far" in out
    assert "2 questions so far" in out
    assert "3 questions so far" in out
    assert err.count("you> ") == 5


def test_chat_without_a_message_on_a_terminal_is_interactive(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("from a terminal\n"))
    code, out, err = run(["chat", "--emulator"], capsys)
    assert code == 0
    assert out.startswith("from a terminal\n[chat ")
    assert "Ctrl-D or /quit" in err


def test_chat_help_says_where_the_credentials_come_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["chat", "--help"], capsys)
    assert code == 0
    assert "COZE_API_TOKEN" in out and "auth login" in out
    for option in ("--emulator", "--json", "--base-url", "--interactive", "--tool-output"):
        assert option in out


def test_interactive_chat_ends_at_end_of_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["chat", "--emulator", "-i", "opening"], capsys, "next one\n")
    assert code == 0
    assert out.count("completed:") == 2
    assert "opening" in out and "next one" in out


def test_an_api_error_prints_code_message_and_logid_never_the_token(
    target: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    target.inject(path="/v3/chat", code=4100, msg="the bot is tired")
    code, out, err = run(["chat", "--bot-id", ECHO_BOT_ID, "hi"], capsys)
    assert code == 1
    assert err.startswith("coze-async: API error")
    assert "the bot is tired" in err and "code 4100" in err and "logid " in err
    assert target.token not in out + err
    assert len(err.strip().splitlines()) == 1


def test_an_api_error_with_json(target: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    target.inject(path="/v3/chat", status=429, times=None)
    code, out, _ = run(
        ["chat", "--json", "--max-retries", "0", "--bot-id", ECHO_BOT_ID, "hi"], capsys
    )
    assert code == 1
    (line,) = json_lines(out)
    error = line["error"]
    assert error["status"] == 429
    assert error["exit_code"] == 1
    assert error["logid"]


def test_a_connection_error_exits_3(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COZE_API_TOKEN", "pat_secret_value")
    argv = ["chat", "--base-url", f"http://127.0.0.1:{free_port()}", "--max-retries", "0"]
    code, out, err = run([*argv, "--bot-id", "b", "hi"], capsys)
    assert code == 3
    assert err.startswith("coze-async: connection error: ")
    assert "pat_secret_value" not in out + err


def test_a_failed_chat_exits_1(target: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    def fail(context: ChatContext) -> str:
        raise RuntimeError("responder broke")

    bot = target.register_responder(fail)
    code, _, err = run(["chat", "--bot-id", bot, "hi"], capsys)
    assert code == 1
    assert "coze-async: " in err


def test_chat_without_streaming_reports_each_poll(
    target: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    target.store.chats.delay = 0.2
    argv = ["chat", "--no-stream", "--poll-interval", "0.05", "--bot-id", ECHO_BOT_ID, "slow"]
    code, out, err = run(argv, capsys)
    assert code == 0
    assert out.startswith("slow\n[chat ")
    assert ": in_progress]" in err
    assert err.strip().endswith(": completed]")


def test_chat_without_streaming_answers_tool_calls_and_prints_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["chat", "--emulator", "--no-stream", "--poll-interval", "0.05", "--json"]
    code, out, err = run([*argv, "--bot-id", TOOL_BOT_ID, "Lima"], capsys, "fog\n")
    assert code == 0
    lines = json_lines(out)
    assert lines[0]["event"] == "poll"
    assert lines[0]["chat"]["status"] == "requires_action"
    assert lines[-1]["event"] == "completed"
    answers = [
        line["message"]["content"]
        for line in lines
        if line["event"] == "message" and line["message"]["type"] == "answer"
    ]
    assert answers == ["The tool says: fog"]
    assert "output of tool get_weather" in err


# -- workflow run ------------------------------------------------------------------------------


def test_workflow_run_resumes_an_interrupt_with_resume_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["workflow", "run", "--emulator", INTERRUPT_WORKFLOW_ID, "--resume-data", "Paris"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert "[Question] Which city?" in out
    assert "waits for an answer" in out
    assert "The weather in Paris is sunny." in out
    assert "[workflow finished, logid " in out


def test_workflow_run_asks_on_stdin_and_streams_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["workflow", "run", "--emulator", "--json", INTERRUPT_WORKFLOW_ID]
    code, out, err = run(argv, capsys, "Rome\n")
    assert code == 0
    assert "answer> " in err
    events = json_lines(out)
    assert [e["event"] for e in events].count("Interrupt") == 1
    text = "".join(e["message"]["content"] for e in events if e["event"] == "Message")
    assert "Rome is sunny." in text


def test_workflow_run_waiting_for_an_answer_not_given_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["workflow", "run", "--emulator", INTERRUPT_WORKFLOW_ID], capsys, "")
    assert code == 1
    assert "--resume-data" in err


def test_workflow_run_with_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["workflow", "run", "--emulator", ECHO_WORKFLOW_ID, "--parameters", '{"input": "hey"}']
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert "hey" in out
    code, out, _ = run(["workflow", "run", "--emulator", "-p", "input=there"], capsys)
    assert code == 0
    assert "there" in out


def test_a_workflow_error_event_exits_1_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["workflow", "run", "--emulator", ERROR_WORKFLOW_ID], capsys)
    assert code == 1
    assert "workflow error" in err and "code 4000" in err and "logid " in err


# -- files, bots, conversations --------------------------------------------------------------------


def test_files_upload_draws_a_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(200_000))
    code, out, err = run(["files", "upload", "--emulator", "--progress", str(path)], capsys)
    assert code == 0
    assert "\tdata.bin\t200000 bytes" in out
    assert "100.0% 200000/200000 bytes" in err
    code, out, err = run(["files", "upload", "--emulator", "--json", str(path)], capsys)
    assert code == 0
    (line,) = json_lines(out)
    assert line["file_name"] == "data.bin" and line["bytes"] == 200_000
    assert "%" not in err  # no bar unless asked for (stderr is not a terminal here)


def test_bots_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["bots", "list", "--emulator"], capsys)
    assert code == 0
    assert f"{ECHO_BOT_ID}\t" in out and f"{TOOL_BOT_ID}\t" in out
    assert PERSONAL_WORKSPACE_ID in err
    code, out, _ = run(
        ["bots", "list", "--emulator", "--json", "--space-id", PERSONAL_WORKSPACE_ID], capsys
    )
    assert code == 0
    assert {b["id"] for b in json_lines(out)} >= {ECHO_BOT_ID, TOOL_BOT_ID}


def test_conversations_list(target: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["conversations", "list", "--bot-id", ECHO_BOT_ID], capsys)
    assert code == 0 and out == ""
    assert "no conversations" in err
    code, out, _ = run(["chat", "--json", "--bot-id", ECHO_BOT_ID, "hi"], capsys)
    conversation_id = json_lines(out)[-1]["chat"]["conversation_id"]
    code, out, _ = run(["conversations", "list", "--bot-id", ECHO_BOT_ID], capsys)
    assert code == 0
    assert out.startswith(conversation_id + "\t")
    code, out, _ = run(["conversations", "list", "--json", "--bot-id", ECHO_BOT_ID], capsys)
    assert [c["id"] for c in json_lines(out)] == [conversation_id]


# -- the emulator command -----------------------------------------------------------------------


def test_the_emulator_command_on_a_busy_port_says_so_in_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("emulator", "--port", str(port))
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"coze-async: error: cannot listen on 127.0.0.1:{port}: the port is already in use "
        "(choose another with --port, or --port 0 for a free one)"
    )


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], dict]]:  # type: ignore[type-arg]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = ["emulator", "--port", "0", "--json", "--strict", "--token", "secret"]
    server = subprocess.Popen(
        [sys.executable, "-m", "coze_async", *argv, "--fault", "/v3/chat:503:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        facts = json.loads(server.stdout.readline())
        yield server, facts
    finally:
        server.terminate()
        server.wait(10)
        for pipe in (server.stdout, server.stderr):
            if pipe is not None:
                pipe.close()


def test_the_emulator_command_prints_what_it_knows_and_applies_faults(
    served, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    _, facts = served
    assert facts["token"] == "secret"
    assert facts["strict"] is True
    assert facts["echo_bot_id"] == ECHO_BOT_ID
    assert facts["tool_bot_id"] == TOOL_BOT_ID
    assert facts["interrupt_workflow_id"] == INTERRUPT_WORKFLOW_ID
    assert facts["workspace_id"] == PERSONAL_WORKSPACE_ID
    assert facts["faults"] == [{"path": "/v3/chat", "status": 503, "times": 1}]
    monkeypatch.setenv("COZE_API_TOKEN", "secret")
    monkeypatch.setenv("COZE_API_BASE", facts["base_url"])
    code, _, err = run(["chat", "--max-retries", "0", "--bot-id", ECHO_BOT_ID, "hi"], capsys)
    assert code == 1
    assert "status 503" in err
    code, out, _ = run(["chat", "--max-retries", "0", "--bot-id", ECHO_BOT_ID, "hi"], capsys)
    assert code == 0
    assert out.startswith("hi\n")


def test_the_emulator_banner_names_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "coze_async", "emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(8)]
    finally:
        server.terminate()
        server.wait(10)
        server.stdout.close()  # type: ignore[union-attr]
    banner = "".join(lines)
    assert lines[0].startswith("Coze emulator on http://127.0.0.1:")
    for known in (ECHO_BOT_ID, TOOL_BOT_ID, INTERRUPT_WORKFLOW_ID, PERSONAL_WORKSPACE_ID):
        assert known in banner
    assert "COZE_API_TOKEN=emulator-token" in banner


# -- auth -----------------------------------------------------------------------------------------


def test_auth_login_against_the_emulator_caches_a_0600_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["auth", "login", "--emulator", "--json"], capsys)
    assert code == 0
    path = token_file()
    assert path == tmp_path / "config" / "coze-async" / "token.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = json.loads(path.read_text())
    assert saved["access_token"] and saved["refresh_token"]
    assert saved["access_token"] not in out + err
    (line,) = json_lines(out)
    assert line["token_file"] == str(path)
    assert "enter the code" in err
    # Again, over a file made readable by others: still 0600.
    path.chmod(0o644)
    code, out, _ = run(["auth", "login", "--emulator"], capsys)
    assert code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "token saved to" in out
    code, out, _ = run(["auth", "logout"], capsys)
    assert code == 0 and not path.exists()


def test_commands_use_the_cached_token_when_coze_api_token_is_unset(
    coze_emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    client_id = coze_emulator.register_oauth_app("device")
    with DeviceOAuthApp(client_id, coze_emulator.base_url) as app:
        device = app.get_device_code()
        coze_emulator.approve_device(device.user_code)
        token = app.get_access_token(device, poll=True)
    path = token_file()
    path.parent.mkdir(parents=True)
    record = {
        "access_token": token.access_token,
        "refresh_token": token.refresh_token,
        "expires_at": time.time() + 3600,
        "base_url": coze_emulator.base_url,
        "client_id": client_id,
    }
    path.write_text(json.dumps(record))
    code, out, _ = run(["bots", "list"], capsys)
    assert code == 0
    assert ECHO_BOT_ID in out
    # An expired token is renewed with its refresh token, and the new one cached.
    path.write_text(json.dumps({**record, "expires_at": time.time() - 10}))
    code, out, _ = run(["chat", "--bot-id", ECHO_BOT_ID, "renewed"], capsys)
    assert code == 0
    assert out.startswith("renewed\n")
    renewed = json.loads(path.read_text())
    assert renewed["access_token"] != token.access_token
    assert renewed["expires_at"] > time.time()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_broken_token_cache_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    path = token_file()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    code, _, err = run(["bots", "list"], capsys)
    assert code == 2
    assert "auth login" in err
