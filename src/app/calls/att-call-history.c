/* att-call-history.c: a pupil's calls, newest first, on the pupil view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-call-history.h"
#include "att-call-log-document.h"

/* A pupil with a long history shows the latest; the rest are in the
 * call log and attendance-cli calls list. */
#define MAX_SHOWN 30

struct _AttCallHistory
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;    /* GtkWidget, as added */
  guint                n_calls;
};

G_DEFINE_FINAL_TYPE (AttCallHistory, att_call_history, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_row (AttCallHistory *self,
         GtkWidget      *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

void
att_call_history_show (AttCallHistory *self,
                       AttDb          *db,
                       gint64          pupil_id)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATT_IS_CALL_HISTORY (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_calls = 0;

  if (db == NULL || pupil_id == 0)
    return;

  calls = att_calls_list (db, ATT_DATE_NONE, pupil_id, &error);
  if (calls == NULL || calls->len == 0)
    {
      add_row (self, new_row (calls == NULL ? error->message : _("No calls logged"), NULL));
      return;
    }

  self->n_calls = calls->len;
  for (guint i = calls->len; i > 0 && calls->len - i < MAX_SHOWN; i--)
    {
      AttCall *call = g_ptr_array_index (calls, i - 1);
      g_auto(GStrv) cells = att_call_log_cells (db, call);
      g_autofree char *day = att_date_format_long (call->date);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;

      /* Translators: a call in a pupil's history: the day, the time, the
       * reason and outcome */
      title = g_strdup_printf (_("%s %s · %s"), day, cells[ATT_CALL_LOG_TIME], cells[ATT_CALL_LOG_OUTCOME]);
      /* Translators: a call in a pupil's history: caller, channel, who took it */
      g_string_append_printf (subtitle, _("%s · %s · taken by %s"), cells[ATT_CALL_LOG_CALLER],
                              cells[ATT_CALL_LOG_CHANNEL], cells[ATT_CALL_LOG_TAKEN_BY]);
      if (call->marks != NULL && call->marks->len > 0)
        {
          g_string_append (subtitle, _("\nMarks written:"));
          for (guint m = 0; m < call->marks->len; m++)
            {
              const AttCallMark *mark = &g_array_index (call->marks, AttCallMark, m);
              char date[ATT_DATE_TEXT_SIZE];

              g_string_append_printf (subtitle, " %s %s %s%s", att_date_format_to (mark->date, date),
                                      att_session_to_string (mark->session),
                                      att_code_to_string (mark->new_code),
                                      m + 1 < call->marks->len ? "," : "");
            }
        }
      if (call->attempts != NULL && call->attempts->len > 0)
        g_string_append_printf (subtitle,
                                g_dngettext (GETTEXT_PACKAGE, "\n%u attempt to reach the family",
                                             "\n%u attempts to reach the family", call->attempts->len),
                                call->attempts->len);
      add_row (self, new_row (title, subtitle->str));
    }
}

guint
att_call_history_get_n_calls (AttCallHistory *self)
{
  g_return_val_if_fail (ATT_IS_CALL_HISTORY (self), 0);

  return self->n_calls;
}

static void
att_call_history_finalize (GObject *object)
{
  AttCallHistory *self = ATT_CALL_HISTORY (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (att_call_history_parent_class)->finalize (object);
}

static void
att_call_history_class_init (AttCallHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = att_call_history_finalize;
}

static void
att_call_history_init (AttCallHistory *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Calls"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Calls about this pupil’s absence, newest first"));
}
