#!/usr/bin/env python3
# test_casepack.py: attendance-cli's registration certificate, referral
# pack, local authority profile and contacts' confirmation, end to end
# through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). "Today" is Friday
# 8 November 2024. Run with --tap for TAP output.

import datetime
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, OFFICER, RECEPTION, HEAD,  # noqa: E402
                      check, equal, pdf_pages, main as run_tests)

NOW = "2024-11-08"


def weekdays(first, last):
    day = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    while day <= end:
        if day.weekday() < 5:
            yield day.isoformat()
        day += datetime.timedelta(days=1)


# Amina present at every session from 2 September to 8 November, but an O
# on Tuesday 1 October AM and an N on Tuesday 5 November PM.
def school():
    t = School().setup()
    t.add_pupils()
    rows = []
    for first, last in (("2024-09-02", "2024-10-25"), ("2024-11-04", NOW)):
        for day in weekdays(first, last):
            rows.append((day, "am", "O" if day == "2024-10-01" else "/"))
            rows.append((day, "pm", "N" if day == "2024-11-05" else "\\"))
    t.marks(UPN_A, rows)
    return t


def sql(t, query, *args):
    con = sqlite3.connect(t.db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def text_of(path):
    return "\n".join(pdf_pages(path))


def test_certificate_refused_then_drafted_then_written():
    t = school()
    try:
        out = t.path("certificate.pdf")
        # The last 60 sessions hold the N of 5 November: refused, naming it,
        # and no file written.
        r = t.refused("certificate", UPN_A, "--out", out, "--sessions", "60", today=NOW)
        check("Tue 5 Nov 2024 PM (N)" in r.err, r.err)
        check("1 session" in r.err, r.err)
        check(not os.path.exists(out), "nothing written")

        # A draft for the office to check: DRAFT on every page.
        r = t.ok("certificate", UPN_A, "--out", out, "--sessions", "60", "--draft", today=NOW)
        check(r.err.startswith("Draft only: "), r.err)
        equal(len(r.err.splitlines()), 1, "said once")
        check("DRAFT" in r.out, r.out)
        pages = pdf_pages(out)
        check(all("DRAFT" in page for page in pages), "DRAFT on every page")

        # The N becomes I: the certificate is final. The last 60 sessions
        # up to Friday 8 November: 4 to 8 November (10 sessions) and the
        # 25 school days from Monday 23 September to Friday 25 October
        # (50). Possible 60: present 58, I 1 authorised, O 1 unauthorised;
        # attendance 58 / 60 = 96.7%.
        t.ok("mark", UPN_A, "2024-11-05", "pm", "I", "--reason", "Mother called: ill",
             "--user", OFFICER, today=NOW)
        os.remove(out)
        r = t.ok("certificate", UPN_A, "--out", out, "--sessions", "60", today=NOW)
        check("60 sessions, Mon 23 Sep 2024 to Fri 8 Nov 2024" in r.out, r.out)
        check("DRAFT" not in r.out, r.out)
        text = text_of(out)
        check("Registration certificate" in text, text)
        check("Riverside Primary" in text, text)
        check("23/09/2024" in text and "04/11/2024" in text and "16/09/2024" not in text, text)
        for pattern in (r"Possible sessions +60", r"Present \(including late, L\) +58 \(96\.7%\)",
                        r"Authorised absence +1 \(1\.7%\)", r"Unauthorised absence +1 \(1\.7%\)",
                        r"Unauthorised absence by code +O ?1", r"Attendance +96\.7%"):
            check(re.search(pattern, text), pattern + "\n" + text)
        check("Headteacher's declaration" in text and HEAD in text, text)
        check("DRAFT" not in text, "final")

        # A span of dates: the first week of term, 10 sessions.
        r = t.ok("certificate", UPN_A, "--out", t.path("week.pdf"), "--from", "2024-09-02",
                 "--to", "2024-09-06", today=NOW)
        check("10 sessions, Mon 2 Sep 2024 to Fri 6 Sep 2024" in r.out, r.out)
    finally:
        t.cleanup()


def test_certificate_usage():
    t = school()
    try:
        out = t.path("c.pdf")
        t.usage("certificate", UPN_A, "--out", out, "--sessions", "60", "--span", "this-year", today=NOW)
        t.usage("certificate", UPN_A, "--out", out, "--from", "2024-09-02", today=NOW)
        t.usage("certificate", UPN_A, "--out", out, "--sessions", "0", today=NOW)
        t.usage("certificate", UPN_A, "--out", out, "--span", "last-term", today=NOW)
        t.usage("certificate", UPN_A, "--sessions", "60", today=NOW)
        r = t.refused("certificate", "X999999999999", "--out", out, today=NOW)
        check("X999999999999" in r.err, r.err)
        # A range that ends after the day it is drawn up on.
        r = t.refused("certificate", UPN_A, "--out", out, "--from", "2024-11-04", "--to", "2024-11-15",
                      today=NOW)
        check("Fri 15 Nov 2024" in r.err, r.err)
        check(not os.path.exists(out), "nothing written")
    finally:
        t.cleanup()


def add_contacts(t):
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship", "parental_responsibility",
         "lives_with", "receives_letters", "address_1", "town", "postcode", "email"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "Y", "12 Mill Lane", "Millbrook",
         "MB4 2QT", "sara.khan@example.org"],
        [UPN_B, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "Y", "12 Mill Lane", "Millbrook",
         "MB4 2QT", "sara.khan@example.org"]])
    # Imported on 1 April: over six months old by 8 November.
    t.ok("contacts", "import", contacts, "--user", HEAD, today="2024-04-01")


def test_casepack():
    t = school()
    try:
        add_contacts(t)
        out = t.path("pack.pdf")
        # Refused while the certificate holds the N, naming it.
        r = t.refused("casepack", UPN_A, "--out", out, "--user", OFFICER, today=NOW)
        check("Tue 5 Nov 2024 PM (N)" in r.err, r.err)
        check(not os.path.exists(out), "nothing written")
        t.ok("mark", UPN_A, "2024-11-05", "pm", "I", "--reason", "Mother called: ill",
             "--user", OFFICER, today=NOW)
        # A receptionist does not make referrals; --user is required.
        t.refused("casepack", UPN_A, "--out", out, "--user", RECEPTION, today=NOW)
        t.usage("casepack", UPN_A, "--out", out, today=NOW)

        r = t.ok("casepack", UPN_A, "--out", out, "--user", OFFICER, today=NOW)
        check("over six months old" in r.err, r.err)
        text = text_of(out)
        check("Referral pack: Amina Khan" in text, text)
        headings = ["1. The pupil", "2. Parents and carers", "3. Brothers and sisters on roll",
                    "4. Early help and agencies involved", "5. Registration certificate",
                    "6. The school year at a glance", "7. Letters sent", "8. Chronology",
                    "9. The school's consideration", "10. Notice to improve",
                    "11. Headteacher's declaration"]
        positions = [text.find(h) for h in headings]
        check(all(p >= 0 for p in positions), "every section\n" + text)
        equal(positions, sorted(positions), "in the profile's order")
        check("RE-CHECK" in text, "the stale contact flagged")
        check("Ben Smith" in text, "Ben shares Amina's mother")
        # The pack leaves the school: the log says who made it.
        rows = sql(t, "SELECT detail FROM audit_log WHERE action = 'export.casepack'")
        equal(len(rows), 1, "logged")
        check(UPN_A in rows[0][0] and out in rows[0][0], rows[0][0])

        # The mother's details checked with her today: no longer flagged.
        shown = t.json("pupils", "show", UPN_A, today=NOW)["contacts"][0]
        equal(shown["details_checked"], "2024-04-01", "checked when imported")
        equal(shown["details_stale"], True, "over six months ago")
        contact = shown["id"]
        t.refused("contacts", "confirm", UPN_A, "--contact", str(contact), "--user", RECEPTION, today=NOW)
        r = t.ok("contacts", "confirm", UPN_A, "--contact", str(contact), "--user", OFFICER, today=NOW)
        check("Fri 8 Nov 2024" in r.out, r.out)
        shown = t.json("pupils", "show", UPN_A, today=NOW)["contacts"][0]
        equal(shown["details_checked"], NOW, "confirmed today")
        equal(shown["details_stale"], False, "current")
        t.refused("contacts", "confirm", UPN_B, "--contact", str(contact), "--user", OFFICER, today=NOW)
        r = t.ok("casepack", UPN_A, "--out", out, "--user", OFFICER, today=NOW)
        check("over six months old" not in r.err, r.err)
        check("RE-CHECK" not in text_of(out), "checked")
        equal(len(sql(t, "SELECT id FROM audit_log WHERE action = 'contacts.confirm'")), 1, "confirmation logged")
    finally:
        t.cleanup()


def test_la_profile():
    t = school()
    try:
        profile = t.json("la-profile", "show", today=NOW)
        equal(profile["sections"][0], "pupil", "the full pack first")
        equal(len(profile["sections"]), 11, "every section")
        equal(profile["span"], "two-years", "this year and the last")

        # Settings are for the headteacher and the administrators.
        t.refused("la-profile", "set", "--sections", "pupil", "--user", OFFICER, today=NOW)
        t.usage("la-profile", "set", "--sections", "pupil,pupil", "--user", HEAD, today=NOW)
        r = t.usage("la-profile", "set", "--sections", "pupil,report", "--user", HEAD, today=NOW)
        check("report" in r.err, r.err)
        t.usage("la-profile", "set", "--user", HEAD, today=NOW)
        t.usage("la-profile", "preset", "everything", "--user", HEAD, today=NOW)

        t.ok("la-profile", "preset", "short", "--user", HEAD, today=NOW)
        profile = t.json("la-profile", "show", today=NOW)
        equal(profile["sections"], ["pupil", "parents", "certificate", "letters", "declaration"], "short")
        equal(profile["span"], "sessions:60", "the last 60 sessions")

        t.ok("la-profile", "set", "--sections", "certificate, pupil,declaration", "--span", "this-year",
             "--user", HEAD, today=NOW)
        profile = t.json("la-profile", "show", today=NOW)
        equal(profile["sections"], ["certificate", "pupil", "declaration"], "as set")
        equal(profile["span"], "this-year", "as set")
        equal(len(sql(t, "SELECT id FROM audit_log WHERE action = 'school.la-profile'")), 2, "audited")
        presets = t.json("la-profile", "presets", today=NOW)
        check("full" in [p["name"] for p in presets], presets)

        # The pack follows the profile: the certificate first, of this
        # school year (the N put right first).
        t.ok("mark", UPN_A, "2024-11-05", "pm", "I", "--reason", "Mother called: ill",
             "--user", OFFICER, today=NOW)
        out = t.path("pack.pdf")
        t.ok("casepack", UPN_A, "--out", out, "--user", OFFICER, today=NOW)
        text = text_of(out)
        positions = [text.find(h) for h in ("1. Registration certificate", "2. The pupil",
                                            "3. Headteacher's declaration")]
        check(all(p >= 0 for p in positions), text)
        equal(positions, sorted(positions), "in order")
        check("Parents and carers" not in text, "left out")
        check("This school year" in text, text)
        # And the certificate's span by default.
        r = t.ok("certificate", UPN_A, "--out", t.path("c.pdf"), today=NOW)
        check("Mon 2 Sep 2024 to Fri 8 Nov 2024" in r.out, r.out)
    finally:
        t.cleanup()


def test_demo_has_families_to_check_again():
    # The demo school: every contact checked when it was added, but for a
    # few families whose details are over six months old, for the referral
    # pack to flag.
    t = School()
    try:
        t.ok("demo", "--pupils", "200", "--years", "1", db=True, today=NOW)
        stale = due = 0
        for row in t.json("pupils", "list", today=NOW)[:100]:
            for contact in t.json("pupils", "show", row["upn"], today=NOW)["contacts"]:
                due += 1
                stale += contact["details_stale"]
        check(due > 0 and 0 < stale < due / 4, "%d of %d stale" % (stale, due))
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
