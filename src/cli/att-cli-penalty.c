/* att-cli-penalty.c: penalty consider, list, notice, notices, outcome,
 * improve, improve-outcome and improvements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-private.h"

/* The record number of the command's first argument. */
static int
parse_id (AttCliContext *ctx,
          const char    *what,
          gint64        *id)
{
  const char *text = att_cli_arg (ctx, 0);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return att_cli_usage (ctx, _("ID: “%s” is not the number of a %s"), text, what);
  *id = (gint64)value;
  return ATT_CLI_OK;
}

static char *
date_or_empty (AttDate date)
{
  return date != ATT_DATE_NONE ? att_date_format (date) : g_strdup ("");
}

static void
json_date_or_null (AttCliJson *writer,
                   const char *name,
                   AttDate     date)
{
  att_cli_json_member (writer, name);
  if (date != ATT_DATE_NONE)
    att_cli_json_add_date (writer, date);
  else
    att_cli_json_add_null (writer);
}

static void
json_id_or_null (AttCliJson *writer,
                 const char *name,
                 gint64      id)
{
  att_cli_json_member (writer, name);
  if (id != 0)
    att_cli_json_add_int (writer, id);
  else
    att_cli_json_add_null (writer);
}

/* "£80" or "£160" */
static char *
format_pounds (guint pence)
{
  if (pence % 100 == 0)
    return g_strdup_printf ("£%u", pence / 100);
  return g_strdup_printf ("£%u.%02u", pence / 100, pence % 100);
}

/* The pupil of UPN, the command's first argument, when given; NULL with
 * the refusal printed. */
static AttPupil *
pupil_arg (AttCliContext *ctx)
{
  if (att_cli_open_db (ctx) == NULL)
    return NULL;
  return att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
}

/* ------------------------------------------------------------------ */
/* penalty consider                                                    */

int
att_cli_cmd_penalty_consider (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttPenaltyConsideration) read = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  AttPenaltyConsideration c = { 0 };
  const char *decision = att_cli_opt (ctx, "decision");
  AttPupil *pupil;
  AttDate as_of = ATT_DATE_NONE;
  gint64 id;
  int status;

  if (decision == NULL)
    return att_cli_usage (ctx, _("--decision is required: support, notice-to-improve, penalty-notice or other"));
  if (!att_penalty_decision_parse (decision, &c.decision, &error))
    return att_cli_usage (ctx, "--decision: %s", error->message);
  if (att_cli_opt (ctx, "rationale") == NULL)
    return att_cli_usage (ctx, _("--rationale TEXT is required: why the school decided what it did"));
  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = pupil_arg (ctx);
  if (pupil == NULL)
    return ATT_CLI_REFUSED;

  c.pupil_id = pupil->id;
  c.as_of = as_of;
  c.rationale = (char *)att_cli_opt (ctx, "rationale");
  c.equality = (char *)att_cli_opt (ctx, "equality");
  /* Without --support, what the case's chronology shows was offered. */
  if (att_cli_opt (ctx, "support") != NULL)
    c.support_offered = g_strdup (att_cli_opt (ctx, "support"));
  else if ((c.support_offered = att_penalty_support_summary (ctx->db, pupil->id, as_of, &error)) == NULL)
    return att_cli_refuse (error);
  c.notice_best_tool = (char *)att_cli_opt (ctx, "best-tool");
  c.agencies = (char *)att_cli_opt (ctx, "agencies");
  id = att_penalty_consider (ctx->db, user, &c, &error);
  g_free (c.support_offered);
  if (id == 0)
    return att_cli_refuse (error);
  read = att_penalty_consideration_get (ctx->db, id, &error);
  if (read == NULL)
    return att_cli_refuse (error);
  start = att_date_format (read->window_start);
  end = att_date_format (read->window_end);
  /* Translators: "Consideration 3 recorded for Tom Ten (UPN ...): penalty-notice, 10 sessions from ... to ..." */
  g_print (_("Consideration %" G_GINT64_FORMAT " recorded for %s (UPN %s): %s, %u unauthorised sessions from %s to %s\n"),
           id, att_pupil_get_display_name (pupil), pupil->upn,
           att_penalty_decision_to_string (read->decision), read->sessions, start, end);
  /* The contract's command asks for no more than the decision and its
   * rationale; the consideration is recorded, and the office told what
   * it still lacks. */
  if (!att_penalty_consideration_check_complete (read, &error))
    g_printerr (_("Not complete: %s (record it with --equality TEXT in a new consideration)\n"),
                error->message);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* penalty list                                                        */

int
att_cli_cmd_penalty_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  rows = att_penalty_list (ctx->db, as_of, &error);
  if (rows == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    {
      table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), _("Sessions"), _("Window"),
                                 _("Codes"), _("Notices (3y)"), _("Considered"), _("Notice to improve"), NULL);
      att_cli_table_align_right (table, 3);
      att_cli_table_align_right (table, 6);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const AttPenaltyRow *row = g_ptr_array_index (rows, i);
      const AttBreach *b = &row->breach;

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          json_id_or_null (writer, "id", row->consideration_id);
          att_cli_json_string (writer, "upn", row->upn);
          att_cli_json_string (writer, "name", row->name);
          att_cli_json_string (writer, "group", row->group);
          att_cli_json_int (writer, "unauthorised_sessions", b->sessions);
          att_cli_json_date (writer, "window_start", b->window_start);
          att_cli_json_date (writer, "window_end", b->window_end);
          att_cli_json_int (writer, "school_weeks", b->school_weeks);
          att_cli_json_codes (writer, "codes", b->codes);
          att_cli_json_bool (writer, "includes_n", b->includes_n);
          att_cli_json_int (writer, "penalty_notices_3y", b->notices_3y);
          att_cli_json_bool (writer, "considered", b->considered);
          att_cli_json_bool (writer, "over", row->over);
          att_cli_json_bool (writer, "near", !row->over);
          json_id_or_null (writer, "improvement_id", row->improvement_id);
          json_date_or_null (writer, "improvement_end", row->improvement_end);
          att_cli_json_int (writer, "improvement_flagged", row->improvement_flagged);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autofree char *start = att_date_format (b->window_start);
          g_autofree char *end = att_date_format (b->window_end);
          g_autofree char *sessions = g_strdup_printf (row->over ? "%u" : _("%u (near)"), b->sessions);
          g_autofree char *window = g_strdup_printf ("%s – %s", start, end);
          g_autofree char *codes = att_cli_format_codes (b->codes);
          g_autofree char *notices = g_strdup_printf ("%u", b->notices_3y);
          g_autofree char *improve = NULL;

          if (row->improvement_id != 0)
            {
              g_autofree char *until = att_date_format (row->improvement_end);

              improve = g_strdup_printf (_("to %s, %u flagged"), until, row->improvement_flagged);
            }
          att_cli_table_add_row (table, row->upn, row->name, row->group, sessions, window, codes,
                                 notices, b->considered ? _("yes") : _("no"),
                                 improve != NULL ? improve : "", NULL);
        }
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* penalty unconsidered                                                */

int
att_cli_cmd_penalty_unconsidered (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  rows = att_penalty_unconsidered (ctx->db, as_of, &error);
  if (rows == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    {
      table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), _("Met on"), _("Sessions"),
                                 _("Window"), _("Codes"), NULL);
      att_cli_table_align_right (table, 4);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const AttPenaltyRow *row = g_ptr_array_index (rows, i);
      const AttBreach *b = &row->breach;

      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", row->upn);
          att_cli_json_string (writer, "name", row->name);
          att_cli_json_string (writer, "group", row->group);
          att_cli_json_date (writer, "met", row->met);
          att_cli_json_int (writer, "unauthorised_sessions", b->sessions);
          att_cli_json_date (writer, "window_start", b->window_start);
          att_cli_json_date (writer, "window_end", b->window_end);
          att_cli_json_codes (writer, "codes", b->codes);
          att_cli_json_bool (writer, "includes_n", b->includes_n);
          att_cli_json_int (writer, "penalty_notices_3y", b->notices_3y);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autofree char *met = att_date_format (row->met);
          g_autofree char *start = att_date_format (b->window_start);
          g_autofree char *end = att_date_format (b->window_end);
          g_autofree char *sessions = g_strdup_printf ("%u", b->sessions);
          g_autofree char *window = g_strdup_printf ("%s – %s", start, end);
          g_autofree char *codes = att_cli_format_codes (b->codes);

          att_cli_table_add_row (table, row->upn, row->name, row->group, met, sessions, window, codes, NULL);
        }
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* penalty notice, notices, outcome                                    */

int
att_cli_cmd_penalty_notice (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttPenaltyNotice) notice = NULL;
  g_autofree char *full = NULL;
  const char *parent = att_cli_opt (ctx, "parent");
  const char *kind_text = att_cli_opt (ctx, "kind");
  AttPenaltyNoticeKind kind;
  AttPupil *pupil;
  AttDate date = ATT_DATE_NONE;
  guint64 contact_id;
  gint64 id;
  int status;

  if (parent == NULL)
    return att_cli_usage (ctx, _("--parent CONTACT_ID is required: the parent the notice goes to (pupils show UPN lists the contacts)"));
  if (!g_ascii_string_to_unsigned (parent, 10, 1, G_MAXINT64, &contact_id, NULL))
    return att_cli_usage (ctx, _("--parent: “%s” is not a contact’s number"), parent);
  if (kind_text == NULL)
    return att_cli_usage (ctx, _("--kind is required: first or second"));
  if (!att_penalty_notice_kind_parse (kind_text, &kind, &error))
    return att_cli_usage (ctx, "--kind: %s", error->message);
  if ((status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  pupil = pupil_arg (ctx);
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  id = att_penalty_notice_request (ctx->db, user, pupil->id, (gint64)contact_id, kind, date, &error);
  if (id == 0)
    return att_cli_refuse (error);
  notice = att_penalty_notice_get (ctx->db, id, &error);
  if (notice == NULL)
    return att_cli_refuse (error);
  full = format_pounds (notice->amount_pence);
  if (notice->amount_early_pence > 0)
    {
      g_autofree char *early = format_pounds (notice->amount_early_pence);

      g_print (_("Penalty notice %" G_GINT64_FORMAT " (%s) requested for %s, parent of %s: %s if paid within %u days, %s within %u days\n"),
               id, att_penalty_notice_kind_to_string (kind), notice->parent,
               att_pupil_get_display_name (pupil), early, notice->early_days, full, notice->days);
    }
  else
    g_print (_("Penalty notice %" G_GINT64_FORMAT " (%s) requested for %s, parent of %s: %s within %u days\n"),
             id, att_penalty_notice_kind_to_string (kind), notice->parent,
             att_pupil_get_display_name (pupil), full, notice->days);
  return ATT_CLI_OK;
}

int
att_cli_cmd_penalty_notices (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  gint64 pupil_id = 0;

  if (!att_cli_optional_pupil (ctx, &pupil_id))
    return ATT_CLI_REFUSED;
  list = att_penalty_notices (ctx->db, pupil_id, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Parent"), _("Notice"), _("Requested"),
                               _("Status"), _("Since"), _("Amount"), _("Note"), NULL);
  for (guint i = 0; i < list->len; i++)
    {
      const AttPenaltyNotice *n = g_ptr_array_index (list, i);
      AttPupil *pupil = att_pupils_get (ctx->db, n->pupil_id);

      if (pupil == NULL)
        continue;
      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", n->id);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
          json_id_or_null (writer, "contact_id", n->contact_id);
          att_cli_json_string (writer, "parent", n->parent);
          att_cli_json_string (writer, "kind", att_penalty_notice_kind_to_string (n->kind));
          att_cli_json_date (writer, "requested", n->requested);
          att_cli_json_string (writer, "status", att_penalty_notice_status_to_string (n->status));
          att_cli_json_date (writer, "status_date", n->status_date);
          att_cli_json_int (writer, "amount_early_pence", n->amount_early_pence);
          att_cli_json_int (writer, "early_days", n->early_days);
          att_cli_json_int (writer, "amount_pence", n->amount_pence);
          att_cli_json_int (writer, "days", n->days);
          att_cli_json_string (writer, "note", n->note);
          att_cli_json_string (writer, "user", n->user);
          json_id_or_null (writer, "consideration_id", n->consideration_id);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, n->id);
          g_autofree char *requested = att_date_format (n->requested);
          g_autofree char *since = att_date_format (n->status_date);
          g_autofree char *full = format_pounds (n->amount_pence);
          g_autofree char *amount = NULL;
          g_autofree char *note = att_text_escape (n->note);

          if (n->amount_early_pence > 0)
            {
              g_autofree char *early = format_pounds (n->amount_early_pence);

              amount = g_strdup_printf (_("%s in %u days, %s in %u"), early, n->early_days, full, n->days);
            }
          else
            amount = g_strdup_printf (_("%s in %u days"), full, n->days);
          att_cli_table_add_row (table, id, pupil->upn, att_pupil_get_display_name (pupil), n->parent,
                                 att_penalty_notice_kind_to_string (n->kind), requested,
                                 att_penalty_notice_status_to_string (n->status), since, amount, note,
                                 NULL);
        }
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

int
att_cli_cmd_penalty_outcome (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *day = NULL;
  const char *status_text = att_cli_opt (ctx, "status");
  AttPenaltyNoticeStatus to;
  AttDate date = ATT_DATE_NONE;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, _("penalty notice"), &id)) != ATT_CLI_OK)
    return status;
  if (status_text == NULL)
    return att_cli_usage (ctx, _("--status is required: issued, paid, withdrawn or prosecuted"));
  if (!att_penalty_notice_status_parse (status_text, &to, &error))
    return att_cli_usage (ctx, "--status: %s", error->message);
  if ((status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_penalty_notice_set_status (ctx->db, user, id, to, date, att_cli_opt (ctx, "note"), &error))
    return att_cli_refuse (error);
  day = att_date_format (date);
  g_print (_("Penalty notice %" G_GINT64_FORMAT " is %s from %s\n"), id,
           att_penalty_notice_status_to_string (to), day);
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* penalty improve, improve-outcome, improvements                      */

int
att_cli_cmd_penalty_improve (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *end_text = NULL;
  const char *out = att_cli_opt (ctx, "out");
  AttPupil *pupil;
  AttDate issued = ATT_DATE_NONE, end;
  guint weeks = 0;
  gint64 id;
  int status;

  if ((status = att_cli_opt_uint (ctx, "weeks", 1000, &weeks)) != ATT_CLI_OK ||
      (status = att_cli_opt_date_or_today (ctx, "date", &issued)) != ATT_CLI_OK ||
      (status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "weeks") != NULL && (weeks < ATT_IMPROVE_MIN_WEEKS || weeks > ATT_IMPROVE_MAX_WEEKS))
    return att_cli_usage (ctx, _("--weeks: an improvement period is 3 to 6 school weeks, not %u"), weeks);
  pupil = pupil_arg (ctx);
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  /* The letter is drawn by attendance-cli-print, which records the notice
   * and its letter together. */
  if (out != NULL)
    return att_cli_penalty_improve_pdf (ctx, user, pupil->id, issued, weeks, out);

  id = att_penalty_improve_start (ctx->db, user, pupil->id, issued, weeks, &error);
  if (id == 0)
    return att_cli_refuse (error);
  end = att_penalty_improve_end (ctx->db, issued, weeks, &error);
  issued_text = att_date_format (issued);
  end_text = att_date_format (end);
  g_print (_("Notice to improve %" G_GINT64_FORMAT " for %s (UPN %s) issued on %s: the improvement period runs to %s\n"),
           id, att_pupil_get_display_name (pupil), pupil->upn, issued_text, end_text);
  return ATT_CLI_OK;
}

int
att_cli_cmd_penalty_improve_outcome (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *outcome_text = att_cli_opt (ctx, "outcome");
  AttImproveOutcome outcome;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, _("notice to improve"), &id)) != ATT_CLI_OK)
    return status;
  if (outcome_text == NULL)
    return att_cli_usage (ctx, _("--outcome is required: improved or not-improved"));
  if (!att_improve_outcome_parse (outcome_text, &outcome, &error) || outcome == ATT_IMPROVE_NONE)
    return att_cli_usage (ctx, "--outcome: %s",
                          error != NULL ? error->message : _("use improved or not-improved"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_penalty_improve_outcome (ctx->db, user, id, outcome, att_cli_opt (ctx, "note"), &error))
    return att_cli_refuse (error);
  g_print (_("Notice to improve %" G_GINT64_FORMAT ": %s\n"), id, att_improve_outcome_to_string (outcome));
  return ATT_CLI_OK;
}

int
att_cli_cmd_penalty_improvements (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  gint64 pupil_id = 0;

  if (!att_cli_optional_pupil (ctx, &pupil_id))
    return ATT_CLI_REFUSED;
  list = att_penalty_improve_list (ctx->db, pupil_id, &error);
  if (list == NULL)
    return att_cli_refuse (error);

  writer = att_cli_begin_list (ctx);
  if (writer == NULL)
    {
      table = att_cli_table_new (_("ID"), _("UPN"), _("Name"), _("Issued"), _("Weeks"), _("Period ends"),
                                 _("Flagged"), _("Outcome"), _("Letter"), NULL);
      att_cli_table_align_right (table, 4);
      att_cli_table_align_right (table, 6);
    }
  for (guint i = 0; i < list->len; i++)
    {
      const AttNoticeToImprove *n = g_ptr_array_index (list, i);
      AttPupil *pupil = att_pupils_get (ctx->db, n->pupil_id);

      if (pupil == NULL)
        continue;
      if (writer != NULL)
        {
          att_cli_json_begin_object (writer);
          att_cli_json_int (writer, "id", n->id);
          att_cli_json_string (writer, "upn", pupil->upn);
          att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
          att_cli_json_date (writer, "issued", n->issued);
          att_cli_json_int (writer, "weeks", n->weeks);
          att_cli_json_date (writer, "period_end", n->period_end);
          att_cli_json_int (writer, "flagged", n->flagged);
          att_cli_json_string (writer, "outcome", att_improve_outcome_to_string (n->outcome));
          json_date_or_null (writer, "outcome_date", n->outcome_date);
          att_cli_json_string (writer, "outcome_note", n->outcome_note);
          json_id_or_null (writer, "letter_id", n->letter_id);
          json_id_or_null (writer, "consideration_id", n->consideration_id);
          att_cli_json_string (writer, "user", n->user);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, n->id);
          g_autofree char *issued = att_date_format (n->issued);
          g_autofree char *weeks = g_strdup_printf ("%u", n->weeks);
          g_autofree char *end = att_date_format (n->period_end);
          g_autofree char *flagged = g_strdup_printf ("%u", n->flagged);
          g_autofree char *letter = n->letter_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n->letter_id)
                                                      : g_strdup ("");
          g_autofree char *when = date_or_empty (n->outcome_date);
          g_autofree char *outcome = n->outcome != ATT_IMPROVE_NONE
                                     ? g_strdup_printf ("%s (%s)", att_improve_outcome_to_string (n->outcome), when)
                                     : g_strdup ("");

          att_cli_table_add_row (table, id, pupil->upn, att_pupil_get_display_name (pupil), issued, weeks,
                                 end, flagged, outcome, letter, NULL);
        }
    }
  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}
