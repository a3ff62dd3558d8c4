"""Bot payloads: bot configurations, list entries, versions, collaborators (names as in cozepy).

Fields that cozepy lacks but the OpenAPI spec documents are added as optional (``None``) fields.
"""

from __future__ import annotations

from typing import Any

from attrs import define, field

from ._base import CozeModel, DynamicIntEnum, DynamicStrEnum, Page

__all__ = [
    "AddBotCollaboratorResp",
    "BackgroundImageInfo",
    "Bot",
    "BotBackgroundImageInfo",
    "BotCollaborationMode",
    "BotCollaborator",
    "BotKnowledge",
    "BotKnowledgeInfo",
    "BotMediaConfig",
    "BotMode",
    "BotModelInfo",
    "BotModelInfoConfig",
    "BotOnboardingInfo",
    "BotPluginAPIInfo",
    "BotPluginInfo",
    "BotPrefixPromptInfo",
    "BotPromptInfo",
    "BotPromptMode",
    "BotShortcutCommand",
    "BotShortcutCommandTool",
    "BotSuggestReplyInfo",
    "BotVariable",
    "BotVersionInfo",
    "BotVersionUserInfo",
    "BotVoiceInfo",
    "BotWorkflowInfo",
    "CanvasPosition",
    "DeleteBotCollaboratorResp",
    "GradientPosition",
    "PluginIDList",
    "PublishStatus",
    "SimpleBot",
    "SuggestReplyMode",
    "UnpublishBotResp",
    "UpdateBotCollaborationModeResp",
    "UpdateBotResp",
    "UserInputType",
    "VariableChannel",
    "VariableType",
    "WorkflowIDList",
]


# -- enums ----------------------------------------------------------------------------------------


class PublishStatus(DynamicStrEnum):
    """Which version of a bot a list shows, by publication state."""

    #: Every bot, as its latest draft.
    ALL = "all"
    #: Published bots, as their online version.
    PUBLISHED_ONLINE = "published_online"
    #: Published bots whose draft changed since, as that draft.
    PUBLISHED_DRAFT = "published_draft"
    #: Bots never published, as their draft.
    UNPUBLISHED_DRAFT = "unpublished_draft"


class BotMode(DynamicIntEnum):
    """How a bot is built: one agent, several agents, or one agent driven by a workflow."""

    SINGLE_AGENT = 0
    MULTI_AGENT = 1
    SINGLE_AGENT_WORKFLOW = 2


class SuggestReplyMode(DynamicStrEnum):
    """Whether a bot suggests follow-up questions after answering."""

    #: No suggestions.
    DISABLE = "disable"
    #: Up to three suggestions.
    ENABLE = "enable"
    #: Suggestions generated from ``customized_prompt``.
    CUSTOMIZED = "customized"


class BotPromptMode(DynamicStrEnum):
    """How a bot's prompt is given: one text, or a cached prefix plus a dynamic part."""

    STANDARD = "standard"
    PREFIX = "prefix"


class VariableType(DynamicStrEnum):
    """The shape of a bot variable."""

    KVVariable = "KVVariable"
    ListVariable = "ListVariable"


class VariableChannel(DynamicStrEnum):
    """Where a bot variable comes from."""

    VariableChannelCustom = "custom"
    VariableChannelSystem = "system"
    VariableChannelLocation = "location"
    VariableChannelFeishu = "feishu"
    VariableChannelAPP = "app"


class UserInputType(DynamicStrEnum):
    """A bot's default way for users to give input."""

    TEXT = "text"
    CALL = "call"
    VOICE = "voice"


class BotCollaborationMode(DynamicStrEnum):
    """Whether one user or several collaborators develop a bot."""

    SINGLE = "single"
    COLLABORATION = "collaboration"


# -- configuration parts (sent by callers and returned by the service) ----------------------------


@define(kw_only=True)
class BotPrefixPromptInfo(CozeModel):
    """A prompt split for prefix caching: the cached fixed part and the per-request part."""

    prefix_prompt: str | None = None
    dynamic_prompt: str | None = None


@define(kw_only=True)
class BotPromptInfo(CozeModel):
    """A bot's persona and reply logic (its prompt)."""

    prompt: str | None = None
    #: ``prefix`` when the prompt is given in ``prefix_prompt_info`` (prefix caching).
    prompt_mode: BotPromptMode | None = None
    prefix_prompt_info: BotPrefixPromptInfo | None = None


@define(kw_only=True)
class BotOnboardingInfo(CozeModel):
    """A bot's opening message and suggested first questions."""

    prologue: str = ""
    suggested_questions: list[str] | None = field(factory=list)


@define(kw_only=True)
class BotKnowledgeInfo(CozeModel):
    """A knowledge base bound to a bot."""

    id: str = ""
    name: str = ""


@define(kw_only=True)
class BotKnowledge(CozeModel):
    """A bot's knowledge bases and how it searches them (``search_strategy``: 0 semantic,
    1 hybrid, 20 full text)."""

    dataset_ids: list[str] = field(factory=list)
    auto_call: bool = True
    search_strategy: int = 0
    #: The bound knowledge bases as the service reports them.
    knowledge_infos: list[BotKnowledgeInfo] | None = None


@define(kw_only=True)
class BotModelInfo(CozeModel):
    """The model a bot uses and its generation settings (also the ``model_info_config`` that
    ``bots.create``/``bots.update`` send)."""

    class ResponseFormat(DynamicStrEnum):
        """The format the model answers in."""

        JSON = "json"
        TEXT = "text"
        MARKDOWN = "markdown"

    class CacheType(DynamicStrEnum):
        """Whether the model's prefix (context) cache is on."""

        CLOSED = "closed"
        PREFIX = "prefix"

    class ApiMode(DynamicStrEnum):
        """The API protocol the bot talks to the model with."""

        CHAT_API = "chat_api"
        RESPONSES_API = "responses_api"

    model_id: str
    model_name: str | None = None
    temperature: float | None = None
    context_round: int | None = None
    max_tokens: int | None = None
    response_format: ResponseFormat | None = None
    top_k: int | None = None
    top_p: float | None = None
    cache_type: CacheType | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    #: Model-specific switches, e.g. ``{"thinking_type": "disabled"}``.
    parameters: dict[str, Any] | None = None
    sp_anti_leak: bool | None = None
    sp_current_time: bool | None = None
    api_mode: ApiMode | None = None


#: The model settings sent as ``model_info_config`` (the same class as :class:`BotModelInfo`).
BotModelInfoConfig = BotModelInfo


@define(kw_only=True)
class PluginIDList(CozeModel):
    """The plugin tools to bind to a bot."""

    @define(kw_only=True)
    class PluginIDInfo(CozeModel):
        """One plugin tool: the plugin's id and the tool's id."""

        plugin_id: str
        api_id: str

    id_list: list[PluginIDInfo] | None = None


@define(kw_only=True)
class WorkflowIDList(CozeModel):
    """The workflows to bind to a bot."""

    @define(kw_only=True)
    class WorkflowIDInfo(CozeModel):
        """One workflow, by id."""

        id: str

    ids: list[WorkflowIDInfo] | None = None


@define(kw_only=True)
class BotSuggestReplyInfo(CozeModel):
    """Whether and how a bot suggests follow-up questions."""

    reply_mode: SuggestReplyMode
    #: The prompt for suggestions when ``reply_mode`` is ``customized``.
    customized_prompt: str = ""


# -- parts of a bot the service reports -----------------------------------------------------------


@define(kw_only=True)
class BotPluginAPIInfo(CozeModel):
    """One tool of a plugin bound to a bot."""

    api_id: str
    name: str = ""
    description: str = ""


@define(kw_only=True)
class BotPluginInfo(CozeModel):
    """A plugin bound to a bot, with its tools."""

    plugin_id: str
    name: str = ""
    description: str = ""
    icon_url: str = ""
    api_info_list: list[BotPluginAPIInfo] = field(factory=list)


@define(kw_only=True)
class GradientPosition(CozeModel):
    """Where a background image's gradient starts and ends (pixels)."""

    left: float | None = None
    right: float | None = None


@define(kw_only=True)
class CanvasPosition(CozeModel):
    """The shown area of a background image (pixels)."""

    width: float | None = None
    height: float | None = None
    left: float | None = None
    top: float | None = None


@define(kw_only=True)
class BackgroundImageInfo(CozeModel):
    """One background image of a bot's chat view."""

    image_url: str = ""
    theme_color: str | None = None
    gradient_position: GradientPosition | None = None
    canvas_position: CanvasPosition | None = None


@define(kw_only=True)
class BotBackgroundImageInfo(CozeModel):
    """A bot's background images for web and mobile."""

    web_background_image: BackgroundImageInfo | None = None
    mobile_background_image: BackgroundImageInfo | None = None


@define(kw_only=True)
class BotVariable(CozeModel):
    """A variable configured on a bot."""

    keyword: str
    default_value: str = ""
    variable_type: VariableType | None = None
    channel: VariableChannel | None = None
    description: str = ""
    enable: bool = False
    prompt_enable: bool = False


@define(kw_only=True)
class BotVoiceInfo(CozeModel):
    """A voice configured on a bot."""

    voice_id: str
    language_code: str = ""


@define(kw_only=True)
class BotWorkflowInfo(CozeModel):
    """A workflow bound to a bot."""

    id: str
    name: str = ""
    description: str = ""
    icon_url: str = ""


@define(kw_only=True)
class BotShortcutCommandTool(CozeModel):
    """The tool a shortcut command runs (``type``: ``workflow`` or ``plugin``)."""

    name: str | None = None
    type: str | None = None


@define(kw_only=True)
class BotShortcutCommand(CozeModel):
    """A shortcut command configured on a bot."""

    id: str | None = None
    name: str | None = None
    command: str | None = None
    description: str | None = None
    icon_url: str | None = None
    query_template: str | None = None
    agent_id: str | None = None
    tool: BotShortcutCommandTool | None = None


@define(kw_only=True)
class BotMediaConfig(CozeModel):
    """A bot's voice-call settings."""

    is_voice_call_closed: bool | None = None


@define(kw_only=True)
class Bot(CozeModel):
    """A bot's configuration (``bots.retrieve``); ``bots.create`` and ``bots.publish`` return
    one with only ``bot_id`` (and ``version``) set."""

    bot_id: str
    name: str | None = None
    description: str | None = None
    icon_url: str | None = None
    #: Unix seconds.
    create_time: int | None = None
    #: Unix seconds.
    update_time: int | None = None
    version: str | None = None
    prompt_info: BotPromptInfo | None = None
    onboarding_info: BotOnboardingInfo | None = None
    knowledge: BotKnowledge | None = None
    bot_mode: BotMode | None = None
    plugin_info_list: list[BotPluginInfo] | None = None
    model_info: BotModelInfo | None = None
    suggest_reply_info: BotSuggestReplyInfo | None = None
    background_image_info: BotBackgroundImageInfo | None = None
    variables: list[BotVariable] | None = None
    owner_user_id: str | None = None
    voice_info_list: list[BotVoiceInfo] | None = None
    default_user_input_type: UserInputType | None = None
    workflow_info_list: list[BotWorkflowInfo] | None = None
    folder_id: str | None = None
    shortcut_commands: list[BotShortcutCommand] | None = None
    media_config: BotMediaConfig | None = None


@define(kw_only=True)
class SimpleBot(CozeModel):
    """A bot as listed by ``bots.list``. ``bot_id``, ``bot_name`` and ``publish_time`` are the
    older names of ``id``, ``name`` and ``updated_at``."""

    id: str
    name: str = ""
    description: str = ""
    icon_url: str = ""
    is_published: bool = False
    #: Unix seconds.
    updated_at: int = 0
    owner_user_id: str = ""
    folder_id: str | None = None
    #: Unix seconds; ``None`` for a bot never published.
    published_at: int | None = None

    @property
    def bot_id(self) -> str:
        """The bot's id (the same as :attr:`id`)."""
        return self.id

    @property
    def bot_name(self) -> str:
        """The bot's name (the same as :attr:`name`)."""
        return self.name

    @property
    def publish_time(self) -> str:
        """:attr:`updated_at` as a string (the legacy list's field)."""
        return str(self.updated_at)


@define(kw_only=True)
class PublishedBot(CozeModel):
    """An entry of the older ``GET /v1/space/published_bots_list`` (internal; listed as
    :class:`SimpleBot`)."""

    bot_id: str
    bot_name: str | None = None
    description: str | None = None
    icon_url: str | None = None
    #: Unix seconds, as a string.
    publish_time: int | None = None

    def as_simple_bot(self) -> SimpleBot:
        """This entry in :class:`SimpleBot`'s shape (such bots are all published; the publish
        time gives both timestamps)."""
        return SimpleBot(
            id=self.bot_id,
            name=self.bot_name or "",
            description=self.description or "",
            icon_url=self.icon_url or "",
            is_published=True,
            updated_at=self.publish_time or 0,
            published_at=self.publish_time,
        )


@define(kw_only=True)
class PublishedBotsPage(Page[SimpleBot]):
    """One page of ``GET /v1/space/published_bots_list`` (internal)."""

    _has_more_field = None

    space_bots: list[PublishedBot] = field(factory=list)
    total: int | None = None

    def page_items(self) -> list[SimpleBot]:
        """The entries as :class:`SimpleBot`."""
        return [bot.as_simple_bot() for bot in self.space_bots]


@define(kw_only=True)
class BotsPage(Page[SimpleBot]):
    """One page of ``GET /v1/bots`` (internal)."""

    items: list[SimpleBot] = field(factory=list)
    has_more: bool | None = None
    total: int | None = None


# -- versions and collaborators -------------------------------------------------------------------


@define(kw_only=True)
class BotVersionUserInfo(CozeModel):
    """The user who created a bot version."""

    id: str = ""
    name: str = ""


@define(kw_only=True)
class BotVersionInfo(CozeModel):
    """One version of a bot (``bots.versions.list``)."""

    version: str
    description: str = ""
    #: Unix seconds, as a string.
    created_at: str = ""
    #: Unix seconds, as a string.
    updated_at: str = ""
    creator: BotVersionUserInfo | None = None
    #: The change notes entered when the version was published.
    changelog: str | None = None
    publish_status: PublishStatus | None = None


@define(kw_only=True)
class BotVersionsPage(Page[BotVersionInfo]):
    """One page of ``GET /v1/bots/{bot_id}/versions`` (internal)."""

    items: list[BotVersionInfo] = field(factory=list)
    has_more: bool | None = None
    total: int | None = None


@define(kw_only=True)
class BotCollaborator(CozeModel):
    """A collaborator to add to a bot, by Coze user id."""

    user_id: str


# -- empty results --------------------------------------------------------------------------------


@define(kw_only=True)
class UpdateBotResp(CozeModel):
    """The (empty) result of ``bots.update``; ``.response`` holds the HTTP response."""


@define(kw_only=True)
class UnpublishBotResp(CozeModel):
    """The (empty) result of ``bots.unpublish``."""


@define(kw_only=True)
class AddBotCollaboratorResp(CozeModel):
    """The (empty) result of ``bots.collaborators.create``."""


@define(kw_only=True)
class DeleteBotCollaboratorResp(CozeModel):
    """The (empty) result of ``bots.collaborators.delete``."""


@define(kw_only=True)
class UpdateBotCollaborationModeResp(CozeModel):
    """The (empty) result of ``bots.collaboration_modes.update``."""
