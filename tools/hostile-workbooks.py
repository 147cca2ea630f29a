#!/usr/bin/env python3
"""Writes the corpus of hostile XLSX files the tests upload (crates/interchange/tests/hostile/).

Each file is small on disk and built to make a trusting spreadsheet parser allocate or work far beyond its size:
    far-cells.xlsx          two cells, A1 and XFD1048576: a dense grid of 17 billion cells
    claimed-dimension.xlsx  one cell, a <dimension> claiming the whole sheet
    shared-strings.xlsx     sharedStrings claiming uniqueCount = 10^12
    compressible.xlsx       3 000 000 cells without references, deflated to a few hundred KB
    zip-bomb.xlsx           a sheet part of 200 MB of blanks
    deep-xml.xlsx           a sheet nested 100 000 elements deep
    many-parts.xlsx         5 000 parts in the zip
and one honest file at the edge: within-bounds.xlsx, 50 000 rows of 20 cells (1 000 000, the most one sheet may hold),
which the server must parse within its documented memory.
Run: python3 tools/hostile-workbooks.py crates/interchange/tests/hostile
"""

import os
import sys
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>x</t></si></sst>"
)


def sheet(body):
    return SHEET_HEAD + body + "</worksheet>"


def write(path, sheet_xml, strings=STRINGS, extra=()):
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet_xml),
        ("xl/sharedStrings.xml", strings),
        *extra,
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts:
            # A fixed date, so that the corpus is the same bytes each time it is written.
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    at = lambda name: os.path.join(folder, name)
    write(
        at("far-cells.xlsx"),
        sheet(
            '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        ),
    )
    write(
        at("claimed-dimension.xlsx"),
        sheet('<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'),
    )
    write(
        at("shared-strings.xlsx"),
        sheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'),
        strings=STRINGS.replace('count="1" uniqueCount="1"', 'count="1000000000000" uniqueCount="1000000000000"'),
    )
    row = "<row>" + "<c><v>1</v></c>" * 10 + "</row>"
    write(at("compressible.xlsx"), sheet("<sheetData>" + row * 300_000 + "</sheetData>"))
    write(
        at("zip-bomb.xlsx"),
        sheet("<sheetData>" + " " * (200 * 1024 * 1024) + "</sheetData>"),
    )
    depth = 100_000
    write(at("deep-xml.xlsx"), sheet("<sheetData>" + "<x>" * depth + "</x>" * depth + "</sheetData>"))
    write(
        at("many-parts.xlsx"),
        sheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'),
        extra=[(f"xl/media/part{i}.xml", "<a/>") for i in range(5_000)],
    )
    honest_row = "<row>" + "<c><v>1</v></c>" * 20 + "</row>"
    write(at("within-bounds.xlsx"), sheet("<sheetData>" + honest_row * 50_000 + "</sheetData>"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "crates/interchange/tests/hostile")
