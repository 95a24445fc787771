#!/usr/bin/python3
"""`assess report` in a real browser: the bundled district example (its .xlsx data) is
published as HTML, checked to be self-contained, then rendered by headless Chromium. The
DOM Chromium builds is checked against what `assess run` says of the same data (every
scored unit's rank, total and grade in its group's ranking, a breakdown per unit, the unit
in error with its message, the summary, the fingerprints); a PNG screenshot and an A4 PDF
are made (kept in WORK_DIR for a person to look at).

    report_browser_test.py ASSESS SOURCE_DIR WORK_DIR      (exit 77: skipped)
"""
import csv
import hashlib
import html.parser
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


class Dom(html.parser.HTMLParser):
    """The elements the checks need: ranking rows per group, unit sections, error rows,
    summary figures, SVG bars, provenance codes."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.groups = {}  # data-group -> rows [[cell texts]]
        self.group = None
        self.in_ranking = False
        self.row = None
        self.cell = None
        self.unit_sections = []
        self.error_rows = []
        self.in_errors = False
        self.summary = {}
        self.figure = None
        self.bars = {}  # group -> [(grade, count)]
        self.codes = {}
        self.code = None
        self.text_of_summary = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "section" and "group" in cls.split():
            self.group = a.get("data-group", "")
            self.groups[self.group] = []
            self.bars[self.group] = []
        if tag == "section" and "unit" in cls.split():
            self.unit_sections.append(a.get("id"))
        if tag == "section" and a.get("id") == "errors":
            self.in_errors = True
        if tag == "table" and "ranking" in cls.split():
            self.in_ranking = True
        if tag == "tr" and (self.in_ranking or self.in_errors):
            self.row = []
        if tag == "td" and self.row is not None:
            self.cell = ""
        if tag == "div" and self.stack and self.stack[-1] == "dl":
            self.figure = cls
        if tag == "dd" and self.figure:
            self.text_of_summary = ""
        if tag == "g" and "bar" in cls.split():
            self.bars[self.group].append((a.get("data-grade"), int(a.get("data-count"))))
        if tag == "code" and cls in ("scheme-sha256", "data-sha256"):
            self.code = cls
            self.codes[cls] = ""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag == "td" and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        if tag == "tr" and self.row is not None:
            if self.row:
                if self.in_ranking:
                    self.groups[self.group].append(self.row)
                else:
                    self.error_rows.append(self.row)
            self.row = None
        if tag == "table":
            self.in_ranking = False
        if tag == "section" and self.in_errors:
            self.in_errors = False
        if tag == "dd" and self.text_of_summary is not None:
            self.summary[self.figure] = int(self.text_of_summary)
            self.text_of_summary = None
            self.figure = None
        if tag == "code":
            self.code = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.text_of_summary is not None:
            self.text_of_summary += data
        if self.code:
            self.codes[self.code] += data


def chromium(args, work):
    profile = tempfile.mkdtemp(prefix="assess-chromium-")
    try:
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync",
                   "--user-data-dir=" + profile] + args
        return subprocess.run(command, cwd=work, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    assess, source, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    rules = os.path.join(source, "rules", "district.yaml")
    data = os.path.join(source, "examples", "district-2025.xlsx")
    report = os.path.join(work, "report.html")
    run = subprocess.run([assess, "report", rules, data, "-o", report], capture_output=True,
                         text=True)
    if run.returncode != 1:  # the example has one unit in error on purpose
        fail(f"assess report exited {run.returncode}: {run.stderr}")
    csv_run = subprocess.run([assess, "run", rules, data], capture_output=True, text=True)
    expected = list(csv.DictReader(io.StringIO(csv_run.stdout)))
    if not expected:
        fail("assess run printed no results: " + csv_run.stderr)

    text = open(report, encoding="utf-8").read()
    # Self-contained: no script, no stylesheet, font or image from elsewhere.
    for pattern in (r"<script", r"<link", r"@import", r"url\(", r"<img", r"@font-face",
                    r"(src|href)\s*=\s*\"(https?:)?//"):
        if re.search(pattern, text, re.I):
            fail(f"report.html is not self-contained: it has {pattern}")
    if "<svg" not in text or "@page { size: A4" not in text:
        fail("report.html has no inline SVG chart or no A4 page rule")

    if not os.path.exists(CHROMIUM):
        print(f"SKIP: {CHROMIUM} is not installed (scripts/install-deps.sh installs chromium); "
              "report.html was written and checked for self-containment only")
        return 77

    url = "file://" + os.path.abspath(report)
    dump = chromium(["--dump-dom", url], work)
    if dump.returncode != 0 or b"</html>" not in dump.stdout:
        fail("chromium --dump-dom failed: " + dump.stderr.decode(errors="replace")[-2000:])
    dom = Dom()
    dom.feed(dump.stdout.decode("utf-8"))

    scored = [r for r in expected if not r["error"]]
    in_error = [r for r in expected if r["error"]]
    vetoed = [r for r in scored if r["vetoes"]]
    if dom.summary != {"units": len(expected), "scored": len(scored), "in-error": len(in_error),
                       "vetoed": len(vetoed)}:
        fail(f"summary {dom.summary} is not the results' ({len(expected)} units, {len(scored)} "
             f"scored, {len(in_error)} in error, {len(vetoed)} vetoed)")
    # Every scored unit once, in one group's ranking, with run's rank, total and grade,
    # and the ranks ascending within a group.
    seen = {}
    for group, rows in dom.groups.items():
        ranks = [int(r[0]) for r in rows]
        if ranks != sorted(ranks):
            fail(f"group {group}: the ranking is not in rank order: {ranks}")
        for r in rows:
            seen[r[1]] = (r[0], r[2], r[3])
        bars = dict(dom.bars[group])
        if sum(bars.values()) != len(rows):
            fail(f"group {group}: the chart counts {sum(bars.values())} units, the ranking {len(rows)}")
        for grade, count in bars.items():
            if count != sum(1 for r in rows if r[3] == grade):
                fail(f"group {group}: the chart's bar {grade} says {count}")
    for r in scored:
        if seen.get(r["unit"]) != (r["rank"], r["total"], r["grade"]):
            fail(f"unit {r['unit']}: the report shows {seen.get(r['unit'])}, run says "
                 f"{(r['rank'], r['total'], r['grade'])}")
    if len(seen) != len(scored):
        fail(f"the rankings hold {len(seen)} units, {len(scored)} are scored")
    if len(dom.unit_sections) != len(expected):
        fail(f"{len(dom.unit_sections)} unit sections for {len(expected)} units")
    errors = {row[1]: row[2] for row in dom.error_rows}
    if errors != {r["unit"]: r["error"] for r in in_error}:
        fail(f"units in error: the report says {errors}")
    if not all(row[0].startswith("row ") for row in dom.error_rows):
        fail(f"units in error have no row: {dom.error_rows}")
    data_sha = hashlib.sha256(open(data, "rb").read()).hexdigest()
    rules_sha = hashlib.sha256(open(rules, "rb").read()).hexdigest()
    if dom.codes != {"scheme-sha256": rules_sha, "data-sha256": data_sha}:
        fail(f"fingerprints {dom.codes} are not sha256 of the files ({rules_sha}, {data_sha})")

    png = os.path.join(work, "report.png")
    shot = chromium(["--screenshot=" + png, "--window-size=1240,1754", "--hide-scrollbars", url],
                    work)
    if shot.returncode != 0 or not os.path.exists(png):
        fail("chromium --screenshot failed: " + shot.stderr.decode(errors="replace")[-2000:])
    head = open(png, "rb").read(24)
    width, height = struct.unpack(">II", head[16:24])
    if head[:8] != b"\x89PNG\r\n\x1a\n" or (width, height) != (1240, 1754):
        fail(f"the screenshot is not a 1240x1754 PNG: {head[:8]} {width}x{height}")
    if os.path.getsize(png) < 30000:
        fail(f"the screenshot is nearly empty ({os.path.getsize(png)} bytes)")

    pdf = os.path.join(work, "report.pdf")
    printed = chromium(["--print-to-pdf=" + pdf, "--no-pdf-header-footer", url], work)
    if printed.returncode != 0 or not os.path.exists(pdf):
        fail("chromium --print-to-pdf failed: " + printed.stderr.decode(errors="replace")[-2000:])
    pdf_bytes = open(pdf, "rb").read()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf_bytes)
    if not boxes or any(abs(float(w) - 595.3) > 2 or abs(float(h) - 841.9) > 2 for w, h in boxes):
        fail(f"the printed pages are not A4: {boxes[:3]}")
    print(f"ok: {len(scored)} scored units in {len(dom.groups)} rankings, {len(dom.unit_sections)} "
          f"unit sections, {len(in_error)} unit(s) in error; {png} {width}x{height}, "
          f"{pdf} {len(boxes)} A4 pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
