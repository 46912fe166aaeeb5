#!/usr/bin/env python3
"""make_xls_fixture.py -- write tests/fixtures/schools.xls, a minimal old
Excel workbook (BIFF8 in an OLE2 compound file), by hand.

Nothing installed here writes .xls (no LibreOffice, no xlwt), so this
script lays the bytes out itself, following [MS-CFB] and [MS-XLS]:

  OLE2: a 512-byte header, one FAT sector, the "Workbook" stream in
        consecutive 512-byte sectors (at least 4096 bytes, so that it lives
        in the regular FAT and not the mini stream), one directory sector
        (Root Entry and Workbook).
  BIFF8 globals: BOF, CODEPAGE 1200, WRITEACCESS padding, BOUNDSHEET
        (the sheet 学校基本情况), SST (every text cell), EOF.
  BIFF8 sheet:   BOF, DIMENSIONS, LABELSST for text, NUMBER for numbers,
        EOF.

The sheet holds a title row, the school-year template's required columns
with Chinese headers, the first two schools of tests/fixtures/small.csv
(numbers as numbers, one as text "2024年"), and a 合计 row.

    python3 tools/make_xls_fixture.py tests/fixtures/schools.xls
"""
import struct
import sys

HEAD = ["学校标识码", "学校名称", "县（市、区）代码", "年度", "办学类型", "所属中心校",
        "小学在校生数（人）", "初中在校生数", "高中在校生数", "小学高于规定学历教师数",
        "初中高于规定学历教师数", "小学县级及以上骨干教师数", "初中县级及以上骨干教师数",
        "小学体育、艺术(美术、音乐)专任教师数", "初中体育、艺术(美术、音乐)专任教师数",
        "小学专任教师数", "初中专任教师数", "教学及辅助用房面积（平方米）",
        "体育运动场馆面积（㎡）", "教学仪器设备值（元）", "网络多媒体教室数"]
ROWS = [
    ["1101010001", "东关小学", "110101", 2024, "完全小学", "", 500, "/", "/", 25, "/", 6, "/",
     5, "/", 30, "/", 2500, 4000, 1100000, 13],
    ["1101010002", "西关小学", "110101", "2024年", "小学", "", 400, 0, 0, 20, 0, 5, 0,
     4, 0, 24, 0, 2000, 3200, 800000, 10],
    ["", "合计", "", "", "", "", 900, 0, 0, 45, 0, 11, 0, 9, 0, 54, 0, 4500, 7200, 1900000, 23],
]
TITLE = "江州市2024年义务教育学校基本情况统计表(Excel 97-2003)"


def rec(rtype, data):
    return struct.pack("<HH", rtype, len(data)) + data


def xlstr16(s):            # XLUnicodeString, UTF-16
    return struct.pack("<HB", len(s.encode("utf-16-le")) // 2, 1) + s.encode("utf-16-le")


def workbook():
    cells = [(0, 0, TITLE)] + [(2, c, h) for c, h in enumerate(HEAD)]
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if v != "":
                cells.append((3 + r, c, v))
    strings = []
    for _, _, v in cells:
        if isinstance(v, str) and v not in strings:
            strings.append(v)
    sst = struct.pack("<II", len([v for _, _, v in cells if isinstance(v, str)]), len(strings))
    sst += b"".join(xlstr16(s) for s in strings)

    sheet = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    sheet += rec(0x0200, struct.pack("<IIHHH", 0, 3 + len(ROWS), 0, len(HEAD), 0))
    for r, c, v in cells:
        if isinstance(v, str):
            sheet += rec(0x00FD, struct.pack("<HHHI", r, c, 15, strings.index(v)))
        else:
            sheet += rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
    sheet += rec(0x000A, b"")

    name = "学校基本情况".encode("utf-16-le")
    pad = rec(0x005C, b"junheng".ljust(112, b" ")) * 32
    def globals_(sheet_pos):
        g = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
        g += rec(0x0042, struct.pack("<H", 1200))
        g += pad
        g += rec(0x0085, struct.pack("<IBBBB", sheet_pos, 0, 0, len(name) // 2, 1) + name)
        g += rec(0x00FC, sst)
        g += rec(0x000A, b"")
        return g
    g = globals_(0)
    g = globals_(len(g))
    return g + sheet


def ole2(stream):
    size = len(stream)
    if size < 4096:
        raise SystemExit("stream under 4096 bytes would go to the mini stream")
    n = (size + 511) // 512
    stream = stream.ljust(n * 512, b"\0")
    ENDC, FREE, FATS, NOS = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    dir_sid = 1 + n
    fat = [FATS] + [i + 1 for i in range(1, n)] + [ENDC, ENDC]
    fat += [FREE] * (128 - len(fat))
    hdr = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16
    hdr += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6
    hdr += struct.pack("<IIIIIIIII", 0, 1, dir_sid, 0, 4096, ENDC, 0, ENDC, 0)
    hdr += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    assert len(hdr) == 512

    def entry(name, typ, child, start, sz):
        nm = (name + "\0").encode("utf-16-le") if name else b""
        return (nm.ljust(64, b"\0") + struct.pack("<HBB", len(nm), typ, 1 if name else 0)
                + struct.pack("<III", NOS, NOS, child) + b"\0" * 16
                + struct.pack("<IQQIII", 0, 0, 0, start, sz, 0))
    d = entry("Root Entry", 5, 1, ENDC, 0) + entry("Workbook", 2, NOS, 1, size)
    d += (b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOS, NOS, NOS)
          + b"\0" * 16 + struct.pack("<IQQIII", 0, 0, 0, 0, 0, 0)) * 2
    return hdr + struct.pack("<128I", *fat) + stream + d


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(ole2(workbook()))
