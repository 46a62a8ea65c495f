#!/usr/bin/env python3
"""Builds don-vi-hanh-chinh-2025.csv: the official list of administrative units from 1 July
2025 (34 provinces and cities; 3,321 communes, wards and special zones), as an official list
pastes into a spreadsheet: STT, Tên đơn vị, Cấp, Tên đơn vị cấp trên, Mã.

Source: the appendices of Công văn 1027/CTK-CSCL (25/6/2025, commune codes) and 915/CTK-CSCL
(province codes) of the Cục Thống kê, as transcribed to Markdown/CSV in the public repository
github.com/dvhcvn/20250701 (MIT licence), files input/docs/1027_CTK-CSCL.md and
input/docs/915_CTK-CSCL.csv. The parent names are kept exactly as the appendix prints them
(«Tỉnh Cao Bằng», «Thành phố Hà Nội», «Tp Hồ Chí Minh»); the province rows are named as the
915 list prints them («Cao Bằng», «Thành phố Hà Nội»).

Usage: python3 make_dvhc_2025.py 1027_CTK-CSCL.md 915_CTK-CSCL.csv"""

import csv
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def communes(md_path):
    rows = []
    for line in open(md_path, encoding="utf-8"):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].isdigit():
            continue
        stt, code, name, province = cells[:4]
        name = re.sub(r"\s*<br>\s*", " ", name)
        province = re.sub(r"\s*<br>\s*", " ", province)
        rows.append((int(stt), code, name, province))
    assert [r[0] for r in rows] == list(range(1, 3322)), "3,321 communes in order"
    return rows


def provinces(csv_path):
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    assert len(rows) == 34
    return [(code, name) for _, code, name in rows]


def main():
    md, prov = sys.argv[1], sys.argv[2]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["STT", "Tên đơn vị", "Cấp", "Tên đơn vị cấp trên", "Mã"])
    n = 0
    for code, name in provinces(prov):
        n += 1
        level = "Thành phố trực thuộc trung ương" if name.startswith("Thành phố") else "Tỉnh"
        w.writerow([n, name, level, "", code])
    for _, code, name, province in communes(md):
        n += 1
        level = "Đặc khu" if name.startswith("Đặc khu") else name.split()[0]
        w.writerow([n, name, level, province, code])
    with open(os.path.join(HERE, "don-vi-hanh-chinh-2025.csv"), "wb") as f:
        # Excel's «CSV UTF-8»: a byte-order mark, commas.
        f.write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


if __name__ == "__main__":
    main()
