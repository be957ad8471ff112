"""The demo consultation, seeded through the services, and the accounts that use it."""

from __future__ import annotations

import pytest

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.consultation.demo import ConsultationSummary, seed_consultation


@pytest.fixture
def officer() -> User:
    return factories.UserFactory.create(role=Role.OFFICER)


@pytest.fixture
def demo(officer: User) -> ConsultationSummary:
    return seed_consultation(officer)
