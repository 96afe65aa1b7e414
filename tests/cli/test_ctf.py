#!/usr/bin/env python3
# test_ctf.py: attendance-cli's import of a Common Transfer File, end to
# end through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The fixtures are tests/data/ctf/, made-up files. "Today" is Monday
# 1 September 2025. Run with --tap for TAP output.

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import School, HEAD, RECEPTION, check, equal, main as run_tests  # noqa: E402

NOW = "2025-09-01"
DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "ctf")
CTF25 = os.path.join(DATA, "ctf25-two-pupils.xml")
CTF24 = os.path.join(DATA, "ctf24-gender.xml")
MALFORMED = os.path.join(DATA, "ctf-malformed.xml")
AMELIA = "A999200114001"
KACPER = "P999200114002"
ISLA = "B999300115007"


def counts(t):
    con = sqlite3.connect(t.db)
    try:
        return tuple(con.execute("SELECT count(*) FROM " + table).fetchone()[0]
                     for table in ("pupils", "contacts", "previous_attendance", "marks",
                                   "mark_history", "audit_log"))
    finally:
        con.close()


def test_ctf_dry_run_then_import():
    t = School().setup()
    try:
        before = counts(t)
        plan = t.json("import", "ctf", CTF25, "--dry-run", "--user", HEAD, today=NOW)
        # A dry run prints the plan and writes nothing.
        equal(counts(t), before, "tables after a dry run")
        equal(plan["dry_run"], True, "dry_run")
        equal(plan["version"], "25.0", "version")
        equal(plan["pupils_new"], 2, "new pupils")
        equal(plan["contacts_added"], 3, "contacts added")
        equal(plan["previous_attendance"], 2, "years of past attendance")
        # Without --admission the new pupils join today.
        equal(plan["admission"], NOW, "admission")
        amelia = plan["pupils"][0]
        equal(amelia["upn"], AMELIA, "first pupil")
        year = amelia["previous_attendance"][0]
        # "/\/\C1\II/N/\L\MM/\/O": 21 characters, 20 sessions (C1 is one):
        # attended 13, authorised 5 (C1, I, I, M, M), unauthorised 2 (N, O);
        # the file says 21 possible and 14 attended, one more of each.
        equal(year["counted"]["sessions"], 20, "sessions counted")
        equal(year["counted"]["possible"], 20, "possible counted")
        equal(year["counted"]["attended"], 13, "attended counted")
        equal(year["counted"]["last_day"], "2024-09-13", "the tenth weekday")
        equal(year["file"]["possible"], 21, "possible in the file")
        equal(year["differences"], ["possible: 21 in the file, 20 counted from the marks (-1)",
                                    "attended: 14 in the file, 13 counted from the marks (-1)"],
              "differences")
        check(any("<FavouriteColour>" in n for n in amelia["notices"]), amelia["notices"])

        # The readable plan says the same, and a receptionist may not import.
        text = t.ok("import", "ctf", CTF25, "--dry-run", "--user", HEAD, today=NOW).out
        check("Difference: possible: 21 in the file, 20 counted from the marks (-1)" in text, text)
        check("Dry run: nothing was written" in text, text)
        t.refused("import", "ctf", CTF25, "--user", RECEPTION, today=NOW)
        equal(counts(t), before, "tables after a refusal")

        t.ok("import", "ctf", CTF25, "--user", HEAD, "--admission", "2025-09-03", today=NOW)
        shown = t.json("pupils", "show", AMELIA, today=NOW)
        equal(shown["upn"], AMELIA, "upn")
        equal(shown["legal_forename"], "Amelia", "legal forename")
        equal(shown["forename"], "Millie", "preferred forename")
        equal(shown["admission_date"], "2025-09-03", "admission")
        equal(shown["fsm"], True, "fsm")
        equal(shown["sen"], "K", "sen")
        equal(shown["looked_after"], True, "looked after")
        equal([c["surname"] for c in shown["contacts"]], ["Thornbury", "Oduya"], "contacts")
        # Pupils 2, contacts 3, two years kept apart; the register untouched
        # (no mark, no history).
        after = counts(t)
        equal(after[:5], (2, 3, 2, 0, 0), "pupils, contacts, previous attendance, marks, history")

        # The same file again: nothing new.
        again = t.json("import", "ctf", CTF25, "--user", HEAD, today=NOW)
        equal(again["pupils_unchanged"], 2, "unchanged")
        equal(again["previous_attendance_held"], 2, "held")
        equal(counts(t)[:3], (2, 3, 2), "nothing added twice")
    finally:
        t.cleanup()


def test_ctf24_gender():
    t = School().setup()
    try:
        t.ok("import", "ctf", CTF24, "--user", HEAD, today=NOW)
        shown = t.json("pupils", "show", ISLA, today=NOW)
        equal(shown["sex"], "F", "sex from <Gender>")
        equal(shown["admission_date"], NOW, "admitted today")
    finally:
        t.cleanup()


def test_ctf_bad_files():
    t = School().setup()
    try:
        before = counts(t)
        r = t.refused("import", "ctf", MALFORMED, "--user", HEAD, today=NOW)
        check("ctf-malformed.xml is not a whole, well-formed XML file" in r.err, r.err)
        check("line 10" in r.err, r.err)
        # A pupil without a valid UPN refuses the whole file, naming the
        # pupil and the element; the first pupil is not imported either.
        bad = t.path("bad-upn.xml")
        with open(bad, "w") as f:
            f.write("<CTfile><Header><CTFversion>25.0</CTFversion></Header><CTFpupilData>"
                    "<Pupil><UPN>" + AMELIA + "</UPN><Surname>Thornbury</Surname>"
                    "<Forename>Amelia</Forename><DOB>2014-03-11</DOB><Sex>F</Sex>"
                    "<BasicDetails><NCyearActual>6</NCyearActual></BasicDetails></Pupil>"
                    "<Pupil><Surname>Lee</Surname><Forename>Sam</Forename>"
                    "<DOB>2014-01-02</DOB><Sex>M</Sex></Pupil>"
                    "</CTFpupilData></CTfile>")
        r = t.refused("import", "ctf", bad, "--user", HEAD, "--json", today=NOW)
        equal(r.out, "", "nothing on stdout")
        check("bad-upn.xml was not imported (nothing was changed): pupil 2, <UPN>" in r.err, r.err)
        equal(counts(t), before, "nothing written")
        t.usage("import", "ctf", CTF25, today=NOW)
        r = t.usage("import", "ctf", CTF25, "--user", HEAD, "--admission", "03/09/2025", today=NOW)
        equal(counts(t), before, "nothing written")
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
