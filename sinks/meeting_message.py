"""Meeting alerts -> Slack payload: one message for the meetings one report made news of.

A report often covers several meetings (a minister's talks with seven counterparts at one forum);
the alerts it triggers for a route are sent together, as one message listing each meeting, the way
an article's meetings always were. The header says what happened (held, or called off), each
section who met (from every report so far), where, and the sentence the news was read from; an
"Also reported by" line names the other outlets so far; the context line names the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newswatch.countries import display_name
from newswatch.schema import Alert, Evidence, Meeting, MeetingRecord, MeetingReport
from newswatch.sinks.meeting_events import alert_event, report_of
from newswatch.sinks.meeting_pages.links import meeting_url
from newswatch.sinks.slack_message import host_participants, meeting_text, participant_line
from newswatch.sinks.slack_text import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    TEXT_LIMIT,
    TOTAL_BUDGET,
    country,
    escape,
    header_block,
    mrkdwn,
    mrkdwn_section,
    safe_link,
    truncate,
    when,
)

_FIXED_BLOCKS = 7  # header, title, host, also-reported, divider, context, "…and N more"
_SAID = {"held": "", "called-off": " called off"}


def trigger(alert: Alert) -> MeetingReport | None:
    """The report whose status change this alert is about."""
    assert alert.meeting is not None
    found = alert_event(alert.meeting)
    return report_of(alert.meeting, found[1]) if found else None


def trigger_article(alert: Alert) -> str:
    report = trigger(alert)
    return report.article_id if report else alert.alert_id


def as_meeting(record: MeetingRecord, report: MeetingReport | None) -> Meeting:
    """The record as the shape the article message shows, with the triggering report's sentence."""
    evidence = [Evidence(text=report.evidence, start=0, end=len(report.evidence))] if report and report.evidence else []
    return Meeting(participants=record.participants, kind=record.kind, location=record.location, event=record.event,
                   status=record.status, evidence=evidence)


def host_of(records: Sequence[MeetingRecord], report: MeetingReport | None) -> str | None:
    """The report's own side; else the one party every meeting shares; else the first party."""
    if report is not None and report.host_country:
        return report.host_country
    shared = set.intersection(*(set(r.parties) for r in records)) if records else set()
    return sorted(shared)[0] if shared else (records[0].parties[0] if records and records[0].parties else None)


def others_of(records: Sequence[MeetingRecord], host: str | None) -> list[str]:
    return list(dict.fromkeys(p for r in records for p in r.parties if p != host))


def also_reported_by(records: Sequence[MeetingRecord], report: MeetingReport | None) -> list[str]:
    own = report.outlet if report else None
    return list(dict.fromkeys(o for r in records for o in r.outlets if o and o != own))


def headline(alerts: Sequence[Alert]) -> tuple[str, list[MeetingRecord], MeetingReport | None, str | None]:
    records = [a.meeting for a in alerts if a.meeting is not None]
    report = trigger(alerts[0])
    host = host_of(records, report)
    noun = "meetings" if len(records) > 1 else "meeting"
    said = _SAID.get(alerts[0].event or "held", "")
    others = ", ".join(display_name(c) for c in others_of(records, host)) or "foreign counterparts"
    return f"Defense-ministerial {noun}{said}: {display_name(host)} – {others}", records, report, host


def build_meeting_message(alerts: Sequence[Alert], pages_url: str | None = None) -> dict[str, Any]:
    """One message for ``alerts`` (one route's alerts triggered by the same report, same event)."""
    header, records, report, host = headline(alerts)
    title = report.title if report else records[0].meeting_id
    link = safe_link(report.url if report else None, title, SECTION_LIMIT - 2)
    blocks: list[dict[str, Any]] = [header_block(header), mrkdwn_section(f"*{link}*")]
    if alerts[0].event == "called-off" and report is not None:
        blocks.append(mrkdwn_section(f"*Reported {escape(report.status)}* by {escape(report.outlet) or 'a source'}"
                                     f" after it was reported held"))
    meetings = [as_meeting(r, report_of_record(r, report)) for r in records]
    hosts = host_participants(meetings, host)
    blocks.append(mrkdwn_section("*Host:* " + ("; ".join(participant_line(p) for p in hosts) if hosts
                                              else f"{country(host)} (minister not named)")))
    budget = TOTAL_BUDGET - sum(len(b["text"]["text"]) for b in blocks) - 2 * SECTION_LIMIT
    shown = 0
    language = report.language if report else None
    for record, meeting in zip(records, meetings, strict=True):
        if len(blocks) >= MAX_BLOCKS - _FIXED_BLOCKS:
            break
        text = meeting_text(meeting, host, language)
        if pages_url:
            text += f"\n{safe_link(meeting_url(pages_url, record.meeting_id), 'Meeting page')}"
        section = mrkdwn_section(text)
        budget -= len(section["text"]["text"])
        if budget < 0:
            break
        blocks.append(section)
        shown += 1
    if shown < len(records):
        blocks.append(mrkdwn_section(f"_…and {len(records) - shown} more meetings in the report_"))
    others = also_reported_by(records, report)
    if others:
        blocks.append(mrkdwn_section(f"*Also reported by:* {escape(', '.join(others))}"))
    blocks.append({"type": "divider"})
    blocks.append({"type": "context", "elements": [mrkdwn(context_text(report))]})
    text = truncate(escape(f"{header} — {title}"), TEXT_LIMIT)
    return {"text": text, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


def report_of_record(record: MeetingRecord, report: MeetingReport | None) -> MeetingReport | None:
    """The triggering report as this record holds it (its own evidence sentence for this meeting)."""
    if report is None:
        return None
    return next((r for r in record.reports if r.article_id == report.article_id), report)


def context_text(report: MeetingReport | None) -> str:
    if report is None:
        return "Source: unknown"
    language = f" · Language: {escape(report.language)}" if report.language not in (None, "en") else ""
    return (f"Source: {escape(report.outlet) or 'unknown'}{language} · Published {when(report.published)}"
            f" · {safe_link(report.url, 'Read the article', 1000)} · {escape(report.tagger_version) or 'tagger'}")


def meeting_digest_item(alerts: Sequence[Alert], pages_url: str | None = None) -> str:
    header, records, report, _host = headline(alerts)
    others = also_reported_by(records, report)
    also = f"\nAlso reported by {escape(', '.join(others))}" if others else ""
    link = safe_link(report.url, report.title) if report else escape(records[0].meeting_id)
    pages = (" · " + ", ".join(safe_link(meeting_url(pages_url, r.meeting_id), "Meeting page") for r in records[:3])
             if pages_url else "")
    source = f"{escape(report.outlet) or 'unknown source'} · {when(report.published)}" if report else ""
    return f"*{escape(header)}*\n{link}\n{source}{pages}{also}"


def digest_summary(groups: Sequence[Sequence[Alert]]) -> str:
    return "; ".join(headline(g)[0].split(": ", 1)[-1] for g in groups)


__all__ = ["build_meeting_message", "digest_summary", "meeting_digest_item", "trigger_article"]
