"""Meeting resolver configuration (``[meetings]`` in the config file)."""

from __future__ import annotations

from pydantic import Field

from newswatch.config import Frozen


class ResolverConfig(Frozen):
    """How reports are grouped into meetings, and the resolver's consumer groups."""

    #: Consumer group of the step that keys tagged meetings by their parties (``-reports`` is appended)
    #: and of the resolver itself.
    group: str = "newswatch-meetings"
    #: A report joins a meeting of the same parties and kind when its date lies within this many days
    #: of the meeting's reports; the same ministers a month later are a new meeting.
    match_window_days: float = Field(default=3.0, gt=0)
    #: A planned or postponed meeting waits this long (after its latest report) for its outcome.
    planned_horizon_days: float = Field(default=14.0, gt=0)
    max_batch: int = Field(default=500, ge=1)
    poll_timeout_ms: int = Field(default=500, ge=10)
