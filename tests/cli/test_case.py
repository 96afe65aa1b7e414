#!/usr/bin/env python3
# test_case.py: attendance-cli's casework (meetings, support and agencies,
# the chronology of a case), end to end through the real binaries
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October, 40
# school days), half term, Autumn 2 (4 November to 20 December, 35 school
# days). "Today" is Friday 20 December 2024.
#   A, Amina Khan: absent (O) the first 8 school days of Autumn 2, 4 to 13
#      November: 16 sessions; present otherwise. Year so far: 134 of 150
#      sessions, 89.3%. Her mother and father at 12 Mill Lane, MB4 2QT:
#      one letter addressed to both.
#   B, Ben Smith: no marks, no contacts.
# Run with --tap for TAP output.

import csv
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, OFFICER, HEAD, RECEPTION,  # noqa: E402
                      check, equal, pdf_pages, school_days, sessions_of, main as run_tests)

AUTUMN_1 = school_days("2024-09-02", 40)
AUTUMN_2 = school_days("2024-11-04", 35)


def school():
    t = School()
    t.setup()
    t.add_pupils((UPN_A, UPN_B))
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship",
         "parental_responsibility", "receives_letters", "address_1", "town", "postcode"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"]])
    t.ok("contacts", "import", contacts, "--user", HEAD)
    absent = set(sessions_of(AUTUMN_2[:8]))
    entries = []
    for d, s in sessions_of(AUTUMN_1 + AUTUMN_2):
        entries.append((d, s, "O" if (d, s) in absent else ("/" if s == "am" else "\\")))
    t.marks(UPN_A, entries)
    return t


def counts(t):
    con = sqlite3.connect(t.db)
    try:
        return tuple(con.execute("SELECT count(*) FROM " + table).fetchone()[0]
                     for table in ("case_meetings", "case_support", "letters", "audit_log"))
    finally:
        con.close()


def plan(t, date, time="15:30", place="the library", today=None):
    kwargs = {"today": today} if today else {}
    r = t.ok("meeting", "add", UPN_A, "--date", date, "--time", time, "--place", place,
             "--user", OFFICER, **kwargs)
    check(r.out.startswith("Meeting "), r.out)
    return int(r.out.split()[1])


def meeting_of(t, ident):
    rows = [m for m in t.json("meeting", "list", UPN_A) if m["id"] == ident]
    equal(len(rows), 1, "meeting %d listed" % ident)
    return rows[0]


def test_meeting_plan_and_record():
    t = school()
    try:
        before = counts(t)
        # Refused, naming the field, with nothing written.
        r = t.refused("meeting", "add", UPN_A, "--date", "2024-12-10", "--time", "06:00",
                      "--place", "the library", "--user", OFFICER)
        check("time: 06:00 is outside the school’s day" in r.err, r.err)
        r = t.refused("meeting", "add", UPN_A, "--date", "2024-12-10", "--time", "15:30",
                      "--place", "the library", "--invitation", "99", "--user", OFFICER)
        check("invitation: the letters log has no letter 99" in r.err, r.err)
        t.refused("meeting", "add", UPN_A, "--date", "2024-12-10", "--time", "15:30",
                  "--place", "the library", "--user", RECEPTION)
        t.usage("meeting", "add", UPN_A, "--date", "2024-12-10", "--place", "x", "--user", OFFICER)
        t.usage("meeting", "add", UPN_A, "--date", "2024-12-10", "--time", "half three",
                "--place", "x", "--user", OFFICER)
        equal(counts(t), before, "nothing written")

        held = plan(t, "2024-12-10")
        later = plan(t, "2025-01-08", "09:00")
        m = meeting_of(t, held)
        equal(m["upn"], UPN_A, "upn")
        equal(m["name"], "Amina Khan", "name")
        equal(m["date"], "2024-12-10", "date")
        equal(m["time"], "15:30", "time")
        equal(m["place"], "the library", "place")
        equal(m["held"], False, "not yet held")
        equal(m["outcome"], "none", "no outcome")
        equal(m["invitation_letter_id"], None, "no invitation")
        equal(m["planned_by"], OFFICER, "who planned it")

        before = counts(t)
        record = ["--attended", "Mrs Sara Khan, Amina, Olive Officer", "--absent", "Mr Omar Khan",
                  "--barriers", "Anxiety on Monday mornings",
                  "--actions", "A mentor meets Amina at the gate at 08:40",
                  "--notes", "Mrs Khan says mornings are hardest", "--user", OFFICER]
        # Wednesday 8 January 2025 is after today: nothing has happened yet.
        r = t.refused("meeting", "record", str(later), "--target", "8", "--review", "2025-02-07",
                      "--outcome", "contract", *record)
        check("date: the meeting is on Wed 8 Jan 2025, after today" in r.err, r.err)
        # A target is sessions a week, at most the 10 of a school week.
        r = t.refused("meeting", "record", str(held), "--target", "11", "--review", "2025-01-10",
                      "--outcome", "contract", *record)
        check("target: 11 sessions a week is more than a school week has" in r.err, r.err)
        t.usage("meeting", "record", str(held), "--target", "95%", "--outcome", "contract", *record)
        r = t.refused("meeting", "record", str(held), "--target", "8", "--review", "2024-12-09",
                      "--outcome", "contract", *record)
        check("review date: Mon 9 Dec 2024 is not after the meeting (Tue 10 Dec 2024)" in r.err, r.err)
        r = t.refused("meeting", "record", str(held), "--review", "2025-01-10", "--outcome", "contract",
                      *record)
        check("target: an attendance contract needs a target" in r.err, r.err)
        t.usage("meeting", "record", str(held), "--target", "8", "--outcome", "agreed", *record)
        t.refused("meeting", "record", "999", "--outcome", "closed", *record)
        equal(counts(t), before, "nothing written by a refusal")

        r = t.ok("meeting", "record", str(held), "--target", "8", "--review", "2025-01-10",
                 "--outcome", "contract", *record)
        equal(r.out.strip(), "Meeting %d recorded: Attendance contract" % held, "said")
        m = meeting_of(t, held)
        equal(m["held"], True, "held")
        equal(m["outcome"], "contract", "outcome")
        equal(m["target_sessions_per_week"], 8, "target")
        equal(m["review_date"], "2025-01-10", "review")
        equal(m["attended"], "Mrs Sara Khan, Amina, Olive Officer", "attended")
        equal(m["absent"], "Mr Omar Khan", "absent")
        equal(m["barriers"], "Anxiety on Monday mornings", "barriers")
        equal(m["recorded_by"], OFFICER, "recorded by")
        # Both meetings of the school, by date.
        every = t.json("meeting", "list")
        equal([x["id"] for x in every], [held, later], "every meeting")
        equal(t.json("meeting", "list", UPN_B), [], "Ben has none")
        # Audited: two plans and the record.
        con = sqlite3.connect(t.db)
        try:
            actions = [row[0] for row in con.execute(
                "SELECT action FROM audit_log WHERE action LIKE 'casework.%' ORDER BY id")]
        finally:
            con.close()
        equal(actions, ["casework.meeting-add", "casework.meeting-add", "casework.meeting-record"], "audit")
    finally:
        t.cleanup()


def test_meeting_letters():
    t = school()
    try:
        ident = plan(t, "2024-12-10")
        out = t.path("contract.pdf")
        # Not recorded yet: no outcome letter, no file.
        r = t.refused("meeting", "letter", str(ident), "--out", out, "--user", OFFICER)
        check("has not been recorded yet" in r.err, r.err)
        check(not os.path.exists(out), "nothing written")

        # The invitation: the stored "meeting" letter with this meeting's day.
        invite = t.path("invite.pdf")
        r = t.ok("meeting", "invite", str(ident), "--out", invite, "--user", OFFICER, today="2024-12-02")
        text = "\n".join(pdf_pages(invite))
        check("a meeting on Tuesday 10 December 2024 at 15:30, in" in " ".join(text.split()), text)
        check("Dear Mrs and Mr Khan" in text, text)
        m = meeting_of(t, ident)
        check(isinstance(m["invitation_letter_id"], int), "the invitation is kept on the meeting")

        t.ok("meeting", "record", str(ident), "--attended", "Mrs Sara Khan, Amina",
             "--barriers", "Anxiety on Monday mornings", "--actions", "A mentor at the gate at 08:40",
             "--target", "8", "--review", "2025-01-10", "--outcome", "contract", "--user", OFFICER)
        t.refused("meeting", "letter", str(ident), "--out", out, "--user", RECEPTION)
        check(not os.path.exists(out), "nothing written for a receptionist")
        r = t.ok("meeting", "letter", str(ident), "--out", out, "--user", OFFICER)
        check("Wrote 1 page to " + out in r.out, r.out)
        check("logged" in r.out, r.out)
        pages = pdf_pages(out)
        equal(len(pages), 1, "one letter, one page")
        flat = " ".join(pages[0].split())
        check("Attendance contract for Amina Khan" in flat, flat)
        check("attends at least 8 sessions a week" in flat, flat)
        check("review this contract together on Friday 10 January 2025" in flat, flat)
        # 134 of 150 sessions, 89.3%; the 16 missed all unauthorised.
        check("attended 134 of 150 sessions (89.3%), and 16 of the sessions missed were unauthorised"
              in flat, flat)
        check("Anxiety on Monday mornings" in flat, flat)
        m = meeting_of(t, ident)
        log = t.json("letters", "log", "--pupil", UPN_A)
        kinds = sorted(x["kind"] for x in log)
        equal(kinds, ["attendance-contract", "meeting-invitation"], "both letters logged")
        contract = [x for x in log if x["kind"] == "attendance-contract"][0]
        equal(m["outcome_letter_id"], contract["id"], "the contract is kept on the meeting")

        # A meeting planned with that invitation names it.
        again = t.ok("meeting", "add", UPN_A, "--date", "2025-01-10", "--time", "09:00", "--place", "the office",
                     "--invitation", str(m["invitation_letter_id"]), "--user", OFFICER)
        check(again.out.startswith("Meeting "), again.out)
    finally:
        t.cleanup()


def test_support_and_chronology():
    t = school()
    try:
        r = t.refused("support", "add", UPN_A, "--kind", "agency", "--detail", "Referred", "--user", OFFICER)
        check("agency: say which service" in r.err, r.err)
        t.usage("support", "add", UPN_A, "--kind", "nurse", "--detail", "x", "--user", OFFICER)
        r = t.refused("support", "add", UPN_A, "--kind", "support", "--detail", "Breakfast club",
                      "--date", "2025-01-06", "--user", OFFICER)
        check("date: Mon 6 Jan 2025 is after today" in r.err, r.err)
        t.ok("support", "add", UPN_A, "--kind", "early-help", "--agency", "Early help team",
             "--detail", "=HYPERLINK(\"http://x\") assessment offered, \"agreed\"", "--date", "2024-11-15",
             "--user", OFFICER)
        t.ok("support", "add", UPN_A, "--kind", "support", "--detail", "Breakfast club place",
             "--user", OFFICER)
        rows = t.json("support", "list", UPN_A)
        equal([(x["date"], x["kind"], x["agency"]) for x in rows],
              [("2024-11-15", "early-help", "Early help team"), ("2024-12-20", "support", "")], "support")
        check(all(isinstance(x["id"], int) and x["upn"] == UPN_A for x in rows), "id and upn")

        # A call about Monday 4 November (the first day absent; the calls
        # log stamps the real time, so the entry has no time of that day),
        # a meeting arranged on 18 November at 16:00 and held on 10 December.
        t.ok("calls", "add", UPN_A, "--caller", "Mrs Sara Khan", "--channel", "phone", "--direction", "in",
             "--outcome", "Unwell", "--reason", "illness", "--date", "2024-11-04", "--user", RECEPTION,
             today="2024-11-04", clock="09:10")
        ident = plan(t, "2024-12-10", today="2024-11-18")
        t.ok("meeting", "record", str(ident), "--attended", "Mrs Sara Khan", "--outcome", "review",
             "--review", "2025-01-10", "--user", OFFICER)
        events = t.json("chronology", UPN_A)
        got = [(e["date"], e["time"], e["kind"], e["title"]) for e in events]
        equal(got, [
            ("2024-11-04", None, "call", "Call from Mrs Sara Khan: Illness"),
            ("2024-11-15", None, "support", "Early help: Early help team"),
            ("2024-11-18", "16:00", "meeting", "Meeting arranged for Tue 10 Dec 2024 15:30, the library"),
            ("2024-12-10", "15:30", "meeting", "Meeting held: Review meeting"),
            ("2024-12-20", None, "support", "Support"),
        ], "in date order")
        check(all(e["upn"] == UPN_A and isinstance(e["id"], int) for e in events), "id and upn")
        # From 15 November to 10 December: the middle three.
        equal(len(t.json("chronology", UPN_A, "--from", "2024-11-15", "--to", "2024-12-10")), 3, "span")
        t.usage("chronology", UPN_A, "--json", "--csv", t.path("x.csv"))
        t.usage("chronology", UPN_A, "--from", "2024-12-10", "--to", "2024-11-15")
        t.refused("chronology", UPN_B[:-1] + "Z")

        # The CSV reads back with Python's csv module, the formula behind
        # its apostrophe, the quotes and comma kept.
        path = t.path("chronology.csv")
        r = t.ok("chronology", UPN_A, "--csv", path)
        check("Wrote 5 entries to " + path in r.out, r.out)
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        equal(rows[0], ["date", "time", "kind", "title", "detail", "user"], "header")
        equal(rows[2][:4], ["2024-11-15", "", "support", "Early help: Early help team"], "row")
        equal(rows[2][4], "'=HYPERLINK(\"http://x\") assessment offered, \"agreed\"", "formula guarded")
        equal(oct(os.stat(path).st_mode & 0o777), "0o600", "owner only")

        # The printed chronology.
        pdf = t.path("chronology.pdf")
        r = t.ok("chronology", UPN_A, "--out", pdf)
        check("Wrote 1 page to " + pdf in r.out, r.out)
        page = pdf_pages(pdf)[0]
        check("Chronology: Amina Khan (UPN %s)" % UPN_A in page, page)
        check("Riverside Primary: every record" in page, page)
        flat = " ".join(page.split())
        check("Mon 4 Nov 2024 Call Call from Mrs Sara Khan: Illness" in flat, flat)
        check("Meeting held: Review meeting" in flat, flat)
        check("Printed on Fri 20 Dec 2024; 5 entries" in flat, flat)
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
