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

from test_cli import (School, HEAD, OFFICER,  # noqa: E402
                      check, equal, main as run_tests)

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


if __name__ == "__main__":
    # Only this file's tests: test_cli's own are run by their own file.
    import test_cli
    for name in list(vars(test_cli)):
        if name.startswith("test_"):
            delattr(test_cli, name)
    test_cli.main.__globals__.update({k: v for k, v in globals().items() if k.startswith("test_")})
    sys.exit(run_tests())
