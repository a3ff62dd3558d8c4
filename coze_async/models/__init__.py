"""Every public model and enum, by family: ``from coze_async.models import Message``.

The names are also exported by ``coze_async`` itself. Each family module is imported on first
use of one of its names (PEP 562), so ``import coze_async.models`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import _lazy

# For type checkers only: the names of ``_EXPORTS`` below, from the same modules
# (tests/test_models_package.py checks it), as ``from x import Y as Y`` (an explicit re-export).
if TYPE_CHECKING:
    from ._base import CozeModel as CozeModel
    from ._base import DynamicIntEnum as DynamicIntEnum
    from ._base import DynamicStrEnum as DynamicStrEnum
    from ._base import ListResponse as ListResponse
    from .api_apps import APIApp as APIApp
    from .api_apps import APIAppEvent as APIAppEvent
    from .api_apps import APIAppEventType as APIAppEventType
    from .api_apps import AppType as AppType
    from .api_apps import CreateAPIAppsEventsResp as CreateAPIAppsEventsResp
    from .api_apps import DeleteAPIAppsEventsResp as DeleteAPIAppsEventsResp
    from .api_apps import DeleteAPIAppsResp as DeleteAPIAppsResp
    from .api_apps import UpdateAPIAppsEventsResp as UpdateAPIAppsEventsResp
    from .api_apps import UpdateAPIAppsResp as UpdateAPIAppsResp
    from .apps import AddAppCollaboratorResp as AddAppCollaboratorResp
    from .apps import AppCollaborator as AppCollaborator
    from .apps import RemoveAppCollaboratorResp as RemoveAppCollaboratorResp
    from .apps import SimpleApp as SimpleApp
    from .audio import AudioFormat as AudioFormat
    from .audio import CreateRoomResp as CreateRoomResp
    from .audio import CreateTranscriptionsResp as CreateTranscriptionsResp
    from .audio import CreateVoicePrintGroupFeatureResp as CreateVoicePrintGroupFeatureResp
    from .audio import CreateVoicePrintGroupResp as CreateVoicePrintGroupResp
    from .audio import DeleteVoicePrintGroupFeatureResp as DeleteVoicePrintGroupFeatureResp
    from .audio import DeleteVoicePrintGroupResp as DeleteVoicePrintGroupResp
    from .audio import EmotionInfo as EmotionInfo
    from .audio import EmotionScaleInterval as EmotionScaleInterval
    from .audio import FeatureScore as FeatureScore
    from .audio import LanguageCode as LanguageCode
    from .audio import LiveInfo as LiveInfo
    from .audio import LiveType as LiveType
    from .audio import RoomAudioConfig as RoomAudioConfig
    from .audio import RoomConfig as RoomConfig
    from .audio import RoomMode as RoomMode
    from .audio import RoomVideoConfig as RoomVideoConfig
    from .audio import SpeakerIdentifyResp as SpeakerIdentifyResp
    from .audio import StreamInfo as StreamInfo
    from .audio import TranslateConfig as TranslateConfig
    from .audio import TurnDetectionConfig as TurnDetectionConfig
    from .audio import TurnDetectionType as TurnDetectionType
    from .audio import UpdateVoicePrintGroupFeatureResp as UpdateVoicePrintGroupFeatureResp
    from .audio import UpdateVoicePrintGroupResp as UpdateVoicePrintGroupResp
    from .audio import UserInfo as UserInfo
    from .audio import Voice as Voice
    from .audio import VoiceModelType as VoiceModelType
    from .audio import VoicePrintGroup as VoicePrintGroup
    from .audio import VoicePrintGroupFeature as VoicePrintGroupFeature
    from .audio import VoiceState as VoiceState
    from .auth import DeviceAuthCode as DeviceAuthCode
    from .auth import OAuthToken as OAuthToken
    from .auth import Scope as Scope
    from .auth import ScopeAccountPermission as ScopeAccountPermission
    from .auth import ScopeAttributeConstraint as ScopeAttributeConstraint
    from .auth import (
        ScopeAttributeConstraintConnectorBotChatAttribute as ScopeAttributeConstraintConnectorBotChatAttribute,  # noqa: E501
    )
    from .bots import AddBotCollaboratorResp as AddBotCollaboratorResp
    from .bots import BackgroundImageInfo as BackgroundImageInfo
    from .bots import Bot as Bot
    from .bots import BotBackgroundImageInfo as BotBackgroundImageInfo
    from .bots import BotCollaborationMode as BotCollaborationMode
    from .bots import BotCollaborator as BotCollaborator
    from .bots import BotKnowledge as BotKnowledge
    from .bots import BotKnowledgeInfo as BotKnowledgeInfo
    from .bots import BotMediaConfig as BotMediaConfig
    from .bots import BotMode as BotMode
    from .bots import BotModelInfo as BotModelInfo
    from .bots import BotModelInfoConfig as BotModelInfoConfig
    from .bots import BotOnboardingInfo as BotOnboardingInfo
    from .bots import BotPluginAPIInfo as BotPluginAPIInfo
    from .bots import BotPluginInfo as BotPluginInfo
    from .bots import BotPrefixPromptInfo as BotPrefixPromptInfo
    from .bots import BotPromptInfo as BotPromptInfo
    from .bots import BotPromptMode as BotPromptMode
    from .bots import BotShortcutCommand as BotShortcutCommand
    from .bots import BotShortcutCommandTool as BotShortcutCommandTool
    from .bots import BotSuggestReplyInfo as BotSuggestReplyInfo
    from .bots import BotVariable as BotVariable
    from .bots import BotVersionInfo as BotVersionInfo
    from .bots import BotVersionUserInfo as BotVersionUserInfo
    from .bots import BotVoiceInfo as BotVoiceInfo
    from .bots import BotWorkflowInfo as BotWorkflowInfo
    from .bots import CanvasPosition as CanvasPosition
    from .bots import DeleteBotCollaboratorResp as DeleteBotCollaboratorResp
    from .bots import GradientPosition as GradientPosition
    from .bots import PluginIDList as PluginIDList
    from .bots import PublishStatus as PublishStatus
    from .bots import SimpleBot as SimpleBot
    from .bots import SuggestReplyMode as SuggestReplyMode
    from .bots import UnpublishBotResp as UnpublishBotResp
    from .bots import UpdateBotCollaborationModeResp as UpdateBotCollaborationModeResp
    from .bots import UpdateBotResp as UpdateBotResp
    from .bots import UserInputType as UserInputType
    from .bots import VariableChannel as VariableChannel
    from .bots import VariableType as VariableType
    from .bots import WorkflowIDList as WorkflowIDList
    from .chat import Chat as Chat
    from .chat import ChatError as ChatError
    from .chat import ChatEvent as ChatEvent
    from .chat import ChatEventType as ChatEventType
    from .chat import ChatPoll as ChatPoll
    from .chat import ChatRequiredAction as ChatRequiredAction
    from .chat import ChatRequiredActionType as ChatRequiredActionType
    from .chat import ChatStatus as ChatStatus
    from .chat import ChatSubmitToolOutputs as ChatSubmitToolOutputs
    from .chat import ChatToolCall as ChatToolCall
    from .chat import ChatToolCallFunction as ChatToolCallFunction
    from .chat import ChatToolCallType as ChatToolCallType
    from .chat import ChatUsage as ChatUsage
    from .chat import InsertedMessage as InsertedMessage
    from .chat import Message as Message
    from .chat import MessageContentType as MessageContentType
    from .chat import MessageObjectString as MessageObjectString
    from .chat import MessageObjectStringType as MessageObjectStringType
    from .chat import MessageRole as MessageRole
    from .chat import MessageType as MessageType
    from .chat import ToolOutput as ToolOutput
    from .chat import Usage as Usage
    from .commerce import BenefitActiveMode as BenefitActiveMode
    from .commerce import BenefitBasicInfo as BenefitBasicInfo
    from .commerce import BenefitBillTask as BenefitBillTask
    from .commerce import BenefitData as BenefitData
    from .commerce import BenefitEntityType as BenefitEntityType
    from .commerce import BenefitInfo as BenefitInfo
    from .commerce import BenefitItemInfo as BenefitItemInfo
    from .commerce import BenefitLimitation as BenefitLimitation
    from .commerce import BenefitStatus as BenefitStatus
    from .commerce import BenefitStatusInfo as BenefitStatusInfo
    from .commerce import BenefitStrategy as BenefitStrategy
    from .commerce import BenefitTriggerUnit as BenefitTriggerUnit
    from .commerce import BenefitType as BenefitType
    from .commerce import BenefitUserLevel as BenefitUserLevel
    from .commerce import BillTaskStatus as BillTaskStatus
    from .commerce import CreateBenefitLimitationResp as CreateBenefitLimitationResp
    from .connectors import AuditStatus as AuditStatus
    from .connectors import BindConnectorUserConfigResp as BindConnectorUserConfigResp
    from .connectors import InstallConnectorResp as InstallConnectorResp
    from .connectors import UpdateConnectorBotResp as UpdateConnectorBotResp
    from .connectors import UserConfig as UserConfig
    from .connectors import UserConfigEnum as UserConfigEnum
    from .conversations import Conversation as Conversation
    from .conversations import (
        CreateConversationMessageFeedbackResp as CreateConversationMessageFeedbackResp,
    )
    from .conversations import (
        DeleteConversationMessageFeedbackResp as DeleteConversationMessageFeedbackResp,
    )
    from .conversations import DeleteConversationResp as DeleteConversationResp
    from .conversations import FeedbackType as FeedbackType
    from .conversations import Section as Section
    from .datasets import CreateDatasetResp as CreateDatasetResp
    from .datasets import Dataset as Dataset
    from .datasets import DatasetStatus as DatasetStatus
    from .datasets import DeleteDatasetRes as DeleteDatasetRes
    from .datasets import DeleteDocumentRes as DeleteDocumentRes
    from .datasets import Document as Document
    from .datasets import DocumentBase as DocumentBase
    from .datasets import DocumentChunkStrategy as DocumentChunkStrategy
    from .datasets import DocumentFormatType as DocumentFormatType
    from .datasets import DocumentProgress as DocumentProgress
    from .datasets import DocumentSourceInfo as DocumentSourceInfo
    from .datasets import DocumentSourceType as DocumentSourceType
    from .datasets import DocumentStatus as DocumentStatus
    from .datasets import DocumentUpdateRule as DocumentUpdateRule
    from .datasets import DocumentUpdateType as DocumentUpdateType
    from .datasets import Photo as Photo
    from .datasets import PhotoStatus as PhotoStatus
    from .datasets import UpdateDatasetRes as UpdateDatasetRes
    from .datasets import UpdateDocumentRes as UpdateDocumentRes
    from .datasets import UpdateImageRes as UpdateImageRes
    from .enterprises import CreateEnterpriseMemberResp as CreateEnterpriseMemberResp
    from .enterprises import CreateEnterpriseOrganizationResp as CreateEnterpriseOrganizationResp
    from .enterprises import DeleteEnterpriseMemberResp as DeleteEnterpriseMemberResp
    from .enterprises import EnterpriseMember as EnterpriseMember
    from .enterprises import EnterpriseMemberRole as EnterpriseMemberRole
    from .enterprises import UpdateEnterpriseMemberResp as UpdateEnterpriseMemberResp
    from .files import File as File
    from .folders import FolderType as FolderType
    from .folders import SimpleFolder as SimpleFolder
    from .templates import TemplateDuplicateResp as TemplateDuplicateResp
    from .templates import TemplateEntityType as TemplateEntityType
    from .users import User as User
    from .variables import UpdateVariableResp as UpdateVariableResp
    from .variables import VariableValue as VariableValue
    from .workflows import RemoveWorkflowCollaboratorResp as RemoveWorkflowCollaboratorResp
    from .workflows import WorkflowBasic as WorkflowBasic
    from .workflows import WorkflowEvent as WorkflowEvent
    from .workflows import WorkflowEventError as WorkflowEventError
    from .workflows import WorkflowEventInterrupt as WorkflowEventInterrupt
    from .workflows import WorkflowEventInterruptData as WorkflowEventInterruptData
    from .workflows import WorkflowEventMessage as WorkflowEventMessage
    from .workflows import WorkflowEventType as WorkflowEventType
    from .workflows import WorkflowExecuteStatus as WorkflowExecuteStatus
    from .workflows import WorkflowInfo as WorkflowInfo
    from .workflows import WorkflowInput as WorkflowInput
    from .workflows import WorkflowMode as WorkflowMode
    from .workflows import WorkflowNodeExecuteHistory as WorkflowNodeExecuteHistory
    from .workflows import WorkflowOutput as WorkflowOutput
    from .workflows import WorkflowRunHistory as WorkflowRunHistory
    from .workflows import (
        WorkflowRunHistoryNodeExecuteStatus as WorkflowRunHistoryNodeExecuteStatus,
    )
    from .workflows import WorkflowRunMode as WorkflowRunMode
    from .workflows import WorkflowRunResult as WorkflowRunResult
    from .workflows import WorkflowUserInfo as WorkflowUserInfo
    from .workflows import WorkflowVersionInfo as WorkflowVersionInfo
    from .workspaces import CreateWorkspaceMemberResp as CreateWorkspaceMemberResp
    from .workspaces import DeleteWorkspaceMemberResp as DeleteWorkspaceMemberResp
    from .workspaces import Workspace as Workspace
    from .workspaces import WorkspaceMember as WorkspaceMember
    from .workspaces import WorkspaceRoleType as WorkspaceRoleType
    from .workspaces import WorkspaceType as WorkspaceType

#: Public name -> family module. Resolved on first use (PEP 562).
_EXPORTS: dict[str, str] = {
    "CozeModel": "._base",
    "DynamicIntEnum": "._base",
    "DynamicStrEnum": "._base",
    "ListResponse": "._base",
    "APIApp": ".api_apps",
    "APIAppEvent": ".api_apps",
    "APIAppEventType": ".api_apps",
    "AppType": ".api_apps",
    "CreateAPIAppsEventsResp": ".api_apps",
    "DeleteAPIAppsEventsResp": ".api_apps",
    "DeleteAPIAppsResp": ".api_apps",
    "UpdateAPIAppsEventsResp": ".api_apps",
    "UpdateAPIAppsResp": ".api_apps",
    "DeviceAuthCode": ".auth",
    "OAuthToken": ".auth",
    "Scope": ".auth",
    "ScopeAccountPermission": ".auth",
    "ScopeAttributeConstraint": ".auth",
    "ScopeAttributeConstraintConnectorBotChatAttribute": ".auth",
    "AddAppCollaboratorResp": ".apps",
    "AppCollaborator": ".apps",
    "RemoveAppCollaboratorResp": ".apps",
    "SimpleApp": ".apps",
    "AudioFormat": ".audio",
    "CreateRoomResp": ".audio",
    "CreateTranscriptionsResp": ".audio",
    "CreateVoicePrintGroupFeatureResp": ".audio",
    "CreateVoicePrintGroupResp": ".audio",
    "DeleteVoicePrintGroupFeatureResp": ".audio",
    "DeleteVoicePrintGroupResp": ".audio",
    "EmotionInfo": ".audio",
    "EmotionScaleInterval": ".audio",
    "FeatureScore": ".audio",
    "LanguageCode": ".audio",
    "LiveInfo": ".audio",
    "LiveType": ".audio",
    "RoomAudioConfig": ".audio",
    "RoomConfig": ".audio",
    "RoomMode": ".audio",
    "RoomVideoConfig": ".audio",
    "SpeakerIdentifyResp": ".audio",
    "StreamInfo": ".audio",
    "TranslateConfig": ".audio",
    "TurnDetectionConfig": ".audio",
    "TurnDetectionType": ".audio",
    "UpdateVoicePrintGroupFeatureResp": ".audio",
    "UpdateVoicePrintGroupResp": ".audio",
    "UserInfo": ".audio",
    "Voice": ".audio",
    "VoiceModelType": ".audio",
    "VoicePrintGroup": ".audio",
    "VoicePrintGroupFeature": ".audio",
    "VoiceState": ".audio",
    "AddBotCollaboratorResp": ".bots",
    "BackgroundImageInfo": ".bots",
    "Bot": ".bots",
    "BotBackgroundImageInfo": ".bots",
    "BotCollaborationMode": ".bots",
    "BotCollaborator": ".bots",
    "BotKnowledge": ".bots",
    "BotKnowledgeInfo": ".bots",
    "BotMediaConfig": ".bots",
    "BotMode": ".bots",
    "BotModelInfo": ".bots",
    "BotModelInfoConfig": ".bots",
    "BotOnboardingInfo": ".bots",
    "BotPluginAPIInfo": ".bots",
    "BotPluginInfo": ".bots",
    "BotPrefixPromptInfo": ".bots",
    "BotPromptInfo": ".bots",
    "BotPromptMode": ".bots",
    "BotShortcutCommand": ".bots",
    "BotShortcutCommandTool": ".bots",
    "BotSuggestReplyInfo": ".bots",
    "BotVariable": ".bots",
    "BotVersionInfo": ".bots",
    "BotVersionUserInfo": ".bots",
    "BotVoiceInfo": ".bots",
    "BotWorkflowInfo": ".bots",
    "CanvasPosition": ".bots",
    "DeleteBotCollaboratorResp": ".bots",
    "GradientPosition": ".bots",
    "PluginIDList": ".bots",
    "PublishStatus": ".bots",
    "SimpleBot": ".bots",
    "SuggestReplyMode": ".bots",
    "UnpublishBotResp": ".bots",
    "UpdateBotCollaborationModeResp": ".bots",
    "UpdateBotResp": ".bots",
    "UserInputType": ".bots",
    "VariableChannel": ".bots",
    "VariableType": ".bots",
    "WorkflowIDList": ".bots",
    "Chat": ".chat",
    "ChatError": ".chat",
    "ChatEvent": ".chat",
    "ChatEventType": ".chat",
    "ChatPoll": ".chat",
    "ChatRequiredAction": ".chat",
    "ChatRequiredActionType": ".chat",
    "ChatStatus": ".chat",
    "ChatSubmitToolOutputs": ".chat",
    "ChatToolCall": ".chat",
    "ChatToolCallFunction": ".chat",
    "ChatToolCallType": ".chat",
    "ChatUsage": ".chat",
    "InsertedMessage": ".chat",
    "Message": ".chat",
    "MessageContentType": ".chat",
    "MessageObjectString": ".chat",
    "MessageObjectStringType": ".chat",
    "MessageRole": ".chat",
    "MessageType": ".chat",
    "ToolOutput": ".chat",
    "Usage": ".chat",
    "BenefitActiveMode": ".commerce",
    "BenefitBasicInfo": ".commerce",
    "BenefitBillTask": ".commerce",
    "BenefitData": ".commerce",
    "BenefitEntityType": ".commerce",
    "BenefitInfo": ".commerce",
    "BenefitItemInfo": ".commerce",
    "BenefitLimitation": ".commerce",
    "BenefitStatus": ".commerce",
    "BenefitStatusInfo": ".commerce",
    "BenefitStrategy": ".commerce",
    "BenefitTriggerUnit": ".commerce",
    "BenefitType": ".commerce",
    "BenefitUserLevel": ".commerce",
    "BillTaskStatus": ".commerce",
    "CreateBenefitLimitationResp": ".commerce",
    "AuditStatus": ".connectors",
    "BindConnectorUserConfigResp": ".connectors",
    "InstallConnectorResp": ".connectors",
    "UpdateConnectorBotResp": ".connectors",
    "UserConfig": ".connectors",
    "UserConfigEnum": ".connectors",
    "Conversation": ".conversations",
    "CreateConversationMessageFeedbackResp": ".conversations",
    "DeleteConversationMessageFeedbackResp": ".conversations",
    "DeleteConversationResp": ".conversations",
    "FeedbackType": ".conversations",
    "Section": ".conversations",
    "CreateDatasetResp": ".datasets",
    "Dataset": ".datasets",
    "DatasetStatus": ".datasets",
    "DeleteDatasetRes": ".datasets",
    "DeleteDocumentRes": ".datasets",
    "Document": ".datasets",
    "DocumentBase": ".datasets",
    "DocumentChunkStrategy": ".datasets",
    "DocumentFormatType": ".datasets",
    "DocumentProgress": ".datasets",
    "DocumentSourceInfo": ".datasets",
    "DocumentSourceType": ".datasets",
    "DocumentStatus": ".datasets",
    "DocumentUpdateRule": ".datasets",
    "DocumentUpdateType": ".datasets",
    "Photo": ".datasets",
    "PhotoStatus": ".datasets",
    "UpdateDatasetRes": ".datasets",
    "UpdateDocumentRes": ".datasets",
    "UpdateImageRes": ".datasets",
    "CreateEnterpriseMemberResp": ".enterprises",
    "CreateEnterpriseOrganizationResp": ".enterprises",
    "DeleteEnterpriseMemberResp": ".enterprises",
    "EnterpriseMember": ".enterprises",
    "EnterpriseMemberRole": ".enterprises",
    "UpdateEnterpriseMemberResp": ".enterprises",
    "File": ".files",
    "FolderType": ".folders",
    "SimpleFolder": ".folders",
    "TemplateDuplicateResp": ".templates",
    "TemplateEntityType": ".templates",
    "User": ".users",
    "UpdateVariableResp": ".variables",
    "VariableValue": ".variables",
    "RemoveWorkflowCollaboratorResp": ".workflows",
    "WorkflowBasic": ".workflows",
    "WorkflowEvent": ".workflows",
    "WorkflowEventError": ".workflows",
    "WorkflowEventInterrupt": ".workflows",
    "WorkflowEventInterruptData": ".workflows",
    "WorkflowEventMessage": ".workflows",
    "WorkflowEventType": ".workflows",
    "WorkflowExecuteStatus": ".workflows",
    "WorkflowInfo": ".workflows",
    "WorkflowInput": ".workflows",
    "WorkflowMode": ".workflows",
    "WorkflowNodeExecuteHistory": ".workflows",
    "WorkflowOutput": ".workflows",
    "WorkflowRunHistory": ".workflows",
    "WorkflowRunHistoryNodeExecuteStatus": ".workflows",
    "WorkflowRunMode": ".workflows",
    "WorkflowRunResult": ".workflows",
    "WorkflowUserInfo": ".workflows",
    "WorkflowVersionInfo": ".workflows",
    "CreateWorkspaceMemberResp": ".workspaces",
    "DeleteWorkspaceMemberResp": ".workspaces",
    "Workspace": ".workspaces",
    "WorkspaceMember": ".workspaces",
    "WorkspaceRoleType": ".workspaces",
    "WorkspaceType": ".workspaces",
}


def __getattr__(name: str) -> Any:
    return _lazy.load(__name__, _EXPORTS, globals(), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if not TYPE_CHECKING:
    # Derived from the table at run time; type checkers read the public names from the
    # ``from x import Y as Y`` re-exports above instead (they cannot evaluate this line).
    __all__ = [*_EXPORTS]
