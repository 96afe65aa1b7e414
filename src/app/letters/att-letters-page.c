/* att-letters-page.c: the Letters page: the letters due on a day, their
 * review and printing, and the log of letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page has two views, Due and Sent, and a view inside itself for a
 * batch (the data check, then printing and logging) that the back button
 * leaves. It is for whoever may send letters (the attendance officer and
 * above, as att_user_require() decides): anyone else is told so instead
 * of being shown the families' figures.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-letters-page-private.h"
#include "att-rules-window.h"
#include "att-template-editor.h"

G_DEFINE_FINAL_TYPE (AttLettersPage, att_letters_page, ATT_TYPE_PAGE)

static AttContext *
get_context (AttLettersPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

GtkWindow *
_att_letters_page_get_window (AttLettersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_att_letters_page_show_error (AttLettersPage *self,
                              const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (_att_letters_page_get_window (self), NULL, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_att_letters_page_toast (AttLettersPage *self,
                         const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Removes the rows, and keeps the placeholder that says the list is
 * empty. */
void
_att_letters_page_clear_list (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

/* Whether every word of @query (folded) is in @text (folded). */
gboolean
_att_letters_page_words_match (const char *query,
                               const char *text)
{
  g_auto(GStrv) words = NULL;

  if (query == NULL || query[0] == '\0')
    return TRUE;
  words = g_strsplit_set (query, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && (text == NULL || strstr (text, words[i]) == NULL))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* What the page shows                                                 */

/* No school, or a user who may not send letters: a status page says
 * so, in place of every view. */
static gboolean
update_blocked (AttLettersPage *self)
{
  const char *outer = gtk_stack_get_visible_child_name (self->outer_stack);

  if (self->db == NULL)
    {
      adw_status_page_set_icon_name (self->blocked_page, "mail-unread-symbolic");
      adw_status_page_set_title (self->blocked_page, _("No School Open"));
      adw_status_page_set_description (self->blocked_page,
                                       _("Open a school’s register to see the letters due to its families."));
    }
  else if (self->letters_error != NULL)
    {
      adw_status_page_set_icon_name (self->blocked_page, "action-unavailable-symbolic");
      adw_status_page_set_title (self->blocked_page, _("Letters Are for the Attendance Officer"));
      adw_status_page_set_description (self->blocked_page, self->letters_error);
    }
  else
    {
      if (g_strcmp0 (outer, "blocked") == 0)
        gtk_stack_set_visible_child_name (self->outer_stack, "main");
      return FALSE;
    }
  if (self->batch != NULL || self->batch_cancellable != NULL)
    _att_letters_page_batch_close (self);
  gtk_stack_set_visible_child_name (self->outer_stack, "blocked");
  return TRUE;
}

void
_att_letters_page_update_subtitle (AttLettersPage *self)
{
  g_autofree char *text = NULL;
  guint n = self->due_shown != NULL ? self->due_shown->len : 0;

  if (self->db == NULL || self->letters_error != NULL)
    {
      att_page_set_subtitle (ATT_PAGE (self), NULL);
      return;
    }
  if (self->batch != NULL)
    text = g_strdup (att_letter_batch_get_title (self->batch));
  else if (self->due_loading && self->due_loaded_date == 0)
    /* Translators: the Letters page's subtitle while the due list is read */
    text = g_strdup (_("Working out the letters due…"));
  else if (n == 0)
    text = g_strdup (_("No letter due"));
  else
    /* Translators: the Letters page's subtitle */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter due", "%u letters due", n), n);
  att_page_set_subtitle (ATT_PAGE (self), text);
  adw_view_stack_page_set_badge_number (self->due_view, n);
}

static void
att_letters_page_refresh (AttPage *page)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (page);

  self->today = att_context_get_today (get_context (self));
  if (!self->due_date_chosen)
    self->due_date = self->today;
  if (update_blocked (self))
    {
      _att_letters_page_due_load (self);
      g_clear_pointer (&self->log, g_ptr_array_unref);
      _att_letters_page_clear_list (self->log_list);
      _att_letters_page_update_subtitle (self);
      return;
    }
  _att_letters_page_due_update_date (self);
  _att_letters_page_due_load (self);
  _att_letters_page_log_load (self);
  _att_letters_page_update_subtitle (self);
}

/* Everything on the page needs the right to send letters (the core's
 * check, which also refuses anyone else when they write). */
static void
att_letters_page_actions_update (AttPage *page)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (page);
  const AttUser *user = att_context_get_user (get_context (self));
  g_autoptr(GError) error = NULL;
  gboolean had_error = self->letters_error != NULL;
  gboolean may, has_due;
  static const char * const actions[] = {
    "letters.prepare", "letters.half-term", "letters.remove", "letters.postpone", "letters.keep",
    "letters.mark-posted", "letters.reprint", "letters.regenerate",
    "letters.print-batch", "letters.save-batch", "letters.export-texts",
    "letters.rules", "letters.templates", "letters.email",
  };

  g_clear_pointer (&self->letters_error, g_free);
  if (user != NULL && !att_user_require (user, ATT_PERM_LETTERS, &error))
    self->letters_error = g_strdup (error->message);
  may = self->db != NULL && self->letters_error == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], may);
  has_due = self->due_shown != NULL && self->due_shown->len > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.prepare",
                                 may && has_due && self->batch_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.half-term",
                                 may && self->batch_cancellable == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->print_button),
                               self->letters_error != NULL ? self->letters_error
                               : has_due ? _("Check the letters kept and print them (Ctrl+P)")
                               : _("No letter is due on this day"));

  /* A user who gains or loses the right sees the page change at once. */
  if (had_error != (self->letters_error != NULL))
    att_page_refresh_when_shown (page);
  else
    update_blocked (self);
}

static void
att_letters_page_go_back (AttPage *page)
{
  _att_letters_page_batch_close (ATT_LETTERS_PAGE (page));
}

static void
on_db_changed (AttDb          *db,
               guint           changes,
               AttLettersPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
set_db (AttLettersPage *self,
        AttDb          *db)
{
  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  _att_letters_page_batch_close (self);
  g_set_object (&self->db, db);
  self->due_loaded_date = 0;  /* another school's rows are not left showing */
  self->due_serial++;         /* nor a load from its register */
  self->due_loading = FALSE;
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed", G_CALLBACK (on_db_changed), self);
  att_page_actions_update (ATT_PAGE (self));
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext     *context,
                       GParamSpec     *pspec,
                       AttLettersPage *self)
{
  set_db (self, att_context_get_db (context));
}

static void
on_context_today_changed (AttContext     *context,
                          GParamSpec     *pspec,
                          AttLettersPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
on_view_changed (AdwViewStack   *stack,
                 GParamSpec     *pspec,
                 AttLettersPage *self)
{
  _att_letters_page_update_subtitle (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  att_letters_page_show_view (ATT_LETTERS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* The ladder and its wording are edited in windows of their own, which
 * check the rights themselves when they save. */
static void
rules_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  att_rules_window_present (widget, get_context (ATT_LETTERS_PAGE (widget)));
}

static void
templates_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  att_template_editor_present (widget, get_context (ATT_LETTERS_PAGE (widget)), NULL);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
att_letters_page_dispose (GObject *object)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (object);
  GtkWidget *child;

  _att_letters_page_batch_dispose (self);
  _att_letters_page_due_dispose (self);
  _att_letters_page_log_dispose (self);
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  g_clear_pointer (&self->letters_error, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_LETTERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (att_letters_page_parent_class)->dispose (object);
}

static void
att_letters_page_constructed (GObject *object)
{
  AttLettersPage *self = ATT_LETTERS_PAGE (object);

  G_OBJECT_CLASS (att_letters_page_parent_class)->constructed (object);

  self->today = att_context_get_today (get_context (self));
  self->due_date = self->today;
  g_signal_connect_object (get_context (self), "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  g_signal_connect_object (get_context (self), "notify::today",
                           G_CALLBACK (on_context_today_changed), self, 0);
  set_db (self, att_context_get_db (get_context (self)));
  att_page_actions_update (ATT_PAGE (self));
}

static void
att_letters_page_class_init (AttLettersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_letters_page_dispose;
  object_class->constructed = att_letters_page_constructed;
  page_class->refresh = att_letters_page_refresh;
  page_class->actions_update = att_letters_page_actions_update;
  page_class->go_back = att_letters_page_go_back;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/letters/att-letters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, outer_stack);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, blocked_page);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, views);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_view);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, extra_menu);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_search);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_stack);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_heading);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, due_empty);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, log_search);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, log_stack);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, log_count);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, log_list);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, log_empty);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, batch_title);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, batch_summary);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, deliveries_list);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, batch_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttLettersPage, batch_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "letters.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "page.go-back", NULL);
  gtk_widget_class_install_action (widget_class, "letters.rules", NULL, rules_action);
  gtk_widget_class_install_action (widget_class, "letters.templates", NULL, templates_action);
  _att_letters_page_due_class_init (widget_class);
  _att_letters_page_log_class_init (widget_class);
  _att_letters_page_batch_class_init (widget_class);
}

static void
att_letters_page_init (AttLettersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->batch_problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  _att_letters_page_due_init (self);
  _att_letters_page_log_init (self);
}

void
att_letters_page_show_view (AttLettersPage *self,
                            const char     *name)
{
  g_return_if_fail (ATT_IS_LETTERS_PAGE (self));

  if (self->batch != NULL || self->batch_cancellable != NULL)
    _att_letters_page_batch_close (self);
  adw_view_stack_set_visible_child_name (self->views, name);
}

const char *
att_letters_page_get_view (AttLettersPage *self)
{
  g_return_val_if_fail (ATT_IS_LETTERS_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->views);
}

void
att_letters_page_wait_due (AttLettersPage *self)
{
  g_return_if_fail (ATT_IS_LETTERS_PAGE (self));

  while (self->due_loading)
    g_main_context_iteration (NULL, TRUE);
}

GListModel *
att_letters_page_get_due_model (AttLettersPage *self)
{
  att_letters_page_wait_due (self);
  return G_LIST_MODEL (self->due_filtered);
}

GtkListBox *
att_letters_page_get_log_list (AttLettersPage *self)
{
  return self->log_list;
}

GtkListBox *
att_letters_page_get_problems_list (AttLettersPage *self)
{
  return self->problems_list;
}

GPtrArray *
att_letters_page_get_due_shown (AttLettersPage *self)
{
  att_letters_page_wait_due (self);
  return self->due_shown;
}

GPtrArray *
att_letters_page_get_other_shown (AttLettersPage *self)
{
  att_letters_page_wait_due (self);
  return self->other_shown;
}

GPtrArray *
att_letters_page_get_log (AttLettersPage *self)
{
  return self->log;
}

gboolean
att_letters_page_log_is_out_of_date (AttLettersPage *self,
                                     guint           index)
{
  g_return_val_if_fail (self->log_out_of_date != NULL && index < self->log_out_of_date->len, FALSE);

  return g_array_index (self->log_out_of_date, gboolean, index);
}

const char *
att_letters_page_get_shown (AttLettersPage *self)
{
  return gtk_stack_get_visible_child_name (self->outer_stack);
}
