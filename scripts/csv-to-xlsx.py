#!/usr/bin/python3
"""Writes a CSV data file as an .xlsx workbook, as an appraisal office would keep it.

    /usr/bin/python3 scripts/csv-to-xlsx.py examples/district-2025.csv examples/district-2025.xlsx 数据

One worksheet (named by the third argument, default 数据): the header row in bold and
frozen, numbers as numeric cells, `yes`/`no` as boolean cells, lists (`88;92`) and other
texts as text cells, empty cells left empty. Needs Debian's python3-openpyxl
(scripts/install-deps.sh installs it).
"""
import csv
import re
import sys

import openpyxl
from openpyxl.styles import Font

NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def cell_value(text):
    if text == "":
        return None
    if NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if text.lower() in ("yes", "no"):
        return text.lower() == "yes"
    return text


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    sheet_name = sys.argv[3] if len(sys.argv) == 4 else "数据"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    with open(source, newline="", encoding="utf-8-sig") as f:
        for i, row in enumerate(csv.reader(f)):
            sheet.append(row if i == 0 else [cell_value(c.strip()) for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    # A fixed creation time: the same CSV gives the same bytes.
    import datetime
    workbook.properties.created = datetime.datetime(2025, 1, 1)
    workbook.properties.modified = datetime.datetime(2025, 1, 1)
    workbook.save(target)


if __name__ == "__main__":
    main()
