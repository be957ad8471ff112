"""Readiness from the governance checklist, its documents (checked by content, seen only by the group
and officers) and officers' checks."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from conftest import Setting
from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.groups import services
from youdecide.groups.models import GovernanceCheck, GovernanceDocument, GovernanceItem, GovernanceStatus
from youdecide.groups.selectors import group_readiness

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 90, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def set_status(setting: Setting, item: str, status: str) -> None:
    GovernanceCheck.objects.filter(group=setting.group, item=item).update(status=status)


def test_a_new_group_needs_support_with_every_item_missing(setting: Setting) -> None:
    readiness = group_readiness(setting.group)
    assert not readiness.ready
    assert readiness.label == "Support needed"
    assert [item for item, _need in readiness.missing] == [label for _v, label in GovernanceItem.choices]
    assert all(need.startswith("not yet provided") for _item, need in readiness.missing)


def test_readiness_says_what_each_item_still_needs(setting: Setting) -> None:
    set_status(setting, "constitution", GovernanceStatus.VERIFIED)
    set_status(setting, "equality", GovernanceStatus.NOT_APPLICABLE)
    set_status(setting, "insurance", GovernanceStatus.PROVIDED)
    services.add_governance_document(
        setting.lead, setting.group, item="safeguarding", upload=SimpleUploadedFile("policy.pdf", PDF)
    )
    readiness = group_readiness(setting.group)
    assert not readiness.ready
    assert readiness.missing == [
        (
            "Bank account with two unrelated signatories",
            "not yet provided: upload the document or mark it provided",
        ),
        ("Safeguarding policy", "provided, waiting for the council to check it"),
        ("Public liability insurance", "marked provided but no document is uploaded yet"),
    ]


def test_ready_to_apply_once_every_item_is_checked_or_does_not_apply(setting: Setting) -> None:
    for item in GovernanceItem.values:
        services.update_governance_check(setting.officer, setting.group, item=item, status="verified")
    services.update_governance_check(setting.officer, setting.group, item="equality", status="not_applicable")
    readiness = group_readiness(setting.group)
    assert readiness.ready and readiness.missing == []
    check = GovernanceCheck.objects.get(group=setting.group, item="constitution")
    assert check.verified_by == setting.officer and check.verified_at is not None
    assert GovernanceCheck.objects.get(group=setting.group, item="equality").verified_by is None


def test_the_group_page_shows_readiness_and_who_checked(client: Any, setting: Setting) -> None:
    services.update_governance_check(setting.officer, setting.group, item="constitution", status="verified")
    client.force_login(setting.lead)
    page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert "Support needed" in page
    assert "Still needed before the group is ready to apply:" in page
    assert "Bank account with two unrelated signatories</strong>: not yet provided" in page
    assert f"By {escape(str(setting.officer))} on" in page
    dashboard = client.get(reverse("groups:dashboard")).content.decode()
    assert "Support needed" in dashboard


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("constitution.pdf", PDF, "application/pdf"),
        (
            "rules.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("certificate.png", png_bytes(), "image/png"),
        ("named-wrongly.txt", PDF, "application/pdf"),
    ],
)
def test_accepted_documents_are_judged_by_content(
    setting: Setting, name: str, content: bytes, content_type: str
) -> None:
    document = services.add_governance_document(
        setting.lead, setting.group, item="constitution", upload=SimpleUploadedFile(name, content)
    )
    document.refresh_from_db()
    assert document.content_type == content_type
    assert document.original_name == name
    check = GovernanceCheck.objects.get(group=setting.group, item="constitution")
    assert check.status == GovernanceStatus.PROVIDED
    assert AuditEvent.objects.filter(action="group.governance_document_added").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "policy.pdf",
            b"MZ\x90\x00 this is a program",
            "policy.pdf is not a PDF, Word (DOCX), JPEG or PNG file",
        ),
        ("policy.pdf", b"%PDF-1.4 cut short", "policy.pdf is not a complete PDF"),
        ("policy.docx", docx_bytes({"word/vbaProject.bin": b"macro"}), "policy.docx contains macros"),
        ("policy.docx", b"PK\x03\x04 not really a zip", "policy.docx is not a PDF, Word (DOCX), JPEG or PNG"),
        ("big.pdf", PDF + b" " * (10 * 1024 * 1024), "big.pdf is 10.0 MB: a document can be at most 10 MB."),
        ("photo.png", b"\x89PNG\r\n\x1a\nbroken", "photo.png is not a JPEG or PNG image"),
    ],
)
def test_refused_documents_say_why(setting: Setting, name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_governance_document(
            setting.lead, setting.group, item="constitution", upload=SimpleUploadedFile(name, content)
        )
    assert message in refused.value.message_dict["document"][0]
    assert not GovernanceDocument.objects.exists()
    assert GovernanceCheck.objects.get(group=setting.group, item="constitution").status == "missing"


def test_a_new_document_for_a_checked_item_needs_checking_again(setting: Setting) -> None:
    services.update_governance_check(setting.officer, setting.group, item="insurance", status="verified")
    services.add_governance_document(
        setting.lead, setting.group, item="insurance", upload=SimpleUploadedFile("renewed.pdf", PDF)
    )
    check = GovernanceCheck.objects.get(group=setting.group, item="insurance")
    assert check.status == GovernanceStatus.PROVIDED and check.verified_by is None


def test_upload_page_shows_the_error_where_the_file_was_chosen(client: Any, setting: Setting) -> None:
    client.force_login(setting.lead)
    response = client.post(
        reverse("groups:add_document", args=[setting.group.slug]),
        {"item": "constitution", "document": SimpleUploadedFile("notes.pdf", b"plain text")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "notes.pdf is not a PDF, Word (DOCX), JPEG or PNG file" in page


def test_documents_are_served_only_to_members_and_officers(client: Any, setting: Setting) -> None:
    client.force_login(setting.lead)
    client.post(
        reverse("groups:add_document", args=[setting.group.slug]),
        {"item": "constitution", "document": SimpleUploadedFile("constitution.pdf", PDF)},
    )
    document = GovernanceDocument.objects.get()
    url = reverse("groups:document", args=[setting.group.slug, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(setting.officer)
    assert client.get(url).status_code == 200
    client.force_login(factories.UserFactory.create())
    assert client.get(url).status_code == 404
    other = factories.CommunityGroupFactory.create()
    client.force_login(factories.member(other))
    assert client.get(reverse("groups:document", args=[other.slug, document.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
