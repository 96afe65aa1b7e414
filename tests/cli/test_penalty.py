#!/usr/bin/env python3
# test_penalty.py: attendance-cli's penalty commands, end to end through
# the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October,
# school weeks 1 to 8), half term, Autumn 2 (4 November, school week 9, to
# 20 December). Amina Khan (A), Ben Smith (B), Cara Jones (C) and Dev
# Patel (D) are in Year 4, of compulsory school age. "Today" is Friday
# 8 November 2024 unless a test says otherwise. Run with --tap for TAP
# output.

import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, OFFICER, HEAD,  # noqa: E402
                      check, equal, pdf_pages, main as run_tests)

NOW = "2024-11-08"


def school():
    t = School().setup()
    t.add_pupils()
    return t


def week_of(monday, code):
    """The ten sessions of the week starting on @monday, all @code."""
    d = datetime.date.fromisoformat(monday)
    return [((d + datetime.timedelta(days=i)).isoformat(), s, code)
            for i in range(5) for s in ("am", "pm")]


def all_present(first, last, but=()):
    """Every session of Autumn 1 from @first to @last present, but for the
    (date, session) pairs in @but."""
    d = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    skip = {(x[0], x[1]) for x in but}
    out = []
    while d <= end:
        if d.weekday() < 5 and not (datetime.date(2024, 10, 28) <= d <= datetime.date(2024, 11, 1)):
            for s in ("am", "pm"):
                if (d.isoformat(), s) not in skip:
                    out.append((d.isoformat(), s, "/"))
        d += datetime.timedelta(days=1)
    return out


def add_parents(t):
    # Amina's mother and father at one address, and her father's partner
    # without parental responsibility.
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship", "parental_responsibility",
         "lives_with", "receives_letters", "address_1", "town", "postcode"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "3", "Ms", "Jo", "Reed", "Other", "N", "N", "N", "4 Elm Road", "Millbrook", "MB1 1AA"]])
    t.ok("contacts", "import", contacts, "--user", HEAD)
    shown = t.json("pupils", "show", UPN_A)
    return {c["surname"] + c["forename"]: c["id"] for c in shown["contacts"]}


def consider(t, upn, as_of, decision, today=NOW):
    r = t.ok("penalty", "consider", upn, "--decision", decision, "--as-of", as_of,
             "--rationale", "Support has not changed the pattern",
             "--equality", "No disability or special need known", "--user", HEAD, today=today)
    check(r.out.startswith("Consideration "), r.out)
    return int(r.out.split()[1])


def test_penalty_consider_and_list():
    t = school()
    try:
        # The week of Monday 4 November: A 10 sessions of O, B 9, C 8 (7 O
        # and an N), D 7. As of Friday 8 November the window is the 9
        # school weeks the calendar holds, from Monday 2 September.
        t.marks(UPN_A, week_of("2024-11-04", "O"))
        t.marks(UPN_B, week_of("2024-11-04", "G")[:9])
        t.marks(UPN_C, week_of("2024-11-04", "O")[:7] + [("2024-11-07", "pm", "N")])
        t.marks(UPN_D, week_of("2024-11-04", "U")[:7])

        rows = t.json("penalty", "list", "--as-of", NOW, today=NOW)
        equal([r["upn"] for r in rows], [UPN_A, UPN_B, UPN_C], "over, then within 2")
        a, b, c = rows
        equal(a["id"], None, "no consideration yet")
        equal(a["unauthorised_sessions"], 10, "A's sessions")
        equal(a["window_start"], "2024-09-02", "window start")
        equal(a["window_end"], "2024-11-08", "window end")
        equal(a["school_weeks"], 9, "school weeks")
        equal(a["codes"], {"O": 10}, "codes")
        equal((a["over"], a["near"], a["considered"]), (True, False, False), "A is over")
        equal((b["over"], b["near"], b["unauthorised_sessions"]), (False, True, 9), "B is near")
        equal((c["unauthorised_sessions"], c["includes_n"]), (8, True), "C: 7 O and an N")
        equal(a["penalty_notices_3y"], 0, "no notices")
        table = t.ok("penalty", "list", "--as-of", NOW, today=NOW).out
        check("9 (near)" in table and UPN_D not in table, table)

        # What the command needs, and who may decide.
        t.usage("penalty", "consider", UPN_A, "--decision", "penalty-notice", "--user", HEAD, today=NOW)
        t.usage("penalty", "consider", UPN_A, "--rationale", "Why", "--equality", "None",
                "--user", HEAD, today=NOW)
        t.usage("penalty", "consider", UPN_A, "--decision", "fine", "--rationale", "Why",
                "--equality", "None", "--user", HEAD, today=NOW)
        r = t.refused("penalty", "consider", UPN_A, "--decision", "support", "--rationale", "Why",
                      "--equality", "None", "--user", OFFICER, today=NOW)
        # B's 9 sessions are below the threshold.
        r = t.refused("penalty", "consider", UPN_B, "--decision", "support", "--rationale", "Why",
                      "--equality", "None", "--user", HEAD, today=NOW)
        check("has 9 unauthorised sessions" in r.err, r.err)

        r = t.ok("penalty", "consider", UPN_A, "--decision", "penalty-notice",
                 "--rationale", "Two letters and a meeting; no change",
                 "--equality", "No disability or special need known",
                 "--support", "Meeting on 14 October", "--agencies", "Early help",
                 "--best-tool", "Yes: the family engaged only after the last warning",
                 "--user", HEAD, today=NOW)
        check("Consideration 1 recorded for Amina Khan" in r.out, r.out)
        check("penalty-notice, 10 unauthorised sessions from 2024-09-02 to 2024-11-08" in r.out, r.out)

        a = t.json("penalty", "list", today=NOW)[0]
        equal((a["id"], a["considered"]), (1, True), "A considered")
        check("Not complete" not in r.err, r.err)

        # The command as cli.md gives it, without --equality: recorded, and
        # the office told that it is not complete.
        r = t.ok("penalty", "consider", UPN_A, "--decision", "support",
                 "--rationale", "A second look after the meeting", "--user", HEAD, today=NOW)
        check("Consideration 2 recorded for Amina Khan" in r.out, r.out)
        check("Not complete: Record the Equality Act considerations" in r.err, r.err)
        a = t.json("threshold", "--as-of", NOW, today=NOW)[0]
        equal(a["considered"], True, "threshold: considered")

        # The subject access export holds the consideration in full.
        out = t.path("sar")
        t.ok("sar", UPN_A, "--out", out, "--user", OFFICER, today=NOW)
        with open(os.path.join(out, [f for f in os.listdir(out) if f.endswith(".json")][0])) as f:
            import json
            doc = json.load(f)
        equal(doc["penalty_decisions"][0]["equality"], "No disability or special need known", "SAR")
        equal(doc["penalty_notices"], [], "SAR: no notices")
    finally:
        t.cleanup()


def test_penalty_unconsidered_stays_until_considered():
    t = school()
    try:
        # Amina: 10 sessions of O the week of Monday 9 September (school
        # week 2). Her count is 10 as of every school day whose 10 school
        # weeks hold that week, the last Friday 22 November (weeks 2 to 11);
        # from Monday 25 November it is 0, but the breach waits on Today
        # until it is considered. As of Friday 29 November the last 10
        # school weeks run from Monday 16 September (weeks 3 to 12).
        t.marks(UPN_A, week_of("2024-09-09", "O"))
        later = "2024-11-29"
        equal(t.json("penalty", "list", "--as-of", later, today=later), [], "not on the list now")
        rows = t.json("penalty", "unconsidered", "--as-of", later, today=later)
        equal([(r["upn"], r["met"], r["unauthorised_sessions"], r["window_start"]) for r in rows],
              [(UPN_A, "2024-11-22", 10, "2024-09-09")], "still waiting")
        check("2024-11-22" in t.ok("penalty", "unconsidered", "--as-of", later, today=later).out, "table")
        # Considered as of the day it was met: cleared.
        consider(t, UPN_A, "2024-11-22", "support", today=later)
        equal(t.json("penalty", "unconsidered", "--as-of", later, today=later), [], "considered")
    finally:
        t.cleanup()


def test_penalty_notices_three_year_rule():
    t = school()
    try:
        ids = add_parents(t)
        mother, father, reed = ids["KhanSara"], ids["KhanOmar"], ids["ReedJo"]
        t.marks(UPN_A, week_of("2024-11-04", "O"))

        # Not before the school decided to ask for one.
        r = t.refused("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "first",
                      "--user", HEAD, today=NOW)
        check("penalty-notice" in r.err, r.err)
        consider(t, UPN_A, NOW, "penalty-notice")
        t.usage("penalty", "notice", UPN_A, "--kind", "first", "--user", HEAD, today=NOW)
        t.usage("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "third",
                "--user", HEAD, today=NOW)
        r = t.refused("penalty", "notice", UPN_A, "--parent", str(reed), "--kind", "first",
                      "--user", HEAD, today=NOW)
        check("no parental responsibility" in r.err, r.err)

        # The mother: a first (£80 within 21 days, £160 within 28), then a
        # second (£160 within 28 days); a third is refused.
        r = t.ok("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "first",
                 "--user", HEAD, today=NOW)
        check("Penalty notice 1 (first) requested for Mrs Sara Khan, parent of Amina Khan: "
              "£80 if paid within 21 days, £160 within 28 days" in r.out, r.out)
        r = t.refused("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "first",
                      "--user", HEAD, today=NOW)
        check("second notice" in r.err, r.err)
        r = t.ok("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "second",
                 "--user", HEAD, today=NOW)
        check("£160 within 28 days" in r.out and "£80" not in r.out, r.out)
        r = t.refused("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "second",
                      "--user", HEAD, today=NOW)
        check("notice 1 (first, requested 2024-11-08" in r.err, r.err)
        check("notice 2 (second, requested 2024-11-08" in r.err, r.err)
        check("prosecution" in r.err and "education supervision order" in r.err, r.err)
        # Per parent: the father's first goes.
        t.ok("penalty", "notice", UPN_A, "--parent", str(father), "--kind", "first",
             "--user", HEAD, today=NOW)

        notices = t.json("penalty", "notices", UPN_A, today=NOW)
        equal([(n["id"], n["kind"], n["status"]) for n in notices],
              [(1, "first", "requested"), (2, "second", "requested"), (3, "first", "requested")],
              "the notices")
        equal((notices[0]["amount_early_pence"], notices[0]["early_days"],
               notices[0]["amount_pence"], notices[0]["days"]), (8000, 21, 16000, 28), "a first")
        equal((notices[1]["amount_early_pence"], notices[1]["amount_pence"]), (0, 16000), "a second")
        equal(notices[0]["upn"], UPN_A, "upn")
        equal(notices[0]["contact_id"], mother, "contact")
        equal(notices[0]["consideration_id"], 1, "the consideration")
        equal(t.json("threshold", "--as-of", NOW, today=NOW)[0]["penalty_notices_3y"], 3, "3 notices")

        # Outcomes: a requested notice is not paid before it is issued.
        t.refused("penalty", "outcome", "1", "--status", "paid", "--user", OFFICER, today=NOW)
        t.usage("penalty", "outcome", "1", "--status", "lost", "--user", OFFICER, today=NOW)
        t.ok("penalty", "outcome", "2", "--status", "issued", "--user", OFFICER, today=NOW)
        r = t.ok("penalty", "outcome", "2", "--status", "paid", "--note", "Paid £160",
                 "--user", OFFICER, today=NOW)
        check("Penalty notice 2 is paid from 2024-11-08" in r.out, r.out)
        # Withdrawn notices do not count: the mother has 1 left, so her
        # next is a second.
        t.ok("penalty", "outcome", "1", "--status", "withdrawn", "--note", "Sent to the wrong address",
             "--user", OFFICER, today=NOW)
        equal(t.json("threshold", "--as-of", NOW, today=NOW)[0]["penalty_notices_3y"], 2, "2 count")
        t.refused("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "first",
                  "--user", HEAD, today=NOW)
        t.ok("penalty", "notice", UPN_A, "--parent", str(mother), "--kind", "second",
             "--user", HEAD, today=NOW)
        notices = t.json("penalty", "notices", today=NOW)
        equal([n["status"] for n in notices], ["withdrawn", "paid", "requested", "requested"], "statuses")
        equal(notices[1]["note"], "Paid £160", "the note")
        table = t.ok("penalty", "notices", today=NOW).out
        check("£80 in 21 days, £160 in 28" in table, table)
    finally:
        t.cleanup()


def test_penalty_improve_letter_and_outcome():
    t = school()
    try:
        add_parents(t)
        # Amina: 10 sessions of O the week of Monday 7 October, present at
        # every other session of the term to Friday 18 October.
        absent = week_of("2024-10-07", "O")
        t.marks(UPN_A, all_present("2024-09-02", "2024-10-18", but=absent) + absent)

        # Not before the school decided on one; 3 to 6 weeks.
        t.refused("penalty", "improve", UPN_A, "--date", "2024-10-18", "--user", OFFICER, today=NOW)
        consider(t, UPN_A, "2024-10-18", "notice-to-improve")
        t.usage("penalty", "improve", UPN_A, "--weeks", "7", "--date", "2024-10-18",
                "--user", OFFICER, today=NOW)

        # Issued Friday 18 October for 4 school weeks: 21 October, (half
        # term), 4, 11 and 18 November: to Friday 22 November. The notice
        # and its letter are recorded together.
        pdf = t.path("improve.pdf")
        r = t.ok("penalty", "improve", UPN_A, "--date", "2024-10-18", "--weeks", "4",
                 "--out", pdf, "--user", OFFICER, today=NOW)
        check("Notice to improve 1 issued on 2024-10-18: the improvement period runs to 2024-11-22"
              in r.out, r.out)
        check("Letter 1 to Mrs Sara Khan and Mr Omar Khan logged" in r.out, r.out)
        text = "\n".join(pdf_pages(pdf))
        for words in ("notice to improve", "section 444", "section 7", "10 sessions of unauthorised",
                      "from Monday 21 October 2024 to Friday 22 November 2024", "4 school weeks",
                      "penalty notice", "no unauthorised absence at all", "requested before the"):
            check(words in " ".join(text.split()), "the letter says %r:\n%s" % (words, text))
        log = t.json("letters", "log", "--pupil", UPN_A, today=NOW)
        equal([l["kind"] for l in log], ["notice-to-improve"], "logged")

        rows = t.json("penalty", "improvements", UPN_A, today=NOW)
        equal(len(rows), 1, "one notice")
        n = rows[0]
        equal((n["id"], n["issued"], n["weeks"], n["period_end"], n["flagged"], n["outcome"]),
              (1, "2024-10-18", 4, "2024-11-22", 0, "none"), "the notice")
        equal((n["letter_id"], n["consideration_id"], n["upn"]), (1, 1, UPN_A), "its letter")

        # A new unauthorised session in the period is flagged: O on
        # Tuesday 5 November.
        t.ok("mark", UPN_A, "2024-11-05", "am", "O", "--user", OFFICER, today=NOW)
        equal(t.json("penalty", "improvements", today=NOW)[0]["flagged"], 1, "flagged")
        a = t.json("penalty", "list", "--as-of", NOW, today=NOW)[0]
        equal((a["improvement_id"], a["improvement_end"], a["improvement_flagged"]),
              (1, "2024-11-22", 1), "the running period")

        # Before 22 November "improved" waits; "not improved" may be
        # recorded on the flagged session.
        r = t.refused("penalty", "improve-outcome", "1", "--outcome", "improved", "--user", OFFICER,
                      today=NOW)
        check("runs to 2024-11-22" in r.err, r.err)
        t.usage("penalty", "improve-outcome", "1", "--outcome", "none", "--user", OFFICER, today=NOW)
        t.ok("penalty", "improve-outcome", "1", "--outcome", "not-improved", "--note", "O on 5 November",
             "--user", OFFICER, today=NOW)
        n = t.json("penalty", "improvements", today=NOW)[0]
        equal((n["outcome"], n["outcome_date"], n["outcome_note"]),
              ("not-improved", NOW, "O on 5 November"), "the outcome")
        t.refused("penalty", "improve-outcome", "1", "--outcome", "improved", "--user", OFFICER,
                  today="2024-11-25")

        # The school's period: 3 to 6 weeks.
        t.refused("school", "set", "penalty_improvement_weeks", "7", "--user", HEAD)
        t.ok("school", "set", "penalty_improvement_weeks", "5", "--user", HEAD)
        equal(t.json("school", "show")["penalty_improvement_weeks"], "5", "the setting")
    finally:
        t.cleanup()


def test_penalty_improve_without_letter_records_nothing():
    t = school()
    try:
        # Ben has no contact to write to: with --out nothing is recorded.
        t.marks(UPN_B, week_of("2024-11-04", "O"))
        consider(t, UPN_B, NOW, "notice-to-improve")
        r = t.run("penalty", "improve", UPN_B, "--out", t.path("b.pdf"), "--user", OFFICER, today=NOW)
        equal(r.rc, 1, "refused")
        check("was not recorded" in r.err, r.err)
        equal(t.json("penalty", "improvements", today=NOW), [], "nothing recorded")
        # Without --out the notice is recorded alone.
        r = t.ok("penalty", "improve", UPN_B, "--user", OFFICER, today=NOW)
        check("the improvement period runs to 2024-12-06" in r.out, r.out)
        con = sqlite3.connect(t.db)
        try:
            equal(con.execute("SELECT count(*) FROM audit_log WHERE action = 'penalty.improve'")
                  .fetchone()[0], 1, "audited once")
        finally:
            con.close()
    finally:
        t.cleanup()


if __name__ == "__main__":
    import test_cli
    # Run this file's tests, not those of test_cli.py.
    for name in list(vars(test_cli)):
        if name.startswith("test_"):
            delattr(test_cli, name)
    test_cli.main.__globals__.update({k: v for k, v in globals().items() if k.startswith("test_")})
    sys.exit(run_tests())
