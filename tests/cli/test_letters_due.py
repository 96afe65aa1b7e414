#!/usr/bin/env python3
# test_letters_due.py: attendance-cli letters due, rules, do-not-send,
# postpone, templates and medical evidence, end to end through the real
# binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December); "today" is Friday 20
# December 2024. The marks are those of the two weeks from Monday 2
# December (20 sessions each); no other session is marked, so the year's
# figures are those 20 sessions:
#   Amina: 3 O            17 of 20, 85.0%: below 95%, 3 unauthorised
#   Ben:   none           20 of 20
#   Cara:  6 O            14 of 20, 70.0%: below 95%, 6 unauthorised (5 or
#                         more: the letter about unauthorised absence)
#   Dev:   2 I            18 of 20, 90.0%: below 95%
# Run with --tap for TAP output.

import re
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, OFFICER, RECEPTION,  # noqa: E402
                      check, equal, school_days, sessions_of, main as run_tests)


def mark_school(t):
    t.add_pupils()
    days = school_days("2024-12-02", 10)
    for upn, absent in ((UPN_A, {("2024-12-03", "am"): "O", ("2024-12-04", "am"): "O",
                                 ("2024-12-05", "pm"): "O"}),
                        (UPN_B, {}),
                        (UPN_C, {(d, s): "O" for d, s in sessions_of(days[:3])}),
                        (UPN_D, {("2024-12-09", "am"): "I", ("2024-12-09", "pm"): "I"})):
        t.marks(upn, [(d, s, absent.get((d, s), "/")) for d, s in sessions_of(days)])


def due(t):
    return [(r["upn"], r["stage"], r["status"])
            for r in t.json("letters", "due", "--as-of", "2024-12-13")]


def test_letters_due():
    t = School().setup()
    try:
        mark_school(t)
        rows = t.json("letters", "due", "--as-of", "2024-12-13")
        # Ladder order, then by group and surname (Jones, Khan, Patel); Cara
        # gets one warning at a time: the one further up the ladder.
        equal([(r["upn"], r["stage"], r["status"]) for r in rows],
              [(UPN_C, "concern", "waiting"), (UPN_A, "concern", "due"),
               (UPN_D, "concern", "due"), (UPN_C, "unauthorised", "due")], "the due list")
        a = rows[1]
        equal((a["attendance"], a["possible"], a["present"], a["unauthorised"],
               a["rolling_unauthorised"], a["period_from"], a["period_to"]),
              (85.0, 20, 17, 3, 3, "2024-09-01", "2024-12-13"), "Amina's figures")
        equal((a["template"], a["delivery"], a["reason"]), ("concern", "post", None), "her letter")
        check(any("17 of 20 sessions attended" in line for line in a["explanation"]), a["explanation"])
        check("unauthorised" in rows[0]["reason"], rows[0]["reason"])
        equal(rows[3]["rolling_unauthorised"], 6, "Cara's 6 unauthorised sessions")
        table = t.ok("letters", "due", "--as-of", "2024-12-13").out
        check("Waiting" in table and "Amina Khan" in table, table)

        # Dev's two days of illness are covered by a doctor's note: 18 of
        # 18, off the list.
        t.refused("letters", "evidence", "add", UPN_D, "--from", "2024-12-09",
                  "--note", "Doctor's note", "--user", RECEPTION)
        t.ok("letters", "evidence", "add", UPN_D, "--from", "2024-12-09",
             "--note", "Doctor's note", "--user", OFFICER)
        evidence = t.json("letters", "evidence", "list")
        equal([(e["upn"], e["from"], e["to"], e["note"]) for e in evidence],
              [(UPN_D, "2024-12-09", "2024-12-09", "Doctor's note")], "the evidence")
        check(UPN_D not in [u for u, _, _ in due(t)], "Dev is off the list")

        # Cara's family is not written to until the end of January.
        t.usage("letters", "do-not-send", UPN_C, "--reason", "Bereavement", "--user", OFFICER)
        t.refused("letters", "do-not-send", UPN_C, "--reason", "Bereavement",
                  "--until", "2025-01-31", "--user", RECEPTION)
        t.refused("letters", "do-not-send", UPN_C, "--reason", "Bereavement",
                  "--until", "2024-12-01", "--user", OFFICER)
        t.ok("letters", "do-not-send", UPN_C, "--reason", "Bereavement",
             "--until", "2025-01-31", "--user", OFFICER)
        rows = t.json("letters", "due", "--as-of", "2024-12-13")
        cara = [r for r in rows if r["upn"] == UPN_C]
        equal([(r["stage"], r["status"], r["until"]) for r in cara],
              [("concern", "excluded", "2025-01-31"), ("unauthorised", "excluded", "2025-01-31")],
              "Cara excluded")
        equal(cara[0]["reason"], "Do not send until Fri 31 Jan 2025: Bereavement", "with the reason")

        # Amina's letter waits for the new year.
        t.refused("letters", "postpone", UPN_A, "concern", "--until", "2024-12-20", "--user", OFFICER)
        t.refused("letters", "postpone", UPN_A, "nope", "--until", "2025-01-06", "--user", OFFICER)
        t.ok("letters", "postpone", UPN_A, "concern", "--until", "2025-01-06", "--user", OFFICER)
        check((UPN_A, "concern", "postponed") in due(t), "postponed")
        t.ok("letters", "postpone", UPN_A, "concern", "--clear", "--user", OFFICER)
        check((UPN_A, "concern", "due") in due(t), "no longer")

        # Removed with a reason, then put back.
        t.usage("letters", "remove", UPN_A, "concern", "--user", OFFICER)
        t.ok("letters", "remove", UPN_A, "concern", "--reason", "Spoke to her father",
             "--as-of", "2024-12-13", "--user", OFFICER)
        check((UPN_A, "concern", "removed") in due(t), "removed")
        t.refused("letters", "remove", UPN_A, "concern", "--clear", "--user", RECEPTION)
        r = t.ok("letters", "remove", UPN_A, "concern", "--clear", "--user", OFFICER)
        check("back on the list" in r.out, r.out)
        check((UPN_A, "concern", "due") in due(t), "due again")

        t.ok("users", "add", "Ada Admin", "--role", "admin", "--user", "Hannah Head")
        audit = t.json("audit", "--kind", "letter", "--user", "Ada Admin")
        actions = [x["action"] for x in audit]
        for action in ("letters.medical-evidence", "letters.do-not-send", "letters.postpone",
                       "letters.remove", "letters.keep"):
            check(action in actions, actions)
    finally:
        t.cleanup()


def test_letters_rules():
    t = School().setup()
    try:
        rules = t.json("letters", "rules", "list")
        equal([r["name"] for r in rules], ["concern", "unauthorised", "meeting", "formal-warning"],
              "the DfE ladder of a new school")
        equal((rules[3]["condition"], rules[3]["count"], rules[3]["follows"]),
              ("unauthorised", 10, "unauthorised"), "the formal warning at the threshold")
        meeting = t.json("letters", "rules", "show", "meeting")
        equal((meeting["follows"], meeting["meeting_days"], meeting["meeting_time"], meeting["position"]),
              ("concern", 5, "15:30", 3), "the meeting invitation")
        check("Condition:" in t.ok("letters", "rules", "show", "meeting").out)
        t.refused("letters", "rules", "show", "nope")
        t.usage("letters", "rules", "edit")

        t.refused("letters", "rules", "preset", "texts-first", "--user", RECEPTION)
        t.refused("letters", "rules", "preset", "seed-9", "--user", OFFICER)
        t.ok("letters", "rules", "preset", "texts-first", "--user", OFFICER)
        rules = t.json("letters", "rules", "list")
        equal([(r["name"], r["delivery"]) for r in rules],
              [("text", "text"), ("stage-1", "post"), ("stage-2", "post"), ("penalty", "post")],
              "texts first")
        equal((rules[0]["percent"], rules[0]["template"]), (93.0, "attendance-text"), "the text below 93%")
    finally:
        t.cleanup()


def test_letters_templates():
    t = School().setup()
    try:
        listed = {x["name"]: x for x in t.json("letters", "templates", "list")}
        for name in ("concern", "meeting", "formal-warning", "attendance-text", "half-term-report",
                     "leave-agreed"):
            check(name in listed, name)
        equal((listed["concern"]["version"], listed["leave-agreed"]["version"]), (1, 2), "built in")
        check(listed["attendance-text"]["text_message"], "a text message")
        shown = t.json("letters", "templates", "show", "concern")
        check("{pupil.forename}" in shown["body"], shown["body"])
        t.refused("letters", "templates", "show", "nope")

        bad = t.path("bad.txt")
        with open(bad, "w") as f:
            f.write("About {pupil.name}\n\n{recipient.salutation},\n\n{pupil.forname} was away.\n")
        r = t.refused("letters", "templates", "set", "concern", bad, "--user", OFFICER)
        check("{pupil.forname}" in r.err, r.err)
        good = t.path("good.txt")
        with open(good, "w") as f:
            f.write("About {pupil.name}\n\n{recipient.salutation},\n\n{pupil.forename} was away.\n")
        t.refused("letters", "templates", "set", "concern", good, "--user", RECEPTION)
        check("version 2" in t.ok("letters", "templates", "set", "concern", good, "--user", OFFICER).out)
        shown = t.json("letters", "templates", "show", "concern")
        equal((shown["version"], shown["subject"], shown["body"]),
              (2, "About {pupil.name}", "{recipient.salutation},\n\n{pupil.forename} was away."),
              "the new version")
        first = t.json("letters", "templates", "show", "concern", "--template-version", "1")
        equal(first["version"], 1, "the first wording is kept")

        # The history: the built-in wording, then the officer's, in use.
        history = t.json("letters", "templates", "history", "concern")
        equal([(x["version"], x["saved_by"], x["in_use"]) for x in history],
              [(1, None, False), (2, OFFICER, True)], "both versions, oldest first")
        equal(history[0]["saved_at"], None, "the built-in one was never saved")
        check(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", history[1]["saved_at"] or ""),
              history[1]["saved_at"])
        out = t.ok("letters", "templates", "history", "concern").out
        check("built in" in out and OFFICER in out, out)
        r = t.refused("letters", "templates", "history", "nope")
        check("nope" in r.err, r.err)
        t.usage("letters", "templates", "history")
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
