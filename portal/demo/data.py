"""The small demo set: a plausible unit tree, teams, sites and accounts.

The names are made up in the style of real ones; the wards are real.
"""

DEMO_PASSWORD = "tinhnguyen2026"

# (code, name, kind, parent code, ward code or None)
UNITS = [
    ("thanh-doan", "Thành Đoàn TP. Hồ Chí Minh", "city", None, None),
    ("doan-p-ben-thanh", "Đoàn phường Bến Thành", "ward", "thanh-doan", 26743),
    ("cd-kp1-ben-thanh", "Chi đoàn khu phố 1", "branch", "doan-p-ben-thanh", 26743),
    ("cd-kp2-ben-thanh", "Chi đoàn khu phố 2", "branch", "doan-p-ben-thanh", 26743),
    ("doan-p-sai-gon", "Đoàn phường Sài Gòn", "ward", "thanh-doan", 26740),
    ("doan-x-binh-chanh", "Đoàn xã Bình Chánh", "ward", "thanh-doan", 27637),
    (
        "doan-dh-khtn",
        "Đoàn trường ĐH Khoa học Tự nhiên",
        "university",
        "thanh-doan",
        None,
    ),
    (
        "cd-khtn-cntt",
        "Liên chi đoàn khoa Công nghệ thông tin",
        "branch",
        "doan-dh-khtn",
        None,
    ),
    ("doan-dh-bk", "Đoàn trường ĐH Bách khoa", "university", "thanh-doan", None),
    (
        "hoi-sinh-vien",
        "Hội Sinh viên Việt Nam TP. Hồ Chí Minh",
        "students_association",
        "thanh-doan",
        None,
    ),
]

# (key, full name, e-mail, phone, role, scope code)
ACCOUNTS = [
    (
        "coordinator",
        "Nguyễn Thị Điều Phối",
        "dieuphoi@demo.tinhnguyen.vn",
        "0901000001",
        "coordinator",
        "thanh-doan",
    ),
    (
        "officer",
        "Trần Văn Cán Bộ",
        "canbo.benthanh@demo.tinhnguyen.vn",
        "0901000002",
        "officer",
        "doan-p-ben-thanh",
    ),
    (
        "officer_university",
        "Lê Thị Bí Thư",
        "bithu.khtn@demo.tinhnguyen.vn",
        "0901000003",
        "officer",
        "doan-dh-khtn",
    ),
    (
        "team_manager",
        "Phạm Minh Đội Trưởng",
        "doitruong@demo.tinhnguyen.vn",
        "0901000004",
        "team_manager",
        "CLB Tình nguyện Bến Thành",
    ),
    (
        "site_contact",
        "Võ Thị Phụ Trách",
        "phutrach@demo.tinhnguyen.vn",
        "0901000005",
        "site_contact",
        "Mái ấm Hoa Hồng",
    ),
    (
        "volunteer",
        "Đặng Văn Tình Nguyện",
        "tnv@demo.tinhnguyen.vn",
        "0901000006",
        "volunteer",
        None,
    ),
]

# (name, kind, unit code, ward code, leader, phone, verification, members)
TEAMS = [
    (
        "CLB Tình nguyện Bến Thành",
        "club",
        "doan-p-ben-thanh",
        26743,
        "Phạm Minh Đội Trưởng",
        "0908123456",
        "verified",
        45,
    ),
    (
        "Đội hình Tiếp sức mùa thi",
        "team",
        "cd-kp1-ben-thanh",
        26743,
        "Ngô Thị Hoa",
        "0912345678",
        "verified",
        30,
    ),
    (
        "Nhóm Bữa cơm yêu thương",
        "group",
        "doan-p-sai-gon",
        26740,
        "Huỳnh Văn Tâm",
        "0387654321",
        "awaiting",
        18,
    ),
    (
        "CLB Hiến máu tình nguyện Bình Chánh",
        "club",
        "doan-x-binh-chanh",
        27637,
        "Trương Thị Mai",
        "0978111222",
        "verified",
        60,
    ),
    (
        "Đội Mùa hè xanh KHTN",
        "team",
        "doan-dh-khtn",
        None,
        "Lý Quốc Bảo",
        "0934555666",
        "verified",
        120,
    ),
    (
        "CLB Gia sư tình nguyện CNTT",
        "club",
        "cd-khtn-cntt",
        None,
        "Đỗ Thị Lan",
        "0945777888",
        "awaiting",
        25,
    ),
    (
        "Đội Xung kích Bách khoa",
        "team",
        "doan-dh-bk",
        None,
        "Bùi Văn Hùng",
        "0967999000",
        "verified",
        80,
    ),
    (
        "Nhóm Sách cho em",
        "group",
        "hoi-sinh-vien",
        None,
        "Phan Thị Thu",
        "0356222333",
        "suspended",
        12,
    ),
]

# (name, category, unit code, ward code, street, beneficiaries, protected)
SITES = [
    (
        "Mái ấm Hoa Hồng",
        "shelter",
        "doan-p-ben-thanh",
        26743,
        "12 Lê Thánh Tôn",
        35,
        True,
    ),
    (
        "Nhà mở Ánh Dương",
        "open_house",
        "doan-p-ben-thanh",
        26743,
        "45 Nguyễn Trãi",
        20,
        False,
    ),
    (
        "Trung tâm Bảo trợ trẻ em Sài Gòn",
        "public_facility",
        "doan-p-sai-gon",
        26740,
        "8 Tôn Đức Thắng",
        120,
        False,
    ),
    (
        "Cơ sở nuôi dưỡng người cao tuổi Bình Chánh",
        "private_facility",
        "doan-x-binh-chanh",
        27637,
        "Ấp 3",
        60,
        False,
    ),
    (
        "Mái ấm Thiện Tâm",
        "religious_home",
        "doan-x-binh-chanh",
        27637,
        "Ấp 5",
        40,
        True,
    ),
    (
        "Trường chuyên biệt Ánh Sáng",
        "school",
        "doan-dh-khtn",
        26740,
        "227 Nguyễn Văn Cừ",
        150,
        False,
    ),
]

# Fields of activity by team name (codes from the fields migration).
TEAM_FIELDS = {
    "CLB Tình nguyện Bến Thành": ["social_welfare", "environment"],
    "Đội hình Tiếp sức mùa thi": ["education"],
    "Nhóm Bữa cơm yêu thương": ["social_welfare"],
    "CLB Hiến máu tình nguyện Bình Chánh": ["health"],
    "Đội Mùa hè xanh KHTN": ["education", "environment", "digital"],
    "CLB Gia sư tình nguyện CNTT": ["education", "digital"],
    "Đội Xung kích Bách khoa": ["emergency", "traffic_safety"],
    "Nhóm Sách cho em": ["education", "culture_sport"],
}

# (site name, [(group, count)], [(weekday, from, to)], visiting times as written)
SITE_DETAILS = [
    ("Mái ấm Hoa Hồng", [("orphaned_children", 35)],
     [(5, "08:00", "11:00"), (6, "08:00", "11:00")], "Thứ 7, CN: 8h - 11h"),
    ("Nhà mở Ánh Dương", [("children_hardship", 20)],
     [(2, "14:00", "17:00")], "Chiều thứ 4"),
    ("Trung tâm Bảo trợ trẻ em Sài Gòn",
     [("orphaned_children", 80), ("disabilities", 40)],
     [(5, "08:00", "16:00")], "Thứ 7: 8h - 16h"),
    ("Cơ sở nuôi dưỡng người cao tuổi Bình Chánh", [("elderly_alone", 60)],
     [(6, "07:30", "10:30")], "Sáng CN"),
    ("Mái ấm Thiện Tâm", [("disabilities", 25), ("mental_illness", 15)],
     [(5, "09:00", "11:00")], "Thứ 7: 9h - 11h"),
    ("Trường chuyên biệt Ánh Sáng", [("disabilities", 150)],
     [(0, "08:00", "10:00"), (3, "08:00", "10:00")], "Sáng thứ 2 và thứ 5"),
]  # fmt: skip

# (site name, category, description, quantity, unit, urgency, status)
NEEDS = [
    ("Mái ấm Hoa Hồng", "food", "Gạo cho tháng tới", 200, "kg", "high", "open"),
    ("Mái ấm Hoa Hồng", "tutoring", "Dạy kèm toán lớp 6", 4, "buổi/tuần",
     "normal", "open"),
    ("Nhà mở Ánh Dương", "supplies", "Sách vở năm học mới", 50, "bộ", "normal",
     "open"),
    ("Trung tâm Bảo trợ trẻ em Sài Gòn", "repairs", "Sửa mái tôn phòng ăn",
     None, "", "critical", "open"),
    ("Cơ sở nuôi dưỡng người cao tuổi Bình Chánh", "health",
     "Khám sức khỏe định kỳ", 60, "người", "normal", "fulfilled"),
]  # fmt: skip
