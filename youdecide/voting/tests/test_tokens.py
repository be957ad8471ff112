"""Codes, receipts and keyed digests."""

from __future__ import annotations

from django.test import override_settings
from django.utils.crypto import salted_hmac

from youdecide.voting import tokens


def test_keyed_digests_are_hmac_sha256_under_the_voter_key() -> None:
    for purpose in ("person", "code", "submission"):
        for value in ("", "ada lovelace|1815-12-10|CW12BJ", "ü€" * 40):
            with override_settings(VOTER_KEY="council key"):
                expected = salted_hmac(
                    f"youdecide.voting.{purpose}", value, secret="council key", algorithm="sha256"
                ).hexdigest()
                assert tokens.keyed_digest(purpose, value) == expected


def test_another_voter_key_gives_other_digests() -> None:
    with override_settings(VOTER_KEY="one council"):
        one = tokens.keyed_digest("person", "ada")
    with override_settings(VOTER_KEY="another council"):
        another = tokens.keyed_digest("person", "ada")
    assert one != another


def test_codes_and_receipts_use_every_letter_in_every_place() -> None:
    codes = [tokens.new_code() for _ in range(3200)]
    receipts = [tokens.new_receipt() for _ in range(3200)]
    assert {len(code) for code in codes} == {tokens.CODE_LENGTH}
    assert {len(receipt) for receipt in receipts} == {tokens.RECEIPT_LENGTH}
    for drawn in (codes, receipts):
        for place in range(len(drawn[0])):
            # 3,200 draws: a letter that can come up at all misses a place with odds of about e^-100.
            assert {text[place] for text in drawn} == set(tokens.ALPHABET)
    assert len(set(codes)) == len(codes)


def test_a_typed_code_is_read_forgivingly() -> None:
    code = tokens.new_code()
    typed = tokens.grouped(code).lower().replace("0", "o").replace("1", "l")
    assert tokens.normalise(typed, tokens.CODE_LENGTH) == code
    assert tokens.normalise(code[:-1], tokens.CODE_LENGTH) is None
