/* att-calls-page-firstday.c: the first-day list: who is still to be
 * reached today, in the order the core calls them, worked with one key
 * per outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys, on a selected row: R reached (with a reason: the call form
 * opens, filled), A no answer, V voicemail left, X number not working,
 * W wrong person. Each logs an attempt on the row's next contact and
 * moves to the next contact, or to the next pupil once every contact has
 * been tried.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-call-dialog.h"
#include "att-calls-clock.h"
#include "att-calls-page-private.h"

static const AttContact *
contact_to_try (AttFirstdayRow *row)
{
  if (row->next_contact != NULL)
    return row->next_contact;
  /* Every number has been tried today: a new round starts at the top. */
  for (guint i = 0; row->contacts != NULL && i < row->contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (row->contacts, i);

      if ((contact->phone_mobile != NULL && contact->phone_mobile[0] != '\0')
          || (contact->phone_home != NULL && contact->phone_home[0] != '\0')
          || (contact->phone_work != NULL && contact->phone_work[0] != '\0'))
        return contact;
    }
  return NULL;
}

static const char *
contact_number (const AttContact *contact)
{
  if (contact->phone_mobile != NULL && contact->phone_mobile[0] != '\0')
    return contact->phone_mobile;
  if (contact->phone_home != NULL && contact->phone_home[0] != '\0')
    return contact->phone_home;
  if (contact->phone_work != NULL && contact->phone_work[0] != '\0')
    return contact->phone_work;
  return _("no number");
}

static char *
format_at (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

static GtkWidget *
create_row (AttFirstdayRow *item)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *flags = att_flags_format (item->flags, ", ");
  g_autofree char *title = NULL;
  const AttContact *next = contact_to_try (item);

  if (flags != NULL && flags[0] != '\0')
    /* Translators: a pupil on the first-day list: name, group, flags */
    title = g_strdup_printf (_("%s, %s · %s"), att_pupil_get_display_name (item->pupil),
                             item->pupil->reg_group != NULL ? item->pupil->reg_group : "", flags);
  else
    title = g_strdup_printf (_("%s, %s"), att_pupil_get_display_name (item->pupil),
                             item->pupil->reg_group != NULL ? item->pupil->reg_group : "");

  g_string_append_printf (subtitle,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Absent without a reason for %u school day",
                                       "Absent without a reason for %u school days in a row",
                                       item->days_absent),
                          item->days_absent);
  g_string_append_printf (subtitle,
                          g_dngettext (GETTEXT_PACKAGE, " · %u attempt today", " · %u attempts today",
                                       item->attempts->len),
                          item->attempts->len);

  for (guint i = 0; item->contacts != NULL && i < item->contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (item->contacts, i);
      g_autofree char *name = att_contact_dup_name (contact);
      const AttCallAttempt *last = NULL;

      for (guint a = 0; a < item->attempts->len; a++)
        {
          const AttCallAttempt *attempt = g_ptr_array_index (item->attempts, a);

          if (attempt->contact_id == contact->id)
            last = attempt;
        }
      g_string_append_printf (subtitle, "\n%s%u. %s", contact == next ? "▸ " : "", i + 1, name);
      if (contact->relationship != NULL && contact->relationship[0] != '\0')
        g_string_append_printf (subtitle, " (%s)", contact->relationship);
      g_string_append_printf (subtitle, " %s", contact_number (contact));
      if (last != NULL)
        {
          g_autofree char *when = format_at (last->at);

          /* Translators: the last attempt on a contact: its outcome and time */
          g_string_append_printf (subtitle, _(" — %s at %s"),
                                  att_attempt_outcome_describe (last->outcome), when);
        }
    }
  if (item->contacts == NULL || item->contacts->len == 0)
    g_string_append_printf (subtitle, "\n%s", _("No contacts on record"));
  if (item->suggested_code != ATT_CODE_NONE)
    /* Translators: a pupil absent on days of leave the school refused:
     * the request's number, and the code (G or O) the register should get */
    g_string_append_printf (subtitle, _("\nLeave refused (request %" G_GINT64_FORMAT "): if absent without a reason, code %s"),
                            item->leave_id, att_code_to_string (item->suggested_code));
  if (item->next_step_text != NULL)
    /* Translators: the next step of the school's procedure for a pupil */
    g_string_append_printf (subtitle, _("\nNext: %s"), item->next_step_text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* A long name ends in an ellipsis on one line in a narrow window; the
   * lines under it wrap. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  gtk_widget_set_tooltip_text (row, _("Press R when reached with a reason, A for no answer, V when a voicemail was left, X when the number does not work, W for the wrong person"));
  return row;
}

int
_att_calls_page_firstday_selected (AttCallsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->firstday_list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

/* A first-day row has a line for every contact, so shaping its text is
 * most of what the page costs: the rows a window shows at once are made
 * before the first frame and the rest from an idle after it (a school
 * with 50 pupils to call showed its page 0.4 s later otherwise). */
#define FIRSTDAY_ROWS_FIRST 12
#define FIRSTDAY_ROWS_CHUNK 8

static void
append_rows (AttCallsPage *self,
             guint         n)
{
  for (; self->firstday != NULL && n > 0 && self->firstday_shown < self->firstday->len; n--)
    gtk_list_box_append (self->firstday_list,
                         create_row (g_ptr_array_index (self->firstday, self->firstday_shown++)));
}

void
_att_calls_page_firstday_rows_to (AttCallsPage *self,
                                  int           index)
{
  guint last;

  if (self->firstday == NULL)
    return;
  last = index < 0 ? self->firstday->len : MIN ((guint)index + 1, self->firstday->len);
  if (last > self->firstday_shown)
    append_rows (self, last - self->firstday_shown);
  if (self->firstday_shown == self->firstday->len)
    g_clear_handle_id (&self->firstday_rows_id, g_source_remove);
}

static gboolean
on_rows_idle (gpointer user_data)
{
  AttCallsPage *self = user_data;

  append_rows (self, FIRSTDAY_ROWS_CHUNK);
  if (self->firstday != NULL && self->firstday_shown < self->firstday->len)
    return G_SOURCE_CONTINUE;
  self->firstday_rows_id = 0;
  return G_SOURCE_REMOVE;
}

static void
select_index (AttCallsPage *self,
              int           index,
              gboolean      focus)
{
  GtkListBoxRow *row;

  if (self->firstday == NULL || self->firstday->len == 0)
    return;
  index = CLAMP (index, 0, (int)self->firstday->len - 1);
  _att_calls_page_firstday_rows_to (self, index);
  row = gtk_list_box_get_row_at_index (self->firstday_list, index);
  gtk_list_box_select_row (self->firstday_list, row);
  if (focus)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
_att_calls_page_load_firstday (AttCallsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->firstday_list));
  int selected = _att_calls_page_firstday_selected (self);

  g_clear_handle_id (&self->firstday_rows_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->firstday_list))) != NULL)
    gtk_list_box_remove (self->firstday_list, child);
  g_clear_pointer (&self->firstday, g_ptr_array_unref);
  self->firstday_shown = 0;

  if (self->db != NULL)
    {
      self->firstday = att_firstday_list (self->db, self->date,
                                          att_context_get_clock (att_page_get_context (ATT_PAGE (self))),
                                          &error);
      if (self->firstday == NULL)
        /* A day with no school: nobody to call. */
        adw_status_page_set_description (self->firstday_empty, error->message);
      else
        adw_status_page_set_description (self->firstday_empty,
                                         _("Every pupil absent today has a reason, or the morning register has not closed yet."));
    }

  append_rows (self, FIRSTDAY_ROWS_FIRST);
  if (self->firstday != NULL && self->firstday_shown < self->firstday->len)
    self->firstday_rows_id = g_idle_add_full (G_PRIORITY_LOW, on_rows_idle, self, NULL);

  if (self->firstday != NULL && self->firstday->len > 0)
    {
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u pupil still to reach, most vulnerable first",
                                            "%u pupils still to reach, most vulnerable first",
                                            self->firstday->len),
                               self->firstday->len);
      gtk_stack_set_visible_child_name (self->firstday_stack, "list");
      select_index (self, MAX (selected, 0), had_focus);
    }
  else
    gtk_stack_set_visible_child_name (self->firstday_stack, "empty");
  gtk_label_set_label (self->firstday_count, count != NULL ? count : "");
  _att_calls_page_update_subtitle (self);
}

static int
index_of_pupil (AttCallsPage *self,
                gint64        pupil_id)
{
  for (guint i = 0; self->firstday != NULL && i < self->firstday->len; i++)
    if (((AttFirstdayRow *)g_ptr_array_index (self->firstday, i))->pupil->id == pupil_id)
      return i;
  return -1;
}

typedef struct
{
  AttCallsPage *page;
  gint64        pupil_id;
  gint64        contact_id;
} ReachedData;

static void
reached_data_free (gpointer data,
                   GClosure *closure)
{
  ReachedData *reached = data;

  g_object_unref (reached->page);
  g_free (reached);
}

/* The call form saved from "reached": the attempt that reached them is
 * logged on the call. */
static void
on_reached_saved (AttCallDialog *dialog,
                  ReachedData   *data)
{
  AttCallsPage *self = data->page;
  GArray *ids = att_call_dialog_get_call_ids (dialog);
  g_autoptr(GError) error = NULL;

  if (self->db == NULL || ids->len == 0)
    return;
  if (att_calls_add_attempt (self->db, _att_calls_page_get_user (self), g_array_index (ids, gint64, 0),
                             data->pupil_id, self->date,
                             att_calls_context_now (att_page_get_context (ATT_PAGE (self))),
                             ATT_CALL_CHANNEL_PHONE,
                             ATT_ATTEMPT_REACHED, data->contact_id, NULL, &error) == 0)
    _att_calls_page_show_error (self, error->message);
}

static gboolean
outcome_for_key (guint              keyval,
                 AttAttemptOutcome *outcome)
{
  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_r: *outcome = ATT_ATTEMPT_REACHED; return TRUE;
    case GDK_KEY_a: *outcome = ATT_ATTEMPT_NO_ANSWER; return TRUE;
    case GDK_KEY_v: *outcome = ATT_ATTEMPT_VOICEMAIL; return TRUE;
    case GDK_KEY_x: *outcome = ATT_ATTEMPT_NOT_WORKING; return TRUE;
    case GDK_KEY_w: *outcome = ATT_ATTEMPT_WRONG_PERSON; return TRUE;
    default: return FALSE;
    }
}

gboolean
_att_calls_page_firstday_key (AttCallsPage    *self,
                              guint            keyval,
                              GdkModifierType  state)
{
  g_autoptr(GError) error = NULL;
  AttAttemptOutcome outcome;
  AttFirstdayRow *item;
  const AttContact *contact;
  gint64 pupil_id, contact_id;
  int index = _att_calls_page_firstday_selected (self);
  int next_index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0
      || !outcome_for_key (keyval, &outcome))
    return FALSE;
  if (self->db == NULL || self->firstday == NULL || index < 0 || (guint)index >= self->firstday->len)
    return FALSE;
  if (self->rights_error != NULL)
    {
      _att_calls_page_show_error (self, self->rights_error);
      return TRUE;
    }

  item = g_ptr_array_index (self->firstday, index);
  contact = contact_to_try (item);
  pupil_id = item->pupil->id;
  contact_id = contact != NULL ? contact->id : 0;

  if (outcome == ATT_ATTEMPT_REACHED)
    {
      GtkWindow *dialog = _att_calls_page_open_call_form (self, pupil_id, contact_id);
      ReachedData *data = g_new0 (ReachedData, 1);

      data->page = g_object_ref (self);
      data->pupil_id = pupil_id;
      data->contact_id = contact_id;
      g_signal_connect_data (dialog, "saved", G_CALLBACK (on_reached_saved), data,
                             reached_data_free, 0);
      return TRUE;
    }

  if (att_calls_add_attempt (self->db, _att_calls_page_get_user (self), 0, pupil_id, self->date,
                             att_calls_context_now (att_page_get_context (ATT_PAGE (self))),
                             ATT_CALL_CHANNEL_PHONE, outcome, contact_id, NULL, &error) == 0)
    {
      _att_calls_page_show_error (self, error->message);
      return TRUE;
    }

  /* The list is read again now, not at idle, so the next key acts on the
   * row the person sees. */
  att_page_refresh (ATT_PAGE (self));
  next_index = index_of_pupil (self, pupil_id);
  if (next_index < 0)
    next_index = index;
  else if (((AttFirstdayRow *)g_ptr_array_index (self->firstday, next_index))->next_contact == NULL)
    next_index++;
  select_index (self, next_index, TRUE);
  return TRUE;
}

gboolean
_att_calls_page_on_firstday_key (GtkEventControllerKey *controller,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 AttCallsPage          *self)
{
  /* A key may move past the rows made so far (Down on the last, End):
   * the list is made whole first. */
  _att_calls_page_firstday_rows_to (self, -1);
  return _att_calls_page_firstday_key (self, keyval, state);
}

/* ------------------------------------------------------------------ */
/* Texts                                                               */

gboolean
_att_calls_page_export_texts_to (AttCallsPage  *self,
                                 const char    *path,
                                 guint         *n_rows,
                                 GError       **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (self->db != NULL, FALSE);

  csv = att_firstday_texts (self->db, _att_calls_page_get_user (self), self->date,
                            att_context_get_clock (att_page_get_context (ATT_PAGE (self))),
                            n_rows, error);
  return csv != NULL && att_file_save_private (path, csv, strlen (csv), error);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    AttCallsPage    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_rows = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !_att_calls_page_export_texts_to (self, path, &n_rows, &error))
        _att_calls_page_show_error (self, error->message);
      else if (path != NULL)
        {
          g_autofree char *basename = g_path_get_basename (path);
          g_autofree char *text =
            /* Translators: %u texts were written to the file %s */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u text written to %s, and logged",
                                          "%u texts written to %s, and logged", n_rows),
                             n_rows, basename);

          _att_calls_page_show_toast (self, text);
        }
    }
  g_object_unref (chooser);
}

void
_att_calls_page_export_texts (AttCallsPage *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char day[ATT_DATE_TEXT_SIZE];

  if (self->db == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Texts"), _att_calls_page_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the file name the texting export is offered as; %s is the day */
  name = g_strdup_printf (_("texts-%s.csv"), att_date_format_to (self->date, day));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
