"""coze_async: an async-first Python SDK for the Coze OpenAPI, with a typed sync layer.

async with AsyncCoze(auth=TokenAuth(token)) as coze:
    async for event in coze.chat.stream(bot_id=..., user_id=..., additional_messages=[...]):
        ...

with Coze(auth=TokenAuth(token)) as coze:
    for event in coze.chat.stream(bot_id=..., user_id=..., additional_messages=[...]):
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _lazy
from ._version import __version__ as __version__

# For type checkers only: the names of ``_EXPORTS`` below, from the same modules
# (tests/test_package_exports.py checks it), as ``from x import Y as Y`` (an explicit re-export).
if TYPE_CHECKING:
    from ._auth import AsyncAuth as AsyncAuth
    from ._auth import AsyncTokenAuth as AsyncTokenAuth
    from ._auth import Auth as Auth
    from ._auth import SyncAuth as SyncAuth
    from ._auth import TokenAuth as TokenAuth
    from ._binary import AsyncFileHTTPResponse as AsyncFileHTTPResponse
    from ._client import AsyncCoze as AsyncCoze
    from ._config import COZE_CN_BASE_URL as COZE_CN_BASE_URL
    from ._config import COZE_COM_BASE_URL as COZE_COM_BASE_URL
    from ._config import DEFAULT_CONNECTION_LIMITS as DEFAULT_CONNECTION_LIMITS
    from ._config import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
    from ._errors import AuthenticationError as AuthenticationError
    from ._errors import BadRequestError as BadRequestError
    from ._errors import CozeAPIError as CozeAPIError
    from ._errors import CozeClientClosedError as CozeClientClosedError
    from ._errors import CozeConnectionError as CozeConnectionError
    from ._errors import CozeError as CozeError
    from ._errors import CozeInvalidArgumentError as CozeInvalidArgumentError
    from ._errors import CozeInvalidArgumentTypeError as CozeInvalidArgumentTypeError
    from ._errors import CozeInvalidEventError as CozeInvalidEventError
    from ._errors import CozeInvalidResponseError as CozeInvalidResponseError
    from ._errors import CozePKCEAuthError as CozePKCEAuthError
    from ._errors import CozePKCEAuthErrorType as CozePKCEAuthErrorType
    from ._errors import CozeStreamTruncatedError as CozeStreamTruncatedError
    from ._errors import CozeTimeoutError as CozeTimeoutError
    from ._errors import InternalServerError as InternalServerError
    from ._errors import NotFoundError as NotFoundError
    from ._errors import PermissionDeniedError as PermissionDeniedError
    from ._errors import RateLimitError as RateLimitError
    from ._http_client import AsyncHTTPClient as AsyncHTTPClient
    from ._http_client import Limits as Limits
    from ._http_client import SyncHTTPClient as SyncHTTPClient
    from ._log import setup_logging as setup_logging
    from ._oauth import AsyncDeviceOAuthApp as AsyncDeviceOAuthApp
    from ._oauth import AsyncJWTAuth as AsyncJWTAuth
    from ._oauth import AsyncJWTOAuthApp as AsyncJWTOAuthApp
    from ._oauth import AsyncPKCEOAuthApp as AsyncPKCEOAuthApp
    from ._oauth import AsyncWebOAuthApp as AsyncWebOAuthApp
    from ._oauth import OAuthApp as OAuthApp
    from ._pagination import AsyncLastIDPaged as AsyncLastIDPaged
    from ._pagination import AsyncNumberPaged as AsyncNumberPaged
    from ._pagination import AsyncPaged as AsyncPaged
    from ._pagination import AsyncPagedBase as AsyncPagedBase
    from ._pagination import LastIDPagedResponse as LastIDPagedResponse
    from ._pagination import NumberPagedResponse as NumberPagedResponse
    from ._request import RequestOptions as RequestOptions
    from ._response import FileHTTPResponse as FileHTTPResponse
    from ._response import HTTPResponse as HTTPResponse
    from ._sse import SSELineTooLongError as SSELineTooLongError
    from ._stream import AsyncStream as AsyncStream
    from ._sync_client import Coze as Coze
    from ._sync_layer import LastIDPaged as LastIDPaged
    from ._sync_layer import NumberPaged as NumberPaged
    from ._sync_layer import SyncFileHTTPResponse as SyncFileHTTPResponse
    from ._sync_layer import SyncPaged as SyncPaged
    from ._sync_layer import SyncStream as SyncStream
    from ._sync_oauth import DeviceOAuthApp as DeviceOAuthApp
    from ._sync_oauth import JWTAuth as JWTAuth
    from ._sync_oauth import JWTOAuthApp as JWTOAuthApp
    from ._sync_oauth import PKCEOAuthApp as PKCEOAuthApp
    from ._sync_oauth import WebOAuthApp as WebOAuthApp
    from ._sync_oauth import load_oauth_app_from_config as load_oauth_app_from_config
    from ._timeout import Timeout as Timeout
    from ._version import VERSION as VERSION
    from .models._base import CozeModel as CozeModel
    from .models._base import DynamicIntEnum as DynamicIntEnum
    from .models._base import DynamicStrEnum as DynamicStrEnum
    from .models._base import ListResponse as ListResponse
    from .models.api_apps import APIApp as APIApp
    from .models.api_apps import APIAppEvent as APIAppEvent
    from .models.api_apps import APIAppEventType as APIAppEventType
    from .models.api_apps import AppType as AppType
    from .models.api_apps import CreateAPIAppsEventsResp as CreateAPIAppsEventsResp
    from .models.api_apps import DeleteAPIAppsEventsResp as DeleteAPIAppsEventsResp
    from .models.api_apps import DeleteAPIAppsResp as DeleteAPIAppsResp
    from .models.api_apps import UpdateAPIAppsEventsResp as UpdateAPIAppsEventsResp
    from .models.api_apps import UpdateAPIAppsResp as UpdateAPIAppsResp
    from .models.apps import AddAppCollaboratorResp as AddAppCollaboratorResp
    from .models.apps import AppCollaborator as AppCollaborator
    from .models.apps import RemoveAppCollaboratorResp as RemoveAppCollaboratorResp
    from .models.apps import SimpleApp as SimpleApp
    from .models.audio import AudioFormat as AudioFormat
    from .models.audio import CreateRoomResp as CreateRoomResp
    from .models.audio import CreateTranscriptionsResp as CreateTranscriptionsResp
    from .models.audio import CreateVoicePrintGroupFeatureResp as CreateVoicePrintGroupFeatureResp
    from .models.audio import CreateVoicePrintGroupResp as CreateVoicePrintGroupResp
    from .models.audio import DeleteVoicePrintGroupFeatureResp as DeleteVoicePrintGroupFeatureResp
    from .models.audio import DeleteVoicePrintGroupResp as DeleteVoicePrintGroupResp
    from .models.audio import EmotionInfo as EmotionInfo
    from .models.audio import EmotionScaleInterval as EmotionScaleInterval
    from .models.audio import FeatureScore as FeatureScore
    from .models.audio import LanguageCode as LanguageCode
    from .models.audio import LiveInfo as LiveInfo
    from .models.audio import LiveType as LiveType
    from .models.audio import RoomAudioConfig as RoomAudioConfig
    from .models.audio import RoomConfig as RoomConfig
    from .models.audio import RoomMode as RoomMode
    from .models.audio import RoomVideoConfig as RoomVideoConfig
    from .models.audio import SpeakerIdentifyResp as SpeakerIdentifyResp
    from .models.audio import StreamInfo as StreamInfo
    from .models.audio import TranslateConfig as TranslateConfig
    from .models.audio import TurnDetectionConfig as TurnDetectionConfig
    from .models.audio import TurnDetectionType as TurnDetectionType
    from .models.audio import UpdateVoicePrintGroupFeatureResp as UpdateVoicePrintGroupFeatureResp
    from .models.audio import UpdateVoicePrintGroupResp as UpdateVoicePrintGroupResp
    from .models.audio import UserInfo as UserInfo
    from .models.audio import Voice as Voice
    from .models.audio import VoiceModelType as VoiceModelType
    from .models.audio import VoicePrintGroup as VoicePrintGroup
    from .models.audio import VoicePrintGroupFeature as VoicePrintGroupFeature
    from .models.audio import VoiceState as VoiceState
    from .models.auth import DeviceAuthCode as DeviceAuthCode
    from .models.auth import OAuthToken as OAuthToken
    from .models.auth import Scope as Scope
    from .models.auth import ScopeAccountPermission as ScopeAccountPermission
    from .models.auth import ScopeAttributeConstraint as ScopeAttributeConstraint
    from .models.auth import (
        ScopeAttributeConstraintConnectorBotChatAttribute as ScopeAttributeConstraintConnectorBotChatAttribute,  # noqa: E501
    )
    from .models.bots import AddBotCollaboratorResp as AddBotCollaboratorResp
    from .models.bots import BackgroundImageInfo as BackgroundImageInfo
    from .models.bots import Bot as Bot
    from .models.bots import BotBackgroundImageInfo as BotBackgroundImageInfo
    from .models.bots import BotCollaborationMode as BotCollaborationMode
    from .models.bots import BotCollaborator as BotCollaborator
    from .models.bots import BotKnowledge as BotKnowledge
    from .models.bots import BotKnowledgeInfo as BotKnowledgeInfo
    from .models.bots import BotMediaConfig as BotMediaConfig
    from .models.bots import BotMode as BotMode
    from .models.bots import BotModelInfo as BotModelInfo
    from .models.bots import BotModelInfoConfig as BotModelInfoConfig
    from .models.bots import BotOnboardingInfo as BotOnboardingInfo
    from .models.bots import BotPluginAPIInfo as BotPluginAPIInfo
    from .models.bots import BotPluginInfo as BotPluginInfo
    from .models.bots import BotPrefixPromptInfo as BotPrefixPromptInfo
    from .models.bots import BotPromptInfo as BotPromptInfo
    from .models.bots import BotPromptMode as BotPromptMode
    from .models.bots import BotShortcutCommand as BotShortcutCommand
    from .models.bots import BotShortcutCommandTool as BotShortcutCommandTool
    from .models.bots import BotSuggestReplyInfo as BotSuggestReplyInfo
    from .models.bots import BotVariable as BotVariable
    from .models.bots import BotVersionInfo as BotVersionInfo
    from .models.bots import BotVersionUserInfo as BotVersionUserInfo
    from .models.bots import BotVoiceInfo as BotVoiceInfo
    from .models.bots import BotWorkflowInfo as BotWorkflowInfo
    from .models.bots import CanvasPosition as CanvasPosition
    from .models.bots import DeleteBotCollaboratorResp as DeleteBotCollaboratorResp
    from .models.bots import GradientPosition as GradientPosition
    from .models.bots import PluginIDList as PluginIDList
    from .models.bots import PublishStatus as PublishStatus
    from .models.bots import SimpleBot as SimpleBot
    from .models.bots import SuggestReplyMode as SuggestReplyMode
    from .models.bots import UnpublishBotResp as UnpublishBotResp
    from .models.bots import UpdateBotCollaborationModeResp as UpdateBotCollaborationModeResp
    from .models.bots import UpdateBotResp as UpdateBotResp
    from .models.bots import UserInputType as UserInputType
    from .models.bots import VariableChannel as VariableChannel
    from .models.bots import VariableType as VariableType
    from .models.bots import WorkflowIDList as WorkflowIDList
    from .models.chat import Chat as Chat
    from .models.chat import ChatError as ChatError
    from .models.chat import ChatEvent as ChatEvent
    from .models.chat import ChatEventType as ChatEventType
    from .models.chat import ChatPoll as ChatPoll
    from .models.chat import ChatRequiredAction as ChatRequiredAction
    from .models.chat import ChatRequiredActionType as ChatRequiredActionType
    from .models.chat import ChatStatus as ChatStatus
    from .models.chat import ChatSubmitToolOutputs as ChatSubmitToolOutputs
    from .models.chat import ChatToolCall as ChatToolCall
    from .models.chat import ChatToolCallFunction as ChatToolCallFunction
    from .models.chat import ChatToolCallType as ChatToolCallType
    from .models.chat import ChatUsage as ChatUsage
    from .models.chat import InsertedMessage as InsertedMessage
    from .models.chat import Message as Message
    from .models.chat import MessageContentType as MessageContentType
    from .models.chat import MessageObjectString as MessageObjectString
    from .models.chat import MessageObjectStringType as MessageObjectStringType
    from .models.chat import MessageRole as MessageRole
    from .models.chat import MessageType as MessageType
    from .models.chat import ToolOutput as ToolOutput
    from .models.chat import Usage as Usage
    from .models.commerce import BenefitActiveMode as BenefitActiveMode
    from .models.commerce import BenefitBasicInfo as BenefitBasicInfo
    from .models.commerce import BenefitBillTask as BenefitBillTask
    from .models.commerce import BenefitData as BenefitData
    from .models.commerce import BenefitEntityType as BenefitEntityType
    from .models.commerce import BenefitInfo as BenefitInfo
    from .models.commerce import BenefitItemInfo as BenefitItemInfo
    from .models.commerce import BenefitLimitation as BenefitLimitation
    from .models.commerce import BenefitStatus as BenefitStatus
    from .models.commerce import BenefitStatusInfo as BenefitStatusInfo
    from .models.commerce import BenefitStrategy as BenefitStrategy
    from .models.commerce import BenefitTriggerUnit as BenefitTriggerUnit
    from .models.commerce import BenefitType as BenefitType
    from .models.commerce import BenefitUserLevel as BenefitUserLevel
    from .models.commerce import BillTaskStatus as BillTaskStatus
    from .models.commerce import CreateBenefitLimitationResp as CreateBenefitLimitationResp
    from .models.connectors import AuditStatus as AuditStatus
    from .models.connectors import BindConnectorUserConfigResp as BindConnectorUserConfigResp
    from .models.connectors import InstallConnectorResp as InstallConnectorResp
    from .models.connectors import UpdateConnectorBotResp as UpdateConnectorBotResp
    from .models.connectors import UserConfig as UserConfig
    from .models.connectors import UserConfigEnum as UserConfigEnum
    from .models.conversations import Conversation as Conversation
    from .models.conversations import (
        CreateConversationMessageFeedbackResp as CreateConversationMessageFeedbackResp,
    )
    from .models.conversations import (
        DeleteConversationMessageFeedbackResp as DeleteConversationMessageFeedbackResp,
    )
    from .models.conversations import DeleteConversationResp as DeleteConversationResp
    from .models.conversations import FeedbackType as FeedbackType
    from .models.conversations import Section as Section
    from .models.datasets import CreateDatasetResp as CreateDatasetResp
    from .models.datasets import Dataset as Dataset
    from .models.datasets import DatasetStatus as DatasetStatus
    from .models.datasets import DeleteDatasetRes as DeleteDatasetRes
    from .models.datasets import DeleteDocumentRes as DeleteDocumentRes
    from .models.datasets import Document as Document
    from .models.datasets import DocumentBase as DocumentBase
    from .models.datasets import DocumentChunkStrategy as DocumentChunkStrategy
    from .models.datasets import DocumentFormatType as DocumentFormatType
    from .models.datasets import DocumentProgress as DocumentProgress
    from .models.datasets import DocumentSourceInfo as DocumentSourceInfo
    from .models.datasets import DocumentSourceType as DocumentSourceType
    from .models.datasets import DocumentStatus as DocumentStatus
    from .models.datasets import DocumentUpdateRule as DocumentUpdateRule
    from .models.datasets import DocumentUpdateType as DocumentUpdateType
    from .models.datasets import Photo as Photo
    from .models.datasets import PhotoStatus as PhotoStatus
    from .models.datasets import UpdateDatasetRes as UpdateDatasetRes
    from .models.datasets import UpdateDocumentRes as UpdateDocumentRes
    from .models.datasets import UpdateImageRes as UpdateImageRes
    from .models.enterprises import CreateEnterpriseMemberResp as CreateEnterpriseMemberResp
    from .models.enterprises import (
        CreateEnterpriseOrganizationResp as CreateEnterpriseOrganizationResp,
    )
    from .models.enterprises import DeleteEnterpriseMemberResp as DeleteEnterpriseMemberResp
    from .models.enterprises import EnterpriseMember as EnterpriseMember
    from .models.enterprises import EnterpriseMemberRole as EnterpriseMemberRole
    from .models.enterprises import UpdateEnterpriseMemberResp as UpdateEnterpriseMemberResp
    from .models.files import File as File
    from .models.folders import FolderType as FolderType
    from .models.folders import SimpleFolder as SimpleFolder
    from .models.templates import TemplateDuplicateResp as TemplateDuplicateResp
    from .models.templates import TemplateEntityType as TemplateEntityType
    from .models.users import User as User
    from .models.variables import UpdateVariableResp as UpdateVariableResp
    from .models.variables import VariableValue as VariableValue
    from .models.workflows import RemoveWorkflowCollaboratorResp as RemoveWorkflowCollaboratorResp
    from .models.workflows import WorkflowBasic as WorkflowBasic
    from .models.workflows import WorkflowEvent as WorkflowEvent
    from .models.workflows import WorkflowEventError as WorkflowEventError
    from .models.workflows import WorkflowEventInterrupt as WorkflowEventInterrupt
    from .models.workflows import WorkflowEventInterruptData as WorkflowEventInterruptData
    from .models.workflows import WorkflowEventMessage as WorkflowEventMessage
    from .models.workflows import WorkflowEventType as WorkflowEventType
    from .models.workflows import WorkflowExecuteStatus as WorkflowExecuteStatus
    from .models.workflows import WorkflowInfo as WorkflowInfo
    from .models.workflows import WorkflowInput as WorkflowInput
    from .models.workflows import WorkflowMode as WorkflowMode
    from .models.workflows import WorkflowNodeExecuteHistory as WorkflowNodeExecuteHistory
    from .models.workflows import WorkflowOutput as WorkflowOutput
    from .models.workflows import WorkflowRunHistory as WorkflowRunHistory
    from .models.workflows import (
        WorkflowRunHistoryNodeExecuteStatus as WorkflowRunHistoryNodeExecuteStatus,
    )
    from .models.workflows import WorkflowRunMode as WorkflowRunMode
    from .models.workflows import WorkflowRunResult as WorkflowRunResult
    from .models.workflows import WorkflowUserInfo as WorkflowUserInfo
    from .models.workflows import WorkflowVersionInfo as WorkflowVersionInfo
    from .models.workspaces import CreateWorkspaceMemberResp as CreateWorkspaceMemberResp
    from .models.workspaces import DeleteWorkspaceMemberResp as DeleteWorkspaceMemberResp
    from .models.workspaces import Workspace as Workspace
    from .models.workspaces import WorkspaceMember as WorkspaceMember
    from .models.workspaces import WorkspaceRoleType as WorkspaceRoleType
    from .models.workspaces import WorkspaceType as WorkspaceType

    AsyncIteratorStream = AsyncStream
    Stream = SyncStream

#: Public name -> (module, name there). Resolved on first use (PEP 562), so
#: ``import coze_async`` stays cheap and loads aiohttp only when a client is used.
_EXPORTS: dict[str, tuple[str, str]] = {
    "APIApp": (".models.api_apps", "APIApp"),
    "APIAppEvent": (".models.api_apps", "APIAppEvent"),
    "APIAppEventType": (".models.api_apps", "APIAppEventType"),
    "AddAppCollaboratorResp": (".models.apps", "AddAppCollaboratorResp"),
    "AddBotCollaboratorResp": (".models.bots", "AddBotCollaboratorResp"),
    "AppCollaborator": (".models.apps", "AppCollaborator"),
    "AppType": (".models.api_apps", "AppType"),
    "AsyncAuth": ("._auth", "AsyncAuth"),
    "AsyncCoze": ("._client", "AsyncCoze"),
    "AsyncDeviceOAuthApp": ("._oauth", "AsyncDeviceOAuthApp"),
    "AsyncFileHTTPResponse": ("._binary", "AsyncFileHTTPResponse"),
    "AsyncHTTPClient": ("._http_client", "AsyncHTTPClient"),
    "AsyncIteratorStream": ("._stream", "AsyncStream"),
    "AsyncJWTAuth": ("._oauth", "AsyncJWTAuth"),
    "AsyncJWTOAuthApp": ("._oauth", "AsyncJWTOAuthApp"),
    "AsyncLastIDPaged": ("._pagination", "AsyncLastIDPaged"),
    "AsyncNumberPaged": ("._pagination", "AsyncNumberPaged"),
    "AsyncPKCEOAuthApp": ("._oauth", "AsyncPKCEOAuthApp"),
    "AsyncPaged": ("._pagination", "AsyncPaged"),
    "AsyncPagedBase": ("._pagination", "AsyncPagedBase"),
    "AsyncStream": ("._stream", "AsyncStream"),
    "AsyncTokenAuth": ("._auth", "AsyncTokenAuth"),
    "AsyncWebOAuthApp": ("._oauth", "AsyncWebOAuthApp"),
    "AudioFormat": (".models.audio", "AudioFormat"),
    "AuditStatus": (".models.connectors", "AuditStatus"),
    "Auth": ("._auth", "Auth"),
    "AuthenticationError": ("._errors", "AuthenticationError"),
    "BackgroundImageInfo": (".models.bots", "BackgroundImageInfo"),
    "BadRequestError": ("._errors", "BadRequestError"),
    "BenefitActiveMode": (".models.commerce", "BenefitActiveMode"),
    "BenefitBasicInfo": (".models.commerce", "BenefitBasicInfo"),
    "BenefitBillTask": (".models.commerce", "BenefitBillTask"),
    "BenefitData": (".models.commerce", "BenefitData"),
    "BenefitEntityType": (".models.commerce", "BenefitEntityType"),
    "BenefitInfo": (".models.commerce", "BenefitInfo"),
    "BenefitItemInfo": (".models.commerce", "BenefitItemInfo"),
    "BenefitLimitation": (".models.commerce", "BenefitLimitation"),
    "BenefitStatus": (".models.commerce", "BenefitStatus"),
    "BenefitStatusInfo": (".models.commerce", "BenefitStatusInfo"),
    "BenefitStrategy": (".models.commerce", "BenefitStrategy"),
    "BenefitTriggerUnit": (".models.commerce", "BenefitTriggerUnit"),
    "BenefitType": (".models.commerce", "BenefitType"),
    "BenefitUserLevel": (".models.commerce", "BenefitUserLevel"),
    "BillTaskStatus": (".models.commerce", "BillTaskStatus"),
    "BindConnectorUserConfigResp": (".models.connectors", "BindConnectorUserConfigResp"),
    "Bot": (".models.bots", "Bot"),
    "BotBackgroundImageInfo": (".models.bots", "BotBackgroundImageInfo"),
    "BotCollaborationMode": (".models.bots", "BotCollaborationMode"),
    "BotCollaborator": (".models.bots", "BotCollaborator"),
    "BotKnowledge": (".models.bots", "BotKnowledge"),
    "BotKnowledgeInfo": (".models.bots", "BotKnowledgeInfo"),
    "BotMediaConfig": (".models.bots", "BotMediaConfig"),
    "BotMode": (".models.bots", "BotMode"),
    "BotModelInfo": (".models.bots", "BotModelInfo"),
    "BotModelInfoConfig": (".models.bots", "BotModelInfoConfig"),
    "BotOnboardingInfo": (".models.bots", "BotOnboardingInfo"),
    "BotPluginAPIInfo": (".models.bots", "BotPluginAPIInfo"),
    "BotPluginInfo": (".models.bots", "BotPluginInfo"),
    "BotPrefixPromptInfo": (".models.bots", "BotPrefixPromptInfo"),
    "BotPromptInfo": (".models.bots", "BotPromptInfo"),
    "BotPromptMode": (".models.bots", "BotPromptMode"),
    "BotShortcutCommand": (".models.bots", "BotShortcutCommand"),
    "BotShortcutCommandTool": (".models.bots", "BotShortcutCommandTool"),
    "BotSuggestReplyInfo": (".models.bots", "BotSuggestReplyInfo"),
    "BotVariable": (".models.bots", "BotVariable"),
    "BotVersionInfo": (".models.bots", "BotVersionInfo"),
    "BotVersionUserInfo": (".models.bots", "BotVersionUserInfo"),
    "BotVoiceInfo": (".models.bots", "BotVoiceInfo"),
    "BotWorkflowInfo": (".models.bots", "BotWorkflowInfo"),
    "COZE_CN_BASE_URL": ("._config", "COZE_CN_BASE_URL"),
    "COZE_COM_BASE_URL": ("._config", "COZE_COM_BASE_URL"),
    "CanvasPosition": (".models.bots", "CanvasPosition"),
    "Chat": (".models.chat", "Chat"),
    "ChatError": (".models.chat", "ChatError"),
    "ChatEvent": (".models.chat", "ChatEvent"),
    "ChatEventType": (".models.chat", "ChatEventType"),
    "ChatPoll": (".models.chat", "ChatPoll"),
    "ChatRequiredAction": (".models.chat", "ChatRequiredAction"),
    "ChatRequiredActionType": (".models.chat", "ChatRequiredActionType"),
    "ChatStatus": (".models.chat", "ChatStatus"),
    "ChatSubmitToolOutputs": (".models.chat", "ChatSubmitToolOutputs"),
    "ChatToolCall": (".models.chat", "ChatToolCall"),
    "ChatToolCallFunction": (".models.chat", "ChatToolCallFunction"),
    "ChatToolCallType": (".models.chat", "ChatToolCallType"),
    "ChatUsage": (".models.chat", "ChatUsage"),
    "Conversation": (".models.conversations", "Conversation"),
    "Coze": ("._sync_client", "Coze"),
    "CozeAPIError": ("._errors", "CozeAPIError"),
    "CozeClientClosedError": ("._errors", "CozeClientClosedError"),
    "CozeConnectionError": ("._errors", "CozeConnectionError"),
    "CozeError": ("._errors", "CozeError"),
    "CozeInvalidArgumentError": ("._errors", "CozeInvalidArgumentError"),
    "CozeInvalidArgumentTypeError": ("._errors", "CozeInvalidArgumentTypeError"),
    "CozeInvalidEventError": ("._errors", "CozeInvalidEventError"),
    "CozeInvalidResponseError": ("._errors", "CozeInvalidResponseError"),
    "CozeModel": (".models._base", "CozeModel"),
    "CozePKCEAuthError": ("._errors", "CozePKCEAuthError"),
    "CozePKCEAuthErrorType": ("._errors", "CozePKCEAuthErrorType"),
    "CozeStreamTruncatedError": ("._errors", "CozeStreamTruncatedError"),
    "CozeTimeoutError": ("._errors", "CozeTimeoutError"),
    "CreateAPIAppsEventsResp": (".models.api_apps", "CreateAPIAppsEventsResp"),
    "CreateBenefitLimitationResp": (".models.commerce", "CreateBenefitLimitationResp"),
    "CreateConversationMessageFeedbackResp": (
        ".models.conversations",
        "CreateConversationMessageFeedbackResp",
    ),
    "CreateDatasetResp": (".models.datasets", "CreateDatasetResp"),
    "CreateEnterpriseMemberResp": (".models.enterprises", "CreateEnterpriseMemberResp"),
    "CreateEnterpriseOrganizationResp": (".models.enterprises", "CreateEnterpriseOrganizationResp"),
    "CreateRoomResp": (".models.audio", "CreateRoomResp"),
    "CreateTranscriptionsResp": (".models.audio", "CreateTranscriptionsResp"),
    "CreateVoicePrintGroupFeatureResp": (".models.audio", "CreateVoicePrintGroupFeatureResp"),
    "CreateVoicePrintGroupResp": (".models.audio", "CreateVoicePrintGroupResp"),
    "CreateWorkspaceMemberResp": (".models.workspaces", "CreateWorkspaceMemberResp"),
    "DEFAULT_CONNECTION_LIMITS": ("._config", "DEFAULT_CONNECTION_LIMITS"),
    "DEFAULT_TIMEOUT": ("._config", "DEFAULT_TIMEOUT"),
    "Dataset": (".models.datasets", "Dataset"),
    "DatasetStatus": (".models.datasets", "DatasetStatus"),
    "DeleteAPIAppsEventsResp": (".models.api_apps", "DeleteAPIAppsEventsResp"),
    "DeleteAPIAppsResp": (".models.api_apps", "DeleteAPIAppsResp"),
    "DeleteBotCollaboratorResp": (".models.bots", "DeleteBotCollaboratorResp"),
    "DeleteConversationMessageFeedbackResp": (
        ".models.conversations",
        "DeleteConversationMessageFeedbackResp",
    ),
    "DeleteConversationResp": (".models.conversations", "DeleteConversationResp"),
    "DeleteDatasetRes": (".models.datasets", "DeleteDatasetRes"),
    "DeleteDocumentRes": (".models.datasets", "DeleteDocumentRes"),
    "DeleteEnterpriseMemberResp": (".models.enterprises", "DeleteEnterpriseMemberResp"),
    "DeleteVoicePrintGroupFeatureResp": (".models.audio", "DeleteVoicePrintGroupFeatureResp"),
    "DeleteVoicePrintGroupResp": (".models.audio", "DeleteVoicePrintGroupResp"),
    "DeleteWorkspaceMemberResp": (".models.workspaces", "DeleteWorkspaceMemberResp"),
    "DeviceAuthCode": (".models.auth", "DeviceAuthCode"),
    "DeviceOAuthApp": ("._sync_oauth", "DeviceOAuthApp"),
    "Document": (".models.datasets", "Document"),
    "DocumentBase": (".models.datasets", "DocumentBase"),
    "DocumentChunkStrategy": (".models.datasets", "DocumentChunkStrategy"),
    "DocumentFormatType": (".models.datasets", "DocumentFormatType"),
    "DocumentProgress": (".models.datasets", "DocumentProgress"),
    "DocumentSourceInfo": (".models.datasets", "DocumentSourceInfo"),
    "DocumentSourceType": (".models.datasets", "DocumentSourceType"),
    "DocumentStatus": (".models.datasets", "DocumentStatus"),
    "DocumentUpdateRule": (".models.datasets", "DocumentUpdateRule"),
    "DocumentUpdateType": (".models.datasets", "DocumentUpdateType"),
    "DynamicIntEnum": (".models._base", "DynamicIntEnum"),
    "DynamicStrEnum": (".models._base", "DynamicStrEnum"),
    "EmotionInfo": (".models.audio", "EmotionInfo"),
    "EmotionScaleInterval": (".models.audio", "EmotionScaleInterval"),
    "EnterpriseMember": (".models.enterprises", "EnterpriseMember"),
    "EnterpriseMemberRole": (".models.enterprises", "EnterpriseMemberRole"),
    "FeatureScore": (".models.audio", "FeatureScore"),
    "FeedbackType": (".models.conversations", "FeedbackType"),
    "File": (".models.files", "File"),
    "FileHTTPResponse": ("._response", "FileHTTPResponse"),
    "FolderType": (".models.folders", "FolderType"),
    "GradientPosition": (".models.bots", "GradientPosition"),
    "HTTPResponse": ("._response", "HTTPResponse"),
    "InsertedMessage": (".models.chat", "InsertedMessage"),
    "InstallConnectorResp": (".models.connectors", "InstallConnectorResp"),
    "InternalServerError": ("._errors", "InternalServerError"),
    "JWTAuth": ("._sync_oauth", "JWTAuth"),
    "JWTOAuthApp": ("._sync_oauth", "JWTOAuthApp"),
    "LanguageCode": (".models.audio", "LanguageCode"),
    "LastIDPaged": ("._sync_layer", "LastIDPaged"),
    "LastIDPagedResponse": ("._pagination", "LastIDPagedResponse"),
    "Limits": ("._http_client", "Limits"),
    "ListResponse": (".models._base", "ListResponse"),
    "LiveInfo": (".models.audio", "LiveInfo"),
    "LiveType": (".models.audio", "LiveType"),
    "Message": (".models.chat", "Message"),
    "MessageContentType": (".models.chat", "MessageContentType"),
    "MessageObjectString": (".models.chat", "MessageObjectString"),
    "MessageObjectStringType": (".models.chat", "MessageObjectStringType"),
    "MessageRole": (".models.chat", "MessageRole"),
    "MessageType": (".models.chat", "MessageType"),
    "NotFoundError": ("._errors", "NotFoundError"),
    "NumberPaged": ("._sync_layer", "NumberPaged"),
    "NumberPagedResponse": ("._pagination", "NumberPagedResponse"),
    "OAuthApp": ("._oauth", "OAuthApp"),
    "OAuthToken": (".models.auth", "OAuthToken"),
    "PKCEOAuthApp": ("._sync_oauth", "PKCEOAuthApp"),
    "PermissionDeniedError": ("._errors", "PermissionDeniedError"),
    "Photo": (".models.datasets", "Photo"),
    "PhotoStatus": (".models.datasets", "PhotoStatus"),
    "PluginIDList": (".models.bots", "PluginIDList"),
    "PublishStatus": (".models.bots", "PublishStatus"),
    "RateLimitError": ("._errors", "RateLimitError"),
    "RemoveAppCollaboratorResp": (".models.apps", "RemoveAppCollaboratorResp"),
    "RemoveWorkflowCollaboratorResp": (".models.workflows", "RemoveWorkflowCollaboratorResp"),
    "RequestOptions": ("._request", "RequestOptions"),
    "RoomAudioConfig": (".models.audio", "RoomAudioConfig"),
    "RoomConfig": (".models.audio", "RoomConfig"),
    "RoomMode": (".models.audio", "RoomMode"),
    "RoomVideoConfig": (".models.audio", "RoomVideoConfig"),
    "SSELineTooLongError": ("._sse", "SSELineTooLongError"),
    "Scope": (".models.auth", "Scope"),
    "ScopeAccountPermission": (".models.auth", "ScopeAccountPermission"),
    "ScopeAttributeConstraint": (".models.auth", "ScopeAttributeConstraint"),
    "ScopeAttributeConstraintConnectorBotChatAttribute": (
        ".models.auth",
        "ScopeAttributeConstraintConnectorBotChatAttribute",
    ),
    "Section": (".models.conversations", "Section"),
    "SimpleApp": (".models.apps", "SimpleApp"),
    "SimpleBot": (".models.bots", "SimpleBot"),
    "SimpleFolder": (".models.folders", "SimpleFolder"),
    "SpeakerIdentifyResp": (".models.audio", "SpeakerIdentifyResp"),
    "Stream": ("._sync_layer", "SyncStream"),
    "StreamInfo": (".models.audio", "StreamInfo"),
    "SuggestReplyMode": (".models.bots", "SuggestReplyMode"),
    "SyncAuth": ("._auth", "SyncAuth"),
    "SyncFileHTTPResponse": ("._sync_layer", "SyncFileHTTPResponse"),
    "SyncHTTPClient": ("._http_client", "SyncHTTPClient"),
    "SyncPaged": ("._sync_layer", "SyncPaged"),
    "SyncStream": ("._sync_layer", "SyncStream"),
    "TemplateDuplicateResp": (".models.templates", "TemplateDuplicateResp"),
    "TemplateEntityType": (".models.templates", "TemplateEntityType"),
    "Timeout": ("._timeout", "Timeout"),
    "TokenAuth": ("._auth", "TokenAuth"),
    "ToolOutput": (".models.chat", "ToolOutput"),
    "TranslateConfig": (".models.audio", "TranslateConfig"),
    "TurnDetectionConfig": (".models.audio", "TurnDetectionConfig"),
    "TurnDetectionType": (".models.audio", "TurnDetectionType"),
    "UnpublishBotResp": (".models.bots", "UnpublishBotResp"),
    "UpdateAPIAppsEventsResp": (".models.api_apps", "UpdateAPIAppsEventsResp"),
    "UpdateAPIAppsResp": (".models.api_apps", "UpdateAPIAppsResp"),
    "UpdateBotCollaborationModeResp": (".models.bots", "UpdateBotCollaborationModeResp"),
    "UpdateBotResp": (".models.bots", "UpdateBotResp"),
    "UpdateConnectorBotResp": (".models.connectors", "UpdateConnectorBotResp"),
    "UpdateDatasetRes": (".models.datasets", "UpdateDatasetRes"),
    "UpdateDocumentRes": (".models.datasets", "UpdateDocumentRes"),
    "UpdateEnterpriseMemberResp": (".models.enterprises", "UpdateEnterpriseMemberResp"),
    "UpdateImageRes": (".models.datasets", "UpdateImageRes"),
    "UpdateVariableResp": (".models.variables", "UpdateVariableResp"),
    "UpdateVoicePrintGroupFeatureResp": (".models.audio", "UpdateVoicePrintGroupFeatureResp"),
    "UpdateVoicePrintGroupResp": (".models.audio", "UpdateVoicePrintGroupResp"),
    "Usage": (".models.chat", "Usage"),
    "User": (".models.users", "User"),
    "UserConfig": (".models.connectors", "UserConfig"),
    "UserConfigEnum": (".models.connectors", "UserConfigEnum"),
    "UserInfo": (".models.audio", "UserInfo"),
    "UserInputType": (".models.bots", "UserInputType"),
    "VERSION": ("._version", "VERSION"),
    "VariableChannel": (".models.bots", "VariableChannel"),
    "VariableType": (".models.bots", "VariableType"),
    "VariableValue": (".models.variables", "VariableValue"),
    "Voice": (".models.audio", "Voice"),
    "VoiceModelType": (".models.audio", "VoiceModelType"),
    "VoicePrintGroup": (".models.audio", "VoicePrintGroup"),
    "VoicePrintGroupFeature": (".models.audio", "VoicePrintGroupFeature"),
    "VoiceState": (".models.audio", "VoiceState"),
    "WebOAuthApp": ("._sync_oauth", "WebOAuthApp"),
    "WorkflowBasic": (".models.workflows", "WorkflowBasic"),
    "WorkflowEvent": (".models.workflows", "WorkflowEvent"),
    "WorkflowEventError": (".models.workflows", "WorkflowEventError"),
    "WorkflowEventInterrupt": (".models.workflows", "WorkflowEventInterrupt"),
    "WorkflowEventInterruptData": (".models.workflows", "WorkflowEventInterruptData"),
    "WorkflowEventMessage": (".models.workflows", "WorkflowEventMessage"),
    "WorkflowEventType": (".models.workflows", "WorkflowEventType"),
    "WorkflowExecuteStatus": (".models.workflows", "WorkflowExecuteStatus"),
    "WorkflowIDList": (".models.bots", "WorkflowIDList"),
    "WorkflowInfo": (".models.workflows", "WorkflowInfo"),
    "WorkflowInput": (".models.workflows", "WorkflowInput"),
    "WorkflowMode": (".models.workflows", "WorkflowMode"),
    "WorkflowNodeExecuteHistory": (".models.workflows", "WorkflowNodeExecuteHistory"),
    "WorkflowOutput": (".models.workflows", "WorkflowOutput"),
    "WorkflowRunHistory": (".models.workflows", "WorkflowRunHistory"),
    "WorkflowRunHistoryNodeExecuteStatus": (
        ".models.workflows",
        "WorkflowRunHistoryNodeExecuteStatus",
    ),
    "WorkflowRunMode": (".models.workflows", "WorkflowRunMode"),
    "WorkflowRunResult": (".models.workflows", "WorkflowRunResult"),
    "WorkflowUserInfo": (".models.workflows", "WorkflowUserInfo"),
    "WorkflowVersionInfo": (".models.workflows", "WorkflowVersionInfo"),
    "Workspace": (".models.workspaces", "Workspace"),
    "WorkspaceMember": (".models.workspaces", "WorkspaceMember"),
    "WorkspaceRoleType": (".models.workspaces", "WorkspaceRoleType"),
    "WorkspaceType": (".models.workspaces", "WorkspaceType"),
    "load_oauth_app_from_config": ("._sync_oauth", "load_oauth_app_from_config"),
    "setup_logging": ("._log", "setup_logging"),
}


def __getattr__(name: str) -> Any:
    return _lazy.load(__name__, _EXPORTS, globals(), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if not TYPE_CHECKING:
    # Derived from the table at run time; type checkers read the public names from the
    # ``from x import Y as Y`` re-exports above instead (they cannot evaluate this line).
    __all__ = ["__version__", *_EXPORTS]
