"""PostgreSQL: the function that stores a first online ballot in one round trip (youdecide.voting.first_ballot).

It writes what `cast_ballot` writes for a resident's first online vote (the submission, the participation,
the ballot and its choices, the code or link marked used and the audit event, chained), in the caller's
statement, and refuses with SQLSTATE YD001 and nothing written whenever anything is not the plain first
vote: the app then takes the full path, which gives the resident the reason. On SQLite it is not made.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION youdecide_first_online_ballot(
    p_version bigint,
    p_now timestamptz,
    p_programme bigint,
    p_area bigint,
    p_code_id bigint,
    p_code_digest text,
    p_link_id bigint,
    p_code_attempts_limit integer,
    p_person_key text,
    p_age_band text,
    p_connection text,
    p_code_tries_key text,
    p_code_tries_since timestamptz,
    p_code_tries_limit integer,
    p_cast_key text,
    p_cast_since timestamptz,
    p_cast_limit integer,
    p_submission uuid,
    p_key_digest text,
    p_request_digest text,
    p_receipt text,
    p_envelope text,
    p_ballot uuid,
    p_kind text,
    p_public_id text,
    p_envelope_tag text,
    p_item_ids uuid[],
    p_item_proposals bigint[],
    p_item_values integer[],
    p_actor_label text,
    p_action text,
    p_object_type text,
    p_data jsonb,
    p_canonical text[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_code bigint;
    v_count bigint;
    v_participation bigint;
    v_sequence bigint;
    v_previous text;
    v_digest text;
BEGIN
    -- What the app read the ballot from is still what public pages show (proposals, rules, phases, pots),
    -- and online voting is open now.
    IF (p_version IS NOT NULL AND COALESCE((SELECT number FROM web_pageversion WHERE id = 1), 0) <> p_version)
       OR NOT EXISTS (
        SELECT 1 FROM programmes_phase ph JOIN programmes_programme pr ON pr.id = ph.programme_id
        WHERE ph.programme_id = p_programme AND pr.is_published AND ph.kind = 'online_voting'
          AND LEAST(COALESCE(ph.opened_at, ph.starts_at), ph.starts_at) <= p_now
          AND p_now < LEAST(COALESCE(ph.closed_at, ph.ends_at), ph.ends_at)
    ) THEN
        RAISE EXCEPTION 'stale or closed' USING ERRCODE = 'YD001';
    END IF;
    IF p_code_tries_key IS NOT NULL AND EXISTS (
        SELECT 1 FROM voting_throttle
        WHERE key = p_code_tries_key AND window_started_at > p_code_tries_since AND count >= p_code_tries_limit
    ) THEN
        RAISE EXCEPTION 'code tries' USING ERRCODE = 'YD001';
    END IF;
    IF p_cast_key IS NOT NULL THEN
        INSERT INTO voting_throttle (key, window_started_at, count) VALUES (p_cast_key, p_now, 1)
        ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN voting_throttle.window_started_at <= p_cast_since THEN 1
                         ELSE voting_throttle.count + 1 END,
            window_started_at = CASE WHEN voting_throttle.window_started_at <= p_cast_since
                                     THEN excluded.window_started_at ELSE voting_throttle.window_started_at END
        RETURNING count INTO v_count;
        IF v_count > p_cast_limit THEN
            RAISE EXCEPTION 'cast rate' USING ERRCODE = 'YD001';
        END IF;
    END IF;
    -- The way in: a live code of this programme area, or an unused link.
    IF p_link_id IS NOT NULL THEN
        UPDATE voting_emaillink SET used_at = p_now
        WHERE id = p_link_id AND used_at IS NULL AND programme_id = p_programme AND area_id = p_area
          AND expires_at > p_now;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'link' USING ERRCODE = 'YD001';
        END IF;
    ELSE
        -- By the code's id (a voter the app let in) or its digest (looked up here), each by its index.
        IF p_code_id IS NOT NULL THEN
            UPDATE voting_votingcode c SET status = 'used', person_key = p_person_key, used_at = p_now
            FROM voting_codebatch b
            WHERE c.id = p_code_id AND b.id = c.batch_id AND b.programme_id = p_programme AND b.area_id = p_area
              AND c.status = 'unused'
            RETURNING c.id INTO v_code;
        ELSE
            UPDATE voting_votingcode c SET status = 'used', person_key = p_person_key, used_at = p_now
            FROM voting_codebatch b
            WHERE c.digest = p_code_digest AND b.id = c.batch_id AND b.programme_id = p_programme
              AND b.area_id = p_area AND c.status = 'unused' AND c.failed_attempts < p_code_attempts_limit
            RETURNING c.id INTO v_code;
        END IF;
        IF v_code IS NULL THEN
            RAISE EXCEPTION 'code' USING ERRCODE = 'YD001';
        END IF;
    END IF;
    -- A repeated key or a second vote breaks a unique constraint: nothing is kept, the full path answers.
    INSERT INTO voting_submission (id, key_digest, request_digest, receipt, programme_id)
    VALUES (p_submission, p_key_digest, p_request_digest, p_receipt, p_programme);
    INSERT INTO voting_participation (
        programme_id, area_id, person_key, channel, connection, age_band, first_channel, changes, envelope,
        created_at
    ) VALUES (
        p_programme, p_area, p_person_key, 'online', p_connection, p_age_band, 'online', 0, p_envelope, p_now
    ) RETURNING id INTO v_participation;
    INSERT INTO voting_ballot (id, programme_id, area_id, kind, public_id, status, envelope_tag)
    VALUES (p_ballot, p_programme, p_area, p_kind, p_public_id, 'counted', p_envelope_tag);
    INSERT INTO voting_ballotitem (id, ballot_id, proposal_id, value)
    SELECT t.id, p_ballot, t.proposal_id, t.value
    FROM unnest(p_item_ids, p_item_proposals, p_item_values) AS t(id, proposal_id, value);
    -- Last: the audit chain's head is one row that every ballot locks until its commit.
    SELECT sequence, digest INTO v_sequence, v_previous FROM audit_auditchainhead WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no chain head' USING ERRCODE = 'YD001';
    END IF;
    v_sequence := v_sequence + 1;
    -- p_canonical is the event's canonical JSON cut where the previous digest, the sequence and the
    -- object id go (youdecide.audit.services.canonical_pieces).
    v_digest := encode(sha256(convert_to(
        p_canonical[1] || v_previous || p_canonical[2] || v_sequence::text || p_canonical[3]
        || v_participation::text || p_canonical[4], 'UTF8')), 'hex');
    INSERT INTO audit_auditevent (
        sequence, occurred_at, actor_id, actor_label, action, object_type, object_id, data, previous_digest,
        digest
    ) VALUES (
        v_sequence, p_now, NULL, p_actor_label, p_action, p_object_type, v_participation::text, p_data,
        v_previous, v_digest
    );
    UPDATE audit_auditchainhead SET sequence = v_sequence, digest = v_digest WHERE id = 1;
    RETURN v_participation;
END;
$$;
"""

DROP = "DROP FUNCTION IF EXISTS youdecide_first_online_ballot"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0004_keyed_submission_digests"),
        ("audit", "0001_initial"),
        ("web", "0001_page_version"),
        ("programmes", "0003_counting_rule"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
