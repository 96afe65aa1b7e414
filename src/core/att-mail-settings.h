/* att-mail-settings.h: the school's mail server, for letters sent by e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings live in the database's settings table beside the school's
 * (keys "mail.host", "mail.port", ...), so that the window and
 * attendance-cli send through the same server. They are changed only by
 * a user with ATT_PERM_SETTINGS, and every change is in the audit log,
 * the password's as "changed" or "cleared", never its text.
 *
 * The password is kept in the database, not in a keyring: attendance-cli
 * sends letters from scripts and scheduled jobs where no desktop session
 * (and so no Secret Service) is running, and the window and the command
 * must send through the same account. The database is already the most
 * private file the school keeps (pupils' details and medical notes),
 * readable by its owner only (0600 in a 0700 folder), and its backups
 * are made the same way; a school should give the program an account of
 * its own on the mail server that can only send.
 *
 * Sending is src/mail's (att-mail.h), which links libcurl; this file
 * links nothing more than the core, so the commands that only show or
 * change the settings load no mail library.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* How the connection to the mail server is secured. */
typedef enum
{
  ATT_MAIL_STARTTLS,    /* plain connection made secure with STARTTLS (port 587) */
  ATT_MAIL_TLS,         /* TLS from the start (port 465) */
  ATT_MAIL_NONE,        /* no encryption: only for a server on this computer */
  ATT_MAIL_N_SECURITIES
} AttMailSecurity;

const char *att_mail_security_to_string (AttMailSecurity  security);  /* "starttls", "tls", "none" */
const char *att_mail_security_describe  (AttMailSecurity  security);  /* translated */
gboolean    att_mail_security_parse     (const char      *text,
                                         AttMailSecurity *security,
                                         GError         **error);
/* The usual port of a kind of connection: 587, 465 or 25. */
guint       att_mail_security_default_port (AttMailSecurity security);

typedef struct
{
  char            *host;          /* "smtp.office365.com"; NULL or "" when not set up */
  guint            port;          /* 0 for the security's usual port */
  AttMailSecurity  security;
  char            *username;      /* NULL to send without signing in */
  char            *password;
  char            *from_address;  /* "office@school.example" */
  char            *from_name;     /* "Hillside Primary School"; NULL: the school's name */
  char            *reply_to;      /* NULL for none */
  char            *ca_file;       /* a PEM file of the certificate authorities to trust
                                   * besides the system's (a school's own); NULL for none */
} AttMailSettings;

AttMailSettings    *att_mail_settings_new       (void);
AttMailSettings    *att_mail_settings_copy      (const AttMailSettings *settings);
void                att_mail_settings_free      (AttMailSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttMailSettings, att_mail_settings_free)

/* The keys `mail set` takes, NULL-terminated: host, port, security,
 * username, password, from_address, from_name, reply_to, ca_file. */
const char * const *att_mail_settings_keys      (void);

/* The stored settings (where nothing is stored: STARTTLS, port 0 for the
 * usual one, NULL). */
AttMailSettings    *att_mail_settings_load      (AttDb           *db,
                                                 GError         **error);

/* Whether @address is one plain e-mail address, name@domain, with no
 * spaces, display name or angle brackets. */
gboolean            att_mail_address_is_valid   (const char      *address);

/* Whether the settings name a server and a from address: e-mail can be
 * sent. */
gboolean            att_mail_settings_is_set_up (const AttMailSettings *settings);

/* The port the connection uses: the one set, else the security's usual one. */
guint               att_mail_settings_get_port  (const AttMailSettings *settings);

/* Checks the settings together: a host name (letters, digits, dots,
 * hyphens, or an IP address), a port 1 to 65535, no encryption only for
 * localhost (127.0.0.1, ::1), e-mail addresses with an @ and no spaces,
 * a CA file that can be read. With @require_server (to send), also a
 * host, a from address, and a user name when there is a password; without
 * it (to store them one at a time), those may still be missing. */
gboolean            att_mail_settings_check     (const AttMailSettings *settings,
                                                 gboolean         require_server,
                                                 GError         **error);

/* Stores every setting in one change after att_mail_settings_check();
 * needs ATT_PERM_SETTINGS; one audit row (kind setting, "school.mail")
 * lists what changed, the password as "changed" or "cleared". */
gboolean            att_mail_settings_save      (AttDb           *db,
                                                 const AttUser   *user,
                                                 const AttMailSettings *settings,
                                                 GError         **error);

/* Sets one setting by its key (att_mail_settings_keys()) and stores all
 * of them as att_mail_settings_save() does. */
gboolean            att_mail_settings_set       (AttDb           *db,
                                                 const AttUser   *user,
                                                 const char      *key,
                                                 const char      *value,
                                                 GError         **error);

/* The value of @key as `mail show` prints it; the password is never
 * shown: "set" or "" (not set). */
char               *att_mail_settings_get       (const AttMailSettings *settings,
                                                 const char      *key);

G_END_DECLS
