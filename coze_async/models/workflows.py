"""Workflow payloads: workflows and their versions, runs, run histories and stream events
(field names as in cozepy; fields the OpenAPI spec adds are optional)."""

from __future__ import annotations

from typing import Any

from attrs import define, field

from ._base import CozeModel, DynamicIntEnum, DynamicStrEnum, Page
from .chat import ChatUsage

__all__ = [
    "RemoveWorkflowCollaboratorResp",
    "WorkflowBasic",
    "WorkflowEvent",
    "WorkflowEventError",
    "WorkflowEventInterrupt",
    "WorkflowEventInterruptData",
    "WorkflowEventMessage",
    "WorkflowEventType",
    "WorkflowExecuteStatus",
    "WorkflowInfo",
    "WorkflowInput",
    "WorkflowMode",
    "WorkflowNodeExecuteHistory",
    "WorkflowOutput",
    "WorkflowRunHistory",
    "WorkflowRunHistoryNodeExecuteStatus",
    "WorkflowRunMode",
    "WorkflowRunResult",
    "WorkflowUserInfo",
    "WorkflowVersionInfo",
]


# -- workflows and versions --------------------------------------------------------------------


class WorkflowMode(DynamicStrEnum):
    """The kind of workflow: a plain workflow or a chatflow (a workflow driven by chat)."""

    WORKFLOW = "workflow"
    CHATFLOW = "chatflow"


@define(kw_only=True)
class WorkflowUserInfo(CozeModel):
    """A Coze user (the creator of a workflow or of one of its versions)."""

    id: str
    name: str


@define(kw_only=True)
class WorkflowInput(CozeModel):
    """The input parameters a workflow's start node declares."""

    parameters: dict[str, Any] | None = None


@define(kw_only=True)
class WorkflowOutput(CozeModel):
    """What a workflow's end node returns: variables (``parameters``) or text (``content``);
    ``terminate_plan`` is ``return_variables`` or ``use_answer_content``."""

    content: str | None = None
    parameters: dict[str, Any] | None = None
    terminate_plan: str | None = None


@define(kw_only=True)
class WorkflowBasic(CozeModel):
    """A workflow as listed: id, name, description, icon, owning app and creator."""

    workflow_id: str
    workflow_name: str
    description: str
    icon_url: str
    app_id: str
    created_at: int | None = None
    updated_at: int | None = None
    creator: WorkflowUserInfo | None = None


@define(kw_only=True)
class WorkflowInfo(CozeModel):
    """A workflow's details; ``input``/``output`` only when asked for with
    ``include_input_output=True``."""

    workflow_detail: WorkflowBasic
    input: WorkflowInput | None = None
    output: WorkflowOutput | None = None


@define(kw_only=True)
class WorkflowVersionInfo(CozeModel):
    """One published version of a workflow (times are Unix seconds, as strings)."""

    version: str
    description: str
    created_at: str
    updated_at: str
    workflow_id: str
    creator: WorkflowUserInfo
    input: WorkflowInput | None = None
    output: WorkflowOutput | None = None


@define(kw_only=True)
class RemoveWorkflowCollaboratorResp(CozeModel):
    """The (empty) result of removing a workflow collaborator; see :attr:`response`."""


# -- runs ----------------------------------------------------------------------------------------


@define(kw_only=True)
class WorkflowEventInterruptData(CozeModel):
    """What an interrupted workflow waits for: pass ``event_id`` and ``type`` back to
    ``workflows.runs.resume``. ``type`` is 2 for a question node, 5 an input node, 6 a client
    plugin, 7 an OAuth plugin."""

    event_id: str
    type: int
    data: str | None = None
    required_parameters: dict[str, Any] | None = None


@define(kw_only=True)
class WorkflowRunResult(CozeModel):
    """The result of a non-streaming run: ``data`` is the output (usually a JSON string),
    ``execute_id`` identifies an asynchronous run (``is_async=True``)."""

    debug_url: str = ""
    data: str | None = ""
    execute_id: str | None = ""
    usage: ChatUsage | None = None
    interrupt_data: WorkflowEventInterruptData | None = None


class WorkflowExecuteStatus(DynamicStrEnum):
    """The state of a workflow run."""

    SUCCESS = "Success"
    RUNNING = "Running"
    FAIL = "Fail"


class WorkflowRunMode(DynamicIntEnum):
    """How a workflow was run."""

    SYNCHRONOUS = 0
    STREAMING = 1
    ASYNCHRONOUS = 2


@define(kw_only=True)
class WorkflowRunHistoryNodeExecuteStatus(CozeModel):
    """The state of one node of a run; fetch its output with
    ``workflows.runs.run_histories.execute_nodes.retrieve(node_execute_uuid=...)``."""

    node_id: str
    is_finish: bool
    update_time: int
    node_execute_uuid: str
    loop_index: int | None = None
    batch_index: int | None = None
    sub_execute_id: str | None = None


@define(kw_only=True)
class WorkflowRunHistory(CozeModel):
    """One run of a workflow: its status, output (a JSON string, usually), error and nodes.

    ``error_code`` is 0 when the run did not fail (the service sends an empty string then)."""

    execute_id: str
    execute_status: WorkflowExecuteStatus
    bot_id: str
    connector_id: str
    connector_uid: str
    run_mode: WorkflowRunMode
    logid: str
    create_time: int
    update_time: int
    output: str
    error_code: int = 0
    error_message: str | None = ""
    debug_url: str
    node_execute_status: dict[str, WorkflowRunHistoryNodeExecuteStatus] | None = None
    usage: ChatUsage | None = None
    is_output_trimmed: bool = False
    interrupt_data: WorkflowEventInterruptData | None = None


@define(kw_only=True)
class WorkflowNodeExecuteHistory(CozeModel):
    """The outcome of one node execution of a run."""

    is_finish: bool
    node_output: str | None = None


# -- stream events -------------------------------------------------------------------------------


class WorkflowEventType(DynamicStrEnum):
    """The event names of a workflow stream (``UNKNOWN`` for names this SDK does not know)."""

    MESSAGE = "Message"
    ERROR = "Error"
    DONE = "Done"
    INTERRUPT = "Interrupt"
    UNKNOWN = "unknown"


@define(kw_only=True)
class WorkflowEventMessage(CozeModel):
    """A node's output message (a chunk of it when streamed); ``node_is_finish`` marks the
    node's last chunk."""

    content: str
    node_title: str
    node_seq_id: str
    node_is_finish: bool
    ext: dict[str, Any] | None = None
    usage: ChatUsage | None = None
    content_type: str | None = None
    cost: str | None = None
    token: int | None = None
    node_id: str | None = None
    node_execute_uuid: str | None = None


@define(kw_only=True)
class WorkflowEventInterrupt(CozeModel):
    """The workflow stopped to wait for input (resume it with ``workflows.runs.resume``)."""

    interrupt_data: WorkflowEventInterruptData
    node_title: str


@define(kw_only=True)
class WorkflowEventError(CozeModel):
    """The workflow failed; the stream ends after this event."""

    error_code: int
    error_message: str


@define(kw_only=True)
class WorkflowEvent(CozeModel):
    """One workflow stream event: ``Message`` carries :attr:`message`, ``Interrupt``
    :attr:`interrupt`, ``Error`` :attr:`error`. An event name this SDK does not know arrives as
    ``UNKNOWN`` with ``unknown == {"id": id, "event": name, "data": raw_data}``. ``id`` counts
    the events of the response from 0."""

    id: int
    event: WorkflowEventType
    message: WorkflowEventMessage | None = None
    interrupt: WorkflowEventInterrupt | None = None
    error: WorkflowEventError | None = None
    unknown: dict[str, Any] | None = None


@define(kw_only=True)
class WorkflowsPage(Page[WorkflowBasic]):
    """One page of ``GET /v1/workflows`` (internal)."""

    _total_field = None

    items: list[WorkflowBasic] = field(factory=list)
    has_more: bool | None = None


@define(kw_only=True)
class WorkflowVersionsPage(Page[WorkflowVersionInfo]):
    """One page of ``GET /v1/workflows/{workflow_id}/versions`` (internal)."""

    _total_field = None
    _cursor_field = "next_page_token"

    items: list[WorkflowVersionInfo] = field(factory=list)
    has_more: bool | None = None
    next_page_token: str | None = None
