"""Voting codes, receipts and keyed hashes.

Codes and receipts use Crockford's base32 (no I, L, O or U), so they read aloud and type easily; input is
forgiving about case, spaces, hyphens and the letters O, I and L. A voting code is 12 characters (60 bits),
a receipt 16 (80 bits). Only keyed hashes of codes and email tokens are stored. A ballot's public id is an
unkeyed hash of its receipt, so a voter can check the published ballots without asking the council.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
RECEIPT_LENGTH = 16
_FORGIVEN = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _random(length: int) -> str:
    """`length` characters of the alphabet, each from five fresh random bits: all 32 equally likely."""
    number = int.from_bytes(secrets.token_bytes((5 * length + 7) // 8), "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(length))


def grouped(text: str) -> str:
    """ABCD1234WXYZ -> ABCD-1234-WXYZ, as printed on a card."""
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def new_code() -> str:
    return _random(CODE_LENGTH)


def new_receipt() -> str:
    return _random(RECEIPT_LENGTH)


def normalise(text: str, length: int) -> str | None:
    """The canonical form of a typed code or receipt, or None if it cannot be one."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_FORGIVEN)
    if len(cleaned) != length or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def keyed_digest(purpose: str, value: str) -> str:
    """HMAC-SHA256 under the server's voter key: the same input always gives the same digest here only."""
    keyed = _keyed(purpose, settings.VOTER_KEY).copy()
    keyed.update(value.encode())
    return keyed.hexdigest()


@lru_cache(maxsize=64)
def _keyed(purpose: str, voter_key: str) -> hmac.HMAC:
    """The HMAC for `purpose` before any value: salted_hmac's key derived once, not for every digest."""
    return salted_hmac(f"youdecide.voting.{purpose}", "", secret=voter_key, algorithm="sha256")


def code_digest(code: str) -> str:
    """What a card's code (as `normalise` gives it) is stored and looked up by: only this is kept."""
    return keyed_digest("code", code)


def public_id_for(receipt: str) -> str:
    """The id a ballot is published under: 16 characters of SHA-256 of the receipt."""
    digest = hashlib.sha256(f"youdecide-receipt:{receipt}".encode()).digest()
    number = int.from_bytes(digest[:10], "big")
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(75, -1, -5))


def new_envelope() -> str:
    return secrets.token_urlsafe(32)


def new_link_token() -> str:
    return secrets.token_urlsafe(32)
