/* att-cli-leave.c: requests for leave of absence and their decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-private.h"

static int
parse_id (AttCliContext *ctx,
          gint64        *id)
{
  const char *text = att_cli_arg (ctx, 0);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return att_cli_usage (ctx, _("ID: “%s” is not a request number"), text);
  *id = (gint64)value;
  return ATT_CLI_OK;
}

/* DATE or DATE:am / DATE:pm; the session defaults to @fallback. */
static int
opt_date_session (AttCliContext *ctx,
                  const char    *name,
                  AttSession     fallback,
                  AttDate       *date,
                  AttSession    *session)
{
  g_autofree char *text = g_strdup (att_cli_opt (ctx, name));
  char *colon;
  int status;

  if (text == NULL)
    return att_cli_usage (ctx, _("--%s is required"), name);
  colon = strchr (text, ':');
  if (colon != NULL)
    *colon = '\0';
  if ((status = att_cli_parse_date (ctx, name, text, date)) != ATT_CLI_OK)
    return status;
  *session = fallback;
  if (colon != NULL)
    return att_cli_parse_session (ctx, name, colon + 1, session);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave add                                                           */

int
att_cli_cmd_leave_add (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GArray) pupils = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  AttLeaveInput input = { 0 };
  const char *pattern = att_cli_opt (ctx, "pattern");
  AttPupil *pupil;
  int status;

  static const char * const required[] = { "start", "end", "type", "reason", "requested-by" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (att_cli_opt (ctx, required[i]) == NULL)
      return att_cli_usage (ctx, _("--%s is required"), required[i]);
  input.return_date = ATT_DATE_NONE;
  input.received = ATT_DATE_NONE;
  input.review_date = ATT_DATE_NONE;
  if ((status = opt_date_session (ctx, "start", ATT_SESSION_AM, &input.first_date, &input.first_session)) != ATT_CLI_OK ||
      (status = opt_date_session (ctx, "end", ATT_SESSION_PM, &input.last_date, &input.last_session)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "return", &input.return_date)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "received", &input.received)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "review", &input.review_date)) != ATT_CLI_OK)
    return status;
  if (!att_leave_type_parse (att_cli_opt (ctx, "type"), &input.type, &error))
    return att_cli_usage (ctx, "%s", error->message);
  if (pattern != NULL && !att_leave_pattern_parse (pattern, &input.pattern, &error))
    return att_cli_usage (ctx, "%s", error->message);
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;

  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  g_array_append_val (pupils, pupil->id);
  /* Brothers and sisters on roll, named by their UPNs: one request each. */
  if (att_cli_opt (ctx, "siblings-of") != NULL)
    {
      g_auto(GStrv) upns = g_strsplit (att_cli_opt (ctx, "siblings-of"), ",", -1);

      for (guint i = 0; upns[i] != NULL; i++)
        {
          AttPupil *other = att_cli_find_pupil (ctx->db, g_strstrip (upns[i]));

          if (other == NULL)
            return ATT_CLI_REFUSED;
          g_array_append_val (pupils, other->id);
        }
    }
  input.pupil_ids = (const gint64 *)(gpointer)pupils->data;
  input.n_pupils = pupils->len;
  input.reason = att_cli_opt (ctx, "reason");
  input.requested_by = att_cli_opt (ctx, "requested-by");
  input.evidence = att_cli_opt (ctx, "evidence-seen");
  input.address_away = att_cli_opt (ctx, "address");

  warnings = att_leave_check (ctx->db, &input, NULL, &error);
  if (warnings == NULL)
    return att_cli_refuse (error);
  ids = att_leave_record (ctx->db, user, &input, &error);
  if (ids == NULL)
    return att_cli_refuse (error);
  for (guint i = 0; i < ids->len; i++)
    {
      AttPupil *p = att_pupils_get (ctx->db, g_array_index (pupils, gint64, i));

      g_print (_("Request %" G_GINT64_FORMAT " recorded for %s (%s)\n"),
               g_array_index (ids, gint64, i), p->upn, att_pupil_get_display_name (p));
    }
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("Warning: %s\n"), (const char *)g_ptr_array_index (warnings, i));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave decide                                                        */

int
att_cli_cmd_leave_decide (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GArray) sessions = NULL;
  g_autoptr(AttLeave) leave = NULL;
  AttLeaveDecision decision = { 0 };
  const char *verdict = att_cli_arg (ctx, 1);
  const char *sessions_text = att_cli_opt (ctx, "sessions");
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, &id)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "note") == NULL)
    return att_cli_usage (ctx, _("--note is required: the reasons for the decision"));
  if (g_strcmp0 (verdict, "approve") == 0)
    decision.verdict = sessions_text != NULL ? ATT_LEAVE_AGREE_SOME : ATT_LEAVE_AGREE_ALL;
  else if (g_strcmp0 (verdict, "decline") == 0)
    {
      if (sessions_text != NULL)
        return att_cli_usage (ctx, _("--sessions names the sessions approved: use it with approve"));
      decision.verdict = ATT_LEAVE_REFUSE;
    }
  else
    return att_cli_usage (ctx, _("“%s” is not a decision: use approve or decline"), verdict);
  if (sessions_text != NULL)
    {
      sessions = att_leave_sessions_parse (sessions_text, &error);
      if (sessions == NULL)
        return att_cli_usage (ctx, "--sessions: %s", error->message);
      decision.agreed = (const AttLeaveSession *)(gpointer)sessions->data;
      decision.n_agreed = sessions->len;
    }
  decision.reasons = att_cli_opt (ctx, "note");
  decision.amend_reason = att_cli_opt (ctx, "amend-reason");
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;

  if (!att_leave_decide (ctx->db, user, id, &decision, &error))
    return att_cli_refuse (error);
  leave = att_leave_get (ctx->db, id, &error);
  if (leave == NULL)
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Request %" G_GINT64_FORMAT " for %s (%s): %s, %u of %u session agreed\n",
                        "Request %" G_GINT64_FORMAT " for %s (%s): %s, %u of %u sessions agreed\n",
                        leave->sessions->len),
           id, leave->upn, leave->pupil_name, att_leave_status_describe (leave->status),
           att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED), leave->sessions->len);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave withdraw                                                      */

int
att_cli_cmd_leave_withdraw (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, &id)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (!att_leave_withdraw (ctx->db, user, id, att_cli_opt (ctx, "note"), &error))
    return att_cli_refuse (error);
  g_print (_("Request %" G_GINT64_FORMAT " withdrawn\n"), id);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave list                                                          */

static void
json_date_or_null (AttCliJson *w,
                   const char *name,
                   AttDate     date)
{
  if (date != ATT_DATE_NONE)
    att_cli_json_date (w, name, date);
  else
    {
      att_cli_json_member (w, name);
      att_cli_json_add_null (w);
    }
}

static void
leave_json (AttCliJson *w,
            AttLeave   *leave)
{
  static const char * const warning_names[] = { "late-notice", "exam-period", "past", "requester" };
  static const char * const state_names[] = { "asked", "agreed", "refused" };
  g_autofree char *pattern = leave->pattern != 0 ? att_leave_pattern_to_string (leave->pattern) : NULL;

  att_cli_json_begin_object (w);
  att_cli_json_int (w, "id", leave->id);
  att_cli_json_string (w, "upn", leave->upn);
  att_cli_json_string (w, "name", leave->pupil_name);
  att_cli_json_int (w, "group_id", leave->group_id);
  att_cli_json_string (w, "type", att_leave_type_to_string (leave->type));
  att_cli_json_string (w, "code", att_code_to_string (att_leave_type_code (leave->type)));
  att_cli_json_string (w, "status", att_leave_status_to_string (leave->status));
  att_cli_json_date (w, "start", leave->first_date);
  att_cli_json_string (w, "start_session", att_session_to_string (leave->first_session));
  att_cli_json_date (w, "end", leave->last_date);
  att_cli_json_string (w, "end_session", att_session_to_string (leave->last_session));
  json_date_or_null (w, "return", leave->return_date);
  att_cli_json_string (w, "reason", leave->reason);
  att_cli_json_string (w, "evidence", leave->evidence);
  att_cli_json_string (w, "requested_by", leave->requested_by);
  if (leave->requested_by_contact_id > 0)
    att_cli_json_int (w, "contact_id", leave->requested_by_contact_id);
  else
    {
      att_cli_json_member (w, "contact_id");
      att_cli_json_add_null (w);
    }
  att_cli_json_string (w, "address_away", leave->address_away);
  att_cli_json_date (w, "received", leave->received);
  att_cli_json_string (w, "recorded_by", leave->recorded_by);
  att_cli_json_member (w, "warnings");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < G_N_ELEMENTS (warning_names); i++)
    if (leave->warnings & (1u << i))
      att_cli_json_add_string (w, warning_names[i]);
  att_cli_json_end_array (w);
  if (leave->type == ATT_LEAVE_PART_TIME)
    {
      att_cli_json_string (w, "pattern", pattern);
      json_date_or_null (w, "review", leave->review_date);
    }
  att_cli_json_int (w, "sessions_asked", leave->sessions->len);
  att_cli_json_int (w, "sessions_agreed", att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED));
  att_cli_json_int (w, "sessions_refused", att_leave_count_sessions (leave, ATT_LEAVE_SESSION_REFUSED));
  att_cli_json_string (w, "decided_by", leave->decided_by);
  att_cli_json_string (w, "decision_reasons",
                       leave->status != ATT_LEAVE_SUBMITTED ? leave->decision_reasons : NULL);
  att_cli_json_member (w, "snapshot");
  att_cli_json_begin_object (w);
  att_cli_json_int (w, "possible", leave->snapshot.possible);
  att_cli_json_int (w, "present", leave->snapshot.present);
  att_cli_json_int (w, "absent", leave->snapshot.absent);
  att_cli_json_int (w, "unauthorised", leave->snapshot.unauthorised);
  att_cli_json_member (w, "attendance_pct");
  att_cli_json_add_double (w, leave->snapshot.attendance_pct);
  att_cli_json_bool (w, "persistent", leave->snapshot.persistent);
  att_cli_json_int (w, "previous_requests", leave->snapshot.previous_requests);
  att_cli_json_int (w, "previous_agreed", leave->snapshot.previous_agreed);
  att_cli_json_int (w, "previous_refused", leave->snapshot.previous_refused);
  att_cli_json_end_object (w);
  att_cli_json_member (w, "sessions");
  att_cli_json_begin_array (w);
  for (guint i = 0; i < leave->sessions->len; i++)
    {
      const AttLeaveSessionRow *row = &g_array_index (leave->sessions, AttLeaveSessionRow, i);

      att_cli_json_begin_object (w);
      att_cli_json_date (w, "date", row->date);
      att_cli_json_string (w, "session", att_session_to_string (row->session));
      att_cli_json_string (w, "state", state_names[row->state]);
      att_cli_json_string (w, "code", row->code != ATT_CODE_NONE ? att_code_to_string (row->code) : NULL);
      att_cli_json_end_object (w);
    }
  att_cli_json_end_array (w);
  att_cli_json_end_object (w);
}

static char *
span_text (const AttLeave *leave)
{
  g_autofree char *first = att_date_format (leave->first_date);
  g_autofree char *last = att_date_format (leave->last_date);

  return g_strdup_printf ("%s %s - %s %s", first, att_session_to_string (leave->first_session),
                          last, att_session_to_string (leave->last_session));
}

int
att_cli_cmd_leave_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
  const char *status_text = att_cli_opt (ctx, "status");

  if (status_text != NULL)
    {
      AttLeaveStatus status;

      if (!att_leave_status_parse (status_text, &status, &error))
        return att_cli_usage (ctx, "--status: %s", error->message);
      filter.status = status;
    }
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  list = att_leave_list (ctx->db, &filter, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Type"), _("Dates"), _("Sessions"),
                               _("Status"), _("Agreed"), _("Requested by"), _("Decided by"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);
      g_autofree char *id = NULL;
      g_autofree char *span = NULL;
      g_autofree char *n = NULL;
      g_autofree char *agreed = NULL;

      if (writer != NULL)
        {
          leave_json (writer, leave);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, leave->id);
      span = span_text (leave);
      n = g_strdup_printf ("%u", leave->sessions->len);
      agreed = g_strdup_printf ("%u", att_leave_count_sessions (leave, ATT_LEAVE_SESSION_AGREED));
      att_cli_table_add_row (table, id, leave->upn, leave->pupil_name,
                             att_leave_type_to_string (leave->type), span, n,
                             att_leave_status_to_string (leave->status), agreed,
                             leave->requested_by, leave->decided_by != NULL ? leave->decided_by : "", NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave letter                                                        */

int
att_cli_cmd_leave_letter (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttLeave) leave = NULL;
  const char *out = att_cli_opt (ctx, "out");
  AttLeaveLetter letter;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, &id)) != ATT_CLI_OK)
    return status;
  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the letters"));
  /* Every letter is logged under the name of who sends it: the user
   * named, or else whoever decided the request, whose decision the letter
   * gives and who signs it. */
  if (att_cli_opt (ctx, "user") != NULL &&
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  leave = att_leave_get (ctx->db, id, &error);
  if (leave == NULL)
    return att_cli_refuse (error);
  if (!att_leave_letter_choose (ctx->db, leave, &letter, &error))
    return att_cli_refuse (error);
  if (user == NULL)
    {
      user = leave->decided_by != NULL ? att_users_find (ctx->db, leave->decided_by, &error) : NULL;
      if (user == NULL)
        return error != NULL ? att_cli_refuse (error)
                             : att_cli_usage (ctx, _("--user NAME is required: say who sends the letter"));
    }
  if (!att_user_require (user, ATT_PERM_LETTERS, &error))
    return att_cli_refuse (error);
  return att_cli_leave_letter_pdf (ctx, user, id, out);
}

/* ------------------------------------------------------------------ */
/* leave reviews, leave not-back, leave refused-taken: what the Leave
 * page's Follow Up view shows, read only                              */

static char *
date_or_empty (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format (date) : g_strdup ("");
}

/* Requests (AttLeave) as leave list shows them, with one more column. */
static int
print_requests (AttCliContext *ctx,
                GPtrArray     *list,
                const char    *date_header,
                gboolean       review)
{
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;

  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Type"), _("Dates"), date_header, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttLeave *leave = g_ptr_array_index (list, i);
      g_autofree char *id = NULL;
      g_autofree char *span = NULL;
      g_autofree char *day = NULL;

      if (writer != NULL)
        {
          leave_json (writer, leave);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, leave->id);
      span = span_text (leave);
      day = date_or_empty (review ? leave->review_date : leave->return_date);
      att_cli_table_add_row (table, id, leave->upn, leave->pupil_name,
                             att_leave_type_to_string (leave->type), span, day, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* A follow-up list of requests as of --date (today by default): the
 * core's @list_requests, printed with @date_header's column. */
static int
follow_up_requests (AttCliContext *ctx,
                    GPtrArray   *(*list_requests) (AttDb   *db,
                                                   AttDate  as_of,
                                                   GError **error),
                    const char    *date_header,
                    gboolean       review)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AttDate as_of;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "date", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  list = list_requests (ctx->db, as_of, &error);
  if (list == NULL)
    return att_cli_refuse (error);
  return print_requests (ctx, list, date_header, review);
}

int
att_cli_cmd_leave_reviews (AttCliContext *ctx)
{
  return follow_up_requests (ctx, att_leave_reviews_due, _("Review due"), TRUE);
}

int
att_cli_cmd_leave_not_back (AttCliContext *ctx)
{
  return follow_up_requests (ctx, att_leave_not_back, _("Return"), FALSE);
}

int
att_cli_cmd_leave_refused_taken (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttDate as_of;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "date", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  list = att_leave_refused_taken (ctx->db, as_of, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Type"), _("Refused"), _("Absent"),
                               _("Unauthorised"), _("From"), _("To"), _("Back"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      AttLeaveCase *item = g_ptr_array_index (list, i);
      g_autofree char *id = NULL;
      g_autofree char *refused = NULL;
      g_autofree char *absent = NULL;
      g_autofree char *unauthorised = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *back = NULL;

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", item->leave_id);
          att_cli_json_string (writer, "upn", item->upn);
          att_cli_json_string (writer, "name", item->pupil_name);
          att_cli_json_string (writer, "type", att_leave_type_to_string (item->type));
          att_cli_json_int (writer, "sessions_refused", item->refused_sessions);
          att_cli_json_int (writer, "sessions_absent", item->absent_sessions);
          att_cli_json_int (writer, "unauthorised", item->unauthorised);
          json_date_or_null (writer, "first_absent", item->first_absent);
          json_date_or_null (writer, "last_absent", item->last_absent);
          json_date_or_null (writer, "back", item->back);
          att_cli_json_string (writer, "decision_reasons", item->decision_reasons);
          att_cli_json_end_object (writer);
          continue;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, item->leave_id);
      refused = g_strdup_printf ("%u", item->refused_sessions);
      absent = g_strdup_printf ("%u", item->absent_sessions);
      unauthorised = g_strdup_printf ("%u", item->unauthorised);
      first = date_or_empty (item->first_absent);
      last = date_or_empty (item->last_absent);
      back = date_or_empty (item->back);
      att_cli_table_add_row (table, id, item->upn, item->pupil_name, att_leave_type_to_string (item->type),
                             refused, absent, unauthorised, first, last, back, NULL);
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* leave settings, leave set                                           */

int
att_cli_cmd_leave_settings (AttCliContext *ctx)
{
  g_autoptr(AttCliJson) writer = NULL;
  guint notice, review;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  notice = att_leave_get_notice_days (ctx->db);
  review = att_leave_get_review_days (ctx->db);
  if (att_cli_flag (ctx, "json"))
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_object (writer);
      att_cli_json_int (writer, "notice_days", notice);
      att_cli_json_int (writer, "review_days", review);
      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }
  g_print ("notice_days = %u\nreview_days = %u\n", notice, review);
  return ATT_CLI_OK;
}

int
att_cli_cmd_leave_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *name = att_cli_arg (ctx, 0);
  const char *value = att_cli_arg (ctx, 1);
  gboolean notice = g_strcmp0 (name, "notice_days") == 0;
  guint64 days;
  int status;

  if (!notice && g_strcmp0 (name, "review_days") != 0)
    return att_cli_usage (ctx, _("Unknown setting “%s”: the settings are notice_days, review_days"), name);
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &days, NULL))
    return att_cli_usage (ctx, _("%s: “%s” is not a number of days"), name, value);

  if ((status = att_cli_get_user (ctx, FALSE, &user)) != ATT_CLI_OK)
    return status;
  if (!(notice ? att_leave_set_notice_days : att_leave_set_review_days) (ctx->db, user, (guint)days, &error))
    return att_cli_refuse (error);
  g_print ("%s = %u\n", name,
           notice ? att_leave_get_notice_days (ctx->db) : att_leave_get_review_days (ctx->db));
  return ATT_CLI_OK;
}
