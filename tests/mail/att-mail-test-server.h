/* att-mail-test-server.h: tests/mail/smtp_server.py, for the C tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server listens on 127.0.0.1 with a certificate for "localhost"
 * made by att_mail_test_make_certificate() with openssl; it reads each
 * message it accepts with Python's own e-mail parser and writes what it
 * found to N.ini in its folder (see smtp_server.py).
 */
#pragma once

#include "att-mail.h"

G_BEGIN_DECLS

typedef struct
{
  GPid   pid;
  guint  port;
  char  *dir;     /* the messages it received */
} Server;

/* Makes the certificate (once per test program) and removes it. */
void              att_mail_test_make_certificate   (void);
void              att_mail_test_remove_certificate (void);

/* Starts the server with smtp_server.py's options, NULL-terminated
 * ("--user", "office", "--password", "pa55 word", "--tls", ...), and
 * waits until it listens. */
Server           *server_start     (const char *first_option,
                                    ...);
void              server_stop      (Server     *server);
/* What the server read of message @n (from 1), or NULL when it has none. */
GKeyFile         *server_message   (Server     *server,
                                    guint       n);
/* A value of it, which must be there. */
char             *message_value    (GKeyFile   *file,
                                    const char *group,
                                    const char *key);
/* Settings for the server: localhost, its port, @security, the user
 * "office" with the password "pa55 word", from office@hillside.example
 * ("Hillside Primary School"), replies to attendance@hillside.example,
 * and the test's certificate as the school's CA file. */
AttMailSettings  *settings_for     (Server     *server,
                                    AttMailSecurity security);

G_END_DECLS
