"""Commerce payloads: the plan's benefits (``coze.benefits``), the quotas set on end users
(``coze.benefit_limitations``) and bill export tasks (``coze.bill_tasks``)."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel, DynamicStrEnum, Page

__all__ = [
    "BenefitActiveMode",
    "BenefitBasicInfo",
    "BenefitBillTask",
    "BenefitData",
    "BenefitEntityType",
    "BenefitInfo",
    "BenefitItemInfo",
    "BenefitLimitation",
    "BenefitStatus",
    "BenefitStatusInfo",
    "BenefitStrategy",
    "BenefitTriggerUnit",
    "BenefitType",
    "BenefitUserLevel",
    "BillTaskStatus",
    "CreateBenefitLimitationResp",
]


class BenefitUserLevel(DynamicStrEnum):
    """The Coze plan the account subscribed to."""

    FREE = "free"
    PRO_PERSONAL = "pro_personal"
    TEAM = "team"
    ENTERPRISE = "enterprise"


class BenefitType(DynamicStrEnum):
    """A kind of benefit: the plan's (``API_RUN_QPS``, ``CALL_TOOL_LIMIT``, queried with
    ``benefits.retrieve``) or a quota of end users (the others, set with
    ``benefit_limitations.create``)."""

    #: The QPS of a family of APIs (``resource_id``: ``plugin``, ``chat`` or ``workflow``).
    API_RUN_QPS = "api_run_qps"
    #: How many paid plugin calls through MCP the plan allows.
    CALL_TOOL_LIMIT = "call_tool_limit"
    #: Resource points.
    RESOURCE_POINT = "resource_point"
    #: Seconds of voice calls with system voices.
    VOICE_UNIFIED_DURATION_SYSTEM = "voice_unified_duration_system"
    #: Seconds of voice calls with cloned voices.
    VOICE_UNIFIED_DURATION_CUSTOM = "voice_unified_duration_custom"


class BenefitStatus(DynamicStrEnum):
    """The state of a benefit or a quota."""

    VALID = "valid"
    FROZEN = "frozen"
    CANCEL = "cancel"
    PENDING = "pending"
    INVALID = "invalid"
    AUDITING = "auditing"
    EXPIRED = "expired"


class BenefitStrategy(DynamicStrEnum):
    """How a benefit limits use."""

    #: No limit (``total`` is 1 and means nothing).
    UNLIMIT = "unlimit"
    #: Not part of the plan (``total`` is 1 and means nothing).
    FORBIDDEN = "forbidden"
    #: Up to ``total``; ``used`` says how much is spent.
    BY_QUOTA = "by_quota"


class BenefitEntityType(DynamicStrEnum):
    """Whom a quota applies to."""

    ENTERPRISE_ALL_DEVICES = "enterprise_all_devices"
    ENTERPRISE_ALL_CUSTOM_CONSUMERS = "enterprise_all_custom_consumers"
    #: One device (``entity_id``: its device id).
    SINGLE_DEVICE = "single_device"
    #: One custom consumer (``entity_id``: its id).
    SINGLE_CUSTOM_CONSUMER = "single_custom_consumer"


class BenefitActiveMode(DynamicStrEnum):
    """When a quota is in force."""

    #: From ``started_at`` to ``ended_at``.
    ABSOLUTE_TIME = "absolute_time"


class BenefitTriggerUnit(DynamicStrEnum):
    """How often a quota starts again (every ``trigger_time`` units)."""

    #: Never: a cumulative quota.
    NEVER = "never"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"


class BillTaskStatus(DynamicStrEnum):
    """The state of a bill export task."""

    INIT = "init"
    RUNNING = "running"
    #: The files are ready (``file_urls``).
    SUCCEED = "succeed"
    FAILED = "failed"


# -- benefits ------------------------------------------------------------------------------------


@define(kw_only=True)
class BenefitBasicInfo(CozeModel):
    """The account's plan."""

    user_level: BenefitUserLevel | None = None


@define(kw_only=True)
class BenefitItemInfo(CozeModel):
    """Use and size of a benefit; times are Unix seconds."""

    start_at: int | None = None
    end_at: int | None = None
    strategy: BenefitStrategy | None = None
    #: The limit, for ``BY_QUOTA``.
    total: float | None = None
    #: How much is spent, for ``BY_QUOTA`` (0 when the service has no usage data).
    used: float | None = None


@define(kw_only=True)
class BenefitStatusInfo(CozeModel):
    """One part of a benefit (the plan's, an extension, or what is in force) and its state."""

    item_info: BenefitItemInfo | None = None
    status: BenefitStatus | None = None


@define(kw_only=True)
class BenefitInfo(CozeModel):
    """A benefit of the plan: the default (``basic``), the extensions bought (``extra``) and
    what is in force (``effective``)."""

    benefit_type: BenefitType | None = None
    #: For ``API_RUN_QPS``: ``plugin``, ``chat`` or ``workflow``.
    resource_id: str | None = None
    basic: BenefitStatusInfo | None = None
    effective: BenefitStatusInfo | None = None
    extra: list[BenefitStatusInfo] | None = None


@define(kw_only=True)
class BenefitData(CozeModel):
    """The account's plan and the benefits asked for."""

    basic_info: BenefitBasicInfo | None = None
    benefit_info: list[BenefitInfo] | None = None


# -- quotas of end users -------------------------------------------------------------------------


@define(kw_only=True)
class BenefitLimitation(CozeModel):
    """A quota of end users (``benefit_info`` of ``benefit_limitations.create``): ``limit``
    resource points or seconds, cumulative (``trigger_unit`` ``never``) or per period; times
    are Unix seconds. To create one, set ``benefit_type``, ``limit``, ``active_mode``,
    ``started_at`` and ``ended_at`` (the API requires them)."""

    benefit_type: BenefitType | None = None
    limit: int | None = None
    trigger_unit: BenefitTriggerUnit | None = None
    #: Periods of ``trigger_unit`` between two resets (1 for ``never``).
    trigger_time: int | None = None
    active_mode: BenefitActiveMode | None = None
    started_at: int | None = None
    ended_at: int | None = None
    #: Set by the service.
    benefit_id: str | None = None
    #: Set by the service.
    status: BenefitStatus | None = None
    #: Set by the service: whom the quota applies to.
    entity_type: BenefitEntityType | None = None
    #: Set by the service for single devices or consumers.
    entity_id: str | None = None


@define(kw_only=True)
class CreateBenefitLimitationResp(CozeModel):
    """The quota just created (cozepy's model drops it; the service sends it)."""

    benefit_info: BenefitLimitation | None = None


# -- bills ---------------------------------------------------------------------------------------


@define(kw_only=True)
class BenefitBillTask(CozeModel):
    """A bill export task; times are Unix seconds. Its files stay downloadable until
    ``expires_at`` (7 days)."""

    task_id: str | None = None
    status: BillTaskStatus | None = None
    #: The first day the bill covers.
    started_at: int | None = None
    #: The last day the bill covers.
    ended_at: int | None = None
    created_at: int | None = None
    expires_at: int | None = None
    #: Once ``SUCCEED``: the bill, in files of at most 500,000 rows.
    file_urls: list[str] | None = None


@define(kw_only=True)
class BillTasksPage(Page[BenefitBillTask]):
    """One page of ``GET /v1/commerce/benefit/bill_tasks`` (internal)."""

    _items_field = "task_infos"
    _has_more_field = None

    task_infos: list[BenefitBillTask] = field(factory=list)
    total: int | None = None
