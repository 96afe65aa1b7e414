#!/usr/bin/env python3
# test_report.py: attendance-cli's report and export census, end to end
# through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). Amina Khan (A, girl),
# Ben Smith (B, boy), Cara Jones (C, girl) and Dev Patel (D, boy) are in
# Year 4, group 4K, aged 8 on 31 August 2024. "Today" is Friday 20
# December 2024 unless a test says otherwise. Run with --tap for TAP
# output.

import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, HEAD,  # noqa: E402
                      check, equal, school_days, sessions_of, main as run_tests)


def marked_school():
    """The marks of test_cli.py's stats test, 16 to 27 September: 10
    days, 20 sessions numbered 0 to 19.
      A: I at 3 and 4, L at 9, G at 14: possible 20, attended 17,
         authorised 2, unauthorised 1 (85.0%, persistent)
      B: M at 0 and 1: possible 20, attended 18 (exactly 90.0%: persistent)
      C: O at 7: possible 20, attended 19 (95.0%)
      D: O at 0 to 7, 8 to 17 present, 18 and 19 not marked: possible 18,
         attended 10, unauthorised 8 (persistent, not severe)"""
    t = School().setup()
    t.add_pupils()
    slots = sessions_of(school_days("2024-09-16", 10))
    special = {3: "I", 4: "I", 9: "L", 14: "G"}
    t.marks(UPN_A, [(d, s, special.get(i, "/")) for i, (d, s) in enumerate(slots)])
    t.marks(UPN_B, [(d, s, "M" if i in (0, 1) else "/") for i, (d, s) in enumerate(slots)])
    t.marks(UPN_C, [(d, s, "O" if i == 7 else "/") for i, (d, s) in enumerate(slots)])
    t.marks(UPN_D, [(d, s, "O" if i < 8 else "/") for i, (d, s) in enumerate(slots[:18])])
    return t


def test_report_custom_period():
    t = marked_school()
    try:
        r = t.json("report", "--from", "2024-09-16", "--to", "2024-09-27")
        equal((r["period"], r["from"], r["to"], r["until"]),
              ("custom", "2024-09-16", "2024-09-27", "2024-09-27"), "the period")
        equal(r["ages_5_to_15"], False, "no age rule")
        equal(r["target"], None, "no target set")
        # Not a week, half term or term: the same dates a year before.
        equal((r["last_year"]["from"], r["last_year"]["to"]), ("2023-09-16", "2023-09-27"),
              "last year's period")

        # Possible 20 + 20 + 20 + 18 = 78; attended 17 + 18 + 19 + 10 = 64,
        # 64 / 78 = 82.1%; authorised 2 + 2 = 4, 5.1%; unauthorised
        # 1 + 1 + 8 = 10, 12.8%; persistent A, B and D, 3 of 4 = 75.0%.
        s = r["school"]
        equal((s["key"], s["pupils"], s["possible"], s["attended"], s["authorised"],
               s["unauthorised"], s["missing"]), ("school", 4, 78, 64, 4, 10, 2), "the school")
        equal((s["attendance_pct"], s["authorised_pct"], s["unauthorised_pct"]),
              (82.1, 5.1, 12.8), "the school's rates")
        equal((s["persistent"], s["persistent_pct"], s["severe"], s["severe_pct"]),
              (3, 75.0, 0, 0.0), "persistent and severe absence")
        equal(s["lates"], 1, "A's L")
        # Nobody was on roll a year before.
        equal(s["last_year"]["pupils"], 0, "last year's pupils")

        equal(sorted(r["by"].keys()), ["cohort", "group", "year"], "every breakdown")
        equal([(y["key"], y["label"], y["possible"]) for y in r["by"]["year"]],
              [("4", "Year 4", 78)], "one year group")
        equal([g["key"] for g in r["by"]["group"]], ["4K"], "one registration group")
        cohorts = {c["key"]: c for c in r["by"]["cohort"]}
        equal(len(cohorts), 11, "every cohort")
        # Boys B and D: 38 possible, 28 attended; girls A and C: 40, 36.
        equal((cohorts["male"]["pupils"], cohorts["male"]["possible"], cohorts["male"]["attended"]),
              (2, 38, 28), "boys")
        equal((cohorts["female"]["possible"], cohorts["female"]["attended"]), (40, 36), "girls")
        equal(cohorts["young-carer"]["pupils"], 0, "no young carer")

        # Mondays 16 and 23 September: A 4 of 4, B 2 of 4 (M M), C 4 of 4,
        # D 2 of 4 (O O on the 16th): 16 possible, 12 attended, 75.0%.
        monday = r["weekdays"][0]
        equal((monday["day"], monday["possible"], monday["attended"], monday["attendance_pct"]),
              ("monday", 16, 12, 75.0), "Mondays")
        equal(sum(d["possible"] for d in r["weekdays"]), 78, "the weekdays add up")
        equal(r["codes"]["O"], 9, "O: C's one and D's eight")
        equal(r["codes"]["M"], 2, "B's M")

        # The school year's weeks: 1 September 2024 is a Sunday, in the
        # week of Monday 26 August, and 31 August 2025 a Sunday, in the
        # week of Monday 25 August: 53 weeks. Half term is a gap.
        weeks = r["weeks"]
        equal(len(weeks), 53, "the weeks of the school year")
        equal((weeks[0]["monday"], weeks[0]["school"]), ("2024-08-26", False), "the first week")
        equal(weeks[-1]["monday"], "2025-08-25", "the last week")
        half_term = [w for w in weeks if w["monday"] == "2024-10-28"][0]
        equal((half_term["school"], half_term["possible"], half_term["attendance_pct"]),
              (False, 0, None), "half term is a gap")
        week_16 = [w for w in weeks if w["monday"] == "2024-09-16"][0]
        equal((week_16["possible"], week_16["school"]), (40, True), "the week of 16 September")

        # Persistently absent, most absent first: D 8 of 18, A 3 of 20, B
        # 2 of 20.
        equal([p["upn"] for p in r["lists"]["persistent"]], [UPN_D, UPN_A, UPN_B],
              "the persistent list")
        equal(r["lists"]["persistent"][2]["attendance_pct"], 90.0, "B reads 90.0%")
        equal(r["lists"]["severe"], [], "nobody severely absent")

        # --by keeps one breakdown; the table shows the same figures.
        only = t.json("report", "--from", "2024-09-16", "--to", "2024-09-27", "--by", "group")
        equal(list(only["by"].keys()), ["group"], "--by group")
        out = t.ok("report", "--from", "2024-09-16", "--to", "2024-09-27", "--by", "cohort").out
        check("Whole school" in out and "82.1" in out and "75.0" in out, out)
        check("Boys" in out and "Year 4" not in out, out)
    finally:
        t.cleanup()


def test_report_periods():
    t = marked_school()
    try:
        # On Wednesday 18 September this week runs Monday 16 to Friday 20,
        # counted to today: A's I, I at sessions 3 and 4 and her L at 9 are
        # after; so 6 sessions, 4 attended.
        r = t.json("report", "--period", "this-week", today="2024-09-18")
        equal((r["period"], r["from"], r["to"], r["until"]),
              ("this-week", "2024-09-16", "2024-09-20", "2024-09-18"), "this week")
        equal((r["last_year"]["from"], r["last_year"]["to"]), ("2023-09-18", "2023-09-22"),
              "the same weekdays a year before")
        r = t.json("report", "--period", "this-half-term", "--ages-5-15")
        equal((r["from"], r["to"], r["ages_5_to_15"]), ("2024-11-04", "2024-12-20", True),
              "the half term holding today")
        r = t.json("report", "--period", "this-term")
        equal((r["from"], r["to"]), ("2024-09-02", "2024-12-20"), "the autumn term")
        r = t.json("report")
        equal((r["period"], r["from"], r["to"]), ("this-year", "2024-09-01", "2024-12-20"),
              "this school year by default")
        equal(r["school"]["possible"], 78, "the year's sessions marked")

        t.usage("report", "--period", "fortnight")
        t.usage("report", "--period", "custom")
        t.usage("report", "--period", "this-week", "--from", "2024-09-16")
        t.usage("report", "--by", "school")
        t.usage("report", "--from", "2024-09-27", "--to", "2024-09-16")
        # Before the calendar's first term there is no half term.
        t.refused("report", "--period", "this-half-term", today="2024-08-01")
    finally:
        t.cleanup()


def test_report_target():
    t = marked_school()
    try:
        t.refused("school", "set", "attendance_target", "101", "--user", HEAD)
        t.refused("school", "set", "attendance_target", "ninety", "--user", HEAD)
        equal(t.json("school", "show")["attendance_target"], "", "no target yet")
        t.ok("school", "set", "attendance_target", "96", "--user", HEAD)
        equal(t.json("school", "show")["attendance_target"], "96", "the target")
        equal(t.json("report")["target"], 96.0, "the report's target")
        t.ok("school", "set", "attendance_target", "", "--user", HEAD)
        equal(t.json("report")["target"], None, "the target removed")
    finally:
        t.cleanup()


def test_export_census():
    t = marked_school()
    try:
        path = t.path("census.csv")
        t.ok("export", "census", path, "--term", "autumn")
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        # Jones, Khan, Patel, Smith.
        equal([r["upn"] for r in rows], [UPN_C, UPN_A, UPN_D, UPN_B], "every pupil, by name")
        a = rows[1]
        # A over the autumn term to today: 20 possible, I I and G.
        equal((a["surname"], a["forename"], a["term"], a["from"], a["to"]),
              ("Khan", "Amina", "autumn", "2024-09-02", "2024-12-20"), "A's row")
        equal((a["possible"], a["authorised"], a["unauthorised"], a["I"], a["G"], a["M"]),
              ("20", "2", "1", "2", "1", "0"), "A's sessions")
        d = rows[2]
        equal((d["possible"], d["unauthorised"], d["O"]), ("18", "8", "8"), "D's sessions")
        check(os.stat(path).st_mode & 0o077 == 0, "the file is the owner's only")

        # No spring term in the calendar: refused, nothing written.
        t.refused("export", "census", t.path("spring.csv"), "--term", "spring")
        check(not os.path.exists(t.path("spring.csv")), "no file for a refused census")
        t.refused("export", "census", t.path("old.csv"), "--term", "autumn", "--year", "2023")
        t.usage("export", "census", t.path("x.csv"))
        t.usage("export", "census", t.path("x.csv"), "--term", "winter")
        t.usage("export", "census", t.path("x.csv"), "--term", "autumn", "--year", "24")

        # The summer as two parts: a calendar with one summer term is
        # split at the late May bank holiday, 26 May 2025.
        t.ok("calendar", "term", "add", "Summer 2025", "2025-04-22", "2025-07-18", "--user", HEAD)
        marks = t.write("summer-marks.csv", [["upn", "date", "session", "code"],
                                             [UPN_A, "2025-05-19", "am", "I"],
                                             [UPN_A, "2025-06-02", "am", "O"],
                                             [UPN_B, "2025-05-19", "am", "/"]])
        t.ok("marks", "import", marks, "--user", HEAD, today="2025-07-18")
        path = t.path("summer.csv")
        t.ok("export", "census", path, "--term", "summer", today="2025-07-18")
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        # Each pupil with a possible session in the summer has both rows,
        # in name order: A (Khan), then B (Smith), whose second half holds
        # none; C and D, with no mark, have none.
        equal([(r["upn"], r["term"], r["from"], r["to"], r["possible"], r["I"], r["O"]) for r in rows],
              [(UPN_A, "summer-1", "2025-04-22", "2025-05-25", "1", "1", "0"),
               (UPN_A, "summer-2", "2025-05-26", "2025-07-18", "1", "0", "1"),
               (UPN_B, "summer-1", "2025-04-22", "2025-05-25", "1", "0", "0"),
               (UPN_B, "summer-2", "2025-05-26", "2025-07-18", "0", "0", "0")], "the two halves")
    finally:
        t.cleanup()


if __name__ == "__main__":
    # Only this file's tests: test_cli's own run in their own file.
    import test_cli
    for name in [n for n in vars(test_cli) if n.startswith("test_")]:
        delattr(test_cli, name)
    test_cli.__dict__.update({n: f for n, f in globals().items() if n.startswith("test_")})
    sys.exit(run_tests())
