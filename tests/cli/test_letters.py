#!/usr/bin/env python3
# test_letters.py: attendance-cli letters log, end to end through the real
# binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). "Today" is Friday 20
# December 2024. The letters are logged as the window and the leave
# letters log them (the core's att_letters_record()); no command writes a
# letter yet, so the test puts them in the log the same way, in SQL.
# Run with --tap for TAP output.

import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, OFFICER,  # noqa: E402
                      check, equal, main as run_tests)


def day(text):
    """A date as the database keeps it: its day number, 1 January of the
    year 1 being day 1."""
    return datetime.date.fromisoformat(text).toordinal()


def log_letters(t):
    con = sqlite3.connect(t.db)
    try:
        pupils = dict(con.execute("SELECT upn, id FROM pupils"))
        seen = con.execute("SELECT max(id) FROM mark_history").fetchone()[0]
        # The officer who marked the register is an actor already.
        actor = con.execute("SELECT id FROM actors WHERE name = ?", (OFFICER,)).fetchone()[0]
        # A's letter of concern quotes her figures of 2 to 16 December,
        # read when the register's history ended at its newest row.
        con.execute("INSERT INTO letters (pupil_id, contact_ids, recipient, address, kind, "
                    "template_name, template_version, subject, date, delivery, period_from, "
                    "period_to, figures, marks_seen, actor_id, at) VALUES "
                    "(?, '3,4', 'Mrs Amina Khan and Mr Omar Khan', "
                    "'Mrs Amina Khan and Mr Omar Khan\n12 Mill Lane\nMB4 2QT', 'concern', "
                    "'concern', 2, 'Amina''s attendance', ?, 'post', ?, ?, "
                    "'{\"attendance_pct\": 90.0, \"possible\": 20}', ?, ?, 1734682000)",
                    (pupils[UPN_A], day("2024-12-17"), day("2024-12-02"), day("2024-12-16"),
                     seen, actor))
        # B's leave letter, handed over, with no figures.
        con.execute("INSERT INTO letters (pupil_id, recipient, kind, reference, template_name, "
                    "template_version, date, delivery, posted, marks_seen, actor_id, at) VALUES "
                    "(?, 'Mr Ben Smith', 'leave-agreed', 'leave:7', 'leave-agreed', 1, ?, 'hand', ?, "
                    "?, ?, 1734682100)",
                    (pupils[UPN_B], day("2024-12-18"), day("2024-12-18"), seen, actor))
        con.commit()
    finally:
        con.close()


def test_letters_log():
    t = School().setup()
    try:
        t.add_pupils()
        equal(t.json("letters", "log"), [], "no letters yet")
        # A's Monday morning, in the period of her letter.
        t.mark(UPN_A, "2024-12-16", "am", "O")
        log_letters(t)

        letters = t.json("letters", "log")
        equal([(x["upn"], x["kind"]) for x in letters],
              [(UPN_A, "concern"), (UPN_B, "leave-agreed")], "the log, oldest first")
        a, b = letters
        check(isinstance(a["id"], int) and isinstance(b["id"], int), "ids")
        equal((a["date"], a["template"], a["template_version"], a["delivery"], a["posted"]),
              ("2024-12-17", "concern", 2, "post", None), "A's letter")
        equal(a["contacts"], [3, 4], "both parents at one address")
        equal(a["address"].split("\n")[1], "12 Mill Lane", "the address as printed")
        equal((a["period_from"], a["period_to"]), ("2024-12-02", "2024-12-16"), "the period")
        equal(a["figures"], {"attendance_pct": 90.0, "possible": 20}, "the figures quoted, as JSON")
        equal((a["out_of_date"], a["user"]), (False, OFFICER), "up to date, and who")
        equal((b["reference"], b["delivery"], b["posted"], b["figures"], b["contacts"]),
              ("leave:7", "hand", "2024-12-18", None, []), "B's letter")

        # A's Monday is amended: the letter's figures are wrong now. A
        # mark outside its period (Tuesday 17th) would not have mattered.
        t.mark(UPN_B, "2024-12-16", "am", "O")
        equal([x["out_of_date"] for x in t.json("letters", "log")], [False, False],
              "another pupil's mark changes nothing")
        t.mark(UPN_A, "2024-12-16", "am", "I", "--reason", "doctor's note")
        mine = t.json("letters", "log", "--pupil", UPN_A)
        equal([(x["kind"], x["out_of_date"]) for x in mine], [("concern", True)], "out of date")

        table = t.ok("letters", "log").out
        check("out of date" in table and "Mrs Amina Khan and Mr Omar Khan" in table, table)
        check("First-class post" in table and "By hand" in table, table)

        t.refused("letters", "log", "--pupil", "A999999999999")
        # The log is never changed.
        con = sqlite3.connect(t.db)
        try:
            con.execute("UPDATE letters SET recipient = 'someone else'")
            check(False, "the letter log was changed")
        except sqlite3.DatabaseError as e:
            check("never changed" in str(e), str(e))
        finally:
            con.close()
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
