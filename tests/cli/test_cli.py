#!/usr/bin/env python3
# test_cli.py: end-to-end tests of attendance-cli through the real binary
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each test makes its own database in a temporary folder and drives the
# binary named by $ATTENDANCE_CLI. Figures are worked out by hand in the
# comments. "Today" is fixed through $ATTENDANCE_TODAY so that nothing
# depends on the real date.
#
# Run with --tap for TAP output (meson does); the exit status is non-zero
# when any test fails.

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

CLI = os.environ.get("ATTENDANCE_CLI", "attendance-cli")
TODAY = "2024-12-20"
# The register clock: an afternoon, when both of the day's registers have
# opened (tests about the register times pass their own).
CLOCK = "16:00"

# The check letters of the UPN: the digits at positions 2 to 13 are
# weighted 2 to 13; the sum modulo 23 picks the letter.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def make_upn(digits):
    assert len(digits) == 12 and digits.isdigit()
    total = sum(int(d) * (i + 2) for i, d in enumerate(digits))
    return UPN_LETTERS[total % 23] + digits


UPN_A = make_upn("820200100001")
UPN_B = make_upn("820200100002")
UPN_C = make_upn("820200100003")
UPN_D = make_upn("820200100004")

OFFICER = "Olive Officer"
HEAD = "Hannah Head"
RECEPTION = "Rita Reception"


class Failure(Exception):
    pass


def check(condition, message="check failed"):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what=""):
    if actual != expected:
        raise Failure("%s: expected %r, got %r" % (what or "value", expected, actual))


class Result:
    def __init__(self, args, proc):
        self.args = args
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError as e:
            raise Failure("not JSON from %r: %s\n%s" % (self.args, e, self.out))

    def describe(self):
        return "attendance-cli %s -> %d\nstdout: %s\nstderr: %s" % (
            " ".join(self.args), self.rc, self.out[-2000:], self.err[-2000:])


class School:
    """A database in a temporary folder, and the commands to drive it."""

    def __init__(self, name="db"):
        self.dir = tempfile.mkdtemp(prefix="att-cli-test-")
        self.db = os.path.join(self.dir, name + ".db")

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *args, db=True, today=TODAY, clock=CLOCK, stdin=None):
        env = dict(os.environ)
        env["ATTENDANCE_TODAY"] = today
        env["ATTENDANCE_CLOCK"] = clock
        env.pop("ATTENDANCE_DB", None)
        argv = [CLI] + (["--db", self.db] if db else []) + list(args)
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300,
                              input=stdin if stdin is not None else "")
        return Result(list(args), proc)

    def ok(self, *args, **kwargs):
        r = self.run(*args, **kwargs)
        if r.rc != 0:
            raise Failure("expected success\n" + r.describe())
        return r

    def refused(self, *args, **kwargs):
        """Exit 1 with exactly one line on stderr."""
        r = self.run(*args, **kwargs)
        if r.rc != 1:
            raise Failure("expected exit 1\n" + r.describe())
        lines = r.err.splitlines()
        if len(lines) != 1 or not lines[0].strip():
            raise Failure("expected one line on stderr\n" + r.describe())
        return r

    def usage(self, *args, **kwargs):
        r = self.run(*args, **kwargs)
        if r.rc != 2:
            raise Failure("expected exit 2\n" + r.describe())
        check(r.err.strip() != "", "a usage error says what was wrong")
        return r

    def json(self, *args, **kwargs):
        return self.ok(*(list(args) + ["--json"]), **kwargs).json()

    def write(self, name, rows):
        path = self.path(name)
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows(rows)
        return path

    # A school with three users and the autumn term of 2024: Autumn 1 is
    # 2 September to 25 October (school weeks 1 to 8), half term is 28
    # October to 1 November (no sessions), Autumn 2 is 4 November (school
    # week 9) to 20 December.
    def setup(self, terms=True):
        self.ok("init", "--school", "Riverside Primary", "--urn", "123456", "--la", "Testshire")
        # The first user is added by the set-up path itself; from then on
        # someone answers for every change.
        self.ok("users", "add", HEAD, "--role", "headteacher", "--position", "Headteacher")
        self.ok("users", "add", OFFICER, "--role", "attendance-officer",
                "--position", "Attendance Officer", "--user", HEAD)
        self.ok("users", "add", RECEPTION, "--role", "receptionist", "--position", "Receptionist",
                "--user", HEAD)
        if terms:
            self.ok("calendar", "term", "add", "Autumn 1", "2024-09-02", "2024-10-25", "--user", HEAD)
            self.ok("calendar", "term", "add", "Autumn 2", "2024-11-04", "2024-12-20", "--user", HEAD)
        return self

    def add_pupils(self, upns=(UPN_A, UPN_B, UPN_C, UPN_D)):
        names = [("Khan", "Amina", "F"), ("Smith", "Ben", "M"),
                 ("Jones", "Cara", "F"), ("Patel", "Dev", "M")]
        # Year 4 in 2024-25: born September 2015 to August 2016.
        dobs = ["2015-10-14", "2015-11-14", "2015-12-14", "2016-01-14"]
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group",
                 "reg_group", "admission_date"]]
        for i, upn in enumerate(upns):
            surname, forename, sex = names[i]
            rows.append([upn, surname, forename, dobs[i], sex, "4", "4K", "2024-09-02"])
        path = self.write("pupils.csv", rows)
        self.ok("pupils", "import", path, "--user", HEAD)

    def mark(self, upn, date, session, code, *extra):
        return self.ok("mark", upn, date, session, code, "--user", OFFICER, *extra)

    def marks(self, upn, entries):
        """Writes marks through a marks CSV: entries of (date, session, code)."""
        rows = [["upn", "date", "session", "code"]]
        rows += [[upn, d, s, c] for d, s, c in entries]
        path = self.write("marks-%s.csv" % upn, rows)
        self.ok("marks", "import", path, "--user", HEAD)


def school_days(first, count):
    """School days from the Monday @first (YYYY-MM-DD) on, weekdays only,
    with no holiday in between (the tests use plain term-time weeks)."""
    import datetime
    d = datetime.date.fromisoformat(first)
    out = []
    while len(out) < count:
        if d.weekday() < 5:
            out.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return out


def sessions_of(days):
    return [(d, s) for d in days for s in ("am", "pm")]


# --- Tests ------------------------------------------------------------------

def test_init_refuses_existing_database():
    t = School()
    try:
        t.ok("init", "--school", "Riverside Primary")
        r = t.refused("init", "--school", "Another School")
        check("exists" in r.err or t.db in r.err, "the refusal says the database exists")
        equal(t.json("school", "show")["name"], "Riverside Primary", "school name kept")
    finally:
        t.cleanup()


def test_init_bad_urn_leaves_nothing():
    t = School()
    try:
        t.refused("init", "--school", "Riverside Primary", "--urn", "12")
        check(not os.path.exists(t.db), "a refused init leaves no database")
    finally:
        t.cleanup()


def test_missing_database_refused():
    t = School()
    try:
        r = t.refused("users", "list")
        check(not os.path.exists(t.db), "no database is created by reading")
        check("init" in r.err, "the refusal says how to create one")
    finally:
        t.cleanup()


def test_usage_errors():
    t = School()
    try:
        t.setup(terms=False)
        t.usage()                                            # no command
        t.usage("frobnicate")                                # unknown command
        t.usage("users", "frobnicate")                       # unknown sub-command
        t.usage("thresholds")                                # a command's name and more
        t.usage("threshol")                                  # the start of one
        t.usage("users", "lists")                            # a sub-command's and more
        t.usage("users", "lis")                              # the start of one
        t.usage("users", "list", "--frobnicate")             # unknown option
        t.usage("users", "list", "--role", "admin")          # option of another command
        t.usage("users", "add", "Zed")                       # missing --role
        t.usage("users", "add", "Zed", "--role", "wizard")   # bad option value
        t.usage("mark", UPN_A, "2024-09-02", "am")           # missing argument
        t.usage("mark", UPN_A, "2024-09-02", "am", "/")      # missing --user
        t.usage("mark", UPN_A, "2024-09-02", "noon", "/", "--user", OFFICER)
        t.usage("register", "all", "2024-09-02", "--days", "many")
        t.usage("stats", "--from", "02/09/2024")             # dates are YYYY-MM-DD here
        t.usage("backup")                                    # missing FILE
        t.usage("check", "extra")                            # unexpected argument
        t.usage("stats", "--from")                           # option without its value
        t.usage("calls", "frobnicate")                       # unknown sub-command of calls
        r = t.usage("mark", UPN_A, "2024-09-02", "am")
        check("Usage:" in r.err, "a usage error shows the usage line")
        equal(r.out, "", "nothing on stdout")
        # Nothing was added by any of them.
        equal(len(t.json("users", "list")), 3, "users after usage errors")
    finally:
        t.cleanup()


def test_help_and_version():
    t = School()
    try:
        r = t.ok("--help", db=False)
        check("Usage" in r.out and "threshold" in r.out, "help lists the commands")
        check("--user" in r.out and "set-up" in r.out, "help explains the optional --user")
        r = t.ok("help", db=False)
        check("calendar closure add" in r.out, "help lists sub-commands")
        check("rollcall" in r.out and "--pdf FILE" in r.out, "help lists printing")
        r = t.ok("help", "mark", db=False)
        check("--reason" in r.out, "help of one command")
        r = t.ok("mark", "--help", db=False)
        check("UPN DATE SESSION CODE" in r.out, "--help after a command")
        r = t.ok("--version", db=False)
        check(re.match(r"attendance-cli \d+\.\d+", r.out), "version line")
    finally:
        t.cleanup()


def test_users_add_and_list():
    t = School()
    try:
        t.setup(terms=False)
        users = t.json("users", "list")
        by_name = {u["name"]: u for u in users}
        equal(sorted(by_name), sorted([OFFICER, HEAD, RECEPTION]), "user names")
        equal(by_name[OFFICER]["role"], "attendance-officer", "role")
        equal(by_name[OFFICER]["position"], "Attendance Officer", "position")
        equal(by_name[HEAD]["role"], "headteacher", "role")
        check(all(isinstance(u["id"], int) and u["id"] > 0 for u in users), "ids")
        # Names are unique, whatever the case.
        t.refused("users", "add", OFFICER.upper(), "--role", "admin", "--user", HEAD)
        # With --user, the role must allow managing users.
        t.refused("users", "add", "Sam Supply", "--role", "receptionist", "--user", RECEPTION)
        t.refused("users", "add", "Sam Supply", "--role", "receptionist", "--user", "Nobody")
        equal(len(t.json("users", "list")), 3, "nothing added by refusals")
        # Options may come before the positional arguments.
        t.ok("users", "add", "--role", "admin", "--user", HEAD, "Ada Admin")
        equal(len(t.json("users", "list")), 4, "users")
        r = t.ok("users", "list")
        check(r.out.splitlines()[0].split()[:2] == ["ID", "Name"], "table header")
    finally:
        t.cleanup()


def test_setup_needs_a_user_once_the_school_has_users():
    t = School()
    try:
        t.ok("init", "--school", "Riverside Primary")
        # While the database has no users, the set-up commands run as the
        # system itself.
        t.ok("school", "set", "la", "Testshire")
        t.ok("users", "add", HEAD, "--role", "headteacher")
        # Now the school has a user: nobody may make themselves a
        # headteacher, or change the settings or the calendar, without
        # saying who they are. Exit 1, and nothing changed.
        r = t.refused("users", "add", "Mallory", "--role", "headteacher")
        check("--user" in r.err, "the refusal asks for --user")
        t.refused("school", "set", "la", "Elsewhere")
        t.refused("calendar", "term", "add", "Autumn 1", "2024-09-02", "2024-10-25")
        t.refused("calendar", "closure", "add", "2024-09-02", "--reason", "INSET day")
        equal([u["name"] for u in t.json("users", "list")], [HEAD], "users after the refusals")
        equal(t.json("school", "show")["la"], "Testshire", "the setting is unchanged")
        equal(t.json("calendar", "show", "--from", "2024-09-02", "--to", "2024-09-06"), [],
              "no term was added")
        # With --user the role is checked: a receptionist may not add users.
        t.ok("users", "add", RECEPTION, "--role", "receptionist", "--user", HEAD)
        t.refused("users", "add", "Mallory", "--role", "headteacher", "--user", RECEPTION)
        t.ok("calendar", "term", "add", "Autumn 1", "2024-09-02", "2024-10-25", "--user", HEAD)
        equal(len(t.json("users", "list")), 2, "users at the end")
    finally:
        t.cleanup()


def test_school_register_may_stay_open_30_minutes():
    t = School()
    try:
        t.setup(terms=False)
        # 08:45 to 09:10 is 25 minutes; 08:40 to 09:10 is 30: both allowed.
        t.ok("school", "set", "am_close", "09:10", "--user", HEAD)
        t.ok("school", "set", "am_open", "08:40", "--user", HEAD)
        before = t.json("school", "show")
        equal(before["am_open"], "08:40", "am_open")
        equal(before["am_close"], "09:10", "am_close")
        # 08:40 to 09:11 is 31 minutes: refused, nothing changed.
        r = t.refused("school", "set", "am_close", "09:11", "--user", HEAD)
        check("30" in r.err, "the refusal names the 30-minute rule")
        equal(t.json("school", "show"), before, "settings after the refusal")
        # A receptionist may not change settings; an unknown key is a usage error.
        t.refused("school", "set", "phone", "01234 567890", "--user", RECEPTION)
        t.usage("school", "set", "colour", "blue")
        equal(t.json("school", "show"), before, "settings after the refusals")
        for key in ("name", "urn", "la", "address", "phone", "email", "headteacher",
                    "attendance_lead", "am_open", "am_close", "pm_open", "pm_close"):
            check(key in before, "school show has " + key)
        equal(before["name"], "Riverside Primary", "name")
        equal(before["urn"], "123456", "urn")
        equal(before["la"], "Testshire", "la")
    finally:
        t.cleanup()


def test_calendar_school_weeks_across_half_term():
    t = School()
    try:
        t.setup()
        # An INSET day on Monday 2 September, an afternoon closure on
        # Wednesday 4 September, and a whole week closed (11 to 15 November).
        t.ok("calendar", "closure", "add", "2024-09-02", "--reason", "INSET day", "--user", HEAD)
        t.ok("calendar", "closure", "add", "2024-09-04", "--reason", "Staff training",
             "--session", "pm", "--user", HEAD)
        t.ok("calendar", "closure", "add", "2024-11-11", "2024-11-15", "--reason", "Heating broken",
             "--user", HEAD)
        # A term may not overlap another; a closure must fall inside a term.
        t.refused("calendar", "term", "add", "Overlap", "2024-10-21", "2024-11-08", "--user", HEAD)
        t.refused("calendar", "closure", "add", "2024-10-29", "--reason", "Half term", "--user", HEAD)
        # A receptionist cannot change the calendar.
        t.refused("calendar", "term", "add", "Spring 1", "2025-01-06", "2025-02-14",
                  "--user", RECEPTION)

        days = t.json("calendar", "show", "--from", "2024-09-01", "--to", "2024-11-24")
        by_date = {d["date"]: d for d in days}
        # Worked out by hand:
        #  week of 2 Sep: Mon closed, Tue to Fri open        -> school week 1
        #  weeks of 9 Sep .. 21 Oct                          -> weeks 2 to 8
        #  half term 28 Oct to 1 Nov: no session             -> not a school week
        #  week of 4 Nov                                     -> week 9
        #  week of 11 Nov: every day closed                  -> not a school week
        #  week of 18 Nov                                    -> week 10
        # Days: 4 + 7 * 5 + 5 + 5 = 49.
        equal(len(days), 49, "school days")
        check("2024-09-02" not in by_date, "the INSET day is not a school day")
        equal(by_date["2024-09-03"]["school_week"], 1, "3 Sep")
        equal(by_date["2024-09-03"]["sessions"], ["am", "pm"], "3 Sep sessions")
        equal(by_date["2024-09-04"]["sessions"], ["am"], "4 Sep: morning only")
        equal(by_date["2024-09-09"]["school_week"], 2, "9 Sep")
        equal(by_date["2024-10-25"]["school_week"], 8, "25 Oct")
        check(not any("2024-10-26" <= d <= "2024-11-03" for d in by_date), "half term")
        equal(by_date["2024-11-04"]["school_week"], 9, "4 Nov, after half term")
        check(not any("2024-11-11" <= d <= "2024-11-15" for d in by_date), "closed week")
        equal(by_date["2024-11-18"]["school_week"], 10, "18 Nov, after the closed week")
        equal(days[-1]["date"], "2024-11-22", "last day shown")
        equal([d["date"] for d in days], sorted(by_date), "dates in order")

        # Without dates: the school year holding today (2024-12-20).
        whole = t.json("calendar", "show")
        equal(whole[0]["date"], "2024-09-03", "first day of the year")
        equal(whole[-1]["date"], "2024-12-20", "last day of the year")
        # 49 days to 22 Nov, then 25 Nov to 20 Dec: 4 weeks of 5 days.
        equal(len(whole), 69, "school days this year")
        equal(whole[-1]["school_week"], 14, "20 Dec is in school week 14")
    finally:
        t.cleanup()


def test_pupils_import_and_list():
    t = School()
    try:
        t.setup()
        rows = [["UPN", "Surname", "Forename", "Preferred Forename", "Date of Birth", "Gender",
                 "Year Group", "Reg-Group", "Admission_Date", "FSM", "SEN", "EAL",
                 "Looked After", "Shoe Size"],
                [UPN_A, "Khan", "Amina", "", "2015-10-14", "F", "4", "4K", "2024-09-02",
                 "Y", "K", "no", "0", "3"],
                [UPN_B, "Smith", "Benjamin", "Ben", "21/11/2014", "M", "5", "5S", "02/09/2024",
                 "N", "N", "yes", "1", "4"],
                [UPN_C, "Jones", "Cara", "", "2019-12-01", "F", "R", "RB", "2024-09-02",
                 "false", "E", "N", "N", "1"]]
        path = t.write("pupils.csv", rows)

        # A dry run checks and counts, and writes nothing.
        r = t.ok("pupils", "import", path, "--dry-run", "--user", HEAD)
        check("3" in r.out, "the dry run counts the rows")
        equal(t.json("pupils", "list"), [], "nothing written by a dry run")

        r = t.ok("pupils", "import", path, "--user", HEAD)
        check(re.search(r"3 added", r.out), "summary says 3 added: " + r.out)
        check("shoe" in r.out.lower(), "the unknown column is reported")

        pupils = t.json("pupils", "list")
        equal(len(pupils), 3, "pupils")
        by_upn = {p["upn"]: p for p in pupils}
        a, b, c = by_upn[UPN_A], by_upn[UPN_B], by_upn[UPN_C]
        equal(a["surname"], "Khan", "surname")
        equal(a["forename"], "Amina", "forename")
        equal(a["group"], "4K", "group")
        equal(a["year"], 4, "year")
        equal(a["dob"], "2015-10-14", "dob")
        equal(a["sex"], "F", "sex")
        equal(a["admission_date"], "2024-09-02", "admission")
        equal(a["leaving_date"], None, "leaving")
        equal(a["fsm"], True, "fsm")
        equal(a["sen"], "K", "sen")
        equal(a["eal"], False, "eal")
        equal(b["forename"], "Ben", "preferred forename")
        equal(b["dob"], "2014-11-21", "a DD/MM/YYYY date")
        equal(b["eal"], True, "eal")
        equal(b["looked_after"], True, "looked after")
        equal(c["year"], 0, "Reception is year 0")
        for key in ("name", "social_worker", "young_carer"):
            check(key in a, "pupils list has " + key)

        equal([p["upn"] for p in t.json("pupils", "list", "--year", "R")], [UPN_C], "--year R")
        equal([p["upn"] for p in t.json("pupils", "list", "--group", "5S")], [UPN_B], "--group")
        equal([p["upn"] for p in t.json("--json", "pupils", "list", "--year", "4")], [UPN_A],
              "--json first")

        # The same file again changes nothing.
        r = t.ok("pupils", "import", path, "--user", HEAD)
        check(re.search(r"3 unchanged", r.out), "summary says 3 unchanged: " + r.out)

        # Contacts, shown with the pupil.
        contacts = t.write("contacts.csv", [
            ["upn", "priority", "title", "forename", "surname", "relationship",
             "parental_responsibility", "phone_mobile"],
            [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "07700 900001"],
            [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "07700 900002"]])
        t.ok("contacts", "import", contacts, "--user", HEAD)
        shown = t.json("pupils", "show", UPN_A)
        equal(shown["upn"], UPN_A, "upn")
        equal([c["relationship"] for c in shown["contacts"]], ["Mother", "Father"], "contacts")
        equal(shown["contacts"][0]["phone_mobile"], "07700 900001", "phone")
        check("fsm" in shown["flags"], "flags")
        check("possible" in shown["figures"] and "codes" in shown["figures"], "figures")
        t.ok("pupils", "show", UPN_A)
        t.refused("pupils", "show", UPN_D)
    finally:
        t.cleanup()


def test_pupils_listed_by_name_after_a_rename():
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Khan, Smith, Jones, Patel, listed by surname.
        equal([p["surname"] for p in t.json("pupils", "list")],
              ["Jones", "Khan", "Patel", "Smith"], "by surname")
        # Another program renames Smith to Adams: first in the list, and
        # found by UPN under the new name.
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pupils SET legal_surname = 'Adams' WHERE upn = ?", (UPN_B,))
        con.commit()
        equal(con.execute("SELECT sort_key IS NULL FROM pupils WHERE upn = ?",
                          (UPN_B,)).fetchone()[0], 1, "the key is cleared")
        con.close()
        equal([p["surname"] for p in t.json("pupils", "list")],
              ["Adams", "Jones", "Khan", "Patel"], "Adams first")
        equal(t.json("pupils", "show", UPN_B.lower())["name"], "Ben Adams", "by UPN")
        # The office renames Jones to Çelik (among the Cs, not after Z),
        # and the key cleared before is written again.
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [UPN_C, "Çelik", "Cara", "2015-12-14", "F", "4", "4K", "2024-09-02"]]
        t.ok("pupils", "import", t.write("renamed.csv", rows), "--user", HEAD)
        equal([p["surname"] for p in t.json("pupils", "list")],
              ["Adams", "Çelik", "Khan", "Patel"], "Çelik among the Cs")
        con = sqlite3.connect(t.db)
        equal(con.execute("SELECT count(*) FROM pupils WHERE sort_key IS NULL").fetchone()[0],
              0, "every key written")
        con.close()
    finally:
        t.cleanup()


def test_bad_pupils_csv_refused():
    t = School()
    try:
        t.setup()
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [UPN_A, "Khan", "Amina", "2015-10-14", "F", "4", "4K", "2024-09-02"],
                [UPN_B, "Smith", "Ben", "2016-02-30", "M", "4", "4K", "2024-09-02"],
                [UPN_C, "Jones", "Cara", "2016-05-01", "F", "4", "4K", "2024-09-02"]]
        path = t.write("pupils.csv", rows)
        r = t.refused("pupils", "import", path, "--user", HEAD)
        # The bad date is on the file's row 3 (the header is row 1).
        check("row 3" in r.err.lower(), "the refusal names the row: " + r.err)
        equal(t.json("pupils", "list"), [], "nothing imported")
    finally:
        t.cleanup()


def test_receptionist_cannot_import_pupils():
    t = School()
    try:
        t.setup()
        path = t.write("pupils.csv", [
            ["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
             "admission_date"],
            [UPN_A, "Khan", "Amina", "2015-10-14", "F", "4", "4K", "2024-09-02"]])
        r = t.refused("pupils", "import", path, "--user", RECEPTION)
        check("receptionist" in r.err.lower() or RECEPTION in r.err, "names the role: " + r.err)
        equal(t.json("pupils", "list"), [], "nothing imported")
        t.usage("pupils", "import", path)                  # --user is required
        t.refused("pupils", "import", path, "--user", "Nobody")
        equal(t.json("pupils", "list"), [], "nothing imported")
    finally:
        t.cleanup()


def test_mark_amend_needs_reason_and_history():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        r = t.mark(UPN_A, "2024-10-14", "am", "/")
        check("/" in r.out, "the mark is echoed")
        # '/' in the afternoon is stored as '\'.
        t.mark(UPN_A, "2024-10-14", "pm", "/")
        grid = t.json("register", "4K", "2024-10-14")
        row = [p for p in grid if p["upn"] == UPN_A][0]
        equal([(c["date"], c["session"], c["code"]) for c in row["cells"]],
              [("2024-10-14", "am", "/"), ("2024-10-14", "pm", "\\")], "cells")

        # Changing a saved mark without a reason is refused; nothing changes.
        r = t.refused("mark", UPN_A, "2024-10-14", "am", "I", "--user", OFFICER)
        grid = t.json("register", "4K", "2024-10-14")
        row = [p for p in grid if p["upn"] == UPN_A][0]
        equal(row["cells"][0]["code"], "/", "mark kept after the refusal")

        t.mark(UPN_A, "2024-10-14", "am", "I", "--reason", "Mother rang: unwell")
        history = t.json("history", UPN_A)
        am = [h for h in history if h["session"] == "am"]
        equal(len(am), 2, "entry and amendment")
        first, amend = am
        equal((first["date"], first["old"], first["new"]), ("2024-10-14", None, "/"), "entry")
        equal(first["who"], OFFICER, "who")
        equal(first["position"], "Attendance Officer", "position")
        equal((amend["old"], amend["new"]), ("/", "I"), "amendment")
        equal(amend["reason"], "Mother rang: unwell", "reason")
        equal(amend["who"], OFFICER, "who amended")
        for h in history:
            check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", h["when"]),
                  "ISO 8601 local time: " + h["when"])
        equal(len(history), 3, "history entries (two am, one pm)")
        r = t.ok("history", UPN_A)
        check("Mother rang: unwell" in r.out, "the table shows the reason")

        # Unknown pupil, unknown code, a closed day: refused with one line.
        t.refused("mark", UPN_D[:-1] + "9", "2024-10-14", "am", "/", "--user", OFFICER)
        t.refused("mark", UPN_B, "2024-10-14", "am", "QQ", "--user", OFFICER)
        t.refused("mark", UPN_B, "2024-10-29", "am", "/", "--user", OFFICER)   # half term
        t.refused("mark", UPN_B, "2024-10-14", "am", "/", "--user", OFFICER,
                  "--minutes-late", "5")                                        # only with L or U
        t.refused("history", UPN_D[:-1] + "9")
        t.mark(UPN_B, "2024-10-14", "am", "L", "--minutes-late", "7", "--comment", "Bus")
        b = [h for h in t.json("history", UPN_B)]
        equal([(h["new"], h["new_minutes_late"]) for h in b], [("L", 7)], "minutes late")
        # History entries carry their id and the pupil's UPN.
        check(isinstance(b[0]["id"], int) and b[0]["upn"] == UPN_B, "id and upn in history")

        # More minutes, same code: said so, and the comment stays.
        r = t.mark(UPN_B, "2024-10-14", "am", "L", "--minutes-late", "9", "--reason", "Clock was slow")
        check("minutes late or comment changed" in r.out, "a change of minutes is reported: " + r.out)
        b = t.json("history", UPN_B)
        equal((b[-1]["old_minutes_late"], b[-1]["new_minutes_late"], b[-1]["comment"]), (7, 9, "Bus"),
              "minutes changed, comment kept")
        r = t.mark(UPN_B, "2024-10-14", "am", "L")
        check("(unchanged)" in r.out, "retyping the same mark changes nothing")

        # A bad code names the pupil and the session.
        r = t.refused("mark", UPN_B, "2024-10-15", "am", "ZZ", "--user", OFFICER)
        check(UPN_B in r.err and "2024-10-15 am" in r.err, "the refusal names the mark: " + r.err)

        # A closure over marked sessions is refused, and nothing changes.
        r = t.refused("calendar", "closure", "add", "2024-10-14", "--reason", "Snow", "--user", OFFICER)
        check("already marked" in r.err, "the closure names the rule: " + r.err)
        grid = t.json("register", "4K", "2024-10-14")
        row = [p for p in grid if p["upn"] == UPN_A][0]
        equal(row["cells"][0]["code"], "I", "the mark is still there")

        # On Wednesday 18 December, Thursday takes a planned absence but
        # not a present mark or an N: that day has not come yet.
        r = t.refused("mark", UPN_B, "2024-12-19", "am", "/", "--user", OFFICER, today="2024-12-18")
        check("has not come yet" in r.err and UPN_B in r.err, "the rule and the pupil are named")
        t.refused("mark", UPN_B, "2024-12-19", "pm", "N", "--user", OFFICER, today="2024-12-18")
        t.ok("mark", UPN_B, "2024-12-19", "am", "V", "--user", OFFICER, today="2024-12-18")
        b = [h for h in t.json("history", UPN_B)]
        equal([(h["date"], h["new"]) for h in b][-1:], [("2024-12-19", "V")],
              "only the planned absence was written")
        equal(len(b), 3, "entries: L, L with more minutes, V")
    finally:
        t.cleanup()


def test_mark_waits_for_each_session_register():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Each end moves first in the direction that keeps the register
        # open at most 30 minutes (08:45 to 09:15 and 13:15 to 13:45 by
        # default).
        for key, value in (("am_close", "09:10"), ("am_open", "08:40"),
                           ("pm_close", "13:40"), ("pm_open", "13:10")):
            t.ok("school", "set", key, value, "--user", HEAD)
        day = "2024-12-18"

        # At 08:45 the morning's register is open, the afternoon's is not:
        # present, late, N and O wait for their own session's register,
        # while a planned absence may be entered ahead.
        t.ok("mark", UPN_A, day, "am", "/", "--user", OFFICER, today=day, clock="08:45")
        r = t.refused("mark", UPN_A, day, "pm", "/", "--user", OFFICER, today=day, clock="08:45")
        check("13:10" in r.err and UPN_A in r.err, "the refusal names the register time: " + r.err)
        t.refused("mark", UPN_B, day, "pm", "N", "--user", OFFICER, today=day, clock="08:45")
        t.refused("mark", UPN_B, day, "pm", "O", "--user", OFFICER, today=day, clock="13:09")
        t.ok("mark", UPN_B, day, "pm", "M", "--user", OFFICER, today=day, clock="08:45")
        t.ok("mark", UPN_C, day, "pm", "/", "--user", OFFICER, today=day, clock="13:10")
        pm = [(h["upn"], h["new"]) for u in (UPN_A, UPN_B, UPN_C)
              for h in t.json("history", u) if h["date"] == day and h["session"] == "pm"]
        equal(pm, [(UPN_B, "M"), (UPN_C, "\\")], "only M and the present mark after 13:10")

        # Minutes late are counted from 08:40; the register is open 30
        # minutes: L is 0 to 29 minutes, U 30 or more. Anything else is
        # refused with the register times named.
        r = t.refused("mark", UPN_C, day, "am", "L", "--minutes-late", "30", "--user", OFFICER,
                      today=day, clock="10:00")
        check("08:40 to 09:10" in r.err, "the refusal names the register times: " + r.err)
        r = t.refused("mark", UPN_D, day, "am", "U", "--minutes-late", "29", "--user", OFFICER,
                      today=day, clock="10:00")
        check("08:40 to 09:10" in r.err, "the refusal names the register times: " + r.err)
        t.ok("mark", UPN_C, day, "am", "L", "--minutes-late", "29", "--user", OFFICER,
             today=day, clock="10:00")
        t.ok("mark", UPN_D, day, "am", "U", "--minutes-late", "30", "--user", OFFICER,
             today=day, clock="10:00")

        # The mark a change replaced is named, as the write found it.
        r = t.ok("mark", UPN_A, day, "am", "I", "--reason", "Sent home ill", "--user", OFFICER,
                 today=day, clock="10:00")
        check("(was /)" in r.out, "the replaced mark is named: " + r.out)
    finally:
        t.cleanup()


def test_closed_code_refused_by_the_register_alike():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # '#' comes only from the calendar: typed to `mark` or found in a
        # marks file, the register refuses it in the same words.
        r = t.refused("mark", UPN_A, "2024-10-14", "am", "#", "--user", OFFICER)
        check("never entered by hand" in r.err and UPN_A in r.err, "mark names the rule: " + r.err)
        path = t.write("closed.csv", [["upn", "date", "session", "code"],
                                      [UPN_B, "2024-10-14", "am", "/"],
                                      [UPN_A, "2024-10-14", "am", "#"]])
        r = t.refused("marks", "import", path, "--user", HEAD)
        check("never entered by hand" in r.err, "the import names the same rule: " + r.err)
        equal(t.json("history", UPN_B), [], "nothing imported")
        # One pupil's Y1 is a mark like any other.
        r = t.mark(UPN_C, "2024-10-14", "am", "Y1", "--comment", "No school bus")
        check("Y1" in r.out, "Y1 recorded: " + r.out)
    finally:
        t.cleanup()


def test_register_grid():
    t = School()
    try:
        t.setup()
        t.ok("calendar", "closure", "add", "2024-10-16", "--reason", "Polling station",
             "--session", "pm", "--user", HEAD)
        t.add_pupils()
        t.mark(UPN_A, "2024-10-15", "am", "/")
        t.mark(UPN_B, "2024-10-16", "am", "M")
        # Friday 25 October, then half term is skipped: Monday 4 November.
        grid = t.json("register", "year:4", "2024-10-25", "--days", "2")
        equal(len(grid), 4, "every pupil of year 4")
        equal([(c["date"], c["session"]) for c in grid[0]["cells"]],
              [("2024-10-25", "am"), ("2024-10-25", "pm"),
               ("2024-11-04", "am"), ("2024-11-04", "pm")], "cells skip half term")
        grid = t.json("register", "4K", "2024-10-15", "--days", "2")
        by_upn = {p["upn"]: [c["code"] for c in p["cells"]] for p in grid}
        equal(by_upn[UPN_A], ["/", "", "", "#"], "A: marked, empty, empty, closed")
        equal(by_upn[UPN_B], ["", "", "M", "#"], "B")
        check(all(p["group"] == "4K" and p["name"] for p in grid), "group and name")
        r = t.ok("register", "Year 4", "2024-10-15", "--days", "2")
        equal(len(r.out.splitlines()), 5, "a header and four rows")
        t.refused("register", "9Z", "2024-10-15")
        equal(t.json("register", "year:6", "2024-10-15"), [], "an empty year")
    finally:
        t.cleanup()


def pdf_pages(path):
    """The text of a PDF, one string per page, as pdftotext -layout reads it."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def has_line(page, pattern):
    return re.search(pattern, page, re.MULTILINE) is not None


# Two registration groups: Amina Khan and Ben Smith in 4K (year 4), Cara
# Jones and Dev Patel in 5L (year 5), all on roll from 2 September 2024.
def add_two_groups(t):
    rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
             "admission_date"],
            [UPN_A, "Khan", "Amina", "2015-10-14", "F", "4", "4K", "2024-09-02"],
            [UPN_B, "Smith", "Ben", "2015-11-14", "M", "4", "4K", "2024-09-02"],
            [UPN_C, "Jones", "Cara", "2014-12-14", "F", "5", "5L", "2024-09-02"],
            [UPN_D, "Patel", "Dev", "2015-01-14", "M", "5", "5L", "2024-09-02"]]
    t.ok("pupils", "import", t.write("pupils.csv", rows), "--user", HEAD)


def test_register_pdf():
    t = School()
    try:
        t.setup()
        add_two_groups(t)
        t.mark(UPN_A, "2024-10-14", "am", "/")
        t.mark(UPN_A, "2024-10-14", "pm", "\\")
        t.mark(UPN_C, "2024-10-15", "am", "I")
        pdf = t.path("school.pdf")
        # The whole school: each registration group on its own page.
        r = t.ok("register", "all", "2024-10-14", "--days", "5", "--pdf", pdf)
        equal(r.out.strip(), "Wrote 2 pages to %s" % pdf, "the confirmation")
        equal(os.stat(pdf).st_mode & 0o777, 0o600, "the PDF is its owner's only")
        pages = pdf_pages(pdf)
        equal(len(pages), 2, "two groups, two pages")
        check("Riverside Primary" in pages[0], "the school's name")
        check("Whole school, Mon 14 Oct 2024 to Fri 18 Oct 2024" in pages[0], pages[0])
        check(has_line(pages[0], r"^\s*4K\s+2 pupils\s*$"), "4K's heading:\n" + pages[0])
        check(has_line(pages[1], r"^\s*5L\s+2 pupils\s*$"), "5L's heading:\n" + pages[1])
        check("Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1], "page numbers")
        # Amina's Monday: / and \\; year to date (as of Fri 18 October,
        # before today) 2 sessions, both present: 100.0%, none unauthorised.
        check(has_line(pages[0], r"Khan, Amina\s+/\s+\\\s+100\.0\s+0\s*$"), pages[0])
        check("Smith, Ben" in pages[0], "Ben with his group")
        check("Jones" not in pages[0] and "Patel" not in pages[0], "5L is not on 4K's page")
        # Cara's Tuesday: I; 1 possible session, not present: 0.0%, and I
        # is authorised: 0 unauthorised.
        check(has_line(pages[1], r"Jones, Cara\s+I\s+0\.0\s+0\s*$"), pages[1])
        check("Khan" not in pages[1], "4K is not on 5L's page")

        # One group, and a year: one page each.
        one = t.path("4k.pdf")
        equal(t.ok("register", "4k", "2024-10-14", "--pdf", one).out.strip(),
              "Wrote 1 page to %s" % one, "a group is matched without regard to case")
        pages = pdf_pages(one)
        check("4K, Mon 14 Oct 2024" in pages[0], pages[0])
        year = t.path("year5.pdf")
        t.ok("register", "year:5", "2024-10-14", "--days", "5", "--pdf", year)
        pages = pdf_pages(year)
        equal(len(pages), 1, "year 5 is one group")
        check("Year 5, Mon 14 Oct 2024 to Fri 18 Oct 2024" in pages[0], pages[0])

        # Refusals write nothing.
        bad = t.path("bad.pdf")
        t.usage("register", "all", "2024-10-14", "--json", "--pdf", bad)
        t.refused("register", "9Z", "2024-10-14", "--pdf", bad)
        r = t.refused("register", "all", "2024-10-14", "--pdf", t.path("nowhere/bad.pdf"))
        check("bad.pdf" in r.err, "the refusal names the file: " + r.err)
        check(not os.path.exists(bad), "no file after a refusal")
    finally:
        t.cleanup()


def test_rollcall():
    t = School()
    try:
        t.setup()
        add_two_groups(t)
        # Wednesday 18 December, morning (the register is open 08:45 to
        # 09:15): Amina /, Ben L 10 minutes, Cara U 40 minutes (after the
        # register closed, but in school), Dev V (on a trip).
        t.mark(UPN_A, "2024-12-18", "am", "/")
        t.mark(UPN_B, "2024-12-18", "am", "L", "--minutes-late", "10")
        t.mark(UPN_C, "2024-12-18", "am", "U", "--minutes-late", "40")
        t.mark(UPN_D, "2024-12-18", "am", "V")
        rc = t.json("rollcall", "--date", "2024-12-18", "--session", "am")
        equal((rc["date"], rc["session"]), ("2024-12-18", "am"), "the session")
        # On roll 4, all marked; on site Amina, Ben and Cara: 3.
        equal((rc["on_roll"], rc["not_marked"], rc["on_site"]), (4, 0, 3), "totals")
        equal([g["group"] for g in rc["groups"]], ["4K", "5L"], "groups by year")
        k4, l5 = rc["groups"]
        equal([(p["upn"], p["code"], p["minutes_late"]) for p in k4["on_site"]],
              [(UPN_A, "/", None), (UPN_B, "L", 10)], "4K on site")
        equal([(p["upn"], p["code"], p["minutes_late"]) for p in l5["on_site"]],
              [(UPN_C, "U", 40)], "5L on site: Dev is on a trip")
        equal((l5["on_roll"], l5["not_marked"]), (2, 0), "5L")

        r = t.ok("rollcall", "--date", "2024-12-18", "--session", "am")
        check(has_line(r.out, r"^4K\s+%s\s+Ben Smith\s+L 10 min\s*$" % UPN_B), r.out)
        check(has_line(r.out, r"^Whole school\s+4\s+0\s+3\s*$"), r.out)
        check(UPN_D not in r.out, "Dev is not listed")

        pdf = t.path("rollcall.pdf")
        r = t.ok("rollcall", "--date", "2024-12-18", "--session", "am", "--pdf", pdf)
        # The summary, then 4K and 5L: 3 pages.
        equal(r.out.strip(), "Wrote 3 pages to %s" % pdf, "the confirmation")
        equal(os.stat(pdf).st_mode & 0o777, 0o600, "the PDF is its owner's only")
        pages = pdf_pages(pdf)
        equal(len(pages), 3, "pages")
        check("Roll call, Wed 18 Dec 2024, morning" in pages[0], pages[0])
        check(has_line(pages[0], r"^\s*4K\s+2\s+0\s+2\s*$"), pages[0])
        check(has_line(pages[0], r"^\s*5L\s+2\s+0\s+1\s*$"), pages[0])
        check(has_line(pages[0], r"^\s*Whole school\s+4\s+0\s+3\s*$"), pages[0])
        check(has_line(pages[1], r"Smith, Ben\s+L 10 min\s*$"), pages[1])
        check("On site in 4K: 2" in pages[1], pages[1])
        check(has_line(pages[2], r"Jones, Cara\s+U 40 min\s*$"), pages[2])
        check("Patel" not in pages[2], "Dev is not on 5L's list")

        # Without --date and --session: today (the 18th) and the session
        # the clock is in. At 14:00 the afternoon register (13:15) has
        # opened and nobody has an afternoon mark yet.
        os.environ["ATTENDANCE_CLOCK"] = "14:00"
        try:
            rc = t.json("rollcall", today="2024-12-18")
        finally:
            del os.environ["ATTENDANCE_CLOCK"]
        equal((rc["session"], rc["on_roll"], rc["not_marked"], rc["on_site"]),
              ("pm", 4, 4, 0), "the afternoon, not yet marked")

        r = t.refused("rollcall", "--date", "2024-12-21")
        check("weekend" in r.err, "a Saturday has no session: " + r.err)
        t.usage("rollcall", "--session", "noon")
        t.usage("rollcall", "--json", "--pdf", pdf)
    finally:
        t.cleanup()


def stats_of(t, *args, **kwargs):
    return {s["upn"]: s for s in t.json("stats", *args, **kwargs)}


def test_stats_figures():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Two school weeks, 16 to 27 September: 10 days, 20 sessions,
        # numbered 0 to 19 in date and session order.
        slots = sessions_of(school_days("2024-09-16", 10))
        equal(len(slots), 20, "sessions")

        # A: 16 present (8 '/' in the mornings, 8 '\' in the afternoons),
        # I at 3 and 4, L at 9, G at 14.
        #   possible 20; present 16 + L = 17; authorised 2; unauthorised 1
        #   attendance 17/20 = 85.0%; absence 3/20 = 15.0%: persistent.
        special = {3: "I", 4: "I", 9: "L", 14: "G"}
        t.marks(UPN_A, [(d, s, special.get(i, "/")) for i, (d, s) in enumerate(slots)])
        # B: exactly 90.0%: 18 present, 2 authorised (M). Absence is 10%
        #   of possible sessions, which IS persistent absence.
        t.marks(UPN_B, [(d, s, "M" if i in (0, 1) else "/") for i, (d, s) in enumerate(slots)])
        # C: 19 present, 1 unauthorised (O): 95.0%, not persistent.
        t.marks(UPN_C, [(d, s, "O" if i == 7 else "/") for i, (d, s) in enumerate(slots)])
        # D: 18 marked (10 present, 8 O), the last 2 sessions never marked:
        #   possible 18, missing 2; absence 8/18 = 44.4%: persistent, not severe.
        t.marks(UPN_D, [(d, s, "O" if i < 8 else "/") for i, (d, s) in enumerate(slots[:18])])

        stats = stats_of(t, "--from", "2024-09-16", "--to", "2024-09-27")
        a = stats[UPN_A]
        equal((a["possible"], a["present"], a["aea"], a["authorised"], a["unauthorised"],
               a["missing"]), (20, 17, 0, 2, 1, 0), "A's sessions")
        equal((a["late_before_close"], a["late_after_close"]), (1, 0), "A's lates")
        equal(a["attendance_pct"], 85.0, "A's attendance")
        equal(a["absence_pct"], 15.0, "A's absence")
        equal((a["persistent"], a["severe"]), (True, False), "A is persistently absent")
        equal(a["codes"], {"/": 8, "\\": 8, "I": 2, "L": 1, "G": 1}, "A's codes")
        equal((a["name"], a["group"], a["year"]), ("Amina Khan", "4K", 4), "A's details")

        b = stats[UPN_B]
        equal((b["possible"], b["present"], b["authorised"]), (20, 18, 2), "B")
        equal(b["attendance_pct"], 90.0, "B's attendance")
        equal(b["persistent"], True, "exactly 90.0% is persistent absence")

        c = stats[UPN_C]
        equal((c["attendance_pct"], c["persistent"]), (95.0, False), "C")
        equal(c["codes"], {"/": 10, "\\": 9, "O": 1}, "C's codes")

        d = stats[UPN_D]
        equal((d["possible"], d["missing"], d["unauthorised"]), (18, 2, 8), "D")
        equal((d["absence_pct"], d["persistent"], d["severe"]), (44.4, True, False), "D")

        # The raw text has one decimal.
        r = t.ok("stats", "--from", "2024-09-16", "--to", "2024-09-27", "--json")
        check(re.search(r'"attendance_pct"\s*:\s*85\.0[,\s]', r.out),
              "one decimal in the JSON text")

        # Filters.
        only = t.json("stats", "--from", "2024-09-16", "--to", "2024-09-27", "--pupil", UPN_C)
        equal([s["upn"] for s in only], [UPN_C], "--pupil")
        equal(len(t.json("stats", "--from", "2024-09-16", "--to", "2024-09-27",
                         "--group", "4K")), 4, "--group")
        equal(t.json("stats", "--from", "2024-09-16", "--to", "2024-09-27", "--year", "5"), [],
              "--year")
        t.refused("stats", "--pupil", UPN_D[:-1] + "9")

        # D's first 8 sessions (16 to 19 September) are O. To Monday 23
        # September: 6 days, 12 sessions, absence 8/12 = 66.7%. To Wednesday
        # 25 September: 16 sessions, 8 O and 8 present: exactly 50.0%, which
        # is severe absence.
        d = stats_of(t, "--from", "2024-09-16", "--to", "2024-09-23")[UPN_D]
        equal((d["possible"], d["unauthorised"], d["absence_pct"]), (12, 8, 66.7), "D early")
        d = stats_of(t, "--from", "2024-09-16", "--to", "2024-09-25")[UPN_D]
        equal((d["possible"], d["unauthorised"], d["severe"]), (16, 8, True), "50% is severe")

        # Without dates: the school year to today. With today a Saturday,
        # 21 December, every session of the autumn term is past: 8 weeks
        # before half term and 7 after, 75 days or 150 sessions. A has 20
        # marked and 130 missing.
        a = stats_of(t, today="2024-12-21")[UPN_A]
        equal((a["possible"], a["missing"]), (20, 130), "the year to date")
        r = t.ok("stats", "--from", "2024-09-16", "--to", "2024-09-27")
        check("85.0" in r.out and "90.0" in r.out, "the table shows the percentages")
    finally:
        t.cleanup()


def test_marks_export_import_round_trip():
    one, two = School("one"), School("two")
    try:
        for t in (one, two):
            t.setup()
            t.add_pupils()
        days = school_days("2024-09-23", 5)
        codes = ["/", "L", "I", "/", "G", "/", "M", "/", "N", "/"]
        for i, (d, s) in enumerate(sessions_of(days)):
            one.mark(UPN_A, d, s, codes[i], *(["--minutes-late", "12"] if codes[i] == "L" else []))
            one.mark(UPN_B, d, s, "/", "--comment", 'said "hello", left early')
        one.mark(UPN_A, days[0], "am", "B", "--reason", "At the swimming gala")

        out1 = one.path("marks.csv")
        r = one.ok("marks", "export", out1)
        check("20" in r.out, "20 marks exported: " + r.out)
        check(not os.path.exists(out1 + ".tmp"), "no temporary file left")
        with open(out1) as f:
            rows = list(csv.DictReader(f))
        equal(list(rows[0].keys()),
              ["upn", "date", "session", "code", "minutes_late", "comment"], "columns")
        equal(len(rows), 20, "rows")
        late = [r for r in rows if r["code"] == "L"][0]
        equal(late["minutes_late"], "12", "minutes late")
        equal([r["comment"] for r in rows if r["upn"] == UPN_B][0],
              'said "hello", left early', "a quoted comment")

        r = two.ok("marks", "import", out1, "--user", HEAD)
        check("20 added" in r.out, "summary: " + r.out)
        span = ("--from", "2024-09-23", "--to", "2024-09-27")
        equal(two.json("stats", *span), one.json("stats", *span), "stats equal")
        out2 = two.path("marks.csv")
        two.ok("marks", "export", out2)
        with open(out1) as f1, open(out2) as f2:
            equal(f2.read(), f1.read(), "the second export")

        # A date range.
        part = one.path("part.csv")
        one.ok("marks", "export", part, "--from", "2024-09-24", "--to", "2024-09-24")
        with open(part) as f:
            rows = list(csv.DictReader(f))
        equal(len(rows), 4, "one day: 2 pupils x 2 sessions")

        # Importing the same file again changes nothing; a changed mark
        # without the right is refused.
        r = two.ok("marks", "import", out1, "--user", HEAD)
        check("20 unchanged" in r.out, "summary: " + r.out)
        bad = two.write("bad.csv", [["upn", "date", "session", "code"],
                                    [UPN_C, "2024-09-23", "am", "/"],
                                    [UPN_C, "2024-09-24", "noon", "/"]])
        r = two.refused("marks", "import", bad, "--user", HEAD)
        check("row 3" in r.err.lower(), "the bad row is named: " + r.err)
        equal(two.json("stats", "--pupil", UPN_C, *span)[0]["possible"], 0, "nothing imported")
    finally:
        one.cleanup()
        two.cleanup()


def test_threshold_window_across_half_term():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # As of Friday 22 November (school week 11) the window is school
        # weeks 2 to 11: 9 September to 22 November. Half term (28 October
        # to 1 November) has no session, so the window stretches over it.
        across = [("2024-10-24", "am", "G"), ("2024-10-24", "pm", "G"),
                  ("2024-10-25", "am", "G"), ("2024-10-25", "pm", "G"),
                  ("2024-11-04", "am", "G"), ("2024-11-04", "pm", "G"),
                  ("2024-11-05", "am", "G"), ("2024-11-05", "pm", "G")]
        outside = [("2024-09-06", "am", "O")]      # week 1: outside the window
        # A: 8 G + O on the window's first session + N on its last = 10.
        t.marks(UPN_A, across + outside + [("2024-09-09", "am", "O"), ("2024-11-22", "pm", "N")])
        # B: 8 G + N = 9, and the O in week 1 does not count: no breach.
        t.marks(UPN_B, across + outside + [("2024-11-22", "pm", "N")])
        # C: 10 unauthorised sessions but the first in week 1: only 9 count.
        t.marks(UPN_C, across + outside + [("2024-11-21", "am", "U")])

        breaches = t.json("threshold", "--as-of", "2024-11-22")
        equal([b["upn"] for b in breaches], [UPN_A], "only A has 10")
        a = breaches[0]
        equal(a["unauthorised_sessions"], 10, "sessions")
        equal(a["window_start"], "2024-09-09", "window start")
        equal(a["window_end"], "2024-11-22", "window end")
        equal(a["school_weeks"], 10, "school weeks")
        equal(a["codes"], {"G": 8, "O": 1, "N": 1}, "codes")
        equal(a["includes_n"], True, "includes N")
        equal(a["penalty_notices_3y"], 0, "notices")
        equal(a["considered"], False, "considered")
        equal(a["name"], "Amina Khan", "name")

        # As of Thursday 21 November the window is the same weeks, but
        # A's N on the 22nd is after the as-of date: 9, no breach.
        equal(t.json("threshold", "--as-of", "2024-11-21"), [], "as of the day before")
        r = t.ok("threshold", "--as-of", "2024-11-22")
        check(UPN_A in r.out and UPN_B not in r.out, "the table")
    finally:
        t.cleanup()


def test_backup_and_check():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        t.mark(UPN_A, "2024-10-14", "am", "/")
        r = t.ok("check")
        equal(r.out.strip(), "ok", "check of the database")
        copy = t.path("backup.db")
        t.ok("backup", copy)
        check(os.path.exists(copy), "the backup exists")
        env = dict(os.environ, ATTENDANCE_TODAY=TODAY, ATTENDANCE_DB=copy)
        proc = subprocess.run([CLI, "check"], env=env, capture_output=True, text=True)
        equal((proc.returncode, proc.stdout.strip()), (0, "ok"), "check of the backup via $ATTENDANCE_DB")
        proc = subprocess.run([CLI, "history", UPN_A, "--json"], env=env, capture_output=True,
                              text=True)
        equal(json.loads(proc.stdout)[0]["new"], "/", "the backup holds the mark")
        t.refused("backup", copy)                          # never overwrites
        # --db wins over $ATTENDANCE_DB: the main database has four pupils,
        # a fresh one named by --db has none.
        other = t.path("other.db")
        subprocess.run([CLI, "--db", other, "init", "--school", "Other"], env=env, check=True,
                       capture_output=True)
        proc = subprocess.run([CLI, "--db", other, "pupils", "list", "--json"], env=env,
                              capture_output=True, text=True)
        equal(json.loads(proc.stdout), [], "--db is used before $ATTENDANCE_DB")
    finally:
        t.cleanup()


def test_check_repair_rebuilds_the_saved_copy():
    """The compact per-pupil copy is rebuilt from the marks, which stay."""
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        t.mark(UPN_A, "2024-10-14", "am", "/")
        t.mark(UPN_A, "2024-10-14", "pm", "I")
        t.mark(UPN_B, "2024-10-14", "am", "O")
        before = stats_of(t, "--from", "2024-10-14", "--to", "2024-10-14")
        equal((before[UPN_A]["possible"], before[UPN_A]["present"]), (2, 1), "A before")
        equal(before[UPN_B]["unauthorised"], 1, "B before")
        # Damage the copy: A's year row goes, one of B's bytes changes.
        con = sqlite3.connect(t.db)
        ids = dict(con.execute("SELECT upn, id FROM pupils"))
        con.execute("DELETE FROM mark_years WHERE pupil_id = ?", (ids[UPN_A],))
        (blob,) = con.execute("SELECT codes FROM mark_years WHERE pupil_id = ?",
                              (ids[UPN_B],)).fetchone()
        damaged = bytearray(blob)
        slot = next(i for i, b in enumerate(damaged) if b)
        damaged[slot] ^= 0x7
        con.execute("UPDATE mark_years SET codes = ? WHERE pupil_id = ?",
                    (bytes(damaged), ids[UPN_B]))
        con.commit()
        con.close()
        r = t.refused("check")
        lines = r.out.splitlines()
        equal(len(lines), 2, "one line per damaged pupil-year:\n" + r.out)
        check(any(UPN_A in l and "2 sessions" in l for l in lines), "A's two sessions: " + r.out)
        check(any(UPN_B in l and "1 session" in l and "Mon 14 Oct 2024 AM" in l for l in lines),
              "B's session: " + r.out)
        check("--repair" in r.err, "the refusal names the mend: " + r.err)
        r = t.ok("check", "--repair")
        check(r.out.splitlines()[-1] == "ok", "the repair ends with ok:\n" + r.out)
        equal(t.ok("check").out.strip(), "ok", "the check passes after the repair")
        after = stats_of(t, "--from", "2024-10-14", "--to", "2024-10-14")
        equal(after, before, "the figures are those of the marks")
        equal([h["new"] for h in t.json("history", UPN_A)], ["/", "I"], "the marks are kept")
        # On a sound database --repair changes nothing and says ok.
        equal(t.ok("check", "--repair").out.strip(), "ok", "repair of a sound database")
    finally:
        t.cleanup()


def test_demo_school():
    t = School()
    try:
        r = t.ok("demo", "--pupils", "60", "--years", "1", "--seed", "3",
                 "--as-of", "2024-11-15", today="2024-11-15")
        check(os.path.exists(t.db), "the demo database exists")
        t.refused("demo", "--pupils", "60", "--years", "1", "--seed", "3", "--as-of", "2024-11-15")
        stats = t.json("stats", today="2024-11-15")
        check(50 <= len(stats) <= 70, "about 60 pupils: %d" % len(stats))
        marked = sum(s["possible"] for s in stats)
        check(marked > 0, "the demo has marks")
        check(all(0.0 <= s["attendance_pct"] <= 100.0 for s in stats), "percentages")
        check(isinstance(t.json("threshold", today="2024-11-15"), list), "threshold runs")
        equal(t.ok("check").out.strip(), "ok", "the demo passes the check")
        t.usage("demo", "--pupils", "lots")
    finally:
        t.cleanup()


def test_demo_stopped_half_way_leaves_no_database():
    # A demo school is made in a file beside the one asked for (db.db.part)
    # and takes its name only when it is complete. Stopped half way (the
    # machine turned off, the window closed, kill -9), it must leave no
    # db.db: an empty or half-made school there would open and pass the
    # check like a real one.
    t = School()
    env = dict(os.environ, ATTENDANCE_TODAY="2025-07-15")
    env.pop("ATTENDANCE_DB", None)
    part = t.db + ".part"
    # 600 pupils and two full school years: about 450,000 marks, a second
    # or more of work on any machine, so 0.3 s after the file appears the
    # demo is part way through.
    argv = [CLI, "--db", t.db, "demo", "--pupils", "600", "--years", "2",
            "--as-of", "2025-07-15"]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while (not os.path.exists(part) and proc.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.005)
        check(os.path.exists(part), "the demo is made in %s" % part)
        time.sleep(0.3)
        check(proc.poll() is None, "the demo was still being made when it was stopped")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        equal(proc.returncode, -signal.SIGKILL, "the demo was killed")

        check(not os.path.exists(t.db), "no database is left at %s" % t.db)
        for suffix in ("-wal", "-shm", "-journal"):
            check(not os.path.exists(t.db + suffix), "no %s is left" % (t.db + suffix))
        left = sorted(os.listdir(t.dir))
        check(left and all(n.startswith("db.db.part") for n in left),
              "only the unfinished file and its SQLite files are left: %s" % left)
        r = t.refused("check")
        check("There is no database" in r.err, "check finds no school:\n" + r.describe())

        # The next demo clears what the stopped one left, and succeeds.
        t.ok("demo", "--pupils", "60", "--years", "1", "--seed", "3",
             "--as-of", "2024-11-15", today="2024-11-15")
        equal(sorted(os.listdir(t.dir)), ["db.db"], "the new school and nothing else")
        equal(t.ok("check").out.strip(), "ok", "the new demo passes the check")
        check(len(t.json("stats", today="2024-11-15")) >= 50, "the new demo has its pupils")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
# --- Hostile and damaged input ---------------------------------------------

def test_unknown_sub_code_refused():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Q9 and I99 are not sub-codes this program knows (a code and 01 to
        # 09): refused, naming the code, and nothing stored.
        for code in ("Q9", "I99"):
            r = t.refused("mark", UPN_A, "2024-10-14", "am", code, "--user", OFFICER)
            check(code in r.err, "the refusal names %s: %s" % (code, r.err))
        equal(t.json("history", UPN_A), [], "nothing stored")
        # I01 is kept as I with a notice.
        r = t.mark(UPN_A, "2024-10-14", "am", "I01")
        check("I01" in r.out and ": I" in r.out, "the notice: " + r.out)
        path = t.write("sub.csv", [["upn", "date", "session", "code"],
                                   [UPN_B, "2024-10-14", "am", "M01"],
                                   [UPN_B, "2024-10-14", "pm", "Q9"]])
        r = t.refused("marks", "import", path, "--user", HEAD)
        check("row 3" in r.err and "Q9" in r.err, "the row and code: " + r.err)
    finally:
        t.cleanup()


def test_csv_export_protects_the_reader():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        hostile = '=HYPERLINK("http://evil.example","Click")'
        t.mark(UPN_A, "2024-10-14", "am", "I", "--comment", hostile)
        t.mark(UPN_A, "2024-10-14", "pm", "I", "--comment", "-ill, sent home")
        t.mark(UPN_B, "2024-10-14", "am", "/", "--comment", "@home first")
        t.mark(UPN_B, "2024-10-14", "pm", "/", "--comment", "'Tis fine")
        out = t.path("marks.csv")
        t.ok("marks", "export", out)
        with open(out, newline="") as f:
            rows = list(csv.DictReader(f))
        comments = sorted(r["comment"] for r in rows)
        # Each written as text behind one apostrophe (and an apostrophe
        # first behind one more), so no cell begins with = + - @.
        equal(comments, sorted(["'" + hostile, "''Tis fine", "'-ill, sent home", "'@home first"]),
              "protected comments")
        # The round trip gives the comments back as they were.
        two = School("two")
        try:
            two.setup()
            two.add_pupils()
            two.ok("marks", "import", out, "--user", HEAD)
            got = sorted(m["comment"] for u in (UPN_A, UPN_B) for m in two.json("history", u))
            equal(got, sorted([hostile, "-ill, sent home", "@home first", "'Tis fine"]),
                  "comments after the round trip")
        finally:
            two.cleanup()
    finally:
        t.cleanup()


def test_files_are_private():
    t = School()
    old = os.umask(0o022)
    try:
        t.setup()
        t.add_pupils()
        t.mark(UPN_A, "2024-10-14", "am", "/")
        mode = lambda p: os.stat(p).st_mode & 0o777
        # The database and its -wal and -shm, a backup and an export: 0600,
        # though the umask would allow 0644.
        equal(oct(mode(t.db)), oct(0o600), "the database")
        for suffix in ("-wal", "-shm"):
            if os.path.exists(t.db + suffix):
                equal(oct(mode(t.db + suffix)), oct(0o600), "the database" + suffix)
        copy = t.path("backup.db")
        t.ok("backup", copy)
        equal(oct(mode(copy)), oct(0o600), "the backup")
        out = t.path("marks.csv")
        t.ok("marks", "export", out)
        equal(oct(mode(out)), oct(0o600), "the export")
        # A new database's folder is made 0700.
        nested = School()
        try:
            nested.db = os.path.join(nested.dir, "sub", "school.db")
            nested.ok("init", "--school", "Nested")
            equal(oct(mode(os.path.dirname(nested.db))), oct(0o700), "the new folder")
        finally:
            nested.cleanup()
        # check warns (and still says ok) when others may read it.
        os.chmod(t.db, 0o644)
        r = t.ok("check")
        equal(r.out.splitlines()[-1], "ok", "the register itself is sound")
        check("Warning" in r.out and "chmod 600" in r.out and t.db in r.out,
              "the warning says what to do: " + r.out)
        os.chmod(t.db, 0o600)
        equal(t.ok("check").out.strip(), "ok", "no warning once mended")
    finally:
        os.umask(old)
        t.cleanup()


def test_backup_never_replaces_or_removes_a_file():
    t = School()
    try:
        t.setup()
        copy = t.path("backup.db")
        # Files beside the target that a backup might have used as its
        # temporary file are somebody else's: they stay as they were.
        for name in ("backup.db.part", "backup.db.tmp"):
            with open(t.path(name), "w") as f:
                f.write("not ours")
        with open(copy, "w") as f:
            f.write("an older copy someone keeps")
        r = t.refused("backup", copy)
        check("already exists" in r.err, "the refusal: " + r.err)
        with open(copy) as f:
            equal(f.read(), "an older copy someone keeps", "the existing file is untouched")
        os.unlink(copy)
        t.ok("backup", copy)
        for name in ("backup.db.part", "backup.db.tmp"):
            with open(t.path(name)) as f:
                equal(f.read(), "not ours", name + " is untouched")
        leftovers = [n for n in os.listdir(t.dir) if n.lstrip(".").startswith("backup.db.")]
        equal(sorted(leftovers), ["backup.db.part", "backup.db.tmp"], "no temporary file left")
        # Our own backups are not replaced either: a new name each time.
        t.refused("backup", copy)
    finally:
        t.cleanup()


def test_huge_import_refused_briefly():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # 20 MB on one line after the header: refused naming row 2 and the
        # limit, in one short line.
        path = t.path("huge.csv")
        with open(path, "w") as f:
            f.write("upn,date,session,code\n")
            f.write(UPN_A + ",2024-10-14,am," + "x" * (20 * 1024 * 1024) + "\n")
        r = t.refused("marks", "import", path, "--user", HEAD)
        check("row 2" in r.err and "16384" in r.err, "the row and the limit: " + r.err[:300])
        check(len(r.err) < 500, "a short refusal: %d characters" % len(r.err))
        # 5,000 bad rows: the first 50 problems and a count of the rest.
        rows = [["upn", "date", "session", "code"]]
        rows += [[UPN_A, "2024-13-%02d" % (i % 28 + 1), "am", "/"] for i in range(5000)]
        path = t.write("many.csv", rows)
        r = t.refused("marks", "import", path, "--user", HEAD)
        check("and 4950 more problems" in r.err, "the count of the rest: " + r.err[-200:])
        check(r.err.count("row ") == 50, "50 problems listed")
    finally:
        t.cleanup()


def test_busy_database():
    import sqlite3
    import threading
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Another program (a long import) holds the write lock.
        con = sqlite3.connect(t.db, isolation_level=None, check_same_thread=False)
        con.execute("BEGIN IMMEDIATE")
        r = t.refused("mark", UPN_A, "2024-10-14", "am", "/", "--user", OFFICER)
        check("The database is busy" in r.err and "try again" in r.err,
              "words an office can act on: " + r.err)
        check("locked" not in r.err, "no SQLite jargon: " + r.err)
        # When it finishes within the wait (after a second), the mark is
        # saved rather than refused.
        timer = threading.Timer(1.0, lambda: con.execute("COMMIT"))
        timer.start()
        t.mark(UPN_A, "2024-10-14", "am", "/")
        timer.join()
        con.close()
        equal([h["new"] for h in t.json("history", UPN_A)], ["/"], "saved once the lock was free")
    finally:
        t.cleanup()


def test_check_damaged_files():
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        for d in school_days("2024-10-07", 5):
            t.mark(UPN_A, d, "am", "/")
        cases = {}
        cases["letter.db"] = b"Dear parent, this is a letter and not a database. " * 200
        with open(t.db, "rb") as f:
            whole = f.read()
        cases["cut.db"] = whole[:len(whole) // 2]
        garbled = bytearray(whole)
        garbled[4096 * 2:4096 * 4] = b"\xff" * (4096 * 2)
        cases["garbled.db"] = bytes(garbled)
        for name, data in cases.items():
            with open(t.path(name), "wb") as f:
                f.write(data)
        other = t.path("recipes.db")
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.commit()
        con.close()
        for name in list(cases) + ["recipes.db"]:
            env = dict(os.environ, ATTENDANCE_TODAY=TODAY)
            proc = subprocess.run([CLI, "--db", t.path(name), "check"], env=env,
                                  capture_output=True, text=True)
            err = proc.stderr.strip().splitlines()
            equal(proc.returncode, 1, name + " is refused: " + proc.stderr)
            check(len(err) == 1 and name in err[0], name + ": one line naming the file: " + proc.stderr)
            check("backup" in err[0] or "another program" in err[0],
                  name + ": says what to do: " + err[0])
            check("Traceback" not in proc.stderr and "CRITICAL" not in proc.stderr, name)
        # The other program's database is left as it was.
        con = sqlite3.connect(other)
        equal(con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0], 1, "untouched")
        con.close()
    finally:
        t.cleanup()


def test_control_characters_refused_and_escaped():
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # A pupils file with an escape sequence in a surname: refused,
        # naming the row, the column and the character.
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [UPN_A, "Khan", "Amina", "2015-10-14", "F", "4", "4K", "2024-09-02"],
                [UPN_B, "Smith\x1b[2J", "Ben", "2015-11-14", "M", "4", "4K", "2024-09-02"]]
        r = t.refused("pupils", "import", t.write("bad.csv", rows), "--user", HEAD)
        check("row 3, surname" in r.err and "U+001B" in r.err, "row, field, character: " + r.err)
        # Too long, with the limit in the message.
        rows[2][1] = "S" * 101
        r = t.refused("pupils", "import", t.write("long.csv", rows), "--user", HEAD)
        check("row 3, surname" in r.err and "the most is 100" in r.err, "the limit: " + r.err)
        # A comment, a reason, a user, a setting, a closure reason.
        r = t.refused("mark", UPN_A, "2024-10-14", "am", "I", "--user", OFFICER,
                      "--comment", "ill\x07")
        check("comment" in r.err.lower() and "U+0007" in r.err, r.err)
        t.mark(UPN_A, "2024-10-14", "am", "I")
        r = t.refused("mark", UPN_A, "2024-10-14", "am", "M", "--user", OFFICER,
                      "--reason", "doctor\nFAKE LINE")
        check("reason" in r.err.lower() and "line break" in r.err, r.err)
        r = t.refused("users", "add", "Eve\x1b]0;owned\x07", "--role", "receptionist",
                      "--user", HEAD)
        check("name" in r.err and "U+001B" in r.err, r.err)
        r = t.refused("school", "set", "name", "Riverside\tPrimary", "--user", HEAD)
        check("“name”" in r.err and "tab" in r.err, r.err)
        r = t.refused("calendar", "closure", "add", "2024-10-18", "--reason", "x" * 501,
                      "--user", HEAD)
        check("the most is 500" in r.err, r.err)
        equal([h["new"] for h in t.json("history", UPN_A)], ["I"], "nothing else stored")
        # What older data holds is escaped in the readable tables.
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pupils SET legal_surname = 'Smith\x1b[2J', preferred_surname = NULL "
                    "WHERE upn = ?", (UPN_B,))
        con.commit()
        con.close()
        r = t.ok("pupils", "list")
        check("\x1b" not in r.out and "Smith\\x1B[2J" in r.out, "escaped: " + r.out)
        equal(t.json("pupils", "show", UPN_B)["surname"], "Smith\x1b[2J",
              "JSON keeps the text as it is, escaped by JSON itself")
    finally:
        t.cleanup()


def test_roll_dates_never_move_over_marks():
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # A: 6 marks, Mon 2 Sep to Wed 4 Sep.
        t.marks(UPN_A, [(d, s, "/") for d, s in sessions_of(school_days("2024-09-02", 3))])
        # The MIS says A was admitted on Thu 5 Sep: that would leave all 6
        # off roll. Refused, naming the row, the field, the first three
        # marks and how many more.
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [UPN_B, "Smith", "Ben", "2015-11-14", "M", "4", "4K", "2024-09-02"],
                [UPN_A, "Khan", "Amina", "2015-10-14", "F", "4", "4K", "2024-09-05"]]
        r = t.refused("pupils", "import", t.write("moved.csv", rows), "--user", HEAD)
        check("row 3, admission_date" in r.err, "row and field: " + r.err)
        check("6 marks" in r.err and "Mon 2 Sep 2024 am /" in r.err and "and 3 more" in r.err,
              "the marks in the way: " + r.err)
        equal(t.json("pupils", "show", UPN_A)["admission_date"], "2024-09-02", "unchanged")
        equal(t.ok("check").out.strip(), "ok", "a sound register")
        # Marks already outside a roll (older data) are reported by check.
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pupils SET admission_date = admission_date + 2 WHERE upn = ?", (UPN_A,))
        con.commit()
        con.close()
        r = t.refused("check")
        check(UPN_A in r.out and "4 marks outside the roll" in r.out, "the pupil: " + r.out)
        check("marks outside their roll" in r.err, "the refusal: " + r.err)
    finally:
        t.cleanup()


def test_threshold_only_compulsory_school_age():
    t = School()
    try:
        t.setup()
        t.add_pupils((UPN_A,))
        # Rosa, in Reception, born 1 June 2020: five on 1 June 2025, so of
        # compulsory school age only from 31 August 2025. Her 10 O in the
        # week of 4 November 2024 are not counted, and she is never listed;
        # Amina (Year 4) with the same marks is.
        upn_r = make_upn("820200100099")
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [upn_r, "Reyes", "Rosa", "2020-06-01", "F", "R", "RA", "2024-09-02"]]
        t.ok("pupils", "import", t.write("rosa.csv", rows), "--user", HEAD)
        week = [(d, s, "O") for d, s in sessions_of(school_days("2024-11-04", 5))]
        t.marks(UPN_A, week)
        t.marks(upn_r, week)
        breaches = t.json("threshold", "--as-of", "2024-11-08")
        equal([b["upn"] for b in breaches], [UPN_A], "only the pupil of compulsory school age")
        equal(breaches[0]["unauthorised_sessions"], 10, "Amina's 10")
        check(upn_r not in t.ok("threshold", "--as-of", "2024-11-08").out, "not in the table")
    finally:
        t.cleanup()


# --- A small TAP runner -----------------------------------------------------

def json_layout_removed(text):
    """The JSON text without the spaces and line breaks between tokens."""
    out, in_string, escaped = [], False, False
    for c in text:
        if in_string:
            out.append(c)
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c not in " \n":
            out.append(c)
            in_string = c == '"'
    return "".join(out)


def run_on_terminal(t, *args):
    """attendance-cli's stdout as a terminal shows it (line breaks as \n)."""
    import pty
    env = dict(os.environ, ATTENDANCE_TODAY=TODAY)
    env.pop("ATTENDANCE_DB", None)
    master, slave = pty.openpty()
    proc = subprocess.Popen([CLI, "--db", t.db] + list(args), env=env, stdout=slave,
                            stderr=subprocess.DEVNULL)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the program has gone
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    equal(proc.wait(timeout=300), 0, "exit status on a terminal")
    return data.decode("utf-8").replace("\r\n", "\n")


def test_json_text_escaped_compact_and_pretty():
    import sqlite3
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Quotes, a backslash and letters beyond ASCII are text a name may
        # hold; they go into the JSON as they are, only '"' and '\'
        # escaped.
        surname = "O'Brien \"Bee\" \\ Zoë 李"
        forename = "Ben 😀"
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"],
                [UPN_B, surname, forename, "2015-11-14", "M", "4", "4K", "2024-09-02"]]
        t.ok("pupils", "import", t.write("names.csv", rows), "--user", HEAD)
        comment = 'said "ill", C:\\temp, café'
        t.mark(UPN_B, "2024-10-14", "am", "I", "--comment", comment)
        # Control characters cannot come in any more, but older data may
        # hold them: JSON writes them as \u00XX, in lower case as ever.
        note = "tab\there\nline\x01\x0b\x1b[2J\x1f\x7f end"
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pupils SET medical_note = ? WHERE upn = ?", (note, UPN_B))
        con.commit()
        con.close()

        r = t.ok("pupils", "show", UPN_B, "--json")
        # Not a terminal: compact, one line.
        check(r.out.endswith("\n") and r.out.count("\n") == 1, "one line: " + r.out[:200])
        check('"surname":"O\'Brien \\"Bee\\" \\\\ Zoë 李"' in r.out, "surname text: " + r.out)
        check('"forename":"Ben 😀"' in r.out, "forename as UTF-8: " + r.out)
        check('"medical_note":"tab\\there\\nline\\u0001\\u000b\\u001b[2J\\u001f\x7f end"'
              in r.out, "control characters escaped: " + r.out)
        shown = r.json()
        equal((shown["surname"], shown["forename"], shown["medical_note"]),
              (surname, forename, note), "read back")
        equal(shown["name"], forename + " " + surname, "display name")
        equal((shown["contacts"], shown["figures"]["codes"]), ([], {"I": 1}), "contacts, codes")

        history = t.json("history", UPN_B)
        equal([(h["new"], h["comment"]) for h in history], [("I", comment)], "history comment")
        equal([p["name"] for p in t.json("pupils", "list", "--group", "4K")
               if p["upn"] == UPN_B], [forename + " " + surname], "pupils list")
        cells = {p["upn"]: p for p in t.json("register", "4K", "2024-10-14", "--days", "1")}
        equal(cells[UPN_B]["name"], forename + " " + surname, "register")

        # The members of stats come in the order the contract lists.
        r = t.ok("stats", "--from", "2024-10-14", "--to", "2024-10-14", "--pupil", UPN_B, "--json")
        stats = json.loads(r.out, object_pairs_hook=list)
        equal([k for k, v in stats[0]],
              ["upn", "name", "group", "year", "possible", "present", "aea", "authorised",
               "unauthorised", "missing", "late_before_close", "late_after_close",
               "attendance_pct", "absence_pct", "persistent", "severe", "codes"], "stats members")
        # 14 October am is I, pm has no mark yet: 1 possible, 0 present.
        check('"possible":1,' in r.out and '"attendance_pct":0.0,' in r.out, r.out)

        # --pretty: the same document, member for member, with the layout
        # of two spaces, "key" : value, and [] for what is empty.
        for args in (("pupils", "show", UPN_B), ("history", UPN_B), ("stats", "--pupil", UPN_B),
                     ("register", "4K", "2024-10-14", "--days", "2"), ("users", "list"),
                     ("rollcall", "--date", "2024-10-14", "--session", "am")):
            compact = t.ok(*args, "--json").out
            pretty = t.ok(*args, "--json", "--pretty").out
            check(pretty.count("\n") > 1, "pretty has lines: %r" % (args,))
            equal(json_layout_removed(pretty) + "\n", compact, "pretty is compact laid out: %r" % (args,))
            equal(json.loads(pretty, object_pairs_hook=list),
                  json.loads(compact, object_pairs_hook=list), "same members: %r" % (args,))
        pretty = t.ok("pupils", "show", UPN_B, "--json", "--pretty").out
        check(pretty.startswith('{\n  "id" : ') and '\n  "contacts" : [],\n' in pretty
              and '\n    "codes" : {\n      "I" : 1\n    }\n  }\n}\n' in pretty, pretty)
        # Two school days of Autumn 1, in the week numbered 1; the half
        # term has none: an empty array.
        expected = ('[\n  {\n    "date" : "2024-09-02",\n    "sessions" : [\n      "am",\n'
                    '      "pm"\n    ],\n    "school_week" : 1\n  },\n  {\n'
                    '    "date" : "2024-09-03",\n    "sessions" : [\n      "am",\n'
                    '      "pm"\n    ],\n    "school_week" : 1\n  }\n]\n')
        week = ("calendar", "show", "--from", "2024-09-02", "--to", "2024-09-03", "--json")
        equal(t.ok(*week, "--pretty").out, expected, "pretty calendar")
        equal(t.ok(*week).out, json_layout_removed(expected) + "\n", "compact calendar")
        equal(run_on_terminal(t, *week), expected, "pretty on a terminal")
        half_term = ("calendar", "show", "--from", "2024-10-28", "--to", "2024-11-01", "--json")
        equal((t.ok(*half_term).out, t.ok(*half_term, "--pretty").out), ("[]\n", "[]\n"),
              "an empty array")
        # --pretty belongs to the commands that have --json.
        t.usage("mark", UPN_B, "2024-10-14", "pm", "/", "--user", OFFICER, "--pretty")
    finally:
        t.cleanup()

ADMIN = "Ada Admin"


def test_audit_log_filters_and_csv():
    t = School()
    try:
        t.setup()
        t.ok("users", "add", ADMIN, "--role", "admin", "--position", "Data Manager", "--user", HEAD)
        t.add_pupils()                      # 4 pupils, by Hannah on 20 December
        # A's mark is entered on 14 October and amended on the 15th.
        t.ok("mark", UPN_A, "2024-10-14", "am", "/", "--user", OFFICER, today="2024-10-14")
        t.ok("mark", UPN_A, "2024-10-14", "am", "I", "--reason", "Mother rang: unwell",
             "--user", OFFICER, today="2024-10-15")
        t.ok("school", "set", "name", "Riverside Academy", "--user", ADMIN)

        # Only an administrator reads the log.
        r = t.refused("audit", "--user", OFFICER)
        check("administrator" in r.err, "the refusal says who may: " + r.err)
        t.usage("audit", "--kind", "biscuits", "--user", ADMIN)
        t.usage("audit", "--json", "--csv", t.path("x.csv"), "--user", ADMIN)

        # A's rows, oldest first: the entry (14 Oct), the amendment
        # (15 Oct), then the pupil's addition by the import (20 Dec).
        rows = t.json("audit", "--pupil", UPN_A, "--user", ADMIN)
        equal([(r["kind"], r["action"]) for r in rows],
              [("mark", "marks.enter"), ("mark", "marks.amend"), ("pupil", "pupils.add")], "A's rows")
        equal(rows[1]["change"], "code: / → I", "the amendment, before and after")
        equal(rows[1]["detail"], "2024-10-14 am: Mother rang: unwell", "the session and the reason")
        equal(json.loads(rows[2]["after"])["legal_surname"], "Khan", "the record added")
        check(rows[2]["before"] is None, "nothing before an addition")
        equal({r["upn"] for r in rows}, {UPN_A}, "all about A")

        # The date filter reads the day the change was made.
        rows = t.json("audit", "--kind", "mark", "--from", "2024-10-15", "--to", "2024-10-15",
                      "--user", ADMIN)
        equal([r["action"] for r in rows], ["marks.amend"], "changes made on 15 October")
        # Olive's pupil rows: the import's four; the import itself is one row.
        equal(len(t.json("audit", "--by", HEAD, "--kind", "pupil", "--user", ADMIN)), 4, "pupils added")
        equal([r["action"] for r in t.json("audit", "--kind", "import", "--user", ADMIN)],
              ["pupils.import"], "the import")
        rows = t.json("audit", "--by", ADMIN.upper(), "--kind", "setting", "--user", ADMIN)
        equal([r["change"] for r in rows], ["name: Riverside Primary → Riverside Academy"], "the setting")
        equal(t.json("audit", "--by", RECEPTION, "--user", ADMIN), [], "Rita changed nothing")

        # The CSV holds the same rows, and the export is logged.
        every = t.json("audit", "--user", ADMIN)
        path = t.path("audit.csv")
        r = t.ok("audit", "--csv", path, "--user", ADMIN)
        check(("%d rows" % len(every)) in r.out, "the count is said: " + r.out)
        with open(path, newline="") as f:
            table = list(csv.reader(f))
        equal(table[0], ["at", "who", "position", "kind", "upn", "pupil", "action", "detail",
                         "change", "before", "after"], "CSV header")
        equal(len(table) - 1, len(every), "every row")
        equal([row[6] for row in table[1:]], [r["action"] for r in every], "in the same order")
        equal(os.stat(path).st_mode & 0o777, 0o600, "the export is private")
        rows = t.json("audit", "--kind", "export", "--user", ADMIN)
        equal([(r["who"], r["action"]) for r in rows], [(ADMIN, "export.audit")], "the export logged")
    finally:
        t.cleanup()


def test_subject_access_export():
    t = School()
    try:
        t.setup()
        t.ok("users", "add", ADMIN, "--role", "admin", "--user", HEAD)
        t.add_pupils()
        contacts = t.write("contacts.csv", [
            ["upn", "priority", "title", "forename", "surname", "relationship", "phone_mobile"],
            [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "07700 900123"]])
        t.ok("contacts", "import", contacts, "--user", HEAD)
        t.mark(UPN_A, "2024-10-14", "am", "/")
        t.mark(UPN_A, "2024-10-14", "pm", "N")
        t.mark(UPN_A, "2024-10-14", "pm", "I", "--reason", "Sent home ill")

        r = t.refused("sar", UPN_A, "--out", t.path("sar"), "--user", RECEPTION)
        check("receptionist" in r.err, "who may not, said: " + r.err)
        t.usage("sar", UPN_A, "--user", OFFICER)

        pdf, js = t.path("a.pdf"), t.path("a.json")
        t.ok("sar", UPN_A, "--pdf", pdf, "--json", js, "--user", OFFICER)
        for path in (pdf, js):
            equal(os.stat(path).st_mode & 0o777, 0o600, "private: " + path)
        with open(js) as f:
            doc = json.load(f)
        equal((doc["upn"], doc["name"], doc["made_by"]), (UPN_A, "Amina Khan", OFFICER), "whose")
        equal(doc["details"]["legal_surname"], "Khan", "details")
        equal(doc["details"]["fsm"], False, "booleans are booleans")
        equal([(c["forename"], c["phone_mobile"]) for c in doc["contacts"]],
              [("Sara", "07700 900123")], "contacts")
        # Two sessions marked; three entries (/, N, then I).
        equal([(m["session"], m["code"], m["amendments"]) for m in doc["marks"]],
              [("am", "/", 0), ("pm", "I", 1)], "marks")
        equal([(h["old_code"], h["new_code"], h["reason"]) for h in doc["register_history"]],
              [(None, "/", None), (None, "N", None), ("N", "I", "Sent home ill")], "every entry")
        equal(doc["penalty_decisions"], [], "no decisions")
        # Her addition, and her contact's.
        equal([a["action"] for a in doc["audit_log"]], ["pupils.add", "contacts.add"], "audit rows")
        equal(doc["audit_log"][1]["after"]["surname"], "Khan", "the record as JSON")

        pages = pdf_pages(pdf)
        check("Subject access: Amina Khan (UPN %s)" % UPN_A in pages[0], "the title")
        check(has_line(pages[0], r"Legal surname\s+Khan"), "details as a form")
        text = "\n".join(pages)
        check("Contacts (1)" in text and "Marks (2)" in text, "sections with their counts")
        check("Sent home ill" in text, "the amendment's reason")
        check("Penalty notice decisions (0)" in text and "Nothing is held." in text, "an empty section")

        # --json alone prints the document; --out writes both files.
        doc2 = t.json("sar", UPN_A, "--user", OFFICER)
        equal(doc2["details"], doc["details"], "the same document on stdout")
        t.ok("sar", UPN_A, "--out", t.path("out"), "--user", HEAD)
        check(os.path.exists(t.path("out/subject-access-%s.pdf" % UPN_A)), "the PDF in the folder")
        check(os.path.exists(t.path("out/subject-access-%s.json" % UPN_A)), "the JSON in the folder")

        # Each export is in the audit log.
        rows = t.json("audit", "--kind", "export", "--pupil", UPN_A, "--user", ADMIN)
        equal([(r["who"], r["action"]) for r in rows],
              [(OFFICER, "sar.export"), (OFFICER, "sar.export"), (HEAD, "sar.export")], "exports logged")
        check(pdf in rows[0]["detail"] and js in rows[0]["detail"], "the files named")
    finally:
        t.cleanup()


def test_pupils_purge_after_six_years():
    t = School()
    try:
        t.setup(terms=False)
        t.ok("users", "add", ADMIN, "--role", "admin", "--user", HEAD)
        t.ok("calendar", "term", "add", "Summer 2", "2018-06-04", "2018-07-20", "--user", HEAD)
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date", "leaving_date"],
                [UPN_A, "Khan", "Amina", "2007-01-05", "F", "6", "6K", "2018-06-04", "2018-07-20"],
                [UPN_B, "Smith", "Ben", "2007-02-05", "M", "6", "6K", "2018-06-04", "2018-07-20"],
                [UPN_C, "Jones", "Cara", "2012-03-05", "F", "1", "1J", "2018-06-04", ""]]
        t.ok("pupils", "import", t.write("pupils.csv", rows), "--user", HEAD, today="2018-07-20")
        t.ok("mark", UPN_A, "2018-07-20", "am", "/", "--user", OFFICER, today="2018-07-20")
        t.ok("mark", UPN_B, "2018-07-19", "am", "N", "--user", OFFICER, today="2018-07-20")
        # Ben's mark is amended after he left: his last entry is 15 January 2019.
        t.ok("mark", UPN_B, "2018-07-19", "am", "I", "--reason", "Letter from the doctor",
             "--user", OFFICER, today="2019-01-15")

        def due(as_of):
            return t.json("pupils", "purge", "--dry-run", "--as-of", as_of, "--user", ADMIN,
                          today="2025-01-16")

        # Amina's last entry, 20 July 2018, is kept to the end of 20 July
        # 2024; Ben's to the end of 15 January 2025; Cara is on roll.
        equal(due("2024-07-20"), [], "nothing before the sixth anniversary has passed")
        equal([p["upn"] for p in due("2024-07-21")], [UPN_A], "Amina from 21 July 2024")
        equal([p["upn"] for p in due("2025-01-15")], [UPN_A], "Ben still kept")
        both = due("2025-01-16")
        equal([(p["upn"], p["last_entry"], p["deletable_from"]) for p in both],
              [(UPN_A, "2018-07-20", "2024-07-21"), (UPN_B, "2019-01-15", "2025-01-16")], "both")
        equal([(p["marks"], p["register_entries"], p["audit_rows"], p["deleted"]) for p in both],
              [(1, 1, 1, False), (1, 2, 1, False)], "what would go")
        r = t.ok("pupils", "purge", "--dry-run", "--as-of", "2025-01-16", "--user", ADMIN,
                 today="2025-01-16")
        check("Amina Khan" in r.out and "nothing was deleted" in r.out, r.out)
        equal(len(t.json("pupils", "list")), 3, "a dry run deletes nothing")

        t.refused("pupils", "purge", "--as-of", "2025-01-16", "--user", OFFICER, today="2025-01-16")
        # Never as of a day still to come.
        t.refused("pupils", "purge", "--as-of", "2026-01-01", "--user", ADMIN, today="2025-01-16")
        equal(len(t.json("pupils", "list")), 3, "the refusals delete nothing")

        r = t.ok("pupils", "purge", "--as-of", "2025-01-16", "--user", ADMIN, today="2025-01-16")
        check("Deleted the records of 2 pupils" in r.out, r.out)
        equal([p["upn"] for p in t.json("pupils", "list")], [UPN_C], "only Cara is left")
        t.refused("history", UPN_A)
        rows = t.json("audit", "--kind", "pupil", "--user", ADMIN)
        purge = [r for r in rows if r["action"] == "pupils.purge"]
        equal(len(purge), 1, "the purge is logged")
        equal(purge[0]["detail"], "as of 2025-01-16: %s, %s" % (UPN_A, UPN_B), "by UPN")
        equal([p["upn"] for p in json.loads(purge[0]["before"])], [UPN_A, UPN_B], "with counts")
        equal({r["upn"] for r in rows if r["action"] != "pupils.purge"}, {UPN_C}, "their rows went")
        t.ok("check")
        # Run again: nothing more is due.
        r = t.ok("pupils", "purge", "--as-of", "2025-01-16", "--user", ADMIN, today="2025-01-16")
        check("Deleted the records of 0 pupils" in r.out, r.out)
    finally:
        t.cleanup()


ADMIN = "Adam Admin"


def test_backup_folder_list_and_restore():
    t = School()
    try:
        t.setup()
        t.ok("users", "add", ADMIN, "--role", "admin", "--user", HEAD)
        t.add_pupils()
        t.mark(UPN_A, "2024-10-14", "am", "/")
        folder = os.path.join(t.dir, "backups")
        # Without a file, a backup goes to the folder beside the database,
        # named after it and the day: db-2024-12-20-HHMMSS.db, 0600 in a
        # 0700 folder. Anyone may make one, but someone must say who.
        t.usage("backup")
        t.usage("backup", t.path("x.db"), "--to", t.dir)
        r = t.ok("backup", "--user", RECEPTION)
        first = r.out.strip().split(" to ")[-1]
        check(re.fullmatch(re.escape(folder) + r"/db-2024-12-20-\d{6}\.db", first), r.out)
        equal(oct(os.stat(first).st_mode & 0o777), oct(0o600), "the backup")
        equal(oct(os.stat(folder).st_mode & 0o777), oct(0o700), "the backup folder")
        # --to puts one elsewhere (a memory stick), made if missing.
        stick = t.path("stick")
        r = t.ok("backup", "--to", stick, "--user", RECEPTION)
        check(r.out.strip().startswith("Backed up") and stick in r.out, r.out)
        equal(len(os.listdir(stick)), 1, "one backup on the stick")

        backups = t.ok("backups", "list", "--json").json()
        equal(len(backups), 1, "the folder's backups")
        equal((backups[0]["path"], backups[0]["date"], backups[0]["kind"]),
              (first, "2024-12-20", "regular"), "the backup listed")
        equal(backups[0]["size"], os.path.getsize(first), "its size")
        r = t.ok("backups", "list")
        check(folder in r.out and "regular" in r.out and os.path.basename(first) in r.out, r.out)

        # A mark after the backup, which the restore takes away.
        t.mark(UPN_B, "2024-10-14", "am", "/")
        equal(len(t.ok("history", UPN_B, "--json").json()), 1, "the later mark")
        # Only an administrator restores; the headteacher is refused, and
        # nothing changes.
        r = t.refused("restore", first, "--user", HEAD)
        check("cannot change the backup settings or restore a backup" in r.err, r.err)
        t.usage("restore", first)
        r = t.ok("restore", first, "--user", ADMIN)
        check("Restored" in r.out and "before-restore" in r.out, r.out)
        equal(t.ok("history", UPN_B, "--json").json(), [], "the later mark is gone")
        equal(t.ok("history", UPN_A, "--json").json()[0]["new"], "/", "the earlier one stays")
        equal(t.ok("check").out.strip(), "ok", "the restored database passes the check")
        kinds = sorted(b["kind"] for b in t.ok("backups", "list", "--json").json())
        equal(kinds, ["before-restore", "regular"], "what the restore replaced is kept")
        kept = [b["path"] for b in t.ok("backups", "list", "--json").json()
                if b["kind"] == "before-restore"][0]
        equal(oct(os.stat(kept).st_mode & 0o777), oct(0o600), "the kept copy")
        equal(oct(os.stat(t.db).st_mode & 0o777), oct(0o600), "the restored database")
    finally:
        t.cleanup()


def test_restore_refuses():
    t = School()
    other = School()
    try:
        t.setup()
        t.ok("users", "add", ADMIN, "--role", "admin", "--user", HEAD)
        other.ok("init", "--school", "Hillside Academy", "--urn", "654321")
        theirs = other.path("theirs.db")
        other.ok("backup", theirs)
        before = t.ok("school", "show", "--json").out
        # Another school's backup: both schools named with their URNs.
        r = t.refused("restore", theirs, "--user", ADMIN)
        check("Hillside Academy (URN 654321)" in r.err and "Riverside Primary (URN 123456)" in r.err,
              r.err)
        # Not a database; a damaged one; no file at all.
        notes = t.write("notes.csv", [["upn", "date"], [UPN_A, "2024-10-14"]])
        r = t.refused("restore", notes, "--user", ADMIN)
        check("not a database" in r.err, r.err)
        good = t.path("good.db")
        t.ok("backup", good)
        with open(good, "rb") as f:
            data = bytearray(f.read())
        data[2 * 4096:] = b"\x5a" * (len(data) - 2 * 4096)
        damaged = t.path("damaged.db")
        with open(damaged, "wb") as f:
            f.write(data)
        r = t.refused("restore", damaged, "--user", ADMIN)
        check("integrity check" in r.err, r.err)
        t.refused("restore", t.path("missing.db"), "--user", ADMIN)
        # Nothing changed, and nothing was kept since nothing was replaced.
        equal(t.ok("school", "show", "--json").out, before, "the school as it was")
        equal(t.ok("backups", "list", "--json").json(), [], "no backup made")
    finally:
        t.cleanup()
        other.cleanup()


def test_restore_over_a_damaged_database():
    t = School()
    try:
        t.setup()
        t.ok("users", "add", ADMIN, "--role", "admin", "--user", HEAD)
        t.add_pupils()
        good = t.path("good.db")
        t.ok("backup", good)
        # The database is overwritten with rubbish: it no longer opens, so
        # the administrator is found in the backup.
        for suffix in ("-wal", "-shm"):
            if os.path.exists(t.db + suffix):
                os.remove(t.db + suffix)
        with open(t.db, "wb") as f:
            f.write(b"rubbish" * 1000)
        t.refused("check")
        t.ok("restore", good, "--user", ADMIN)
        equal(t.ok("check").out.strip(), "ok", "restored")
        equal(len(t.ok("pupils", "list", "--json").json()), 4, "the four pupils are back")
    finally:
        t.cleanup()


def test_check_warns_about_wal_and_folder():
    t = School()
    try:
        t.setup()
        # An open connection keeps -wal and -shm; made readable by others by
        # hand, each is named with its mode and the fix, and so is the folder.
        import sqlite3
        con = sqlite3.connect(t.db)
        con.execute("BEGIN")
        con.execute("SELECT count(*) FROM settings").fetchone()
        present = [suffix for suffix in ("-wal", "-shm") if os.path.exists(t.db + suffix)]
        check("-shm" in present, "an open connection has its -shm")
        for suffix in present:
            os.chmod(t.db + suffix, 0o644)
        os.chmod(t.dir, 0o755)
        r = t.ok("check")
        # SQLite itself gives an empty -wal the database's mode again when it
        # opens it, so that one may be mended rather than warned about.
        for suffix in present:
            warning = ("%s can be read by other users of this computer (permissions 0644): "
                       "run \u201cchmod 600 %s\u201d" % (t.db + suffix, t.db + suffix))
            mended = os.stat(t.db + suffix).st_mode & 0o777 == 0o600
            check(warning in r.out or (suffix == "-wal" and mended), r.out)
        check("-shm can be read" in r.out, r.out)
        check("chmod 700 " + t.dir in r.out and "0755" in r.out, r.out)
        con.close()
    finally:
        t.cleanup()


def file_holds(path, text):
    """Whether the database file or its -wal holds @text anywhere."""
    for name in (path, path + "-wal"):
        if os.path.exists(name):
            with open(name, "rb") as f:
                if text.encode() in f.read():
                    return True
    return False


def test_users_passwords():
    t = School()
    try:
        t.setup(terms=False)
        # An administrator added with a password read from standard input:
        # only its hash is kept, in the file or its log.
        t.ok("users", "add", "Ada Admin", "--role", "admin", "--password-stdin", "--user", HEAD,
             stdin="correct horse battery\n")
        users = {u["name"]: u for u in t.json("users", "list")}
        equal(users["Ada Admin"]["password"], True, "Ada has a password")
        equal(users[OFFICER]["password"], False, "Olive has none yet")
        check(not file_holds(t.db, "correct horse battery"), "the password is not in the file")
        check("no password" in t.ok("users", "list").out, "the table says who has none")

        # passwd: the password comes from standard input only, and only an
        # administrator (or the headteacher) sets it.
        t.usage("users", "passwd", OFFICER, "--user", "Ada Admin")
        r = t.refused("users", "passwd", OFFICER, "--password-stdin", "--user", RECEPTION,
                      stdin="olives new one\n")
        check("Rita Reception is a receptionist and cannot add or change users" in r.err, r.err)
        # "short" is 5 characters: at least 8 are needed.
        r = t.refused("users", "passwd", OFFICER, "--password-stdin", "--user", "Ada Admin",
                      stdin="short\n")
        check("at least 8 characters" in r.err and "short" not in r.err.replace("too short", ""), r.err)
        t.refused("users", "passwd", OFFICER, "--password-stdin", "--user", "Ada Admin",
                  stdin="two\nlines here\n")
        r = t.ok("users", "passwd", OFFICER, "--password-stdin", "--user", "Ada Admin",
                 stdin="olives new one\n")
        equal(r.out, "Set the password of %s\n" % OFFICER, "passwd says whose")
        equal({u["name"]: u for u in t.json("users", "list")}[OFFICER]["password"], True, "set")
        check(not file_holds(t.db, "olives new one"), "the new password is not in the file")
        r = t.refused("users", "passwd", "Nobody", "--password-stdin", "--user", "Ada Admin",
                      stdin="whatever it is\n")
        check("Nobody" in r.err, r.err)
    finally:
        t.cleanup()


def test_users_deactivate_and_deputy():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        t.ok("users", "add", "Ada Admin", "--role", "admin", "--user", HEAD)
        t.mark(UPN_A, "2024-12-16", "am", "/")

        # Only an administrator (or the headteacher) deactivates; nobody
        # deactivates themselves.
        t.refused("users", "deactivate", OFFICER, "--user", RECEPTION)
        r = t.refused("users", "deactivate", "Ada Admin", "--user", "Ada Admin")
        check("cannot deactivate themselves" in r.err, r.err)
        r = t.ok("users", "deactivate", OFFICER, "--user", "Ada Admin")
        check("Deactivated Olive Officer" in r.out, r.out)
        equal({u["name"]: u for u in t.json("users", "list")}[OFFICER]["active"], False, "inactive")

        # A deactivated user cannot be named with --user; nothing changes.
        r = t.refused("mark", UPN_A, "2024-12-16", "pm", "\\", "--user", OFFICER)
        check("Olive Officer has been deactivated" in r.err, r.err)
        equal(len(t.json("history", UPN_A)), 1, "no mark written")
        # What Olive did stays hers.
        equal(t.json("history", UPN_A)[0]["who"], OFFICER, "history keeps Olive")

        t.ok("users", "activate", OFFICER, "--user", "Ada Admin")
        t.mark(UPN_A, "2024-12-16", "pm", "\\")

        # The deputy: the headteacher's to name, one at a time, and
        # withdrawn with --none.
        r = t.refused("users", "deputy", OFFICER, "--user", "Ada Admin")
        check("cannot authorise a deputy: ask the headteacher" in r.err, r.err)
        t.usage("users", "deputy", "--user", HEAD)
        t.usage("users", "deputy", OFFICER, "--none", "--user", HEAD)
        r = t.ok("users", "deputy", OFFICER, "--user", HEAD)
        check("Olive Officer may now decide leave and penalty cases" in r.out, r.out)
        deputies = [u["name"] for u in t.json("users", "list") if u["deputy"]]
        equal(deputies, [OFFICER], "one deputy")
        t.ok("users", "deputy", "--none", "--user", HEAD)
        equal([u["name"] for u in t.json("users", "list") if u["deputy"]], [], "no deputy")
    finally:
        t.cleanup()


def test_roles_for_marks_and_imports():
    t = School()
    try:
        t.setup()
        t.add_pupils()
        # Friday 20 December is today. Rita marks this morning N and, when
        # the family calls, puts it right herself.
        t.ok("mark", UPN_A, "2024-12-20", "am", "N", "--user", RECEPTION)
        t.ok("mark", UPN_A, "2024-12-20", "am", "I", "--reason", "Mother phoned: ill",
             "--user", RECEPTION)
        # Yesterday's mark is an earlier day's: the attendance officer's.
        t.mark(UPN_A, "2024-12-19", "am", "N")
        r = t.refused("mark", UPN_A, "2024-12-19", "am", "I", "--reason", "Late note",
                      "--user", RECEPTION)
        check("cannot change a saved mark of an earlier day" in r.err, r.err)
        t.mark(UPN_A, "2024-12-19", "am", "I", "--reason", "Late note")

        # Imports are an administrator's (or the headteacher's).
        path = t.write("more.csv", [["upn", "surname", "forename", "dob", "sex", "year_group",
                                     "reg_group", "admission_date"],
                                    [make_upn("820200100009"), "Ng", "Eli", "2015-10-01", "M",
                                     "4", "4K", "2024-09-02"]])
        r = t.refused("pupils", "import", path, "--user", OFFICER)
        check("Olive Officer is an attendance officer and cannot import from a file" in r.err, r.err)
        t.ok("pupils", "import", path, "--user", HEAD)
    finally:
        t.cleanup()


def test_first_administrator_with_a_password():
    t = School()
    try:
        t.ok("init", "--school", "Riverside Primary")
        # The set-up path: the first user, with a password from standard
        # input; a line break ends it and is not part of it.
        r = t.ok("users", "add", "Ada Admin", "--role", "admin", "--password-stdin",
                 stdin="correct horse battery\r\n")
        equal(r.out, "Added Ada Admin (admin)\n", "added")
        equal(t.json("users", "list")[0]["password"], True, "has a password")
        # Nothing but the password: two lines are refused, and nobody is
        # added.
        r = t.refused("users", "add", "Bo Bennett", "--role", "receptionist", "--password-stdin",
                      "--user", "Ada Admin", stdin="one\ntwo\n")
        check("one line" in r.err, r.err)
        equal(len(t.json("users", "list")), 1, "nobody added")
        check(not file_holds(t.db, "correct horse battery"), "the password is not in the file")
        # The only administrator cannot be deactivated, by herself or anyone.
        t.refused("users", "deactivate", "Ada Admin", "--user", "Ada Admin")
    finally:
        t.cleanup()


def test_help_says_no_password():
    t = School()
    try:
        r = t.ok("--help", db=False)
        check("asks no password" in r.out and "readable by its owner only" in r.out, r.out)
        for words in (("users", "passwd"), ("users", "deactivate"), ("users", "activate"),
                      ("users", "deputy")):
            r = t.ok("help", *words, db=False)
            check(r.out.startswith("Usage: attendance-cli [--db PATH] " + " ".join(words)), r.out)
    finally:
        t.cleanup()


def test_init_makes_the_whole_school_or_nothing():
    # init makes its school as the window's first run does: the database
    # is written beside its path with the settings and moved into place,
    # so the folder holds the database alone afterwards, and a refused
    # init (a URN of 5 digits) leaves the folder as it was.
    t = School()
    try:
        t.refused("init", "--school", "Riverside Primary", "--urn", "12345", "--la", "Testshire")
        equal(sorted(os.listdir(t.dir)), [], "nothing left by the refusal")
        t.ok("init", "--school", "Riverside Primary", "--urn", "123456", "--la", "Testshire")
        equal(sorted(os.listdir(t.dir)), [os.path.basename(t.db)], "the database alone")
        school = t.json("school", "show")
        equal((school["name"], school["urn"], school["la"]),
              ("Riverside Primary", "123456", "Testshire"), "the settings given")
        equal(school["am_open"], "08:45", "the register times at their defaults")
    finally:
        t.cleanup()


def main():
    tests = [(name, fn) for name, fn in globals().items()
             if name.startswith("test_") and callable(fn)]
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    if only:
        tests = [(n, f) for n, f in tests if any(o in n for o in only)]
    print("1..%d" % len(tests), flush=True)
    failed = 0
    for number, (name, fn) in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (number, name), flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            failed += 1
            print("not ok %d - %s" % (number, name), flush=True)
            text = str(e) if isinstance(e, Failure) else traceback.format_exc()
            for line in text.splitlines():
                print("# " + line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
