/* att-call-log-document.c: the day's call log and late book, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-call-log-document.h"
#include "att-pupils.h"
#include "att-table-document.h"

static char *
time_of (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

static char *
minutes_text (int minutes)
{
  return minutes >= 0 ? att_time_format (minutes) : g_strdup ("");
}

GStrv
att_call_log_cells (AttDb   *db,
                    AttCall *call)
{
  AttPupil *pupil = att_pupils_get (db, call->pupil_id);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *time = time_of (call->at);
  g_autofree char *caller = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *taken_by = NULL;
  g_autoptr(GString) what = g_string_new (att_call_reason_describe (call->reason));
  GStrv cells;

  if (call->direction == ATT_CALL_OUT)
    /* Translators: a call the school made, to this person */
    caller = g_strdup_printf (_("%s (called by the school)"), call->caller != NULL ? call->caller : "");
  else
    caller = g_strdup (call->caller != NULL ? call->caller : "");

  if (call->outcome != NULL && call->outcome[0] != '\0')
    g_string_append_printf (what, ": %s", call->outcome);
  if (call->note != NULL && call->note[0] != '\0')
    g_string_append_printf (what, ": %s", call->note);
  if (call->expected_return != ATT_DATE_NONE)
    {
      g_autofree char *back = att_date_format_long (call->expected_return);

      /* Translators: the day a pupil is expected back */
      g_string_append_printf (what, _("; back %s"), back);
    }
  if (call->safeguarding)
    g_string_append (what, _("; safeguarding concern"));
  outcome = g_string_free (g_steal_pointer (&what), FALSE);

  if (call->position != NULL && call->position[0] != '\0')
    taken_by = g_strdup_printf ("%s, %s", call->user_name, call->position);
  else
    taken_by = g_strdup (call->user_name != NULL ? call->user_name : "");

  g_strv_builder_add (builder, time);
  g_strv_builder_add (builder, pupil != NULL ? att_pupil_get_display_name (pupil) : "");
  g_strv_builder_add (builder, pupil != NULL && pupil->reg_group != NULL ? pupil->reg_group : "");
  g_strv_builder_add (builder, caller);
  g_strv_builder_add (builder, att_call_channel_describe (call->channel));
  g_strv_builder_add (builder, outcome);
  g_strv_builder_add (builder, taken_by);
  cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return cells;
}

GStrv
att_late_book_cells (AttDb        *db,
                     AttLateEntry *entry)
{
  AttPupil *pupil = att_pupils_get (db, entry->pupil_id);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *time = NULL;
  g_autofree char *what = NULL;
  g_autofree char *code = NULL;
  const char *reason = entry->reason != NULL ? entry->reason : "";
  AttCallReason category;
  GStrv cells;

  if (entry->kind == ATT_LATE_ARRIVAL)
    {
      time = minutes_text (entry->time_in);
      what = g_strdup (_("Arrived late"));
      if (entry->code != ATT_CODE_NONE && entry->minutes_late >= 0)
        /* Translators: a late code and the minutes late, as "L, 12 min" */
        code = g_strdup_printf (_("%s, %d min"), att_code_to_string (entry->code), entry->minutes_late);
    }
  else
    {
      g_autofree char *out = minutes_text (entry->time_out);
      g_autofree char *back = minutes_text (entry->time_in);

      time = g_strdup (out);
      what = entry->time_in >= 0
             /* Translators: a pupil signed out, and back at this time */
             ? g_strdup_printf (_("Signed out, back %s"), back)
             : g_strdup (_("Signed out, not back"));
    }
  if (code == NULL)
    code = g_strdup (entry->code != ATT_CODE_NONE ? att_code_to_string (entry->code) : "");

  /* A sign-out keeps its reason as the call reasons' name ("medical"):
   * shown in words. */
  if (entry->kind == ATT_LATE_SIGN_OUT && entry->reason != NULL
      && att_call_reason_parse (entry->reason, &category, NULL))
    reason = att_call_reason_describe (category);

  g_strv_builder_add (builder, time);
  g_strv_builder_add (builder, pupil != NULL ? att_pupil_get_display_name (pupil) : "");
  g_strv_builder_add (builder, pupil != NULL && pupil->reg_group != NULL ? pupil->reg_group : "");
  g_strv_builder_add (builder, what);
  g_strv_builder_add (builder, code);
  g_strv_builder_add (builder, reason);
  g_strv_builder_add (builder, entry->person != NULL ? entry->person : "");
  g_strv_builder_add (builder, entry->user_name != NULL ? entry->user_name : "");
  cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return cells;
}

AttDocument *
att_call_log_document_new (AttDb      *db,
                           AttDate     date,
                           GPtrArray  *calls,
                           const char *school,
                           const char *footer)
{
  const char *headings[] = {
    _("Time"), _("Pupil"), _("Group"), _("Caller"), _("Channel"), _("Reason and outcome"),
    _("Taken by"), NULL,
  };
  static const double widths[] = { 0.06, 0.15, 0.07, 0.17, 0.09, 0.30, 0.16 };
  g_autofree char *day = att_date_format_long (date);
  g_autofree char *title = NULL;
  AttTableDocument *document;

  g_return_val_if_fail (db != NULL && calls != NULL, NULL);

  /* Translators: the title of the printed call log, with its day */
  title = g_strdup_printf (_("Call log, %s"), day);
  document = att_table_document_new (school, title, footer, ATT_PAGE_LANDSCAPE, headings, widths);
  for (guint i = 0; i < calls->len; i++)
    {
      g_auto(GStrv) cells = att_call_log_cells (db, g_ptr_array_index (calls, i));

      att_table_document_add_row (document, (const char * const *)cells);
    }
  return ATT_DOCUMENT (document);
}

AttDocument *
att_late_book_document_new (AttDb      *db,
                            AttDate     date,
                            GPtrArray  *entries,
                            const char *school,
                            const char *footer)
{
  const char *headings[] = {
    _("Time"), _("Pupil"), _("Group"), _("What"), _("Code"), _("Reason"),
    _("Brought or collected by"), _("Recorded by"), NULL,
  };
  static const double widths[] = { 0.06, 0.16, 0.07, 0.15, 0.07, 0.19, 0.16, 0.14 };
  g_autofree char *day = att_date_format_long (date);
  g_autofree char *title = NULL;
  AttTableDocument *document;

  g_return_val_if_fail (db != NULL && entries != NULL, NULL);

  /* Translators: the title of the printed late book, with its day */
  title = g_strdup_printf (_("Late arrivals and signing out, %s"), day);
  document = att_table_document_new (school, title, footer, ATT_PAGE_LANDSCAPE, headings, widths);
  for (guint i = 0; i < entries->len; i++)
    {
      g_auto(GStrv) cells = att_late_book_cells (db, g_ptr_array_index (entries, i));

      att_table_document_add_row (document, (const char * const *)cells);
    }
  return ATT_DOCUMENT (document);
}
