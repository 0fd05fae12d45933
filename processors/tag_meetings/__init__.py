"""Tag articles that report defense-ministerial meetings: host, counterparts, meetings.

Parts, in pipeline order: ``sentences`` -> ``countries`` -> ``events`` -> ``roles`` -> ``meetings``
-> ``verdict`` (spaCy components, see ``pipeline``), with ``prefilter`` in front and ``tagger``
turning the result into a ``TaggedArticle``. What the rules know lives in ``data/``.
"""

from newswatch.processors.tag_meetings.tagger import TAGGER_VERSION, MeetingTagger

__all__ = ["TAGGER_VERSION", "MeetingTagger"]
