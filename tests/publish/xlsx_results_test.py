#!/usr/bin/python3
"""`assess run -o results.xlsx` read back with openpyxl (Debian's python3-openpyxl) and
compared with the CSV results of the same run, cell by cell: the same header and values,
numbers as numeric cells with the scheme's decimals as their format, the header frozen with
a row of titles under it, units in error with their message; the scheme sheet lists the
indicators in the CSV's order; the provenance sheet holds the files' SHA-256.

    xlsx_results_test.py ASSESS SOURCE_DIR WORK_DIR
"""
import csv
import hashlib
import io
import os
import subprocess
import sys

import openpyxl


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main():
    assess, source, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    rules = os.path.join(source, "rules", "district.yaml")
    data = os.path.join(source, "examples", "district-2025.csv")
    out = os.path.join(work, "results.xlsx")
    if os.path.exists(out):
        os.remove(out)
    run = subprocess.run([assess, "run", rules, data, "-o", out, "-q"], capture_output=True,
                         text=True)
    if run.returncode != 1:
        fail(f"assess run -o results.xlsx exited {run.returncode}: {run.stderr}")
    as_csv = subprocess.run([assess, "run", rules, data, "-q"], capture_output=True, text=True)
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    header, body = rows[0], rows[1:]

    book = openpyxl.load_workbook(out)
    results, scheme, provenance = book.worksheets
    got_header = [c.value for c in results[1]]
    if got_header != header:
        fail(f"header {got_header} is not the CSV's {header}")
    titles = [c.value for c in results[2]]
    if len(titles) != len(header) or None in titles or titles[1] == header[1]:
        fail(f"the second header row does not hold titles: {titles}")
    if results.freeze_panes != "B3":
        fail(f"the header is not frozen: freeze_panes {results.freeze_panes}")
    numeric = set(header[1:header.index("rank") + 1])
    for i, expected in enumerate(body):
        cells = results[i + 3]
        for name, want, cell in zip(header, expected, cells):
            got = cell.value
            if want == "":
                if got not in (None, ""):
                    fail(f"row {i + 3}, {name}: {got!r} where the CSV is empty")
            elif name in numeric:
                if not isinstance(got, (int, float)) or abs(got - float(want)) > 1e-9:
                    fail(f"row {i + 3}, {name}: {got!r} is not the number {want}")
                want_format = "0" if name == "rank" else "0.00"
                if cell.number_format != want_format:
                    fail(f"row {i + 3}, {name}: format {cell.number_format}, not {want_format}")
            elif got != want:
                fail(f"row {i + 3}, {name}: {got!r} is not {want!r}")
    if results.max_row != len(body) + 2:
        fail(f"{results.max_row - 2} result rows for {len(body)} units")
    errors = [r for r in body if r[-1]]
    if not errors:
        fail("the example has a unit in error; the CSV shows none")

    ids = [row[0].value for row in scheme.iter_rows(min_row=2) if row[0].value]
    indicator_ids = header[1:header.index("total")]
    if ids[:len(indicator_ids)] != indicator_ids:
        fail(f"the scheme sheet lists {ids[:len(indicator_ids)]}, the results {indicator_ids}")

    facts = {row[0].value: row[1].value for row in provenance.iter_rows()}
    want = {"scheme_sha256": hashlib.sha256(open(rules, "rb").read()).hexdigest(),
            "data_sha256": hashlib.sha256(open(data, "rb").read()).hexdigest(),
            "scheme": "district-performance", "version": "2025"}
    for key, value in want.items():
        if facts.get(key) != value:
            fail(f"provenance {key}: {facts.get(key)!r}, not {value!r}")
    for key in ("assess_version", "generated_utc", "data_file", "rules_file"):
        if not facts.get(key):
            fail(f"provenance has no {key}")
    print(f"ok: {len(body)} units, {len(header)} columns, {len(errors)} in error; provenance "
          f"{facts['scheme_sha256'][:12]}... {facts['generated_utc']}")


if __name__ == "__main__":
    main()
