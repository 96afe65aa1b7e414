#!/usr/bin/env python3
# smtp_server.py: a small SMTP server for the mail tests
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# It listens on 127.0.0.1 on a free port (written to --port-file once it
# listens), offers STARTTLS (or speaks TLS from the start with --tls) with
# the certificate it is given, asks for AUTH PLAIN or LOGIN with the user
# and password it is given, refuses the recipients of --refuse with 550,
# and keeps each message it accepts in --out: N.eml as received, and N.ini
# with what Python's own e-mail parser reads from it (envelope, decoded
# headers, the text, each attachment written to a file), so that the
# tests check the message as a family's mail program would see it. It
# stops when its parent goes (the test that started it).
#
#   smtp_server.py --out DIR --port-file FILE [--cert PEM --key PEM]
#                  [--tls | --no-starttls] [--user NAME --password TEXT]
#                  [--refuse ADDRESS]...

import argparse
import base64
import configparser
import email
import email.header
import email.policy
import os
import socket
import ssl
import sys


class Session:
    def __init__(self, conn, args, context):
        self.conn = conn
        self.args = args
        self.context = context
        self.file = conn.makefile("rb")
        self.secure = args.tls
        self.authenticated = False
        self.mail_from = None
        self.rcpt = []

    def reply(self, text):
        self.conn.sendall((text + "\r\n").encode())

    def line(self):
        data = self.file.readline(65536)
        if not data:
            raise EOFError
        return data.decode("utf-8", "replace").rstrip("\r\n")

    def ehlo(self):
        lines = ["250-localhost"]
        if not self.secure and self.args.cert and not self.args.no_starttls:
            lines.append("250-STARTTLS")
        if self.args.user and (self.secure or self.args.no_starttls or not self.args.cert):
            lines.append("250-AUTH PLAIN LOGIN")
        lines.append("250 8BITMIME")
        self.conn.sendall(("\r\n".join(lines) + "\r\n").encode())

    def check_login(self, user, password):
        if user == self.args.user and password == self.args.password:
            self.authenticated = True
            self.reply("235 2.7.0 Authentication successful")
        else:
            self.reply("535 5.7.8 Authentication credentials invalid")

    def auth(self, words):
        mechanism = words[1].upper() if len(words) > 1 else ""
        if mechanism == "PLAIN":
            if len(words) > 2:
                data = words[2]
            else:
                self.reply("334 ")
                data = self.line()
            parts = base64.b64decode(data).decode("utf-8", "replace").split("\0")
            if len(parts) != 3:
                self.reply("501 5.5.2 Bad PLAIN response")
                return
            self.check_login(parts[1], parts[2])
        elif mechanism == "LOGIN":
            if len(words) > 2:
                user = base64.b64decode(words[2]).decode()
            else:
                self.reply("334 " + base64.b64encode(b"Username:").decode())
                user = base64.b64decode(self.line()).decode()
            self.reply("334 " + base64.b64encode(b"Password:").decode())
            password = base64.b64decode(self.line()).decode()
            self.check_login(user, password)
        else:
            self.reply("504 5.5.4 Unrecognized authentication type")

    def data(self):
        self.reply("354 End data with <CR><LF>.<CR><LF>")
        chunks = []
        while True:
            raw = self.file.readline(1 << 20)
            if not raw:
                raise EOFError
            if raw == b".\r\n":
                break
            if raw.startswith(b".."):
                raw = raw[1:]
            chunks.append(raw)
        store(self.args.out, self.mail_from, self.rcpt, b"".join(chunks))
        self.reply("250 2.0.0 Ok: queued")
        self.mail_from = None
        self.rcpt = []

    def run(self):
        self.reply("220 localhost ESMTP test server")
        while True:
            text = self.line()
            words = text.split(" ")
            verb = words[0].upper()
            if verb in ("EHLO", "HELO"):
                self.ehlo()
            elif verb == "STARTTLS" and not self.secure and self.args.cert:
                self.reply("220 2.0.0 Ready to start TLS")
                self.file.close()
                self.conn = self.context.wrap_socket(self.conn, server_side=True)
                self.file = self.conn.makefile("rb")
                self.secure = True
            elif verb == "AUTH":
                self.auth(words)
            elif verb == "MAIL":
                if self.args.user and not self.authenticated:
                    self.reply("530 5.7.0 Authentication required")
                else:
                    self.mail_from = text.split(":", 1)[1].strip()
                    self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                address = text.split(":", 1)[1].strip().strip("<>")
                if address in (self.args.refuse or []):
                    self.reply("550 5.1.1 <%s>: Recipient address rejected: User unknown" % address)
                else:
                    self.rcpt.append(address)
                    self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                if not self.rcpt:
                    self.reply("554 5.5.1 No valid recipients")
                else:
                    self.data()
            elif verb == "RSET":
                self.mail_from = None
                self.rcpt = []
                self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Command not recognized")


def decoded(value):
    if value is None:
        return ""
    return str(email.header.make_header(email.header.decode_header(value)))


def store(out, mail_from, rcpt, raw):
    n = len([name for name in os.listdir(out) if name.endswith(".eml")]) + 1
    base = os.path.join(out, str(n))
    with open(base + ".eml", "wb") as f:
        f.write(raw)
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    info = configparser.ConfigParser(interpolation=None)
    info["message"] = {
        "mail_from": mail_from,
        "rcpt_to": ",".join(rcpt),
        "from": decoded(message["From"]),
        "to": decoded(message["To"]),
        "reply_to": decoded(message["Reply-To"]),
        "subject": decoded(message["Subject"]),
        "date": message["Date"] or "",
        "message_id": message["Message-ID"] or "",
        "content_type": message.get_content_type(),
        "defects": str(len(message.defects)),
    }
    attachments = 0
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename is None and part.get_content_type() == "text/plain":
            body = part.get_payload(decode=True).decode(part.get_content_charset() or "ascii")
            with open(base + ".txt", "w", encoding="utf-8") as f:
                f.write(body)
            info["message"]["body_encoding"] = part.get("Content-Transfer-Encoding", "")
            continue
        path = "%s.part%d" % (base, attachments)
        with open(path, "wb") as f:
            f.write(part.get_payload(decode=True))
        info["attachment%d" % attachments] = {
            "filename": decoded(filename or ""),
            "content_type": part.get_content_type(),
            "path": path,
        }
        attachments += 1
    info["message"]["attachments"] = str(attachments)
    with open(base + ".ini.tmp", "w", encoding="utf-8") as f:
        info.write(f)
    os.rename(base + ".ini.tmp", base + ".ini")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--no-starttls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--refuse", action="append")
    args = parser.parse_args()

    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)

    parent = os.getppid()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    with open(args.port_file + ".tmp", "w") as f:
        f.write("%d\n" % server.getsockname()[1])
    os.rename(args.port_file + ".tmp", args.port_file)

    while os.getppid() == parent:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            continue
        conn.settimeout(30)
        try:
            if args.tls:
                conn = context.wrap_socket(conn, server_side=True)
            Session(conn, args, context).run()
        except (EOFError, OSError, ssl.SSLError) as error:
            print("smtp_server: %s" % error, file=sys.stderr)
        finally:
            try:
                conn.close()
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
