/* att-template-editor.c: a letter template's subject and body, with a
 * live preview of a real pupil's letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wording is checked and stored by the core
 * (att_letter_templates_save()), which refuses an unknown field naming
 * it and its line; the refusal is shown under the body and the field is
 * marked where it stands. The preview is the real letter: the pupil's
 * own figures, merged by the core and drawn by the one function that
 * draws every letter (AttLetterDocument), so what the office sees is
 * what the family will read. It is redrawn a quarter of a second after
 * typing stops, so typing never waits for it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letter-document.h"
#include "att-letter-templates.h"
#include "att-letters-due.h"
#include "att-pupil-search.h"
#include "att-template-editor.h"

/* How long typing must pause before the preview is merged again. */
#define PREVIEW_DELAY_MS 250

struct _AttTemplateEditor
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *save_button;
  GtkMenuButton      *fields_button;
  GtkPopover         *fields_popover;
  GtkSearchEntry     *fields_search;
  GtkListBox         *fields_list;
  AdwToastOverlay    *toast_overlay;
  GtkListBox         *templates_list;
  GtkWidget          *edit_box;
  GtkLabel           *lock_label;
  GtkEntry           *subject_entry;
  GtkTextView        *body_view;
  GtkLabel           *error_label;
  GtkMenuButton      *pupil_button;
  GtkPopover         *pupil_popover;
  AttPupilSearch     *pupil_search;
  GtkLabel           *preview_note;
  GtkDrawingArea     *preview_area;
  GtkMenuButton      *versions_button;
  GtkPopover         *versions_popover;
  GtkListBox         *versions_list;
  GtkWidget          *version_box;
  GtkLabel           *version_label;
  GtkButton          *restore_button;

  AttContext         *context;
  GPtrArray          *templates;      /* AttLetterTemplate, as the rows of templates_list */
  GPtrArray          *fields;         /* const AttLetterField, as the rows of fields_list */
  AttLetterTemplate  *current;        /* as stored */
  AttLetterTemplate  *viewing;        /* an earlier version shown, read only, or NULL */
  GPtrArray          *versions;       /* AttLetterTemplateVersion, newest first, as the rows of versions_list */
  GtkWidget          *last_editable;  /* where a field is inserted */
  GtkTextTag         *error_tag;
  char               *error;
  gboolean            dirty;
  gboolean            filling;
  gboolean            can_edit;
  gboolean            closing;

  /* The preview. */
  AttLetterhead      *head;
  GPtrArray          *due;            /* AttLetterDue on today, read once */
  AttPupil           *pupil;
  AttLetterValues    *values;         /* the pupil's values for the current template */
  char              **address;
  char               *note;
  AttLetterText      *preview_text;
  AttLetterDocument  *preview_doc;
  char               *preview_message;  /* a text message's words, instead of a letter */
  guint               preview_source;
  guint               scroll_source;
};

G_DEFINE_FINAL_TYPE (AttTemplateEditor, att_template_editor, ADW_TYPE_WINDOW)

static void update_preview (AttTemplateEditor *self);
static void open_template  (AttTemplateEditor *self,
                            const char        *name);

static AttDb *
get_db (AttTemplateEditor *self)
{
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

static const AttUser *
get_user (AttTemplateEditor *self)
{
  return self->context != NULL ? att_context_get_user (self->context) : NULL;
}

static AttDate
get_today (AttTemplateEditor *self)
{
  return att_context_get_today (self->context);
}

static char *
dup_body (AttTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
toast (AttTemplateEditor *self,
       const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ------------------------------------------------------------------ */
/* Problems, shown under the body                                     */
/* ------------------------------------------------------------------ */

/* Marks the first field named in braces in @message where it stands in
 * the body, so the office sees which one the core means. */
static void
mark_field (AttTemplateEditor *self,
            const char        *message)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end, match_start, match_end;
  const char *open = message != NULL ? strchr (message, '{') : NULL;
  const char *close = open != NULL ? strchr (open, '}') : NULL;
  g_autofree char *field = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  if (close == NULL)
    return;
  field = g_strndup (open, close - open + 1);
  if (gtk_text_iter_forward_search (&start, field, 0, &match_start, &match_end, NULL))
    {
      GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "error");

      gtk_text_buffer_apply_tag (buffer, self->error_tag, &match_start, &match_end);
      /* A mark, so that the view scrolls once it has laid the text out. */
      if (mark == NULL)
        mark = gtk_text_buffer_create_mark (buffer, "error", &match_start, TRUE);
      else
        gtk_text_buffer_move_mark (buffer, mark, &match_start);
      gtk_text_view_scroll_to_mark (self->body_view, mark, 0.1, FALSE, 0, 0);
    }
}

static void
show_problem (AttTemplateEditor *self,
              const char        *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  mark_field (self, message);
}

/* ------------------------------------------------------------------ */
/* Rights and the title                                               */
/* ------------------------------------------------------------------ */

static void
update_title (AttTemplateEditor *self)
{
  const char *name = self->current != NULL ? att_letter_template_get_name (self->current) : NULL;
  const char *title = name != NULL ? att_letter_templates_describe (name) : NULL;
  g_autofree char *subtitle = NULL;

  if (name == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  if (self->viewing != NULL)
    subtitle = g_strdup_printf (/* Translators: the template's name and an earlier version shown */
                                _("%s · Earlier Version %u"), title != NULL ? title : name,
                                att_letter_template_get_version (self->viewing));
  else
    subtitle = self->dirty
             /* Translators: the template's name and the version being edited, changed */
             ? g_strdup_printf (_("%s · Version %u · Changed"), title != NULL ? title : name,
                                att_letter_template_get_version (self->current))
             /* Translators: the template's name and its version */
             : g_strdup_printf (_("%s · Version %u"), title != NULL ? title : name,
                                att_letter_template_get_version (self->current));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* The one place that enables what the user may do. */
static void
actions_update (AttTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  const AttUser *user = get_user (self);

  /* The core lets either right change the wording. */
  self->can_edit = get_db (self) != NULL && user != NULL &&
                   (att_user_can (user, ATT_PERM_LETTERS) || att_user_can (user, ATT_PERM_SETTINGS));
  if (!self->can_edit && user != NULL)
    att_user_require (user, ATT_PERM_LETTERS, &error);
  /* An earlier version is only read: its wording is edited once the
   * office starts from it. */
  gtk_text_view_set_editable (self->body_view, self->can_edit && self->viewing == NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->subject_entry), self->can_edit && self->viewing == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_button), self->can_edit && self->viewing == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->can_edit && self->current != NULL && self->viewing == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.insert-field",
                                 self->can_edit && self->viewing == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), self->can_edit);
  if (self->can_edit)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->lock_label), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                                   _("Save the wording as the template’s next version (Ctrl+S)"));
    }
  else
    {
      const char *why = error != NULL ? error->message : _("Sign in to change the wording of letters.");
      g_autofree char *lock = g_strdup_printf (_("You can read the templates but not change them: %s"), why);

      gtk_label_set_text (self->lock_label, lock);
      gtk_widget_set_visible (GTK_WIDGET (self->lock_label), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), why);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fields_button), why);
    }
}

/* ------------------------------------------------------------------ */
/* The preview                                                        */
/* ------------------------------------------------------------------ */

static const AttLetterDue *
find_due (AttTemplateEditor *self,
          gint64             pupil_id,
          const char        *template_name,
          gboolean           only_due)
{
  for (guint i = 0; self->due != NULL && i < self->due->len; i++)
    {
      const AttLetterDue *due = g_ptr_array_index (self->due, i);

      if ((pupil_id == 0 || due->pupil_id == pupil_id) &&
          g_strcmp0 (due->template_name, template_name) == 0 &&
          (!only_due || due->status == ATT_LETTER_DUE_DUE))
        return due;
    }
  return NULL;
}

/* The stage whose letter @template_name is, or NULL. */
static AttLadderStage *
find_stage (AttTemplateEditor *self,
            const char        *template_name)
{
  g_autoptr(GPtrArray) ladder = att_ladder_load (get_db (self), NULL);

  for (guint i = 0; ladder != NULL && i < ladder->len; i++)
    {
      AttLadderStage *stage = g_ptr_array_index (ladder, i);

      if (g_strcmp0 (stage->template_name, template_name) == 0)
        return att_ladder_stage_copy (stage);
    }
  return NULL;
}

/* Reads what the pupil's letter of the current template merges: the row
 * of the due list when the pupil has one for it, otherwise the same as
 * if the pupil were due it today (the stage's period), otherwise the
 * school year so far. */
static void
load_values (AttTemplateEditor *self)
{
  g_autoptr(AttLetterValues) values = att_letter_values_new ();
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(AttLadderStage) stage = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = att_letter_template_get_name (self->current);
  const AttLetterDue *due;
  AttDb *db = get_db (self);
  AttDate today = get_today (self);
  gboolean filled = FALSE;

  g_clear_pointer (&self->values, att_letter_values_free);
  g_clear_pointer (&self->address, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  if (self->pupil == NULL || db == NULL)
    return;

  due = find_due (self, self->pupil->id, name, FALSE);
  if (due != NULL && att_letters_due_fill_values (db, due, values, NULL))
    {
      filled = TRUE;
      self->note = due->status == ATT_LETTER_DUE_DUE
                   ? g_strdup_printf (_("%s is due this letter today."), self->pupil->display_name)
                   /* Translators: a pupil, and why their letter is not due (excluded, waiting...) */
                   : g_strdup_printf (_("%s meets this stage but the letter is not due: %s"),
                                      self->pupil->display_name, due->reason != NULL ? due->reason : "");
    }
  else if ((stage = find_stage (self, name)) != NULL)
    {
      AttLetterDue made = { 0 };
      AttDate from = ATT_DATE_NONE;

      made.pupil_id = self->pupil->id;
      made.upn = self->pupil->upn;
      made.name = self->pupil->display_name;
      made.group = self->pupil->reg_group;
      made.year_group = self->pupil->year_group;
      made.stage = stage->name;
      made.stage_title = stage->title;
      made.template_name = stage->template_name;
      made.delivery = stage->delivery;
      made.period_to = today;
      made.status = ATT_LETTER_DUE_DUE;
      if (att_ladder_stage_period (db, stage, today, &from, NULL))
        {
          made.period_from = from;
          filled = att_letters_due_fill_values (db, &made, values, NULL);
        }
      if (filled)
        {
          g_autofree char *period = att_ladder_stage_describe_period (stage);

          self->note = g_strdup_printf (_("%s is not due this letter: the preview shows their figures for %s."),
                                        self->pupil->display_name, period);
        }
    }
  else if (g_str_has_prefix (name, "half-term"))
    {
      filled = att_letter_templates_fill_half_term (db, self->pupil->id, today, values, NULL);
      if (filled)
        self->note = g_strdup_printf (_("%s’s report for the half term so far."), self->pupil->display_name);
    }
  if (!filled)
    {
      /* A letter no stage sends (leave, a school's own): the year so far. */
      att_letter_values_set_figures (values, db, self->pupil->id, ATT_DATE_NONE, today, NULL);
      att_letter_values_set_rolling (values, db, self->pupil->id, today, NULL);
      att_letter_values_set_absences (values, db, self->pupil->id, att_date_school_year_start (today), today, NULL);
      self->note = g_strdup_printf (_("%s’s figures for the school year so far."), self->pupil->display_name);
    }

  att_letter_values_set_pupil (values, self->pupil);
  att_letter_values_set_school (values, db);
  att_letter_values_set_signatory (values, self->head->signatory_name, self->head->signatory_role);
  att_letter_values_set_letter_date (values, today);
  recipients = att_letter_recipients_for_pupil (db, self->pupil->id, &error);
  if (recipients != NULL && recipients->len > 0)
    {
      AttLetterRecipient *recipient = g_ptr_array_index (recipients, 0);

      att_letter_values_set_recipient (values, recipient);
      self->address = g_strdupv (recipient->address);
    }
  else
    {
      char *lines[] = { _("No one to write to"), NULL };

      self->address = g_strdupv (lines);
    }
  self->values = g_steal_pointer (&values);
}

static void
set_pupil (AttTemplateEditor *self,
           AttPupil          *pupil)
{
  g_set_object (&self->pupil, pupil);
  gtk_menu_button_set_label (self->pupil_button,
                             pupil != NULL ? pupil->display_name : _("Choose a Pupil"));
  if (self->current != NULL)
    load_values (self);
  gtk_label_set_text (self->preview_note, self->note != NULL ? self->note : "");
  update_preview (self);
}

/* The pupil shown first: one who is due this letter, else one the stage
 * holds back, else the first on roll. */
static void
choose_pupil (AttTemplateEditor *self)
{
  const char *name = att_letter_template_get_name (self->current);
  const AttLetterDue *due = find_due (self, 0, name, TRUE);
  g_autoptr(AttPupil) pupil = NULL;
  AttDb *db = get_db (self);

  if (db == NULL)
    return;
  if (due == NULL)
    due = find_due (self, 0, name, FALSE);
  if (due != NULL && att_pupils_get (db, due->pupil_id) != NULL)
    pupil = g_object_ref (att_pupils_get (db, due->pupil_id));
  if (pupil == NULL && self->pupil != NULL)
    pupil = g_object_ref (self->pupil);
  if (pupil == NULL)
    {
      g_autoptr(GPtrArray) roll = att_pupils_list_on_roll (db, get_today (self), get_today (self), NULL);

      if (roll != NULL && roll->len > 0)
        pupil = g_object_ref (g_ptr_array_index (roll, 0));
    }
  set_pupil (self, pupil);
}

/* Merges the wording being edited with the pupil's values and lays out
 * its letter. A field with no value for this pupil (a meeting's date for
 * a letter that invites to none) is shown by name in brackets. */
static void
update_preview (AttTemplateEditor *self)
{
  g_autoptr(AttLetterTemplate) tmpl = NULL;
  g_autoptr(AttLetterValues) values = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *body = NULL;
  AttLetterText *text;
  AttLetterContent content = { 0 };

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->current == NULL)
    return;

  body = dup_body (self);
  tmpl = att_letter_template_new (att_letter_template_get_name (self->current),
                                  att_letter_template_get_version (self->current),
                                  gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)), body);
  fields = att_letter_template_list_fields (tmpl, &error);
  if (fields == NULL)
    {
      /* The last good preview stays while the wording is put right. */
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  if (self->values == NULL)
    return;

  values = att_letter_values_copy (self->values);
  for (guint i = 0; fields[i] != NULL; i++)
    if (att_letter_values_get (values, fields[i]) == NULL)
      att_letter_values_set_printf (values, fields[i], "[%s]", fields[i]);
  text = att_letter_template_merge (tmpl, values, &error);
  if (text == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  g_clear_pointer (&self->preview_text, att_letter_text_free);
  self->preview_text = text;

  g_clear_object (&self->preview_doc);
  g_clear_pointer (&self->preview_message, g_free);
  if (att_letter_templates_is_text (att_letter_template_get_name (self->current)))
    {
      /* A text message is its paragraphs, as the phone shows them. */
      g_autoptr(GString) message = g_string_new (NULL);
      g_autofree char *count = NULL;

      for (guint i = 0; i < text->blocks->len; i++)
        {
          AttLetterBlock *block = g_ptr_array_index (text->blocks, i);

          if (block->kind == ATT_LETTER_BLOCK_PARAGRAPH)
            g_string_append_printf (message, "%s%s", message->len > 0 ? "\n\n" : "", block->text);
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s The message has %ld character.",
                                            "%s The message has %ld characters.",
                                            g_utf8_strlen (message->str, -1)),
                               self->note != NULL ? self->note : "", g_utf8_strlen (message->str, -1));
      gtk_label_set_text (self->preview_note, count);
      self->preview_message = g_string_free (g_steal_pointer (&message), FALSE);
    }
  else
    {
      self->preview_doc = att_letter_document_new (self->head, _("Letter preview"));
      content.address = (const char * const *)self->address;
      content.date = get_today (self);
      content.text = text;
      att_letter_document_add (self->preview_doc, &content);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* A text message in a bubble, as a phone shows it. */
static void
draw_message (AttTemplateEditor *self,
              GtkWidget         *area,
              cairo_t           *cr,
              int                width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (area, self->preview_message);
  int bubble_width = MIN (width - 24, 360);
  int text_width, text_height;
  double x = 12, y = 12, radius = 14, w, h;
  GdkRGBA colour;

  pango_layout_set_width (layout, (bubble_width - 28) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  w = text_width + 28;
  h = text_height + 20;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.18);
  cairo_fill (cr);
  gtk_style_context_get_color (gtk_widget_get_style_context (area), &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_move_to (cr, x + 14, y + 10);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static gboolean
preview_timeout (gpointer data)
{
  AttTemplateEditor *self = data;

  self->preview_source = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
queue_preview (AttTemplateEditor *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout, self);
}

/* Page 1 of the letter, scaled to fit, on a sheet with a shadow. */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  AttTemplateEditor *self = data;
  double paper_width, paper_height, scale, x, y;

  if (self->preview_message != NULL)
    {
      draw_message (self, GTK_WIDGET (area), cr, width);
      return;
    }
  if (self->preview_doc == NULL)
    return;
  att_document_get_paper_size (ATT_DOCUMENT (self->preview_doc), &paper_width, &paper_height);
  scale = MIN ((width - 12.0) / paper_width, (height - 12.0) / paper_height);
  if (scale <= 0)
    return;
  x = floor ((width - paper_width * scale) / 2);
  y = 4;

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_rectangle (cr, x + 2, y + 2, paper_width * scale, paper_height * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, paper_width * scale, paper_height * scale);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  att_document_draw_page (ATT_DOCUMENT (self->preview_doc), cr, paper_width, paper_height, 0);
  cairo_restore (cr);
}

static void
on_pupil_chosen (AttTemplateEditor *self,
                 AttPupil          *pupil)
{
  gtk_popover_popdown (self->pupil_popover);
  set_pupil (self, pupil);
}

static void
on_pupil_popover_show (AttTemplateEditor *self)
{
  att_pupil_search_focus (self->pupil_search);
}

/* ------------------------------------------------------------------ */
/* Fields                                                             */
/* ------------------------------------------------------------------ */

static void
insert_field (AttTemplateEditor    *self,
              const AttLetterField *field)
{
  g_autofree char *text = g_strdup_printf ("{%s}", field->name);

  if (!self->can_edit)
    return;
  if (self->last_editable == GTK_WIDGET (self->subject_entry) && field->kind == ATT_LETTER_FIELD_TEXT)
    {
      int position = gtk_editable_get_position (GTK_EDITABLE (self->subject_entry));

      gtk_editable_insert_text (GTK_EDITABLE (self->subject_entry), text, -1, &position);
      gtk_editable_set_position (GTK_EDITABLE (self->subject_entry), position);
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

      /* A table stands alone in its paragraph. */
      if (field->kind == ATT_LETTER_FIELD_TABLE)
        {
          g_free (text);
          text = g_strdup_printf ("\n\n{%s}\n\n", field->name);
        }
      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
    }
}

static void
on_field_activated (AttTemplateEditor *self,
                    GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  gtk_popover_popdown (self->fields_popover);
  if (index >= 0 && (guint)index < self->fields->len)
    insert_field (self, g_ptr_array_index (self->fields, index));
}

static gboolean
filter_field (GtkListBoxRow *row,
              gpointer       data)
{
  AttTemplateEditor *self = data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->fields_search));
  int index = gtk_list_box_row_get_index (row);
  const AttLetterField *field;
  g_autofree char *folded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *haystack = NULL;

  if (search[0] == '\0' || index < 0)
    return TRUE;
  field = g_ptr_array_index (self->fields, index);
  folded = g_utf8_casefold (search, -1);
  text = g_strconcat (field->name, " ", _(field->description), NULL);
  haystack = g_utf8_casefold (text, -1);
  return strstr (haystack, folded) != NULL;
}

static void
on_fields_search_changed (AttTemplateEditor *self)
{
  gtk_list_box_invalidate_filter (self->fields_list);
}

/* Enter in the search inserts the first field shown. */
static void
on_fields_search_activate (AttTemplateEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->fields_list, i);

      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        {
          on_field_activated (self, row);
          return;
        }
    }
}

static void
on_fields_popover_show (AttTemplateEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->fields_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->fields_search));
}

static void
load_fields (AttTemplateEditor *self)
{
  att_letter_templates_register_fields ();
  self->fields = att_letter_fields ();
  for (guint i = 0; i < self->fields->len; i++)
    {
      const AttLetterField *field = g_ptr_array_index (self->fields, i);
      g_autofree char *title = g_strdup_printf ("{%s}", field->name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->description));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->fields_list, row);
    }
  gtk_list_box_set_filter_func (self->fields_list, filter_field, self, NULL);
}

static void
on_focus_changed (AttTemplateEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return;
  if (focus == GTK_WIDGET (self->body_view))
    self->last_editable = GTK_WIDGET (self->body_view);
  else if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->subject_entry)))
    self->last_editable = GTK_WIDGET (self->subject_entry);
}

/* ------------------------------------------------------------------ */
/* Templates                                                          */
/* ------------------------------------------------------------------ */

static GtkWidget *
create_template_row (AttLetterTemplate *tmpl)
{
  const char *name = att_letter_template_get_name (tmpl);
  const char *title = att_letter_templates_describe (name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title != NULL ? title : name);
  g_autofree char *subtitle = NULL;
  GtkWidget *sub;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Translators: a template's short name and its version, "concern · version 2" */
  subtitle = g_strdup_printf (_("%s · version %u"), name, att_letter_template_get_version (tmpl));
  sub = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static int
find_template (AttTemplateEditor *self,
               const char        *name)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    if (g_strcmp0 (att_letter_template_get_name (g_ptr_array_index (self->templates, i)), name) == 0)
      return i;
  return -1;
}

static void
load_templates (AttTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->templates_list))) != NULL)
    gtk_list_box_remove (self->templates_list, child);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  if (get_db (self) != NULL)
    self->templates = att_letter_templates_list (get_db (self), &error);
  if (error != NULL)
    toast (self, error->message);
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    gtk_list_box_append (self->templates_list, create_template_row (g_ptr_array_index (self->templates, i)));
  self->filling = FALSE;
}

/* Scrolls the list of templates to the one selected, once laid out. */
static gboolean
scroll_to_selected (gpointer data)
{
  AttTemplateEditor *self = data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->templates_list);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->templates_list), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  self->scroll_source = 0;
  if (row == NULL || scrolled == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->templates_list), &bounds))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (bounds.origin.y < gtk_adjustment_get_value (adjustment) ||
      bounds.origin.y + bounds.size.height > gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, bounds.origin.y - gtk_adjustment_get_page_size (adjustment) / 3);
  return G_SOURCE_REMOVE;
}

static void
select_current_row (AttTemplateEditor *self)
{
  int index = self->current != NULL ? find_template (self, att_letter_template_get_name (self->current)) : -1;

  self->filling = TRUE;
  gtk_list_box_select_row (self->templates_list,
                           index >= 0 ? gtk_list_box_get_row_at_index (self->templates_list, index) : NULL);
  self->filling = FALSE;
  if (self->scroll_source == 0)
    self->scroll_source = g_timeout_add (50, scroll_to_selected, self);
}

static void
open_template (AttTemplateEditor *self,
               const char        *name)
{
  int index = find_template (self, name);
  AttLetterTemplate *tmpl;

  if (index < 0)
    return;
  tmpl = g_ptr_array_index (self->templates, index);
  g_clear_pointer (&self->current, att_letter_template_unref);
  self->current = att_letter_template_ref (tmpl);
  g_clear_pointer (&self->viewing, att_letter_template_unref);
  gtk_widget_set_visible (self->version_box, FALSE);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), att_letter_template_get_subject (tmpl));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), att_letter_template_get_body (tmpl), -1);
  self->filling = FALSE;
  self->dirty = FALSE;
  show_problem (self, NULL);
  select_current_row (self);
  update_title (self);
  actions_update (self);
  choose_pupil (self);
}

static gboolean
save (AttTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint version;

  if (self->current == NULL || !self->can_edit)
    return FALSE;
  name = g_strdup (att_letter_template_get_name (self->current));
  body = dup_body (self);
  version = att_letter_templates_save (get_db (self), get_user (self), name,
                                      gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)),
                                      body, &error);
  if (version == 0)
    {
      show_problem (self, error->message);
      mark_field (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  load_templates (self);
  self->dirty = FALSE;
  open_template (self, name);
  message = g_strdup_printf (_("Saved as version %u"), version);
  toast (self, message);
  return TRUE;
}

static void
on_text_changed (AttTemplateEditor *self)
{
  if (self->filling)
    return;
  if (!self->dirty)
    {
      self->dirty = TRUE;
      update_title (self);
    }
  queue_preview (self);
}

typedef void (*AfterAsk) (AttTemplateEditor *self, gpointer data);

typedef struct
{
  AttTemplateEditor *self;
  AfterAsk           then;
  char              *data;
} Ask;

static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *ask)
{
  AttTemplateEditor *self = ask->self;

  if (g_str_equal (response, "save") && save (self))
    ask->then (self, ask->data);
  else if (g_str_equal (response, "discard"))
    {
      self->dirty = FALSE;
      ask->then (self, ask->data);
    }
  else
    select_current_row (self);
  g_free (ask->data);
  g_object_unref (ask->self);
  g_free (ask);
}

/* Asks what to do with unsaved changes, then runs @then unless the
 * office cancels (or the save is refused). */
static void
ask_unsaved (AttTemplateEditor *self,
             AfterAsk           then,
             const char        *data)
{
  const char *name = att_letter_template_get_name (self->current);
  const char *title = att_letter_templates_describe (name);
  AdwMessageDialog *dialog;
  Ask *ask;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The wording of “%s” has changed. Unsaved changes are lost."),
                                  title != NULL ? title : name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  ask = g_new0 (Ask, 1);
  ask->self = g_object_ref (self);
  ask->then = then;
  ask->data = g_strdup (data);
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_response), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
then_open (AttTemplateEditor *self,
           gpointer           data)
{
  open_template (self, data);
}

static gboolean
close_idle (gpointer data)
{
  AttTemplateEditor *self = data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The window goes once the dialog asking about it has gone, which is
 * transient for it. */
static void
then_close (AttTemplateEditor *self,
            gpointer           data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle, g_object_ref (self), g_object_unref);
}

static void
on_template_selected (AttTemplateEditor *self,
                      GtkListBoxRow     *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  const char *name;

  if (self->filling || index < 0)
    return;
  name = att_letter_template_get_name (g_ptr_array_index (self->templates, index));
  if (self->current != NULL && g_str_equal (name, att_letter_template_get_name (self->current)))
    return;
  if (self->dirty && self->can_edit)
    ask_unsaved (self, then_open, name);
  else
    open_template (self, name);
}

static gboolean
on_close_request (AttTemplateEditor *self)
{
  if (self->closing || !self->dirty || !self->can_edit)
    return FALSE;
  ask_unsaved (self, then_close, NULL);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ATT_TEMPLATE_EDITOR (widget));
}

static void
insert_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttTemplateEditor *self = ATT_TEMPLATE_EDITOR (widget);

  gtk_menu_button_popup (self->fields_button);
}

/* ------------------------------------------------------------------ */
/* Earlier versions                                                   */
/* ------------------------------------------------------------------ */

/* "Saved by Hannah Head on 4 October 2024, 16:00", or the built-in one. */
static char *
describe_version (const AttLetterTemplateVersion *version)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *when = NULL;

  if (version->at == 0)
    return g_strdup (_("The wording the application comes with"));
  at = g_date_time_new_from_unix_local (version->at);
  when = g_date_time_format (at, "%-d %B %Y, %H:%M");
  /* Translators: who saved a version of a template, and when */
  return g_strdup_printf (_("Saved by %s on %s"), version->who != NULL ? version->who : _("an unknown user"),
                          when);
}

static void
load_versions (AttTemplateEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GtkWidget *child;
  guint in_use;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->versions_list))) != NULL)
    gtk_list_box_remove (self->versions_list, child);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  if (self->current == NULL || get_db (self) == NULL)
    return;
  history = att_letter_templates_history (get_db (self), att_letter_template_get_name (self->current), &error);
  if (history == NULL)
    {
      toast (self, error->message);
      return;
    }
  in_use = att_letter_template_get_version (self->current);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_template_version_free);
  /* The newest first. */
  while (history->len > 0)
    {
      AttLetterTemplateVersion *version = g_ptr_array_steal_index (history, history->len - 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = describe_version (version);

      title = version->version == in_use
              /* Translators: the version of a template that letters use now */
              ? g_strdup_printf (_("Version %u, in use"), version->version)
              : g_strdup_printf (_("Version %u"), version->version);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->versions_list, row);
      g_ptr_array_add (self->versions, version);
    }
}

static void
on_versions_popover_show (AttTemplateEditor *self)
{
  load_versions (self);
}

/* Shows version @version of the current template, read only. */
static gboolean
view_version (AttTemplateEditor *self,
              guint              version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *about = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) history = NULL;
  AttLetterTemplate *tmpl;

  tmpl = att_letter_templates_get_version (get_db (self), att_letter_template_get_name (self->current),
                                           version, &error);
  if (tmpl == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->viewing, att_letter_template_unref);
  self->viewing = tmpl;
  history = att_letter_templates_history (get_db (self), att_letter_template_get_name (self->current), NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      AttLetterTemplateVersion *v = g_ptr_array_index (history, i);

      if (v->version == version)
        about = describe_version (v);
    }
  /* Translators: above an earlier version of a template, read only; the
   * second %s says who saved it and when */
  label = g_strdup_printf (_("Version %u, as it was: %s. Letters use version %u."), version,
                           about != NULL ? about : "", att_letter_template_get_version (self->current));
  gtk_label_set_text (self->version_label, label);
  gtk_widget_set_visible (self->version_box, TRUE);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), att_letter_template_get_subject (tmpl));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), att_letter_template_get_body (tmpl), -1);
  self->filling = FALSE;
  self->dirty = FALSE;
  show_problem (self, NULL);
  update_title (self);
  actions_update (self);
  update_preview (self);
  return TRUE;
}

static void
then_view (AttTemplateEditor *self,
           gpointer           data)
{
  view_version (self, (guint)g_ascii_strtoull (data, NULL, 10));
}

static void
on_version_activated (AttTemplateEditor *self,
                      GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);

  gtk_popover_popdown (self->versions_popover);
  if (self->versions == NULL || index < 0 || (guint)index >= self->versions->len)
    return;
  att_template_editor_show_version (self,
                                    ((AttLetterTemplateVersion *)g_ptr_array_index (self->versions, index))->version);
}

static void
on_current_clicked (AttTemplateEditor *self)
{
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;
  name = g_strdup (att_letter_template_get_name (self->current));
  open_template (self, name);
}

static void
on_restore_clicked (AttTemplateEditor *self)
{
  att_template_editor_edit_from_version (self);
}

gboolean
att_template_editor_show_version (AttTemplateEditor *self,
                                  guint              version)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), FALSE);

  if (self->current == NULL)
    return FALSE;
  if (version == att_letter_template_get_version (self->current))
    {
      if (self->viewing != NULL)
        on_current_clicked (self);
      return TRUE;
    }
  if (self->dirty && self->can_edit)
    {
      number = g_strdup_printf ("%u", version);
      ask_unsaved (self, then_view, number);
      return FALSE;
    }
  return view_version (self, version);
}

guint
att_template_editor_get_shown_version (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), 0);

  if (self->viewing != NULL)
    return att_letter_template_get_version (self->viewing);
  return self->current != NULL ? att_letter_template_get_version (self->current) : 0;
}

gboolean
att_template_editor_edit_from_version (AttTemplateEditor *self)
{
  g_autofree char *message = NULL;
  guint from;

  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), FALSE);

  if (self->viewing == NULL || !self->can_edit)
    return FALSE;
  from = att_letter_template_get_version (self->viewing);
  g_clear_pointer (&self->viewing, att_letter_template_unref);
  gtk_widget_set_visible (self->version_box, FALSE);
  /* The words stay; saving them makes the next version. */
  self->dirty = TRUE;
  update_title (self);
  actions_update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  /* Translators: the office starts editing from an earlier wording */
  message = g_strdup_printf (_("Editing from version %u: saving makes it the next version"), from);
  toast (self, message);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* For tests and the letters page                                     */
/* ------------------------------------------------------------------ */

const char *
att_template_editor_get_error (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return self->error;
}

const char *
att_template_editor_get_name (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return self->current != NULL ? att_letter_template_get_name (self->current) : NULL;
}

guint
att_template_editor_get_version (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), 0);
  return self->current != NULL ? att_letter_template_get_version (self->current) : 0;
}

gboolean
att_template_editor_get_modified (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), FALSE);
  return self->dirty;
}

GtkTextView *
att_template_editor_get_body_view (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return self->body_view;
}

GtkEditable *
att_template_editor_get_subject (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->subject_entry);
}

AttPupil *
att_template_editor_get_preview_pupil (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return self->pupil;
}

void
att_template_editor_set_preview_pupil (AttTemplateEditor *self,
                                       AttPupil          *pupil)
{
  g_return_if_fail (ATT_IS_TEMPLATE_EDITOR (self));
  set_pupil (self, pupil);
}

gboolean
att_template_editor_get_preview_pending (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), FALSE);
  return self->preview_source != 0;
}

char *
att_template_editor_dup_preview_text (AttTemplateEditor *self)
{
  g_return_val_if_fail (ATT_IS_TEMPLATE_EDITOR (self), NULL);
  return self->preview_text != NULL ? att_letter_text_to_plain (self->preview_text) : NULL;
}

/* ------------------------------------------------------------------ */
/* The object                                                         */
/* ------------------------------------------------------------------ */

static void
att_template_editor_dispose (GObject *object)
{
  AttTemplateEditor *self = ATT_TEMPLATE_EDITOR (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_TEMPLATE_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->pupil);
  g_clear_object (&self->preview_doc);
  G_OBJECT_CLASS (att_template_editor_parent_class)->dispose (object);
}

static void
att_template_editor_finalize (GObject *object)
{
  AttTemplateEditor *self = ATT_TEMPLATE_EDITOR (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->current, att_letter_template_unref);
  g_clear_pointer (&self->viewing, att_letter_template_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->head, att_letterhead_free);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->values, att_letter_values_free);
  g_clear_pointer (&self->address, g_strfreev);
  g_clear_pointer (&self->preview_text, att_letter_text_free);
  g_free (self->preview_message);
  g_free (self->note);
  g_free (self->error);
  G_OBJECT_CLASS (att_template_editor_parent_class)->finalize (object);
}

static void
att_template_editor_class_init (AttTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_template_editor_dispose;
  object_class->finalize = att_template_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, fields_button);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, fields_popover);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, fields_search);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, fields_list);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, templates_list);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, edit_box);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, lock_label);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, pupil_button);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, pupil_popover);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, pupil_search);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, preview_note);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, preview_area);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, versions_button);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, versions_popover);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, versions_list);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, version_box);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, AttTemplateEditor, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_pupil_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_versions_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_version_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_current_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.insert-field", NULL, insert_field_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.insert-field", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
att_template_editor_init (AttTemplateEditor *self)
{
  g_type_ensure (ATT_TYPE_PUPIL_SEARCH);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->error_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->body_view), "error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "background", "rgba(224,27,36,0.15)",
                                                NULL);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self, "notify::focus-widget", G_CALLBACK (on_focus_changed), self);
  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  self->last_editable = GTK_WIDGET (self->body_view);
  load_fields (self);
}

static void
on_user_changed (AttTemplateEditor *self)
{
  actions_update (self);
}

AttTemplateEditor *
att_template_editor_new (AttContext *context,
                         GtkWindow  *parent,
                         const char *template_name)
{
  AttTemplateEditor *self;
  AttDb *db;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_TEMPLATE_EDITOR,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "notify::user", G_CALLBACK (on_user_changed), self);
  db = get_db (self);
  self->head = att_letterhead_load (db);
  if (db != NULL)
    {
      att_pupil_search_set_school (self->pupil_search, db, get_today (self));
      self->due = att_letters_due (db, get_today (self), NULL);
    }
  load_templates (self);
  if (template_name == NULL && self->templates != NULL && self->templates->len > 0)
    template_name = att_letter_template_get_name (g_ptr_array_index (self->templates, 0));
  if (template_name != NULL)
    open_template (self, template_name);
  actions_update (self);
  return self;
}

void
att_template_editor_present (GtkWidget  *parent,
                             AttContext *context,
                             const char *template_name)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AttTemplateEditor *self;

  g_return_if_fail (ATT_IS_CONTEXT (context));

  self = att_template_editor_new (context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, template_name);
  gtk_window_present (GTK_WINDOW (self));
}
