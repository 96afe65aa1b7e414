/* att-mail-settings.c: the school's mail server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the password is kept, and why there, is said in
 * att-mail-settings.h. It is never written to the audit log, never
 * printed by `mail show`, and never passed on a command line.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-mail-settings.h"
#include "att-text.h"
#include "att-users.h"

/* ------------------------------------------------------------------ */
/* Security                                                           */
/* ------------------------------------------------------------------ */

static const char * const security_names[ATT_MAIL_N_SECURITIES] = {
  "starttls", "tls", "none",
};

static const char * const security_descriptions[ATT_MAIL_N_SECURITIES] = {
  N_("STARTTLS"), N_("TLS from the start"), N_("None (this computer only)"),
};

static const guint security_ports[ATT_MAIL_N_SECURITIES] = { 587, 465, 25 };

const char *
att_mail_security_to_string (AttMailSecurity security)
{
  g_return_val_if_fail ((guint) security < ATT_MAIL_N_SECURITIES, NULL);
  return security_names[security];
}

const char *
att_mail_security_describe (AttMailSecurity security)
{
  g_return_val_if_fail ((guint) security < ATT_MAIL_N_SECURITIES, NULL);
  return _(security_descriptions[security]);
}

gboolean
att_mail_security_parse (const char       *text,
                         AttMailSecurity  *security,
                         GError          **error)
{
  for (guint i = 0; i < ATT_MAIL_N_SECURITIES; i++)
    if (text != NULL && g_ascii_strcasecmp (text, security_names[i]) == 0)
      {
        *security = i;
        return TRUE;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a kind of connection: use starttls, tls or none"),
               text != NULL ? text : "");
  return FALSE;
}

guint
att_mail_security_default_port (AttMailSecurity security)
{
  g_return_val_if_fail ((guint) security < ATT_MAIL_N_SECURITIES, 0);
  return security_ports[security];
}

/* ------------------------------------------------------------------ */
/* The settings                                                       */
/* ------------------------------------------------------------------ */

static const char * const keys[] = {
  "host", "port", "security", "username", "password", "from_address", "from_name",
  "reply_to", "ca_file", NULL,
};

const char * const *
att_mail_settings_keys (void)
{
  return keys;
}

AttMailSettings *
att_mail_settings_new (void)
{
  AttMailSettings *settings = g_new0 (AttMailSettings, 1);

  settings->security = ATT_MAIL_STARTTLS;
  return settings;
}

AttMailSettings *
att_mail_settings_copy (const AttMailSettings *settings)
{
  AttMailSettings *copy = g_new0 (AttMailSettings, 1);

  copy->host = g_strdup (settings->host);
  copy->port = settings->port;
  copy->security = settings->security;
  copy->username = g_strdup (settings->username);
  copy->password = g_strdup (settings->password);
  copy->from_address = g_strdup (settings->from_address);
  copy->from_name = g_strdup (settings->from_name);
  copy->reply_to = g_strdup (settings->reply_to);
  copy->ca_file = g_strdup (settings->ca_file);
  return copy;
}

static void
wipe (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

void
att_mail_settings_free (AttMailSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->host);
  g_free (settings->username);
  wipe (&settings->password);
  g_free (settings->from_address);
  g_free (settings->from_name);
  g_free (settings->reply_to);
  g_free (settings->ca_file);
  g_free (settings);
}

/* The stored text, NULL when unset or empty. */
static char *
get_text (AttDb      *db,
          const char *key)
{
  g_autofree char *full = g_strconcat ("mail.", key, NULL);
  char *value = att_db_get_setting (db, full);

  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

AttMailSettings *
att_mail_settings_load (AttDb   *db,
                        GError **error)
{
  g_autoptr(AttMailSettings) settings = att_mail_settings_new ();
  g_autofree char *port = NULL;
  g_autofree char *security = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  settings->host = get_text (db, "host");
  settings->username = get_text (db, "username");
  settings->password = get_text (db, "password");
  settings->from_address = get_text (db, "from_address");
  settings->from_name = get_text (db, "from_name");
  settings->reply_to = get_text (db, "reply_to");
  settings->ca_file = get_text (db, "ca_file");
  port = get_text (db, "port");
  security = get_text (db, "security");
  if (port != NULL)
    settings->port = (guint) MIN (g_ascii_strtoull (port, NULL, 10), 65535);
  if (security != NULL && !att_mail_security_parse (security, &settings->security, NULL))
    settings->security = ATT_MAIL_STARTTLS;
  return g_steal_pointer (&settings);
}

gboolean
att_mail_settings_is_set_up (const AttMailSettings *settings)
{
  return settings != NULL && settings->host != NULL && settings->host[0] != '\0' &&
         settings->from_address != NULL && settings->from_address[0] != '\0';
}

guint
att_mail_settings_get_port (const AttMailSettings *settings)
{
  return settings->port != 0 ? settings->port : att_mail_security_default_port (settings->security);
}

static gboolean
empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

gboolean
att_mail_address_is_valid (const char *address)
{
  const char *at;

  if (empty (address) || strlen (address) > ATT_TEXT_LINE_MAX)
    return FALSE;
  for (const char *p = address; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || strchr ("<>()[],;:\\\"", *p) != NULL)
      return FALSE;
  at = strchr (address, '@');
  return at != NULL && at != address && at[1] != '\0' && at[1] != '.' &&
         strchr (at + 1, '@') == NULL;
}

static gboolean
is_local_host (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 || strcmp (host, "127.0.0.1") == 0 ||
         strcmp (host, "::1") == 0;
}

static gboolean
is_host_name (const char *host)
{
  if (strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != ':')
      return FALSE;
  return host[0] != '.' && host[0] != '-';
}

static gboolean
check_address (const char  *what,
               const char  *address,
               GError     **error)
{
  if (empty (address) || att_mail_address_is_valid (address))
    return TRUE;
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               /* Translators: "the from address: “office@” is not an e-mail address: ..." */
               _("%s: “%s” is not an e-mail address: write it as name@domain, for example office@school.org.uk"),
               what, address);
  return FALSE;
}

gboolean
att_mail_settings_check (const AttMailSettings  *settings,
                         gboolean                require_server,
                         GError                **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if ((guint) settings->security >= ATT_MAIL_N_SECURITIES)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The kind of connection is not known: use starttls, tls or none"));
      return FALSE;
    }
  if (empty (settings->host))
    {
      if (!require_server)
        return TRUE;
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The mail server is not set up: give its name, the port and the address "
                     "letters come from in the Mail Server settings (attendance-cli mail set)"));
      return FALSE;
    }
  if (!is_host_name (settings->host))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not the name of a mail server: write it as your e-mail provider "
                     "gives it, for example smtp.office365.com"), settings->host);
      return FALSE;
    }
  if (settings->port > 65535)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The port %u is not a port: it is a number from 1 to 65535, usually 587 "
                     "(STARTTLS) or 465 (TLS)"), settings->port);
      return FALSE;
    }
  /* A password sent without encryption can be read by anyone on the
   * network: only a server on this computer may go without. */
  if (settings->security == ATT_MAIL_NONE && !is_local_host (settings->host))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_RULE,
                   _("The mail server %s cannot be used without encryption: choose STARTTLS "
                     "or TLS (only a server on this computer, localhost, may go without)"),
                   settings->host);
      return FALSE;
    }
  if (require_server && !empty (settings->password) && empty (settings->username))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A password is set but no user name: give the user name of the mail account"));
      return FALSE;
    }
  if (!att_text_check (_("user name"), settings->username, ATT_TEXT_LINE_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("password"), settings->password, ATT_TEXT_LINE_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("from name"), settings->from_name, ATT_TEXT_LINE_MAX, ATT_TEXT_ONE_LINE, error) ||
      !att_text_check (_("CA file"), settings->ca_file, ATT_TEXT_NOTE_MAX, ATT_TEXT_ONE_LINE, error))
    return FALSE;
  if (require_server && empty (settings->from_address))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Give the address letters come from (from_address), for example office@school.org.uk"));
      return FALSE;
    }
  if (!check_address (_("the from address"), settings->from_address, error) ||
      !check_address (_("the reply-to address"), settings->reply_to, error))
    return FALSE;
  if (!empty (settings->ca_file) && g_access (settings->ca_file, R_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The certificate file “%s” cannot be read: %s"), settings->ca_file,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
att_mail_settings_get (const AttMailSettings *settings,
                       const char            *key)
{
  g_return_val_if_fail (settings != NULL && key != NULL, NULL);

  if (strcmp (key, "host") == 0)
    return g_strdup (settings->host ? settings->host : "");
  if (strcmp (key, "port") == 0)
    return g_strdup_printf ("%u", att_mail_settings_get_port (settings));
  if (strcmp (key, "security") == 0)
    return g_strdup (att_mail_security_to_string (settings->security));
  if (strcmp (key, "username") == 0)
    return g_strdup (settings->username ? settings->username : "");
  if (strcmp (key, "password") == 0)
    return g_strdup (empty (settings->password) ? "" : "set");
  if (strcmp (key, "from_address") == 0)
    return g_strdup (settings->from_address ? settings->from_address : "");
  if (strcmp (key, "from_name") == 0)
    return g_strdup (settings->from_name ? settings->from_name : "");
  if (strcmp (key, "reply_to") == 0)
    return g_strdup (settings->reply_to ? settings->reply_to : "");
  if (strcmp (key, "ca_file") == 0)
    return g_strdup (settings->ca_file ? settings->ca_file : "");
  return NULL;
}

/* The text stored for @key: what `mail show` prints, but the password's
 * own text and the port as set (0 for the usual one). */
static char *
stored_text (const AttMailSettings *settings,
             const char            *key)
{
  if (strcmp (key, "password") == 0)
    return g_strdup (settings->password ? settings->password : "");
  if (strcmp (key, "port") == 0)
    return settings->port != 0 ? g_strdup_printf ("%u", settings->port) : g_strdup ("");
  return att_mail_settings_get (settings, key);
}

gboolean
att_mail_settings_save (AttDb                 *db,
                        const AttUser         *user,
                        const AttMailSettings *settings,
                        GError               **error)
{
  g_autoptr(AttMailSettings) old = NULL;
  g_autoptr(GString) before = g_string_new ("{");
  g_autoptr(GString) after = g_string_new ("{");
  g_autoptr(GString) detail = g_string_new ("mail:");
  guint changed = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;
  if (!att_mail_settings_check (settings, FALSE, error))
    return FALSE;

  old = att_mail_settings_load (db, NULL);
  if (!att_db_begin (db, error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *full = g_strconcat ("mail.", keys[i], NULL);
      g_autofree char *was = att_db_get_setting (db, full);
      g_autofree char *now = stored_text (settings, keys[i]);
      gboolean secret = strcmp (keys[i], "password") == 0;

      if (g_strcmp0 (was != NULL ? was : "", now) == 0)
        continue;
      if (!att_db_put_setting (db, full, now, error))
        goto failed;
      /* The password is never written to the log: only that it changed. */
      if (changed++ > 0)
        {
          g_string_append_c (before, ',');
          g_string_append_c (after, ',');
        }
      att_json_append_string (before, keys[i]);
      g_string_append_c (before, ':');
      att_json_append_string (before, secret ? (empty (was) ? "" : "set") : (was ? was : ""));
      att_json_append_string (after, keys[i]);
      g_string_append_c (after, ':');
      att_json_append_string (after, secret ? (empty (now) ? "" : "set") : now);
      if (secret)
        g_string_append_printf (detail, " password %s", empty (now) ? "cleared" : "changed");
      else
        g_string_append_printf (detail, " %s = %s", keys[i], now);
      if (secret && was != NULL)
        memset (was, 0, strlen (was));
      if (secret)
        memset (now, 0, strlen (now));
    }
  if (changed == 0)
    {
      att_db_rollback (db);
      return TRUE;
    }
  g_string_append_c (before, '}');
  g_string_append_c (after, '}');
  if (!att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "school.mail", detail->str, before->str,
                         after->str, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}

gboolean
att_mail_settings_set (AttDb          *db,
                       const AttUser  *user,
                       const char     *key,
                       const char     *value,
                       GError        **error)
{
  g_autoptr(AttMailSettings) settings = NULL;
  char **field = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;
  settings = att_mail_settings_load (db, error);
  if (settings == NULL)
    return FALSE;
  if (value == NULL)
    value = "";

  if (strcmp (key, "port") == 0)
    {
      char *end = NULL;
      guint64 port = 0;

      if (value[0] != '\0')
        {
          errno = 0;
          port = g_ascii_strtoull (value, &end, 10);
          if (errno != 0 || end == value || *end != '\0' || port == 0 || port > 65535)
            {
              g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                           _("“%s” is not a port: it is a number from 1 to 65535, usually 587 "
                             "(STARTTLS) or 465 (TLS)"), value);
              return FALSE;
            }
        }
      settings->port = (guint) port;
      return att_mail_settings_save (db, user, settings, error);
    }
  if (strcmp (key, "security") == 0)
    {
      if (!att_mail_security_parse (value, &settings->security, error))
        return FALSE;
      return att_mail_settings_save (db, user, settings, error);
    }

  if (strcmp (key, "host") == 0)
    field = &settings->host;
  else if (strcmp (key, "username") == 0)
    field = &settings->username;
  else if (strcmp (key, "password") == 0)
    field = &settings->password;
  else if (strcmp (key, "from_address") == 0)
    field = &settings->from_address;
  else if (strcmp (key, "from_name") == 0)
    field = &settings->from_name;
  else if (strcmp (key, "reply_to") == 0)
    field = &settings->reply_to;
  else if (strcmp (key, "ca_file") == 0)
    field = &settings->ca_file;
  if (field == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("“%s” is not a mail setting: use host, port, security, username, password, "
                     "from_address, from_name, reply_to or ca_file"), key);
      return FALSE;
    }
  if (field == &settings->password)
    wipe (field);
  else
    g_free (*field);
  if (value[0] == '\0')
    *field = NULL;
  else if (field == &settings->password)
    *field = g_strdup (value);   /* spaces may be part of it */
  else
    *field = g_strstrip (g_strdup (value));
  return att_mail_settings_save (db, user, settings, error);
}
