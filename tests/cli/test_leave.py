#!/usr/bin/env python3
# test_leave.py: attendance-cli's requests for leave of absence, end to end
# through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). "Today" is Monday
# 4 November 2024 unless a test says otherwise. Run with --tap for TAP
# output.

import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, OFFICER, RECEPTION, HEAD,  # noqa: E402
                      check, equal, pdf_pages, main as run_tests)

NOW = "2024-11-04"


def counts(t):
    con = sqlite3.connect(t.db)
    try:
        return tuple(con.execute("SELECT count(*) FROM " + table).fetchone()[0]
                     for table in ("leave_requests", "mark_history", "audit_log"))
    finally:
        con.close()


def school():
    t = School().setup()
    t.add_pupils()
    return t


def add(t, upn, start, end, kind, *extra, user=RECEPTION, today=NOW):
    r = t.ok("leave", "add", upn, "--start", start, "--end", end, "--type", kind,
             "--reason", "Grandmother's funeral in Lahore", "--requested-by", "Mrs Khan",
             *extra, "--user", user, today=today)
    check(r.out.startswith("Request "), r.out)
    return int(r.out.split()[1])


def by_id(t, ident, today=NOW):
    rows = [r for r in t.json("leave", "list", today=today) if r["id"] == ident]
    equal(len(rows), 1, "request %d listed" % ident)
    return rows[0]


def test_leave_add_and_list():
    t = school()
    try:
        # Monday 2 to Wednesday 4 December: 3 days, 6 sessions; received
        # today, 28 days ahead (no late notice), asked by a name that is no
        # contact on file: a warning for exceptional circumstances, on
        # stderr, and the request is recorded all the same.
        r = t.ok("leave", "add", UPN_A, "--start", "2024-12-02", "--end", "2024-12-04",
                 "--type", "exceptional", "--reason", "Grandmother's funeral in Lahore",
                 "--requested-by", "Aunt Farah", "--user", RECEPTION, today=NOW)
        check("Warning:" in r.err and "lives with" in r.err, r.err)
        ident = int(r.out.split()[1])
        row = by_id(t, ident)
        check(isinstance(row["id"], int), "id")
        equal(row["upn"], UPN_A, "upn")
        equal(row["status"], "submitted", "status")
        equal(row["type"], "exceptional", "type")
        equal(row["code"], "C", "code")
        equal(row["start"], "2024-12-02", "start")
        equal(row["end"], "2024-12-04", "end")
        equal(row["return"], "2024-12-05", "due back the next school day")
        equal(row["sessions_asked"], 6, "sessions asked")
        equal(row["warnings"], ["requester"], "warnings")
        equal(row["received"], NOW, "received")

        # From the afternoon of Friday 6th to the morning of Monday 9th:
        # 2 sessions; back on Monday afternoon.
        ident = add(t, UPN_B, "2024-12-06:pm", "2024-12-09:am", "interview")
        row = by_id(t, ident)
        equal(row["sessions_asked"], 2, "half days")
        equal(row["return"], "2024-12-09", "back the same afternoon")

        equal([r["id"] for r in t.json("leave", "list", "--status", "submitted", today=NOW)],
              sorted([ident, row["id"] - 1]), "the queue")
        equal(t.json("leave", "list", "--status", "approved", today=NOW), [], "nothing agreed")
        table = t.ok("leave", "list", today=NOW).out
        check(UPN_A in table and "submitted" in table, table)
    finally:
        t.cleanup()


def test_only_the_headteacher_decides():
    t = school()
    try:
        ident = add(t, UPN_A, "2024-12-02", "2024-12-04", "exceptional")
        before = counts(t)
        # A receptionist and an attendance officer are refused, exit 1,
        # and nothing changes.
        for user in (RECEPTION, OFFICER):
            r = t.refused("leave", "decide", str(ident), "approve", "--note", "Agreed",
                          "--user", user, today=NOW)
            check("headteacher" in r.err, r.err)
        equal(counts(t), before, "nothing changed")
        equal(by_id(t, ident)["status"], "submitted", "still waiting")

        # The headteacher authorises the officer: then they may.
        t.ok("users", "deputy", OFFICER, "--user", HEAD)
        r = t.ok("leave", "decide", str(ident), "approve", "--note", "A funeral abroad",
                 "--user", OFFICER, today=NOW)
        check("6 of 6 sessions agreed" in r.out, r.out)
        row = by_id(t, ident)
        equal(row["status"], "approved", "approved")
        equal([s["code"] for s in row["sessions"]], ["C"] * 6, "filled with C")
        check(OFFICER in row["decided_by"], row["decided_by"])
    finally:
        t.cleanup()


def test_partial_agreement_and_final_decision():
    t = school()
    try:
        # Holiday asked Monday 2 to Wednesday 4 December (6 sessions); the
        # headteacher agrees Monday and Tuesday morning as exceptional (3
        # sessions of C) and refuses the rest.
        ident = add(t, UPN_A, "2024-12-02", "2024-12-04", "holiday")
        r = t.ok("leave", "decide", str(ident), "approve", "--sessions", "2024-12-02,2024-12-03:am",
                 "--note", "The wedding day and the journey only", "--user", HEAD, today=NOW)
        check("3 of 6 sessions agreed" in r.out, r.out)
        row = by_id(t, ident)
        equal(row["status"], "partly-approved", "partly")
        equal(row["sessions_agreed"], 3, "agreed")
        equal(row["sessions_refused"], 3, "refused")
        equal([(s["date"], s["session"], s["state"], s["code"]) for s in row["sessions"]],
              [("2024-12-02", "am", "agreed", "C"), ("2024-12-02", "pm", "agreed", "C"),
               ("2024-12-03", "am", "agreed", "C"), ("2024-12-03", "pm", "refused", None),
               ("2024-12-04", "am", "refused", None), ("2024-12-04", "pm", "refused", None)],
              "only the agreed sessions filled")
        equal(t.json("leave", "list", "--status", "partly-approved", today=NOW)[0]["id"], ident, "filter")

        # Final: a second decision is refused with nothing changed.
        before = counts(t)
        t.refused("leave", "decide", str(ident), "decline", "--note", "Changed my mind",
                  "--user", HEAD, today=NOW)
        t.refused("leave", "withdraw", str(ident), "--user", RECEPTION, today=NOW)
        equal(counts(t), before, "nothing changed")

        # Absent on the refused days anyway: the first-day list suggests G.
        t.ok("mark", UPN_A, "2024-12-03", "pm", "N", "--user", OFFICER, today="2024-12-03")
        rows = t.json("firstday", "--date", "2024-12-03", today="2024-12-03")
        mine = [r for r in rows if r["upn"] == UPN_A]
        equal(len(mine), 1, "on the list")
        equal(mine[0].get("suggested_code"), "G", "G for a holiday refused")
    finally:
        t.cleanup()


def test_amendment_reason_and_withdraw():
    t = school()
    try:
        # Study leave on Friday 8 November; the morning is already I.
        ident = add(t, UPN_A, "2024-11-08", "2024-11-08", "study")
        t.ok("mark", UPN_A, "2024-11-08", "am", "I", "--user", OFFICER, today="2024-11-08")
        before = counts(t)
        r = t.refused("leave", "decide", str(ident), "approve", "--note", "Mock exam revision",
                      "--user", HEAD, today="2024-11-08")
        check("reason" in r.err, r.err)
        equal(counts(t), before, "nothing changed")
        t.ok("leave", "decide", str(ident), "approve", "--note", "Mock exam revision",
             "--amend-reason", "Study leave agreed", "--user", HEAD, today="2024-11-08")
        equal([s["code"] for s in by_id(t, ident, today="2024-11-08")["sessions"]], ["S", "S"], "S")

        other = add(t, UPN_B, "2024-12-09", "2024-12-13", "holiday")
        t.ok("leave", "withdraw", str(other), "--user", RECEPTION, today=NOW)
        equal(by_id(t, other)["status"], "withdrawn", "withdrawn")
        t.refused("leave", "decide", str(other), "approve", "--note", "Agreed", "--user", HEAD, today=NOW)
    finally:
        t.cleanup()


def test_leave_usage_errors():
    t = school()
    try:
        t.usage("leave", "add", UPN_A, "--start", "2024-12-02", "--end", "2024-12-04",
                "--type", "cruise", "--reason", "x", "--requested-by", "Mrs Khan",
                "--user", RECEPTION, today=NOW)
        t.usage("leave", "add", UPN_A, "--start", "2024-12-02", "--type", "holiday",
                "--reason", "x", "--requested-by", "Mrs Khan", "--user", RECEPTION, today=NOW)
        ident = add(t, UPN_A, "2024-12-02", "2024-12-04", "holiday")
        t.usage("leave", "decide", str(ident), "maybe", "--note", "x", "--user", HEAD, today=NOW)
        t.usage("leave", "decide", str(ident), "approve", "--user", HEAD, today=NOW)
        t.usage("leave", "decide", "x", "approve", "--note", "x", "--user", HEAD, today=NOW)
        t.usage("leave", "list", "--status", "pending", today=NOW)
        t.refused("leave", "decide", "999", "approve", "--note", "x", "--user", HEAD, today=NOW)
        # The end before the start: refused, nothing recorded.
        before = counts(t)
        t.refused("leave", "add", UPN_A, "--start", "2024-12-04", "--end", "2024-12-02",
                  "--type", "holiday", "--reason", "x", "--requested-by", "Mrs Khan",
                  "--user", RECEPTION, today=NOW)
        equal(counts(t), before, "nothing recorded")
    finally:
        t.cleanup()


def add_parents(t):
    # Amina's mother and father at one address (one letter to both), and
    # her father's partner without parental responsibility (no letter).
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship", "parental_responsibility",
         "lives_with", "receives_letters", "address_1", "town", "postcode"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "Y", "Y", "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "3", "Ms", "Jo", "Reed", "Other", "N", "N", "N", "4 Elm Road", "Millbrook", "MB1 1AA"]])
    t.ok("contacts", "import", contacts, "--user", HEAD)


def letters_logged(t):
    con = sqlite3.connect(t.db)
    try:
        return con.execute("SELECT kind, reference, recipient FROM letters ORDER BY id").fetchall()
    finally:
        con.close()


def test_decision_letters():
    t = school()
    try:
        add_parents(t)
        # Holiday asked Monday 2 to Wednesday 4 December by Mrs Khan;
        # Monday and Tuesday morning agreed (3 sessions), the rest refused.
        ident = add(t, UPN_A, "2024-12-02", "2024-12-04", "holiday")
        out = t.path("partly.pdf")
        # No decision yet: no letter, exit 1.
        t.refused("leave", "letter", str(ident), "--out", out, "--user", OFFICER, today=NOW)
        check(not os.path.exists(out), "no file")
        t.ok("leave", "decide", str(ident), "approve", "--sessions", "2024-12-02,2024-12-03:am",
             "--note", "The wedding and the journey only; the days after are a holiday.",
             "--user", HEAD, today=NOW)
        # A receptionist does not send letters.
        t.refused("leave", "letter", str(ident), "--out", out, "--user", RECEPTION, today=NOW)
        t.usage("leave", "letter", str(ident), "--user", OFFICER, today=NOW)

        r = t.ok("leave", "letter", str(ident), "--out", out, "--user", OFFICER, today=NOW)
        check("Wrote 1 page" in r.out, r.out)
        pages = pdf_pages(out)
        equal(len(pages), 1, "one letter: both parents live at one address")
        text = " ".join(pages[0].split())
        for expected in ("Mrs Sara Khan and Mr Omar Khan", "12 Mill Lane", "MB4 2QT",
                         "Dear Mrs and Mr Khan", "Leave of absence for Amina Khan: agreed in part",
                         "received on Monday 4 November 2024",
                         "from Monday 2 December 2024 to Wednesday 4 December 2024",
                         "agreed 3 of the 6 sessions",
                         "Mon 2 Dec 2024 (all day), Tue 3 Dec 2024 (morning)",
                         "The rest of the request, 3 sessions, has not been agreed: "
                         "Tue 3 Dec 2024 (afternoon), Wed 4 Dec 2024 (all day)",
                         "The wedding and the journey only; the days after are a holiday.",
                         "4 November 2024"):
            check(expected in text, "the letter says: " + expected + "\n" + pages[0])
        check("Reed" not in text, "no letter to a contact without parental responsibility")
        # The table: agreed sessions with C, the others not agreed.
        check(re.search(r"Mon 2 Dec 2024\s+Morning\s+C\s", pages[0]), pages[0])
        check(re.search(r"Wed 4 Dec 2024\s+Afternoon\s+Not agreed", pages[0]), pages[0])
        equal(letters_logged(t), [("leave-partly-agreed", "leave:%d" % ident, "Mrs Sara Khan and Mr Omar Khan")],
              "logged")

        # Refused, then absent on the refused days: the letter after an
        # unauthorised absence, with the G sessions.
        other = add(t, UPN_A, "2024-12-09", "2024-12-10", "holiday")
        t.ok("leave", "decide", str(other), "decline",
             "--note", "A holiday is not an exceptional circumstance.", "--user", HEAD, today=NOW)
        out = t.path("refused.pdf")
        t.ok("leave", "letter", str(other), "--out", out, "--user", OFFICER, today=NOW)
        text = " ".join(pdf_pages(out)[0].split())
        # cli.md's form, without --user: the letter is sent, and logged, in
        # the name of the headteacher who decided.
        out_head = t.path("refused-head.pdf")
        t.ok("leave", "letter", str(other), "--out", out_head, today=NOW)
        equal(" ".join(pdf_pages(out_head)[0].split()), text, "the same letter")
        con = sqlite3.connect(t.db)
        try:
            equal(con.execute("SELECT a.name FROM letters l JOIN actors a ON a.id = l.actor_id"
                              " ORDER BY l.id DESC LIMIT 1").fetchone()[0], HEAD, "logged as the decider's")
        finally:
            con.close()
        for expected in ("Leave of absence for Amina Khan: not agreed",
                         "from Monday 9 December 2024 to Tuesday 10 December 2024 (4 sessions)",
                         "“Grandmother's funeral in Lahore”",
                         "circumstances you describe are not exceptional",
                         "A holiday is not an exceptional circumstance."):
            check(expected in text, "the refusal says: " + expected)
        for day in ("2024-12-09", "2024-12-10"):
            for session in ("am", "pm"):
                t.ok("mark", UPN_A, day, session, "G", "--user", OFFICER, today="2024-12-11")
        out = t.path("after.pdf")
        t.ok("leave", "letter", str(other), "--out", out, "--user", OFFICER, today="2024-12-11")
        page = pdf_pages(out)[0]
        text = " ".join(page.split())
        check("Unauthorised absence: Amina Khan" in text, text)
        equal(len(re.findall(r"Dec 2024\s+(Morning|Afternoon)\s+G\s", page)), 4, "the four G sessions")
        equal([k for k, _, _ in letters_logged(t)],
              ["leave-partly-agreed", "leave-refused", "leave-refused", "leave-unauthorised"],
              "every letter logged")
    finally:
        t.cleanup()


def test_decision_letter_uses_the_schools_wording():
    t = school()
    try:
        add_parents(t)
        ident = add(t, UPN_A, "2024-12-09", "2024-12-10", "holiday")
        t.ok("leave", "decide", str(ident), "decline",
             "--note", "A holiday is not an exceptional circumstance.", "--user", HEAD, today=NOW)
        # The school rewords the refusal: the built-in wording is version 2,
        # the school's becomes version 3 and is the one printed and logged.
        shown = t.json("letters", "templates", "show", "leave-refused")
        equal(shown["version"], 2, "the built-in wording")
        reworded = t.path("refused.txt")
        with open(reworded, "w") as f:
            f.write(shown["subject"] + "\n\n" + shown["body"]
                    + "\n\nMrs Patel in the office will gladly talk it over.\n")
        t.ok("letters", "templates", "set", "leave-refused", reworded, "--user", OFFICER)
        out = t.path("refused.pdf")
        t.ok("leave", "letter", str(ident), "--out", out, "--user", OFFICER, today=NOW)
        text = " ".join(pdf_pages(out)[0].split())
        check("Mrs Patel in the office will gladly talk it over." in text, text)
        con = sqlite3.connect(t.db)
        try:
            equal(con.execute("SELECT template_name, template_version FROM letters").fetchall(),
                  [("leave-refused", 3)], "logged with the wording sent")
        finally:
            con.close()
    finally:
        t.cleanup()


def test_letters_count_one_session():
    t = school()
    try:
        add_parents(t)
        # A funeral on Monday 16 December 2024: 2 sessions asked, the
        # morning agreed, the afternoon refused. One session each way, so
        # the letter says "1 session", never "1 sessions".
        ident = add(t, UPN_A, "2024-12-16", "2024-12-16", "exceptional")
        r = t.ok("leave", "decide", str(ident), "approve", "--sessions", "2024-12-16:am",
                 "--note", "The service only.", "--user", HEAD, today=NOW)
        check("1 of 2 sessions agreed" in r.out, r.out)
        out = t.path("one.pdf")
        t.ok("leave", "letter", str(ident), "--out", out, "--user", OFFICER, today=NOW)
        text = " ".join(pdf_pages(out)[0].split())
        for expected in ("agreed 1 of the 2 sessions you asked for: Mon 16 Dec 2024 (morning)",
                         "The rest of the request, 1 session, has not been agreed: "
                         "Mon 16 Dec 2024 (afternoon)"):
            check(expected in text, "the letter says: " + expected + "\n" + text)
        check("1 sessions" not in text, text)

        # Refused and taken: 1 G session in the ten school weeks to
        # Tuesday 17 December, so "has 1 session of unauthorised absence".
        other = add(t, UPN_A, "2024-12-17", "2024-12-17", "holiday")
        t.ok("leave", "decide", str(other), "decline", "--note", "A holiday.", "--user", HEAD, today=NOW)
        t.ok("mark", UPN_A, "2024-12-17", "am", "G", "--user", OFFICER, today="2024-12-18")
        out = t.path("after.pdf")
        t.ok("leave", "letter", str(other), "--out", out, "--user", OFFICER, today="2024-12-18")
        text = " ".join(pdf_pages(out)[0].split())
        check("Amina has 1 session of unauthorised absence" in text, text)
        check("1 sessions" not in text, text)
    finally:
        t.cleanup()


def test_follow_up_lists():
    t = school()
    try:
        # Amina: afternoons out of school from Tuesday 5 November to Friday
        # 20 December 2024, first reviewed on Tuesday 19 November.
        part = add(t, UPN_A, "2024-11-05", "2024-12-20", "part-time", "--pattern", "pm",
                   "--review", "2024-11-19")
        t.ok("leave", "decide", str(part), "approve", "--note", "A phased return.", "--user", HEAD, today=NOW)
        equal(t.json("leave", "reviews", "--date", "2024-11-18"), [], "no review due the day before")
        rows = t.json("leave", "reviews", "--date", "2024-11-19")
        equal([(r["id"], r["upn"], r["review"]) for r in rows], [(part, UPN_A, "2024-11-19")], "review due")
        r = t.ok("leave", "reviews", "--date", "2024-11-19")
        check(UPN_A in r.out, r.out)

        # Ben: Monday 11 and Tuesday 12 November agreed, back Wednesday 13.
        away = add(t, UPN_B, "2024-11-11", "2024-11-12", "exceptional", "--return", "2024-11-13")
        t.ok("leave", "decide", str(away), "approve", "--note", "The funeral.", "--user", HEAD, today=NOW)
        equal(t.json("leave", "not-back", "--date", "2024-11-12"), [], "not yet due back")
        equal(t.json("leave", "not-back", "--date", "2024-11-13"), [], "the register not taken yet")
        t.ok("mark", UPN_B, "2024-11-13", "am", "N", "--user", OFFICER, today="2024-11-13")
        rows = t.json("leave", "not-back", "--date", "2024-11-13")
        equal([(r["id"], r["upn"], r["return"]) for r in rows], [(away, UPN_B, "2024-11-13")],
              "absent on the return day: possibly missing education")
        t.ok("mark", UPN_B, "2024-11-13", "pm", "/", "--user", OFFICER, today="2024-11-13")
        equal(t.json("leave", "not-back", "--date", "2024-11-13"), [], "back")

        # Ben again: a holiday on Monday 2 and Tuesday 3 December refused,
        # taken anyway (4 G sessions), back on Wednesday 4.
        holiday = add(t, UPN_B, "2024-12-02", "2024-12-03", "holiday")
        t.ok("leave", "decide", str(holiday), "decline", "--note", "A holiday.", "--user", HEAD, today=NOW)
        for day in ("2024-12-02", "2024-12-03"):
            for session in ("am", "pm"):
                t.ok("mark", UPN_B, day, session, "G", "--user", OFFICER, today="2024-12-04")
        equal(t.json("leave", "refused-taken", "--date", "2024-12-03"), [], "not back yet")
        t.ok("mark", UPN_B, "2024-12-04", "am", "/", "--user", OFFICER, today="2024-12-04")
        rows = t.json("leave", "refused-taken", "--date", "2024-12-04")
        equal(len(rows), 1, "one case")
        equal({k: rows[0][k] for k in ("id", "upn", "type", "sessions_refused", "sessions_absent",
                                       "unauthorised", "first_absent", "last_absent", "back")},
              {"id": holiday, "upn": UPN_B, "type": "holiday", "sessions_refused": 4, "sessions_absent": 4,
               "unauthorised": 4, "first_absent": "2024-12-02", "last_absent": "2024-12-03",
               "back": "2024-12-04"}, "the case")
        r = t.ok("leave", "refused-taken", "--date", "2024-12-04")
        check(UPN_B in r.out, r.out)
        t.usage("leave", "reviews", "--date", "yesterday")
    finally:
        t.cleanup()


def test_leave_settings():
    t = school()
    try:
        equal(t.json("leave", "settings"), {"notice_days": 21, "review_days": 42}, "the defaults")
        # Received Monday 4 November for Monday 18 November: 14 days, late
        # against 21 days' notice, in time against 14.
        first = add(t, UPN_A, "2024-11-18", "2024-11-18", "exceptional")
        check("late-notice" in by_id(t, first)["warnings"], "late against 21 days")
        t.refused("leave", "set", "notice_days", "14", "--user", RECEPTION)
        t.usage("leave", "set", "notice_weeks", "2", "--user", HEAD)
        t.usage("leave", "set", "notice_days", "two", "--user", HEAD)
        r = t.ok("leave", "set", "notice_days", "14", "--user", HEAD)
        equal(r.out, "notice_days = 14\n", "what is in force")
        second = add(t, UPN_B, "2024-11-18", "2024-11-18", "exceptional")
        check("late-notice" not in by_id(t, second)["warnings"], "in time against 14 days")

        # Reviews at most 7 days apart: a first review 8 days after the
        # start (Tuesday 5 to Wednesday 13 November) is refused.
        t.ok("leave", "set", "review_days", "7", "--user", HEAD)
        t.refused("leave", "add", UPN_A, "--start", "2024-11-05", "--end", "2024-12-20", "--type", "part-time",
                  "--pattern", "pm", "--review", "2024-11-13", "--reason", "x", "--requested-by", "Mrs Khan",
                  "--user", RECEPTION, today=NOW)
        equal(t.json("leave", "settings"), {"notice_days": 14, "review_days": 7}, "both kept")
    finally:
        t.cleanup()


def test_demo_has_leave_in_every_state():
    t = School()
    try:
        t.ok("demo", "--pupils", "300", "--years", "1", "--as-of", "2024-11-20", today="2024-11-20")
        rows = t.json("leave", "list", today="2024-11-20")
        states = {r["status"] for r in rows}
        equal(states, {"submitted", "approved", "partly-approved", "declined", "withdrawn"}, "every state")
        # A brother and sister asked on one form: one request each, one group.
        groups = {}
        for r in rows:
            groups.setdefault(r["group_id"], []).append(r)
        check(any(len(g) > 1 for g in groups.values()), "a family's requests")
        # Refused and taken anyway: the refused sessions hold G.
        taken = [r for r in rows if r["status"] == "declined"]
        check(taken and all(s["code"] == "G" for r in taken for s in r["sessions"]), "G on refused days")
        # Agreed ahead: the register holds the type's code.
        agreed = [r for r in rows if r["status"] == "approved" and r["type"] != "part-time"]
        check(agreed and all(s["code"] == r["code"] for r in agreed for s in r["sessions"]), "filled")
        # The part-time timetable of afternoons, its review due today.
        part = [r for r in rows if r["type"] == "part-time"]
        equal(len(part), 1, "a part-time timetable")
        equal(part[0]["pattern"], "mon-pm,tue-pm,wed-pm,thu-pm,fri-pm", "afternoons")
        equal(part[0]["review"], "2024-11-20", "review due")
        check(all(s["session"] == "pm" and s["code"] == "C2" for s in part[0]["sessions"]), "C2")
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
