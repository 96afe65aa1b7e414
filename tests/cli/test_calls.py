#!/usr/bin/env python3
# test_calls.py: attendance-cli's calls, late book, first-day list and the
# local authority's lists, end to end through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December), registers open 08:45 to
# 09:15 and 13:15 to 13:45. "Today" is Friday 20 December 2024 unless a
# test says otherwise. Run with --tap for TAP output.

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, OFFICER, RECEPTION, HEAD,  # noqa: E402
                      check, equal, has_line, main as run_tests)


def counts(t):
    con = sqlite3.connect(t.db)
    try:
        return tuple(con.execute("SELECT count(*) FROM " + table).fetchone()[0]
                     for table in ("calls", "call_attempts", "mark_history", "late_book",
                                   "la_notifications"))
    finally:
        con.close()


def school():
    t = School().setup()
    t.add_pupils()
    return t


def test_calls_add_apply_and_list():
    t = school()
    try:
        # Monday 16 December: A is N this morning; the parent rings about
        # illness. --apply turns the morning's N and the empty afternoon
        # into I (2 sessions); B is present this morning, and the call
        # about a medical appointment leaves '/' as it is (kept) and
        # writes M for the afternoon alone.
        t.mark(UPN_A, "2024-12-16", "am", "N")
        t.mark(UPN_B, "2024-12-16", "am", "/")
        r = t.ok("calls", "add", UPN_A, "--caller", "Mrs Khan", "--channel", "phone",
                 "--direction", "in", "--outcome", "reported", "--reason", "illness",
                 "--date", "2024-12-16", "--apply", "--user", RECEPTION, today="2024-12-16")
        check("2024-12-16 am: I (was N)" in r.out and "2024-12-16 pm: I" in r.out, r.out)
        r = t.ok("calls", "add", UPN_B, "--caller", "Mr Smith", "--channel", "in-person",
                 "--direction", "in", "--outcome", "dentist at 2", "--reason", "medical",
                 "--date", "2024-12-16", "--apply", "--user", RECEPTION, today="2024-12-16")
        check("am: / kept" in r.out and "pm: M" in r.out, r.out)

        calls = t.json("calls", "list", "--date", "2024-12-16")
        equal([c["upn"] for c in calls], [UPN_A, UPN_B], "the day's calls")
        a = calls[0]
        check(isinstance(a["id"], int), "id")
        equal((a["reason"], a["channel"], a["direction"], a["user"]),
              ("illness", "phone", "in", RECEPTION), "call A")
        equal([(m["session"], m["old"], m["new"]) for m in a["marks"]],
              [("am", "N", "I"), ("pm", None, "I")], "the sessions the call wrote")
        history = t.json("history", UPN_A)
        equal([h["new"] for h in history], ["N", "I", "I"], "history")
        equal([(m["session"], m["new"]) for m in calls[1]["marks"]], [("pm", "M")], "call B")

        # A pupil's calls, whatever the day.
        equal(len(t.json("calls", "list", "--pupil", UPN_A)), 1, "A's calls")

        # A further attempt on B's call.
        t.ok("calls", "attempt", str(calls[1]["id"]), "voicemail", "--note", "left a message",
             "--user", RECEPTION)
        b = t.json("calls", "list", "--pupil", UPN_B)[0]
        equal([x["outcome"] for x in b["attempts"]], ["voicemail"], "attempts")
    finally:
        t.cleanup()


def test_calls_add_refused_changes_nothing():
    t = school()
    try:
        t.mark(UPN_A, "2024-12-16", "am", "N")
        before = counts(t)
        base = ["--caller", "Mrs Khan", "--channel", "phone", "--direction", "in",
                "--outcome", "reported", "--reason", "illness", "--apply", "--user", RECEPTION]
        # A UPN nobody has; Saturday 14 December; a channel there is not.
        t.refused("calls", "add", "A999999999999", "--date", "2024-12-16", *base)
        r = t.refused("calls", "add", UPN_A, "--date", "2024-12-14", *base)
        check("not a school day" in r.err, r.err)
        bad = list(base)
        bad[bad.index("phone")] = "fax"
        r = t.refused("calls", "add", UPN_A, "--date", "2024-12-16", *bad)
        check("fax" in r.err and "home-visit" in r.err, r.err)
        r = t.refused("calls", "add", UPN_A, "--date", "2024-12-16", "--reason", "bored",
                      *[x for x in base if x not in ("--reason", "illness")])
        check("bored" in r.err, r.err)
        # A call attempt on a call there is not, with an unknown outcome.
        t.refused("calls", "attempt", "99", "no-answer", "--user", RECEPTION)
        t.refused("calls", "attempt", "1", "shrug", "--user", RECEPTION)
        equal(counts(t), before, "nothing changed")
        # Missing --channel is a usage error.
        t.usage("calls", "add", UPN_A, "--caller", "X", "--direction", "in", "--outcome", "x",
                "--user", RECEPTION)
    finally:
        t.cleanup()


def test_calls_amend_reason():
    t = school()
    try:
        # 17 December: C present this morning; a call about religious
        # observance for the whole day with --amend-reason changes the
        # '/' too (2 sessions R).
        t.mark(UPN_C, "2024-12-17", "am", "/")
        t.ok("calls", "add", UPN_C, "--caller", "Mrs Jones", "--channel", "phone",
             "--direction", "in", "--outcome", "forgot to ring", "--reason", "religious",
             "--date", "2024-12-17", "--apply", "--amend-reason", "Marked present in error",
             "--user", OFFICER)
        codes = [h["new"] for h in t.json("history", UPN_C)]
        equal(codes, ["/", "R", "R"], "R over the present mark, with the reason")
    finally:
        t.cleanup()


def test_late_book():
    t = school()
    try:
        # 09:05 on 20 December: 20 minutes after 08:45, the register open:
        # L 20. 09:40: 55 minutes, after 09:15: U, refused without a
        # reason (nothing written), then accepted with one.
        r = t.ok("late", UPN_A, "--time", "09:05", "--brought-by", "Dad", "--user", RECEPTION,
                 clock="09:40")
        check(": L, arrived 09:05 (20 minutes" in r.out, r.out)
        before = counts(t)
        r = t.refused("late", UPN_B, "--time", "09:40", "--user", RECEPTION, clock="09:45")
        check("reason" in r.err, r.err)
        equal(counts(t), before, "nothing changed")
        r = t.ok("late", UPN_B, "--time", "09:40", "--reason", "bus late", "--user", RECEPTION,
                 clock="09:45")
        check(": U, arrived 09:40 (55 minutes" in r.out, r.out)
        book = t.json("latebook")
        equal([(e["upn"], e["code"], e["minutes_late"], e["person"]) for e in book],
              [(UPN_A, "L", 20, "Dad"), (UPN_B, "U", 55, "")], "the day's late book")
        # Signed out at 12:00 for the dentist, not back: the afternoon
        # register (13:15 to 13:45) is missed: M.
        t.ok("signout", UPN_C, "--out", "12:00", "--reason", "medical", "--collected-by", "Mum",
             "--user", RECEPTION, clock="12:00")
        equal([h["new"] for h in t.json("history", UPN_C)], ["M"], "M for the afternoon")
        register = {p["upn"]: p for p in t.json("register", "4K", "2024-12-20", "--days", "1")}
        check(register[UPN_B] is not None, "register read")
        hist = t.json("history", UPN_B)
        equal([(h["new"], h["minutes_late"] if "minutes_late" in h else None) for h in hist][0][0],
              "U", "U written")
        t.refused("late", "A999999999999", "--time", "09:05", "--user", RECEPTION)
    finally:
        t.cleanup()


def test_rollcall_late_book():
    t = school()
    try:
        # Friday 20 December, all four in 4K. Amina, Cara and Dev are
        # marked present this morning; Ben signs in at 09:05 (L 20). Cara
        # is signed out at 10:00 and not back; Dev signed out at 10:30
        # and back at 11:15. On site, by the time of the roll call:
        #   09:00  Amina, Cara, Dev         3 (Ben not in yet), none out
        #   10:45  Amina, Ben               2, Cara and Dev out: 2
        #   11:20  Amina, Ben, Dev          3, Cara out: 1
        for upn in (UPN_A, UPN_C, UPN_D):
            t.mark(upn, "2024-12-20", "am", "/")
        t.ok("late", UPN_B, "--time", "09:05", "--brought-by", "Dad", "--user", RECEPTION,
             clock="09:40")
        t.ok("signout", UPN_C, "--out", "10:00", "--reason", "other", "--collected-by", "Mum",
             "--user", RECEPTION, clock="10:00")
        t.ok("signout", UPN_D, "--out", "10:30", "--back", "11:15", "--reason", "medical",
             "--user", RECEPTION, clock="11:20")

        def on_site(rc):
            return [p["upn"] for g in rc["groups"] for p in g["on_site"]]

        def signed_out(rc):
            return [(p["upn"], p["time_out"]) for g in rc["groups"] for p in g["signed_out"]]

        rc = t.json("rollcall", "--time", "09:00")
        equal((rc["session"], rc["time"], rc["on_site"], rc["signed_out"]), ("am", "09:00", 3, 0),
              "09:00: Ben is not in yet")
        # By surname: Jones, Khan, Patel.
        equal(on_site(rc), [UPN_C, UPN_A, UPN_D], "on site at 09:00")
        rc = t.json("rollcall", "--time", "10:45")
        equal((rc["on_site"], rc["signed_out"]), (2, 2), "10:45")
        equal(on_site(rc), [UPN_A, UPN_B], "on site at 10:45")
        equal(signed_out(rc), [(UPN_C, "10:00"), (UPN_D, "10:30")], "out at 10:45")
        # Without --time: the register clock.
        rc = t.json("rollcall", clock="11:20")
        equal((rc["time"], rc["on_site"], rc["signed_out"]), ("11:20", 3, 1), "11:20")
        equal(signed_out(rc), [(UPN_C, "10:00")], "Dev is back")
        r = t.ok("rollcall", clock="11:20")
        check(has_line(r.out, r"^Whole school\s+4\s+0\s+3\s*$"), r.out)
        check(has_line(r.out, r"^4K\s+%s\s+Cara Jones\s+10:00\s*$" % UPN_C), r.out)
        t.usage("rollcall", "--time", "25:00")
    finally:
        t.cleanup()


def audit_count(t, action):
    con = sqlite3.connect(t.db)
    try:
        return con.execute("SELECT count(*) FROM audit_log WHERE action = ?", (action,)).fetchone()[0]
    finally:
        con.close()


def test_firstday_procedure():
    t = school()
    try:
        # The default: nine steps, the first a text at the register's close.
        p = t.json("firstday", "procedure")
        equal(len(p["steps"]), 9, "the default procedure")
        equal(p["steps"][0], {"day": 1, "every": 0, "for": "all", "action": "text", "due": "close",
                              "who": "Office"}, "its first step")
        equal(p["safeguarding_lead"], None, "nobody named")

        # A step with no action, a day out of range (191 > 190), a time
        # out of range: refused with the line and field, nothing changed.
        for text, words in (("1;all;call;close;Office\n2;all;;close;Office\n", "Line 2 of the procedure, action:"),
                            ("191;all;call;close;Office\n", "Line 1 of the procedure, day:"),
                            ("1;all;call;24:30;Office\n", "due: “24:30”")):
            path = t.path("procedure.txt")
            with open(path, "w") as f:
                f.write(text)
            r = t.refused("firstday", "procedure", "set", path, "--user", HEAD)
            check(words in r.err, r.err)
        equal(len(t.json("firstday", "procedure")["steps"]), 9, "nothing changed")
        equal(audit_count(t, "firstday.procedure"), 0, "nothing audited")
        # A receptionist may not change it.
        with open(path, "w") as f:
            f.write("1;all;call;close+30;Office\n3+2;vulnerable;home-visit;14:00;Attendance officer\n")
        t.refused("firstday", "procedure", "set", path, "--user", RECEPTION)

        r = t.ok("firstday", "procedure", "set", path, "--user", HEAD)
        equal(r.out.strip(), "The procedure has 2 steps", "saved")
        steps = t.json("firstday", "procedure")["steps"]
        equal([(s["day"], s["every"], s["for"], s["action"], s["due"], s["who"]) for s in steps],
              [(1, 0, "all", "call", "close+30", "Office"),
               (3, 2, "vulnerable", "home-visit", "14:00", "Attendance officer")], "the new steps")
        equal(audit_count(t, "firstday.procedure"), 1, "audited")
        # The first-day list follows it: Amina, N this morning, is due a
        # call (day 1) and no text.
        t.mark(UPN_A, "2024-12-20", "am", "N")
        rows = t.json("firstday", clock="10:00")
        equal(rows[0]["steps_due"], ["call"], "no text is due")

        # The text message: an unknown field is refused by name.
        r = t.refused("firstday", "set", "text_template", "{school}: {forenme} is away", "--user", HEAD)
        check("{forenme}" in r.err, r.err)
        r = t.ok("firstday", "set", "text_template", "{forename} is away: ring {phone}", "--user", HEAD)
        equal(r.out.strip(), "text_template = {forename} is away: ring {phone}", "set")
        t.ok("firstday", "set", "safeguarding_lead", "Dee Lead", "--user", HEAD)
        p = t.json("firstday", "procedure")
        equal((p["text_template"], p["safeguarding_lead"]),
              ("{forename} is away: ring {phone}", "Dee Lead"), "the settings")
        equal(audit_count(t, "firstday.setting"), 2, "audited")
        t.usage("firstday", "set", "colour", "red", "--user", HEAD)
        r = t.ok("firstday", "procedure")
        check("Safeguarding lead: Dee Lead" in r.out, r.out)
    finally:
        t.cleanup()


def test_firstday_and_texts():
    t = school()
    try:
        # Contacts: A's mother (lives with, mobile), B's father (no
        # mobile, home phone).
        rows = [["upn", "priority", "forename", "surname", "relationship", "lives_with",
                 "parental_responsibility", "phone_mobile", "phone_home"],
                [UPN_A, "1", "Sara", "Khan", "Mother", "Y", "Y", "07700 900001", ""],
                [UPN_B, "1", "Tom", "Smith", "Father", "N", "Y", "", "0161 496 0000"]]
        t.ok("contacts", "import", t.write("contacts.csv", rows), "--user", HEAD)
        # Make D looked after through the database (the flag of the MIS).
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pupils SET looked_after = 1 WHERE upn = ?", (UPN_D,))
        con.commit()
        con.close()
        # Thursday 19 December: everyone present; Friday 20th, A, B and D
        # are N this morning, C is present. At 10:00 the morning register
        # has closed.
        for upn in (UPN_A, UPN_B, UPN_C, UPN_D):
            t.mark(upn, "2024-12-19", "am", "/")
            t.mark(upn, "2024-12-19", "pm", "\\")
        for upn in (UPN_A, UPN_B, UPN_D):
            t.ok("mark", upn, "2024-12-20", "am", "N", "--user", OFFICER, clock="10:00")
        t.ok("mark", UPN_C, "2024-12-20", "am", "/", "--user", OFFICER, clock="10:00")
        # D (looked after) first, then A and B by name (Khan, Smith).
        rows = t.json("firstday", clock="10:00")
        equal([r["upn"] for r in rows], [UPN_D, UPN_A, UPN_B], "order")
        equal([r["band"] for r in rows], ["looked-after", "other", "other"], "bands")
        equal([r["days_absent"] for r in rows], [1, 1, 1], "days")
        equal(rows[1]["sessions"], ["am"], "sessions")
        equal(rows[1]["next_step"]["action"], "text", "next step")
        check(isinstance(rows[1]["id"], int), "id")

        # The texting export: A alone has a mobile: one row, one attempt.
        before = counts(t)
        t.usage("firstday", "--csv", t.path("texts.csv"), clock="10:00")
        r = t.ok("firstday", "--csv", t.path("texts.csv"), "--user", RECEPTION, clock="10:00")
        with open(t.path("texts.csv")) as f:
            lines = f.read().splitlines()
        equal(lines[0], "contact,mobile,forename,message", "header")
        equal(len(lines), 2, "one row")
        check(lines[1].startswith("Sara Khan,07700 900001,Amina,"), lines[1])
        equal(counts(t)[1], before[1] + 1, "a text attempt logged")
        rows = t.json("firstday", clock="10:00")
        equal(rows[1]["attempts_today"], 1, "A's attempts")
        equal(rows[1]["next_step"]["action"], "call", "then the call")

        # A call with a reason takes B off the list, though N stays.
        t.ok("calls", "add", UPN_B, "--caller", "Tom Smith", "--channel", "phone",
             "--direction", "out", "--outcome", "reached", "--reason", "holiday",
             "--user", RECEPTION, clock="10:00")
        equal([r["upn"] for r in t.json("firstday", clock="10:00")], [UPN_D, UPN_A], "B explained")
        # Saturday is no school day: refused.
        t.refused("firstday", "--date", "2024-12-21")
    finally:
        t.cleanup()


def test_la_notify_boundaries():
    t = school()
    try:
        # As of Friday 25 October 2024: the 10 school days before it are
        # 14 to 25 October. A: N on all 10 -> listed (10 days). B: present
        # on the 14th, O on the 9 after -> not listed (9).
        days = ["2024-10-%02d" % d for d in (14, 15, 16, 17, 18, 21, 22, 23, 24, 25)]
        t.marks(UPN_A, [(d, s, "N") for d in days for s in ("am", "pm")])
        t.marks(UPN_B, [(days[0], "am", "/"), (days[0], "pm", "\\")] +
                [(d, s, "O") for d in days[1:] for s in ("am", "pm")])
        # Illness: C on 15 school days (2 to 20 September) -> listed;
        # D on 14 (2 to 19 September) -> not.
        sept = ["2024-09-%02d" % d for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20)]
        t.marks(UPN_C, [(d, s, "I") for d in sept for s in ("am", "pm")])
        t.marks(UPN_D, [(d, s, "I") for d in sept[:14] for s in ("am", "pm")])
        cases = t.json("la-notify", "--as-of", "2024-10-25")
        equal([(c["upn"], c["kind"], c["days"]) for c in cases],
              [(UPN_A, "unauthorised", 10), (UPN_C, "illness", 15)], "the lists")
        equal((cases[0]["id"], cases[0]["told"], cases[0]["first"]), (None, None, "2024-10-14"),
              "not told yet")

        # The day the LA was told, recorded; a bad kind refused.
        before = counts(t)
        t.refused("la-notify", "--record", UPN_A, "--kind", "truancy", "--told", "2024-10-25",
                  "--user", OFFICER)
        t.refused("la-notify", "--record", "A999999999999", "--kind", "unauthorised",
                  "--told", "2024-10-25", "--user", OFFICER)
        equal(counts(t), before, "nothing changed")
        t.ok("la-notify", "--record", UPN_A, "--kind", "unauthorised", "--told", "2024-10-25",
             "--user", OFFICER)
        cases = t.json("la-notify", "--as-of", "2024-10-25")
        equal(cases[0]["told"], "2024-10-25", "told")
        check(isinstance(cases[0]["id"], int), "the record's id")
    finally:
        t.cleanup()


def test_demo_has_calls():
    t = School()
    try:
        t.ok("demo", "--pupils", "200", "--years", "1", "--as-of", "2024-11-20", today="2024-11-20")
        calls = t.json("calls", "list", "--date", "2024-11-19", today="2024-11-20")
        check(len(calls) > 0, "the demo has calls")
        check(any(c["direction"] == "in" for c in calls), "reported by parents")
        rows = t.json("firstday", "--date", "2024-11-20", today="2024-11-20")
        check(len(rows) > 0, "someone to call")
        # The late book of the day before (Tuesday 19 November).
        book = t.json("latebook", "--date", "2024-11-19", today="2024-11-20")
        check(len(book) > 0 and all(e["code"] in ("L", "U") for e in book), "the late book")
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
