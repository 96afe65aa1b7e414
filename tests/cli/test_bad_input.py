#!/usr/bin/env python3
# test_bad_input.py: hostile and broken files through attendance-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each broken file is refused with exit status 1 and one line on stderr
# that names the file and says what to do, and the school's database is
# the same afterwards, row for row. The core's table of bad inputs is
# tests/test-bad-input.c; these are the same inputs as an office would
# meet them, through the real binary. Then every CSV the program writes
# protects its reader from cells a spreadsheet would run, and reads back
# as it was written.
#
# Run with --tap for TAP output (meson does).

import csv
import io
import os
import sqlite3
import subprocess
import sys
import traceback
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (  # noqa: E402
    CLI, HEAD, UPN_A, UPN_B, Failure, School, check, equal, make_upn)

PUPILS_HEADER = ["upn", "surname", "forename", "dob", "sex", "year_group",
                 "reg_group", "admission_date"]
NEW_UPN = make_upn("820200100009")
PUPIL = [NEW_UPN, "Renée", "Zoë", "2015-10-20", "F", "4", "4K", "2024-09-02"]


def snapshot(db):
    """Every row of the tables an import or an open could touch."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        out = {}
        for table in ("pupils", "contacts", "marks", "mark_history", "mark_years", "audit_log"):
            out[table] = con.execute("SELECT * FROM %s ORDER BY 1, 2, 3" % table).fetchall()
        return out
    finally:
        con.close()


def csv_bytes(rows, encoding="utf-8", newline="\n"):
    text = io.StringIO()
    csv.writer(text, lineterminator=newline).writerows(rows)
    return text.getvalue().encode(encoding)


def school_with_pupils():
    t = School()
    t.setup()
    t.add_pupils()
    t.mark(UPN_A, "2024-10-14", "am", "/")
    return t


def refused_import(t, what, name, data, *expected):
    """Imports @data as @name; checks the refusal and that nothing changed."""
    path = t.path(name)
    with open(path, "wb") as f:
        f.write(data)
    before = snapshot(t.db)
    r = t.refused(what, "import", path, "--user", HEAD)
    err = r.err.strip()
    check(name in err, "the file is named: " + err[:300])
    for text in expected:
        check(text in err, "%r in the refusal: %s" % (text, err[:600]))
    check(len(err) < 1500, "a short refusal: %d characters" % len(err))
    equal(snapshot(t.db), before, name + ": the school is as it was")
    return err


# --- Files given to the imports ---------------------------------------------

def test_encodings_refused():
    t = school_with_pupils()
    try:
        rows = [PUPILS_HEADER, PUPIL]
        refused_import(t, "pupils", "latin1.csv", csv_bytes(rows, "latin-1"),
                       "row 2, surname: the text after “Ren” is not UTF-8",
                       "“CSV UTF-8 (comma delimited)”")
        # Python writes UTF-16 with a byte-order mark, as Excel's "Unicode
        # text" does; without one it is still told apart by its NUL bytes.
        refused_import(t, "pupils", "utf16.csv", csv_bytes(rows, "utf-16"),
                       "saved as UTF-16 (“Unicode text”), not UTF-8")
        refused_import(t, "pupils", "utf16be.csv", csv_bytes(rows, "utf-16-be"),
                       "saved as UTF-16 (“Unicode text”), not UTF-8")
        refused_import(t, "contacts", "cp1252.csv",
                       "upn,priority,surname,relationship\n%s,1,\u201cKhan\u201d,Mother\n"
                       .replace("%s", UPN_A).encode("cp1252"),
                       "row 2, surname: the text is not UTF-8")
    finally:
        t.cleanup()


def test_other_kinds_of_file_refused():
    t = school_with_pupils()
    try:
        # A real workbook-shaped zip, as Excel saves .xlsx.
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
        refused_import(t, "pupils", "pupils.xlsx", buf.getvalue(),
                       "this is an Excel workbook (or another zipped file), not a CSV file")
        # The school's own database given as a file of marks.
        with open(t.db, "rb") as f:
            database = f.read()
        refused_import(t, "marks", "copy.db", database, "this is a database, not a CSV file")
        refused_import(t, "marks", "scan.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",
                       "this is a PDF document, not a CSV file")
        refused_import(t, "contacts", "logo.png",
                       b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
                       "this is not a text file (it holds NUL bytes)")
    finally:
        t.cleanup()


def test_broken_shapes_refused():
    t = school_with_pupils()
    try:
        refused_import(t, "pupils", "empty.csv", b"",
                       "the file is empty: it needs a first row of column names")
        # An export of nothing imports as the nothing it holds, and says so.
        path = t.path("header.csv")
        with open(path, "wb") as f:
            f.write(b"upn,date,session,code\r\n")
        before = snapshot(t.db)
        r = t.ok("marks", "import", path, "--user", HEAD)
        equal(r.out, "Notice: the file has column names but no rows under them: there was "
              "nothing to import\nMarks: 0 rows: 0 added, 0 updated, 0 unchanged\n", "header only")
        equal(snapshot(t.db), before, "header only: the school is as it was")
        refused_import(t, "pupils", "semicolons.csv",
                       csv_bytes([PUPILS_HEADER, PUPIL]).replace(b",", b";"),
                       "row 1: the values are separated by semicolons, not commas")
        refused_import(t, "marks", "quote.csv",
                       ("upn,date,session,code,comment\n%s,2024-10-15,am,/,\"lost quote\n"
                        "%s,2024-10-15,pm,/,\n" % (UPN_A, UPN_A)).encode(),
                       "row 2, comment: a quoted value starts here but is never closed")
        refused_import(t, "pupils", "megabyte.csv",
                       csv_bytes([PUPILS_HEADER, PUPIL[:1] + ["x" * (1024 * 1024)] + PUPIL[2:]]),
                       "row 2: this row is longer than 16384 characters")
        refused_import(t, "pupils", "shifted.csv",
                       csv_bytes([PUPILS_HEADER]) +
                       (",".join(PUPIL[:2] + ["Zoë, Jr"] + PUPIL[3:]) + "\n").encode(),
                       "row 2: this row has 9 values but the file has 8 columns")
    finally:
        t.cleanup()


def test_bad_values_refused():
    t = school_with_pupils()
    try:
        bad_letter = "A" + NEW_UPN[1:] if NEW_UPN[0] != "A" else "B" + NEW_UPN[1:]
        refused_import(t, "pupils", "dates.csv",
                       csv_bytes([PUPILS_HEADER, PUPIL[:3] + ["31/02/2016"] + PUPIL[4:]]),
                       "row 2, dob: “31/02/2016” is not a date: February 2016 has 29 days")
        refused_import(t, "pupils", "upn.csv",
                       csv_bytes([PUPILS_HEADER, [bad_letter] + PUPIL[1:]]),
                       "row 2, upn: UPN %s: the check letter should be %s" % (bad_letter, NEW_UPN[0]))
        refused_import(t, "marks", "codes.csv",
                       csv_bytes([["upn", "date", "session", "code"],
                                  [UPN_A, "2024-10-15", "am", "/"],
                                  [UPN_A, "10/15/2024", "pm", "/"],
                                  [UPN_B, "2024-10-15", "am", "K9"]]),
                       "row 3, date: “10/15/2024” is not a date: there is no month 15; "
                       "dates are written day first, so this may be 15/10/2024",
                       "row 4, code: “K9” is not an attendance code")
        refused_import(t, "contacts", "contacts.csv",
                       csv_bytes([["upn", "priority", "surname", "relationship"],
                                  [NEW_UPN, "1", "Patel", "Mother"]]),
                       "row 2, upn: There is no pupil with UPN %s" % NEW_UPN)
        refused_import(t, "pupils", "twice.csv",
                       csv_bytes([PUPILS_HEADER, PUPIL, PUPIL]),
                       "row 3, upn: UPN %s is also on row 2: each pupil once" % NEW_UPN)
    finally:
        t.cleanup()


def test_pipe_read_whole():
    """An import reads its file twice; a pipe (a script's /dev/stdin) is
    kept in memory to be read again, and gives what the file would."""
    t = school_with_pupils()
    try:
        env = dict(os.environ, ATTENDANCE_TODAY="2024-12-20", ATTENDANCE_CLOCK="16:00")

        def piped(data):
            return subprocess.run([CLI, "--db", t.db, "pupils", "import", "/dev/stdin",
                                   "--user", HEAD],
                                  input=data, capture_output=True, env=env)

        before = snapshot(t.db)
        proc = piped(csv_bytes([PUPILS_HEADER, PUPIL[:3] + ["31/02/2016"] + PUPIL[4:]]))
        equal(proc.returncode, 1, "a bad pipe is refused: %r" % proc.stderr)
        check(b"row 2, dob: \xe2\x80\x9c31/02/2016\xe2\x80\x9d is not a date" in proc.stderr,
              proc.stderr.decode())
        equal(snapshot(t.db), before, "the school is as it was")
        proc = piped(csv_bytes([PUPILS_HEADER, PUPIL]))
        equal(proc.returncode, 0, "a good pipe is imported: %r" % proc.stderr)
        equal([p["upn"] for p in t.json("pupils", "list") if p["upn"] == NEW_UPN], [NEW_UPN],
              "the piped pupil")
    finally:
        t.cleanup()


def test_file_not_opened():
    """A file that is not there, or is a folder, is refused naming the
    file and its whole path with the reason, as before the reading moved
    off GIO, and the school is as it was."""
    t = school_with_pupils()
    try:
        before = snapshot(t.db)
        missing = t.path("gone.csv")
        r = t.refused("pupils", "import", missing, "--user", HEAD)
        equal(r.err.strip(), "attendance-cli: gone.csv could not be read: "
              "Error opening file %s: No such file or directory" % missing, "a missing file")
        folder = t.path("folder.csv")
        os.mkdir(folder)
        r = t.refused("marks", "import", folder, "--user", HEAD)
        equal(r.err.strip(), "attendance-cli: folder.csv could not be read: "
              "Error opening file %s: Is a directory" % folder, "a folder")
        equal(snapshot(t.db), before, "the school is as it was")
    finally:
        t.cleanup()


# --- Databases that are not what they should be -----------------------------

def test_bad_databases_refused():
    t = school_with_pupils()
    try:
        with open(t.db, "rb") as f:
            whole = f.read()
        newer = t.path("newer.db")
        with open(newer, "wb") as f:
            f.write(whole)
        con = sqlite3.connect(newer)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute("PRAGMA user_version = %d" % (version + 1))
        con.close()
        cases = {
            "pupils.csv": (csv_bytes([PUPILS_HEADER, PUPIL]), "is not an attendance database"),
            "cut.db": (whole[:len(whole) // 3], "is damaged: it holds"),
            "empty.db": (b"", "is an empty file, not an attendance database"),
        }
        for name, (data, _) in cases.items():
            with open(t.path(name), "wb") as f:
                f.write(data)
        with open(newer, "rb") as f:
            cases["newer.db"] = (f.read(), "was written by a newer version of Attendance "
                                 "(schema %d, this version knows %d)" % (version + 1, version))
        for name, (data, expected) in cases.items():
            path = t.path(name)
            r = t.run("--db", path, "pupils", "list", db=False)
            equal(r.rc, 1, name + " is refused: " + r.err)
            err = r.err.strip().splitlines()
            check(len(err) == 1 and expected in err[0] and name in err[0],
                  "%s: one line naming the file: %s" % (name, r.err))
            with open(path, "rb") as f:
                equal(f.read() == data, True, name + " is byte for byte as it was")
            check(not os.path.exists(path + "-wal"), name + ": no -wal left")
    finally:
        t.cleanup()


# --- What the program writes for others ---------------------------------------

def test_marks_export_written_as_text():
    t = school_with_pupils()
    try:
        # Every character a spreadsheet takes as the start of a formula,
        # an apostrophe first, and ones that are harmless anywhere else.
        comments = {
            ("2024-10-15", "am"): "=HYPERLINK(\"http://evil.example\",\"Click\")",
            ("2024-10-15", "pm"): "+44 7700 900123 rang",
            ("2024-10-16", "am"): "-ill, sent home",
            ("2024-10-16", "pm"): "@reception",
            ("2024-10-17", "am"): "'quoted' by mum",
            ("2024-10-17", "pm"): "a=b, c+d, e-f",
            ("2024-10-18", "am"): "=1+2",
        }
        for (date, session), comment in comments.items():
            t.mark(UPN_B, date, session, "I", "--comment", comment)
        out = t.path("export.csv")
        t.ok("marks", "export", out)
        with open(out, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        equal(rows[0], ["upn", "date", "session", "code", "minutes_late", "comment"], "header")
        # No cell of the file begins with = + - @, a tab or a carriage
        # return, whatever its column.
        for row in rows:
            for cell in row:
                check(not cell or cell[0] not in "=+-@\t\r", "a cell a spreadsheet would run: %r" % cell)
        got = {(r[1], r[2]): r[5] for r in rows[1:] if r[0] == UPN_B}
        for key, comment in comments.items():
            protected = "'" + comment if comment[0] in "=+-@'" else comment
            equal(got[key], protected, "comment of %s %s" % key)

        # Read back by the program, every comment is as it was: into the
        # same school nothing changes; into a new one, the same comments.
        r = t.ok("marks", "import", out, "--user", HEAD, "--dry-run")
        check("0 added, 0 updated" in r.out, "the same marks: " + r.out)
        two = School("two")
        try:
            two.setup()
            two.add_pupils()
            two.ok("marks", "import", out, "--user", HEAD)
            back = {(h["date"], h["session"]): h["comment"] for h in two.json("history", UPN_B)}
            equal(back, comments, "comments after the round trip")
        finally:
            two.cleanup()
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
