"""Printing meeting-store answers as a table (rich), CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import msgspec
from rich.console import Console
from rich.table import Table

from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.query import (
    MeetingFilter,
    MeetingRow,
    count_meetings,
    counts_by_counterpart,
    counts_by_month,
    find_meetings,
)

COLUMNS = ("date", "meeting_id", "status", "parties", "kind", "location", "reports", "first_outlet", "outlets")


def flat(row: MeetingRow) -> dict[str, Any]:
    return {"date": row.date.date().isoformat(), "meeting_id": row.meeting_id, "status": row.status,
            "parties": "+".join(row.parties), "kind": row.kind, "location": row.location or "",
            "reports": row.reports, "first_outlet": row.first_outlet or "", "outlets": ", ".join(row.record.outlets)}


def print_meetings(db: Database, flt: MeetingFilter, output: str, limit: int) -> None:
    rows = find_meetings(db, flt, limit=limit)
    if output == "json":
        sys.stdout.write(msgspec.json.encode([r.record for r in rows]).decode() + "\n")
    elif output == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat(r) for r in rows)
    else:
        total = count_meetings(db, flt)
        table = Table(title=f"{total} meetings" + (f" (newest {len(rows)})" if total > len(rows) else ""))
        for column in COLUMNS:
            table.add_column(column)
        for row in rows:
            table.add_row(*(str(v) for v in flat(row).values()))
        Console(width=200).print(table)


def print_counts(db: Database, flt: MeetingFilter, output: str) -> None:
    by_counterpart, by_month = counts_by_counterpart(db, flt), counts_by_month(db, flt)
    if output == "json":
        sys.stdout.write(json.dumps({"by_counterpart": dict(by_counterpart), "by_month": dict(by_month)}) + "\n")
        return
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["by", "key", "meetings"])
        writer.writerows([("counterpart", k, n) for k, n in by_counterpart] + [("month", k, n) for k, n in by_month])
        return
    console = Console(width=120)
    for title, items in (("meetings by counterpart", by_counterpart), ("meetings by month", by_month)):
        table = Table(title=title)
        table.add_column("key")
        table.add_column("meetings", justify="right")
        for key, n in items:
            table.add_row(key, str(n))
        console.print(table)
