/* att-preferences-window.c: the school's settings in one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every setting is the core's: a field is saved with att_school_set ()
 * (audited, the role checked) as the user leaves it or presses Enter, and
 * a refusal is said in place, under the group's heading, with the field
 * marked. The window decides no rule; it only enables what the user's
 * role allows, from att_user_require ().
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-firstday-dialog.h"
#include "att-la-profile.h"
#include "att-letters.h"
#include "att-preferences-window.h"
#include "att-rules-window.h"

struct _AttPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *details_group;
  AdwPreferencesGroup  *letterhead_group;
  AdwPreferencesGroup  *times_group;
  AdwPreferencesGroup  *codes_group;
  AdwPreferencesGroup  *terms_group;
  AdwPreferencesGroup  *term_add_group;
  AdwPreferencesGroup  *closures_group;
  AdwPreferencesGroup  *closure_add_group;
  AdwPreferencesGroup  *exams_group;
  AdwPreferencesGroup  *exam_add_group;
  AdwPreferencesGroup  *letters_group;
  GtkWidget            *name_row;
  GtkWidget            *urn_row;
  GtkWidget            *la_row;
  GtkWidget            *address_row;
  GtkWidget            *phone_row;
  GtkWidget            *email_row;
  GtkWidget            *head_row;
  GtkWidget            *lead_row;
  GtkWidget            *am_open_row;
  GtkWidget            *am_close_row;
  GtkWidget            *pm_open_row;
  GtkWidget            *pm_close_row;
  GtkWidget            *resolve_row;
  GtkWidget            *lock_row;
  GtkWidget            *counts_n_row;
  GtkSwitch            *counts_n_switch;
  GtkWidget            *logo_row;
  GtkPicture           *logo_picture;
  GtkWidget            *signature_row;
  GtkPicture           *signature_picture;
  GtkWidget            *term_name_row;
  GtkWidget            *term_start_row;
  GtkWidget            *term_end_row;
  GtkWidget            *closure_start_row;
  GtkWidget            *closure_end_row;
  GtkWidget            *closure_reason_row;
  GtkWidget            *exam_name_row;
  GtkWidget            *exam_start_row;
  GtkWidget            *exam_end_row;
  GtkWidget            *la_sections_row;
  GtkWidget            *users_row;

  GtkWindow            *parent;        /* weak */
  AttContext           *context;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  char                 *chooser_key;
  GPtrArray            *list_rows;     /* the rows of the terms, closures and exams */
  GHashTable           *descriptions;  /* group → its description as written */
  char                 *error;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (AttPreferencesWindow, att_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef struct
{
  const char *key;
  gsize       row;
  gsize       group;
} Setting;

#define SETTING(key, row, group) \
  { key, G_STRUCT_OFFSET (AttPreferencesWindow, row), G_STRUCT_OFFSET (AttPreferencesWindow, group) }
#define MEMBER(self, offset) (*(gpointer *)G_STRUCT_MEMBER_P ((self), (offset)))

static const Setting settings_rows[] = {
  SETTING ("name", name_row, details_group),
  SETTING ("urn", urn_row, details_group),
  SETTING ("la", la_row, details_group),
  SETTING ("address", address_row, details_group),
  SETTING ("phone", phone_row, details_group),
  SETTING ("email", email_row, details_group),
  SETTING ("headteacher", head_row, details_group),
  SETTING ("attendance_lead", lead_row, details_group),
  SETTING ("am_open", am_open_row, times_group),
  SETTING ("am_close", am_close_row, times_group),
  SETTING ("pm_open", pm_open_row, times_group),
  SETTING ("pm_close", pm_close_row, times_group),
  SETTING ("n_resolve_days", resolve_row, codes_group),
  SETTING ("lock_minutes", lock_row, codes_group),
};

static AttDb *
get_db (AttPreferencesWindow *self)
{
  /* NULL once the window is being destroyed (a field left as it goes). */
  return self->context != NULL ? att_context_get_db (self->context) : NULL;
}

/* The calendar's functions take the user as not const. */
static AttUser *
get_user (AttPreferencesWindow *self)
{
  return self->context != NULL ? (AttUser *)att_context_get_user (self->context) : NULL;
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_text (AttPreferencesWindow *self,
          GtkWidget            *row,
          const char           *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->filling = FALSE;
}

/* Says @message under @group's heading (or its own description again
 * when NULL), and marks @row. */
static void
say (AttPreferencesWindow *self,
     AdwPreferencesGroup  *group,
     GtkWidget            *row,
     const char           *message)
{
  const char *description = g_hash_table_lookup (self->descriptions, group);

  if (description == NULL)
    {
      description = g_strdup (adw_preferences_group_get_description (group));
      g_hash_table_insert (self->descriptions, group, (gpointer)(description != NULL ? description : g_strdup ("")));
      description = g_hash_table_lookup (self->descriptions, group);
    }
  g_free (self->error);
  self->error = g_strdup (message);
  adw_preferences_group_set_description (group, message != NULL ? message
                                         : (*description != '\0' ? description : NULL));
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (group), "error");
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (group), "error");
      if (row != NULL)
        gtk_widget_remove_css_class (row, "error");
    }
  if (row != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                 message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                 : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static const Setting *
setting_of_row (GtkWidget *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings_rows); i++)
    if (g_object_get_data (G_OBJECT (row), "att-setting") == &settings_rows[i])
      return &settings_rows[i];
  return NULL;
}

/* Saves the setting of @row when its text differs from what is kept. */
static void
save_setting (AttPreferencesWindow *self,
              const Setting        *setting)
{
  GtkWidget *row = MEMBER (self, setting->row);
  AdwPreferencesGroup *group = MEMBER (self, setting->group);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  AttDb *db = get_db (self);

  if (db == NULL || get_user (self) == NULL || self->filling)
    return;
  stored = att_school_get (db, setting->key);
  if (g_strcmp0 (stored, text_of (row)) == 0)
    return;
  if (!att_school_set (db, get_user (self), setting->key, text_of (row), &error))
    {
      say (self, group, row, error->message);
      return;
    }
  say (self, group, row, NULL);
  g_free (stored);
  /* The text as the core keeps it: "8:40" becomes "08:40". */
  stored = att_school_get (db, setting->key);
  set_text (self, row, stored);
}

static void
on_setting_apply (AdwEntryRow          *row,
                  AttPreferencesWindow *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (row), "att-setting"));
}

static void
on_setting_leave (GtkEventControllerFocus *controller,
                  AttPreferencesWindow    *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const Setting *setting = setting_of_row (row);

  if (setting != NULL)
    save_setting (self, setting);
}

static void
on_counts_n_changed (GtkSwitch            *sw,
                     GParamSpec           *pspec,
                     AttPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  AttDb *db = get_db (self);

  if (self->filling || db == NULL || get_user (self) == NULL)
    return;
  if (!att_school_set (db, get_user (self), "threshold_counts_n",
                       gtk_switch_get_active (sw) ? "yes" : "no", &error))
    {
      say (self, self->codes_group, self->counts_n_row, error->message);
      self->filling = TRUE;
      gtk_switch_set_active (sw, !gtk_switch_get_active (sw));
      self->filling = FALSE;
      return;
    }
  say (self, self->codes_group, self->counts_n_row, NULL);
}

static void
show_image (GtkPicture *picture,
            const char *path)
{
  if (path != NULL && *path != '\0')
    gtk_picture_set_filename (picture, path);
  else
    gtk_picture_set_paintable (picture, NULL);
}

/* The terms, closures and exam periods, each with its Remove button. */
static void
add_list_row (AttPreferencesWindow *self,
              AdwPreferencesGroup  *group,
              const char           *title,
              AttDate               start,
              AttDate               end,
              const char           *action,
              gint64                id,
              gboolean              can_change,
              const char           *why_not)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *first = att_date_format_long (start);
  g_autofree char *last = att_date_format_long (end);
  /* Translators: the first and the last day of a term or closure */
  g_autofree char *subtitle = start == end ? g_strdup (first) : g_strdup_printf (_("%s to %s"), first, last);
  /* Translators: what a screen reader says for a Remove button; %s is a term's name */
  g_autofree char *label = g_strdup_printf (_("Remove %s"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (button, can_change ? _("Remove") : why_not);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "att-group", group);
  g_ptr_array_add (self->list_rows, row);
}

static void
fill_lists (AttPreferencesWindow *self)
{
  g_autoptr(GError) why = NULL;
  g_autoptr(GPtrArray) exams = NULL;
  AttDb *db = get_db (self);
  AttCalendar *calendar;
  const AttTerm *terms;
  const AttClosure *closures;
  guint n_terms, n_closures;
  gboolean can;

  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "att-group"), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);
  if (db == NULL)
    return;

  can = get_user (self) != NULL && att_user_require (get_user (self), ATT_PERM_CALENDAR, &why);
  calendar = att_db_get_calendar (db);
  terms = att_calendar_get_terms (calendar, &n_terms);
  closures = att_calendar_get_closures (calendar, &n_closures);
  for (guint i = 0; i < n_terms; i++)
    add_list_row (self, self->terms_group, terms[i].name, terms[i].start, terms[i].end,
                  "prefs.remove-term", terms[i].id, can, why ? why->message : NULL);
  for (guint i = 0; i < n_closures; i++)
    add_list_row (self, self->closures_group, closures[i].reason, closures[i].start, closures[i].end,
                  "prefs.remove-closure", closures[i].id, can, why ? why->message : NULL);
  exams = att_exam_periods_list (db, NULL);
  for (guint i = 0; exams != NULL && i < exams->len; i++)
    {
      AttExamPeriod *period = g_ptr_array_index (exams, i);

      add_list_row (self, self->exams_group, period->name, period->start, period->end,
                    "prefs.remove-exam", period->id, can, why ? why->message : NULL);
    }
}

/* Every field from the school, and what the user may change. */
static void
fill (AttPreferencesWindow *self)
{
  g_autoptr(GError) settings_why = NULL;
  g_autoptr(GError) calendar_why = NULL;
  const AttUser *user = get_user (self);
  AttDb *db = get_db (self);
  gboolean can_settings, can_calendar;
  GtkWidget *settings_widgets[] = {
    self->counts_n_row, self->logo_row, self->signature_row, self->la_sections_row,
  };
  GtkWidget *calendar_widgets[] = {
    self->term_name_row, self->term_start_row, self->term_end_row, self->closure_start_row,
    self->closure_end_row, self->closure_reason_row, self->exam_name_row, self->exam_start_row,
    self->exam_end_row,
  };

  if (db == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (settings_rows); i++)
    {
      g_autofree char *value = att_school_get (db, settings_rows[i].key);

      set_text (self, MEMBER (self, settings_rows[i].row), value);
    }
  {
    g_autoptr(AttSchool) school = att_school_load (db);
    g_autoptr(AttLetterhead) letterhead = att_letterhead_load (db);
    AttLaProfile profile;

    self->filling = TRUE;
    gtk_switch_set_active (self->counts_n_switch, school->threshold_counts_n);
    self->filling = FALSE;
    show_image (self->logo_picture, letterhead->logo);
    show_image (self->signature_picture, letterhead->signature);
    if (att_la_profile_load (db, &profile, NULL))
      {
        g_autofree char *sections = att_la_profile_sections_to_string (&profile);

        set_text (self, self->la_sections_row, sections);
      }
  }

  /* The rows the user may not change say why, as the core says it. */
  can_settings = user != NULL && att_user_require (user, ATT_PERM_SETTINGS, &settings_why);
  can_calendar = user != NULL && att_user_require (user, ATT_PERM_CALENDAR, &calendar_why);
  for (guint i = 0; i < G_N_ELEMENTS (settings_rows); i++)
    {
      GtkWidget *row = MEMBER (self, settings_rows[i].row);

      gtk_widget_set_sensitive (row, can_settings);
      gtk_widget_set_tooltip_text (row, settings_why ? settings_why->message : NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (settings_widgets); i++)
    {
      gtk_widget_set_sensitive (settings_widgets[i], can_settings);
      gtk_widget_set_tooltip_text (settings_widgets[i], settings_why ? settings_why->message : NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (calendar_widgets); i++)
    {
      gtk_widget_set_sensitive (calendar_widgets[i], can_calendar);
      gtk_widget_set_tooltip_text (calendar_widgets[i], calendar_why ? calendar_why->message : NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.choose-image", can_settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-image", can_settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-term", can_calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-closure", can_calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-exam", can_calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-term", can_calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-closure", can_calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-exam", can_calendar);
  {
    g_autoptr(GError) users_why = NULL;
    gboolean can_users = user != NULL && att_user_require (user, ATT_PERM_USERS, &users_why);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.users", can_users);
    gtk_widget_set_tooltip_text (self->users_row, users_why ? users_why->message : NULL);
  }
  fill_lists (self);
}

/* Reads a date typed in @row; says the core's refusal in @group. */
static gboolean
read_date (AttPreferencesWindow *self,
           AdwPreferencesGroup  *group,
           GtkWidget            *row,
           AttDate              *date)
{
  g_autoptr(GError) error = NULL;

  *date = att_date_parse (text_of (row), &error);
  if (*date == ATT_DATE_NONE)
    {
      say (self, group, row, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
added (AttPreferencesWindow *self,
       AdwPreferencesGroup  *group,
       GtkWidget           **rows,
       guint                 n_rows)
{
  say (self, group, NULL, NULL);
  for (guint i = 0; i < n_rows; i++)
    {
      set_text (self, rows[i], "");
      gtk_widget_remove_css_class (rows[i], "error");
    }
  fill_lists (self);
}

static void
add_term_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  GtkWidget *rows[] = { self->term_name_row, self->term_start_row, self->term_end_row };
  g_autoptr(GError) error = NULL;
  AttDate start, end;

  if (!read_date (self, self->term_add_group, self->term_start_row, &start) ||
      !read_date (self, self->term_add_group, self->term_end_row, &end))
    return;
  if (att_calendar_add_term (get_db (self), get_user (self), text_of (self->term_name_row),
                             start, end, &error) <= 0)
    {
      say (self, self->term_add_group, NULL, error->message);
      return;
    }
  added (self, self->term_add_group, rows, G_N_ELEMENTS (rows));
}

static void
add_closure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  GtkWidget *rows[] = { self->closure_start_row, self->closure_end_row, self->closure_reason_row };
  g_autoptr(GError) error = NULL;
  AttDate start, end;

  if (!read_date (self, self->closure_add_group, self->closure_start_row, &start))
    return;
  /* One day when the last is left empty. */
  if (*text_of (self->closure_end_row) == '\0')
    end = start;
  else if (!read_date (self, self->closure_add_group, self->closure_end_row, &end))
    return;
  if (att_calendar_add_closure (get_db (self), get_user (self), start, end, -1,
                                text_of (self->closure_reason_row), &error) <= 0)
    {
      say (self, self->closure_add_group, NULL, error->message);
      return;
    }
  added (self, self->closure_add_group, rows, G_N_ELEMENTS (rows));
}

static void
add_exam_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  GtkWidget *rows[] = { self->exam_name_row, self->exam_start_row, self->exam_end_row };
  g_autoptr(GError) error = NULL;
  AttDate start, end;

  if (!read_date (self, self->exam_add_group, self->exam_start_row, &start) ||
      !read_date (self, self->exam_add_group, self->exam_end_row, &end))
    return;
  if (att_exam_periods_add (get_db (self), get_user (self), text_of (self->exam_name_row),
                            start, end, &error) <= 0)
    {
      say (self, self->exam_add_group, NULL, error->message);
      return;
    }
  added (self, self->exam_add_group, rows, G_N_ELEMENTS (rows));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  AdwPreferencesGroup *group;
  gboolean done;

  if (g_str_equal (action_name, "prefs.remove-term"))
    {
      group = self->terms_group;
      done = att_calendar_remove_term (get_db (self), get_user (self), id, &error);
    }
  else if (g_str_equal (action_name, "prefs.remove-closure"))
    {
      group = self->closures_group;
      done = att_calendar_remove_closure (get_db (self), get_user (self), id, &error);
    }
  else
    {
      group = self->exams_group;
      done = att_exam_periods_remove (get_db (self), get_user (self), id, &error);
    }
  say (self, group, NULL, done ? NULL : error->message);
  fill_lists (self);
}

static void
on_image_chosen (GtkNativeDialog      *chooser,
                 int                   response,
                 AttPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!att_letters_set_setting (get_db (self), get_user (self), self->chooser_key, path, &error))
    say (self, self->letterhead_group, NULL, error->message);
  else
    say (self, self->letterhead_group, NULL, NULL);
  fill (self);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *key = g_variant_get_string (parameter, NULL);

  g_free (self->chooser_key);
  self->chooser_key = g_strdup (key);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (g_str_equal (key, "letters.logo")
                                               ? _("Choose the School’s Logo")
                                               : _("Choose the Signature"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  /* Translators: a file chooser's filter */
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_image_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_image_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!att_letters_set_setting (get_db (self), get_user (self),
                                g_variant_get_string (parameter, NULL), "", &error))
    say (self, self->letterhead_group, NULL, error->message);
  else
    say (self, self->letterhead_group, NULL, NULL);
  fill (self);
}

static void
on_la_sections_apply (AdwEntryRow          *row,
                      AttPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  AttLaProfile profile;

  if (!att_la_profile_load (get_db (self), &profile, &error) ||
      !att_la_profile_parse_sections (&profile, text_of (GTK_WIDGET (row)), &error) ||
      !att_la_profile_save (get_db (self), get_user (self), &profile, &error))
    {
      say (self, self->letters_group, GTK_WIDGET (row), error->message);
      return;
    }
  say (self, self->letters_group, GTK_WIDGET (row), NULL);
}

static void
firstday_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (att_firstday_dialog_new (self->context, GTK_WINDOW (self))));
}

static void
ladder_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (att_rules_window_new (self->context, GTK_WINDOW (self))));
}

/* The backups, the mail server and the users are the main window's
 * dialogs (a restore opens the school again there). */
static void
window_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (widget);
  const char *name = g_str_equal (action_name, "prefs.backups") ? "win.backups"
                     : g_str_equal (action_name, "prefs.mail") ? "win.mail-settings"
                     : "win.users";

  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), name, NULL);
}

static void
on_add_activated (AdwEntryRow          *row,
                  AttPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self),
                              g_object_get_data (G_OBJECT (row), "att-action"), NULL);
}

static void
on_db_changed (AttDb                *db,
               guint                 what,
               AttPreferencesWindow *self)
{
  fill_lists (self);
}

static gboolean
att_preferences_window_close_request (GtkWindow *window)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;
      const char *page = adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self));

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "preferences-width", width);
      g_settings_set_int (self->settings, "preferences-height", height);
      if (page != NULL)
        g_settings_set_string (self->settings, "preferences-page", page);
      g_settings_apply (self->settings);
    }
  return GTK_WINDOW_CLASS (att_preferences_window_parent_class)->close_request (window);
}

static void
att_preferences_window_dispose (GObject *object)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (object);

  if (self->context != NULL && get_db (self) != NULL)
    g_signal_handlers_disconnect_by_func (get_db (self), on_db_changed, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->parent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (att_preferences_window_parent_class)->dispose (object);
}

static void
att_preferences_window_finalize (GObject *object)
{
  AttPreferencesWindow *self = ATT_PREFERENCES_WINDOW (object);

  g_ptr_array_unref (self->list_rows);
  g_hash_table_unref (self->descriptions);
  g_free (self->chooser_key);
  g_free (self->error);

  G_OBJECT_CLASS (att_preferences_window_parent_class)->finalize (object);
}

#define BIND(member) gtk_widget_class_bind_template_child (widget_class, AttPreferencesWindow, member)

static void
att_preferences_window_class_init (AttPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = att_preferences_window_dispose;
  object_class->finalize = att_preferences_window_finalize;
  window_class->close_request = att_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/preferences/att-preferences-window.ui");
  BIND (details_group);
  BIND (letterhead_group);
  BIND (times_group);
  BIND (codes_group);
  BIND (terms_group);
  BIND (term_add_group);
  BIND (closures_group);
  BIND (closure_add_group);
  BIND (exams_group);
  BIND (exam_add_group);
  BIND (letters_group);
  BIND (name_row);
  BIND (urn_row);
  BIND (la_row);
  BIND (address_row);
  BIND (phone_row);
  BIND (email_row);
  BIND (head_row);
  BIND (lead_row);
  BIND (am_open_row);
  BIND (am_close_row);
  BIND (pm_open_row);
  BIND (pm_close_row);
  BIND (resolve_row);
  BIND (lock_row);
  BIND (counts_n_row);
  BIND (counts_n_switch);
  BIND (logo_row);
  BIND (logo_picture);
  BIND (signature_row);
  BIND (signature_picture);
  BIND (term_name_row);
  BIND (term_start_row);
  BIND (term_end_row);
  BIND (closure_start_row);
  BIND (closure_end_row);
  BIND (closure_reason_row);
  BIND (exam_name_row);
  BIND (exam_start_row);
  BIND (exam_end_row);
  BIND (la_sections_row);
  BIND (users_row);

  gtk_widget_class_install_action (widget_class, "prefs.add-term", NULL, add_term_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-closure", NULL, add_closure_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-exam", NULL, add_exam_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-term", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-closure", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-exam", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "prefs.choose-image", "s", choose_image_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-image", "s", clear_image_action);
  gtk_widget_class_install_action (widget_class, "prefs.firstday", NULL, firstday_action);
  gtk_widget_class_install_action (widget_class, "prefs.ladder", NULL, ladder_action);
  gtk_widget_class_install_action (widget_class, "prefs.backups", NULL, window_action);
  gtk_widget_class_install_action (widget_class, "prefs.mail", NULL, window_action);
  gtk_widget_class_install_action (widget_class, "prefs.users", NULL, window_action);
}

static void
att_preferences_window_init (AttPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->list_rows = g_ptr_array_new ();
  self->descriptions = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (settings_rows); i++)
    {
      GtkWidget *row = MEMBER (self, settings_rows[i].row);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (row), "att-setting", (gpointer)&settings_rows[i]);
      g_signal_connect (row, "apply", G_CALLBACK (on_setting_apply), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_setting_leave), self);
      gtk_widget_add_controller (row, focus);
    }
  g_signal_connect (self->counts_n_switch, "notify::active", G_CALLBACK (on_counts_n_changed), self);
  g_signal_connect (self->la_sections_row, "apply", G_CALLBACK (on_la_sections_apply), self);
  /* Enter in a field of an addition adds it. */
  {
    struct { GtkWidget *row; const char *action; } adding[] = {
      { self->term_name_row, "prefs.add-term" },
      { self->term_start_row, "prefs.add-term" },
      { self->term_end_row, "prefs.add-term" },
      { self->closure_start_row, "prefs.add-closure" },
      { self->closure_end_row, "prefs.add-closure" },
      { self->closure_reason_row, "prefs.add-closure" },
      { self->exam_name_row, "prefs.add-exam" },
      { self->exam_start_row, "prefs.add-exam" },
      { self->exam_end_row, "prefs.add-exam" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (adding); i++)
      {
        g_object_set_data (G_OBJECT (adding[i].row), "att-action", (gpointer)adding[i].action);
        g_signal_connect (adding[i].row, "entry-activated", G_CALLBACK (on_add_activated), self);
      }
  }
}

AttPreferencesWindow *
att_preferences_window_new (GtkWindow  *parent,
                            AttContext *context)
{
  AttPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->context = g_object_ref (context);
  settings = att_context_get_settings (context);
  if (settings != NULL)
    {
      g_autofree char *page = g_settings_get_string (settings, "preferences-page");

      self->settings = g_object_ref (settings);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "preferences-width"),
                                   g_settings_get_int (settings, "preferences-height"));
      if (page[0] != '\0')
        adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), page);
    }
  if (get_db (self) != NULL)
    g_signal_connect_object (get_db (self), "changed", G_CALLBACK (on_db_changed), self, 0);
  fill (self);
  return self;
}

const char *
att_preferences_window_get_error (AttPreferencesWindow *self)
{
  g_return_val_if_fail (ATT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->error;
}

GtkWidget *
att_preferences_window_get_field (AttPreferencesWindow *self,
                                  const char           *key)
{
  static const struct { const char *key; gsize offset; } others[] = {
    { "term-name", G_STRUCT_OFFSET (AttPreferencesWindow, term_name_row) },
    { "term-start", G_STRUCT_OFFSET (AttPreferencesWindow, term_start_row) },
    { "term-end", G_STRUCT_OFFSET (AttPreferencesWindow, term_end_row) },
    { "closure-start", G_STRUCT_OFFSET (AttPreferencesWindow, closure_start_row) },
    { "closure-end", G_STRUCT_OFFSET (AttPreferencesWindow, closure_end_row) },
    { "closure-reason", G_STRUCT_OFFSET (AttPreferencesWindow, closure_reason_row) },
    { "exam-name", G_STRUCT_OFFSET (AttPreferencesWindow, exam_name_row) },
    { "exam-start", G_STRUCT_OFFSET (AttPreferencesWindow, exam_start_row) },
    { "exam-end", G_STRUCT_OFFSET (AttPreferencesWindow, exam_end_row) },
  };

  g_return_val_if_fail (ATT_IS_PREFERENCES_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (settings_rows); i++)
    if (g_strcmp0 (key, settings_rows[i].key) == 0)
      return MEMBER (self, settings_rows[i].row);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_strcmp0 (key, others[i].key) == 0)
      return MEMBER (self, others[i].offset);
  return NULL;
}

GtkPicture *
att_preferences_window_get_picture (AttPreferencesWindow *self,
                                    const char           *key)
{
  g_return_val_if_fail (ATT_IS_PREFERENCES_WINDOW (self), NULL);

  if (g_strcmp0 (key, "letters.logo") == 0)
    return self->logo_picture;
  if (g_strcmp0 (key, "letters.signature") == 0)
    return self->signature_picture;
  return NULL;
}
