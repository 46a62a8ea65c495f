#!/usr/bin/env python3
"""Builds the sheets in this folder the way communes and offices type them (not exports of
cnscd): run `python3 make_sheets.py` here; it needs openpyxl and LibreOffice (`soffice`) for
the .xls and .ods copies. The Rust tests in tests/reader.rs read them back field by field, so
a change here means a change there."""

import datetime
import os
import shutil
import subprocess
import tempfile
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = os.path.dirname(os.path.abspath(__file__))
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TNR = "Times New Roman"


def put(ws, ref, value, bold=False, italic=False, center=False, size=12, box=False, fmt=None):
    c = ws[ref]
    c.value = value
    c.font = Font(name=TNR, bold=bold, italic=italic, size=size)
    c.alignment = Alignment(
        horizontal="center" if center else None, vertical="center", wrap_text=True
    )
    if box:
        c.border = BOX
    if fmt:
        c.number_format = fmt
    return c


def national_header(ws, issuer, unit, right_col, right_end):
    """The two-part header of an administrative document (Nghị định 30)."""
    ws.merge_cells(f"A1:C1")
    ws.merge_cells(f"A2:C2")
    put(ws, "A1", issuer, center=True)
    put(ws, "A2", unit, bold=True, center=True)
    ws.merge_cells(f"{right_col}1:{right_end}1")
    ws.merge_cells(f"{right_col}2:{right_end}2")
    put(ws, f"{right_col}1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    put(ws, f"{right_col}2", "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)


def widths(ws, w):
    for col, width in zip("ABCDEFGHIJKLMNOP", w):
        ws.column_dimensions[col].width = width


# --- 1. A commune's roster: «Năm sinh» over «Nam» | «Nữ», a section row per village ---

NAM_NU = [
    ("I. TỔ CNSCĐ THÔN AN PHÚ", [
        ("Lê Văn Hùng", 1975, None, "Tổ trưởng", "Trưởng thôn", "0905.123.456"),
        ("Nguyễn Thị Mai", None, 1990, "Tổ phó", "Bí thư Chi đoàn thôn", "0912 345 678"),
        ("Trần Văn Tâm", 1982, None, "Thành viên", "Công an viên", 935111222),
        ("Phạm Thị Thu Hà", None, 1996, "TV", "Chi hội trưởng Phụ nữ", "0986-222-333"),
    ]),
    ("II. TỔ CNSCĐ THÔN NAM YÊN", [
        ("Hồ Văn Sáu", "'68", None, "TT", "Trưởng thôn", "+84 905 444 555"),
        ("Alăng Thị Hoa", None, 1993, "TP", "Bí thư Chi đoàn", "0326.777.888"),
        ("Bhling Văn Tuấn", 2001, None, "TV", "Đoàn viên", "0779 123 456"),
    ]),
    ("III. TỔ CNSCĐ THÔN TÀ LANG", [
        ("Tống Văn Bình", 1979, None, "tổ trưởng tổ CNSCĐ", "Trưởng thôn", "0905 666 777"),
        ("Vi Thị Lan", None, "1985", "Phó tổ trưởng", "Chi hội trưởng Nông dân", "84 98 765 4321"),
        ("Đinh Văn Nam", 1999, None, "Thành viên", "Thanh niên tình nguyện", "0868.999.000"),
        ("Hoàng Thị Ngọc", None, 2003, "thành viên", "Sinh viên", None),
    ]),
]


def roster_nam_nu(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "DS thành viên"
    widths(ws, [5, 24, 8, 8, 16, 28, 16, 10])
    national_header(ws, "ỦY BAN NHÂN DÂN", "XÃ HÒA BẮC", "E", "H")
    ws.merge_cells("A4:H4")
    put(ws, "A4", "DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", bold=True, center=True, size=14)
    ws.merge_cells("A5:H5")
    put(ws, "A5", "(Kèm theo Quyết định số 125/QĐ-UBND ngày 10/3/2025 của UBND xã Hòa Bắc)",
        italic=True, center=True)
    for col, label in zip("ABEFGH", ["TT", "Họ và tên", "Chức vụ trong Tổ",
                                     "Chức vụ, đơn vị công tác", "Số điện thoại", "Ghi chú"]):
        ws.merge_cells(f"{col}7:{col}8")
        put(ws, f"{col}7", label, bold=True, center=True, box=True)
    ws.merge_cells("C7:D7")
    put(ws, "C7", "Năm sinh", bold=True, center=True, box=True)
    put(ws, "C8", "Nam", bold=True, center=True, box=True)
    put(ws, "D8", "Nữ", bold=True, center=True, box=True)
    for i, col in enumerate("ABCDEFGH"):
        put(ws, f"{col}9", f"({i + 1})", italic=True, center=True, box=True)
    row = 10
    count = 0
    for section, members in NAM_NU:
        ws.merge_cells(f"A{row}:H{row}")
        put(ws, f"A{row}", section, bold=True, box=True)
        row += 1
        for n, (name, nam, nu, role, position, phone) in enumerate(members, start=1):
            put(ws, f"A{row}", n, center=True, box=True)
            put(ws, f"B{row}", name, box=True)
            put(ws, f"C{row}", nam, center=True, box=True)
            put(ws, f"D{row}", nu, center=True, box=True)
            put(ws, f"E{row}", role, box=True)
            put(ws, f"F{row}", position, box=True)
            put(ws, f"G{row}", phone, box=True)
            put(ws, f"H{row}", None, box=True)
            row += 1
            count += 1
    ws.merge_cells(f"A{row}:H{row}")
    put(ws, f"A{row}", f"Tổng cộng: {count} thành viên", bold=True, box=True)
    row += 1
    ws.merge_cells(f"A{row}:H{row}")
    put(ws, f"A{row}", "Ghi chú: Danh sách gồm 03 Tổ Công nghệ số cộng đồng của 03 thôn.",
        italic=True)
    row += 2
    ws.merge_cells(f"E{row}:H{row}")
    put(ws, f"E{row}", "Hòa Bắc, ngày 10 tháng 3 năm 2025", italic=True, center=True)
    row += 1
    put(ws, f"B{row}", "NGƯỜI LẬP BIỂU", bold=True, center=True)
    ws.merge_cells(f"E{row}:H{row}")
    put(ws, f"E{row}", "TM. ỦY BAN NHÂN DÂN", bold=True, center=True)
    row += 1
    put(ws, f"B{row}", "(Ký, ghi rõ họ tên)", italic=True, center=True)
    ws.merge_cells(f"E{row}:H{row}")
    put(ws, f"E{row}", "CHỦ TỊCH", bold=True, center=True)
    row += 4
    put(ws, f"B{row}", "Nguyễn Thị Thanh Lan", bold=True, center=True)
    ws.merge_cells(f"E{row}:H{row}")
    put(ws, f"E{row}", "Phạm Văn Đức", bold=True, center=True)
    wb.save(path)


# --- 2. A ward's roster with the header on row 9 under a title block ---

D = datetime.date
ROW9 = [
    ("Nguyễn Văn An", D(1980, 5, 12), "Nam", "TDP Số 5", "Tổ trưởng", "Tổ trưởng TDP",
     "0905 111 001", "an.nv@gmail.com", "x"),
    ("Trần Thị Bích", "05/03/1985", "Nữ", "TDP Số 5", "Tổ phó", "Bí thư Chi đoàn",
     "0905.111.002", None, "✓"),
    ("Lê Minh Châu", D(1999, 11, 20), "nữ", "TDP Số 5", "Thành viên", "Công an khu vực",
     "0935 111 003", "chau.lm@danang.gov.vn", None),
    ("Phan Đức Dũng", "1978", "Nam", "Tổ dân phố 12", "TT", "Tổ trưởng TDP",
     "0914-111-004", None, "Có"),
    ("Võ Thị Hương", D(1992, 2, 29), "Nữ", "Tổ dân phố 12", "TV", "Chi hội trưởng Phụ nữ",
     "+84 914 111 005", None, "chưa"),
    ("Đặng Quốc Huy", "20/10/2004", "Nam", "Tổ dân phố 12", "Thành viên", "Đoàn viên",
     "0336111006", "huy.dq@gmail.com", "x"),
    ("Bùi Thị Kim Liên", D(1970, 1, 15), "Nữ", "TDP 7", "Tổ trưởng",
     "Trưởng ban công tác Mặt trận", "0905 111 007", None, "x"),
    ("Huỳnh Văn Long", "15/8/1988", "Nam", "TDP 7", "Thành viên", "Công an khu vực",
     "0905111008", None, None),
]
ROW9_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn/TDP", "Chức vụ trong Tổ",
               "Chức vụ, đơn vị công tác", "Điện thoại", "Email", "Đã tập huấn", "Ghi chú"]


def row9_grid():
    """The sheet as Excel shows it, cell by cell, for the text copies (dates as dd/mm/yyyy)."""
    w = len(ROW9_HEADER)
    blank = [""] * w
    g = []

    def line(cells):
        g.append((cells + blank)[:w])

    line(["ỦY BAN NHÂN DÂN", "", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    line(["PHƯỜNG HẢI CHÂU", "", "", "", "", "Độc lập - Tự do - Hạnh phúc"])
    line([])
    line(["DANH SÁCH THÀNH VIÊN CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"])
    line(["PHƯỜNG HẢI CHÂU, THÀNH PHỐ ĐÀ NẴNG"])
    line(["(Cập nhật đến ngày 30/6/2025)"])
    line(["", "", "", "", "", "", "", "", "", "Đơn vị tính: người"])
    line([])
    line(ROW9_HEADER)
    for n, m in enumerate(ROW9, start=1):
        born = m[1].strftime("%d/%m/%Y") if isinstance(m[1], D) else m[1]
        line([str(n), m[0], born, m[2], m[3], m[4], m[5], m[6], m[7] or "", m[8] or "", ""])
    line([f"Tổng số: {len(ROW9):02d} người"])
    line([])
    line(["", "", "", "", "", "", "", "Hải Châu, ngày 30 tháng 6 năm 2025"])
    line(["", "NGƯỜI LẬP", "", "", "", "", "", "KT. CHỦ TỊCH"])
    line(["", "", "", "", "", "", "", "PHÓ CHỦ TỊCH"])
    line([])
    line([])
    line(["", "Trần Thị Thanh Thủy", "", "", "", "", "", "Ngô Văn Quang"])
    return g


def roster_row9(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    widths(ws, [5, 22, 12, 8, 14, 14, 26, 15, 24, 10, 10])
    national_header(ws, "ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI CHÂU", "F", "K")
    for r, text in [(4, "DANH SÁCH THÀNH VIÊN CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG"),
                    (5, "PHƯỜNG HẢI CHÂU, THÀNH PHỐ ĐÀ NẴNG"),
                    (6, "(Cập nhật đến ngày 30/6/2025)")]:
        ws.merge_cells(f"A{r}:K{r}")
        put(ws, f"A{r}", text, bold=r == 4, italic=r == 6, center=True)
    put(ws, "J7", "Đơn vị tính: người", italic=True)
    for i, label in enumerate(ROW9_HEADER):
        put(ws, f"{'ABCDEFGHIJK'[i]}9", label, bold=True, center=True, box=True)
    for n, m in enumerate(ROW9, start=1):
        r = 9 + n
        put(ws, f"A{r}", n, center=True, box=True)
        for col, v in zip("BCDEFGHIJ", m):
            fmt = "DD/MM/YYYY" if isinstance(v, D) else None
            put(ws, f"{col}{r}", v, box=True, fmt=fmt)
        put(ws, f"K{r}", None, box=True)
    r = 10 + len(ROW9)
    ws.merge_cells(f"A{r}:K{r}")
    put(ws, f"A{r}", f"Tổng số: {len(ROW9):02d} người", bold=True)
    put(ws, f"H{r + 2}", "Hải Châu, ngày 30 tháng 6 năm 2025", italic=True)
    put(ws, f"B{r + 3}", "NGƯỜI LẬP", bold=True)
    put(ws, f"H{r + 3}", "KT. CHỦ TỊCH", bold=True)
    put(ws, f"H{r + 4}", "PHÓ CHỦ TỊCH", bold=True)
    put(ws, f"B{r + 7}", "Trần Thị Thanh Thủy", bold=True)
    put(ws, f"H{r + 7}", "Ngô Văn Quang", bold=True)
    wb.save(path)


def to_1258(text):
    """What Excel on a Windows set to Vietnamese writes: code page 1258, a letter the code page
    lacks as its base letter and a combining tone mark; a sign it has no byte for (✓) as `?`,
    as Excel does."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258", errors="replace") + tone.encode("cp1258")
    return bytes(out)


def csv_field(v, sep):
    if any(c in v for c in (sep, '"', "\n")):
        return '"' + v.replace('"', '""') + '"'
    return v


def roster_row9_text(path_1258, path_utf16):
    g = row9_grid()
    # «CSV (Comma delimited)» on a Vietnamese Windows: the list separator is `;`.
    csv = "".join(";".join(csv_field(v, ";") for v in row) + "\r\n" for row in g)
    with open(path_1258, "wb") as f:
        f.write(to_1258(csv))
    # «Unicode Text»: UTF-16 LE with a BOM, tabs.
    txt = "".join("\t".join(csv_field(v, "\t") for v in row) + "\r\n" for row in g)
    with open(path_utf16, "wb") as f:
        f.write(b"\xff\xfe" + txt.encode("utf-16-le"))


# --- 3. An indicator sheet: communes grouped under district rows, a two-row header ---

INDICATORS = ["Số người dân được hướng dẫn", "Số tài khoản VNeID được kích hoạt",
              "Số tài khoản thanh toán, ví điện tử được mở", "Số hộ gia đình được hướng dẫn"]
DISTRICTS = [
    ("I", "HUYỆN HÒA VANG", [
        ("Xã Hòa Bắc", ["1.250", 430, 85, 310], None),
        ("Hòa Ninh", [980, 365, 60, 240], None),
        ("Xã Hòa Phú", [None, None, None, None], "Chưa báo cáo"),
        ("Hòa Liên", ["1.105", 402, 71, 288], None),
    ], ["3.335", "1.197", 216, 838]),
    ("II", "QUẬN LIÊN CHIỂU", [
        ("Phường Hòa Khánh Bắc", ["2.140", 890, 150, 610], None),
        ("P. Hòa Minh", ["1.760", 712, 133, 505], None),
        ("Hòa Hiệp Nam", [905, 388, 64, 270], None),
    ], ["4.805", "1.990", 347, "1.385"]),
]
# The grand total as typed: VNeID 3.178 where the rows add up to 3.187.
GRAND = ["8.140", "3.178", 563, "2.223"]


def indicators(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    widths(ws, [6, 26, 16, 16, 18, 16, 14])
    ws.merge_cells("A1:C1")
    ws.merge_cells("A2:C2")
    put(ws, "A1", "UBND THÀNH PHỐ ĐÀ NẴNG", center=True)
    put(ws, "A2", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", bold=True, center=True)
    ws.merge_cells("D1:G1")
    ws.merge_cells("D2:G2")
    put(ws, "D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    put(ws, "D2", "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    ws.merge_cells("A4:G4")
    put(ws, "A4", "BIỂU TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG "
        "6 THÁNG ĐẦU NĂM 2025", bold=True, center=True)
    for col, label in [("A", "STT"), ("B", "Đơn vị"), ("G", "Ghi chú")]:
        ws.merge_cells(f"{col}6:{col}7")
        put(ws, f"{col}6", label, bold=True, center=True, box=True)
    ws.merge_cells("C6:F6")
    put(ws, "C6", "Kết quả thực hiện", bold=True, center=True, box=True)
    for col, label in zip("CDEF", INDICATORS):
        put(ws, f"{col}7", label, bold=True, center=True, box=True)
    for col, label in zip("ABCDEFG", ["A", "B", 1, 2, 3, 4, 5]):
        put(ws, f"{col}8", label, italic=True, center=True, box=True)
    r = 9
    for ordinal, district, communes, subtotal in DISTRICTS:
        put(ws, f"A{r}", ordinal, bold=True, center=True, box=True)
        put(ws, f"B{r}", district, bold=True, box=True)
        r += 1
        for n, (name, values, note) in enumerate(communes, start=1):
            put(ws, f"A{r}", n, center=True, box=True)
            put(ws, f"B{r}", name, box=True)
            for col, v in zip("CDEF", values):
                put(ws, f"{col}{r}", v, box=True)
            put(ws, f"G{r}", note, italic=True, box=True)
            r += 1
        put(ws, f"B{r}", "Cộng", bold=True, center=True, box=True)
        for col, v in zip("CDEF", subtotal):
            put(ws, f"{col}{r}", v, bold=True, box=True)
        r += 1
    put(ws, f"B{r}", "Tổng cộng", bold=True, center=True, box=True)
    for col, v in zip("CDEF", GRAND):
        put(ws, f"{col}{r}", v, bold=True, box=True)
    r += 1
    for text in ["(*) Số liệu tính đến ngày 20/6/2025.",
                 "Ghi chú: Xã Hòa Phú chưa gửi báo cáo; số liệu sẽ cập nhật vào kỳ sau.",
                 "- Đơn vị tính: người, tài khoản, hộ."]:
        ws.merge_cells(f"A{r}:G{r}")
        put(ws, f"A{r}", text, italic=True)
        r += 1
    r += 1
    ws.merge_cells(f"D{r}:G{r}")
    put(ws, f"D{r}", "Đà Nẵng, ngày 25 tháng 6 năm 2025", italic=True, center=True)
    put(ws, f"B{r + 1}", "NGƯỜI TỔNG HỢP", bold=True, center=True)
    ws.merge_cells(f"D{r + 1}:G{r + 1}")
    put(ws, f"D{r + 1}", "KT. GIÁM ĐỐC", bold=True, center=True)
    ws.merge_cells(f"D{r + 2}:G{r + 2}")
    put(ws, f"D{r + 2}", "PHÓ GIÁM ĐỐC", bold=True, center=True)
    put(ws, f"B{r + 5}", "Lê Thị Thu Trang", bold=True, center=True)
    ws.merge_cells(f"D{r + 5}:G{r + 5}")
    put(ws, f"D{r + 5}", "Trần Ngọc Thạch", bold=True, center=True)
    wb.save(path)


# --- 4. A unit list: a province and one of its wards share a name; commune names repeat ---

UNITS = [
    ("Lào Cai", "Tỉnh", "", "15"),
    ("Thanh Hóa", "Tỉnh", "", "38"),
    ("Quảng Trị", "Tỉnh", "", "44"),
    ("Phú Thọ", "Tỉnh", "", "25"),
    ("Thành phố Hồ Chí Minh", "Thành phố trực thuộc trung ương", "", "79"),
    ("Phường Lào Cai", "Phường", "Tỉnh Lào Cai", "02647"),
    ("Xã Khánh Hòa", "Xã", "Lào Cai", "04342"),
    ("Xã Quảng Ninh", "Xã", "Tỉnh Thanh Hóa", "16540"),
    ("Xã Quảng Ninh", "Xã", "Quảng Trị", "19207"),
    ("Phường Quảng Trị", "", "Tỉnh Quảng Trị", "19360"),
    ("Phường Phú Thọ", "Phường", "Phú Thọ", "07942"),
    ("Phường Phú Thọ", "Phường", "Tp Hồ Chí Minh", "27226"),
    ("Thôn Phú Hòa", "Thôn", "Xã Quảng Ninh, Tỉnh Quảng Trị", ""),
    ("Thôn Trung Lực", "Thôn", "Xã Quảng Ninh, Thanh Hóa", ""),
    ("Tổ dân phố Kim Tân", "Tổ dân phố", "Phường Lào Cai", ""),
    ("Tổ dân phố số 3", "TDP", "Lào Cai", ""),
    ("Thôn Xuân Lai", "Thôn", "Xã Quảng Ninh", ""),
    ("Khu phố 1", "Khu phố", "27226", ""),
]


def units(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    widths(ws, [6, 28, 26, 30, 10])
    ws.merge_cells("A1:E1")
    put(ws, "A1", "DANH SÁCH ĐƠN VỊ HÀNH CHÍNH (SAU SẮP XẾP, TỪ NGÀY 01/7/2025)", bold=True,
        center=True)
    ws.merge_cells("A2:E2")
    put(ws, "A2", "(Theo Công văn số 1027/CTK-CSCL ngày 25/6/2025 của Cục Thống kê)",
        italic=True, center=True)
    for col, label in zip("ABCDE", ["STT", "Tên đơn vị", "Cấp", "Tên đơn vị cấp trên", "Mã"]):
        put(ws, f"{col}4", label, bold=True, center=True, box=True)
    for n, (name, level, parent, code) in enumerate(UNITS, start=1):
        r = 4 + n
        for col, v in zip("ABCDE", [n, name, level or None, parent or None, code or None]):
            put(ws, f"{col}{r}", v, box=True)
    wb.save(path)


def convert(src, fmt):
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", fmt, "--outdir", out, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        name = os.path.splitext(os.path.basename(src))[0] + "." + fmt
        shutil.move(os.path.join(out, name), os.path.join(HERE, name))


def main():
    p = lambda name: os.path.join(HERE, name)
    roster_nam_nu(p("to-cnscd-nam-nu.xlsx"))
    roster_row9(p("to-cnscd-tieu-de-dong-9.xlsx"))
    roster_row9_text(p("to-cnscd-tieu-de-dong-9-windows-1258.csv"),
                     p("to-cnscd-tieu-de-dong-9-unicode.txt"))
    indicators(p("chi-tieu-6-thang-2025.xlsx"))
    units(p("don-vi-tinh-phuong.xlsx"))
    for name in ["to-cnscd-nam-nu.xlsx", "to-cnscd-tieu-de-dong-9.xlsx"]:
        convert(p(name), "xls")
        convert(p(name), "ods")


if __name__ == "__main__":
    main()
