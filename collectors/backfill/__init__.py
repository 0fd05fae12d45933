"""Load archives into the articles topic: ``archives`` (jsonl, feeds), ``documents`` (html, txt),
``opml``, ``known_ids`` (what the topic already holds), ``retention`` (will the topic keep it),
``service`` (the command)."""

from newswatch.collectors.backfill.archives import BackfillError
from newswatch.collectors.backfill.service import BackfillSummary, run_backfill

__all__ = ["BackfillError", "BackfillSummary", "run_backfill"]
