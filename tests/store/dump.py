"""A canonical dump of a store's content (no timestamps, no surrogate ids) to compare two stores."""
from __future__ import annotations

import json

from sqlalchemy import text


def dump_store(engine) -> dict:
    with engine.connect() as conn:
        docs = conn.execute(text("SELECT doc_key, content_hash, revision, title, text FROM documents ORDER BY doc_key")).all()
        claims = conn.execute(text(
            "SELECT c.claim_key, c.event_id, c.data, d.doc_key FROM claims c JOIN documents d ON d.id = c.document_id "
            "ORDER BY c.claim_key")).all()
        events = conn.execute(text("SELECT event_id, version, data FROM events ORDER BY event_id")).all()
        versions = conn.execute(text("SELECT event_id, version, reason, data FROM event_versions ORDER BY event_id, version")).all()
        aliases = conn.execute(text("SELECT old_id, new_id FROM event_aliases ORDER BY old_id")).all()
        actors = conn.execute(text("SELECT event_id, actor, role FROM event_actors ORDER BY event_id, actor")).all()
    return {
        "documents": [tuple(r) for r in docs],
        "claims": [(r[0], r[1], json.loads(r[2]), r[3]) for r in claims],
        "events": [(r[0], r[1], json.loads(r[2])) for r in events],
        "versions": [(r[0], r[1], r[2], json.loads(r[3])) for r in versions],
        "aliases": [tuple(r) for r in aliases],
        "actors": [tuple(r) for r in actors],
    }
