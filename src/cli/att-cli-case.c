/* att-cli-case.c: meetings with a family, support and agencies, and the
 * chronology of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-case.h"

static int
parse_meeting_id (AttCliContext *ctx,
                  gint64        *id)
{
  const char *text = att_cli_arg (ctx, 0);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return att_cli_usage (ctx, _("ID: “%s” is not a meeting number"), text);
  *id = (gint64)value;
  return ATT_CLI_OK;
}

static char *
time_text (gint time)
{
  return time >= 0 ? att_time_format (time) : g_strdup ("");
}

static void
json_date_or_null (AttCliJson *w,
                   const char *key,
                   AttDate     date)
{
  att_cli_json_member (w, key);
  if (date != ATT_DATE_NONE)
    att_cli_json_add_date (w, date);
  else
    att_cli_json_add_null (w);
}

static void
json_id_or_null (AttCliJson *w,
                 const char *key,
                 gint64      id)
{
  att_cli_json_member (w, key);
  if (id != 0)
    att_cli_json_add_int (w, id);
  else
    att_cli_json_add_null (w);
}

/* ------------------------------------------------------------------ */
/* meeting add, meeting record                                         */

int
att_cli_cmd_meeting_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttMeeting) meeting = att_meeting_new ();
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  const char *invitation = att_cli_opt (ctx, "invitation");
  AttPupil *pupil;
  gint64 id;
  int status;

  static const char * const required[] = { "date", "time", "place" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (att_cli_opt (ctx, required[i]) == NULL)
      return att_cli_usage (ctx, _("--%s is required"), required[i]);
  if ((status = att_cli_opt_date (ctx, "date", &meeting->date)) != ATT_CLI_OK
      || (status = att_cli_opt_time (ctx, "time", &meeting->time)) != ATT_CLI_OK)
    return status;
  if (invitation != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (invitation, 10, 1, G_MAXINT64, &value, NULL))
        return att_cli_usage (ctx, _("--invitation: “%s” is not a letter number (see letters log)"), invitation);
      meeting->invitation_letter_id = (gint64)value;
    }
  meeting->place = g_strdup (att_cli_opt (ctx, "place"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  meeting->pupil_id = pupil->id;
  id = att_case_meeting_add (ctx->db, user, meeting, &error);
  if (id == 0)
    return att_cli_refuse (error);
  day = att_date_format_long (meeting->date);
  time = time_text (meeting->time);
  /* Translators: "Meeting 4 with the family of Amira Khan planned for Thu 19 Sep 2024 15:30, the library" */
  g_print (_("Meeting %" G_GINT64_FORMAT " with the family of %s planned for %s %s, %s\n"), id,
           att_pupil_get_display_name (pupil), day, time, meeting->place);
  return ATT_CLI_OK;
}

int
att_cli_cmd_meeting_record (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttMeeting) meeting = att_meeting_new ();
  const char *outcome = att_cli_opt (ctx, "outcome");
  guint target = 0;
  int status;

  if ((status = parse_meeting_id (ctx, &meeting->id)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "attended") == NULL)
    return att_cli_usage (ctx, _("--attended is required: who came to the meeting"));
  if (outcome == NULL)
    return att_cli_usage (ctx, _("--outcome is required: review, support-plan, contract or closed"));
  if (!att_meeting_outcome_parse (outcome, &meeting->outcome, &error))
    return att_cli_usage (ctx, "--outcome: %s", error->message);
  /* The core refuses a target over 10 naming the field; here only
   * what is not a number at all is a usage error. */
  if ((status = att_cli_opt_uint (ctx, "target", 1000, &target)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "review", &meeting->review_date)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "date", &meeting->date)) != ATT_CLI_OK)
    return status;
  meeting->target_sessions_per_week = target;
  meeting->attended = g_strdup (att_cli_opt (ctx, "attended"));
  meeting->absent = g_strdup (att_cli_opt (ctx, "absent"));
  meeting->notes = g_strdup (att_cli_opt (ctx, "notes"));
  meeting->barriers = g_strdup (att_cli_opt (ctx, "barriers"));
  meeting->actions = g_strdup (att_cli_opt (ctx, "actions"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_case_meeting_record (ctx->db, user, meeting, &error))
    return att_cli_refuse (error);
  /* Translators: "Meeting 4 recorded: Attendance contract" */
  g_print (_("Meeting %" G_GINT64_FORMAT " recorded: %s\n"), meeting->id,
           att_meeting_outcome_describe (meeting->outcome));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* meeting list                                                        */

static void
meeting_json (AttCliJson       *w,
              const AttMeeting *m)
{
  g_autofree char *time = m->time >= 0 ? att_time_format (m->time) : NULL;

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", m->id);
  att_cli_json_string (w, "upn", m->upn);
  att_cli_json_string (w, "name", m->pupil_name);
  att_cli_json_date (w, "date", m->date);
  att_cli_json_string (w, "time", time);
  att_cli_json_string (w, "place", m->place);
  json_id_or_null (w, "invitation_letter_id", m->invitation_letter_id);
  att_cli_json_string (w, "planned_by", m->user);
  att_cli_json_string (w, "planned_at", m->at);
  att_cli_json_bool (w, "held", att_meeting_is_held (m));
  att_cli_json_string (w, "attended", m->attended);
  att_cli_json_string (w, "absent", m->absent);
  att_cli_json_string (w, "notes", m->notes);
  att_cli_json_string (w, "barriers", m->barriers);
  att_cli_json_string (w, "actions", m->actions);
  att_cli_json_member (w, "target_sessions_per_week");
  if (m->target_sessions_per_week > 0)
    att_cli_json_add_int (w, m->target_sessions_per_week);
  else
    att_cli_json_add_null (w);
  json_date_or_null (w, "review_date", m->review_date);
  att_cli_json_string (w, "outcome", att_meeting_outcome_to_string (m->outcome));
  json_id_or_null (w, "outcome_letter_id", m->outcome_letter_id);
  att_cli_json_string (w, "recorded_by", m->recorded_by);
  att_cli_json_string (w, "recorded_at", m->recorded_at);
  att_cli_json_end_object (w);
}

int
att_cli_cmd_meeting_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  gint64 pupil_id = 0;

  if (!att_cli_optional_pupil (ctx, &pupil_id))
    return ATT_CLI_REFUSED;
  list = att_case_meetings (ctx->db, pupil_id, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Date"), _("Time"), _("Place"), _("Outcome"),
                               _("Target"), _("Review"), _("Letter"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttMeeting *m = g_ptr_array_index (list, i);
      g_autofree char *id = NULL;
      g_autofree char *day = NULL;
      g_autofree char *time = NULL;
      g_autofree char *target = NULL;
      g_autofree char *review = NULL;
      g_autofree char *letter = NULL;

      if (writer != NULL)
        {
          meeting_json (writer, m);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
      day = att_date_format (m->date);
      time = time_text (m->time);
      target = m->target_sessions_per_week > 0 ? g_strdup_printf ("%u", m->target_sessions_per_week)
                                               : g_strdup ("");
      review = m->review_date != ATT_DATE_NONE ? att_date_format (m->review_date) : g_strdup ("");
      letter = m->outcome_letter_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, m->outcome_letter_id)
                                         : g_strdup ("");
      att_cli_table_add_row (table, id, m->upn, m->pupil_name, day, time, m->place,
                             att_meeting_outcome_to_string (m->outcome), target, review, letter, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* meeting letter, meeting invite                                      */

static int
letter_command (AttCliContext *ctx,
                gboolean       invitation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttMeeting) meeting = NULL;
  const char *out = att_cli_opt (ctx, "out");
  AttLetterDelivery delivery = ATT_LETTER_POST;
  gint64 id = 0;
  int status;

  if ((status = parse_meeting_id (ctx, &id)) != ATT_CLI_OK)
    return status;
  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the letters"));
  if (att_cli_opt (ctx, "delivery") != NULL
      && !att_letter_delivery_parse (att_cli_opt (ctx, "delivery"), &delivery, &error))
    return att_cli_usage (ctx, "--delivery: %s", error->message);
  /* The letters are addressed for paper: posted or handed over. */
  if (att_cli_opt (ctx, "delivery") != NULL && delivery != ATT_LETTER_POST && delivery != ATT_LETTER_BY_HAND)
    return att_cli_usage (ctx, _("--delivery: a meeting's letters go by post or by hand"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_user_require (user, ATT_PERM_CASEWORK, &error)
      || !att_user_require (user, ATT_PERM_LETTERS, &error))
    return att_cli_refuse (error);
  meeting = att_case_meeting_get (ctx->db, id, &error);
  if (meeting == NULL)
    return att_cli_refuse (error);
  if (!invitation && !att_meeting_is_held (meeting))
    {
      g_autoptr(AttLetterBatch) batch = att_case_meeting_outcome_letter (ctx->db, id, att_date_today (), &error);

      return att_cli_refuse (error);
    }
  return att_cli_case_letter_pdf (ctx, user, id, invitation, out);
}

int
att_cli_cmd_meeting_letter (AttCliContext *ctx)
{
  return letter_command (ctx, FALSE);
}

int
att_cli_cmd_meeting_invite (AttCliContext *ctx)
{
  return letter_command (ctx, TRUE);
}

/* ------------------------------------------------------------------ */
/* support add, support list                                           */

int
att_cli_cmd_support_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttCaseSupport) support = att_case_support_new ();
  g_autofree char *day = NULL;
  const char *kind = att_cli_opt (ctx, "kind");
  AttPupil *pupil;
  gint64 id;
  int status;

  if (kind == NULL)
    return att_cli_usage (ctx, _("--kind is required: early-help, agency or support"));
  if (!att_case_support_kind_parse (kind, &support->kind, &error))
    return att_cli_usage (ctx, "--kind: %s", error->message);
  if (att_cli_opt (ctx, "detail") == NULL)
    return att_cli_usage (ctx, _("--detail is required: what was offered or done"));
  if ((status = att_cli_opt_date_or_today (ctx, "date", &support->date)) != ATT_CLI_OK)
    return status;
  support->agency = g_strdup (att_cli_opt (ctx, "agency"));
  support->detail = g_strdup (att_cli_opt (ctx, "detail"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  support->pupil_id = pupil->id;
  id = att_case_support_add (ctx->db, user, support, &error);
  if (id == 0)
    return att_cli_refuse (error);
  day = att_date_format_long (support->date);
  /* Translators: "Support entry 3 for Amira Khan on Tue 10 Sep 2024: Agency involved" */
  g_print (_("Support entry %" G_GINT64_FORMAT " for %s on %s: %s\n"), id, att_pupil_get_display_name (pupil),
           day, att_case_support_kind_describe (support->kind));
  return ATT_CLI_OK;
}

int
att_cli_cmd_support_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttPupil *pupil;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  list = att_case_support (ctx->db, pupil->id, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("Date"), _("Kind"), _("Agency"), _("Detail"), _("Recorded by"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttCaseSupport *s = g_ptr_array_index (list, i);
      g_autofree char *id = NULL;
      g_autofree char *day = NULL;

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", s->id);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_date (writer, "date", s->date);
          att_cli_json_string (writer, "kind", att_case_support_kind_to_string (s->kind));
          att_cli_json_string (writer, "agency", s->agency);
          att_cli_json_string (writer, "detail", s->detail);
          att_cli_json_string (writer, "recorded_by", s->user);
          att_cli_json_string (writer, "recorded_at", s->at);
          att_cli_json_end_object (writer);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
      day = att_date_format (s->date);
      att_cli_table_add_row (table, id, day, att_case_support_kind_to_string (s->kind), s->agency, s->detail,
                             s->user, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* chronology                                                          */

int
att_cli_cmd_chronology (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *csv = att_cli_opt (ctx, "csv");
  const char *out = att_cli_opt (ctx, "out");
  AttDate from = ATT_DATE_NONE, to = ATT_DATE_NONE;
  AttPupil *pupil;
  int status;

  if ((att_cli_flag (ctx, "json") ? 1 : 0) + (csv != NULL ? 1 : 0) + (out != NULL ? 1 : 0) > 1)
    return att_cli_usage (ctx, _("give one of --json, --csv FILE and --out FILE.pdf"));
  if ((status = att_cli_opt_date (ctx, "from", &from)) != ATT_CLI_OK
      || (status = att_cli_opt_date (ctx, "to", &to)) != ATT_CLI_OK)
    return status;
  if (from != ATT_DATE_NONE && to != ATT_DATE_NONE && from > to)
    return att_cli_usage (ctx, _("--from is after --to"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (out != NULL)
    return att_cli_case_chronology_pdf (ctx, pupil->id, from, to, out);
  events = att_case_chronology (ctx->db, pupil->id, from, to, &error);
  if (events == NULL)
    return att_cli_refuse (error);
  if (csv != NULL)
    {
      if (!att_case_chronology_write_csv (events, csv, &error))
        return att_cli_refuse (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u entry to %s\n", "Wrote %u entries to %s\n", events->len),
               events->len, csv);
      return ATT_CLI_OK;
    }

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("Date"), _("Time"), _("Kind"), _("What happened"), _("By"), NULL);
  for (guint i = 0; i < events->len; i++)
    {
      AttCaseEvent *event = g_ptr_array_index (events, i);
      g_autofree char *day = att_date_format (event->date);
      g_autofree char *time = time_text (event->time);
      g_autofree char *what = NULL;

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", event->source_id);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_date (writer, "date", event->date);
          att_cli_json_string (writer, "time", event->time >= 0 ? time : NULL);
          att_cli_json_string (writer, "kind", att_case_event_kind_to_string (event->kind));
          att_cli_json_string (writer, "title", event->title);
          att_cli_json_string (writer, "detail", event->detail);
          att_cli_json_string (writer, "user", event->user);
          att_cli_json_end_object (writer);
          continue;
        }
      /* One line a row: the detail's lines joined. */
      if (*event->detail != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (event->detail, "\n", -1);
          g_autofree char *joined = g_strjoinv ("; ", lines);

          what = g_strdup_printf ("%s (%s)", event->title, joined);
        }
      else
        what = g_strdup (event->title);
      att_cli_table_add_row (table, day, time, att_case_event_kind_to_string (event->kind), what, event->user,
                             NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}
