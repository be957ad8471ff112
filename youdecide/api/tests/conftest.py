"""The API's tests vote in the same ready programme area as the voting tests."""

from youdecide.voting.tests.conftest import box

__all__ = ["box"]
