#!/usr/bin/env python3
# test_crash.py: the register survives being killed at any moment
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A child attendance-cli runs a bulk import of marks, an import of pupils
# or the writing of one mark, and is killed with SIGKILL at a random
# moment of its run, at least 200 times. After every kill:
#   - `attendance-cli check` passes (SQLite's integrity check, the
#     foreign keys, and every pupil's compact register against the marks);
#   - every import is wholly there or wholly absent;
#   - every mark has its history row (the latest entry for its session
#     holds its code), and every history row's session has its mark.
# The kill moments are spread over the run time of each kind of job, as
# measured first without a kill, so most land inside a transaction.
#
# Run with --tap for TAP output (meson does). $ATTENDANCE_CRASH_KILLS
# changes the number of kills (default 200).

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI = os.environ.get("ATTENDANCE_CLI", "attendance-cli")
TODAY = "2024-12-20"
KILLS = int(os.environ.get("ATTENDANCE_CRASH_KILLS", "200"))
# Imports are an administrator's.
ADMIN = "Ada Admin"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# The school days of the autumn term of 2024 that the test marks: 2
# September to 25 October less nothing (no closures are added), Monday
# to Friday: 8 weeks of 5 days, 80 sessions.
FIRST_MONDAY = (2024, 9, 2)


def make_upn(digits):
    total = sum(int(d) * (i + 2) for i, d in enumerate(digits))
    return UPN_LETTERS[total % 23] + digits


class Failure(Exception):
    pass


def school_days():
    import datetime
    day = datetime.date(*FIRST_MONDAY)
    days = []
    while day <= datetime.date(2024, 10, 25):
        if day.weekday() < 5:
            days.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return days


class Crash:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="att-crash-")
        self.db = os.path.join(self.dir, "school.db")
        self.env = dict(os.environ, ATTENDANCE_TODAY=TODAY, ATTENDANCE_CLOCK="16:00")
        self.env.pop("ATTENDANCE_DB", None)
        self.serial = 0

    def run(self, *args):
        return subprocess.run([CLI, "--db", self.db] + list(args), env=self.env,
                              capture_output=True, text=True, timeout=120)

    def ok(self, *args):
        r = self.run(*args)
        if r.returncode != 0:
            raise Failure("attendance-cli %s -> %d: %s" % (" ".join(args), r.returncode, r.stderr))
        return r

    def write_csv(self, name, rows):
        path = os.path.join(self.dir, name)
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows(rows)
        return path

    def new_upns(self, n):
        upns = []
        for _ in range(n):
            self.serial += 1
            upns.append(make_upn("8202%08d" % self.serial))
        return upns

    def pupils_csv(self, upns):
        rows = [["upn", "surname", "forename", "dob", "sex", "year_group", "reg_group",
                 "admission_date"]]
        for i, upn in enumerate(upns):
            rows.append([upn, "Surname%d" % i, "Forename%d" % i, "2015-10-14",
                         "F" if i % 2 else "M", "4", "4K", "2024-09-02"])
        return self.write_csv("pupils-%s.csv" % upns[0], rows)

    def setup(self):
        self.ok("init", "--school", "Riverside Primary", "--urn", "123456")
        self.ok("users", "add", ADMIN, "--role", "admin")
        self.ok("calendar", "term", "add", "Autumn 1", "2024-09-02", "2024-10-25",
                "--user", ADMIN)
        self.pupils = self.new_upns(60)
        self.ok("pupils", "import", self.pupils_csv(self.pupils), "--user", ADMIN)
        # Every session not yet marked, in an order of their own: each job
        # takes its cells from here, so a job never changes a saved mark
        # and what it wrote can be told from what was there.
        self.free = [(upn, day, session) for upn in self.pupils for day in school_days()
                     for session in ("am", "pm")]
        random.shuffle(self.free)

    # The jobs. Each returns (argv, what to look for afterwards).
    def marks_job(self):
        cells = [self.free.pop() for _ in range(60)]
        rows = [["upn", "date", "session", "code", "minutes_late", "comment"]]
        rows += [[upn, day, session, "I", "", "crash test"] for upn, day, session in cells]
        path = self.write_csv("marks.csv", rows)
        return ["marks", "import", path, "--user", ADMIN], ("marks", cells)

    def pupils_job(self):
        upns = self.new_upns(40)
        return ["pupils", "import", self.pupils_csv(upns), "--user", ADMIN], ("pupils", upns)

    def mark_job(self):
        upn, day, session = self.free.pop()
        return (["mark", upn, day, session, "M", "--user", ADMIN],
                ("marks", [(upn, day, session)]))

    def connect(self):
        return sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)

    def verify(self, what):
        r = self.run("check")
        if r.returncode != 0 or r.stdout.strip().splitlines()[-1:] != ["ok"]:
            raise Failure("check failed after a kill: %s %s" % (r.stdout, r.stderr))
        con = self.connect()
        try:
            kind, items = what
            if kind == "pupils":
                n = con.execute("SELECT count(*) FROM pupils WHERE upn IN (%s)"
                                % ",".join("?" * len(items)), items).fetchone()[0]
                if n not in (0, len(items)):
                    raise Failure("a pupils import was half saved: %d of %d" % (n, len(items)))
                saved = n == len(items)
            else:
                n = 0
                for upn, day, session in items:
                    n += con.execute(
                        "SELECT count(*) FROM marks m JOIN pupils p ON p.id = m.pupil_id "
                        "WHERE p.upn = ? AND m.date = julianday(?) - 1721424.5 AND m.session = ?",
                        (upn, day, 0 if session == "am" else 1)).fetchone()[0]
                if n not in (0, len(items)):
                    raise Failure("a marks import was half saved: %d of %d" % (n, len(items)))
                saved = n == len(items)
                if not saved:
                    # Not written: the sessions are free again.
                    self.free.extend(items)
            orphans = con.execute(
                "SELECT count(*) FROM marks m WHERE coalesce((SELECT h.new_code FROM mark_history h "
                "WHERE h.pupil_id = m.pupil_id AND h.date = m.date AND h.session = m.session "
                "ORDER BY h.id DESC LIMIT 1), '') != m.code").fetchone()[0]
            if orphans:
                raise Failure("%d marks have no history row holding them" % orphans)
            lost = con.execute(
                "SELECT count(*) FROM mark_history h WHERE h.new_code IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM marks m WHERE m.pupil_id = h.pupil_id AND m.date = h.date "
                "AND m.session = h.session)").fetchone()[0]
            if lost:
                raise Failure("%d history rows have lost their mark" % lost)
            return saved
        finally:
            con.close()

    def timed(self, job):
        argv, what = job()
        started = time.monotonic()
        self.ok(*argv)
        took = time.monotonic() - started
        # A run left to finish is found whole: this also proves that the
        # look-ups of verify() find what a job writes.
        if not self.verify(what):
            raise Failure("attendance-cli %s finished, but its work is not found" % argv[0])
        return took


def main():
    tap = "--tap" in sys.argv
    c = Crash()
    started = time.monotonic()
    try:
        c.setup()
        # Each kind of job once without a kill: how long it runs, and that
        # what it writes is found.
        jobs = [c.marks_job, c.pupils_job, c.mark_job]
        durations = {job: c.timed(job) for job in jobs}
        kills = saved = absent = runs = 0
        while kills < KILLS:
            job = random.choice(jobs)
            argv, what = job()
            delay = random.uniform(0, durations[job] * 1.1)
            proc = subprocess.Popen([CLI, "--db", c.db] + argv, env=c.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            runs += 1
            if c.verify(what):
                saved += 1
            else:
                absent += 1
        # Both outcomes happened: kills before and after a commit.
        if saved == 0 or absent == 0:
            raise Failure("the kills never landed on both sides of a commit "
                          "(%d saved, %d absent)" % (saved, absent))
        message = ("%d kills in %d runs, %d jobs saved whole and %d absent, in %.0f s"
                   % (kills, runs, saved, absent, time.monotonic() - started))
        if tap:
            print("1..1\nok 1 - killed at random moments, the register stays whole # " + message)
        else:
            print(message)
        return 0
    except Failure as e:
        if tap:
            print("1..1\nnot ok 1 - killed at random moments, the register stays whole")
            for line in str(e).splitlines():
                print("# " + line)
        else:
            print(e)
        return 1
    finally:
        shutil.rmtree(c.dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
