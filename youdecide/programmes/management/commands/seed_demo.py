"""``youdecide seed-demo``: load the Cheshire East demo programme (safe to run twice)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from youdecide.accounts.models import Role
from youdecide.areas.ward_files import ATTRIBUTION
from youdecide.delivery.models import Grant
from youdecide.money import format_pence
from youdecide.programmes.demo.seeding import DemoSummary, seed_demo
from youdecide.proposals.models import ProposalStatus


class Command(BaseCommand):
    help = (
        "Load the demo: Cheshire East's wards and sub-regions, the programme 'You Decide 2026 — public "
        "health' with its area pots, community groups, proposals and one sign-in account per role. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DEBUG is off. The demo accounts share a published password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed-demo makes sign-in accounts with a published password, so it runs only with DEBUG on "
                "(as `youdecide demo` sets it). Pass --allow-production to seed a non-debug database anyway."
            )
        started = time.monotonic()
        summary = seed_demo()
        self.write_summary(summary, time.monotonic() - started)

    def write_summary(self, summary: DemoSummary, seconds: float) -> None:
        write = self.stdout.write
        areas = summary.areas
        write(
            f"Areas: {areas.authority.name}, {areas.wards} wards in {len(areas.sub_regions)} sub-regions, "
            f"population {areas.population:,} ({areas.created} created, {areas.updated} updated)."
        )
        state = "created" if summary.created else "already there, left as it was"
        pot = format_pence(summary.programme.total_pot_pence)
        write(f"Programme: {summary.programme.name} ({state}), pot {pot}, split by need:")
        for area, amount in summary.pots:
            write(f"  {area.name:<40} {format_pence(amount):>10}")
        counts = ", ".join(
            f"{count} {ProposalStatus(status).label.lower()}"
            for status, count in summary.proposals.items()
            if count
        )
        write(f"Community groups: {summary.groups}. Proposals: {summary.proposals_total} ({counts}).")
        voting = summary.voting_programme
        write(f"Voting now: {voting.name}, {summary.ballots} residents have voted so far.")
        write(f"  Try it at /programmes/{voting.slug}/vote/ with one of these unused voting codes:")
        for first in range(0, len(summary.codes_to_try), 4):
            write("    " + "   ".join(summary.codes_to_try[first : first + 4]))
        for event in voting.decision_days.all():
            write(f"  Decision Day today: {event.name}, {event.venue}.")
            write(f"  The officers' desk: /office/decision-days/{event.slug}/ (sign in as an officer)")
        past = summary.past_programme
        write(
            f"Delivering now: {past.name}, {summary.funded} funded projects; "
            f"results at /programmes/{past.slug}/."
        )
        grants = Grant.objects.filter(proposal__programme=past).count()
        write(f"  {grants} grants; officers follow them at /office/programmes/{past.slug}/grants/.")
        plan = summary.consultation.plan
        write(
            f"Budget consultation: {plan.title}, {summary.consultation.proposals} proposals, "
            f"a budget simulator of {summary.consultation.services} services, at /consultation/{plan.slug}/."
        )
        write(
            "Community: support sessions at /groups/sessions/, the asset map at /assets/, groups' trail from "
            "sessions to funding at /groups/capacity/."
        )
        write(f"\nDemo sign-in accounts (password: {summary.password}):")
        for account in summary.accounts:
            write(f"  {account.username:<34} {Role(account.role).label}")
        write(f"\n{ATTRIBUTION}")
        write(f"Seeded in {seconds:.1f}s.")
