"""Every write of voting: codes, emailed links, letting a voter in, casting a ballot, sealing at close."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.programmes.models import InPersonPolicy, Programme
from youdecide.proposals.models import Proposal
from youdecide.proposals.selectors import AREA_LARGE_FIELDS
from youdecide.voting import first_ballot, tokens
from youdecide.voting.ballot_cache import ProgrammeBallot
from youdecide.voting.ballot_rules import BallotSpec, check_choices
from youdecide.voting.eligibility import check_eligibility
from youdecide.voting.errors import VotingRefused
from youdecide.voting.identity import Voter, VoterDetails, person_key
from youdecide.voting.models import (
    IN_PERSON_CHANNELS,
    Ballot,
    BallotItem,
    BallotStatus,
    Channel,
    CodeBatch,
    CodeStatus,
    EmailLink,
    Participation,
    Submission,
    VotingCode,
)
from youdecide.voting.rules import can_vote, voting_is_over
from youdecide.voting.selectors import (
    ballot_proposals,
    ballot_spec,
    code_for,
    left_out_proposals,
    projects_for,
    voting_rules_for,
)
from youdecide.voting.throttle import (
    cast_tries,
    check_code_tries,
    check_link_rate,
    code_tries,
    count_unknown_code,
)

MAX_CODE_ATTEMPTS = 5
LINK_LIFETIME = timedelta(hours=48)
MAX_BATCH = 20_000


@dataclass(frozen=True)
class Receipt:
    receipt: str
    public_id: str
    replayed: bool = False
    changed: bool = False

    @property
    def printed(self) -> str:
        return tokens.grouped(self.receipt)


# Codes on cards ---------------------------------------------------------------------------------------


def generate_code_batch(
    actor: Any, programme: Programme, area: Area, size: int, label: str
) -> tuple[CodeBatch, list[str]]:
    """Make `size` new codes for an area, returned once to print: only their hashes are kept."""
    if not 1 <= size <= MAX_BATCH:
        raise VotingRefused("batch_size", _("A batch holds from 1 to %(max)d codes.") % {"max": MAX_BATCH})
    if not label.strip():
        raise VotingRefused(
            "batch_label", _("Give the batch a label, e.g. where the cards will be handed out.")
        )
    codes = [tokens.new_code() for _ in range(size)]
    with transaction.atomic():
        batch = CodeBatch.objects.create(
            programme=programme, area=area, label=label.strip(), size=size, created_by=_user(actor)
        )
        VotingCode.objects.bulk_create(
            [VotingCode(batch=batch, digest=tokens.code_digest(code)) for code in codes],
            batch_size=2000,
        )
        record_event(actor, "voting.code_batch_created", batch, {"area": area.code, "size": size})
    return batch, codes


def void_code(actor: Any, programme: Programme, code_text: str, reason: str) -> VotingCode:
    """Void a lost or misprinted code before anyone votes with it."""
    code = code_for(programme, code_text)
    if code is None:
        raise VotingRefused("code_unknown", _("No code %(code)s in this programme.") % {"code": code_text})
    with transaction.atomic():
        changed = VotingCode.objects.filter(pk=code.pk, status=CodeStatus.UNUSED).update(
            status=CodeStatus.VOID, voided_at=timezone.now(), void_reason=reason[:200]
        )
        if not changed:
            raise VotingRefused("code_used", _("This code has been used or voided already."))
        code.refresh_from_db()
        record_event(actor, "voting.code_voided", code, {"batch": code.batch_id, "reason": reason[:200]})
    return code


def void_batch(actor: Any, batch: CodeBatch, reason: str) -> int:
    with transaction.atomic():
        voided = batch.codes.filter(status=CodeStatus.UNUSED).update(
            status=CodeStatus.VOID, voided_at=timezone.now(), void_reason=reason[:200]
        )
        record_event(actor, "voting.code_batch_voided", batch, {"voided": voided, "reason": reason[:200]})
    return voided


# Letting a voter in -------------------------------------------------------------------------------------


def _eligible_voter(
    programme: Programme,
    area: Area,
    details: VoterDetails,
    way_in: str,
    way_in_id: int | None,
    now: datetime,
    postcode_lookup: bool | None = None,
) -> Voter:
    result = check_eligibility(
        programme, area, details, timezone.localdate(now), postcode_lookup=postcode_lookup
    )
    if not result.eligible:
        raise VotingRefused("not_eligible", *result.reasons)
    return Voter(
        programme_id=programme.pk,
        area_id=area.pk,
        person_key=person_key(details),
        age_band=result.age_band,
        connection=details.connection,
        way_in=way_in,
        way_in_id=way_in_id,
        member_of=details.member_of,
    )


def admit_with_code(
    programme: Programme,
    code_text: str,
    details: VoterDetails,
    now: datetime | None = None,
    *,
    code: VotingCode | None = None,
    postcode_lookup: bool | None = None,
) -> Voter:
    """A resident with a card: the code must be live; a used code lets only the person who used it back in.
    `code`: the card's row when the caller has just read it with `code_for` (saves reading it again);
    `postcode_lookup`: whether the postcode directory is loaded, when the caller knows (saves asking)."""
    now = now or timezone.now()
    open_, why = can_vote(programme, Channel.ONLINE, now)
    if not open_:
        raise VotingRefused("voting_closed", why)
    key = person_key(details)
    check_code_tries(key, now)
    if code is None or code.batch.programme_id != programme.pk:
        code = code_for(programme, code_text)
    if code is None:
        count_unknown_code(key, now)
        raise VotingRefused(
            "code_unknown",
            _("%(code)s is not a voting code for %(programme)s. Check it against your card.")
            % {"code": code_text.strip(), "programme": programme.name},
        )
    if code.failed_attempts >= MAX_CODE_ATTEMPTS:
        raise VotingRefused(
            "code_locked", _("This code is locked after too many tries. Ask the council for a new one.")
        )
    if code.status == CodeStatus.VOID:
        raise VotingRefused("code_void", _("This code has been cancelled. Ask the council for a new one."))
    if code.status == CodeStatus.USED and code.person_key != key:
        VotingCode.objects.filter(pk=code.pk).update(failed_attempts=F("failed_attempts") + 1)
        raise VotingRefused("code_used", _("This code has been used already."))
    return _eligible_voter(programme, code.batch.area, details, "code", code.pk, now, postcode_lookup)


def request_email_link(
    programme: Programme,
    area: Area,
    details: VoterDetails,
    email: str,
    link_base: str,
    now: datetime | None = None,
) -> EmailLink:
    """Check eligibility and email a one-time link; the email address itself is not kept."""
    now = now or timezone.now()
    open_, why = can_vote(programme, Channel.ONLINE, now)
    if not open_:
        raise VotingRefused("voting_closed", why)
    voter = _eligible_voter(programme, area, details, "link", None, now)
    check_link_rate(email, voter.person_key, now)
    token = tokens.new_link_token()
    link = EmailLink.objects.create(
        programme=programme,
        area=area,
        token_digest=tokens.keyed_digest("link", token),
        person_key=voter.person_key,
        age_band=voter.age_band,
        connection=voter.connection,
        member_of=sorted(voter.member_of),
        expires_at=now + LINK_LIFETIME,
    )
    send_mail(
        subject=_("Your link to vote in %(programme)s") % {"programme": programme.name},
        message=_(
            "Hello %(name)s,\n\nUse this link to vote in %(area)s. It works once and for 48 hours:"
            "\n\n%(url)s\n\nIf you did not ask for it, ignore this email."
        )
        % {"name": details.full_name, "area": area.name, "url": f"{link_base}{token}/"},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return link


def admit_with_link(token: str, now: datetime | None = None) -> Voter:
    now = now or timezone.now()
    link = (
        EmailLink.objects.select_related("programme")
        .filter(token_digest=tokens.keyed_digest("link", token))
        .first()
    )
    if link is None:
        raise VotingRefused("link_invalid", _("This voting link is not valid. Ask for a new one."))
    if link.used_at is not None:
        raise VotingRefused(
            "link_used", _("This voting link has been used. Ask for a new one to change your vote.")
        )
    if link.expires_at <= now:
        raise VotingRefused("link_expired", _("This voting link has expired. Ask for a new one."))
    open_, why = can_vote(link.programme, Channel.ONLINE, now)
    if not open_:
        raise VotingRefused("voting_closed", why)
    return Voter(
        programme_id=link.programme_id,
        area_id=link.area_id,
        person_key=link.person_key,
        age_band=link.age_band,
        connection=link.connection,
        way_in="link",
        way_in_id=link.pk,
        member_of=frozenset(link.member_of),
    )


def admit_in_person(
    officer: Any, programme: Programme, area: Area, details: VoterDetails, now: datetime | None = None
) -> Voter:
    """An officer at a Decision Day checks a resident's details and lets them vote in person."""
    now = now or timezone.now()
    open_, why = can_vote(programme, Channel.TABLET, now)
    if not open_:
        raise VotingRefused("voting_closed", why)
    return _eligible_voter(programme, area, details, "in_person", None, now)


# Casting ------------------------------------------------------------------------------------------------


def cast_ballot(
    voter: Voter,
    choices: Mapping[int, int],
    *,
    idempotency_key: str,
    channel: str = Channel.ONLINE,
    change_of: int | None = None,
    actor: Any = None,
    now: datetime | None = None,
    programme: Programme | None = None,
    area: Area | None = None,
    proposals: list[Proposal] | None = None,
) -> Receipt:
    """Store one ballot for one person in one area, or refuse and store nothing.

    A repeat with the same idempotency key returns the first receipt and stores nothing. `change_of` (how
    many times the voter had changed their vote when they started this change) asks to replace the voter's
    online ballot; of two changes sent at once only one wins. `programme` and `area`, when the caller has
    them already, save reading them again (ignored unless they are the voter's); so do `proposals`, the
    area's ballot proposals as `ballot_proposals` reads them (only with `area`).
    """
    now = now or timezone.now()
    if not 1 <= len(idempotency_key) <= 200:
        raise VotingRefused(
            "key_missing", _("Each submission needs an idempotency key of 1 to 200 characters.")
        )
    if programme is None or programme.pk != voter.programme_id:
        programme = Programme.objects.get(pk=voter.programme_id)
    if area is None or area.pk != voter.area_id:
        area = Area.objects.defer(*AREA_LARGE_FIELDS).get(pk=voter.area_id)
        proposals = None
    key_digest = tokens.keyed_digest("submission", f"{programme.pk}:{idempotency_key}")
    request_digest = _request_digest(voter, choices, channel, change_of)
    open_, why = can_vote(programme, channel, now)
    spec = ballot_spec(programme, area) if open_ else None
    if (
        spec is not None
        and channel == Channel.ONLINE
        and change_of is None
        and actor is None
        and voter.way_in in ("code", "link")
        and first_ballot.available()
    ):
        first = _first_ballot(
            voter, choices, key_digest, request_digest, programme, area, now, proposals, spec
        )
        if first is not None:
            return first
    replay = _replayed(key_digest, request_digest)  # a repeat gets its receipt even after voting closed
    if replay is not None:
        return replay
    if spec is None:
        raise VotingRefused("voting_closed", why)
    kept = kept_choices(programme, area, voter.member_of, choices, spec=spec, proposals=proposals)
    receipt = tokens.new_receipt()
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Submission.objects.create(
                        key_digest=key_digest,
                        request_digest=request_digest,
                        receipt=receipt,
                        programme=programme,
                    )
            except IntegrityError:
                raise _KeyTaken() from None
            changed, envelope, event = _record_participation(
                voter, programme, area, channel, change_of, actor
            )
            ballot = Ballot.objects.create(
                programme=programme,
                area=area,
                kind=spec.kind,
                public_id=tokens.public_id_for(receipt),
                envelope_tag=tokens.keyed_digest("envelope", envelope) if envelope else None,
            )
            BallotItem.objects.bulk_create(
                [
                    BallotItem(ballot=ballot, proposal_id=pid, value=value)
                    for pid, value in sorted(kept.items())
                ]
            )
            _use_way_in(voter, now)
            # Last before the commit: the audit log's chain head is one row that every ballot locks.
            record_event(*event)
    except _KeyTaken:
        replay = _replayed(key_digest, request_digest)
        if replay is None:
            raise VotingRefused(
                "busy", _("Your ballot could not be stored just now. Send it again.")
            ) from None
        return replay
    return Receipt(receipt=receipt, public_id=tokens.public_id_for(receipt), changed=changed)


def cast_first_ballot(
    ballot: ProgrammeBallot,
    area: Area,
    code_text: str,
    details: VoterDetails,
    choices: Mapping[int, int],
    *,
    idempotency_key: str,
    now: datetime | None = None,
) -> Receipt | None:
    """A resident's first online vote with a live code, in one database round trip, from the programme's
    ballot as this process keeps it (voting.ballot_cache). None, with nothing stored, for anything else
    (another area's code, a second vote, a repeat, a refusal of any kind): the caller then takes the full
    path, `admit_with_code` and `cast_ballot`, which stores the ballot or says why not."""
    now = now or timezone.now()
    programme = ballot.programme
    code = tokens.normalise(code_text, tokens.CODE_LENGTH)
    if not 1 <= len(idempotency_key) <= 200 or code is None or not first_ballot.available():
        return None
    if not can_vote(programme, Channel.ONLINE, now)[0]:
        return None
    eligibility = check_eligibility(
        programme,
        area,
        details,
        timezone.localdate(now),
        proposals=ballot.proposals[area.pk],
        postcode_lookup=ballot.postcode_lookup,
    )
    if not eligibility.eligible:
        return None
    voter = Voter(
        programme_id=programme.pk,
        area_id=area.pk,
        person_key=person_key(details),
        age_band=eligibility.age_band,
        connection=details.connection,
        way_in="code",
        member_of=details.member_of,
    )
    return _first_ballot(
        voter,
        choices,
        tokens.keyed_digest("submission", f"{programme.pk}:{idempotency_key}"),
        _request_digest(voter, choices, Channel.ONLINE, None),
        programme,
        area,
        now,
        ballot.proposals[area.pk],
        ballot.specs[area.pk],
        version=ballot.version,
        code_digest=tokens.code_digest(code),
    )


def _first_ballot(
    voter: Voter,
    choices: Mapping[int, int],
    key_digest: str,
    request_digest: str,
    programme: Programme,
    area: Area,
    now: datetime,
    proposals: list[Proposal] | None,
    spec: BallotSpec,
    *,
    version: int | None = None,
    code_digest: str | None = None,
) -> Receipt | None:
    """Store a first online ballot in one statement (voting.first_ballot), or None with nothing stored.
    With `code_digest` the code is looked up, and the voter's tries checked and counted, in that statement."""
    try:
        kept = kept_choices(programme, area, voter.member_of, choices, spec=spec, proposals=proposals)
    except VotingRefused:
        return None
    receipt = first_ballot.store(
        first_ballot.FirstBallot(
            programme_id=programme.pk,
            area_id=area.pk,
            area_code=area.code,
            person_key=voter.person_key,
            age_band=voter.age_band,
            connection=voter.connection,
            kind=spec.kind,
            key_digest=key_digest,
            request_digest=request_digest,
            choices=kept,
            actor_label=_voter_label(Channel.ONLINE),
            code_id=voter.way_in_id if voter.way_in == "code" else None,
            code_digest=code_digest,
            code_attempts_limit=MAX_CODE_ATTEMPTS,
            link_id=voter.way_in_id if voter.way_in == "link" else None,
            version=version,
            code_tries=code_tries(voter.person_key, now) if code_digest else None,
            cast_tries=cast_tries(voter.person_key, now) if code_digest else None,
        ),
        now,
    )
    if receipt is None:
        return None
    return Receipt(receipt=receipt, public_id=tokens.public_id_for(receipt), changed=False)


def _voter_label(channel: str) -> str:
    return _("voter (%(channel)s)") % {"channel": Channel(channel).label}


class _KeyTaken(Exception):
    """Another request with the same idempotency key is being stored at this moment."""


def _request_digest(voter: Voter, choices: Mapping[int, int], channel: str, change_of: int | None) -> str:
    """What was sent, so that a repeat can be told from another ballot under the same key. Keyed: without
    the voter key nobody can try persons and choices against it. (The keyed hash is taken of the SHA-256,
    so that digests stored before they were keyed could be keyed where they lay.)"""
    canonical = json.dumps(
        [voter.programme_id, voter.area_id, voter.person_key, channel, change_of, sorted(choices.items())]
    )
    return tokens.keyed_digest("request", hashlib.sha256(canonical.encode()).hexdigest())


def _replayed(key_digest: str, request_digest: str) -> Receipt | None:
    earlier = Submission.objects.filter(key_digest=key_digest).first()
    if earlier is None:
        return None
    if earlier.request_digest != request_digest:
        raise VotingRefused(
            "key_reused", _("This submission key was used for a different ballot. Start the ballot again.")
        )
    return Receipt(receipt=earlier.receipt, public_id=tokens.public_id_for(earlier.receipt), replayed=True)


def _record_participation(
    voter: Voter, programme: Programme, area: Area, channel: str, change_of: int | None, actor: Any
) -> tuple[bool, str | None, tuple[Any, str, Participation, dict[str, Any]]]:
    """Write the one-person-one-vote row. Returns whether an earlier ballot was replaced, the envelope
    that ties an online ballot to this row until voting closes, and the audit event for the caller to
    record in the same transaction (as late as it can: recording locks the audit chain's head). Refuses a
    second vote."""
    envelope = tokens.new_envelope() if channel == Channel.ONLINE else None
    who = actor or _voter_label(channel)
    existing = (
        Participation.objects.select_for_update()
        .filter(programme=programme, area=area, person_key=voter.person_key)
        .first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                participation = Participation.objects.create(
                    programme=programme,
                    area=area,
                    person_key=voter.person_key,
                    channel=channel,
                    first_channel=channel,
                    connection=voter.connection,
                    age_band=voter.age_band,
                    envelope=envelope,
                )
        except IntegrityError:
            existing = (
                Participation.objects.select_for_update()
                .filter(programme=programme, area=area, person_key=voter.person_key)
                .first()
            )
            if existing is None:
                raise VotingRefused(
                    "busy", _("Your ballot could not be stored just now. Send it again.")
                ) from None
        else:
            recorded = (who, "voting.vote_recorded", participation, {"area": area.code, "channel": channel})
            return False, envelope, recorded
    _replace_earlier(existing, programme, area, channel, change_of, envelope)
    return True, envelope, (who, "voting.vote_replaced", existing, {"area": area.code, "channel": channel})


def _replace_earlier(
    existing: Participation,
    programme: Programme,
    area: Area,
    channel: str,
    change_of: int | None,
    envelope: str | None,
) -> None:
    rules = voting_rules_for(programme)
    if channel == Channel.ONLINE:
        if existing.channel in IN_PERSON_CHANNELS:
            raise VotingRefused(
                "already_voted",
                _("You have already voted in person in %(area)s; that vote counts.") % {"area": area.name},
            )
        if change_of is None or not rules.allow_change:
            hint = _("You can change it with “Change my vote”.") if rules.allow_change else ""
            raise VotingRefused(
                "already_voted",
                _("You have already voted in %(area)s.") % {"area": area.name},
                *filter(None, [hint]),
            )
        updated = Participation.objects.filter(
            pk=existing.pk, channel=Channel.ONLINE, changes=change_of
        ).update(changes=change_of + 1, envelope=envelope)
        if not updated:
            raise VotingRefused(
                "changed_already",
                _(
                    "Your vote was changed from another window or device a moment ago. "
                    "Start again to change it."
                ),
            )
        status = BallotStatus.REPLACED
    else:
        if existing.channel in IN_PERSON_CHANNELS:
            raise VotingRefused(
                "already_voted",
                _("This person has already voted in person in %(area)s.") % {"area": area.name},
            )
        if rules.in_person_policy == InPersonPolicy.FIRST_WINS:
            raise VotingRefused(
                "already_voted",
                _(
                    "This person has already voted online in %(area)s; "
                    "in this programme the first vote counts."
                )
                % {"area": area.name},
            )
        updated = Participation.objects.filter(pk=existing.pk, channel=Channel.ONLINE).update(
            channel=channel, envelope=None
        )
        if not updated:
            raise VotingRefused("busy", _("This vote could not be stored just now. Send it again."))
        status = BallotStatus.OVERRIDDEN
    if existing.envelope:
        Ballot.objects.filter(
            envelope_tag=tokens.keyed_digest("envelope", existing.envelope), status=BallotStatus.COUNTED
        ).update(status=status, envelope_tag=None)


def _use_way_in(voter: Voter, now: datetime) -> None:
    """Mark the code or link used; a code already used by someone else refuses the whole ballot."""
    if voter.way_in == "code" and voter.way_in_id is not None:
        fresh = VotingCode.objects.filter(pk=voter.way_in_id, status=CodeStatus.UNUSED).update(
            status=CodeStatus.USED, person_key=voter.person_key, used_at=now
        )
        if (
            not fresh
            and not VotingCode.objects.filter(
                pk=voter.way_in_id, status=CodeStatus.USED, person_key=voter.person_key
            ).exists()
        ):
            raise VotingRefused("code_used", _("This code has been used already."))
    elif (
        voter.way_in == "link"
        and voter.way_in_id is not None
        and not EmailLink.objects.filter(pk=voter.way_in_id, used_at__isnull=True).update(used_at=now)
    ):
        raise VotingRefused(
            "link_used", _("This voting link has been used. Ask for a new one to change your vote.")
        )


# Paper ballots ------------------------------------------------------------------------------------------


def record_paper_participation(voter: Voter, actor: Any, now: datetime | None = None) -> bool:
    """A numbered paper handed to a checked-in voter: they have taken part now (an online vote is replaced
    or the paper refused, as the programme says). The paper's choices are stored later, when keyed, with
    nothing that joins them to this row. Returns whether an online vote was replaced."""
    programme = Programme.objects.get(pk=voter.programme_id)
    open_, why = can_vote(programme, Channel.PAPER, now)
    if not open_:
        raise VotingRefused("voting_closed", why)
    area = Area.objects.get(pk=voter.area_id)
    with transaction.atomic():
        replaced, _envelope, event = _record_participation(voter, programme, area, Channel.PAPER, None, actor)
        record_event(*event)
    return replaced


def kept_choices(
    programme: Programme,
    area: Area,
    member_of: frozenset[int],
    choices: Mapping[int, int],
    *,
    spec: BallotSpec | None = None,
    proposals: list[Proposal] | None = None,
) -> dict[int, int]:
    """The choices as they count for a member of these groups: a score for their own group's project is
    left out when the programme says so, then the ballot's rules are checked (refused if broken).
    `spec` and `proposals` (the area's ballot proposals), when the caller has them, save reading them."""
    if proposals is None:
        proposals = ballot_proposals(programme, area)
    left_out = {p.pk for p in left_out_proposals(programme, area, member_of, proposals)}
    return check_choices(
        spec or ballot_spec(programme, area),
        projects_for(programme, area, member_of, proposals),
        {pid: value for pid, value in choices.items() if pid not in left_out},
    )


def store_paper_ballot(
    programme: Programme, area: Area, choices: Mapping[int, int], *, member_of: frozenset[int] = frozenset()
) -> Ballot:
    """A keyed and agreed paper ballot, stored like any other ballot: an id, no time, no voter.
    `member_of`: the groups whose projects were struck out on the paper (the voter's own)."""
    spec = ballot_spec(programme, area)
    kept = kept_choices(programme, area, member_of, choices)
    with transaction.atomic():
        ballot = Ballot.objects.create(
            programme=programme,
            area=area,
            kind=spec.kind,
            public_id=tokens.public_id_for(tokens.new_receipt()),
        )
        BallotItem.objects.bulk_create(
            [BallotItem(ballot=ballot, proposal_id=pid, value=value) for pid, value in sorted(kept.items())]
        )
    return ballot


# Closing ------------------------------------------------------------------------------------------------

#: What the voting pages keep in a voter's browser session: the admission, the choices on their way to the
#: ballot box, the submission key and, after casting, the receipt.
VOTER_SESSION_KEYS = ("voter", "pending", "submission_key", "change_of", "voter_link")
RECEIPT_SESSION_KEY = "receipt"
CODE_SESSION_KEY = "vote_code"


def seal_ballots(actor: Any, programme: Programme, now: datetime | None = None) -> int:
    """When voting has closed, erase everything that joins a voter to a ballot; returns how many online
    participations had an envelope.

    Erased: the envelopes and their tags; the submission rows (a receipt beside a keyed hash of the person
    and the choices); the ballots that no longer count (a replaced or overridden ballot, beside the audit
    log's "vote replaced" events, would point to the one voter who changed); and what voters' browser
    sessions still hold of their vote. The programme's ballots are then written again in the order of
    their random public ids, so that not even the order rows lie in on disk follows the order votes came
    in. A second call finds nothing to erase and changes nothing.
    """
    over, why = voting_is_over(programme, now)
    if not over:
        raise VotingRefused("voting_open", why)
    with transaction.atomic():
        envelopes = Participation.objects.select_for_update().filter(
            programme=programme, envelope__isnull=False
        )
        uncounted = Ballot.objects.filter(programme=programme).exclude(status=BallotStatus.COUNTED)
        submissions = Submission.objects.filter(programme=programme)
        tagged = Ballot.objects.filter(programme=programme, envelope_tag__isnull=False)
        if not (envelopes.exists() or uncounted.exists() or submissions.exists() or tagged.exists()):
            return 0
        sealed = envelopes.update(envelope=None)
        tagged.update(envelope_tag=None)
        erased_submissions, _by_model = submissions.delete()
        _deleted, by_model = uncounted.delete()
        erased_ballots = by_model.get(Ballot._meta.label, 0)
        _rewrite_in_random_order(programme)
        _forget_sessions_of(programme)
        record_event(
            actor,
            "voting.ballots_sealed",
            programme,
            {
                "participations": sealed,
                "uncounted_ballots": erased_ballots,
                "submissions": erased_submissions,
            },
        )
    return sealed


REWRITE_BATCH = 500


def _rewrite_in_random_order(programme: Programme) -> None:
    """Delete the programme's ballots and write them back sorted by public id (a hash of a random receipt).

    Rows keep their ids; a paper ballot's reference to its ballot holds, the database checking it at the
    end of the transaction. Only the ballots read (and locked) here are rewritten: a paper keyed at this
    moment is left as it is."""
    ballots = list(Ballot.objects.select_for_update().filter(programme=programme).order_by("public_id"))
    ids = [ballot.pk for ballot in ballots]
    items = list(BallotItem.objects.filter(ballot_id__in=ids).order_by("ballot__public_id", "proposal_id"))
    BallotItem.objects.filter(ballot_id__in=ids).delete()
    table = connection.ops.quote_name(Ballot._meta.db_table)
    column = connection.ops.quote_name(Ballot._meta.pk.column)
    with connection.cursor() as cursor:  # a paper ballot protects its ballot from a delete through the ORM
        for start in range(0, len(ids), REWRITE_BATCH):
            batch = [
                Ballot._meta.pk.get_db_prep_value(pk, connection) for pk in ids[start : start + REWRITE_BATCH]
            ]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", batch)  # noqa: S608
    Ballot.objects.bulk_create(ballots, batch_size=REWRITE_BATCH)
    BallotItem.objects.bulk_create(
        [BallotItem(ballot_id=i.ballot_id, proposal_id=i.proposal_id, value=i.value) for i in items],
        batch_size=REWRITE_BATCH,
    )


def _forget_sessions_of(programme: Programme) -> None:
    """Take this programme's vote out of every stored browser session (a session abandoned before the
    ballot box holds an admitted voter beside the choices of the vote they were changing). A session keeps
    its expiry; a copy in a session cache is dropped."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):  # sessions kept in cookies or a cache only
        return
    codec = store_class()
    model = store_class.get_model_class()
    rows = model.objects.values_list("session_key", "session_data")
    for session_key, session_data in rows.iterator():
        data = codec.decode(session_data)
        kept = _without_vote_in(data, programme.pk)
        if kept != data:
            model.objects.filter(session_key=session_key).update(session_data=codec.encode(kept))
            if hasattr(store_class, "cache_key_prefix"):
                caches[settings.SESSION_CACHE_ALIAS].delete(store_class.cache_key_prefix + session_key)


def _without_vote_in(data: dict[str, Any], programme_id: int) -> dict[str, Any]:
    def of_programme(key: str, field: str) -> bool:
        value = data.get(key)
        return isinstance(value, dict) and value.get(field) == programme_id

    dropped: set[str] = set()
    if of_programme("voter", "programme_id"):
        dropped.update(VOTER_SESSION_KEYS)
    if of_programme(RECEIPT_SESSION_KEY, "programme"):
        dropped.add(RECEIPT_SESSION_KEY)
    if of_programme(CODE_SESSION_KEY, "programme"):
        dropped.add(CODE_SESSION_KEY)
    return {key: value for key, value in data.items() if key not in dropped}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
