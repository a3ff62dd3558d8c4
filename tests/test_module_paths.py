"""The module paths cozepy users import from work with ``coze_async`` in place of ``cozepy``
(the drop-in issue, item 2): cozepy's package layout (its public modules and family packages,
but for the families other open issues add) and every ``from cozepy.X import ...`` of cozepy's
examples.

``MODULE_PATHS`` is the one table: each path, with the cozepy names importable from it. The
public modules may export more (coze_async's own names of the family); every name they export
is the object the rest of the package uses.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import cozepy
import pytest

import coze_async
from tests.conftest import run_python
from tests.test_cozepy_names import OWNED

#: path under ``coze_async`` / ``cozepy`` -> the cozepy names imported from it.
MODULE_PATHS: dict[str, str] = {
    "auth": """
        AsyncAuth AsyncDeviceOAuthApp AsyncJWTAuth AsyncJWTOAuthApp AsyncPKCEOAuthApp
        AsyncTokenAuth AsyncWebOAuthApp Auth COZE_CN_BASE_URL COZE_COM_BASE_URL
        CozePKCEAuthError CozePKCEAuthErrorType DeviceAuthCode DeviceOAuthApp JWTAuth
        JWTOAuthApp OAuthApp OAuthToken PKCEOAuthApp Scope ScopeAccountPermission
        ScopeAttributeConstraint ScopeAttributeConstraintConnectorBotChatAttribute SyncAuth
        TokenAuth WebOAuthApp gen_s256_code_challenge load_oauth_app_from_config
    """,
    "config": """
        COZE_CN_BASE_URL COZE_COM_BASE_URL DEFAULT_CONNECTION_LIMITS DEFAULT_TIMEOUT
    """,
    "log": """
        log_debug log_error log_fatal log_info log_warning logger setup_logging
    """,
    "util": """
        anext base64_encode_string dump_exclude_none gen_s256_code_challenge get_methods
        get_model_default http_base_url_to_ws random_hex remove_none_values
        remove_url_trailing_slash write_pcm_to_wav_file
    """,
    "exception": """
        COZE_PKCE_AUTH_ERROR_TYPE_ENUMS CozeAPIError CozeError CozeInvalidEventError
        CozePKCEAuthError CozePKCEAuthErrorType
    """,
    "version": """
        VERSION coze_client_user_agent get_os_version user_agent
    """,
    "model": """
        AsyncLastIDPaged AsyncNumberPaged AsyncPagedBase AsyncStream AsyncTokenPaged CozeModel
        DynamicStrEnum FileHTTPResponse HTTPResponse LastIDPaged LastIDPagedResponse
        ListResponse NumberPaged NumberPagedResponse PagedBase Stream TokenPaged
        TokenPagedResponse
    """,
    "request": """
        AsyncHTTPClient SyncHTTPClient
    """,
    "coze": """
        AsyncCoze COZE_COM_BASE_URL Coze
    """,
    "api_apps": """
        APIApp APIAppsClient AppType AsyncAPIAppsClient DeleteAPIAppsResp UpdateAPIAppsResp
    """,
    "api_apps.events": """
        APIAppEvent APIAppsEventsClient AsyncAPIAppsEventsClient CreateAPIAppsEventsResp
        DeleteAPIAppsEventsResp UpdateAPIAppsEventsResp
    """,
    "apps": """
        AppsClient AsyncAppsClient PublishStatus SimpleApp
    """,
    "bots": """
        AsyncBotsClient BackgroundImageInfo Bot BotBackgroundImageInfo BotKnowledge BotMode
        BotModelInfo BotOnboardingInfo BotPluginAPIInfo BotPluginInfo BotPromptInfo
        BotSuggestReplyInfo BotVariable BotVoiceInfo BotWorkflowInfo BotsClient CanvasPosition
        GradientPosition PluginIDList PublishStatus SimpleBot SuggestReplyMode UnpublishBotResp
        UpdateBotResp UserInputType VariableChannel VariableType WorkflowIDList
    """,
    "chat": """
        AsyncChatClient Chat ChatClient ChatError ChatEvent ChatEventType ChatPoll
        ChatRequiredAction ChatRequiredActionType ChatStatus ChatSubmitToolOutputs ChatToolCall
        ChatToolCallFunction ChatToolCallType ChatUsage InsertedMessage Message
        MessageContentType MessageObjectString MessageObjectStringType MessageRole MessageType
        ToolOutput
    """,
    "chat.message": """
        AsyncChatMessagesClient ChatMessagesClient Message
    """,
    "connectors": """
        AsyncConnectorsClient ConnectorsClient
    """,
    "connectors.bots": """
        AsyncConnectorsBotsClient AuditStatus ConnectorsBotsClient UpdateConnectorBotResp
    """,
    "conversations": """
        AsyncConversationsClient Conversation ConversationsClient DeleteConversationResp Message
        Section
    """,
    "conversations.message": """
        AsyncMessagesClient Message MessageContentType MessageRole MessagesClient
    """,
    "conversations.message.feedback": """
        AsyncMessagesFeedbackClient ConversationsMessagesFeedbackClient
        CreateConversationMessageFeedbackResp DeleteConversationMessageFeedbackResp FeedbackType
    """,
    "datasets": """
        AsyncDatasetsClient CreateDatasetResp Dataset DatasetStatus DatasetsClient
        DeleteDatasetRes DocumentChunkStrategy DocumentFormatType DocumentProgress DocumentStatus
        DocumentUpdateType UpdateDatasetRes
    """,
    "datasets.documents": """
        AsyncDatasetsDocumentsClient DatasetsDocumentsClient DeleteDocumentRes Document
        DocumentBase DocumentChunkStrategy DocumentFormatType DocumentSourceInfo
        DocumentSourceType DocumentStatus DocumentUpdateRule DocumentUpdateType UpdateDocumentRes
    """,
    "datasets.images": """
        AsyncDatasetsImagesClient DatasetsImagesClient DocumentSourceType Photo PhotoStatus
        UpdateImageRes
    """,
    "enterprises": """
        AsyncEnterprisesClient EnterprisesClient
    """,
    "enterprises.members": """
        AsyncEnterprisesMembersClient CreateEnterpriseMemberResp DeleteEnterpriseMemberResp
        EnterpriseMember EnterpriseMemberRole EnterprisesMembersClient UpdateEnterpriseMemberResp
    """,
    "files": """
        AsyncFilesClient File FileContent FileTypes FilesClient
    """,
    "folders": """
        AsyncFoldersClient FolderType FoldersClient SimpleFolder
    """,
    "knowledge": """
        AsyncKnowledgeClient KnowledgeClient
    """,
    "knowledge.documents": """
        AsyncDocumentsClient Document DocumentBase DocumentChunkStrategy DocumentUpdateRule
        DocumentsClient
    """,
    "templates": """
        AsyncTemplatesClient TemplateDuplicateResp TemplateEntityType TemplatesClient
    """,
    "users": """
        AsyncUsersClient User UsersClient
    """,
    "variables": """
        AsyncVariablesClient UpdateVariableResp VariableValue VariablesClient
    """,
    "workflows": """
        AsyncWorkflowsClient PublishStatus WorkflowBasic WorkflowInfo WorkflowMode
        WorkflowUserInfo WorkflowsClient
    """,
    "workflows.chat": """
        AsyncWorkflowsChatClient ChatEvent Message WorkflowsChatClient
    """,
    "workflows.runs": """
        AsyncWorkflowsRunsClient ChatUsage WorkflowEvent WorkflowEventError
        WorkflowEventInterrupt WorkflowEventInterruptData WorkflowEventMessage WorkflowEventType
        WorkflowRunResult WorkflowsRunsClient
    """,
    "workflows.runs.run_histories": """
        AsyncWorkflowsRunsRunHistoriesClient ChatUsage WorkflowExecuteStatus WorkflowRunHistory
        WorkflowRunHistoryNodeExecuteStatus WorkflowRunMode WorkflowsRunsRunHistoriesClient
    """,
    "workflows.runs.run_histories.execute_nodes": """
        AsyncWorkflowsRunsRunHistoriesExecuteNodesClient WorkflowNodeExecuteHistory
        WorkflowsRunsRunHistoriesExecuteNodesClient
    """,
    "workflows.versions": """
        AsyncWorkflowsVersionsClient PublishStatus WorkflowUserInfo WorkflowVersionInfo
        WorkflowsVersionsClient
    """,
    "audio": """
        AsyncAudioClient AudioClient
    """,
    "audio.live": """
        AsyncLiveClient LiveClient LiveInfo LiveType StreamInfo
    """,
    "audio.rooms": """
        AsyncRoomsClient CreateRoomResp RoomAudioConfig RoomConfig RoomMode RoomVideoConfig
        RoomsClient TranslateConfig
    """,
    "audio.speech": """
        AsyncSpeechClient AudioFormat LanguageCode SpeechClient
    """,
    "audio.transcriptions": """
        AsyncTranscriptionsClient CreateTranscriptionsResp TranscriptionsClient
    """,
    "audio.voiceprint_groups": """
        AsyncVoiceprintGroupsClient CreateVoicePrintGroupResp DeleteVoicePrintGroupResp
        FeatureScore SpeakerIdentifyResp UpdateVoicePrintGroupResp VoicePrintGroup
        VoiceprintGroupsClient
    """,
    "audio.voiceprint_groups.features": """
        AsyncVoiceprintGroupsFeaturesClient CreateVoicePrintGroupFeatureResp
        DeleteVoicePrintGroupFeatureResp UpdateVoicePrintGroupFeatureResp UserInfo
        VoicePrintGroupFeature VoiceprintGroupsFeaturesClient
    """,
    "audio.voices": """
        AsyncVoicesClient AudioFormat Voice VoiceModelType VoiceState VoicesClient
    """,
    "workspaces": """
        AsyncWorkspacesClient Workspace WorkspaceRoleType WorkspaceType WorkspacesClient
    """,
    "workspaces.members": """
        AsyncWorkspacesMembersClient CreateWorkspaceMemberResp DeleteWorkspaceMemberResp
        WorkspaceMember WorkspaceRoleType WorkspacesMembersClient
    """,
}

#: ``from cozepy.X import ...`` lines of cozepy's examples (coze-dev/coze-py, examples/),
#: beyond the top-level package: path -> names (``None``: owned by another open issue).
EXAMPLE_IMPORTS: dict[str, str | None] = {
    "auth": "DeviceOAuthApp TokenAuth",  # template_duplicate.py
    "config": "COZE_CN_BASE_URL",  # template_duplicate.py
    "connectors.bots": "AuditStatus",  # connector_bot_update.py
    "log": "log_info setup_logging",  # cli.py, chat_no_stream.py, websockets_*.py, ...
    "util": "write_pcm_to_wav_file",  # chat_simple_audio.py, chat_oneonone_audio.py, ...
    "websockets.ws": None,  # InputAudio (websockets_chat_realtime_gui.py): websockets issue
}

#: cozepy families other open issues add: their paths are not provided yet.
OWNED_PATHS = ("websockets",)

#: cozepy names a path defines that coze_async does not provide, and why.
NOT_PROVIDED: dict[str, dict[str, str]] = {
    "model": {
        "HTTPRequest": "cozepy's internal request description (httpx)",
        "IteratorHTTPResponse": "cozepy's internal stream wrapper (httpx)",
        "AsyncIteratorHTTPResponse": "cozepy's internal stream wrapper (httpx)",
    },
    "request": {"Requester": "cozepy's internal httpx requester"},
}

#: cozepy's modules of machinery, not of an API family: their names (which cozepy re-exports in
#: its family modules as it uses them) belong to their own paths only.
_MACHINERY = ("auth", "config", "coze", "exception", "log", "model", "request", "util", "version")


def _ours(path: str) -> ModuleType:
    return importlib.import_module(f"coze_async.{path}")


def _theirs(path: str) -> ModuleType:
    return importlib.import_module(f"cozepy.{path}")


@pytest.mark.parametrize("path", sorted(MODULE_PATHS))
def test_each_path_has_its_cozepy_names(path: str) -> None:
    module = _ours(path)
    names = MODULE_PATHS[path].split()
    missing = [name for name in names if not hasattr(module, name)]
    assert not missing, f"coze_async.{path} lacks {missing}"
    # The table lists cozepy's own paths and names (it is not a wish list).
    theirs = _theirs(path)
    assert [name for name in names if not hasattr(theirs, name)] == []
    # What the module exports resolves, once each, and holds the table's names.
    assert len(set(module.__all__)) == len(module.__all__)
    assert set(names) <= set(module.__all__)
    for name in module.__all__:
        getattr(module, name)


@pytest.mark.parametrize("path", sorted(MODULE_PATHS))
def test_each_name_is_the_packages_object(path: str) -> None:
    module = _ours(path)
    for name in module.__all__:
        if name in coze_async._EXPORTS:
            assert getattr(module, name) is getattr(coze_async, name), f"{path}.{name}"


def test_a_name_in_several_paths_is_one_object() -> None:
    seen: dict[str, object] = {}
    for path in MODULE_PATHS:
        module = _ours(path)
        for name in module.__all__:
            value = getattr(module, name)
            assert seen.setdefault(name, value) is value, f"{path}.{name} differs"


def _cozepy_paths() -> list[str]:
    return sorted(
        info.name.removeprefix("cozepy.")
        for info in pkgutil.walk_packages(cozepy.__path__, "cozepy.")
        if not info.name.removeprefix("cozepy.").startswith(OWNED_PATHS)
    )


def test_the_table_covers_cozepys_package_layout() -> None:
    assert sorted(MODULE_PATHS) == _cozepy_paths()


def _cozepy_names(path: str) -> set[str]:
    """The names users import from ``cozepy.<path>``: the classes and functions it defines, and,
    for a family module, the public names (of cozepy's ``__all__``) it brings from sibling
    families."""
    module = _theirs(path)
    machinery = {f"cozepy.{name}" for name in _MACHINERY}
    names = set()
    for name, value in vars(module).items():
        if name.startswith("_"):
            continue
        home = getattr(value, "__module__", None)
        defined = (inspect.isclass(value) or inspect.isfunction(value)) and home == module.__name__
        family = (
            path not in _MACHINERY
            and name in cozepy.__all__
            and name not in OWNED
            and isinstance(home, str)
            and home.startswith("cozepy.")
            and home not in machinery
        )
        if defined or family:
            names.add(name)
    return names


@pytest.mark.parametrize("path", sorted(MODULE_PATHS))
def test_the_table_holds_every_name_cozepy_defines_there(path: str) -> None:
    expected = _cozepy_names(path) - set(NOT_PROVIDED.get(path, {}))
    assert sorted(expected - set(MODULE_PATHS[path].split())) == []
    for name in NOT_PROVIDED.get(path, {}):
        assert hasattr(_theirs(path), name), f"{name} is no longer in cozepy.{path}"
        assert not hasattr(_ours(path), name)


def test_the_examples_import_paths_work() -> None:
    for path, names in EXAMPLE_IMPORTS.items():
        theirs = _theirs(path)
        if names is None:
            assert path.startswith(OWNED_PATHS)
            continue
        for name in names.split():
            assert hasattr(theirs, name)
            assert name in MODULE_PATHS[path].split()
            assert hasattr(_ours(path), name)


def test_the_log_module_is_cozepys() -> None:
    from coze_async import log

    assert log.logger.name == "coze_async"
    for level in ("fatal", "error", "warning", "info", "debug"):
        assert getattr(log, f"log_{level}") == getattr(log.logger, level)
    assert log.setup_logging is coze_async.setup_logging


def test_the_light_modules_load_no_http_machinery() -> None:
    script = (
        "import sys\n"
        "import coze_async.config, coze_async.log, coze_async.util, coze_async.exception\n"
        "import coze_async.version, coze_async.request\n"
        "print(sorted(m for m in ('aiohttp', 'httpx') if m in sys.modules))\n"
    )
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_importing_the_package_stays_lazy() -> None:
    script = (
        "import sys, coze_async\nprint('aiohttp' in sys.modules, 'coze_async.chat' in sys.modules)"
    )
    result = run_python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_public_modules_do_not_shadow_package_names() -> None:
    # A public module's name is never a lazily exported name (``coze_async.X`` means one thing).
    modules = {path.split(".")[0] for path in MODULE_PATHS}
    assert not modules & set(coze_async._EXPORTS)
    assert not modules & {"models", "resources", "emulator", "cli"}


def _module_name(file: Path, root: Path) -> str:
    parts = list(file.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_public_modules_re_export_and_private_modules_implement() -> None:
    root = Path(coze_async.__file__).parent
    public = {f"coze_async.{path}" for path in MODULE_PATHS}
    for file in sorted(root.rglob("*.py")):
        name = _module_name(file, root)
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(file.read_text())
        for node in ast.walk(tree):
            if name in public:
                # A public module defines nothing: imports, ``__all__`` and its docstring.
                assert not isinstance(node, ast.FunctionDef | ast.ClassDef), f"{name}: {node}"
                continue
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if node.level else []
                target = ".".join([*base, *([node.module] if node.module else [])])
                targets = {target, *(f"{target}.{a.name}" for a in node.names)}
                assert not targets & public, f"{name} imports the public {targets & public}"
            elif isinstance(node, ast.Import):
                targets = {a.name for a in node.names}
                assert not targets & public, f"{name} imports the public {targets & public}"
