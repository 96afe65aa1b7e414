#!/usr/bin/env python3
# test_mail.py: attendance-cli mail show, mail set, mail test and letters
# email, end to end through the real binary and a real SMTP server
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The school of test_cli.py. The server is tests/mail/smtp_server.py on
# 127.0.0.1, speaking STARTTLS on a certificate made here with openssl for
# "localhost", asking for a user name and password; it writes what
# Python's e-mail parser reads of each message it takes to N.ini.
# Run with --tap for TAP output.

import configparser
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_cli import (School, UPN_A, UPN_B, UPN_C, HEAD, OFFICER, RECEPTION,  # noqa: E402
                      check, equal, school_days, sessions_of, main as run_tests)

SERVER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                      "mail", "smtp_server.py")


class MailServer:
    """tests/mail/smtp_server.py, with a certificate of its own."""

    def __init__(self, *options):
        self.dir = tempfile.mkdtemp(prefix="att-mail-cli-")
        self.cert = os.path.join(self.dir, "cert.pem")
        key = os.path.join(self.dir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", self.cert, "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                       check=True, capture_output=True)
        self.out = os.path.join(self.dir, "out")
        os.mkdir(self.out)
        port_file = os.path.join(self.dir, "port")
        self.proc = subprocess.Popen([sys.executable, SERVER, "--out", self.out,
                                      "--port-file", port_file, "--cert", self.cert,
                                      "--key", key] + list(options),
                                     stderr=subprocess.DEVNULL)
        for _ in range(1000):
            if os.path.exists(port_file):
                break
            time.sleep(0.01)
        with open(port_file) as f:
            self.port = int(f.read())

    def message(self, n):
        """What the server read of message @n (from 1), or None."""
        path = os.path.join(self.out, "%d.ini" % n)
        if not os.path.exists(path):
            return None
        info = configparser.ConfigParser(interpolation=None)
        info.read(path, encoding="utf-8")
        return info

    def body(self, n):
        with open(os.path.join(self.out, "%d.txt" % n), encoding="utf-8") as f:
            return f.read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        subprocess.run(["rm", "-rf", self.dir])


def set_up_mail(t, server, password="pa55 word"):
    for key, value in (("host", "localhost"), ("port", str(server.port)),
                       ("security", "starttls"), ("username", "office"),
                       ("from_address", "office@hillside.example"),
                       ("reply_to", "attendance@hillside.example"),
                       ("ca_file", server.cert)):
        t.ok("mail", "set", key, value, "--user", HEAD)
    t.ok("mail", "set", "password", "--password-stdin", "--user", HEAD, stdin=password + "\n")


def test_mail_settings():
    t = School().setup()
    try:
        shown = t.json("mail", "show")
        equal((shown["set_up"], shown["host"], shown["port"], shown["security"],
               shown["password_set"]), (False, "", 587, "starttls", False), "nothing set up")
        check("Mail is not set up" in t.ok("mail", "show").out, "the table says so")

        # Only those who change the school's settings change these.
        r = t.refused("mail", "set", "host", "smtp.example.org", "--user", OFFICER)
        check("Olive Officer" in r.err, r.err)
        # The password never on the command line.
        r = t.usage("mail", "set", "password", "secret", "--user", HEAD)
        check("never given on the command line" in r.err, r.err)
        t.usage("mail", "set", "host", "--password-stdin", "--user", HEAD)
        t.refused("mail", "set", "port", "0", "--user", HEAD)
        t.refused("mail", "set", "colour", "blue", "--user", HEAD)

        t.ok("mail", "set", "host", "smtp.example.org", "--user", HEAD)
        t.ok("mail", "set", "security", "tls", "--user", HEAD)
        r = t.refused("mail", "set", "security", "none", "--user", HEAD)
        check("cannot be used without encryption" in r.err, r.err)
        t.ok("mail", "set", "username", "office@hillside.example", "--user", HEAD)
        t.ok("mail", "set", "password", "--password-stdin", "--user", HEAD,
             stdin="correct horse battery\n")
        password_file = t.path("password")
        with open(password_file, "w") as f:
            f.write("from a file\n")
        t.ok("mail", "set", "password", "--password-file", password_file, "--user", HEAD)
        t.ok("mail", "set", "from_address", "office@hillside.example", "--user", HEAD)

        shown = t.json("mail", "show")
        # TLS from the start on its usual port, 465.
        equal((shown["set_up"], shown["host"], shown["port"], shown["security"],
               shown["username"], shown["password_set"]),
              (True, "smtp.example.org", 465, "tls", "office@hillside.example", True), "set up")
        table = t.ok("mail", "show").out
        check("(set)" in table and "from a file" not in table, table)

        # Stored as given; never in the audit log nor in any output.
        con = sqlite3.connect(t.db)
        try:
            equal(con.execute("SELECT value FROM settings WHERE key = 'mail.password'").fetchone()[0],
                  "from a file", "the password as given")
            audit = "\n".join(str(row) for row in con.execute(
                "SELECT action, detail, old_value, new_value FROM audit_log WHERE action = 'school.mail'"))
        finally:
            con.close()
        check("password changed" in audit, audit)
        check("correct horse" not in audit and "from a file" not in audit, audit)
    finally:
        t.cleanup()


def test_mail_test_message():
    t = School().setup()
    server = MailServer("--user", "office", "--password", "pa55 word",
                        "--refuse", "nobody@example.org")
    try:
        t.refused("mail", "test", "parent@example.org", "--user", HEAD)  # not set up
        set_up_mail(t, server)
        t.usage("mail", "test", "not an address", "--user", HEAD)

        r = t.ok("mail", "test", "parent@example.org", "--user", HEAD)
        check("Sent a test message to parent@example.org through localhost" in r.out, r.out)
        got = server.message(1)
        check(got is not None, "the server has the message")
        # From the school's name, as no from_name is set.
        equal((got["message"]["mail_from"], got["message"]["rcpt_to"], got["message"]["from"],
               got["message"]["reply_to"], got["message"]["subject"]),
              ("<office@hillside.example>", "parent@example.org",
               "\"Riverside Primary\" <office@hillside.example>", "attendance@hillside.example",
               "Test message from Riverside Primary"), "the message as received")
        check("letters can be sent by e-mail" in server.body(1), server.body(1))

        # A recipient the server refuses, and a wrong password: one line
        # each that says what to do.
        r = t.refused("mail", "test", "nobody@example.org", "--user", HEAD)
        check("refused the address nobody@example.org" in r.err, r.err)
        t.ok("mail", "set", "password", "--password-stdin", "--user", HEAD, stdin="wrong\n")
        r = t.refused("mail", "test", "parent@example.org", "--user", HEAD)
        check("refused the user name “office” or its password" in r.err, r.err)
        check(server.message(2) is None, "nothing more was sent")
    finally:
        server.stop()
        t.cleanup()


def letters_school(t):
    """Three pupils present at every session of Autumn 1 and 2 2024 (150
    sessions, 100.0%): A, Amina Khan, her mother and father at 12 Mill
    Lane, her mother's address sara.khan@example.org (the letter to both
    goes there); B, Ben Smith, Mr Tom Smith with no e-mail address; C,
    Cara Jones, Ms Jo Jones at nobody@example.org, which the server
    refuses."""
    t.setup()
    t.add_pupils((UPN_A, UPN_B, UPN_C))
    contacts = t.write("contacts.csv", [
        ["upn", "priority", "title", "forename", "surname", "relationship",
         "parental_responsibility", "receives_letters", "email", "address_1", "town", "postcode"],
        [UPN_A, "1", "Mrs", "Sara", "Khan", "Mother", "Y", "Y", "sara.khan@example.org",
         "12 Mill Lane", "Millbrook", "MB4 2QT"],
        [UPN_A, "2", "Mr", "Omar", "Khan", "Father", "Y", "Y", "", "12 Mill Lane", "Millbrook",
         "MB4 2QT"],
        [UPN_B, "1", "Mr", "Tom", "Smith", "Father", "Y", "Y", "", "8 Elm Road", "Millbrook",
         "MB1 1AA"],
        [UPN_C, "1", "Ms", "Jo", "Jones", "Mother", "Y", "Y", "nobody@example.org", "4 Park Way",
         "Millbrook", "MB3 3CC"]])
    t.ok("contacts", "import", contacts, "--user", HEAD)
    days = school_days("2024-09-02", 40) + school_days("2024-11-04", 35)
    for upn in (UPN_A, UPN_B, UPN_C):
        t.marks(upn, [(d, s, "/" if s == "am" else "\\") for d, s in sessions_of(days)])


def pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
                          capture_output=True, text=True, check=True).stdout


def test_letters_email():
    t = School()
    server = MailServer("--user", "office", "--password", "pa55 word",
                        "--refuse", "nobody@example.org")
    try:
        letters_school(t)
        # Not set up yet; then only those who may send letters.
        r = t.refused("letters", "email", "--half-term", "--user", OFFICER)
        check("The mail server is not set up" in r.err, r.err)
        set_up_mail(t, server)
        t.refused("letters", "email", "--half-term", "--user", RECEPTION)
        t.usage("letters", "email", "--letters", "1,x", "--user", OFFICER)
        t.usage("letters", "email", "--letters", "1", "--half-term", "--user", OFFICER)

        # The half-termly reports by e-mail: Amina's goes; Ben has no
        # address (the data check leaves him out, saying so); Cara's
        # address is refused by the server: not sent, not logged.
        r = t.run("letters", "email", "--half-term", "--user", OFFICER)
        equal(r.rc, 1, "a letter was not sent\n" + r.err)
        check("e-mailed to sara.khan@example.org (Mrs Sara Khan and Mr Omar Khan) about Amina Khan"
              in r.out, r.out)
        check("Ben Smith" in r.err and "no parent who receives letters has an e-mail address" in r.err,
              r.err)
        check("Cara Jones (" in r.err and "not sent: The mail server refused the address "
              "nobody@example.org" in r.err, r.err)
        check(r.err.strip().splitlines()[-1].endswith(
            "1 of 2 letters were not sent; those sent are logged"), r.err)

        got = server.message(1)
        equal((got["message"]["rcpt_to"], got["message"]["to"]),
              ("sara.khan@example.org", "\"Mrs Sara Khan and Mr Omar Khan\" <sara.khan@example.org>"),
              "to Amina's parents")
        equal((got["attachment0"]["content_type"], got["attachment0"]["filename"]),
              ("application/pdf", "Letter about Amina Khan, 2024-12-20.pdf"), "the letter attached")
        text = pdftotext(got["attachment0"]["path"])
        check("Amina" in text and "12 Mill Lane" in text and "100.0%" in text, text)
        check(server.message(2) is None, "nothing else went")

        log = t.json("letters", "log")
        equal([(x["upn"], x["delivery"], x["posted"]) for x in log],
              [(UPN_A, "email", "2024-12-20")], "only what went is logged, e-mailed today")

        # Sent again from the log: a new letter in the log, e-mailed.
        r = t.ok("letters", "email", "--letters", str(log[0]["id"]), "--user", OFFICER)
        check("about Amina Khan" in r.out, r.out)
        equal([x["delivery"] for x in t.json("letters", "log")], ["email", "email"], "logged again")
    finally:
        server.stop()
        t.cleanup()


def test_letters_email_due():
    t = School()
    server = MailServer("--user", "office", "--password", "pa55 word")
    try:
        letters_school(t)
        # Amina absent (O) the first 8 school days of Autumn 2, 4 to 13
        # November: 16 unauthorised sessions in the last 10 school weeks,
        # so the default ladder's "unauthorised" stage (5 or more) is due.
        t.marks(UPN_A, [(d, s, "O") for d, s in sessions_of(school_days("2024-11-04", 8))])
        set_up_mail(t, server)
        # The stage goes by post: nothing to e-mail.
        r = t.refused("letters", "email", "--as-of", "2024-12-20", "--user", OFFICER)
        check("No letter to e-mail is due on" in r.err, r.err)
        # The school sends that stage by e-mail (the default ladder stored
        # first, as the rules window stores it when a stage is changed).
        t.ok("letters", "rules", "preset", "dfe", "--user", HEAD)
        con = sqlite3.connect(t.db)
        try:
            con.execute("UPDATE ladder_stages SET delivery = 'email' WHERE name = 'unauthorised'")
            con.commit()
        finally:
            con.close()
        due = [x for x in t.json("letters", "due", "--as-of", "2024-12-20") if x["status"] == "due"]
        equal([(x["upn"], x["stage"], x["delivery"]) for x in due], [(UPN_A, "unauthorised", "email")],
              "due by e-mail")
        t.refused("letters", "email", "--as-of", "2024-12-20", "--pupil", UPN_B, "--user", OFFICER)

        r = t.ok("letters", "email", "--as-of", "2024-12-20", "--pupil", UPN_A, "--user", OFFICER)
        check("e-mailed to sara.khan@example.org (Mrs Sara Khan and Mr Omar Khan) about Amina Khan"
              in r.out, r.out)
        got = server.message(1)
        equal(got["message"]["rcpt_to"], "sara.khan@example.org", "to Amina's mother")
        text = pdftotext(got["attachment0"]["path"])
        # The letter quotes her 16 unauthorised sessions.
        check("Amina" in text and "16" in text, text)
        log = t.json("letters", "log")
        equal([(x["upn"], x["kind"], x["delivery"], x["posted"]) for x in log],
              [(UPN_A, "unauthorised", "email", "2024-12-20")], "logged as e-mailed today")
    finally:
        server.stop()
        t.cleanup()


if __name__ == "__main__":
    # Only this file's tests: test_cli's own are run by their own file.
    import test_cli
    for name in list(vars(test_cli)):
        if name.startswith("test_"):
            delattr(test_cli, name)
    test_cli.main.__globals__.update({k: v for k, v in globals().items() if k.startswith("test_")})
    sys.exit(run_tests())
