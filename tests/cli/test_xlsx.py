#!/usr/bin/env python3
# test_xlsx.py: attendance-cli's Excel summary workbook (export xlsx),
# end to end through the real binary, read back with openpyxl
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). Run with --tap for TAP
# output.

import os
import stat
import sys

# openpyxl is Debian's python3-openpyxl (tools/setup-debian.sh): when the
# python3 first on the PATH is another one, the system's is used.
try:
    import openpyxl  # noqa: F401
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != \
            os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

import openpyxl  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, HEAD, OFFICER,  # noqa: E402
                      check, equal, make_upn, school_days, sessions_of, main as run_tests)

UPN_E = make_upn("820200100005")
NOW = "2024-11-08"
FROM, TO = "2024-09-16", "2024-09-27"


def school():
    """test_cli's four pupils with the marks of its stats test, and a
    fifth whose names look like formulas."""
    t = School().setup()
    t.add_pupils()
    rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
             "admission_date"],
            [UPN_E, "=SUM(A1)", "+Eve", "2016-02-14", "F", "4", "@4K", "2024-09-02"]]
    t.ok("pupils", "import", t.write("more.csv", rows), "--user", HEAD)
    # Two school weeks, 16 to 27 September: 10 days, 20 sessions, numbered
    # 0 to 19 in date and session order.
    slots = sessions_of(school_days(FROM, 10))
    # A: I at 3 and 4, L at 9, G at 14, else present: possible 20,
    #   present 17 (with L), authorised 2, unauthorised 1; 85.0%.
    special = {3: "I", 4: "I", 9: "L", 14: "G"}
    t.marks(UPN_A, [(d, s, special.get(i, "/")) for i, (d, s) in enumerate(slots)])
    # B: M at 0 and 1: exactly 90.0%, persistently absent.
    t.marks(UPN_B, [(d, s, "M" if i in (0, 1) else "/") for i, (d, s) in enumerate(slots)])
    # C: O at 7: 95.0%.
    t.marks(UPN_C, [(d, s, "O" if i == 7 else "/") for i, (d, s) in enumerate(slots)])
    # D: O at 0 to 7, present at 8 to 17, 18 and 19 not marked: possible
    #   18, absence 8/18 = 44.4%.
    t.marks(UPN_D, [(d, s, "O" if i < 8 else "/") for i, (d, s) in enumerate(slots[:18])])
    # E: O at 0 to 9, present at 10 to 19: 50.0% absence, severe.
    t.marks(UPN_E, [(d, s, "O" if i < 10 else "/") for i, (d, s) in enumerate(slots)])
    return t


def header(ws, row=1):
    return [c.value for c in ws[row]]


def rows_by(ws, key_title, first=2, header_row=1):
    titles = header(ws, header_row)
    key = titles.index(key_title)
    out = {}
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[key] is not None:
            out[row[key]] = dict(zip(titles, row))
    return out


def export(t, *args, today=NOW):
    out = t.path("report.xlsx")
    r = t.ok("export", "xlsx", out, *args, today=today)
    check(out in r.out, r.out)
    return out, openpyxl.load_workbook(out)


def test_pupils_sheet_against_stats():
    t = school()
    try:
        path, wb = export(t, "--from", FROM, "--to", TO)
        check("Pupils" in wb.sheetnames and "Register" in wb.sheetnames, wb.sheetnames)
        # Readable by its owner only, and nothing left beside it.
        equal(stat.S_IMODE(os.stat(path).st_mode), 0o600, "mode")
        equal(sorted(f for f in os.listdir(t.dir) if f.startswith(".")), [], "no temporary")

        ws = wb["Pupils"]
        titles = header(ws)
        for title in ("UPN", "Surname", "Forename", "Possible sessions", "Attendance",
                      "Absence rate", "Persistently absent", "Severely absent", "/", "O"):
            check(title in titles, "%s in %r" % (title, titles))
        equal(ws.freeze_panes, "D2", "the header and the names stay in view")
        check(ws.auto_filter.ref.startswith("A1:"), ws.auto_filter.ref)

        sheet = rows_by(ws, "UPN")
        stats = {s["upn"]: s for s in t.json("stats", "--from", FROM, "--to", TO, today=NOW)}
        equal(sorted(sheet), sorted(stats), "one row per pupil")
        for upn, s in stats.items():
            row = sheet[upn]
            equal((row["Possible sessions"], row["Present (with L)"], row["Authorised absence"],
                   row["Unauthorised absence"], row["Not yet marked"]),
                  (s["possible"], s["present"], s["authorised"], s["unauthorised"],
                   s["missing"]), upn)
            equal(round(row["Attendance"] * 100, 1), s["attendance_pct"], upn)
            equal(row["Persistently absent"], "Yes" if s["persistent"] else "No", upn)
            equal(row["Severely absent"], "Yes" if s["severe"] else "No", upn)
            for code, n in s["codes"].items():
                equal(row[code], n, "%s %s" % (upn, code))
        # A: 17 attended of 20 possible is 0.85 exactly, shown as 85.0%.
        equal(sheet[UPN_A]["Attendance"], 17 / 20, "A")
        # B: 18 of 20 is 90.0%: persistent. E: 10 of 20: severe.
        equal((sheet[UPN_B]["Persistently absent"], sheet[UPN_E]["Severely absent"]),
              ("Yes", "Yes"), "B and E")

        # Percentages are numbers with a percentage format, not text.
        column = titles.index("Attendance") + 1
        cell = ws.cell(row=2, column=column)
        equal(cell.number_format, "0.0%", "percentage format")
        check(isinstance(cell.value, float), repr(cell.value))

        # Names that look like formulas are text, never formulas.
        e = [c for c in ws[ws.max_row] if c.value == "=SUM(A1)"] or \
            [c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1)"]
        check(e, "the surname is there as written")
        equal(e[0].data_type, "s", "stored as a string")
        equal((sheet[UPN_E]["Forename"], sheet[UPN_E]["Group"]), ("+Eve", "@4K"), "E's text")

        # The absence rate colours persistent and severe absence.
        rules = [r for rng in ws.conditional_formatting for r in rng.rules]
        formulas = [f for r in rules for f in (r.formula or [])]
        check(any(">=0.5" in f for f in formulas) and any(">=0.1" in f for f in formulas),
              formulas)

        equal(wb.properties.title, "Attendance report", "document title")
        check("Riverside Primary" in (wb.properties.subject or ""), wb.properties.subject)
    finally:
        t.cleanup()


def test_register_sheet():
    t = school()
    try:
        _, wb = export(t, "--from", FROM, "--to", TO)
        ws = wb["Register"]
        # Row 1: the days; row 2 the table's header: UPN, Name, Group, then
        # the 20 sessions AM, PM, ...
        titles = header(ws, 2)
        equal(titles[:3], ["UPN", "Name", "Group"], "header")
        equal(titles[3:], ["AM", "PM"] * 10, "sessions")
        equal((ws["D1"].value, ws["F1"].value), ("Mon 16/09", "Tue 17/09"), "days")
        equal(ws.freeze_panes, "D3", "frozen")
        check(ws.auto_filter.ref.startswith("A2:"), ws.auto_filter.ref)
        rows = rows_by(ws, "UPN", first=3, header_row=2)
        a = rows[UPN_A]
        codes = [c.value for c in next(r for r in ws.iter_rows(min_row=3) if r[0].value == UPN_A)][3:]
        # A's sessions 3 and 4 are I, 9 L, 14 G, the rest present.
        equal(codes[3:5] + [codes[9], codes[14]], ["I", "I", "L", "G"], "A's codes")
        equal(codes[0:2], ["/", "\\"], "present")
        equal(a["Name"], "Khan, Amina", "name")
        # D's last two sessions were never marked: blank.
        d = [c.value for c in next(r for r in ws.iter_rows(min_row=3) if r[0].value == UPN_D)][3:]
        equal(d[18:], [None, None], "unmarked")
        # Codes are coloured by group: present green, unauthorised red.
        row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == UPN_A)
        present, unauthorised = row[3].fill.fgColor.rgb, row[3 + 14].fill.fgColor.rgb
        check(present.endswith("C6EFCE") and unauthorised.endswith("FFC7CE"),
              (present, unauthorised))
    finally:
        t.cleanup()


def test_logs_only_where_there_are_any():
    t = school()
    try:
        _, wb = export(t, "--from", FROM, "--to", TO)
        for name in ("Letters", "Calls", "Leave decisions"):
            check(name not in wb.sheetnames, "no %s sheet without any" % name)
        t.ok("calls", "add", UPN_A, "--caller", "=HYPERLINK(\"x\")", "--channel", "phone",
             "--direction", "in", "--outcome", "-ill", "--reason", "illness",
             "--date", "2024-09-19", "--user", OFFICER, today="2024-09-19")
        _, wb = export(t, "--from", FROM, "--to", TO)
        ws = wb["Calls"]
        rows = rows_by(ws, "UPN")
        equal(list(rows), [UPN_A], "the call")
        equal((rows[UPN_A]["Caller"], rows[UPN_A]["Outcome"]), ("=HYPERLINK(\"x\")", "-ill"),
              "text as written")
        check(ws.auto_filter.ref.startswith("A1:") and ws.freeze_panes == "D2", "a table")
        # Outside the period, no call.
        _, wb = export(t, "--from", "2024-09-23", "--to", TO)
        check("Calls" not in wb.sheetnames, wb.sheetnames)
    finally:
        t.cleanup()


def test_export_usage_and_refusals():
    t = school()
    try:
        t.usage("export", "xlsx", t.path("report.csv"))
        t.usage("export", "xlsx", t.path("report.xlsx"), "--from", TO, "--to", FROM)
        t.usage("export", "xlsx", t.path("report.xlsx"), "--from", "27/09/2024")
        t.usage("export", "xlsx")
        r = t.refused("export", "xlsx", t.path("no/such/folder/report.xlsx"), today=NOW)
        check("no/such/folder" in r.err, r.err)
        # An existing file is replaced whole.
        path = t.path("report.xlsx")
        with open(path, "w") as f:
            f.write("old")
        t.ok("export", "xlsx", path, "--from", FROM, "--to", TO, today=NOW)
        check(openpyxl.load_workbook(path).sheetnames, "replaced by a workbook")
    finally:
        t.cleanup()


if __name__ == "__main__":
    # Only this file's tests: test_cli's own are run by their own file.
    import test_cli
    for name in list(vars(test_cli)):
        if name.startswith("test_"):
            delattr(test_cli, name)
    test_cli.main.__globals__.update({k: v for k, v in globals().items() if k.startswith("test_")})
    sys.exit(run_tests())
