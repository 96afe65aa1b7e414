/* att-cli-setup.c: init, demo, users, school, calendar, backup and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-demo.h"

int
att_cli_cmd_init (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  const char *school = att_cli_opt (ctx, "school");
  const struct { const char *option; const char *key; } settings[] = {
    { "school", "name" },
    { "urn", "urn" },
    { "la", "la" },
  };
  const char *keys[G_N_ELEMENTS (settings) + 1] = { NULL };
  const char *values[G_N_ELEMENTS (settings) + 1] = { NULL };
  guint n = 0;

  if (school == NULL)
    return att_cli_usage (ctx, _("--school NAME is required: the school's name"));

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const char *value = att_cli_opt (ctx, settings[i].option);

      if (value == NULL)
        continue;
      keys[n] = settings[i].key;
      values[n++] = value;
    }

  /* The window's first run makes a school through the same function: the
   * whole school is there afterwards, or nothing is. */
  if (!att_school_create (ctx->db_path, keys, values, &error))
    return att_cli_refuse (error);

  g_print (_("Created the database of %s at %s\n"), school, ctx->db_path);
  return ATT_CLI_OK;
}

int
att_cli_cmd_demo (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  AttDemoOptions options;
  const char *seed_text = att_cli_opt (ctx, "seed");
  int status;

  att_demo_options_init (&options);

  if ((status = att_cli_opt_uint (ctx, "pupils", 100000, &options.pupils)) != ATT_CLI_OK ||
      (status = att_cli_opt_uint (ctx, "years", 20, &options.years)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "as-of", &options.as_of)) != ATT_CLI_OK)
    return status;
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &options.seed, NULL))
    return att_cli_usage (ctx, _("--seed: “%s” is not a whole number"), seed_text);
  if (options.pupils == 0)
    return att_cli_usage (ctx, _("--pupils: a demo school needs at least one pupil"));
  if (options.years == 0)
    return att_cli_usage (ctx, _("--years: a demo school needs at least one school year"));

  if (!att_demo_create (ctx->db_path, &options, &error))
    return att_cli_refuse (error);

  g_print (_("Created a demo school with %u pupils at %s\n"), options.pupils, ctx->db_path);
  return ATT_CLI_OK;
}

int
att_cli_cmd_users_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *name = att_cli_arg (ctx, 0);
  const char *role_text = att_cli_opt (ctx, "role");
  const char *position = att_cli_opt (ctx, "position");
  AttRole role;
  int status;

  if (role_text == NULL)
    return att_cli_usage (ctx, _("--role ROLE is required: receptionist, attendance-officer, headteacher or admin"));
  if (!att_role_parse (role_text, &role, &error))
    return att_cli_usage (ctx, "--role: %s", error->message);

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;

  if (att_cli_flag (ctx, "password-stdin"))
    {
      char *password = att_cli_read_password (ctx);
      gint64 id;

      if (password == NULL)
        return ATT_CLI_REFUSED;
      id = att_users_add_with_password (ctx->db, user, name, role, position ? position : "",
                                        password, &error);
      att_cli_free_password (password);
      if (id <= 0)
        return att_cli_refuse (error);
    }
  else if (att_users_add (ctx->db, user, name, role, position ? position : "", &error) <= 0)
    return att_cli_refuse (error);

  g_print (_("Added %s (%s)\n"), name, att_role_to_string (role));
  return ATT_CLI_OK;
}

int
att_cli_cmd_users_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  users = att_users_list (ctx->db, &error);
  if (users == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < users->len; i++)
        {
          AttUser *user = g_ptr_array_index (users, i);

          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", user->id);
          att_cli_json_string (writer, "name", user->name);
          att_cli_json_string (writer, "role", att_role_to_string (user->role));
          att_cli_json_string (writer, "position", user->position ? user->position : "");
          att_cli_json_bool (writer, "active", !user->deactivated);
          att_cli_json_bool (writer, "deputy", user->deputy);
          att_cli_json_bool (writer, "password", att_users_has_password (ctx->db, user->id));
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("ID"), _("Name"), _("Role"), _("Position"),
                                                        _("Status"), NULL);

      att_cli_table_align_right (table, 0);
      for (guint i = 0; i < users->len; i++)
        {
          AttUser *user = g_ptr_array_index (users, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
          g_autoptr(GString) status = g_string_new (NULL);

          /* Translators: the status column of "users list" */
          g_string_append (status, user->deactivated ? _("deactivated") : _("active"));
          if (user->deputy)
            g_string_append (status, _(", deputy"));
          if (!att_users_has_password (ctx->db, user->id))
            g_string_append (status, _(", no password"));
          att_cli_table_add_row (table, id, user->name, att_role_to_string (user->role),
                                 user->position ? user->position : "", status->str, NULL);
        }
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}

int
att_cli_cmd_school_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *key = att_cli_arg (ctx, 0);
  const char *value = att_cli_arg (ctx, 1);
  const char * const *keys = att_school_keys ();
  int status;

  if (!g_strv_contains (keys, key))
    {
      g_autofree char *list = g_strjoinv (", ", (char **)keys);
      return att_cli_usage (ctx, _("Unknown setting “%s”: the settings are %s"), key, list);
    }

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;

  if (!att_school_set (ctx->db, user, key, value, &error))
    return att_cli_refuse (error);

  {
    g_autofree char *stored = att_school_get (ctx->db, key);
    g_autofree char *shown = att_text_escape (stored);

    g_print ("%s = %s\n", key, shown);
  }
  return ATT_CLI_OK;
}

int
att_cli_cmd_school_show (AttCliContext *ctx)
{
  const char * const *keys;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  keys = att_school_keys ();
  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);
      g_autoptr(AttSchool) school = att_school_load (ctx->db);

      att_cli_json_begin_object (writer);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = NULL;

          /* The settings that are not text keep their JSON type. */
          if (strcmp (keys[i], "threshold_counts_n") == 0)
            att_cli_json_bool (writer, keys[i], school->threshold_counts_n);
          else if (strcmp (keys[i], "n_resolve_days") == 0)
            att_cli_json_int (writer, keys[i], school->n_resolve_days);
          else if (strcmp (keys[i], "lock_minutes") == 0)
            att_cli_json_int (writer, keys[i], school->lock_minutes);
          else
            {
              value = att_school_get (ctx->db, keys[i]);
              att_cli_json_string (writer, keys[i], value);
            }
        }
      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) table = att_cli_table_new (_("Setting"), _("Value"), NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = att_school_get (ctx->db, keys[i]);
          att_cli_table_add_row (table, keys[i], value ? value : "", NULL);
        }
      att_cli_table_print (table);
    }
  return ATT_CLI_OK;
}

int
att_cli_cmd_term_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *name = att_cli_arg (ctx, 0);
  AttDate start = ATT_DATE_NONE, end = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_parse_date (ctx, "START", att_cli_arg (ctx, 1), &start)) != ATT_CLI_OK ||
      (status = att_cli_parse_date (ctx, "END", att_cli_arg (ctx, 2), &end)) != ATT_CLI_OK)
    return status;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;

  if (att_calendar_add_term (ctx->db, user, name, start, end, &error) <= 0)
    return att_cli_refuse (error);

  g_print (_("Added the term %s: %s to %s\n"), name, att_cli_arg (ctx, 1), att_cli_arg (ctx, 2));
  return ATT_CLI_OK;
}

int
att_cli_cmd_closure_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *reason = att_cli_opt (ctx, "reason");
  const char *session_text = att_cli_opt (ctx, "session");
  AttDate start = ATT_DATE_NONE, end = ATT_DATE_NONE;
  AttSession session;
  int session_value = -1;
  int status;

  if ((status = att_cli_parse_date (ctx, "START", att_cli_arg (ctx, 0), &start)) != ATT_CLI_OK ||
      (status = att_cli_parse_date (ctx, "END", att_cli_arg (ctx, 1), &end)) != ATT_CLI_OK)
    return status;
  if (end == ATT_DATE_NONE)
    end = start;
  if (reason == NULL)
    return att_cli_usage (ctx, _("--reason TEXT is required: why the school is closed"));
  if (session_text != NULL)
    {
      if ((status = att_cli_parse_session (ctx, "--session", session_text, &session)) != ATT_CLI_OK)
        return status;
      session_value = session;
    }

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;

  if (att_calendar_add_closure (ctx->db, user, start, end, session_value, reason, &error) <= 0)
    return att_cli_refuse (error);

  {
    g_autofree char *from = att_date_format (start);
    g_autofree char *to = att_date_format (end);

    if (session_value >= 0)
      g_print (_("Added a closure: %s to %s, %s sessions (%s)\n"), from, to,
               att_session_to_string (session_value), reason);
    else
      g_print (_("Added a closure: %s to %s (%s)\n"), from, to, reason);
  }
  return ATT_CLI_OK;
}

/* The whole school year holding today when no dates are given. */
static void
default_school_year (AttDate *from,
                     AttDate *to)
{
  AttDate today = att_date_today ();
  int y, m, d;

  if (*from == ATT_DATE_NONE)
    *from = att_date_school_year_start (*to != ATT_DATE_NONE ? *to : today);
  if (*to == ATT_DATE_NONE)
    {
      att_date_to_ymd (att_date_school_year_start (*from), &y, &m, &d);
      *to = att_date_from_ymd (y + 1, 8, 31);
    }
}

int
att_cli_cmd_calendar_show (AttCliContext *ctx)
{
  AttCalendar *calendar;
  const AttSessionSlot *slots;
  guint n_slots;
  AttDate from = ATT_DATE_NONE, to = ATT_DATE_NONE;
  gboolean json = att_cli_flag (ctx, "json");
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  default_school_year (&from, &to);
  if (from > to)
    return att_cli_usage (ctx, _("--from must not be after --to"));

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  calendar = att_db_get_calendar (ctx->db);
  slots = att_calendar_get_sessions (calendar, &n_slots);

  if (json)
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    {
      table = att_cli_table_new (_("Date"), _("Day"), _("Sessions"), _("School week"), NULL);
      att_cli_table_align_right (table, 3);
    }

  for (guint i = att_calendar_session_index (calendar, from); i < n_slots && slots[i].date <= to; )
    {
      AttDate date = slots[i].date;
      guint32 week = slots[i].week;
      gboolean am = FALSE, pm = FALSE;
      g_autofree char *date_text = att_date_format (date);

      for (; i < n_slots && slots[i].date == date; i++)
        {
          if (slots[i].session == ATT_SESSION_AM)
            am = TRUE;
          else
            pm = TRUE;
        }

      if (json)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "date", date_text);
          att_cli_json_member (writer, "sessions");
          att_cli_json_begin_array (writer);
          if (am)
            att_cli_json_add_string (writer, "am");
          if (pm)
            att_cli_json_add_string (writer, "pm");
          att_cli_json_end_array (writer);
          att_cli_json_int (writer, "school_week", week);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autoptr(GDateTime) dt = NULL;
          g_autofree char *day = NULL;
          g_autofree char *week_text = g_strdup_printf ("%u", week);
          int y, m, d;

          att_date_to_ymd (date, &y, &m, &d);
          dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
          day = g_date_time_format (dt, "%a");
          att_cli_table_add_row (table, date_text, day,
                                 am && pm ? "am pm" : am ? "am" : "pm", week_text, NULL);
        }
    }

  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

int
att_cli_cmd_backup (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  const char *dest = att_cli_arg (ctx, 0);

  /* Without a file, a checked backup into the backup folder. */
  if (dest == NULL)
    return att_cli_cmd_backup_folder (ctx);
  if (att_cli_opt (ctx, "to") != NULL)
    return att_cli_usage (ctx, _("Give a FILE or --to DIR, not both"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_db_backup (ctx->db, dest, &error))
    return att_cli_refuse (error);

  g_print (_("Backed up %s to %s\n"), ctx->db_path, dest);
  return ATT_CLI_OK;
}

/* Prints each problem the check found; returns how many there were. */
static guint
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *)g_ptr_array_index (problems, i));
  return problems->len;
}

int
att_cli_cmd_check (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roll = g_ptr_array_new_with_free_func (g_free);
  gboolean repair = att_cli_flag (ctx, "repair");

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  /* Files others may read are a warning, not a damaged register: said on
   * stdout with the findings, so that a refusal stays one line. */
  att_db_check_access (ctx->db, warnings);
  for (guint i = 0; i < warnings->len; i++)
    g_print (_("Warning: %s\n"), (const char *)g_ptr_array_index (warnings, i));

  if (!att_db_check (ctx->db, problems, &error))
    {
      print_problems (problems);
      return att_cli_refuse (error);
    }

  /* The marks and their history are the record; the compact copy the
   * figures are read from can always be built again from them. A damaged
   * file is another matter: only a backup mends that. */
  if (problems->len > 0 && repair)
    {
      print_problems (problems);
      if (!att_register_rebuild_cache (ctx->db, &error))
        return att_cli_refuse (error);
      g_print (_("Rebuilt the saved copy of the register from the marks\n"));
      g_ptr_array_set_size (problems, 0);
      if (!att_db_check (ctx->db, problems, &error))
        return att_cli_refuse (error);
      if (problems->len > 0)
        {
          print_problems (problems);
          return att_cli_refuse_msg (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u problem in %s remains after the repair: "
                                                  "restore the latest backup",
                                                  "%u problems in %s remain after the repair: "
                                                  "restore the latest backup",
                                                  problems->len),
                                     problems->len, ctx->db_path);
        }
    }

  /* Marks outside a pupil's roll are the record itself, not its copy: no
   * repair mends them, the office corrects the dates or the marks. */
  if (!att_pupils_check_roll_marks (ctx->db, roll, &error))
    return att_cli_refuse (error);

  if (problems->len == 0 && roll->len == 0)
    {
      g_print ("ok\n");
      return ATT_CLI_OK;
    }
  print_problems (problems);
  print_problems (roll);
  if (problems->len == 0)
    return att_cli_refuse_msg (g_dngettext (GETTEXT_PACKAGE,
                                            "%u pupil in %s has marks outside their roll: "
                                            "correct the admission or leaving date, or the marks",
                                            "%u pupils in %s have marks outside their roll: "
                                            "correct the admission or leaving date, or the marks",
                                            roll->len),
                               roll->len, ctx->db_path);
  return att_cli_refuse_msg (g_dngettext (GETTEXT_PACKAGE,
                                          "The check found %u problem in %s; "
                                          "“check --repair” mends the saved copy of the register",
                                          "The check found %u problems in %s; "
                                          "“check --repair” mends the saved copy of the register",
                                          problems->len),
                             problems->len, ctx->db_path);
}
