from typing import Any

import pytest

from portal.units.errors import UnitCodeTaken, UnitCycle, UnitOutsideScope
from portal.units.models import Unit
from portal.units.services import create_unit, update_unit


def test_a_new_branch_is_seen_by_the_officers_above_it(officer: Any) -> None:
    parent = Unit.objects.get(code="cd-kp1-ben-thanh")

    branch = create_unit(
        by=officer, code="to-1", name="Tổ 1", kind="branch", parent=parent
    )

    assert branch.path == f"{parent.path}{branch.pk}/"
    assert branch.depth == parent.depth + 1
    assert Unit.objects.subtree_of(["/"]).filter(pk=branch.pk).exists()


def test_an_officer_cannot_add_a_branch_beside_their_unit(officer: Any) -> None:
    outside = Unit.objects.get(code="doan-p-sai-gon")

    with pytest.raises(UnitOutsideScope):
        create_unit(by=officer, code="x", name="X", kind="branch", parent=outside)

    assert not Unit.objects.filter(code="x").exists()


def test_a_unit_code_is_used_once(coordinator: Any) -> None:
    root = Unit.objects.get(code="thanh-doan")

    with pytest.raises(UnitCodeTaken):
        create_unit(
            by=coordinator, code="doan-p-sai-gon", name="X", kind="ward", parent=root
        )


def test_moving_a_unit_moves_its_whole_branch(coordinator: Any) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    new_parent = Unit.objects.get(code="doan-p-sai-gon")

    update_unit(by=coordinator, unit=unit, parent=new_parent)

    branch = Unit.objects.get(code="cd-kp2-ben-thanh")
    assert branch.path.startswith(new_parent.path)
    assert branch.depth == 3
    assert set(
        Unit.objects.filter(path__startswith=new_parent.path).values_list(
            "code", flat=True
        )
    ) == {"doan-p-sai-gon", "doan-p-ben-thanh", "cd-kp1-ben-thanh", "cd-kp2-ben-thanh"}


def test_a_unit_cannot_move_under_its_own_branch(coordinator: Any) -> None:
    unit = Unit.objects.get(code="doan-p-ben-thanh")
    branch = Unit.objects.get(code="cd-kp1-ben-thanh")

    with pytest.raises(UnitCycle):
        update_unit(by=coordinator, unit=unit, parent=branch)

    unit.refresh_from_db()
    assert unit.parent.code == "thanh-doan"


def test_every_change_to_a_unit_is_kept_with_who_made_it(
    coordinator: Any, client: Any
) -> None:
    client.force_login(coordinator)
    unit = Unit.objects.get(code="doan-p-sai-gon")

    response = client.post(
        f"/don-vi/{unit.code}/sua/",
        {"code": unit.code, "name": "Đoàn phường Sài Gòn (mới)", "kind": "ward"},
    )

    assert response.status_code == 302
    latest = unit.history.first()
    assert latest.name == "Đoàn phường Sài Gòn (mới)"
    assert latest.history_user == coordinator
    history_page = client.get(f"/don-vi/{unit.code}/lich-su/").content.decode()
    assert "Đoàn phường Sài Gòn (mới)" in history_page
    assert coordinator.full_name in history_page


def test_a_bad_phone_on_a_unit_is_refused_by_name(officer: Any, client: Any) -> None:
    client.force_login(officer)

    response = client.post(
        "/don-vi/doan-p-ben-thanh/sua/",
        {
            "code": "doan-p-ben-thanh",
            "name": "Đoàn phường Bến Thành",
            "kind": "ward",
            "phone": "12345",
        },
    )

    assert response.status_code == 200
    assert 'data-field="phone"' in response.content.decode()
    assert Unit.objects.get(code="doan-p-ben-thanh").phone == ""
