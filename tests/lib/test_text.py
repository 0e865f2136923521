import unicodedata

from portal.lib.text import fold, nfc


def test_folding_drops_accents_case_and_punctuation() -> None:
    assert fold("Phường Bến Thành") == "phuong ben thanh"
    assert fold("  ĐOÀN   xã Bình-Chánh ") == "doan xa binh chanh"


def test_decomposed_and_composed_text_fold_alike() -> None:
    composed = "Mái ấm Hoa Hồng"
    decomposed = unicodedata.normalize("NFD", composed)

    assert fold(decomposed) == fold(composed) == "mai am hoa hong"
    assert nfc(decomposed) == composed
