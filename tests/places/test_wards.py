from django.test import Client

from portal.places.models import HCMC_CODE, Ward


def test_the_city_has_its_168_official_wards(db: None) -> None:
    wards = Ward.objects.in_city()

    assert wards.count() == 168
    assert wards.filter(kind=Ward.Kind.WARD).count() == 113
    assert wards.filter(kind=Ward.Kind.COMMUNE).count() == 54
    assert list(
        wards.filter(kind=Ward.Kind.SPECIAL_ZONE).values_list("name", flat=True)
    ) == ["Đặc khu Côn Đảo"]


def test_a_ward_is_found_without_accents_or_its_kind(db: None) -> None:
    assert [w.name for w in Ward.objects.in_city().search("ben thanh")] == [
        "Phường Bến Thành"
    ]
    assert [w.name for w in Ward.objects.in_city().search("P. BẾN THÀNH")] == [
        "Phường Bến Thành"
    ]


def test_the_ward_page_and_api_search_without_accents(db: None, client: Client) -> None:
    page = client.get("/phuong-xa/", {"q": "ben thanh"})
    api = client.get("/api/v1/wards/", {"search": "ben thanh"}).json()

    assert "Phường Bến Thành" in page.content.decode()
    assert [row["name"] for row in api["results"]] == ["Phường Bến Thành"]
    assert api["results"][0]["province"] == HCMC_CODE


def test_an_unknown_ward_code_is_not_found(db: None, client: Client) -> None:
    assert client.get("/api/v1/wards/999999/").status_code == 404
