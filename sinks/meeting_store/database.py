"""One small interface over SQLite (``sqlite3``) and PostgreSQL (psycopg 3).

SQL is written once with ``?`` placeholders and the standard ``INSERT ... ON CONFLICT`` upsert, which
both speak; the few differences (placeholders, timestamp types, month truncation) live here.
Timestamps go to PostgreSQL as ``timestamptz`` and to SQLite as fixed-width UTC ISO text, so that
comparing and sorting them as text is comparing them as times.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newswatch.errors import NewswatchError


class DatabaseError(NewswatchError):
    """The meeting store cannot reach or use its database."""


#: What a driver raises when the server is gone or the connection broke (retry after reconnecting).
def transient_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [sqlite3.OperationalError]
    with contextlib.suppress(ImportError):
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    return tuple(errors)


class Database:
    """A connection to the meeting store; ``dialect`` is ``sqlite`` or ``postgresql``."""

    def __init__(self, url: str, *, connect_timeout: float = 5.0):
        self.url = url
        self.dialect = "sqlite" if url.startswith("sqlite://") else "postgresql"
        self.connect_timeout = connect_timeout
        self._conn: Any = None

    # -- connection ------------------------------------------------------------------------
    def connect(self) -> Any:
        if self._conn is not None:
            return self._conn
        if self.dialect == "sqlite":
            path = self.url[len("sqlite:///"):] or ":memory:"
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._conn = conn
        else:
            import psycopg

            url = "postgresql://" + self.url.split("://", 1)[1]
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(self.connect_timeout)))
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def reset(self) -> None:
        """Forget a broken connection; the next call reconnects."""
        self.close()

    # -- statements ------------------------------------------------------------------------
    def sql(self, statement: str) -> str:
        return statement if self.dialect == "sqlite" else statement.replace("?", "%s")

    def value(self, v: Any) -> Any:
        if isinstance(v, datetime) and self.dialect == "sqlite":
            return timestamp_text(v)
        return v

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.connect().execute(self.sql(statement), [self.value(p) for p in params])

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        conn = self.connect()
        converted = [[self.value(v) for v in row] for row in rows]
        if self.dialect == "sqlite":
            conn.executemany(statement, converted)
        else:
            with conn.cursor() as cur:
                cur.executemany(self.sql(statement), converted)

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        conn = self.connect()
        cur = conn.execute(self.sql(statement), [self.value(p) for p in params])
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self.connect()
        if self.dialect == "sqlite":
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        else:
            with conn.transaction():
                yield

    # -- dialect differences -----------------------------------------------------------------
    @property
    def timestamp_type(self) -> str:
        return "TEXT" if self.dialect == "sqlite" else "TIMESTAMPTZ"

    def month_of(self, column: str) -> str:
        if self.dialect == "sqlite":
            return f"substr({column}, 1, 7)"
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"

    def read_timestamp(self, v: Any) -> datetime | None:
        if v is None or isinstance(v, datetime):
            return v
        return datetime.fromisoformat(str(v).replace("Z", "+00:00"))


def timestamp_text(v: datetime) -> str:
    """UTC, fixed width, sortable: ``2024-06-02T09:00:00.000000Z``."""
    if v.tzinfo is None:
        v = v.replace(tzinfo=UTC)
    return v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
