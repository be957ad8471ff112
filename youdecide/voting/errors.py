"""Why a voter was turned away, in words they can act on, with a code the JSON API returns."""

from __future__ import annotations


class VotingRefused(Exception):
    """A refusal: `code` is stable for programs, `messages` are for people."""

    def __init__(self, code: str, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.code = code
        self.messages = list(messages)
