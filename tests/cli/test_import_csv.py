#!/usr/bin/env python3
# test_import_csv.py: attendance-cli's pupils import of another system's
# file (--map) and of a file that lists the whole roll (--leavers-on), end
# to end through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December); "today" is Friday
# 20 December 2024. Run with --tap for TAP output.

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, HEAD,  # noqa: E402
                      check, equal, main as run_tests)

# A SIMS-style export: its own column names, dates day first.
SIMS = ["UPN", "Legal Surname", "Legal Forename", "Date of Birth", "Gender", "NC Year",
        "Form", "Start"]


def sims_rows(upns):
    people = {UPN_A: ["Khan", "Amina", "14/10/2015", "F"],
              UPN_B: ["Smith", "Ben", "14/11/2015", "M"],
              UPN_C: ["Jones", "Cara", "03/04/2016", "F"]}
    return [SIMS] + [[upn] + people[upn] + ["4", "4K", "02/09/2024"] for upn in upns]


MAPS = ["--map", "surname=Legal Surname", "--map", "forename=Legal Forename",
        "--map", "year_group=NC Year", "--map=reg_group=Form", "--map", "admission_date=Start"]


def audit_count(t):
    con = sqlite3.connect(t.db)
    try:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def test_pupils_import_with_map():
    t = School().setup()
    try:
        path = t.write("sims.csv", sims_rows([UPN_A, UPN_B, UPN_C]))
        # Without --map the file is refused, as it always was: "Date of
        # Birth" and "Gender" are read by their names, the rest missing.
        r = t.refused("pupils", "import", path, "--user", HEAD)
        check("surname" in r.err and "admission_date" in r.err, r.err)

        r = t.ok("pupils", "import", path, "--user", HEAD, *MAPS)
        equal(r.out.strip().splitlines()[-1], "Pupils: 3 rows: 3 added, 0 updated, 0 unchanged",
              "the summary")
        by_upn = {p["upn"]: p for p in t.json("pupils", "list")}
        equal(by_upn[UPN_C]["dob"], "2016-04-03", "03/04/2016 is 3 April")
        equal(by_upn[UPN_C]["group"], "4K", "Form read as reg_group")
        equal(by_upn[UPN_C]["admission_date"], "2024-09-02", "Start read as admission_date")

        # A column we do not have, or no "=", is a usage error.
        r = t.usage("pupils", "import", path, "--user", HEAD, "--map", "shoe=Shoe Size")
        check("“shoe” is not a column of a pupils file" in r.err, r.err)
        t.usage("pupils", "import", path, "--user", HEAD, "--map", "surname")
        # A chosen column the file does not have is a problem of the file.
        r = t.refused("pupils", "import", path, "--user", HEAD, *MAPS, "--map", "dob=Birthday")
        check("column dob: the file has no column “Birthday”" in r.err, r.err)
    finally:
        t.cleanup()


def test_pupils_import_leavers_on():
    t = School().setup()
    try:
        path = t.write("week1.csv", sims_rows([UPN_A, UPN_B, UPN_C]))
        t.ok("pupils", "import", path, "--user", HEAD, *MAPS)

        # Next week's file lists the roll without Ben: a dry run says so and
        # writes nothing.
        week2 = t.write("week2.csv", sims_rows([UPN_A, UPN_C]))
        before = audit_count(t)
        r = t.ok("pupils", "import", week2, "--user", HEAD, "--dry-run",
                 "--leavers-on", "2024-12-13", *MAPS)
        check("Ben Smith (UPN %s) is not in the file: leaves on 2024-12-13" % UPN_B in r.out, r.out)
        equal(r.out.strip().splitlines()[-1],
              "Pupils: 2 rows: 0 added, 0 updated, 2 unchanged, 1 left (dry run: nothing was written)",
              "the dry run's summary")
        equal(audit_count(t), before, "a dry run writes nothing")

        r = t.ok("pupils", "import", week2, "--user", HEAD, "--leavers-on", "2024-12-13", *MAPS)
        equal(r.out.strip().splitlines()[-1],
              "Pupils: 2 rows: 0 added, 0 updated, 2 unchanged, 1 left", "the summary")
        pupils = t.json("pupils", "list")
        equal(len(pupils), 3, "nobody added twice")
        by_upn = {p["upn"]: p for p in pupils}
        equal(by_upn[UPN_B]["leaving_date"], "2024-12-13", "Ben left")
        equal(by_upn[UPN_A]["leaving_date"], None, "Amina stays")

        # A leaver over marks: Cara has marks on 16 and 17 December, after
        # the 13th; the whole file is refused naming her and the marks.
        t.mark(UPN_C, "2024-12-16", "am", "/")
        t.mark(UPN_C, "2024-12-17", "am", "/")
        week3 = t.write("week3.csv", sims_rows([UPN_A]))
        before = audit_count(t)
        r = t.refused("pupils", "import", week3, "--user", HEAD, "--leavers-on", "2024-12-13", *MAPS)
        check("Cara Jones (UPN %s) is not in the file, so would leave on 2024-12-13" % UPN_C in r.err, r.err)
        check("2 marks after the new leaving date 2024-12-13" in r.err, r.err)
        equal(audit_count(t), before, "nothing written")
        equal({p["upn"]: p for p in t.json("pupils", "list")}[UPN_C]["leaving_date"], None, "Cara on roll")

        t.usage("pupils", "import", week3, "--user", HEAD, "--leavers-on", "13/13/2024", *MAPS)
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
