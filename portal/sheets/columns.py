"""The columns of Mẫu 1 (teams) and Mẫu 2 (sites), shared by import and export.

Each column has a key (the name the code uses for the value in a record),
the header the portal writes, and the other headers units are known to
write for it. A record is a ``dict[str, str]`` keyed by these keys, holding
the values as a person would read them in the sheet; rounds freeze records
in this form, the exporter writes them and the importer reads them back.
"""

from dataclasses import dataclass
from typing import Literal

from portal.lib.text import fold

ListKind = Literal["teams", "sites"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    variants: tuple[str, ...] = ()
    required: bool = False
    # Sub-header under a merged parent header, as the template lays it out
    # ("Địa chỉ" over street, ward and old district).
    group: str = ""
    width: int = 18

    def folded_headers(self) -> tuple[str, ...]:
        return tuple(fold(h) for h in (self.header, *self.variants))


ROW_NUMBER = Column("row_number", "STT", ("TT", "Số TT", "Số thứ tự"), width=6)

TEAM_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Tên CLB/Đội/Nhóm",
        (
            "Tên câu lạc bộ, đội, nhóm",
            "Tên đơn vị",
            "Tên CLB, Đội, Nhóm",
            "Tên CLB/Đội/Nhóm tình nguyện",
        ),
        required=True,
        width=34,
    ),
    Column("kind", "Loại hình", ("Hình thức",), width=10),
    Column(
        "inside_union",
        "Trong/ngoài tổ chức Đoàn - Hội",
        ("Trực thuộc", "Trong/ngoài tổ chức Đoàn, Hội", "Trong/ngoài tổ chức"),
        width=16,
    ),
    Column(
        "managing_unit",
        "Đơn vị quản lý",
        ("Đơn vị chủ quản", "Cơ sở Đoàn"),
        width=24,
    ),
    Column("founded", "Năm thành lập", ("Ngày thành lập",), width=12),
    Column(
        "members",
        "Số lượng thành viên",
        ("Số thành viên", "SL TNV", "Số lượng TNV"),
        width=12,
    ),
    Column("fields", "Lĩnh vực hoạt động", ("Lĩnh vực",), width=28),
    Column("area", "Địa bàn hoạt động", ("Địa bàn",), width=26),
    Column(
        "leader",
        "Họ tên chủ nhiệm/đội trưởng/trưởng nhóm",
        (
            "Người phụ trách",
            "Họ và tên chủ nhiệm/đội trưởng/trưởng nhóm",
            "Chủ nhiệm/Đội trưởng/Trưởng nhóm",
        ),
        required=True,
        width=26,
    ),
    Column(
        "phone",
        "Số điện thoại",
        ("SĐT", "Điện thoại liên hệ", "Điện thoại", "Số ĐT"),
        width=14,
    ),
    Column("email", "Email", ("Thư điện tử", "E-mail"), width=26),
    Column(
        "links",
        "Fanpage/Zalo",
        ("Fanpage", "Facebook", "Zalo", "Website", "Kênh liên hệ"),
        width=30,
    ),
    Column("status", "Tình trạng hoạt động", ("Tình trạng",), width=16),
    Column("notes", "Ghi chú", (), width=24),
)

SITE_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Tên địa chỉ",
        ("Tên cơ sở", "Tên mái ấm/nhà mở/trung tâm", "Tên địa chỉ tình nguyện"),
        required=True,
        width=34,
    ),
    Column("category", "Loại hình", ("Loại địa chỉ",), width=22),
    Column(
        "street",
        "Số nhà, đường",
        ("Địa chỉ", "Số nhà, tên đường"),
        group="Địa chỉ",
        width=24,
    ),
    Column(
        "ward",
        "Phường/Xã",
        ("Phường, xã, đặc khu", "Phường/Xã/Đặc khu", "Phường, xã"),
        group="Địa chỉ",
        width=20,
    ),
    Column(
        "old_district",
        "Quận/Huyện (cũ)",
        ("Quận/Huyện", "Quận, huyện (cũ)"),
        group="Địa chỉ",
        width=16,
    ),
    Column("managing_body", "Đơn vị chủ quản", ("Cơ quan quản lý",), width=22),
    Column(
        "groups",
        "Đối tượng",
        ("Đối tượng chăm sóc, nuôi dưỡng", "Đối tượng chăm sóc"),
        width=28,
    ),
    Column(
        "beneficiaries",
        "Số lượng đối tượng",
        ("Số người", "Số lượng"),
        width=12,
    ),
    Column("contact", "Người liên hệ", ("Người phụ trách",), width=22),
    Column("phone", "Số điện thoại", ("SĐT", "Điện thoại", "Số ĐT"), width=14),
    Column("needs", "Nhu cầu hỗ trợ", ("Nhu cầu",), width=30),
    Column(
        "visiting_times",
        "Thời gian tiếp nhận tình nguyện",
        ("Thời gian có thể đến", "Thời gian tiếp nhận"),
        width=26,
    ),
    Column("notes", "Ghi chú", (), width=24),
)

COLUMNS: dict[ListKind, tuple[Column, ...]] = {
    "teams": TEAM_COLUMNS,
    "sites": SITE_COLUMNS,
}

TITLES: dict[ListKind, str] = {
    "teams": "DANH SÁCH CÂU LẠC BỘ, ĐỘI, NHÓM TÌNH NGUYỆN",
    "sites": (
        "DANH SÁCH ĐỊA CHỈ TÌNH NGUYỆN, ĐỊA CHỈ BẢO TRỢ XÃ HỘI, "
        "TRUNG TÂM, MÁI ẤM, NHÀ MỞ"
    ),
}

# The column added to a returned workbook, holding what to fix in each row.
ERROR_HEADER = "Lỗi"


def keys(kind: ListKind) -> tuple[str, ...]:
    return tuple(column.key for column in COLUMNS[kind])


def empty_record(kind: ListKind) -> dict[str, str]:
    return dict.fromkeys(keys(kind), "")
