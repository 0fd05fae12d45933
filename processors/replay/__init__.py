"""Re-run the processor over a slice of history: ``window`` (what), ``plan`` (which offsets, kept in the
replay's consumer group), ``service`` (the handler), ``run`` (the wiring)."""

from newswatch.processors.replay.run import ReplayRequest, ReplaySummary, run_replay
from newswatch.processors.replay.window import ReplayError, ReplayWindow, parse_offsets, parse_time

__all__ = ["ReplayError", "ReplayRequest", "ReplaySummary", "ReplayWindow", "parse_offsets", "parse_time",
           "run_replay"]
