#!/usr/bin/env python3
# vs-row-per-mark.py: attendance-cli side by side with one-row-per-mark SQL
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time attendance-cli against the same jobs done in SQL on a row-per-mark copy.

Gibbon and Moodle keep attendance as one row per mark. This script copies a
school's pupils, calendar, marks, history and penalty decisions into a second
SQLite file shaped that way (one row per mark, dates as ISO text, the obvious
indexes, ANALYZE), checks that each SQL answer holds the same figures as
attendance-cli's, then times each job as whole processes: attendance-cli
against the sqlite3 shell, alternating A B A B. For each job it prints the
median of the pair ratios (attendance-cli / SQL) with their min and max, and
each side's median wall time.

The attendance database given is never changed: the script works on a backup
of it in a temporary folder (the amendment job writes marks there).

It exits with status 1 when an answer differs (that job's ratios then mean
nothing). It is not part of the test suites. Run it by hand on a --buildtype=release
build; it needs the sqlite3 shell (Debian's package sqlite3).
"""

import argparse
import datetime
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

# The DfE codes as att-codes.c holds them, in its order: the text, what the
# code counts as, and whether the session is a possible one.
CODES = [
    ("/", "present", 1), ("\\", "present", 1), ("L", "present", 1),
    ("K", "aea", 1), ("V", "aea", 1), ("P", "aea", 1), ("W", "aea", 1), ("B", "aea", 1),
    ("D", "none", 0),
    ("C1", "authorised", 1), ("M", "authorised", 1), ("J1", "authorised", 1),
    ("S", "authorised", 1), ("X", "none", 0), ("C2", "authorised", 1), ("C", "authorised", 1),
    ("T", "authorised", 1), ("R", "authorised", 1), ("I", "authorised", 1), ("E", "authorised", 1),
    ("Q", "none", 0), ("Y1", "none", 0), ("Y2", "none", 0), ("Y3", "none", 0), ("Y4", "none", 0),
    ("Y5", "none", 0), ("Y6", "none", 0), ("Y7", "none", 0),
    ("G", "unauthorised", 1), ("N", "unauthorised", 1), ("O", "unauthorised", 1),
    ("U", "unauthorised", 1),
    ("Z", "none", 0), ("#", "none", 0),
    ("H", "authorised", 1), ("F", "authorised", 1), ("J", "authorised", 1), ("Y", "none", 0),
]

# The row-per-mark school. Dates are ISO text, as a DATE column reads.
ROW_SCHEMA = """
CREATE TABLE codes (
  code     TEXT PRIMARY KEY,
  ord      INTEGER NOT NULL,
  meaning  TEXT NOT NULL,
  possible INTEGER NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, position TEXT NOT NULL);
CREATE TABLE pupils (
  id                 INTEGER PRIMARY KEY,
  upn                TEXT NOT NULL UNIQUE,
  legal_surname      TEXT NOT NULL,
  legal_forename     TEXT NOT NULL,
  preferred_surname  TEXT,
  preferred_forename TEXT,
  year_group         INTEGER NOT NULL,
  reg_group          TEXT NOT NULL,
  admission_date     TEXT NOT NULL,
  leaving_date       TEXT
);
-- Every weekday of a term, each session: open (a school session, with its
-- school-week number) or closed (a bank holiday or a planned closure).
CREATE TABLE calendar (
  date    TEXT NOT NULL,
  session INTEGER NOT NULL,
  open    INTEGER NOT NULL,
  week    INTEGER,
  PRIMARY KEY (date, session)
);
CREATE TABLE attendance_log (
  id           INTEGER PRIMARY KEY,
  pupil_id     INTEGER NOT NULL REFERENCES pupils (id),
  date         TEXT NOT NULL,
  session      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  minutes_late INTEGER,
  comment      TEXT,
  taken_by     INTEGER REFERENCES users (id),
  taken_at     INTEGER
);
CREATE TABLE attendance_history (
  id       INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL,
  date     TEXT NOT NULL,
  session  INTEGER NOT NULL,
  old_code TEXT,
  new_code TEXT,
  reason   TEXT,
  taken_by INTEGER,
  at       INTEGER NOT NULL
);
CREATE TABLE penalty_decisions (
  id        INTEGER PRIMARY KEY,
  pupil_id  INTEGER NOT NULL,
  as_of     TEXT NOT NULL,
  decision  TEXT NOT NULL,
  withdrawn INTEGER NOT NULL
);
"""

# A pupil's record and the writes go by pupil; a register, a week or a
# period go by date, and that index covers what they read. The queries
# below are tuned as a careful developer would tune them: the period's
# figures name the date index (left alone, the planner skip-scans the pupil
# index and takes twice as long) and the week's slots are materialised once
# rather than scanned again for every pupil.
ROW_INDEXES = """
CREATE UNIQUE INDEX attendance_log_by_pupil ON attendance_log (pupil_id, date, session);
CREATE INDEX attendance_log_by_date ON attendance_log (date, session, pupil_id, code);
CREATE INDEX attendance_history_by_pupil ON attendance_history (pupil_id, date, session);
CREATE INDEX penalty_decisions_by_pupil ON penalty_decisions (pupil_id, as_of);
ANALYZE;
"""

# AttDate is a GDate Julian day (1 is 1 January of year 1).
ISO = "date({} + 1721424.5)"

# A pupil's name as the lists show it, and their place in a list.
NAME_SQL = """
CASE WHEN {f} <> '' AND {s} <> '' THEN {f} || ' ' || {s} ELSE {f} || {s} END
""".format(
    f="(CASE WHEN trim(coalesce(preferred_forename, '')) <> '' THEN preferred_forename ELSE legal_forename END)",
    s="(CASE WHEN trim(coalesce(preferred_surname, '')) <> '' THEN preferred_surname ELSE legal_surname END)")
SORT_SQL = ("(CASE WHEN trim(coalesce(preferred_surname, '')) <> '' THEN preferred_surname ELSE legal_surname END) AS sort_surname, "
            "(CASE WHEN trim(coalesce(preferred_forename, '')) <> '' THEN preferred_forename ELSE legal_forename END) AS sort_forename, "
            "id AS sort_id")
ORDER_SQL = "sort_surname COLLATE NOCASE, sort_forename COLLATE NOCASE, sort_id"

# Persistent and severe as exact fractions; percentages in tenths rounded
# half up, never carried across the 10% or 50% line (att-stats.c).
PCT_SQL = """
  CASE WHEN possible = 0 THEN 0.0 ELSE max(
    CASE WHEN severe THEN 0 ELSE 501 END, max(CASE WHEN persistent THEN 0 ELSE 901 END,
      ((present + aea) * 2000 + possible) / (possible * 2))) / 10.0 END AS attendance_pct,
  CASE WHEN possible = 0 THEN 0.0 ELSE min(
    CASE WHEN severe THEN 100000 ELSE 499 END, min(CASE WHEN persistent THEN 100000 ELSE 99 END,
      ((authorised + unauthorised) * 2000 + possible) / (possible * 2))) / 10.0 END AS absence_pct
"""


def sql_stats(date_from, date_to):
    """Every pupil on roll in [from, to]: the figures of `stats --json`."""
    return f"""
WITH
p AS (
  SELECT id, upn, {NAME_SQL} AS name, reg_group, year_group,
         max('{date_from}', admission_date) AS f,
         CASE WHEN leaving_date IS NULL OR leaving_date > '{date_to}' THEN '{date_to}' ELSE leaving_date END AS t,
         {SORT_SQL}
  FROM pupils
  WHERE admission_date <= '{date_to}' AND (leaving_date IS NULL OR leaving_date >= '{date_from}')
),
per_code AS (
  SELECT m.pupil_id AS id, m.code, count(*) AS n
  FROM attendance_log m INDEXED BY attendance_log_by_date CROSS JOIN p ON p.id = m.pupil_id
  WHERE m.date BETWEEN '{date_from}' AND '{date_to}' AND m.date BETWEEN p.f AND p.t
  GROUP BY m.pupil_id, m.code
),
sums AS (
  SELECT id,
         sum(n) AS marked,
         total(CASE WHEN c.possible THEN n END) AS possible,
         total(CASE WHEN c.meaning = 'present' THEN n END) AS present,
         total(CASE WHEN c.meaning = 'aea' THEN n END) AS aea,
         total(CASE WHEN c.meaning = 'authorised' THEN n END) AS authorised,
         total(CASE WHEN c.meaning = 'unauthorised' THEN n END) AS unauthorised,
         total(CASE WHEN per_code.code = 'L' THEN n END) AS late,
         total(CASE WHEN per_code.code = 'U' THEN n END) AS late_after,
         json_group_object(per_code.code, n) AS codes
  FROM (SELECT per_code.* FROM per_code JOIN codes USING (code) ORDER BY id, codes.ord) AS per_code
  JOIN codes c USING (code)
  GROUP BY id
),
fig AS (
  SELECT p.*,
         CAST(coalesce(s.possible, 0) AS INTEGER) AS possible,
         CAST(coalesce(s.present, 0) AS INTEGER) AS present,
         CAST(coalesce(s.aea, 0) AS INTEGER) AS aea,
         CAST(coalesce(s.authorised, 0) AS INTEGER) AS authorised,
         CAST(coalesce(s.unauthorised, 0) AS INTEGER) AS unauthorised,
         (SELECT count(*) FROM calendar c WHERE c.open AND c.date BETWEEN p.f AND p.t)
           - coalesce(s.marked, 0) AS missing,
         CAST(coalesce(s.late, 0) AS INTEGER) AS late,
         CAST(coalesce(s.late_after, 0) AS INTEGER) AS late_after,
         coalesce(s.codes, '{{}}') AS codes
  FROM p LEFT JOIN sums s USING (id)
),
flags AS (
  SELECT fig.*,
         possible > 0 AND (authorised + unauthorised) * 10 >= possible AS persistent,
         possible > 0 AND (authorised + unauthorised) * 2 >= possible AS severe
  FROM fig
),
out AS (
  SELECT flags.*, {PCT_SQL} FROM flags
)
SELECT json_group_array(json_object(
  'upn', upn, 'name', name, 'group', reg_group, 'year', year_group,
  'possible', possible, 'present', present, 'aea', aea, 'authorised', authorised,
  'unauthorised', unauthorised, 'missing', missing, 'late_before_close', late,
  'late_after_close', late_after, 'attendance_pct', attendance_pct, 'absence_pct', absence_pct,
  'persistent', json(CASE WHEN persistent THEN 'true' ELSE 'false' END),
  'severe', json(CASE WHEN severe THEN 'true' ELSE 'false' END),
  'codes', json(codes)))
FROM (SELECT * FROM out ORDER BY {ORDER_SQL});
"""


def sql_threshold(as_of):
    """The National Framework check as of a date: `threshold --json`."""
    return f"""
WITH
last_week AS (
  SELECT max(week) AS w FROM calendar
  WHERE open AND date <= date('{as_of}', '+6 days')
    AND date(date, '-6 days', 'weekday 1') <= '{as_of}'
),
win AS (
  SELECT (SELECT min(date) FROM calendar WHERE open AND week = max(1, w - 9)) AS ws,
         (SELECT max(date) FROM calendar WHERE open AND date <= '{as_of}') AS we,
         coalesce((SELECT lower(trim(value)) NOT IN ('no', 'n', '0', 'false', 'off')
                   FROM settings WHERE key = 'threshold_counts_n'), 1) AS counts_n
  FROM last_week WHERE w IS NOT NULL
),
p AS (
  SELECT id, upn, {NAME_SQL} AS name, {SORT_SQL},
         max(win.ws, admission_date) AS f,
         CASE WHEN leaving_date IS NULL OR leaving_date > win.we THEN win.we ELSE leaving_date END AS t
  FROM pupils, win
),
per_code AS (
  SELECT m.pupil_id AS id, m.code, count(*) AS n
  FROM win CROSS JOIN attendance_log m INDEXED BY attendance_log_by_date CROSS JOIN p ON p.id = m.pupil_id
  WHERE m.date BETWEEN win.ws AND win.we AND m.date BETWEEN p.f AND p.t
    AND (m.code IN ('G', 'O', 'U') OR (m.code = 'N' AND win.counts_n))
  GROUP BY m.pupil_id, m.code
),
breach AS (
  SELECT id, sum(n) AS sessions,
         json_group_object(code, n) AS codes,
         total(CASE WHEN code = 'N' THEN n END) > 0 AS includes_n
  FROM (SELECT per_code.* FROM per_code JOIN codes USING (code) ORDER BY id, codes.ord)
  GROUP BY id HAVING sum(n) >= 10
)
SELECT json_group_array(json_object(
  'upn', upn, 'name', name, 'unauthorised_sessions', sessions,
  'window_start', win.ws, 'window_end', win.we,
  'school_weeks', (SELECT count(DISTINCT week) FROM calendar c WHERE c.open AND c.date BETWEEN p.f AND p.t),
  'codes', json(codes),
  'includes_n', json(CASE WHEN includes_n THEN 'true' ELSE 'false' END),
  'penalty_notices_3y', (SELECT count(*) FROM penalty_decisions d
                         WHERE d.pupil_id = p.id AND d.decision = 'penalty-notice' AND NOT d.withdrawn
                           AND d.as_of > date('{as_of}', '-3 years') AND d.as_of <= '{as_of}'),
  'considered', json(CASE WHEN EXISTS (SELECT 1 FROM penalty_decisions d
                                       WHERE d.pupil_id = p.id AND d.as_of BETWEEN win.ws AND '{as_of}')
                     THEN 'true' ELSE 'false' END)))
FROM (SELECT p.*, breach.sessions, breach.codes, breach.includes_n
      FROM breach JOIN p USING (id) ORDER BY {ORDER_SQL}) AS p, win;
"""


def sql_register(start, days):
    """The whole school's grid for `days` register days from `start`:
    `register all DATE --days N --json`."""
    return f"""
WITH
days AS (SELECT DISTINCT date FROM calendar WHERE date >= '{start}' ORDER BY date LIMIT {days}),
slots AS MATERIALIZED (SELECT c.date, c.session, c.open FROM calendar c JOIN days USING (date)),
span AS (SELECT min(date) AS first, max(date) AS last FROM days),
p AS (
  SELECT id, upn, {NAME_SQL} AS name, reg_group, admission_date, leaving_date, {SORT_SQL}
  FROM pupils, span
  WHERE admission_date <= span.last AND (leaving_date IS NULL OR leaving_date >= span.first)
),
cells AS (
  SELECT p.id, s.date, s.session,
         CASE WHEN NOT s.open THEN '#'
              WHEN s.date >= p.admission_date AND (p.leaving_date IS NULL OR s.date <= p.leaving_date)
              THEN coalesce(m.code, '') ELSE '' END AS code
  FROM p CROSS JOIN slots s
  LEFT JOIN attendance_log m ON m.pupil_id = p.id AND m.date = s.date AND m.session = s.session
  ORDER BY p.id, s.date, s.session
),
rows AS (
  SELECT id, json_group_array(json_object('date', date,
                                          'session', CASE session WHEN 0 THEN 'am' ELSE 'pm' END,
                                          'code', code)) AS cells
  FROM cells GROUP BY id
)
SELECT json_group_array(json_object('upn', upn, 'name', name, 'group', reg_group, 'cells', json(cells)))
FROM (SELECT p.upn, p.name, p.reg_group, rows.cells FROM p JOIN rows USING (id) ORDER BY {ORDER_SQL});
"""


def sql_amend(upn, date, session, code, reason, user):
    """One amendment and its history row, in one transaction."""
    q = lambda s: "'" + s.replace("'", "''") + "'"
    where = (f"pupil_id = (SELECT id FROM pupils WHERE upn = {q(upn)}) "
             f"AND date = {q(date)} AND session = {session}")
    return f"""
PRAGMA synchronous = FULL;
BEGIN IMMEDIATE;
INSERT INTO attendance_history (pupil_id, date, session, old_code, new_code, reason, taken_by, at)
  SELECT pupil_id, date, session, code, {q(code)}, {q(reason)},
         (SELECT id FROM users WHERE name = {q(user)}), CAST(strftime('%s', 'now') AS INTEGER)
  FROM attendance_log WHERE {where};
UPDATE attendance_log SET code = {q(code)},
       taken_by = (SELECT id FROM users WHERE name = {q(user)}),
       taken_at = CAST(strftime('%s', 'now') AS INTEGER)
  WHERE {where};
COMMIT;
"""


def run(argv, env=None, capture=True):
    result = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        sys.exit("vs-row-per-mark: {} failed ({}): {}".format(
            " ".join(argv[:6]), result.returncode, result.stderr.decode(errors="replace").strip()))
    return result.stdout.decode() if capture else ""


def build_row_copy(source, calendar_days, path):
    """Copies the school into the row-per-mark file at `path`."""
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(ROW_SCHEMA)
    # Written in one go; the file is in WAL mode afterwards.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    db.execute("ATTACH DATABASE ? AS src", (source,))
    db.execute("BEGIN")
    db.executemany("INSERT INTO codes VALUES (?, ?, ?, ?)",
                   [(c, i, m, p) for i, (c, m, p) in enumerate(CODES)])
    db.execute("INSERT INTO settings SELECT key, value FROM src.settings")
    db.execute("INSERT INTO users SELECT id, name, position FROM src.users")
    db.execute(f"""INSERT INTO pupils SELECT id, upn, legal_surname, legal_forename,
                   preferred_surname, preferred_forename, year_group, reg_group,
                   {ISO.format('admission_date')},
                   CASE WHEN leaving_date IS NULL THEN NULL ELSE {ISO.format('leaving_date')} END
                   FROM src.pupils""")

    # Open sessions from the school's calendar; every other session of a
    # term's weekday is closed.
    open_sessions = {}
    for day in calendar_days:
        for s in day["sessions"]:
            open_sessions[(day["date"], 0 if s == "am" else 1)] = day["school_week"]
    rows = []
    for start, end in db.execute(f"SELECT {ISO.format('start_date')}, {ISO.format('end_date')} FROM src.terms"):
        d = datetime.date.fromisoformat(start)
        while d <= datetime.date.fromisoformat(end):
            if d.isoweekday() <= 5:
                for s in (0, 1):
                    week = open_sessions.get((d.isoformat(), s))
                    rows.append((d.isoformat(), s, 1 if week is not None else 0, week))
            d += datetime.timedelta(days=1)
    db.executemany("INSERT INTO calendar VALUES (?, ?, ?, ?)", rows)

    # The marks as they would be taken, register by register, by the
    # attendance officer at the start of the session.
    db.execute(f"""INSERT INTO attendance_log (pupil_id, date, session, code, minutes_late, comment, taken_by, taken_at)
                   SELECT pupil_id, {ISO.format('date')}, session, code, minutes_late, comment,
                          (SELECT min(id) FROM src.users), CAST(strftime('%s', {ISO.format('date')}) AS INTEGER) + 31500 + 18000 * session
                   FROM src.marks ORDER BY date, session, pupil_id""")
    db.execute(f"""INSERT INTO attendance_history (pupil_id, date, session, old_code, new_code, reason, taken_by, at)
                   SELECT h.pupil_id, {ISO.format('h.date')}, h.session, h.old_code, h.new_code, h.reason,
                          a.user_id, h.at
                   FROM src.mark_history h LEFT JOIN src.actors a ON a.id = h.actor_id ORDER BY h.id""")
    db.execute(f"""INSERT INTO penalty_decisions SELECT id, pupil_id, {ISO.format('as_of')}, decision, withdrawn
                   FROM src.penalty_decisions""")
    db.execute("COMMIT")
    db.execute("DETACH DATABASE src")
    db.executescript(ROW_INDEXES)
    db.execute("PRAGMA journal_mode = WAL")
    n = db.execute("SELECT count(*) FROM attendance_log").fetchone()[0]
    db.close()
    return n


def by_upn(rows):
    return {row["upn"]: row for row in rows}


def compare(what, cli_rows, sql_rows, sample=3):
    """Every row and field alike, whatever the order; prints a few pupils' figures."""
    a, b = by_upn(cli_rows), by_upn(sql_rows)
    problems = []
    if set(a) != set(b):
        problems.append("pupils only in attendance-cli: {}; only in SQL: {}".format(
            sorted(set(a) - set(b))[:5], sorted(set(b) - set(a))[:5]))
    for upn in sorted(set(a) & set(b)):
        if set(a[upn]) != set(b[upn]):
            problems.append(f"{upn}: attendance-cli has {sorted(a[upn])}, SQL {sorted(b[upn])}")
        for key in a[upn]:
            if a[upn][key] != b[upn].get(key):
                problems.append(f"{upn} {key}: attendance-cli {a[upn][key]!r}, SQL {b[upn].get(key)!r}")
    print(f"  {what}: {len(a)} rows from attendance-cli, {len(b)} from SQL", end="")
    if problems:
        print(f", {len(problems)} differences:")
        for p in problems[:10]:
            print("    " + p)
        return False
    print(", every field equal")
    first = next(iter(a.values()), {})
    shown = [k for k in first if k != "upn" and not isinstance(first[k], (dict, list))]
    for upn in list(a)[:: max(1, len(a) // sample)][:sample]:
        print("    {}: {}".format(upn, ", ".join(f"{k} {a[upn][k]}" for k in shown[:9])))
    return True


def school_days(cli, db, env):
    return json.loads(run([cli, "--db", db, "calendar", "show",
                           "--from", "1900-01-01", "--to", "2199-12-31", "--json"], env))


def main():
    parser = argparse.ArgumentParser(
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=__doc__,
        epilog="The jobs: stats --json for this school year; threshold --json as of today; "
               "register all DATE --days 5 --json from the Monday of last week; "
               "one mark that amends (with --reason, two codes in turn). "
               "$ATTENDANCE_TODAY fixes today, as for attendance-cli.")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("database", nargs="?",
                        help="the attendance database (default: a demo made with "
                             "attendance-cli demo --pupils 2000 --years 6 in a temporary folder)")
    parser.add_argument("--cli", default=os.path.join(here, "..", "build-release", "src", "cli", "attendance-cli"),
                        help="the attendance-cli binary (default: build-release/src/cli/attendance-cli "
                             "in the source tree)")
    parser.add_argument("--sqlite3", default=shutil.which("sqlite3") or "sqlite3",
                        help="the sqlite3 shell (default: the one on PATH)")
    parser.add_argument("--runs", type=int, default=7, help="timed pairs per job (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed pairs first (default 1)")
    parser.add_argument("--pupils", type=int, default=2000, help="the demo's pupils (default 2000)")
    parser.add_argument("--years", type=int, default=6, help="the demo's school years (default 6)")
    parser.add_argument("--jobs", default="stats,threshold,register,mark",
                        help="the jobs to time, comma separated (default all four)")
    parser.add_argument("--keep", metavar="DIR",
                        help="work in DIR and keep the copies there; a later run with the same DIR "
                             "reuses them (default: a temporary folder, removed at the end)")
    args = parser.parse_args()

    cli = os.path.abspath(args.cli)
    if not os.access(cli, os.X_OK):
        sys.exit(f"vs-row-per-mark: {cli} is not an attendance-cli binary: build one "
                 "(meson setup build-release --buildtype=release && ninja -C build-release) or give --cli")
    if shutil.which(args.sqlite3) is None:
        sys.exit("vs-row-per-mark: the sqlite3 shell is needed: apt-get install sqlite3")
    if args.runs < 1 or args.warmup < 0:
        sys.exit("vs-row-per-mark: --runs must be at least 1 and --warmup at least 0")
    jobs = [j.strip() for j in args.jobs.split(",") if j.strip()]
    for j in jobs:
        if j not in ("stats", "threshold", "register", "mark"):
            sys.exit(f"vs-row-per-mark: --jobs: no job called {j!r}")

    env = dict(os.environ)
    today = datetime.date.today()
    if env.get("ATTENDANCE_TODAY"):
        today = datetime.date.fromisoformat(env["ATTENDANCE_TODAY"])

    workdir = args.keep or tempfile.mkdtemp(prefix="vs-row-per-mark-")
    os.makedirs(workdir, exist_ok=True)
    try:
        db = os.path.join(workdir, "attendance.db")
        rowdb = os.path.join(workdir, "row-per-mark.db")
        reuse = (args.keep and os.path.exists(db) and os.path.exists(rowdb) and
                 os.path.getmtime(rowdb) >= os.path.getmtime(db))
        if reuse:
            print(f"attendance database and row-per-mark copy: those already in {workdir}")
        else:
            for path in (db, db + "-wal", db + "-shm"):
                if os.path.exists(path):
                    os.unlink(path)
            t = time.perf_counter()
            if args.database:
                # The amendment job writes: it works on a copy.
                run([cli, "--db", args.database, "backup", db], env)
                print(f"attendance database: a copy of {args.database}")
            else:
                run([cli, "--db", db, "demo", "--pupils", str(args.pupils), "--years", str(args.years)], env)
                print(f"attendance database: a demo of {args.pupils} pupils, {args.years} school years "
                      f"({time.perf_counter() - t:.1f} s)")
        days = school_days(cli, db, env)
        if not reuse:
            t = time.perf_counter()
            n_marks = build_row_copy(db, days, rowdb)
            print(f"row-per-mark copy: {n_marks} marks, {os.path.getsize(rowdb) / 2**20:.0f} MiB "
                  f"(attendance database {os.path.getsize(db) / 2**20:.0f} MiB), "
                  f"built in {time.perf_counter() - t:.1f} s")

        year_start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        past = [d["date"] for d in days if d["date"] <= today.isoformat()]
        if not past:
            sys.exit("vs-row-per-mark: the school has no school day up to today")
        # The last whole week before this one, as the office reviews it.
        week = (today - datetime.timedelta(days=today.weekday() + 7)).isoformat()

        # The amendment: the morning mark of a pupil on roll on the last
        # school day before today, moved between two authorised codes.
        src = sqlite3.connect(f"file:{rowdb}?mode=ro", uri=True)
        amend_day = past[-2] if len(past) > 1 else past[-1]
        row = src.execute("SELECT p.upn, m.code FROM attendance_log m JOIN pupils p ON p.id = m.pupil_id "
                          "WHERE m.date = ? AND m.session = 0 AND m.code IN ('/', 'I', 'M') "
                          "ORDER BY p.id LIMIT 1", (amend_day,)).fetchone()
        src.close()
        users = json.loads(run([cli, "--db", db, "users", "list", "--json"], env))
        writers = [u["name"] for u in users if u["role"] in ("attendance-officer", "admin", "headteacher")]
        if row is None or not writers:
            sys.exit("vs-row-per-mark: found no mark to amend, or no user who may amend it")
        amend_upn, amend_code = row
        amend_user = writers[0]
        codes = ["M", "I"] if amend_code == "I" else ["I", "M"]
        reasons = ["Parent rang: a medical appointment", "Parent rang: illness"]

        print(f"today {today}; this school year from {year_start}; register week from {week}; "
              f"amending {amend_upn} {amend_day} am (was {amend_code}) as {amend_user}")

        def cli_argv(job, i):
            base = [cli, "--db", db]
            if job == "stats":
                return base + ["stats", "--json"]
            if job == "threshold":
                return base + ["threshold", "--json"]
            if job == "register":
                return base + ["register", "all", week, "--days", "5", "--json"]
            return base + ["mark", amend_upn, amend_day, "am", codes[i % 2], "--user", amend_user,
                           "--reason", reasons[i % 2]]

        sql_text = {
            "stats": sql_stats(year_start.isoformat(), today.isoformat()),
            "threshold": sql_threshold(today.isoformat()),
            "register": sql_register(week, 5),
        }

        def sql_argv(job, i):
            if job == "mark":
                text = sql_amend(amend_upn, amend_day, 0, codes[i % 2], reasons[i % 2], amend_user)
            else:
                text = sql_text[job]
            return [args.sqlite3, "-bail", "-batch", rowdb, text]

        # The SQL must answer what attendance-cli answers.
        print("checking that the SQL answers hold attendance-cli's figures:")
        honest = {}
        for job in ("stats", "threshold", "register"):
            if job in jobs:
                honest[job] = compare(job, json.loads(run(cli_argv(job, 0), env)),
                                      json.loads(run(sql_argv(job, 0), env) or "[]"))

        def amendments():
            """Amendments recorded for the mark on each side, and its code."""
            history = json.loads(run([cli, "--db", db, "history", amend_upn, "--from", amend_day,
                                      "--to", amend_day, "--json"], env))
            grid = json.loads(run([cli, "--db", db, "register", "all", amend_day, "--json"], env))
            check = sqlite3.connect(f"file:{rowdb}?mode=ro", uri=True)
            where = ("pupil_id = (SELECT id FROM pupils WHERE upn = ?) AND date = ? AND session = 0")
            sql_count = check.execute(f"SELECT count(*) FROM attendance_history WHERE {where} "
                                      "AND old_code <> new_code AND reason IN (?, ?)",
                                      (amend_upn, amend_day, *reasons)).fetchone()[0]
            sql_code = check.execute(f"SELECT code FROM attendance_log WHERE {where}",
                                     (amend_upn, amend_day)).fetchone()[0]
            check.close()
            return (len([h for h in history if h["session"] == "am" and h["old"] != h["new"]
                         and h["reason"] in reasons]),
                    sql_count,
                    [c["code"] for r in grid if r["upn"] == amend_upn
                     for c in r["cells"] if c["session"] == "am"][0],
                    sql_code)

        if "mark" in jobs:
            before = amendments()
            if before[2] != before[3]:
                sys.exit(f"vs-row-per-mark: the mark to amend reads {before[2]} in attendance-cli "
                         f"but {before[3]} in the copy: remove {workdir} and run again")

        results = []
        for job in jobs:
            ratios, times_a, times_b = [], [], []
            for i in range(args.warmup + args.runs):
                a_argv, b_argv = cli_argv(job, i), sql_argv(job, i)
                t0 = time.perf_counter()
                run(a_argv, env, capture=False)
                t1 = time.perf_counter()
                run(b_argv, env, capture=False)
                t2 = time.perf_counter()
                if i >= args.warmup:
                    times_a.append(t1 - t0)
                    times_b.append(t2 - t1)
                    ratios.append((t1 - t0) / (t2 - t1))
            results.append((job, ratios, times_a, times_b))

        if "mark" in jobs:
            # Each run was a real amendment on both sides.
            after = amendments()
            n = args.warmup + args.runs
            honest["mark"] = (after[0] - before[0] == n and after[1] - before[1] == n and
                              after[2] == after[3] == codes[(n - 1) % 2])
            print(f"  mark: {after[0] - before[0]} amendments added to attendance-cli's history, "
                  f"{after[1] - before[1]} to the SQL's, the mark now {after[2]} and {after[3]}"
                  + ("" if honest["mark"] else " (NOT ALIKE)"))

        print()
        print(f"{args.runs} timed pairs per job after {args.warmup} warm-up, A B A B, whole processes")
        print(f"{'job':<10} {'cli/SQL median':>14} {'min':>6} {'max':>6} {'cli ms':>8} {'SQL ms':>8}")
        for job, ratios, ta, tb in results:
            note = "" if honest.get(job, True) else "  (answers differ: not comparable)"
            print(f"{job:<10} {statistics.median(ratios):14.2f} {min(ratios):6.2f} {max(ratios):6.2f} "
                  f"{statistics.median(ta) * 1000:8.1f} {statistics.median(tb) * 1000:8.1f}{note}")
        return 0 if all(honest.values()) else 1
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
