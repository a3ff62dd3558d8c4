"""Commerce: the plan's benefits (``GET /v1/commerce/benefit/benefits/get``), quotas of end users
(``POST /v1/commerce/benefit/limitations``) and bill export tasks
(``/v1/commerce/benefit/bill_tasks``).

The emulator's account is on the enterprise plan (``user_level`` ``enterprise``). Its benefits
are the QPS of three API families (``api_run_qps`` for ``resource_id`` ``plugin``, ``chat``,
``workflow``; the plugin one extended by a purchase) and paid plugin calls through MCP
(``call_tool_limit``). Quotas are kept per entity: on every device or custom consumer of the
enterprise (where one cumulative quota and one per period are allowed per benefit type) or on
one device or consumer (``entity_id``). Bill tasks start with three (two of the last 7 days, one
older); ``POST`` creates more, each moving on one state (``init``, ``running``, ``succeed`` with
its files) every time a list shows it, as a task the service works on.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web

from .._state import STORE
from .._wire import bad_request, envelope, int_param, json_body, new_id, now, page_of

__all__ = [
    "DONE_BILL_TASK_ID",
    "OLD_BILL_TASK_ID",
    "RUNNING_BILL_TASK_ID",
    "CommerceState",
    "add_routes",
]

#: The bill tasks the emulator starts with: one done 10 days ago (older than a default list
#: shows), one done 2 days ago, one running since today.
OLD_BILL_TASK_ID = "7300000000000000800"
DONE_BILL_TASK_ID = "7300000000000000801"
RUNNING_BILL_TASK_ID = "7300000000000000802"
_DAY = 86_400
_WEEK = 7 * _DAY
#: "Forever", as the service writes the end of a quota that never expires (9999-12-31).
_FOREVER = 253_402_300_799
#: The first day bills can be exported for (2025-03-13).
_FIRST_BILL_DAY = 1_741_824_000
_RESOURCES = ("plugin", "chat", "workflow")
_PLAN_BENEFITS = frozenset({"api_run_qps", "call_tool_limit"})
_QUOTA_TYPES = frozenset(
    {"resource_point", "voice_unified_duration_system", "voice_unified_duration_custom"}
)
_WIDE_ENTITIES = frozenset({"enterprise_all_devices", "enterprise_all_custom_consumers"})
_SINGLE_ENTITIES = frozenset({"single_device", "single_custom_consumer"})
_TRIGGER_UNITS = frozenset({"never", "minute", "hour", "day"})
_MAX_TASK_IDS = 100


def _counter(total: float, used: float = 0, start: int = 0, end: int = _FOREVER) -> dict[str, Any]:
    return {
        "start_at": start,
        "end_at": end,
        "strategy": "by_quota",
        "total": total,
        "used": used,
    }


def _default_benefits() -> dict[tuple[str, str], dict[str, Any]]:
    started = now() - 30 * _DAY
    qps = {"plugin": 20.0, "chat": 20.0, "workflow": 10.0}
    benefits: dict[tuple[str, str], dict[str, Any]] = {}
    for resource, base in qps.items():
        extra = []
        effective = base
        if resource == "plugin":  # a purchased extension of 30 QPS, for a year
            extra = [
                {"item_info": _counter(30.0, 0, started, started + 365 * _DAY), "status": "valid"}
            ]
            effective += 30.0
        benefits[("api_run_qps", resource)] = {
            "benefit_type": "api_run_qps",
            "resource_id": resource,
            "basic": {"item_info": _counter(base), "status": "valid"},
            "extra": extra,
            "effective": {"item_info": _counter(effective), "status": "valid"},
        }
    month = now() - now() % (30 * _DAY)
    calls = _counter(10_000.0, 1_234.0, month, month + 30 * _DAY)
    benefits[("call_tool_limit", "")] = {
        "benefit_type": "call_tool_limit",
        "resource_id": "",
        "basic": {"item_info": calls, "status": "valid"},
        "extra": [],
        "effective": {"item_info": dict(calls), "status": "valid"},
    }
    return benefits


def _bill_files(task_id: str) -> list[str]:
    return [f"https://bills.coze-emulator.invalid/{task_id}/bill_1.csv"]


def _day_start(t: int) -> int:
    return t - t % _DAY


def _default_bill_tasks() -> list[dict[str, Any]]:
    tasks = []
    for task_id, days_ago, status, days in (
        (OLD_BILL_TASK_ID, 10, "succeed", 3),
        (DONE_BILL_TASK_ID, 2, "succeed", 7),
        (RUNNING_BILL_TASK_ID, 0, "running", 1),
    ):
        created = now() - days_ago * _DAY - 60
        tasks.append(
            {
                "task_id": task_id,
                "status": status,
                "started_at": _day_start(created) - days * _DAY,
                "ended_at": _day_start(created) - 1,
                "created_at": created,
                "expires_at": created + _WEEK,
                "file_urls": _bill_files(task_id) if status == "succeed" else [],
            }
        )
    return tasks


@attrs.define
class CommerceState:
    """The plan, its benefits by ``(benefit_type, resource_id)``, the quotas of end users (in
    the order they were created) and the bill tasks (oldest first)."""

    user_level: str = "enterprise"
    benefits: dict[tuple[str, str], dict[str, Any]] = attrs.field(factory=_default_benefits)
    limitations: list[dict[str, Any]] = attrs.field(factory=list)
    bill_tasks: list[dict[str, Any]] = attrs.field(factory=_default_bill_tasks)


def add_routes(app: web.Application) -> None:
    """Register the commerce endpoints."""
    app.router.add_get("/v1/commerce/benefit/benefits/get", get_benefits)
    app.router.add_post("/v1/commerce/benefit/limitations", create_limitation)
    app.router.add_get("/v1/commerce/benefit/bill_tasks", list_bill_tasks)
    app.router.add_post("/v1/commerce/benefit/bill_tasks", create_bill_task)


def _list_param(request: web.Request, name: str) -> list[str]:
    """A list query parameter: comma-separated (as cozepy sends it) or repeated."""
    values: list[str] = []
    for raw in request.query.getall(name, []):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return values


# -- benefits ------------------------------------------------------------------------------------


async def get_benefits(request: web.Request) -> web.Response:
    """``GET /v1/commerce/benefit/benefits/get``: the plan, and the benefits asked for."""
    state = request.app[STORE].commerce
    types = _list_param(request, "benefit_type_list")
    resource_id = request.query.get("resource_id") or ""
    infos = []
    for benefit_type in dict.fromkeys(types):
        if benefit_type not in _PLAN_BENEFITS:
            raise bad_request(
                f"benefit_type_list: unknown benefit type {benefit_type!r} (one of "
                f"{', '.join(sorted(_PLAN_BENEFITS))})"
            )
        if benefit_type == "api_run_qps":
            if resource_id not in _RESOURCES:
                raise bad_request(
                    f"resource_id must be one of {', '.join(_RESOURCES)} for api_run_qps"
                )
            infos.append(copy.deepcopy(state.benefits[(benefit_type, resource_id)]))
        else:
            infos.append(copy.deepcopy(state.benefits[(benefit_type, "")]))
    data = {"basic_info": {"user_level": state.user_level}, "benefit_info": infos}
    return envelope(request, data)


# -- quotas of end users -------------------------------------------------------------------------


def _int_field(info: Mapping[str, Any], name: str, default: int | None, low: int = 0) -> int:
    value = info.get(name, default)
    if value is None:
        raise bad_request(f"benefit_info.{name} is required")
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise bad_request(f"benefit_info.{name} must be an integer of at least {low}")
    return value


def _choice(info: Mapping[str, Any], name: str, allowed: frozenset[str], default: str) -> str:
    value = info.get(name) or default
    if value not in allowed:
        raise bad_request(f"benefit_info.{name} must be one of {', '.join(sorted(allowed))}")
    return str(value)


async def create_limitation(request: web.Request) -> web.Response:
    """``POST /v1/commerce/benefit/limitations``: a quota on all or one of the end users."""
    state = request.app[STORE].commerce
    body = await json_body(request)
    entity_type = body.get("entity_type")
    if entity_type not in _WIDE_ENTITIES | _SINGLE_ENTITIES:
        allowed = ", ".join(sorted(_WIDE_ENTITIES | _SINGLE_ENTITIES))
        raise bad_request(f"entity_type must be one of {allowed}")
    entity_id = ""
    if entity_type in _SINGLE_ENTITIES:
        entity_id = body.get("entity_id") or ""
        if not isinstance(entity_id, str) or not entity_id:
            raise bad_request(f"entity_id is required for {entity_type}")
    info = body.get("benefit_info")
    if not isinstance(info, dict):
        raise bad_request("benefit_info is required")
    benefit_type = _choice(info, "benefit_type", _QUOTA_TYPES, "")
    trigger_unit = _choice(info, "trigger_unit", _TRIGGER_UNITS, "never")
    trigger_time = 1 if trigger_unit == "never" else _int_field(info, "trigger_time", 1, low=1)
    _choice(info, "active_mode", frozenset({"absolute_time"}), "absolute_time")
    started_at = _int_field(info, "started_at", 0)
    ended_at = _int_field(info, "ended_at", _FOREVER)
    if ended_at <= started_at:
        raise bad_request("benefit_info.ended_at must be after started_at")
    limitation = {
        "benefit_id": new_id(),
        "benefit_type": benefit_type,
        "entity_type": entity_type,
        "limit": _int_field(info, "limit", None, low=1),
        "trigger_unit": trigger_unit,
        "trigger_time": trigger_time,
        "active_mode": "absolute_time",
        "started_at": started_at,
        "ended_at": ended_at,
        "status": "valid",
    }
    if entity_id:
        limitation["entity_id"] = entity_id
    if entity_type in _WIDE_ENTITIES:
        periodic = trigger_unit != "never"
        for other in state.limitations:
            if (
                other["entity_type"] == entity_type
                and other["benefit_type"] == benefit_type
                and (other["trigger_unit"] != "never") == periodic
            ):
                kind = "periodic" if periodic else "cumulative"
                raise bad_request(
                    f"{entity_type} already has a {kind} {benefit_type} quota "
                    f"({other['benefit_id']})"
                )
    state.limitations.append(limitation)
    return envelope(request, {"benefit_info": dict(limitation)})


# -- bills ---------------------------------------------------------------------------------------


def _advance(task: dict[str, Any]) -> None:
    """A task the service works on: ``init`` -> ``running`` -> ``succeed`` (with its files)."""
    if task["status"] == "init":
        task["status"] = "running"
    elif task["status"] == "running":
        task["status"] = "succeed"
        task["file_urls"] = _bill_files(task["task_id"])


async def list_bill_tasks(request: web.Request) -> web.Response:
    """``GET /v1/commerce/benefit/bill_tasks``: the tasks named, else the last 7 days', newest
    first, page by page."""
    state = request.app[STORE].commerce
    task_ids = _list_param(request, "task_ids")
    if len(task_ids) > _MAX_TASK_IDS:
        raise bad_request(f"task_ids takes at most {_MAX_TASK_IDS} ids")
    page_num = int_param(request.query, "page_num", 1)
    page_size = int_param(request.query, "page_size", 20, high=200)
    if task_ids:
        tasks = [t for t in state.bill_tasks if t["task_id"] in task_ids]
    else:
        tasks = [t for t in state.bill_tasks if t["created_at"] >= now() - _WEEK]
    tasks.sort(key=lambda t: t["created_at"], reverse=True)
    page = page_of(tasks, page_num, page_size)
    shown = [copy.deepcopy(t) for t in page]
    for task in page:  # seen once as it was; the next look finds it further on
        _advance(task)
    return envelope(request, {"task_infos": shown, "total": len(tasks)})


def _unix_time(body: Mapping[str, Any], name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad_request(f"{name} must be a Unix time in seconds")
    return value


async def create_bill_task(request: web.Request) -> web.Response:
    """``POST /v1/commerce/benefit/bill_tasks``: export the bill of whole days (the first at 0:00,
    the last to 23:59:59), from 2025-03-13 until yesterday. Not called by the SDK (cozepy has no
    method for it); it gives ``bill_tasks.list`` something new to show."""
    state = request.app[STORE].commerce
    body = await json_body(request)
    started_at, ended_at = _unix_time(body, "started_at"), _unix_time(body, "ended_at")
    start, end = _day_start(started_at), _day_start(ended_at) + _DAY - 1
    today = _day_start(now())
    if start < _FIRST_BILL_DAY:
        raise bad_request("bills can be exported from 2025-03-13 on")
    if end >= today or end < start:
        raise bad_request("the bill must end before today and after it starts")
    created = now()
    task = {
        "task_id": new_id(),
        "status": "init",
        "started_at": start,
        "ended_at": end,
        "created_at": created,
        "expires_at": created + _WEEK,
        "file_urls": [],
    }
    state.bill_tasks.append(task)
    return envelope(request, dict(task))
