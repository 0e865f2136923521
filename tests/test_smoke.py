from django.test import Client


def test_the_home_page_is_in_vietnamese(db: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
