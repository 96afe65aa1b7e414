/* att-letters-page-log.c: the Letters page's log of letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log is never edited: a letter is read back as it was. A letter
 * logged but not yet posted is marked out of date when a mark of its
 * period has been entered or amended since its figures were read
 * (att_letters_is_out_of_date()); it must be made again (Regenerate)
 * rather than posted. A letter posted has gone as it was, so it is only
 * reprinted. The newest letters come first; a long period shows the
 * newest 150, and the search or a shorter period finds the rest.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letters-form.h"
#include "att-letter-templates.h"
#include "att-letters-page-private.h"

/* Rows beyond this are not made: the list says how many more there are. */
#define MAX_ROWS 150

enum
{
  PERIOD_FOUR_WEEKS,
  PERIOD_YEAR,
  PERIOD_ALL,
};

static char *
kind_title (AttLettersPage *self,
            GHashTable     *titles,
            const char     *kind)
{
  const char *title = titles != NULL ? g_hash_table_lookup (titles, kind) : NULL;

  if (title == NULL && g_strcmp0 (kind, ATT_LETTER_HALF_TERM_KIND) == 0)
    title = _("Half-termly report");
  if (title == NULL)
    title = att_letter_templates_describe (kind);
  return g_strdup (title != NULL ? title : kind);
}

static GtkWidget *
suffix_button (const char *label,
               const char *tooltip,
               const char *action_name,
               gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

static GtkWidget *
log_row_new (AttLettersPage        *self,
             const AttLetterRecord *record,
             const char            *pupil_name,
             const char            *title,
             gboolean               out_of_date)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = att_date_format_long (record->date);
  g_autofree char *how = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *escaped = NULL;

  if (record->posted != ATT_DATE_NONE)
    {
      g_autofree char *posted = att_date_format_long (record->posted);

      /* Translators: how a letter went (“First-class post”), then when */
      how = g_strdup_printf (_("%s on %s"), att_letter_delivery_describe (record->delivery), posted);
    }
  else
    /* Translators: a letter logged whose posting is not recorded yet */
    how = g_strdup_printf (_("%s, not posted yet"), att_letter_delivery_describe (record->delivery));
  /* Translators: a letter in the log: its stage, the addressee, its date
   * and how it went */
  subtitle = g_strdup_printf (_("%s · to %s · dated %s · %s"), title,
                              record->recipient != NULL ? record->recipient : "", date, how);
  /* Translators: the pupil's name, then their UPN */
  heading = g_strdup_printf (_("%s (%s)"), pupil_name, record->upn != NULL ? record->upn : "");
  escaped = g_markup_escape_text (heading, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  if (out_of_date)
    {
      GtkWidget *tag = gtk_label_new (_("Out of date"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "error");
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_set_tooltip_text (tag, _("A mark of the letter’s period was entered or amended after it was prepared: its figures are wrong. Regenerate it before posting."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 suffix_button (_("_Regenerate…"),
                                                _("Make the letter again with the figures as they are now"),
                                                "letters.regenerate", record->id));
    }
  else
    {
      if (record->posted == ATT_DATE_NONE)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   suffix_button (_("_Mark as Posted…"),
                                                  _("Record the day the letter was posted or handed over"),
                                                  "letters.mark-posted", record->id));
      if (record->delivery != ATT_LETTER_TEXT)
        {
          GtkWidget *reprint = suffix_button (NULL, _("Print the letter again as it was sent"),
                                              "letters.reprint", record->id);

          gtk_button_set_icon_name (GTK_BUTTON (reprint), "printer-symbolic");
          gtk_widget_add_css_class (reprint, "flat");
          gtk_accessible_update_property (GTK_ACCESSIBLE (reprint), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Print the letter again"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), reprint);
        }
    }
  return row;
}

static gboolean
log_filter (GtkListBoxRow *row,
            gpointer       user_data)
{
  AttLettersPage *self = user_data;
  int index = gtk_list_box_row_get_index (row);

  if (self->log_texts == NULL || index < 0 || (guint)index >= self->log_texts->len)
    return TRUE;
  return _att_letters_page_words_match (self->log_query, g_ptr_array_index (self->log_texts, index));
}

/* The stage filter's entries: every stage of the ladder, then the other
 * kinds of letter in the log (leave decisions, the half-termly report). */
static void
load_kinds (AttLettersPage *self,
            GHashTable     *titles,
            GPtrArray      *stages)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->log_kinds, 0);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    g_ptr_array_add (self->log_kinds, g_strdup (((AttLadderStage *)g_ptr_array_index (stages, i))->name));
  g_ptr_array_add (self->log_kinds, g_strdup (ATT_LETTER_HALF_TERM_KIND));

  gtk_string_list_append (model, _("All Stages"));
  for (guint i = 0; i < self->log_kinds->len; i++)
    {
      const char *kind = g_ptr_array_index (self->log_kinds, i);
      g_autofree char *title = kind_title (self, titles, kind);

      gtk_string_list_append (model, title);
      if (g_strcmp0 (kind, self->log_kind) == 0)
        selected = i + 1;
    }
  if (selected == 0)
    g_clear_pointer (&self->log_kind, g_free);
  self->log_syncing = TRUE;
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->stage_dropdown, selected);
  self->log_syncing = FALSE;
}

static void
update_state (AttLettersPage *self,
              guint           total)
{
  g_autofree char *count = NULL;
  guint n = self->log != NULL ? self->log->len : 0;
  guint stale = 0;

  for (guint i = 0; self->log_out_of_date != NULL && i < self->log_out_of_date->len; i++)
    stale += g_array_index (self->log_out_of_date, gboolean, i) ? 1 : 0;

  if (n == 0)
    {
      gboolean filtered = self->log_kind != NULL
                          || gtk_drop_down_get_selected (self->period_dropdown) != PERIOD_ALL;

      adw_status_page_set_title (self->log_empty, filtered ? _("No Letters in This Period") : _("No Letters Sent Yet"));
      adw_status_page_set_description (self->log_empty,
                                       filtered ? _("Choose “All Letters” or “All Stages” to see the rest of the log.")
                                       : _("Every letter printed, e-mailed or texted from the Due tab is logged here, with the figures it quoted."));
      gtk_stack_set_visible_child_name (self->log_stack, "empty");
      gtk_label_set_label (self->log_count, "");
      return;
    }

  if (total > n)
    /* Translators: the newest letters shown of more in the log */
    count = g_strdup_printf (_("The newest %u of %u letters; search by pupil, or choose a stage or a shorter period, for the others."),
                             n, total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter", "%u letters", n), n);
  if (stale > 0)
    {
      g_autofree char *with = NULL;

      /* Translators: a count of letters, then how many are out of date */
      with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u prepared letter is out of date",
                                           "%s; %u prepared letters are out of date", stale),
                              count, stale);
      g_free (count);
      count = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->log_count, count);
  gtk_stack_set_visible_child_name (self->log_stack, "list");
}

void
_att_letters_page_log_load (AttLettersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  AttLettersFilter filter = { 0, };
  guint total;

  _att_letters_page_clear_list (self->log_list);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_pointer (&self->log_texts, g_ptr_array_unref);
  g_array_set_size (self->log_out_of_date, 0);
  if (self->db == NULL || self->letters_error != NULL)
    {
      update_state (self, 0);
      return;
    }

  stages = att_ladder_load (self->db, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (stages, i);

      g_hash_table_insert (titles, g_strdup (stage->name), g_strdup (stage->title));
    }
  load_kinds (self, titles, stages);

  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_FOUR_WEEKS:
      filter.from = self->today - 27;
      break;
    case PERIOD_YEAR:
      filter.from = att_date_school_year_start (self->today);
      break;
    default:
      filter.from = ATT_DATE_NONE;
      break;
    }
  filter.to = ATT_DATE_NONE;
  filter.kind = self->log_kind;
  all = att_letters_query (self->db, &filter, &error);
  if (all == NULL)
    {
      g_warning ("Could not read the letters log: %s", error->message);
      update_state (self, 0);
      return;
    }

  /* The newest first, and no more than the list can show quickly. */
  total = all->len;
  self->log = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_record_free);
  self->log_texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = all->len; i > 0 && self->log->len < MAX_ROWS; i--)
    g_ptr_array_add (self->log, g_steal_pointer (&all->pdata[i - 1]));

  for (guint i = 0; i < self->log->len; i++)
    {
      AttLetterRecord *record = g_ptr_array_index (self->log, i);
      AttPupil *pupil = att_pupils_get (self->db, record->pupil_id);
      const char *name = pupil != NULL ? att_pupil_get_display_name (pupil) : "";
      g_autofree char *title = kind_title (self, titles, record->kind);
      g_autofree char *all_text = NULL;
      gboolean out_of_date = FALSE;

      /* Only a letter not yet posted can be wrong in the post. */
      if (record->posted == ATT_DATE_NONE)
        {
          g_autoptr(GError) stale_error = NULL;

          if (!att_letters_is_out_of_date (self->db, record, &out_of_date, &stale_error))
            g_warning ("Could not check letter %" G_GINT64_FORMAT ": %s", record->id, stale_error->message);
        }
      g_array_append_val (self->log_out_of_date, out_of_date);
      gtk_list_box_append (self->log_list, log_row_new (self, record, name, title, out_of_date));
      all_text = g_strdup_printf ("%s %s %s", name, record->upn != NULL ? record->upn : "",
                                  record->recipient != NULL ? record->recipient : "");
      g_ptr_array_add (self->log_texts, att_name_fold (all_text));
    }
  gtk_list_box_invalidate_filter (self->log_list);
  update_state (self, total);
}

static void
on_log_search_changed (GtkSearchEntry *entry,
                       AttLettersPage *self)
{
  g_free (self->log_query);
  self->log_query = att_name_fold (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (self->log_list);
}

void
att_letters_page_set_log_search (AttLettersPage *self,
                                 const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->log_search), text);
  on_log_search_changed (self->log_search, self);
}

static void
on_log_filter_changed (GtkDropDown    *dropdown,
                       GParamSpec     *pspec,
                       AttLettersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->stage_dropdown);

  if (self->log_syncing)
    return;
  g_clear_pointer (&self->log_kind, g_free);
  if (selected >= 1 && selected <= self->log_kinds->len)
    self->log_kind = g_strdup (g_ptr_array_index (self->log_kinds, selected - 1));
  if (self->db != NULL)
    _att_letters_page_log_load (self);
}

/* ------------------------------------------------------------------ */
/* Mark as posted, reprint, regenerate                                 */

typedef struct
{
  AttLettersPage *page;
  AttLettersForm *form;
  gint64          id;
} PostedDialog;

static void
posted_dialog_free (gpointer  data,
                    GClosure *closure)
{
  PostedDialog *d = data;

  g_object_unref (d->page);
  g_free (d);
}

static void
on_posted_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PostedDialog     *d)
{
  AttLettersPage *self = d->page;
  g_autoptr(GError) error = NULL;
  AttDate posted;

  if (g_strcmp0 (response, "posted") != 0 || self->db == NULL)
    return;
  posted = att_letters_form_get_date (d->form, &error);
  if (posted == ATT_DATE_NONE && error == NULL)
    g_set_error (&error, ATT_ERROR, ATT_ERROR_INVALID,
                 _("Give the day the letter was posted, as DD/MM/YYYY."));
  if (error != NULL
      || !att_letters_set_posted (self->db, att_context_get_user (att_page_get_context (ATT_PAGE (self))),
                                  d->id, posted, &error))
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  att_page_refresh (ATT_PAGE (self));
}

static void
mark_posted_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  g_autoptr(AttLetterRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  PostedDialog *d;
  GtkWidget *dialog;

  if (self->db == NULL)
    return;
  record = att_letters_get (self->db, g_variant_get_int64 (parameter), &error);
  if (record == NULL)
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  /* Translators: the addressee of a letter */
  body = g_strdup_printf (_("The day the letter to %s was posted or handed over. The log keeps it and it cannot be changed afterwards."),
                          record->recipient != NULL ? record->recipient : "");
  dialog = adw_message_dialog_new (_att_letters_page_get_window (self), _("Mark as Posted"), body);
  d = g_new0 (PostedDialog, 1);
  d->page = g_object_ref (self);
  d->id = record->id;
  d->form = att_letters_form_new (ATT_LETTERS_FORM_DATE, _("Posted on (DD/MM/YYYY)"), self->today);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->form));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "posted", _("_Mark as Posted"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "posted", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "posted");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_posted_response), d, posted_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  att_letters_form_focus (d->form);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->db == NULL)
    return;
  g_array_append_val (ids, id);
  batch = att_letter_batch_new_from_log (self->db, ids, &error);
  if (batch == NULL)
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  _att_letters_page_batch_show (self, batch, TRUE);
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->db == NULL)
    return;
  g_array_append_val (ids, id);
  batch = att_letter_batch_new_regenerated (self->db, ids, self->today, &error);
  if (batch == NULL)
    {
      _att_letters_page_show_error (self, error->message);
      return;
    }
  _att_letters_page_batch_show (self, batch, FALSE);
}

void
_att_letters_page_log_init (AttLettersPage *self)
{
  self->log_kinds = g_ptr_array_new_with_free_func (g_free);
  self->log_out_of_date = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gtk_list_box_set_filter_func (self->log_list, log_filter, self, NULL);
}

void
_att_letters_page_log_dispose (AttLettersPage *self)
{
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_pointer (&self->log_texts, g_ptr_array_unref);
  g_clear_pointer (&self->log_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->log_out_of_date, g_array_unref);
  g_clear_pointer (&self->log_query, g_free);
  g_clear_pointer (&self->log_kind, g_free);
}

void
_att_letters_page_log_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_log_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_log_filter_changed);
  gtk_widget_class_install_action (widget_class, "letters.mark-posted", "x", mark_posted_action);
  gtk_widget_class_install_action (widget_class, "letters.reprint", "x", reprint_action);
  gtk_widget_class_install_action (widget_class, "letters.regenerate", "x", regenerate_action);
}
