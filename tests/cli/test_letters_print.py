#!/usr/bin/env python3
# test_letters_print.py: attendance-cli letters print, texts, half-term,
# posted, reprint and regenerate, end to end through the real binaries
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October, 40
# school days), half term, Autumn 2 (4 November to 20 December, 35 school
# days). "Today" is Friday 20 December 2024.
#   A, Amina Khan: absent (O) the first 8 school days of Autumn 2, 4 to 13
#      November: 16 sessions. Half term: 54 of 70 sessions, 77.1%; year:
#      134 of 150, 89.3%. Her mother and father at 12 Mill Lane, MB4 2QT
#      (one letter addressed to both); her mother's mobile 07700 900001.
#   B, Ben Smith: present at all 150 sessions, 100.0%. Mr Tom Smith at
#      8 Elm Road, MB1 1AA, mobile 07700 900003.
#   C, Cara Jones: present but for an N on Monday 16 December am: the data
#      check leaves her out. Ms Jo Jones at 4 Park Way.
#   D, Dev Patel: present; no contact receives letters: left out.
# Run with --tap for TAP output.

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, UPN_D, OFFICER, HEAD, RECEPTION,  # noqa: E402
                      check, equal, school_days, sessions_of, main as run_tests)

AUTUMN_1 = school_days("2024-09-02", 40)
AUTUMN_2 = school_days("2024-11-04", 35)


def school(t):
    t.setup()
    t.add_pupils()
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship",
         "parental_responsibility", "receives_letters", "phone_mobile", "address_1", "town",
         "postcode"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "07700 900001", "12 Mill Lane",
         "Millbrook", "MB4 2QT"],
        [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "Y", "", "12 Mill Lane", "Millbrook",
         "MB4 2QT"],
        [UPN_B, "1", "Mr", "Tom", "Smith", "Father", "Y", "Y", "07700 900003", "8 Elm Road",
         "Millbrook", "MB1 1AA"],
        [UPN_C, "1", "Ms", "Jo", "Jones", "Mother", "Y", "Y", "", "4 Park Way", "Millbrook",
         "MB3 3CC"],
        [UPN_D, "1", "Mr", "Raj", "Patel", "Father", "Y", "N", "", "9 Hill Road", "Millbrook",
         "MB5 5DD"]])
    t.ok("contacts", "import", contacts, "--user", HEAD)
    absent = set(sessions_of(AUTUMN_2[:8]))
    for upn in (UPN_A, UPN_B, UPN_C, UPN_D):
        entries = []
        for d, s in sessions_of(AUTUMN_1 + AUTUMN_2):
            code = "/" if s == "am" else "\\"
            if upn == UPN_A and (d, s) in absent:
                code = "O"
            if upn == UPN_C and (d, s) == ("2024-12-16", "am"):
                code = "N"
            entries.append((d, s, code))
        t.marks(upn, entries)


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
                          capture_output=True, text=True, check=True).stdout


def test_half_term_letters():
    t = School()
    try:
        school(t)
        out = t.path("reports.pdf")
        # Only those who may send letters.
        t.refused("letters", "half-term", "--out", out, "--user", RECEPTION)
        check(not os.path.exists(out), "nothing written when refused")
        t.usage("letters", "half-term", "--user", OFFICER)
        t.usage("letters", "half-term", "--out", out, "--texts", t.path("x.csv"), "--user", OFFICER)

        r = t.ok("letters", "half-term", "--out", out, "--user", OFFICER)
        # Cara's N and Dev's father, who does not receive letters.
        check("Left out: Cara Jones" in r.err, r.err)
        check("Dev Patel" in r.err, r.err)
        check("Wrote 2 pages to " + out in r.out, r.out)
        check("to Mrs Sara Khan and Mr Omar Khan about Amina Khan logged" in r.out, r.out)
        check("to Mr Tom Smith about Ben Smith logged" in r.out, r.out)
        check(os.stat(out).st_mode & 0o777 == 0o600, "the PDF names pupils: its owner's only")

        text = pdftotext(out)
        pages = text.split("\f")[:-1]
        equal(len(pages), 2, "one page per letter")
        # Khan before Smith: the pupils by surname.
        check("Mrs Sara Khan and Mr Omar Khan" in pages[0] and "12 Mill Lane" in pages[0]
              and "MB4 2QT" in pages[0], pages[0])
        check("Dear Mrs and Mr Khan" in pages[0], pages[0])
        # 54 of 70 this half term, 134 of 150 this year.
        check("77.1%" in pages[0] and "89.3%" in pages[0], pages[0])
        check("Mr Tom Smith" in pages[1] and "8 Elm Road" in pages[1] and "100.0%" in pages[1],
              pages[1])
        check("20 December 2024" in pages[0] and "20 December 2024" in pages[1], "the date")
        check("Jones" not in text and "Patel" not in text, "those left out are not printed")

        log = t.json("letters", "log")
        equal([(x["upn"], x["kind"], x["delivery"], x["posted"]) for x in log],
              [(UPN_A, "half-term-report", "post", None), (UPN_B, "half-term-report", "post", None)],
              "logged as prepared, not yet posted")
        a, b = log
        equal((a["period_from"], a["period_to"], a["date"]), ("2024-09-02", "2024-12-20", "2024-12-20"),
              "the period: the school year so far")
        equal(a["figures"]["half_term"]["attendance"], 77.1, "the half term's figures quoted")
        equal((a["figures"]["year"]["possible"], a["figures"]["year"]["attended"]), (150, 134),
              "the year's figures quoted")
        equal(a["user"], OFFICER, "who sent it")

        # Posted the same day.
        t.usage("letters", "posted", str(b["id"]), "--user", OFFICER)
        r = t.ok("letters", "posted", str(b["id"]), "--date", "2024-12-20", "--user", OFFICER)
        check("posted on 2024-12-20" in r.out, r.out)
        equal([x["posted"] for x in t.json("letters", "log")], [None, "2024-12-20"], "B posted")
        t.refused("letters", "posted", str(b["id"]), "--date", "2024-12-20", "--user", OFFICER)
        t.refused("letters", "posted", "9999", "--date", "2024-12-20", "--user", OFFICER)

        # Printed again: the same letters, nothing logged.
        again = t.path("again.pdf")
        r = t.ok("letters", "reprint", str(a["id"]), str(b["id"]), "--out", again)
        check("Wrote 2 pages" in r.out and "logged" not in r.out, r.out)
        equal(pdftotext(again), text, "a copy says what the letters said")
        equal(len(t.json("letters", "log")), 2, "a reprint is not logged")
        t.usage("letters", "reprint", "twelve", "--out", again)

        # A doctor's note for Amina's first Monday: her prepared letter is
        # out of date, refused for reprint and made again.
        t.mark(UPN_A, AUTUMN_2[0], "am", "I", "--reason", "doctor's note")
        r = t.refused("letters", "reprint", str(a["id"]), "--out", again)
        check("out of date" in r.err and "regenerate" in r.err, r.err)
        new = t.path("new.pdf")
        r = t.ok("letters", "regenerate", str(a["id"]), "--out", new, "--date", "2024-12-20",
                 "--posted", "2024-12-20", "--user", OFFICER)
        check("Wrote 1 page" in r.out and "logged" in r.out, r.out)
        log = t.json("letters", "log", "--pupil", UPN_A)
        equal(len(log), 2, "the old letter stays, the new one is logged")
        equal((log[0]["out_of_date"], log[1]["out_of_date"]), (True, False), "the new one is right")
        equal(log[1]["figures"]["year"]["attended"], 134, "still 134 attended")
        equal(log[1]["posted"], "2024-12-20", "posted")
        equal(log[1]["address"], a["address"], "to the same address")
        # A letter posted is not made again.
        t.refused("letters", "regenerate", str(log[1]["id"]), "--out", new, "--user", OFFICER)
    finally:
        t.cleanup()


def test_half_term_texts():
    t = School()
    try:
        school(t)
        csv_path = t.path("texts.csv")
        r = t.ok("letters", "half-term", "--texts", csv_path, "--user", OFFICER)
        check("Wrote 2 text messages to " + csv_path in r.out, r.out)
        with open(csv_path) as f:
            lines = f.read().splitlines()
        equal(lines[0], "contact,mobile,message", "the header")
        equal(len(lines), 3, "one row per contact with a mobile: " + repr(lines))
        check(lines[1].startswith("Mrs Sara Khan,07700 900001,") and "77.1%" in lines[1], lines[1])
        check(lines[2].startswith("Mr Tom Smith,07700 900003,") and "100.0%" in lines[2], lines[2])
        log = t.json("letters", "log")
        equal([(x["upn"], x["delivery"], x["posted"]) for x in log],
              [(UPN_A, "text", "2024-12-20"), (UPN_B, "text", "2024-12-20")], "each row logged as sent")
        equal(log[0]["recipient"], "Mrs Sara Khan", "the contact")
        # A text is not a letter to print.
        t.refused("letters", "reprint", str(log[0]["id"]), "--out", t.path("t.pdf"))
    finally:
        t.cleanup()


def test_letters_print():
    t = School()
    try:
        school(t)
        out = t.path("due.pdf")
        t.usage("letters", "print", "--user", OFFICER)
        t.usage("letters", "print", "--out", out, "--delivery", "pigeon", "--user", OFFICER)
        t.usage("letters", "print", "--out", out, "--as-of", "yesterday", "--user", OFFICER)
        t.refused("letters", "print", "--out", out, "--user", RECEPTION)

        due = [x for x in t.json("letters", "due") if x.get("status") == "due"]
        paper = [x for x in due if x.get("delivery") in ("post", "hand")]
        # Amina, 16 sessions away, is due a letter of the school's ladder.
        check(any(x["upn"] == UPN_A for x in paper), repr(due))
        r = t.run("letters", "print", "--out", out, "--pupil", UPN_A, "--user", OFFICER)
        if r.rc == 1 and "legal action" in r.err:
            # A warning of legal action is logged only with the day it went.
            check(not os.path.exists(out), "nothing printed when it cannot be logged")
            r = t.ok("letters", "print", "--out", out, "--pupil", UPN_A, "--posted", "2024-12-20",
                     "--user", OFFICER)
        check(r.rc == 0, r.describe())
        check("to Mrs Sara Khan and Mr Omar Khan about Amina Khan logged" in r.out, r.out)
        text = pdftotext(out)
        check("Mrs Sara Khan and Mr Omar Khan" in text and "12 Mill Lane" in text, text)
        log = t.json("letters", "log", "--pupil", UPN_A)
        stages = [x["stage"] for x in paper if x["upn"] == UPN_A]
        check(len(log) == len(stages) and all(x["kind"] in stages for x in log), repr(log))
        check(all(x["figures"] is not None and x["period_from"] for x in log), repr(log))
        # Once sent, the due list does not ask for the same letter today.
        again = [x for x in t.json("letters", "due") if x["upn"] == UPN_A and x.get("status") == "due"
                 and x.get("stage") in stages]
        equal(again, [], "not due again")
        # Printing again prints only what is due now: another stage, or
        # nothing.
        r = t.run("letters", "print", "--out", out, "--pupil", UPN_A, "--posted", "2024-12-20",
                  "--user", OFFICER)
        if r.rc == 1:
            check("No letter" in r.err, r.err)
        else:
            check(r.rc == 0, r.describe())
            later = t.json("letters", "log", "--pupil", UPN_A)[len(log):]
            check(later and all(x["kind"] not in stages for x in later), repr(later))
        # Texts: none due on the school's ladder.
        r = t.run("letters", "texts", "--out", t.path("due.csv"), "--user", OFFICER)
        check(r.rc in (0, 1), r.describe())
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
