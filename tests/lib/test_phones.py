import pytest

from portal.lib.phones import InvalidPhone, mask_phone, normalize_phone


@pytest.mark.parametrize(
    ("written", "national"),
    [
        ("0908.123.456", "0908123456"),
        ("0908 123 456", "0908123456"),
        ("+84 908123456", "0908123456"),
        ("84908123456", "0908123456"),
        ("(028) 3822 1234", "02838221234"),
        ("01682345678", "0382345678"),
        ("0123 456 7890", "0834567890"),
        ("0199-123-4567", "0591234567"),
    ],
)
def test_it_writes_every_common_form_in_the_national_form(
    written: str, national: str
) -> None:
    assert normalize_phone(written) == national


@pytest.mark.parametrize(
    "written", ["12345", "0908abc456", "+1 415 555 0100", "0108123456", ""]
)
def test_it_refuses_what_is_not_a_vietnamese_number(written: str) -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone(written)


def test_a_masked_number_keeps_only_its_last_three_digits() -> None:
    assert mask_phone("0908123456") == "*******456"
