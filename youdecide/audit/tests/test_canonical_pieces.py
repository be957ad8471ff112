"""The pieces the database joins into an event's canonical text give the digest `event_digest` gives."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from youdecide.audit.services import GENESIS_DIGEST, canonical_pieces, event_digest


def joined_digest(pieces: list[str], previous: str, sequence: int, object_id: str) -> str:
    text = pieces[0] + previous + pieces[1] + str(sequence) + pieces[2] + object_id + pieces[3]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_joined_pieces_hash_to_the_event_digest() -> None:
    cases: list[tuple[datetime, str, dict[str, Any]]] = [
        (
            datetime(2026, 12, 2, 5, 0, 1, 123456, tzinfo=UTC),
            "voter (Online)",
            {"area": "E05008616", "channel": "online"},
        ),
        (
            datetime(2026, 12, 2, 5, 0, 1, tzinfo=UTC),
            "pleidleisiwr (Ar-lein) ŵ “",
            {"z": [1, "é"], "a": None},
        ),
    ]
    for moment, actor, data in cases:
        pieces = canonical_pieces(moment, actor, "voting.vote_recorded", "voting.participation", data)
        assert pieces is not None
        for previous, sequence, object_id in [(GENESIS_DIGEST, 1, "1"), ("ab" * 32, 98765, "4321")]:
            assert joined_digest(pieces, previous, sequence, object_id) == event_digest(
                previous,
                sequence,
                moment,
                actor,
                "voting.vote_recorded",
                "voting.participation",
                object_id,
                data,
            )


def test_content_holding_the_cut_mark_is_not_cut() -> None:
    moment = datetime(2026, 12, 2, tzinfo=UTC)
    assert canonical_pieces(moment, "\x00cut\x00", "a", "b", {}) is None
    assert canonical_pieces(moment, "a", "b", "c", {"note": "\x00cut\x00"}) is None
