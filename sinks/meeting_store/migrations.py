"""Versioned schema migrations: each version once, in order, inside its own transaction.

``schema_migrations`` records which versions ran. A new version is a new entry at the end of
``MIGRATIONS``; a shipped entry is never edited. ``{ts}`` stands for the dialect's timestamp type.
"""

from __future__ import annotations

import logging

from newswatch.sinks.meeting_store.database import Database

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "meetings, parties, participants, reports, status changes", [
        """CREATE TABLE meetings (
            meeting_id TEXT PRIMARY KEY,
            parties TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            location TEXT,
            event TEXT,
            meeting_date {ts} NOT NULL,
            window_start {ts} NOT NULL,
            window_end {ts} NOT NULL,
            first_seen {ts} NOT NULL,
            last_seen {ts} NOT NULL,
            report_count INTEGER NOT NULL,
            first_outlet TEXT,
            revision INTEGER NOT NULL,
            record TEXT NOT NULL)""",
        "CREATE INDEX meetings_by_date ON meetings (meeting_date)",
        """CREATE TABLE meeting_parties (
            country TEXT NOT NULL,
            meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
            meeting_date {ts} NOT NULL,
            PRIMARY KEY (country, meeting_id))""",
        "CREATE INDEX meeting_parties_by_date ON meeting_parties (country, meeting_date)",
        "CREATE INDEX meeting_parties_by_meeting ON meeting_parties (meeting_id)",
        """CREATE TABLE participants (
            meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT,
            role TEXT,
            country TEXT,
            PRIMARY KEY (meeting_id, position))""",
        """CREATE TABLE reports (
            meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            language TEXT,
            published {ts},
            first_seen {ts} NOT NULL,
            status TEXT NOT NULL,
            evidence TEXT,
            PRIMARY KEY (meeting_id, article_id))""",
        "CREATE INDEX reports_by_article ON reports (article_id)",
        """CREATE TABLE status_changes (
            meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            status TEXT NOT NULL,
            at {ts} NOT NULL,
            article_id TEXT NOT NULL,
            outlet TEXT,
            first_seen {ts} NOT NULL,
            PRIMARY KEY (meeting_id, position))""",
    ]),
    (2, "meeting pairs: every ordered pair of parties, so a two-country question reads one index range", [
        """CREATE TABLE meeting_pairs (
            country TEXT NOT NULL,
            counterpart TEXT NOT NULL,
            meeting_id TEXT NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
            meeting_date {ts} NOT NULL,
            PRIMARY KEY (country, counterpart, meeting_id))""",
        "CREATE INDEX meeting_pairs_by_date ON meeting_pairs (country, counterpart, meeting_date)",
        "CREATE INDEX meeting_pairs_by_meeting ON meeting_pairs (meeting_id)",
        """INSERT INTO meeting_pairs (country, counterpart, meeting_id, meeting_date)
            SELECT a.country, b.country, a.meeting_id, a.meeting_date FROM meeting_parties a
            JOIN meeting_parties b ON b.meeting_id = a.meeting_id AND b.country <> a.country""",
    ]),
]

LATEST = MIGRATIONS[-1][0]


def applied(db: Database) -> set[int]:
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               "description TEXT NOT NULL)")
    return {row["version"] for row in db.query("SELECT version FROM schema_migrations")}


def migrate(db: Database) -> list[int]:
    """Bring the database to the latest version; returns the versions applied now."""
    done = applied(db)
    ran = []
    for version, description, statements in MIGRATIONS:
        if version in done:
            continue
        with db.transaction():
            for statement in statements:
                db.execute(statement.replace("{ts}", db.timestamp_type))
            db.execute("INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [version, description])
        log.info("applied meeting store migration", extra={"version": version, "description": description})
        ran.append(version)
    return ran
