"""Meetings as records: tagged articles -> meeting reports -> one meeting record per meeting.

``reports`` re-keys each tagged meeting by its parties; ``resolver`` folds reports into meeting
records (``merge``, ``book``) on the compacted ``newswatch.meetings`` topic; ``run`` wires both.
"""
