#!/usr/bin/env python3
# test_pupil_edit.py: pupils and contacts added and changed by hand with
# attendance-cli (pupils add, set and leave; contacts add, set, remove and
# reorder), end to end through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py: Autumn 1 2024 (2 September to 25 October),
# half term, Autumn 2 (4 November to 20 December). "Today" is Friday 20
# December 2024. Amina Khan (A) and Ben Smith (B) are imported, Year 4 in
# 4K, on roll from 2 September.
# Run with --tap for TAP output.

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, OFFICER, HEAD, RECEPTION,  # noqa: E402
                      check, equal, main as run_tests)


def school():
    t = School()
    t.setup()
    t.add_pupils((UPN_A, UPN_B))
    return t


def test_pupils_add_and_set():
    t = school()
    try:
        new = ["pupils", "add", UPN_C, "--surname", "Jones", "--forename", "Cara",
               "--dob", "2015-12-14", "--sex", "F", "--year", "4", "--group", "4K",
               "--admission", "2024-12-16"]
        # Every field a new pupil needs is asked for by name.
        r = t.usage("pupils", "add", UPN_C, "--surname", "Jones", "--user", OFFICER)
        check("--forename" in r.err, r.err)
        # A receptionist does not keep pupils: nothing is added.
        r = t.refused(*new, "--user", RECEPTION)
        check("Rita Reception" in r.err, r.err)
        t.refused("pupils", "show", UPN_C)

        r = t.ok(*new, "--user", OFFICER)
        check("Added Cara Jones (%s)" % UPN_C in r.out, r.out)
        shown = t.json("pupils", "show", UPN_C)
        equal((shown["surname"], shown["group"], shown["year"], shown["admission_date"]),
              ("Jones", "4K", 4, "2024-12-16"), "the new pupil")
        equal(shown["leaving_destination"], None, "on roll: no destination")
        # The UPN is never shared.
        r = t.refused("pupils", "add", UPN_A, "--surname", "Other", "--forename", "Amy",
                      "--dob", "2015-12-14", "--sex", "F", "--year", "4", "--group", "4K",
                      "--admission", "2024-12-16", "--user", OFFICER)
        check("already belongs to Amina Khan" in r.err, r.err)

        # One field at a time, named as the CSV's columns.
        t.ok("pupils", "set", UPN_C, "preferred_forename", "Caz", "--user", OFFICER)
        t.ok("pupils", "set", UPN_C, "fsm", "Y", "--user", OFFICER)
        shown = t.json("pupils", "show", UPN_C)
        equal((shown["name"], shown["fsm"]), ("Caz Jones", True), "after pupils set")
        r = t.refused("pupils", "set", UPN_C, "sex", "X", "--user", OFFICER)
        check("write M or F" in r.err, r.err)
        r = t.refused("pupils", "set", UPN_C, "leaving_date", "2024-12-20", "--user", OFFICER)
        check("pupils leave" in r.err, r.err)
    finally:
        t.cleanup()


def test_roll_dates_never_move_over_marks():
    t = school()
    try:
        # Amina is marked present on Monday 2 and Tuesday 3 December, am and pm.
        t.marks(UPN_A, [("2024-12-02", "am", "/"), ("2024-12-02", "pm", "\\"),
                        ("2024-12-03", "am", "/"), ("2024-12-03", "pm", "\\")])

        # Admitted on 3 December instead: the two marks of 2 December are in
        # the way. The message names her, the date and the marks.
        r = t.refused("pupils", "set", UPN_A, "admission_date", "2024-12-03", "--user", OFFICER)
        check("Amina Khan (UPN %s): the register holds 2 marks before the new admission date 2024-12-03"
              % UPN_A in r.err, r.err)
        check("Mon 2 Dec 2024 am /, Mon 2 Dec 2024 pm \\" in r.err, r.err)
        equal(t.json("pupils", "show", UPN_A)["admission_date"], "2024-09-02", "admission kept")

        # Leaving on Monday 2 December: the two marks of the 3rd are after it.
        r = t.refused("pupils", "leave", UPN_A, "2024-12-02", "--destination", "Elective home education",
                      "--user", OFFICER)
        check("2 marks after the new leaving date 2024-12-02" in r.err, r.err)
        equal(t.json("pupils", "show", UPN_A)["leaving_date"], None, "still on roll")
    finally:
        t.cleanup()


def test_pupils_leave_and_back():
    t = school()
    try:
        t.marks(UPN_A, [("2024-12-02", "am", "/"), ("2024-12-02", "pm", "\\")])
        r = t.usage("pupils", "leave", UPN_A, "2024-12-13", "--user", OFFICER)
        check("--destination" in r.err, r.err)
        t.usage("pupils", "leave", UPN_A, "--destination", "Moved abroad", "--user", OFFICER)
        t.usage("pupils", "leave", UPN_A, "13/12/2024", "--destination", "Moved abroad", "--user", OFFICER)
        t.refused("pupils", "leave", UPN_A, "2024-12-13", "--destination", "Moved abroad",
                  "--user", RECEPTION)

        r = t.ok("pupils", "leave", UPN_A, "2024-12-13", "--destination",
                 "Oakfield Academy (URN 654321)", "--user", OFFICER)
        check("Amina Khan (%s) leaves on 2024-12-13: Oakfield Academy (URN 654321)" % UPN_A in r.out, r.out)
        shown = t.json("pupils", "show", UPN_A)
        equal((shown["leaving_date"], shown["leaving_destination"]),
              ("2024-12-13", "Oakfield Academy (URN 654321)"), "the leaver")
        r = t.ok("pupils", "show", UPN_A)
        check("Oakfield Academy (URN 654321)" in r.out, r.out)

        # Back on roll: date and destination both cleared.
        t.usage("pupils", "leave", UPN_A, "2024-12-13", "--clear", "--user", OFFICER)
        r = t.ok("pupils", "leave", UPN_A, "--clear", "--user", OFFICER)
        check("back on roll" in r.out, r.out)
        shown = t.json("pupils", "show", UPN_A)
        equal((shown["leaving_date"], shown["leaving_destination"]), (None, None), "back on roll")
        r = t.refused("pupils", "leave", UPN_A, "--clear", "--user", OFFICER)
        check("has no leaving date" in r.err, r.err)
    finally:
        t.cleanup()


def contact_ids(t, upn):
    return [(c["id"], c["priority"], c["forename"]) for c in t.json("pupils", "show", upn)["contacts"]]


def test_contacts_by_hand():
    t = school()
    try:
        t.ok("contacts", "add", UPN_A, "--surname", "Khan", "--forename", "Sara", "--title", "Mrs",
             "--relationship", "Mother", "--user", OFFICER)
        t.ok("contacts", "add", UPN_A, "--surname", "Khan", "--forename", "Omar",
             "--relationship", "Father", "--user", OFFICER)
        r = t.ok("contacts", "add", UPN_A, "--surname", "Begum", "--forename", "Nur",
                 "--relationship", "Grandmother", "--user", OFFICER)
        # Each new contact is called after those already there: 1, 2, 3.
        contacts = contact_ids(t, UPN_A)
        equal([(p, f) for _, p, f in contacts], [(1, "Sara"), (2, "Omar"), (3, "Nur")], "added in order")
        check(": 3 Nur Begum (Grandmother)" in r.out, r.out)
        sara, omar, nur = (c[0] for c in contacts)
        t.refused("contacts", "add", UPN_A, "--surname", "X", "--relationship", "Aunt",
                  "--user", RECEPTION)

        # Gran first: 3,1,2 by id order gives Nur 1, Sara 2, Omar 3.
        r = t.ok("contacts", "reorder", UPN_A, "%d,%d,%d" % (nur, sara, omar), "--user", OFFICER)
        check("3 contacts of Amina Khan" in r.out, r.out)
        equal([(p, f) for _, p, f in contact_ids(t, UPN_A)], [(1, "Nur"), (2, "Sara"), (3, "Omar")],
              "after reorder")
        # A list that misses one, or names another's, changes nothing.
        r = t.refused("contacts", "reorder", UPN_A, "%d,%d" % (sara, omar), "--user", OFFICER)
        check("has 3 contacts, and the new order names 2" in r.err, r.err)
        t.refused("contacts", "reorder", UPN_A, "%d,%d,%d" % (sara, omar, 9999), "--user", OFFICER)
        t.refused("contacts", "reorder", UPN_A, "%d,%d,%d" % (sara, omar, nur), "--user", RECEPTION)
        t.usage("contacts", "reorder", UPN_A, "first,second", "--user", OFFICER)
        equal([(p, f) for _, p, f in contact_ids(t, UPN_A)], [(1, "Nur"), (2, "Sara"), (3, "Omar")],
              "refusals changed nothing")
        # By the places as they stand: 2,1,3 swaps the first two (Sara 1, Nur 2, Omar 3),
        # and a place nobody holds changes nothing.
        t.ok("contacts", "reorder", UPN_A, "2,1,3", "--by-priority", "--user", OFFICER)
        equal([(p, f) for _, p, f in contact_ids(t, UPN_A)], [(1, "Sara"), (2, "Nur"), (3, "Omar")],
              "after reorder by priority")
        r = t.refused("contacts", "reorder", UPN_A, "1,2,4", "--by-priority", "--user", OFFICER)
        check("no contact with priority 4" in r.err, r.err)
        t.ok("contacts", "reorder", UPN_A, "2,1,3", "--by-priority", "--user", OFFICER)
        equal([(p, f) for _, p, f in contact_ids(t, UPN_A)], [(1, "Nur"), (2, "Sara"), (3, "Omar")],
              "and back")

        # The receptionist corrects a number, not a name.
        t.ok("contacts", "set", UPN_A, str(sara), "phone_mobile", "07700 900461", "--user", RECEPTION)
        t.ok("contacts", "set", UPN_A, str(sara), "email", "sara.khan@example.org", "--user", RECEPTION)
        r = t.refused("contacts", "set", UPN_A, str(sara), "surname", "Malik", "--user", RECEPTION)
        check("Rita Reception" in r.err, r.err)
        r = t.refused("contacts", "set", UPN_A, str(sara), "email", "not-an-address", "--user", RECEPTION)
        check("not an e-mail address" in r.err, r.err)
        shown = [c for c in t.json("pupils", "show", UPN_A)["contacts"] if c["id"] == sara][0]
        equal((shown["surname"], shown["phone_mobile"], shown["email"]),
              ("Khan", "07700 900461", "sara.khan@example.org"), "Sara after the receptionist")
        equal(shown["details_checked"], "2024-12-20", "a changed number counts as checked today")
        # The officer changes the rest.
        t.ok("contacts", "set", UPN_A, str(sara), "town", "Millbrook", "--user", OFFICER)
        r = t.refused("contacts", "set", UPN_A, str(sara), "colour", "blue", "--user", OFFICER)
        check("not a field" in r.err, r.err)

        # Removing Nur (priority 1): Sara and Omar move up to 1 and 2.
        t.refused("contacts", "remove", UPN_A, str(nur), "--user", RECEPTION)
        t.refused("contacts", "remove", UPN_B, str(nur), "--user", OFFICER)
        r = t.ok("contacts", "remove", UPN_A, str(nur), "--user", OFFICER)
        check("Nur Begum" in r.out, r.out)
        equal([(p, f) for _, p, f in contact_ids(t, UPN_A)], [(1, "Sara"), (2, "Omar")], "after removal")
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
