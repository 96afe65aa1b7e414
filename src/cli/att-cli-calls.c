/* att-cli-calls.c: calls, the late book, the first-day list and the
 * local authority's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "att-cli-private.h"

static char *
time_of (gint64 at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at);

  return when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("");
}

/* A row of cells the table takes (NULL shows as empty). */
static void
add_owned_row (AttCliTable *table,
               guint        n,
               ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      char *cell = va_arg (args, char *);
      g_ptr_array_add (cells, cell != NULL ? cell : g_strdup (""));
    }
  va_end (args);
  att_cli_table_add_row_array (table, cells);
}

static const char *
code_text (AttCode code)
{
  return code == ATT_CODE_NONE ? "" : att_code_to_string (code);
}

/* The user making a change (--user, required) and the pupil it is
 * about (the first argument); an exit status. */
static int
user_and_pupil (AttCliContext  *ctx,
                AttUser       **user,
                AttPupil      **pupil)
{
  int status = att_cli_get_user (ctx, TRUE, user);

  if (status != ATT_CLI_OK)
    return status;
  *pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  return *pupil != NULL ? ATT_CLI_OK : ATT_CLI_REFUSED;
}

/* ------------------------------------------------------------------ */
/* calls add                                                           */

int
att_cli_cmd_calls_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AttCallReport report = { 0 };
  AttCallRequest request = { 0 };
  const char *reason_text = att_cli_opt (ctx, "reason");
  const char *amend = att_cli_opt (ctx, "amend-reason");
  AttDate date = ATT_DATE_NONE, back = ATT_DATE_NONE;
  AttPupil *pupil;
  int status;

  static const char * const required[] = { "caller", "channel", "direction", "outcome" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (att_cli_opt (ctx, required[i]) == NULL)
      return att_cli_usage (ctx, _("--%s is required"), required[i]);
  if ((status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "return", &back)) != ATT_CLI_OK)
    return status;
  if (att_cli_flag (ctx, "until-return") && (!att_cli_flag (ctx, "apply") || back == ATT_DATE_NONE))
    return att_cli_usage (ctx, _("--until-return needs --apply and --return DATE"));
  if ((status = user_and_pupil (ctx, &user, &pupil)) != ATT_CLI_OK)
    return status;
  if (!att_call_channel_parse (att_cli_opt (ctx, "channel"), &request.channel, &error) ||
      !att_call_direction_parse (att_cli_opt (ctx, "direction"), &request.direction, &error) ||
      (reason_text != NULL && !att_call_reason_parse (reason_text, &request.reason, &error)))
    return att_cli_refuse (error);

  g_array_append_val (ids, pupil->id);
  if (att_cli_flag (ctx, "siblings"))
    {
      g_autoptr(GArray) siblings = att_calls_siblings (ctx->db, pupil->id, date, &error);

      if (siblings == NULL)
        return att_cli_refuse (error);
      g_array_append_vals (ids, siblings->data, siblings->len);
    }

  request.pupil_ids = (const gint64 *)(gpointer)ids->data;
  request.n_pupils = ids->len;
  request.date = date;
  /* The contract: --apply turns the day's N or blank sessions into the
   * code, and leaves any other code as it is unless --amend-reason says
   * why to change it. */
  request.clock = -1;
  request.caller = att_cli_opt (ctx, "caller");
  request.outcome = att_cli_opt (ctx, "outcome");
  request.note = att_cli_opt (ctx, "note");
  request.expected_return = back;
  request.evidence_asked = att_cli_flag (ctx, "evidence");
  request.safeguarding = att_cli_flag (ctx, "safeguarding");
  request.cover = !att_cli_flag (ctx, "apply") ? ATT_CALL_COVER_NONE
                  : att_cli_flag (ctx, "until-return") ? ATT_CALL_COVER_TO_RETURN
                  : ATT_CALL_COVER_DAY;
  request.keep_other = amend == NULL;
  request.amend_reason = amend;

  if (!att_calls_log (ctx->db, user, &request, &report, &error))
    {
      att_call_report_clear (&report);
      return att_cli_refuse (error);
    }

  for (guint i = 0; i < report.call_ids->len; i++)
    {
      AttPupil *p = att_pupils_get (ctx->db, g_array_index (ids, gint64, i));

      g_print (_("Call %" G_GINT64_FORMAT " logged for %s (%s)\n"),
               g_array_index (report.call_ids, gint64, i), p->upn, att_pupil_get_display_name (p));
    }
  for (guint i = 0; i < report.marks->len; i++)
    {
      const AttCallMark *m = &g_array_index (report.marks, AttCallMark, i);
      AttPupil *p = att_pupils_get (ctx->db, m->pupil_id);
      g_autofree char *when = att_date_format (m->date);

      if (m->kept)
        g_print (_("  %s %s %s: %s kept (not %s)\n"), p->upn, when, att_session_to_string (m->session),
                 code_text (m->old_code), att_code_to_string (m->new_code));
      else if (m->old_code == ATT_CODE_NONE)
        g_print (_("  %s %s %s: %s\n"), p->upn, when, att_session_to_string (m->session),
                 att_code_to_string (m->new_code));
      else
        g_print (_("  %s %s %s: %s (was %s)\n"), p->upn, when, att_session_to_string (m->session),
                 att_code_to_string (m->new_code), att_code_to_string (m->old_code));
    }
  att_call_report_clear (&report);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* calls attempt                                                       */

int
att_cli_cmd_calls_attempt (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttCall) call = NULL;
  const char *id_text = att_cli_arg (ctx, 0);
  AttAttemptOutcome outcome;
  AttCallChannel channel;
  guint64 id;
  gint64 attempt;
  int status;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return att_cli_usage (ctx, _("ID: “%s” is not a call number"), id_text);
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (!att_attempt_outcome_parse (att_cli_arg (ctx, 1), &outcome, &error))
    return att_cli_refuse (error);
  call = att_calls_get (ctx->db, (gint64)id, &error);
  if (call == NULL)
    return att_cli_refuse (error);
  channel = call->channel;
  if (att_cli_opt (ctx, "channel") != NULL &&
      !att_call_channel_parse (att_cli_opt (ctx, "channel"), &channel, &error))
    return att_cli_refuse (error);

  attempt = att_calls_add_attempt (ctx->db, user, call->id, 0, att_date_today (), 0, channel, outcome,
                                   call->contact_id, att_cli_opt (ctx, "note"), &error);
  if (attempt == 0)
    return att_cli_refuse (error);
  g_print (_("Attempt %" G_GINT64_FORMAT " on call %" G_GINT64_FORMAT ": %s\n"), attempt, call->id,
           att_attempt_outcome_describe (outcome));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* calls list                                                          */

static void
call_json (AttCliJson *w,
           AttDb      *db,
           AttCall    *call)
{
  AttPupil *pupil = att_pupils_get (db, call->pupil_id);
  g_autofree char *time = time_of (call->at);

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", call->id);
  att_cli_json_string (w, "upn", pupil != NULL ? pupil->upn : NULL);
  att_cli_json_string (w, "name", pupil != NULL ? att_pupil_get_display_name (pupil) : NULL);
  att_cli_json_date (w, "date", call->date);
  att_cli_json_string (w, "time", time);
  att_cli_json_string (w, "caller", call->caller);
  att_cli_json_string (w, "channel", att_call_channel_to_string (call->channel));
  att_cli_json_string (w, "direction", att_call_direction_to_string (call->direction));
  att_cli_json_string (w, "reason", call->reason != ATT_CALL_REASON_NONE
                                    ? att_call_reason_to_string (call->reason) : NULL);
  att_cli_json_string (w, "outcome", call->outcome);
  att_cli_json_string (w, "note", call->note);
  att_cli_json_date (w, "expected_return", call->expected_return);
  att_cli_json_bool (w, "evidence_asked", call->evidence_asked);
  att_cli_json_bool (w, "safeguarding", call->safeguarding);
  if (call->family_id != 0)
    att_cli_json_int (w, "family_id", call->family_id);
  else
    {
      att_cli_json_member (w, "family_id");
      att_cli_json_add_null (w);
    }
  att_cli_json_string (w, "user", call->user_name);
  att_cli_json_string (w, "position", call->position);
  att_cli_json_member (w, "marks");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < call->marks->len; i++)
    {
      const AttCallMark *m = &g_array_index (call->marks, AttCallMark, i);

      att_cli_json_begin_object (w);
      att_cli_json_date (w, "date", m->date);
      att_cli_json_string (w, "session", att_session_to_string (m->session));
      att_cli_json_string (w, "old", m->old_code != ATT_CODE_NONE ? att_code_to_string (m->old_code) : NULL);
      att_cli_json_string (w, "new", m->new_code != ATT_CODE_NONE ? att_code_to_string (m->new_code) : NULL);
      att_cli_json_int (w, "history_id", m->history_id);
      att_cli_json_end_object (w);
    }
  att_cli_json_end_array (w);
  att_cli_json_member (w, "attempts");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < call->attempts->len; i++)
    {
      const AttCallAttempt *a = g_ptr_array_index (call->attempts, i);
      g_autofree char *at = time_of (a->at);

      att_cli_json_begin_object (w);
      att_cli_json_int (w, "id", a->id);
      att_cli_json_string (w, "time", at);
      att_cli_json_string (w, "channel", att_call_channel_to_string (a->channel));
      att_cli_json_string (w, "outcome", att_attempt_outcome_to_string (a->outcome));
      att_cli_json_string (w, "note", a->note);
      att_cli_json_string (w, "user", a->user_name);
      att_cli_json_end_object (w);
    }
  att_cli_json_end_array (w);
  att_cli_json_end_object (w);
}

int
att_cli_cmd_calls_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *upn = att_cli_opt (ctx, "pupil");
  AttDate date = ATT_DATE_NONE;
  gint64 pupil_id = 0;
  int status;

  if ((status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      pupil_id = pupil->id;
    }
  /* Without a pupil: the day's call log, today's by default. */
  else if (date == ATT_DATE_NONE)
    date = att_date_today ();

  calls = att_calls_list (ctx->db, date, pupil_id, &error);
  if (calls == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("Date"), _("Time"), _("UPN"), _("Name"), _("Caller"),
                               _("Channel"), _("In/out"), _("Reason"), _("Outcome"), _("Sessions"),
                               _("Attempts"), _("Taken by"), NULL);

  for (guint i = 0; i < calls->len; i++)
    {
      AttCall *call = g_ptr_array_index (calls, i);
      AttPupil *pupil = att_pupils_get (ctx->db, call->pupil_id);

      if (writer != NULL)
        {
          call_json (writer, ctx->db, call);
          continue;
        }
      add_owned_row (table, 13,
                             g_strdup_printf ("%" G_GINT64_FORMAT, call->id),
                             att_date_format (call->date),
                             time_of (call->at),
                             g_strdup (pupil != NULL ? pupil->upn : ""),
                             g_strdup (pupil != NULL ? att_pupil_get_display_name (pupil) : ""),
                             g_strdup (call->caller),
                             g_strdup (att_call_channel_to_string (call->channel)),
                             g_strdup (att_call_direction_to_string (call->direction)),
                             g_strdup (att_call_reason_to_string (call->reason)),
                             g_strdup (call->outcome),
                             g_strdup_printf ("%u", call->marks->len),
                             g_strdup_printf ("%u", call->attempts->len),
                             g_strdup (call->user_name));
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* late and signout                                                    */

int
att_cli_cmd_late (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttLateEntry) entry = NULL;
  g_autofree char *when = NULL;
  g_autofree char *clock = NULL;
  AttDate date = ATT_DATE_NONE;
  int time = att_clock_now ();
  AttPupil *pupil;
  int status;

  if ((status = att_cli_opt_time (ctx, "time", &time)) != ATT_CLI_OK ||
      (status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK ||
      (status = user_and_pupil (ctx, &user, &pupil)) != ATT_CLI_OK)
    return status;

  if (att_latebook_arrive (ctx->db, user, pupil->id, date, time, att_cli_opt (ctx, "reason"),
                           att_cli_opt (ctx, "brought-by"), &entry, &error) == 0)
    return att_cli_refuse (error);
  when = att_date_format (date);
  clock = att_time_format (time);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s %s %s: %s, arrived %s (%d minute after the register opened)\n",
                        "%s %s %s: %s, arrived %s (%d minutes after the register opened)\n",
                        entry->minutes_late),
           pupil->upn, when, att_session_to_string (entry->session), att_code_to_string (entry->code),
           clock, entry->minutes_late);
  return ATT_CLI_OK;
}

int
att_cli_cmd_signout (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttDate date = ATT_DATE_NONE;
  AttCallReason category = ATT_CALL_REASON_OTHER;
  int out = -1, back = -1;
  AttPupil *pupil;
  int status;

  if ((status = att_cli_opt_time (ctx, "out", &out)) != ATT_CLI_OK ||
      (status = att_cli_opt_time (ctx, "back", &back)) != ATT_CLI_OK ||
      (status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (out < 0)
    return att_cli_usage (ctx, _("--out HH:MM is required: say when the pupil left"));
  if ((status = user_and_pupil (ctx, &user, &pupil)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "reason") != NULL &&
      !att_call_reason_parse (att_cli_opt (ctx, "reason"), &category, &error))
    return att_cli_refuse (error);
  if (att_latebook_sign_out (ctx->db, user, pupil->id, date, out, back, category,
                             att_cli_opt (ctx, "collected-by"), att_cli_opt (ctx, "amend-reason"),
                             &error) == 0)
    return att_cli_refuse (error);
  g_print (_("%s signed out\n"), pupil->upn);
  return ATT_CLI_OK;
}

int
att_cli_cmd_latebook (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttDate date = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  entries = att_latebook_list (ctx->db, date, &error);
  if (entries == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Kind"), _("Session"), _("Out"), _("In"),
                               _("Code"), _("Minutes"), _("Reason"), _("Brought or collected by"),
                               _("Taken by"), NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      AttLateEntry *e = g_ptr_array_index (entries, i);
      AttPupil *pupil = att_pupils_get (ctx->db, e->pupil_id);
      const char *kind = e->kind == ATT_LATE_SIGN_OUT ? "sign-out" : "arrival";

      if (writer != NULL)
        {
          g_autofree char *out = e->time_out >= 0 ? att_time_format (e->time_out) : NULL;
          g_autofree char *in = e->time_in >= 0 ? att_time_format (e->time_in) : NULL;

          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", e->id);
          att_cli_json_string (writer, "upn", pupil != NULL ? pupil->upn : NULL);
          att_cli_json_string (writer, "name", pupil != NULL ? att_pupil_get_display_name (pupil) : NULL);
          att_cli_json_date (writer, "date", e->date);
          att_cli_json_string (writer, "kind", kind);
          att_cli_json_string (writer, "session", att_session_to_string (e->session));
          att_cli_json_string (writer, "time_out", out);
          att_cli_json_string (writer, "time_in", in);
          att_cli_json_string (writer, "code", e->code != ATT_CODE_NONE ? att_code_to_string (e->code) : NULL);
          att_cli_json_member (writer, "minutes_late");
          if (e->minutes_late >= 0)
            att_cli_json_add_int (writer, e->minutes_late);
          else
            att_cli_json_add_null (writer);
          att_cli_json_string (writer, "reason", e->reason);
          att_cli_json_string (writer, "person", e->person);
          att_cli_json_string (writer, "user", e->user_name);
          att_cli_json_end_object (writer);
          continue;
        }
      add_owned_row (table, 12,
                     g_strdup_printf ("%" G_GINT64_FORMAT, e->id),
                     g_strdup (pupil != NULL ? pupil->upn : ""),
                     g_strdup (pupil != NULL ? att_pupil_get_display_name (pupil) : ""),
                     g_strdup (kind),
                     g_strdup (att_session_to_string (e->session)),
                     e->time_out >= 0 ? att_time_format (e->time_out) : NULL,
                     e->time_in >= 0 ? att_time_format (e->time_in) : NULL,
                     g_strdup (code_text (e->code)),
                     e->minutes_late >= 0 ? g_strdup_printf ("%d", e->minutes_late) : NULL,
                     g_strdup (e->reason),
                     g_strdup (e->person),
                     g_strdup (e->user_name));
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* firstday                                                            */

static GStrv
flag_keys (guint flags)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (AttFlag f = 0; f < ATT_N_FLAGS; f++)
    if (flags & (1u << f))
      g_strv_builder_add (keys, att_flag_info (f)->key);
  return g_strv_builder_end (keys);
}

static void
contact_json (AttCliJson       *w,
              const AttContact *c)
{
  g_autofree char *name = att_contact_dup_name (c);

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", c->id);
  att_cli_json_string (w, "name", name);
  att_cli_json_string (w, "relationship", c->relationship);
  att_cli_json_int (w, "priority", c->priority);
  att_cli_json_bool (w, "lives_with", c->lives_with);
  att_cli_json_bool (w, "parental_responsibility", c->parental_responsibility);
  att_cli_json_string (w, "phone_mobile", c->phone_mobile);
  att_cli_json_string (w, "phone_home", c->phone_home);
  att_cli_json_string (w, "phone_work", c->phone_work);
  att_cli_json_string (w, "email", c->email);
  att_cli_json_end_object (w);
}

static void
firstday_json (AttCliJson     *w,
               AttFirstdayRow *row)
{
  g_auto(GStrv) flags = flag_keys (row->flags);

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", row->pupil->id);
  att_cli_json_string (w, "upn", row->pupil->upn);
  att_cli_json_string (w, "name", att_pupil_get_display_name (row->pupil));
  att_cli_json_string (w, "group", row->pupil->reg_group);
  att_cli_json_string (w, "band", att_band_to_string (row->band));
  att_cli_json_bool (w, "vulnerable", row->vulnerable);
  att_cli_json_member (w, "flags");
  att_cli_json_begin_array (w);
  for (guint i = 0; flags[i] != NULL; i++)
    att_cli_json_add_string (w, flags[i]);
  att_cli_json_end_array (w);
  att_cli_json_member (w, "sessions");
  att_cli_json_begin_array (w);
  for (AttSession s = ATT_SESSION_AM; s <= ATT_SESSION_PM; s++)
    if (row->sessions & (1u << s))
      att_cli_json_add_string (w, att_session_to_string (s));
  att_cli_json_end_array (w);
  att_cli_json_int (w, "days_absent", row->days_absent);
  att_cli_json_date (w, "absent_since", row->absent_since);
  att_cli_json_member (w, "contacts");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < row->contacts->len; i++)
    contact_json (w, g_ptr_array_index (row->contacts, i));
  att_cli_json_end_array (w);
  att_cli_json_int (w, "attempts_today", row->attempts->len);
  att_cli_json_member (w, "attempts");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < row->attempts->len; i++)
    {
      const AttCallAttempt *a = g_ptr_array_index (row->attempts, i);
      g_autofree char *at = time_of (a->at);

      att_cli_json_begin_object (w);
      att_cli_json_int (w, "id", a->id);
      att_cli_json_string (w, "time", at);
      att_cli_json_string (w, "channel", att_call_channel_to_string (a->channel));
      att_cli_json_string (w, "outcome", att_attempt_outcome_to_string (a->outcome));
      att_cli_json_end_object (w);
    }
  att_cli_json_end_array (w);
  att_cli_json_member (w, "next_contact_id");
  if (row->next_contact != NULL)
    att_cli_json_add_int (w, row->next_contact->id);
  else
    att_cli_json_add_null (w);
  att_cli_json_member (w, "next_step");
  if (row->next_step != NULL)
    {
      att_cli_json_begin_object (w);
      att_cli_json_string (w, "action", att_step_action_to_string (row->next_step->action));
      att_cli_json_string (w, "who", row->next_step->who);
      att_cli_json_string (w, "text", row->next_step_text);
      att_cli_json_end_object (w);
    }
  else
    att_cli_json_add_null (w);
  att_cli_json_member (w, "steps_due");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < row->steps_due->len; i++)
    att_cli_json_add_string (w, att_step_action_to_string (((AttStep *)row->steps_due->pdata[i])->action));
  att_cli_json_end_array (w);
  /* Leave refused, or taken beyond the days agreed: the code to suggest. */
  att_cli_json_string (w, "suggested_code", row->suggested_code != ATT_CODE_NONE
                                            ? att_code_to_string (row->suggested_code) : NULL);
  if (row->leave_id != 0)
    att_cli_json_int (w, "leave_id", row->leave_id);
  else
    {
      att_cli_json_member (w, "leave_id");
      att_cli_json_add_null (w);
    }
  att_cli_json_end_object (w);
}

int
att_cli_cmd_firstday (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  const char *csv_path = att_cli_opt (ctx, "csv");
  AttDate date = ATT_DATE_NONE, today = att_date_today ();
  int clock;
  int status;

  if ((status = att_cli_opt_date (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if (csv_path != NULL && att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("--json and --csv cannot be given together"));
  if (date == ATT_DATE_NONE)
    date = today;
  /* Today goes by the register clock; an earlier day has closed. */
  clock = date == today ? att_clock_now () : 24 * 60 - 1;

  if (csv_path != NULL)
    {
      g_autoptr(AttUser) user = NULL;
      g_autofree char *csv = NULL;
      guint n = 0;

      /* The export logs a text attempt for each row: a change. */
      if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
        return status;
      csv = att_firstday_texts (ctx->db, user, date, clock, &n, &error);
      if (csv == NULL)
        return att_cli_refuse (error);
      if (!att_file_save_private (csv_path, csv, strlen (csv), &error))
        return att_cli_refuse (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u text to %s\n", "Exported %u texts to %s\n", n),
               n, csv_path);
      return ATT_CLI_OK;
    }

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  rows = att_firstday_list (ctx->db, date, clock, &error);
  if (rows == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    {
      table = att_cli_table_new (_("Band"), _("UPN"), _("Name"), _("Group"), _("Flags"), _("Days"),
                                 _("Contact"), _("Number"), _("Attempts"), _("Next step"), NULL);
      att_cli_table_align_right (table, 5);
      att_cli_table_align_right (table, 8);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AttFirstdayRow *row = g_ptr_array_index (rows, i);
      const AttContact *c = row->next_contact;

      if (writer != NULL)
        {
          firstday_json (writer, row);
          continue;
        }
      if (c == NULL && row->contacts->len > 0)
        c = g_ptr_array_index (row->contacts, 0);
      add_owned_row (table, 10,
                             g_strdup (att_band_describe (row->band)),
                             g_strdup (row->pupil->upn),
                             g_strdup (att_pupil_get_display_name (row->pupil)),
                             g_strdup (row->pupil->reg_group),
                             att_flags_format (row->flags, ", "),
                             g_strdup_printf ("%u", row->days_absent),
                             c != NULL ? att_contact_dup_name (c) : g_strdup (""),
                             g_strdup (c == NULL ? "" : c->phone_mobile != NULL ? c->phone_mobile
                                       : c->phone_home != NULL ? c->phone_home : c->phone_work),
                             g_strdup_printf ("%u", row->attempts->len),
                             g_strdup (row->next_step_text != NULL ? row->next_step_text : ""));
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* la-notify                                                           */

static int
record_told (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttDate told = ATT_DATE_NONE;
  AttLaKind kind;
  AttPupil *pupil;
  gint64 id;
  int status;

  if (att_cli_opt (ctx, "kind") == NULL || att_cli_opt (ctx, "told") == NULL)
    return att_cli_usage (ctx, _("--record UPN needs --kind unauthorised|illness and --told DATE"));
  if ((status = att_cli_opt_date (ctx, "told", &told)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = att_cli_find_pupil (ctx->db, att_cli_opt (ctx, "record"));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (!att_la_kind_parse (att_cli_opt (ctx, "kind"), &kind, &error))
    return att_cli_refuse (error);
  id = att_la_record_told (ctx->db, user, pupil->id, kind, told, att_cli_opt (ctx, "note"), &error);
  if (id == 0)
    return att_cli_refuse (error);
  g_print (_("Recorded %" G_GINT64_FORMAT ": the local authority was told of %s (%s)\n"), id, pupil->upn,
           att_la_kind_to_string (kind));
  return ATT_CLI_OK;
}

int
att_cli_cmd_la_notify (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if (att_cli_opt (ctx, "record") != NULL)
    return record_told (ctx);
  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  cases = att_la_cases (ctx->db, as_of, &error);
  if (cases == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("List"), _("UPN"), _("Name"), _("Group"), _("From"), _("To"),
                               _("Days"), _("Ongoing"), _("Told"), NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      AttLaCase *c = g_ptr_array_index (cases, i);

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_member (writer, "id");
          if (c->notification_id != 0)
            att_cli_json_add_int (writer, c->notification_id);
          else
            att_cli_json_add_null (writer);
          att_cli_json_string (writer, "upn", c->pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (c->pupil));
          att_cli_json_string (writer, "group", c->pupil->reg_group);
          att_cli_json_string (writer, "kind", att_la_kind_to_string (c->kind));
          att_cli_json_date (writer, "first", c->first);
          att_cli_json_date (writer, "last", c->last);
          att_cli_json_int (writer, "days", c->days);
          att_cli_json_int (writer, "sessions", c->sessions);
          att_cli_json_bool (writer, "continuous", c->kind == ATT_LA_UNAUTHORISED || c->continuous);
          att_cli_json_bool (writer, "ongoing", c->ongoing);
          att_cli_json_bool (writer, "expected", c->expected);
          att_cli_json_int (writer, "expected_sessions", c->expected_sessions);
          att_cli_json_date (writer, "told", c->told);
          att_cli_json_end_object (writer);
          continue;
        }
      add_owned_row (table, 9,
                             g_strdup (att_la_kind_describe (c->kind)),
                             g_strdup (c->pupil->upn),
                             g_strdup (att_pupil_get_display_name (c->pupil)),
                             g_strdup (c->pupil->reg_group),
                             att_date_format (c->first),
                             att_date_format (c->last),
                             c->expected ? g_strdup_printf (_("%u (%u expected)"), c->days,
                                                            (c->sessions + c->expected_sessions) / 2)
                                         : g_strdup_printf ("%u", c->days),
                             g_strdup (c->ongoing ? _("yes") : _("no")),
                             c->told != ATT_DATE_NONE ? att_date_format (c->told) : g_strdup (_("not yet")));
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}
