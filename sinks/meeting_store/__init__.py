"""The meeting store: meeting records in a database (SQLite embedded, or PostgreSQL), and its read side.

``database`` (one interface over both), ``migrations`` (versioned schema), ``store`` (batched upserts),
``sink`` (the ``StreamLoop`` handler), ``run`` (wiring, rebuild), ``query`` (questions), ``api`` (HTTP).
"""
