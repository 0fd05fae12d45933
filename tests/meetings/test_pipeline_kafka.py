"""Tagged records -> resolver -> meetings topic -> meeting store, through the real broker and real databases."""

from __future__ import annotations

import json

import msgspec
from typer.testing import CliRunner

from newswatch.cli import _register_all, app
from newswatch.processors.resolve_meetings.config import ResolverConfig
from newswatch.processors.resolve_meetings.run import run_meeting_resolver
from newswatch.sinks.meeting_store.config import MeetingStoreConfig
from newswatch.sinks.meeting_store.database import Database
from newswatch.sinks.meeting_store.run import rebuild, run_meeting_store
from tests.meetings.factories import tagged
from tests.meetings.kafka_helpers import lags, publish, settled, wait
from tests.support.groups import committed_lag
from tests.support.stages import running


def rows(url: str, sql: str) -> list[dict]:
    db = Database(url)
    try:
        return db.query(sql)
    finally:
        db.close()


def test_three_outlets_give_one_database_row_and_a_month_later_a_second(settings, kafka, stage_kafka, unique,
                                                                       database_url):
    resolver = ResolverConfig(group=f"g{unique}-meetings", poll_timeout_ms=100)
    store = MeetingStoreConfig(url=database_url, group=f"g{unique}-store", poll_timeout_ms=100)
    yonhap = tagged("yonhap", day=0)
    publish(kafka, settings, [yonhap, tagged("kyodo", day=0.2)])
    with running(run_meeting_resolver, cfg=resolver, topics=settings.topics, kafka=stage_kafka), \
            running(run_meeting_store, cfg=store, topics=settings.topics, kafka=stage_kafka) as sink:
        assert wait(lambda: settled(kafka, settings, resolver.group))
        # a day later another outlet, a replay of the first story, and the same ministers a month later
        publish(kafka, settings, [tagged("nhk", day=1.0), msgspec.structs.replace(yonhap, replayed=True),
                                  tagged("yonhap", day=30)])
        assert wait(lambda: settled(kafka, settings, resolver.group)
                    and committed_lag(kafka, store.group, settings.topics.meetings_topic) == 0), (
            lags(kafka, settings, resolver.group), committed_lag(kafka, store.group, settings.topics.meetings_topic))
        assert sink.value("newswatch_records_committed_total", stage="meeting-store") >= 4
    meetings = rows(database_url, "SELECT meeting_id, report_count FROM meetings ORDER BY meeting_id")
    assert meetings == [{"meeting_id": "2024-06-02.in-person.JP-KR", "report_count": 3},
                        {"meeting_id": "2024-07-02.in-person.JP-KR", "report_count": 1}]
    assert rows(database_url, "SELECT count(*) AS n FROM reports")[0]["n"] == 4

    # the question, as a user asks it
    env = {"NEWSWATCH_MEETING_STORE__URL": database_url}
    _register_all()
    result = CliRunner().invoke(app, ["meetings", "--country", "KR", "--with", "JP", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert [(m["meeting_id"], len(m["reports"])) for m in answer] == [("2024-07-02.in-person.JP-KR", 1),
                                                                       ("2024-06-02.in-person.JP-KR", 3)]
    csv = CliRunner().invoke(app, ["meetings", "--country", "kr", "--since", "2024-07-01", "--format", "csv"], env=env)
    assert csv.stdout.splitlines()[1].startswith("2024-07-02,2024-07-02.in-person.JP-KR,held,JP+KR,in-person")

    # rebuild: the database reloaded from the compacted topic holds the same rows
    db = Database(database_url)
    db.execute("DELETE FROM meetings")
    db.close()
    assert rebuild(store, settings.topics, kafka) == 2
    assert rows(database_url, "SELECT meeting_id, report_count FROM meetings ORDER BY meeting_id") == meetings
