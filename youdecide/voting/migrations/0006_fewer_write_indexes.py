"""Fewer indexes for every ballot to update: unique digests, keys and public ids become unique constraints
(on PostgreSQL unique=True added a second, LIKE index to each, which nothing uses), and the foreign keys whose
index is the first column of a composite one (a ballot's programme, a choice's ballot, a participation's
programme) lose their own. Every uniqueness stays, under a named constraint."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0005_councillor_wards"),
        ("programmes", "0003_counting_rule"),
        ("voting", "0005_first_online_ballot_function"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ballot",
            name="envelope_tag",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="programme",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ballots",
                to="programmes.programme",
            ),
        ),
        migrations.AlterField(
            model_name="ballot",
            name="public_id",
            field=models.CharField(max_length=20),
        ),
        migrations.AlterField(
            model_name="ballotitem",
            name="ballot",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="items",
                to="voting.ballot",
            ),
        ),
        migrations.AlterField(
            model_name="participation",
            name="programme",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participations",
                to="programmes.programme",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="key_digest",
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name="throttle",
            name="key",
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name="votingcode",
            name="digest",
            field=models.CharField(max_length=64),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(fields=("public_id",), name="ballot_public_id_unique"),
        ),
        migrations.AddConstraint(
            model_name="ballot",
            constraint=models.UniqueConstraint(fields=("envelope_tag",), name="ballot_envelope_tag_unique"),
        ),
        migrations.AddConstraint(
            model_name="submission",
            constraint=models.UniqueConstraint(fields=("key_digest",), name="submission_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="throttle",
            constraint=models.UniqueConstraint(fields=("key",), name="throttle_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="votingcode",
            constraint=models.UniqueConstraint(fields=("digest",), name="voting_code_digest_unique"),
        ),
    ]
