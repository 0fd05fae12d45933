"""Tag articles that report defense-ministerial meetings: host, counterparts, meetings.

Parts, in pipeline order: ``sentences`` -> ``countries`` -> ``events`` -> ``roles`` -> ``meetings``
-> ``verdict`` (spaCy components, see ``pipeline``), with ``prefilter`` in front and ``tagger``
turning the result into a ``TaggedArticle``. What the rules know lives in ``data/<language>/``; the
tagger's configuration is ``config.TaggerConfig`` and its version ``version.tagger_version``.
"""

from newswatch.processors.tag_meetings.config import TaggerConfig
from newswatch.processors.tag_meetings.multilingual import MeetingTagger

__all__ = ["MeetingTagger", "TaggerConfig"]
