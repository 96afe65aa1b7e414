/* att-register-page.c: the register grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are pupils and columns sessions. The marks live in an AttGrid (a
 * byte a cell) behind a list model of lazily built rows; the column view
 * recycles its row widgets, so a whole school in week mode costs only the
 * cells on screen. Keyboard editing is ours: the page keeps the cursor (a
 * position in the list as shown and a session column) and moves it with a
 * key controller. Every write goes through the core's register path.
 *
 * The page is in several files, each along one of its sections:
 * this one (the GObject, the database, the helpers the parts share),
 * -columns.c, -keys.c, -write.c, -load.c, -print.c and -actions.c;
 * their shared struct and functions are in att-register-page-private.h.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-amend-dialog.h"
#include "att-application.h"
#include "att-code-palette.h"
#include "att-late-popover.h"
#include "att-filter-dialog.h"
#include "att-mark-history-popover.h"
#include "att-register-model.h"
#include "att-register-page-private.h"

GParamSpec *_att_register_page_properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttRegisterPage, att_register_page, ATT_TYPE_PAGE)

void
_att_register_page_pending_write_free (PendingWrite *w)
{
  if (w == NULL)
    return;
  g_free (w->comment);
  g_clear_pointer (&w->pupils, g_array_unref);
  g_clear_pointer (&w->sessions, g_array_unref);
  g_free (w);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

AttContext *
_att_register_page_get_context (AttRegisterPage *self)
{
  return att_page_get_context (ATT_PAGE (self));
}

const AttUser *
_att_register_page_get_user (AttRegisterPage *self)
{
  return att_context_get_user (_att_register_page_get_context (self));
}

AttDate
_att_register_page_today (AttRegisterPage *self)
{
  return att_context_get_today (_att_register_page_get_context (self));
}

AttGrid *
_att_register_page_get_grid (AttRegisterPage *self)
{
  return att_register_model_get_grid (self->model);
}

guint
_att_register_page_n_shown (AttRegisterPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

AttRegisterRow *
_att_register_page_row_at (AttRegisterPage *self,
                           guint            position)
{
  /* Returns a new reference, or NULL past the end. */
  return g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
}

int
_att_register_page_clock_now (AttRegisterPage *self)
{
  return att_context_get_clock (_att_register_page_get_context (self));
}

AttSession
_att_register_page_session_now (AttRegisterPage *self)
{
  int pm_open = self->school != NULL ? self->school->pm_open : 13 * 60;

  return _att_register_page_clock_now (self) >= pm_open ? ATT_SESSION_PM : ATT_SESSION_AM;
}

void
_att_register_page_show_message (AttRegisterPage *self,
                                 const char      *text)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
_att_register_page_hide_message (AttRegisterPage *self)
{
  g_clear_pointer (&self->message, g_free);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

void
_att_register_page_show_toast (AttRegisterPage *self,
                               const char      *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWindow *
_att_register_page_get_window (AttRegisterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
_att_register_page_describe_session (AttDate    date,
                                     AttSession session)
{
  g_autofree char *day = att_date_format_long (date);

  /* Translators: a date and AM or PM */
  return g_strdup_printf (_("%s %s"), day, session == ATT_SESSION_AM ? _("AM") : _("PM"));
}

/* ------------------------------------------------------------------ */
/* The database                                                       */
/* ------------------------------------------------------------------ */

static void
on_db_changed (AttDb           *db,
               guint            changes,
               AttRegisterPage *self)
{
  if (changes & (ATT_CHANGE_PUPILS | ATT_CHANGE_CALENDAR))
    {
      _att_register_page_fill_choices (self);
      _att_register_page_reload (self);
    }
  else if (changes & ATT_CHANGE_SETTINGS)
    {
      g_clear_pointer (&self->school, att_school_free);
      self->school = att_school_load (self->db);
      _att_register_page_fill_choices (self);
      /* A saved filter on screen that was changed or deleted elsewhere
       * shows as it is stored now, or gives way to the whole school. */
      if (self->filter->name != NULL)
        {
          const AttGridFilter *saved = _att_register_page_find_saved (self, self->filter->name);
          g_autoptr(AttGridFilter) school = att_grid_filter_new ();

          if (saved == NULL)
            att_register_page_show (self, school, self->date, self->week);
          else if (!_att_register_page_filters_equal (saved, self->filter))
            att_register_page_show (self, saved, self->date, self->week);
        }
    }

  /* The rows follow the marks themselves (the model listens to the
   * database); the counts of missing marks are the page's to redo. */
  if (changes & ATT_CHANGE_MARKS)
    _att_register_page_schedule_missing (self);
}

static AttGridFilter *
initial_filter (AttRegisterPage *self)
{
  g_autofree char *saved = NULL;
  AttGridFilter *filter = NULL;

  if (self->settings != NULL)
    saved = g_settings_get_string (self->settings, "register-group");
  if (saved != NULL && *saved != '\0')
    filter = att_grid_filter_parse (saved, NULL);
  /* A remembered saved filter opens as it is saved now: it may have been
   * changed since, or deleted (then the whole school is shown). */
  if (filter != NULL && filter->name != NULL)
    {
      const AttGridFilter *current = _att_register_page_find_saved (self, filter->name);

      att_grid_filter_free (filter);
      filter = current != NULL ? att_grid_filter_copy (current) : att_grid_filter_new ();
    }
  /* At first the first form, as a teacher's register. */
  for (guint i = 0; filter == NULL && i < self->choices->len; i++)
    if (((AttGridFilter *)g_ptr_array_index (self->choices, i))->group != NULL)
      filter = att_grid_filter_copy (g_ptr_array_index (self->choices, i));
  if (filter == NULL && self->choices->len > 0)
    filter = att_grid_filter_copy (g_ptr_array_index (self->choices, 0));
  if (filter == NULL)
    filter = att_grid_filter_new ();
  return filter;
}

static void
set_db (AttRegisterPage *self,
        AttDb           *db)
{
  g_autoptr(AttGridFilter) filter = NULL;
  gboolean week = FALSE;

  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_set_object (&self->db, db);
  g_clear_pointer (&self->school, att_school_free);
  if (db != NULL)
    {
      self->db_changed_id = g_signal_connect (db, "changed", G_CALLBACK (on_db_changed), self);
      self->school = att_school_load (db);
    }

  _att_register_page_fill_choices (self);
  filter = initial_filter (self);
  if (self->settings != NULL)
    {
      g_autofree char *mode = g_settings_get_string (self->settings, "register-mode");
      week = g_strcmp0 (mode, "week") == 0;
    }
  att_register_page_show (self, filter, _att_register_page_today (self), week);
  _att_register_page_schedule_missing (self);
}

static void
on_context_db_changed (AttContext      *context,
                       GParamSpec      *pspec,
                       AttRegisterPage *self)
{
  set_db (self, att_context_get_db (context));
}

AttDb *
att_register_page_get_db (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->db;
}

/* ------------------------------------------------------------------ */
/* Private accessors                                                  */
/* ------------------------------------------------------------------ */

AttRegisterModel *
att_register_page_get_model (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->model;
}

GListModel *
att_register_page_get_view_model (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

GtkWidget *
att_register_page_get_session_heading (AttRegisterPage *self,
                                       guint            column)
{
  GtkWidget *label;

  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  if (self->session_headings == NULL || column >= self->n_sessions)
    return NULL;
  label = gtk_widget_get_first_child (self->session_headings);
  for (guint i = 0; label != NULL && i < column; i++)
    label = gtk_widget_get_next_sibling (label);
  return label;
}

GtkColumnView *
att_register_page_get_column_view (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->column_view;
}

AdwStatusPage *
att_register_page_get_empty_page (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->grid_stack), "empty") != 0)
    return NULL;
  return self->empty_page;
}

GtkEditable *
att_register_page_get_search_entry (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

AttAmendDialog *
att_register_page_get_amend_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->amend_dialog;
}

AttFilterDialog *
att_register_page_get_filter_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->filter_dialog;
}

AdwMessageDialog *
att_register_page_get_delete_dialog (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->delete_dialog;
}

const char *
att_register_page_get_message (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->message;
}

GtkPopover *
att_register_page_get_late_popover (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->late_popover;
}

void
att_register_page_set_late_minutes (AttRegisterPage *self,
                                    int              minutes,
                                    const char      *reason)
{
  g_return_if_fail (ATT_IS_REGISTER_PAGE (self));

  att_late_popover_set_minutes (ATT_LATE_POPOVER (self->late_popover), minutes, reason);
}

AttCode
att_register_page_get_late_code (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), ATT_CODE_NONE);
  return att_late_popover_get_code (ATT_LATE_POPOVER (self->late_popover));
}

GtkWidget *
att_register_page_get_palette (AttRegisterPage *self)
{
  g_return_val_if_fail (ATT_IS_REGISTER_PAGE (self), NULL);
  return self->palette;
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
att_register_page_dispose (GObject *object)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  g_clear_handle_id (&self->missing_idle_id, g_source_remove);
  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  if (self->amend_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->amend_dialog), (gpointer *)&self->amend_dialog);
      g_signal_handlers_disconnect_by_data (self->amend_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->amend_dialog));
      self->amend_dialog = NULL;
    }
  if (self->filter_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filter_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->filter_dialog));
      self->filter_dialog = NULL;
    }
  if (self->delete_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->delete_dialog), (gpointer *)&self->delete_dialog);
      g_signal_handlers_disconnect_by_data (self->delete_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->delete_dialog));
      self->delete_dialog = NULL;
    }
  if (self->late_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->late_popover));
      self->late_popover = NULL;
    }
  g_clear_pointer (&self->palette, gtk_widget_unparent);
  g_clear_pointer (&self->history, gtk_widget_unparent);
  g_clear_object (&self->cursor_row);
  g_clear_pointer (&self->selected_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_REGISTER_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->model);
  g_clear_object (&self->sessions_column);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (att_register_page_parent_class)->dispose (object);
}

static void
att_register_page_finalize (GObject *object)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  g_clear_pointer (&self->school, att_school_free);
  g_clear_pointer (&self->filter, att_grid_filter_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->undo, att_register_undo_free);
  g_clear_pointer (&self->waiting, _att_register_page_pending_write_free);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_clear_pointer (&self->past_gaps, g_ptr_array_unref);
  g_clear_pointer (&self->along_row, g_hash_table_unref);
  g_free (self->message);
  g_free (self->mark_present_tooltip);
  g_free (self->deleting_filter);
  g_free (self->needle_text);
  g_free (self->needle);

  G_OBJECT_CLASS (att_register_page_parent_class)->finalize (object);
}

static void
att_register_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->week ? "week" : "day");
      break;
    case PROP_ALONG_ROW:
      g_value_set_boolean (value, self->advance_right);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      {
        gboolean week = g_strcmp0 (g_value_get_string (value), "week") == 0;
        if (week != self->week)
          att_register_page_show (self, NULL, self->date, week);
      }
      break;
    case PROP_ALONG_ROW:
      _att_register_page_set_along_row (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_register_page_constructed (GObject *object)
{
  AttRegisterPage *self = ATT_REGISTER_PAGE (object);
  AttContext *context;

  G_OBJECT_CLASS (att_register_page_parent_class)->constructed (object);

  context = _att_register_page_get_context (self);
  self->date = _att_register_page_today (self);
  if (att_context_get_settings (context) != NULL)
    self->settings = g_object_ref (att_context_get_settings (context));
  g_signal_connect_object (context, "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo", FALSE);
  _att_register_page_update_filter_actions (self);
  _att_register_page_update_status (self);
  set_db (self, att_context_get_db (context));
  att_page_actions_update (ATT_PAGE (self));
}

static void
att_register_page_class_init (AttRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->constructed = att_register_page_constructed;
  object_class->dispose = att_register_page_dispose;
  object_class->finalize = att_register_page_finalize;
  object_class->get_property = att_register_page_get_property;
  object_class->set_property = att_register_page_set_property;
  page_class->actions_update = _att_register_page_actions_update;

  _att_register_page_properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "day",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* After a code the cursor goes down the session column, or along the
   * pupil's row when the office chose so for this register. */
  _att_register_page_properties[PROP_ALONG_ROW] =
    g_param_spec_boolean ("along-row", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _att_register_page_properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/register/att-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, selection_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, missing_button);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, AttRegisterPage, mark_present_button);

  _att_register_page_class_actions_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "registerpage");
}

static void
att_register_page_init (AttRegisterPage *self)
{
  GtkEventController *keys;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->filter = att_grid_filter_new ();
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify)att_grid_filter_free);
  self->selected_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo = att_register_undo_new ();
  self->along_row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The models: rows, sorted by the column view's sorter, filtered by
   * name as the office types. */
  self->model = att_register_model_new ();
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                              g_object_ref (sorter));
  self->name_filter = gtk_custom_filter_new (_att_register_page_filter_by_name, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  GTK_FILTER (g_object_ref (self->name_filter)));
  self->selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* Connected after the column view, so that when the rows change the
   * list has taken the change in before the cursor is put back and
   * scrolled to. */
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (_att_register_page_on_shown_rows_changed), self);

  {
    g_autoptr(GtkColumnViewColumn) name = _att_register_page_make_column (self, _("Pupil"), ATT_REGISTER_CELL_NAME, -1, NAME_WIDTH);
    g_autoptr(GtkColumnViewColumn) group = _att_register_page_make_column (self, _("Group"), ATT_REGISTER_CELL_GROUP, -1, GROUP_WIDTH);
    g_autoptr(GtkColumnViewColumn) flags = _att_register_page_make_column (self, _("Flags"), ATT_REGISTER_CELL_FLAGS, -1, FLAGS_WIDTH);
    /* Translators: the heading of the register's sessions, shown only
     * where the heading of each session cannot be */
    GtkColumnViewColumn *sessions = _att_register_page_make_column (self, _("Sessions"), ATT_REGISTER_CELL_SESSION, 0, SESSION_WIDTH);
    /* Translators: year-to-date attendance, a column heading */
    g_autoptr(GtkColumnViewColumn) ytd = _att_register_page_make_column (self, _("Year %"), ATT_REGISTER_CELL_YTD, -1, FIGURE_WIDTH);
    /* Translators: unauthorised sessions in the rolling ten school weeks */
    g_autoptr(GtkColumnViewColumn) unauth = _att_register_page_make_column (self, _("Unauth."), ATT_REGISTER_CELL_UNAUTH, -1, UNAUTH_WIDTH);

    /* The name and the flags take the width the window has to spare
     * before either is cut short. */
    gtk_column_view_column_set_expand (name, TRUE);
    gtk_column_view_column_set_expand (flags, TRUE);
    gtk_column_view_append_column (self->column_view, name);
    gtk_column_view_append_column (self->column_view, group);
    gtk_column_view_append_column (self->column_view, flags);
    gtk_column_view_append_column (self->column_view, sessions);
    gtk_column_view_column_set_visible (sessions, FALSE);
    self->sessions_column = sessions;
    gtk_column_view_append_column (self->column_view, ytd);
    gtk_column_view_append_column (self->column_view, unauth);
    self->ytd_column = ytd;
    self->unauth_column = unauth;
  }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (_att_register_page_on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  /* Escape in the filter closes it, and closing it shows every pupil. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (_att_register_page_on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (_att_register_page_on_search_activate), self);
  _att_register_page_setup_chooser (self);
  g_signal_connect (self->selection_dropdown, "notify::selected", G_CALLBACK (_att_register_page_on_choice_selected), self);

  self->palette = att_code_palette_new ();
  gtk_widget_set_parent (self->palette, GTK_WIDGET (self));
  g_signal_connect (self->palette, "code-chosen", G_CALLBACK (_att_register_page_on_palette_code), self);
  g_signal_connect (self->palette, "closed", G_CALLBACK (_att_register_page_on_popover_closed), self);
  self->history = att_mark_history_popover_new ();
  gtk_widget_set_parent (self->history, GTK_WIDGET (self));
  g_signal_connect (self->history, "closed", G_CALLBACK (_att_register_page_on_popover_closed), self);
  _att_register_page_build_late_popover (self);
  self->mark_present_tooltip = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (self->mark_present_button)));
}

GtkWidget *
att_register_page_new (void)
{
  return g_object_new (ATT_TYPE_REGISTER_PAGE, NULL);
}
