"""A submission's request digest becomes a keyed hash (HMAC under VOTER_KEY) of the SHA-256 it was."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac


def key_request_digests(apps, schema_editor):
    Submission = apps.get_model("voting", "Submission")
    for pk, digest in Submission.objects.values_list("pk", "request_digest").iterator():
        keyed = salted_hmac(
            "youdecide.voting.request", digest, secret=settings.VOTER_KEY, algorithm="sha256"
        ).hexdigest()
        Submission.objects.filter(pk=pk).update(request_digest=keyed)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0003_random_ballot_choice_ids"),
    ]

    operations = [
        migrations.RunPython(key_request_digests, migrations.RunPython.noop, elidable=False),
    ]
