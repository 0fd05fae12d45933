"""``newswatch serve``: the meeting store as a read-only JSON HTTP API (FastAPI; OpenAPI at /openapi.json).

GET /meetings                 meetings, newest first; filters and pagination in the query string
GET /meetings/{meeting_id}    one meeting with its reports, participants and status history
GET /counts/counterparts      meetings per other party
GET /counts/months            meetings per month (YYYY-MM)
GET /health                   the database answers

Filters everywhere: ``country``, ``with``, ``since``, ``until`` (dates, ``until`` exclusive), ``status``.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Literal

import msgspec
from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.query import (
    MeetingFilter,
    count_meetings,
    counts_by_counterpart,
    counts_by_month,
    find_meetings,
)

Status = Literal["held", "planned", "postponed", "cancelled", "denied"]


class ParticipantOut(BaseModel):
    name: str | None
    role: str | None
    country: str | None


class ReportOut(BaseModel):
    article_id: str
    url: str
    title: str
    outlet: str
    language: str | None
    published: datetime | None
    first_seen: datetime
    status: Status
    evidence: str | None


class StatusChangeOut(BaseModel):
    status: Status
    at: datetime = Field(description="The date the report speaks for (its publication, else first seen).")
    article_id: str
    outlet: str
    first_seen: datetime


class MeetingOut(BaseModel):
    meeting_id: str
    date: datetime = Field(description="When first reported held, else the first report's date.")
    parties: list[str]
    kind: str
    status: Status
    location: str | None
    event: str | None
    participants: list[ParticipantOut]
    status_history: list[StatusChangeOut]
    reports: list[ReportOut]
    outlets: list[str] = Field(description="Each reporting outlet once, earliest first.")
    first_seen: datetime
    last_seen: datetime
    revision: int


class MeetingPage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="Pass as offset for the next page; null on the last page.")
    items: list[MeetingOut]


class Count(BaseModel):
    key: str
    meetings: int


class Counts(BaseModel):
    by: Literal["counterpart", "month"]
    items: list[Count]


def _moment(d: date | None) -> datetime | None:
    return None if d is None else datetime(d.year, d.month, d.day, tzinfo=UTC)


def filters(country: str | None = Query(None, description="A party (ISO 3166-1 alpha-2, or NATO, EU, UN...)."),
            with_: str | None = Query(None, alias="with", description="Another party: the counterpart."),
            since: date | None = Query(None, description="Meetings on or after this date."),
            until: date | None = Query(None, description="Meetings before this date."),
            status: Status | None = Query(None)) -> MeetingFilter:
    return MeetingFilter(country=country, with_=with_, since=_moment(since), until=_moment(until), status=status)


def meeting_out(row) -> MeetingOut:
    data = msgspec.to_builtins(row.record)
    return MeetingOut(**{k: v for k, v in data.items() if k in MeetingOut.model_fields}, date=row.date,
                      outlets=row.record.outlets)


def create_app(config: MeetingStoreConfig) -> FastAPI:
    app = FastAPI(title="newswatch meetings", version="1",
                  description="Defense-ministerial meetings as records: one per meeting, across outlets "
                              "and languages, with reports and status history. Read-only.")
    local = threading.local()  # one connection per server thread

    def db() -> Database:
        conn = getattr(local, "db", None)
        if conn is None:
            conn = local.db = Database(config.url.get_secret_value())
        return conn

    @app.get("/meetings", response_model=MeetingPage, summary="Meetings, newest first")
    def list_meetings(flt: MeetingFilter = Depends(filters), limit: int = Query(50, ge=1, le=500),
                      offset: int = Query(0, ge=0)) -> MeetingPage:
        rows = find_meetings(db(), flt, limit=limit, offset=offset)
        total = count_meetings(db(), flt)
        return MeetingPage(total=total, limit=limit, offset=offset,
                           next_offset=offset + limit if offset + limit < total else None,
                           items=[meeting_out(r) for r in rows])

    @app.get("/meetings/{meeting_id}", response_model=MeetingOut, summary="One meeting",
             responses={404: {"description": "No such meeting"}})
    def one_meeting(meeting_id: str) -> MeetingOut:
        found = find_meetings(db(), MeetingFilter(), limit=1, meeting_id=meeting_id)
        if not found:
            raise HTTPException(404, f"no meeting {meeting_id}")
        return meeting_out(found[0])

    @app.get("/counts/counterparts", response_model=Counts, summary="Meetings per other party")
    def by_counterpart(flt: MeetingFilter = Depends(filters)) -> Counts:
        return Counts(by="counterpart", items=[Count(key=k, meetings=n) for k, n in counts_by_counterpart(db(), flt)])

    @app.get("/counts/months", response_model=Counts, summary="Meetings per month")
    def by_month(flt: MeetingFilter = Depends(filters)) -> Counts:
        return Counts(by="month", items=[Count(key=k, meetings=n) for k, n in counts_by_month(db(), flt)])

    @app.get("/health", summary="The database answers")
    def health() -> dict[str, str]:
        db().query("SELECT 1 AS ok")
        return {"status": "ok"}

    return app
