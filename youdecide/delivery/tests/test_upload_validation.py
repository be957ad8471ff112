"""Photos sent with a return: JPEG or PNG by their content, at most 5 MB, six a return, described."""

from __future__ import annotations

import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from youdecide.delivery.models import Grant, ReturnPhoto
from youdecide.delivery.tests.conftest import Funded, accept_and_pay, image_bytes


def _post(
    client: Client, grant: Grant, name: str, content: bytes, alt: str = "Walkers on the canal path"
) -> str:
    response = client.post(
        f"/grants/{grant.pk}/returns/1/photos/",
        {"photo-photo": SimpleUploadedFile(name, content), "photo-alt_text": alt},
    )
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def signed_in(client: Client, grant: Grant, funded: Funded) -> Client:
    accept_and_pay(grant, funded)
    client.force_login(funded.member)
    return client


@pytest.mark.django_db
def test_a_png_is_added_and_shown_to_the_group(signed_in: Client, grant: Grant) -> None:
    response = signed_in.post(
        f"/grants/{grant.pk}/returns/1/photos/",
        {"photo-photo": SimpleUploadedFile("walk.png", image_bytes("PNG")), "photo-alt_text": "Ten walkers"},
    )
    assert response.status_code == 302
    photo = ReturnPhoto.objects.get()
    assert (photo.content_type, photo.width, photo.height, photo.alt_text) == (
        "image/png",
        40,
        30,
        "Ten walkers",
    )
    page = signed_in.get(f"/grants/{grant.pk}/returns/1/").content.decode()
    assert f'src="/photos/{photo.pk}/" alt="Ten walkers"' in page
    served = signed_in.get(f"/photos/{photo.pk}/")
    assert served["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(served.getvalue())) as kept:
        assert (kept.format, kept.size) == ("PNG", (40, 30))


@pytest.mark.django_db
def test_text_named_png_is_refused(signed_in: Client, grant: Grant) -> None:
    page = _post(signed_in, grant, "walk.png", b"this is not a picture at all\n" * 10)
    assert "walk.png is not a JPEG or PNG image: choose a photo." in page
    assert 'class="error-summary"' in page
    assert not ReturnPhoto.objects.exists()


@pytest.mark.django_db
def test_a_gif_is_refused(signed_in: Client, grant: Grant) -> None:
    page = _post(signed_in, grant, "walk.jpg", image_bytes("GIF"))
    assert "walk.jpg is a GIF image: only JPEG and PNG photos can be added." in page
    assert not ReturnPhoto.objects.exists()


@pytest.mark.django_db
def test_a_six_megabyte_photo_is_refused(signed_in: Client, grant: Grant) -> None:
    big = image_bytes("PNG") + b"\0" * (6 * 1024 * 1024)
    page = _post(signed_in, grant, "big.png", big)
    assert "big.png is 6.0 MB: a photo can be at most 5 MB." in page
    assert not ReturnPhoto.objects.exists()


@pytest.mark.django_db
def test_a_seventh_photo_is_refused(signed_in: Client, grant: Grant) -> None:
    for number in range(6):
        _post(signed_in, grant, f"p{number}.jpg", image_bytes("JPEG"), alt=f"Photo {number}")
    assert ReturnPhoto.objects.count() == 6
    page = _post(signed_in, grant, "p7.jpg", image_bytes("JPEG"))
    assert "A return can have at most 6 photos: remove one before adding another." in page
    assert ReturnPhoto.objects.count() == 6


@pytest.mark.django_db
def test_a_photo_needs_a_description(signed_in: Client, grant: Grant) -> None:
    page = _post(signed_in, grant, "walk.png", image_bytes("PNG"), alt="")
    assert "Describe the photo for people who cannot see it." in page
    assert not ReturnPhoto.objects.exists()


@pytest.mark.django_db
def test_camera_data_is_removed_and_the_photo_turned_upright(signed_in: Client, grant: Grant) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90 degrees to show
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="JPEG", exif=exif)
    _post(signed_in, grant, "phone.jpg", buffer.getvalue())
    photo = ReturnPhoto.objects.get()
    with photo.image.open("rb") as stored, Image.open(stored) as kept:
        assert kept.format == "JPEG" and kept.size == (30, 40) and dict(kept.getexif()) == {}
    assert (photo.width, photo.height) == (30, 40)


@pytest.mark.django_db
def test_a_photo_of_too_many_pixels_is_refused(signed_in: Client, grant: Grant) -> None:
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")
    page = _post(signed_in, grant, "huge.png", buffer.getvalue())
    assert "huge.png is 8000 by 6000 pixels: a photo can have at most 40 megapixels." in page
    assert not ReturnPhoto.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_removed_photo_leaves_no_file(signed_in: Client, grant: Grant) -> None:
    _post(signed_in, grant, "walk.png", image_bytes("PNG"))
    photo = ReturnPhoto.objects.get()
    stored = photo.image.path
    response = signed_in.post(f"/grants/{grant.pk}/returns/1/photos/{photo.pk}/remove/")
    assert response.status_code == 302
    assert not ReturnPhoto.objects.exists()
    assert not os.path.exists(stored)
