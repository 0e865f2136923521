import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from portal.activities.models import Activity
from portal.activities.validators import MAX_PHOTO_BYTES

pytestmark = pytest.mark.django_db


def _image(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, kind)
    return buffer.getvalue()


def _upload(client: Client, activity: Activity, name: str, content: bytes) -> Any:
    return client.post(
        f"/hoat-dong/{activity.pk}/sua/",
        {"image": SimpleUploadedFile(name, content), "caption": "Ảnh"},
    )


def test_an_organiser_adds_a_photo(
    activity: Activity, team_manager: Any, settings: Any, tmp_path: Any
):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(team_manager)

    answer = _upload(client, activity, "anh.png", _image())

    assert answer.status_code == 302
    assert activity.photos.count() == 1


def test_a_file_that_is_not_an_image_is_refused(activity: Activity, team_manager: Any):
    client = Client()
    client.force_login(team_manager)

    answer = _upload(client, activity, "anh.png", b"not an image at all")

    assert answer.status_code == 200
    assert answer.context["photo_form"].errors["image"]
    assert activity.photos.count() == 0


def test_a_gif_is_refused(activity: Activity, team_manager: Any):
    client = Client()
    client.force_login(team_manager)

    answer = _upload(client, activity, "anh.gif", _image("GIF"))

    assert "JPEG" in str(answer.context["photo_form"].errors["image"])
    assert activity.photos.count() == 0


def test_a_photo_over_the_size_limit_is_refused(activity: Activity, team_manager: Any):
    client = Client()
    client.force_login(team_manager)
    content = _image() + b"\0" * MAX_PHOTO_BYTES

    answer = _upload(client, activity, "anh.png", content)

    assert answer.context["photo_form"].errors["image"]
    assert activity.photos.count() == 0
