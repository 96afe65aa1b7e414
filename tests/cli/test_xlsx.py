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
import zipfile

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


def rounded(value):
    """Excel keeps 15 significant digits and libxlsxwriter writes 16: a
    fraction read back is compared to 12 decimal places."""
    if isinstance(value, float):
        return round(value, 12)
    if isinstance(value, (tuple, list)):
        return type(value)(rounded(v) for v in value)
    return value


def near(actual, expected, what=""):
    equal(rounded(actual), rounded(expected), what)


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
        # Columns fit what they hold: a UPN is 13 characters; a title
        # such as "Possible sessions" (17) with its filter button.
        check(ws.column_dimensions["A"].width >= 13, ws.column_dimensions["A"].width)
        column = openpyxl.utils.get_column_letter(titles.index("Possible sessions") + 1)
        check(ws.column_dimensions[column].width >= 17, ws.column_dimensions[column].width)
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


SHEETS = ["Summary", "Year groups", "Registration groups", "Cohorts",
          "Persistent and severe absence", "Threshold", "Codes", "Weekly trend", "Pupils",
          "Register"]


def test_report_sheets():
    t = school()
    try:
        t.ok("school", "set", "attendance_target", "96", "--user", HEAD)
        path, wb = export(t, "--from", FROM, "--to", TO)
        # Every sheet, in order; no letters, calls or leave in the period.
        near(wb.sheetnames, SHEETS, "sheets")
        for ws in wb:
            check(ws.auto_filter.ref, "%s has an autofilter" % ws.title)

        # Worked by hand from school()'s marks. Possible: A 20, B 20, C 20,
        # D 18, E 20 = 98. Attended: A 17, B 18, C 19, D 10, E 10 = 74.
        # Authorised: A 2 (I), B 2 (M) = 4. Unauthorised: A 1 (G), C 1,
        # D 8, E 10 = 20. Absence: A 15%, B 10%, C 5%, D 44.4%, E 50%:
        # persistent A, B, D, E (4 of 5); severe E (1). Lates: A's L.
        ws = wb["Summary"]
        every = [r for r in ws.iter_rows(values_only=True)]
        split = [r[0] for r in every].index("Definitions")
        rows = {r[0]: r for r in every[:split] if r[0]}
        definitions = {r[0]: r[1] for r in every[split + 1:] if r[0]}
        check(rows["Attendance report: Riverside Primary"], "title")
        near(rows["Period"][1], "Mon 16 Sep 2024 to Fri 27 Sep 2024", "period")
        near(rows["Attendance target"][1], 0.96, "target")
        near(rows["Pupils counted"][1], 5, "pupils")
        near(rows["Possible sessions"][1], 98, "possible")
        near(rows["Attendance"][1], 74 / 98, "attendance")
        near(rows["Authorised absence rate"][1], 4 / 98, "authorised")
        near(rows["Unauthorised absence rate"][1], 20 / 98, "unauthorised")
        near((rows["Persistently absent pupils"][1], rows["Persistent absence rate"][1]),
              (4, 4 / 5), "persistent")
        near((rows["Severely absent pupils"][1], rows["Severe absence rate"][1]), (1, 1 / 5),
              "severe")
        near(rows["Late sessions (L and U)"][1], 1, "lates")
        # No register a year before: nothing beside the figures.
        near(rows["Same period last year"][1], "No register for it", "last year")
        near(rows["Attendance"][2], None, "no last year's figure")
        check("10% or more" in definitions["Persistently absent"], definitions)
        for measure in ("Possible sessions", "Attendance", "Authorised absence rate",
                        "Unauthorised absence rate", "Severely absent", "Cohorts", "Threshold"):
            check(definitions.get(measure), "%s is defined" % measure)
        cell = next(c for c in ws["B"] if c.value == 74 / 98)
        near(cell.number_format, "0.0%", "a percentage")

        # The same figures by year group (all five in Year 4), by
        # registration group (E alone in "@4K", a text) and by cohort
        # (boys B and D: 20 + 18 = 38 possible, 18 + 10 = 28 attended;
        # girls A, C and E: 60 possible, 17 + 19 + 10 = 46 attended).
        # Attendance below the target of 96% stands out.
        rules = [r for rng in wb["Year groups"].conditional_formatting for r in rng.rules]
        near([f for r in rules for f in r.formula], ["AND(ISNUMBER(G2),G2<0.96)"],
             "below the target")
        year = rows_by(wb["Year groups"], "Year group")
        near(list(year), ["Year 4"], "year groups")
        near((year["Year 4"]["Possible sessions"], year["Year 4"]["Attended"],
               year["Year 4"]["Persistently absent"]), (98, 74, 4), "Year 4")
        groups = rows_by(wb["Registration groups"], "Registration group")
        near(sorted(groups), ["4K", "@4K"], "registration groups")
        near((groups["@4K"]["Pupils"], groups["@4K"]["Severe absence rate"]), (1, 1.0), "@4K")
        cohorts = rows_by(wb["Cohorts"], "Cohort")
        near((cohorts["Boys"]["Possible sessions"], cohorts["Boys"]["Attended"]), (38, 28), "boys")
        near((cohorts["Girls"]["Possible sessions"], cohorts["Girls"]["Attended"]), (60, 46),
              "girls")

        pa = rows_by(wb["Persistent and severe absence"], "UPN")
        near(sorted(pa), sorted([UPN_A, UPN_B, UPN_D, UPN_E]), "persistently absent")
        near([pa[u]["Severely absent"] for u in (UPN_A, UPN_E)], ["No", "Yes"], "severe")
        near(pa[UPN_D]["Absence rate"], 8 / 18, "D's absence")

        # The threshold on 27 September: E has 10 O, D 8 (within 2).
        window = rows_by(wb["Threshold"], "UPN")
        near(sorted(window), sorted([UPN_D, UPN_E]), "threshold list")
        near((window[UPN_E]["Unauthorised sessions in the window"], window[UPN_E]["At the threshold"],
              window[UPN_D]["Unauthorised sessions in the window"], window[UPN_D]["At the threshold"]),
              (10, "Yes", 8, "No"), "counts")

        codes = rows_by(wb["Codes"], "Code")
        near((codes["O"]["Sessions"], codes["I"]["Sessions"], codes["G"]["Sessions"],
               codes["L"]["Sessions"]), (19, 2, 1, 1), "codes")
        near(codes["O"]["Counted as"], "Unauthorised absence", "O's meaning")
        near(codes["O"]["Share of possible"], 19 / 98, "O's share")
        near(codes["X"]["Sessions"], 0, "every code, used or not")

        # Weekly trend: the week of 16 September holds 50 possible
        # sessions and 27 attended (A 8, B 8, C 9, D 2, E 0); the week of
        # 23 September 48 and 47 (D's last two not marked; A's G). The
        # half term is a gap; a line chart with the target beside it.
        ws = wb["Weekly trend"]
        weeks = {r[0].date().isoformat(): r for r in ws.iter_rows(min_row=2, values_only=True)}
        near(weeks["2024-09-16"][1:6], ("Yes", 50, 27, 27 / 50, 0.96), "week 1")
        near(weeks["2024-09-23"][1:5], ("Yes", 48, 47, 47 / 48), "week 2")
        near(weeks["2024-10-28"][1:5], ("No", None, None, None), "half term")
        near(len(ws._charts), 1, "a chart")
        chart = ws._charts[0]
        near(chart.tagname, "lineChart", "a line chart")
        near(len(chart.series), 2, "attendance and the target")
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/charts/chart1.xml").decode()
        # Blank cells are gaps: Excel's own choice when the chart names
        # none, and libxlsxwriter writes none for gaps.
        check("dispBlanksAs" not in xml or '<c:dispBlanksAs val="gap"/>' in xml,
              "holidays are gaps")
        check('<a:prstDash val="dash"/>' in xml, "the target is dashed")
        check("Week beginning" in xml and "Weekly attendance" in xml, "titled axes")
    finally:
        t.cleanup()


def pct_of(value, pct, what):
    """A fraction of the workbook against the JSON's percentage, which is
    rounded to one decimal place."""
    if pct is None:
        equal(value, None, what)
    else:
        check(value is not None and abs(value * 100 - pct) <= 0.05 + 1e-9,
              "%s: %r against %r%%" % (what, value, pct))


def test_workbook_matches_report_json():
    # The demo school: every figure of the report's sheets is the one
    # `attendance-cli report --json` gives for the same period.
    t = School()
    try:
        t.ok("demo", "--pupils", "150", "--years", "2", db=True, today=NOW)
        path, wb = export(t)
        report = t.json("report", today=NOW)
        equal(report["from"], "2024-09-01", "this school year")
        school = report["school"]
        ws = wb["Summary"]
        every = [r for r in ws.iter_rows(values_only=True)]
        rows = {r[0]: r for r in every[:[r[0] for r in every].index("Definitions")] if r[0]}
        for measure, key, last in (("Pupils counted", "pupils", 2),
                                   ("Possible sessions", "possible", 2),
                                   ("Persistently absent pupils", "persistent", 2),
                                   ("Severely absent pupils", "severe", 2),
                                   ("Late sessions (L and U)", "lates", 2)):
            equal(rows[measure][1], school[key], measure)
            equal(rows[measure][last], school["last_year"][key], measure + " last year")
        for measure, key in (("Attendance", "attendance_pct"),
                             ("Authorised absence rate", "authorised_pct"),
                             ("Unauthorised absence rate", "unauthorised_pct"),
                             ("Persistent absence rate", "persistent_pct"),
                             ("Severe absence rate", "severe_pct")):
            pct_of(rows[measure][1], school[key], measure)
            pct_of(rows[measure][2], school["last_year"][key], measure + " last year")

        for sheet, by, first in (("Year groups", "year", "Year group"),
                                 ("Registration groups", "group", "Registration group"),
                                 ("Cohorts", "cohort", "Cohort")):
            got = rows_by(wb[sheet], first)
            want = {g["label"]: g for g in report["by"][by]}
            equal(list(got), list(want), sheet + " in the report's order")
            for label, g in want.items():
                row = got[label]
                equal((row["Pupils"], row["Possible sessions"], row["Attended"],
                       row["Authorised absence"], row["Unauthorised absence"],
                       row["Persistently absent"], row["Severely absent"],
                       row["Late sessions (L and U)"]),
                      (g["pupils"], g["possible"], g["attended"], g["authorised"],
                       g["unauthorised"], g["persistent"], g["severe"], g["lates"]),
                      "%s %s" % (sheet, label))
                pct_of(row["Attendance"], g["attendance_pct"], label)
                pct_of(row["Persistent absence rate"], g["persistent_pct"], label)
                if g.get("last_year"):
                    pct_of(row["Attendance last year"], g["last_year"]["attendance_pct"],
                           label + " last year")

        codes = rows_by(wb["Codes"], "Code")
        for code, n in report["codes"].items():
            equal(codes[code]["Sessions"], n, "code " + code)
        weeks = {r[0].date().isoformat(): r for r in wb["Weekly trend"].iter_rows(
            min_row=2, values_only=True)}
        equal(sorted(weeks), sorted(w["monday"] for w in report["weeks"]), "the weeks")
        for w in report["weeks"]:
            row = weeks[w["monday"]]
            equal(row[1], "Yes" if w["school"] else "No", w["monday"])
            if w["school"]:
                equal((row[2], row[3]), (w["possible"], w["attended"]), w["monday"])
            pct_of(row[4], w["attendance_pct"], w["monday"])

        pa = rows_by(wb["Persistent and severe absence"], "UPN")
        equal(sorted(pa), sorted(p["upn"] for p in report["lists"]["persistent"]), "PA list")
        check(len(pa) > 0, "the demo has persistently absent pupils")
        equal(sorted(u for u, r in pa.items() if r["Severely absent"] == "Yes"),
              sorted(p["upn"] for p in report["lists"]["severe"]), "SA list")
        window = rows_by(wb["Threshold"], "UPN")
        equal(list(window), [p["upn"] for p in report["lists"]["threshold"]], "threshold list")
        for p in report["lists"]["threshold"]:
            equal(window[p["upn"]]["Unauthorised sessions in the window"],
                  p["unauthorised_sessions"], p["upn"])
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
