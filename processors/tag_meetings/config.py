"""Tagger configuration: which language's rules, which spaCy base, which data folder.

The config object lives with the processor's (``newswatch.processors.config``), so that reading the
settings never imports spaCy; this module names it for the tagger's own modules.
"""

from __future__ import annotations

from newswatch.processors.config import BLANK, DATA_ROOT, TaggerConfig

__all__ = ["BLANK", "DATA_ROOT", "TaggerConfig"]
