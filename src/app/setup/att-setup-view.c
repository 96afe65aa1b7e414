/* att-setup-view.c: the first run, a new school set up a step at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule is the core's (att-setup.h, att-school.h, att-calendar.h):
 * the view checks each field as it is typed with the core's checks, says
 * the core's message under the fields, and keeps Continue off until the
 * page is valid. Nothing is written until a step is confirmed, and what
 * was typed on a page stays while the office goes back and forth.
 * Keyboard first: Enter continues, Escape and Alt+Left go back.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "att-setup-view-private.h"

struct _AttSetupView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *title;
  GtkStack             *steps;
  GtkWidget            *action_bar;
  GtkButton            *continue_button;
  AdwStatusPage        *welcome_page;
  GtkWidget            *start_button;
  GtkWidget            *import_pupils_button;
  GtkWidget            *import_ctf_button;
  GtkWidget            *name_row;
  GtkWidget            *urn_row;
  GtkWidget            *la_row;
  GtkWidget            *address_row;
  GtkWidget            *phone_row;
  GtkWidget            *email_row;
  GtkWidget            *head_row;
  GtkWidget            *am_open_row;
  GtkWidget            *am_close_row;
  GtkWidget            *pm_open_row;
  GtkWidget            *pm_close_row;
  GtkToggleButton      *half_terms_button;
  GtkBox               *terms_box;
  AdwPreferencesGroup  *closures_group;
  AdwPreferencesGroup  *holidays_group;
  GtkWidget            *admin_name_row;
  GtkWidget            *admin_position_row;
  GtkWidget            *password_row;
  GtkWidget            *confirm_row;
  GtkLabel             *school_message;
  GtkLabel             *times_message;
  GtkLabel             *terms_message;
  GtkLabel             *admin_message;
  GtkLabel             *pupils_message;

  AttContext           *context;
  char                 *db_path;
  AttDb                *filled_from;   /* weak: the school the fields were read from */
  GPtrArray            *term_groups;   /* AdwPreferencesGroup, one per term */
  GPtrArray            *term_rows;     /* AdwEntryRow: name, first, last day of each term */
  GPtrArray            *closure_rows;  /* AdwActionRow in closures_group */
  GPtrArray            *holiday_rows;  /* AdwActionRow in holidays_group */
  GArray               *closures;      /* AttClosure, with the terms shown */
  GHashTable           *touched;       /* the rows typed in since they were filled */
  gboolean              filled;        /* the fields were read once */
  gboolean              filling;
  gboolean              show_all;      /* Continue was tried: say every problem */
};

G_DEFINE_FINAL_TYPE (AttSetupView, att_setup_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SCHOOL_CREATED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The pages in order; the school's steps are those of AttSetupStep. */
static const char * const page_names[] = {
  "school", "times", "terms", "admin", "pupils",
};

typedef struct
{
  const char *key;
  gsize       offset;
} SchoolField;

#define FIELD(key, member) { key, G_STRUCT_OFFSET (AttSetupView, member) }

static const SchoolField school_fields[] = {
  FIELD ("name", name_row),
  FIELD ("urn", urn_row),
  FIELD ("la", la_row),
  FIELD ("address", address_row),
  FIELD ("phone", phone_row),
  FIELD ("email", email_row),
  FIELD ("headteacher", head_row),
};

static const SchoolField time_fields[] = {
  FIELD ("am_open", am_open_row),
  FIELD ("am_close", am_close_row),
  FIELD ("pm_open", pm_open_row),
  FIELD ("pm_close", pm_close_row),
};

#define ROW(self, field) (*(GtkWidget **)G_STRUCT_MEMBER_P ((self), (field)->offset))

static AttDb *
get_db (AttSetupView *self)
{
  return att_context_get_db (self->context);
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_text (AttSetupView *self,
          GtkWidget    *row,
          const char   *text)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  self->filling = FALSE;
  g_hash_table_remove (self->touched, row);
}

static int
current_page (AttSetupView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->steps);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return (int)i;
  return -1;   /* the welcome */
}

static GtkLabel *
message_label (AttSetupView *self,
               int           page)
{
  switch (page)
    {
    case ATT_SETUP_SCHOOL: return self->school_message;
    case ATT_SETUP_TIMES: return self->times_message;
    case ATT_SETUP_TERMS: return self->terms_message;
    case ATT_SETUP_ADMIN: return self->admin_message;
    case ATT_SETUP_PUPILS: return self->pupils_message;
    default: return NULL;
    }
}

static void
show_message (AttSetupView *self,
              int           page,
              const char   *message)
{
  GtkLabel *label = message_label (self, page);

  if (label == NULL)
    return;
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* Marks @row as wrong (or right again), as a screen reader hears it too. */
static void
mark_row (GtkWidget *row,
          gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               wrong ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Notes the first problem of a page: the one said is that of the first
 * field typed in (or of any field once Continue was tried). */
typedef struct
{
  AttSetupView *self;
  gboolean      valid;
  GtkWidget    *first_wrong;
  char         *message;
} Check;

static void
check_row (Check     *check,
           GtkWidget *row,
           GError    *error)
{
  gboolean said = check->self->show_all || g_hash_table_contains (check->self->touched, row);

  if (error == NULL)
    {
      mark_row (row, FALSE);
      return;
    }
  check->valid = FALSE;
  mark_row (row, said);
  if (check->first_wrong == NULL)
    check->first_wrong = row;
  if (said && check->message == NULL)
    check->message = g_strdup (error->message);
}

/* A problem of the page as a whole (two fields against each other). */
static void
check_page (Check  *check,
            GError *error)
{
  if (error == NULL)
    return;
  check->valid = FALSE;
  if (check->message == NULL)
    check->message = g_strdup (error->message);
}

static void
check_fields (Check             *check,
              const SchoolField *fields,
              guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *row = ROW (check->self, &fields[i]);

      att_school_check (fields[i].key, text_of (row), &error);
      check_row (check, row, error);
    }
}

/* The terms as typed (names and dates); FALSE when a date cannot be read,
 * with its problem noted. */
static GArray *
typed_terms (AttSetupView *self,
             Check        *check)
{
  GArray *terms = g_array_new (FALSE, TRUE, sizeof (AttTerm));

  for (guint i = 0; i + 2 < self->term_rows->len; i += 3)
    {
      GtkWidget *name = g_ptr_array_index (self->term_rows, i);
      AttTerm term = { 0 };

      term.name = (char *)text_of (name);
      for (guint j = 1; j <= 2; j++)
        {
          g_autoptr(GError) error = NULL;
          GtkWidget *row = g_ptr_array_index (self->term_rows, i + j);
          AttDate date = att_date_parse (text_of (row), &error);

          if (check != NULL)
            check_row (check, row, error);
          if (j == 1)
            term.start = date;
          else
            term.end = date;
        }
      if (check != NULL)
        {
          g_autoptr(GError) error = NULL;

          att_calendar_check_term (term.name, term.start != ATT_DATE_NONE ? term.start : 1,
                                   term.end != ATT_DATE_NONE ? term.end : 1, &error);
          /* Only the name's problem here: the dates are said above. */
          if (term.start != ATT_DATE_NONE && term.end != ATT_DATE_NONE)
            check_row (check, name, error);
          else
            check_row (check, name, NULL);
        }
      g_array_append_val (terms, term);
    }
  return terms;
}

/* Checks the page shown with the core, marks its fields, says its first
 * problem and enables Continue when it is valid. */
static gboolean
validate (AttSetupView *self)
{
  Check check = { self, TRUE, NULL, NULL };
  int page = current_page (self);

  switch (page)
    {
    case ATT_SETUP_SCHOOL:
      check_fields (&check, school_fields, G_N_ELEMENTS (school_fields));
      break;

    case ATT_SETUP_TIMES:
      check_fields (&check, time_fields, G_N_ELEMENTS (time_fields));
      if (check.valid)
        {
          g_autoptr(GError) error = NULL;
          const char *keys[] = { "am_open", "am_close", "pm_open", "pm_close", NULL };
          const char *values[] = { text_of (self->am_open_row), text_of (self->am_close_row),
                                   text_of (self->pm_open_row), text_of (self->pm_close_row),
                                   NULL };

          att_school_check_many (keys, values, &error);
          check_page (&check, error);
        }
      break;

    case ATT_SETUP_TERMS:
      {
        g_autoptr(GArray) terms = typed_terms (self, &check);

        if (check.valid)
          {
            g_autoptr(GError) error = NULL;

            att_calendar_check_terms ((AttTerm *)terms->data, terms->len, &error);
            check_page (&check, error);
          }
      }
      break;

    case ATT_SETUP_ADMIN:
      {
        g_autoptr(GError) name_error = NULL;
        g_autoptr(GError) error = NULL;
        gboolean both = g_hash_table_contains (self->touched, self->confirm_row);

        att_users_check_name (text_of (self->admin_name_row), &name_error);
        check_row (&check, self->admin_name_row, name_error);
        /* The password is said wrong once it has been typed twice. */
        att_setup_check_passwords (text_of (self->password_row), text_of (self->confirm_row),
                                   &error);
        check_row (&check, both || self->show_all ? self->confirm_row : self->password_row, error);
      }
      break;

    default:
      break;
    }

  show_message (self, page, check.message);
  g_free (check.message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.continue", check.valid);
  return check.valid;
}

static void
on_field_changed (AttSetupView *self,
                  GtkEditable  *row)
{
  if (self->filling)
    return;
  g_hash_table_add (self->touched, row);
  validate (self);
}

/* The school year of the terms shown: the first term's, else the one
 * the set-up suggests for today. */
static int
shown_year (AttSetupView *self)
{
  if (self->term_rows->len > 1)
    {
      AttDate start = att_date_parse (text_of (g_ptr_array_index (self->term_rows, 1)), NULL);

      if (start != ATT_DATE_NONE)
        return att_date_school_year (start);
    }
  return att_setup_school_year (att_context_get_today (self->context));
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_info_row (AdwPreferencesGroup *group,
              GPtrArray           *rows,
              const char          *title,
              const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

/* England's bank holidays of the school year, which the calendar closes
 * by itself. */
static void
fill_holidays (AttSetupView *self)
{
  int year = shown_year (self);
  g_autoptr(GArray) days = att_bank_holidays_between (att_date_from_ymd (year, 9, 1),
                                                      att_date_from_ymd (year + 1, 8, 31));

  clear_group (self->holidays_group, self->holiday_rows);
  for (guint i = 0; i < days->len; i++)
    {
      AttDate day = g_array_index (days, AttDate, i);
      g_autofree char *when = att_date_format_long (day);

      add_info_row (self->holidays_group, self->holiday_rows, att_bank_holiday_name (day), when);
    }
}

static void
fill_closures (AttSetupView *self)
{
  clear_group (self->closures_group, self->closure_rows);
  for (guint i = 0; i < self->closures->len; i++)
    {
      const AttClosure *closure = &g_array_index (self->closures, AttClosure, i);
      g_autofree char *start = att_date_format_long (closure->start);
      g_autofree char *end = att_date_format_long (closure->end);
      /* Translators: the first and the last day of a closure */
      g_autofree char *when = g_strdup_printf (_("%s to %s"), start, end);

      add_info_row (self->closures_group, self->closure_rows, closure->reason, when);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->closures_group), self->closures->len > 0);
}

static GtkWidget *
add_term_field (AttSetupView        *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->filling = FALSE;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed), self);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->term_rows, row);
  return row;
}

static void on_field_activated (AttSetupView *self,
                                GtkWidget    *row);

/* Shows @terms, one group of three fields each, and @closures. */
static void
fill_terms (AttSetupView     *self,
            const AttTerm    *terms,
            guint             n_terms,
            const AttClosure *closures,
            guint             n_closures)
{
  for (guint i = 0; i < self->term_groups->len; i++)
    gtk_box_remove (self->terms_box, g_ptr_array_index (self->term_groups, i));
  g_ptr_array_set_size (self->term_groups, 0);
  g_ptr_array_set_size (self->term_rows, 0);

  for (guint i = 0; i < n_terms; i++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *first = att_date_format (terms[i].start);
      g_autofree char *last = att_date_format (terms[i].end);
      /* Translators: a heading over a term's name and dates; %u counts from 1 */
      g_autofree char *heading = g_strdup_printf (_("Term %u"), i + 1);
      GtkWidget *row;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), heading);
      row = add_term_field (self, ADW_PREFERENCES_GROUP (group), _("Name"), terms[i].name);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_field_activated), self);
      row = add_term_field (self, ADW_PREFERENCES_GROUP (group), _("First day (YYYY-MM-DD)"), first);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_field_activated), self);
      row = add_term_field (self, ADW_PREFERENCES_GROUP (group), _("Last day (YYYY-MM-DD)"), last);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_field_activated), self);
      gtk_box_append (self->terms_box, group);
      g_ptr_array_add (self->term_groups, group);
    }

  for (guint i = 0; i < self->closures->len; i++)
    g_free (g_array_index (self->closures, AttClosure, i).reason);
  g_array_set_size (self->closures, 0);
  for (guint i = 0; i < n_closures; i++)
    {
      AttClosure closure = closures[i];

      closure.reason = g_strdup (closures[i].reason);
      g_array_append_val (self->closures, closure);
    }
  fill_closures (self);
  fill_holidays (self);
}

/* The dates England's schools usually keep, in six half terms or three
 * terms, for the school year shown. */
static void
suggest_terms (AttSetupView *self)
{
  GArray *closures = NULL;
  GArray *terms = att_calendar_suggest_terms (shown_year (self),
                                              gtk_toggle_button_get_active (self->half_terms_button),
                                              &closures);

  fill_terms (self, (AttTerm *)terms->data, terms->len,
              (AttClosure *)closures->data, closures->len);
  att_calendar_suggestion_free (terms, closures);
}

static void
on_term_kind_toggled (AttSetupView *self)
{
  if (self->filling)
    return;
  suggest_terms (self);
  validate (self);
}

/* Reads every page's fields from the school (or the defaults when there
 * is none yet). */
static void
fill_from_school (AttSetupView *self)
{
  AttDb *db = get_db (self);

  self->filled = TRUE;
  self->filled_from = db;
  for (guint i = 0; i < G_N_ELEMENTS (school_fields); i++)
    {
      g_autofree char *value = db != NULL ? att_school_get (db, school_fields[i].key) : NULL;

      set_text (self, ROW (self, &school_fields[i]), value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    {
      g_autofree char *value = db != NULL ? att_school_get (db, time_fields[i].key) : NULL;

      set_text (self, ROW (self, &time_fields[i]),
                value != NULL ? value : att_school_get_default (time_fields[i].key));
    }

  if (db != NULL)
    {
      AttCalendar *calendar = att_db_get_calendar (db);
      const AttTerm *terms;
      const AttClosure *closures;
      guint n_terms, n_closures;

      terms = att_calendar_get_terms (calendar, &n_terms);
      closures = att_calendar_get_closures (calendar, &n_closures);
      if (n_terms > 0)
        {
          self->filling = TRUE;
          gtk_toggle_button_set_active (self->half_terms_button, n_terms != 3);
          self->filling = FALSE;
          fill_terms (self, terms, n_terms, closures, n_closures);
          return;
        }
    }
  suggest_terms (self);
}

static void
focus_first_field (AttSetupView *self)
{
  switch (current_page (self))
    {
    case ATT_SETUP_SCHOOL:
      gtk_widget_grab_focus (self->name_row);
      break;
    case ATT_SETUP_TIMES:
      gtk_widget_grab_focus (self->am_open_row);
      break;
    case ATT_SETUP_TERMS:
      gtk_widget_grab_focus (GTK_WIDGET (self->half_terms_button));
      break;
    case ATT_SETUP_ADMIN:
      gtk_widget_grab_focus (self->admin_name_row);
      break;
    case ATT_SETUP_PUPILS:
      gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
      break;
    default:
      gtk_widget_grab_focus (self->start_button);
      break;
    }
}

static void
show_page (AttSetupView *self,
           int           page)
{
  AttDb *db = get_db (self);

  self->show_all = FALSE;
  gtk_stack_set_visible_child_name (self->steps, page < 0 ? "welcome" : page_names[page]);
  if (page < 0)
    {
      adw_window_title_set_title (self->title, _("Attendance"));
      adw_window_title_set_subtitle (self->title, "");
    }
  else
    {
      static const char * const titles[] = {
        N_("The School"), N_("Register Times"), N_("Terms"), N_("Your Account"), N_("Pupils"),
      };
      /* Translators: "Step 2 of 5: Register Times" */
      g_autofree char *subtitle = g_strdup_printf (_("Step %d of %d: %s"), page + 1,
                                                   (int)G_N_ELEMENTS (page_names),
                                                   _(titles[page]));

      adw_window_title_set_title (self->title, _("Set Up Your School"));
      adw_window_title_set_subtitle (self->title, subtitle);
    }

  /* Back leads to the step before; the welcome only while there is no
   * school yet, and nothing before the pupils once the administrator is
   * signed in. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.back",
                                 (page == ATT_SETUP_SCHOOL && db == NULL) ||
                                 (page > ATT_SETUP_SCHOOL && page < ATT_SETUP_PUPILS));
  gtk_button_set_label (self->continue_button,
                        page == ATT_SETUP_PUPILS ? _("_Finish") : _("_Continue"));
  gtk_widget_set_visible (self->action_bar, page >= 0);
  if (page < 0)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.continue", TRUE);
  else
    validate (self);
  show_message (self, page, NULL);
  focus_first_field (self);
}

void
att_setup_view_resume (AttSetupView *self)
{
  AttDb *db;

  g_return_if_fail (ATT_IS_SETUP_VIEW (self));

  db = get_db (self);
  if (!self->filled || db != self->filled_from)
    fill_from_school (self);
  if (db == NULL)
    {
      /* The school's page keeps what was typed; else the welcome. */
      if (current_page (self) != ATT_SETUP_SCHOOL)
        show_page (self, -1);
      return;
    }
  show_page (self, MIN (att_setup_get_step (db), ATT_SETUP_PUPILS));
}

/* Confirms the page shown: the core writes it, or says why not. */
static gboolean
confirm (AttSetupView  *self,
         GError       **error)
{
  AttDb *db = get_db (self);

  switch (current_page (self))
    {
    case ATT_SETUP_SCHOOL:
      {
        const char *keys[G_N_ELEMENTS (school_fields) + 1] = { NULL };
        const char *values[G_N_ELEMENTS (school_fields) + 1] = { NULL };

        for (guint i = 0; i < G_N_ELEMENTS (school_fields); i++)
          {
            keys[i] = school_fields[i].key;
            values[i] = text_of (ROW (self, &school_fields[i]));
          }
        if (db != NULL)
          return att_setup_save_school (db, keys, values, error);
        if (self->db_path == NULL)
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                         _("There is nowhere to keep the school’s database"));
            return FALSE;
          }
        if (!att_school_create (self->db_path, keys, values, error))
          return FALSE;
        /* The window opens it; the fields read from it are those typed. */
        g_signal_emit (self, signals[SIGNAL_SCHOOL_CREATED], 0);
        self->filled_from = get_db (self);
        return get_db (self) != NULL;
      }

    case ATT_SETUP_TIMES:
      return att_setup_save_times (db, text_of (self->am_open_row), text_of (self->am_close_row),
                                   text_of (self->pm_open_row), text_of (self->pm_close_row),
                                   error);

    case ATT_SETUP_TERMS:
      {
        g_autoptr(GArray) terms = typed_terms (self, NULL);

        return att_setup_save_terms (db, (AttTerm *)terms->data, terms->len,
                                     (AttClosure *)self->closures->data, self->closures->len,
                                     error);
      }

    case ATT_SETUP_ADMIN:
      {
        g_autoptr(AttUser) user = NULL;
        const char *password = text_of (self->password_row);
        gint64 id;

        if (!att_setup_check_passwords (password, text_of (self->confirm_row), error))
          return FALSE;
        id = att_setup_add_admin (db, text_of (self->admin_name_row),
                                  text_of (self->admin_position_row), password, error);
        if (id <= 0)
          return FALSE;
        /* Signed in as the sign-in signs anyone in, and audited so. */
        user = att_auth_sign_in (db, id, password, g_get_real_time () / G_USEC_PER_SEC, error);
        if (user == NULL)
          return FALSE;
        set_text (self, self->password_row, "");
        set_text (self, self->confirm_row, "");
        att_context_set_user (self->context, user);
        return TRUE;
      }

    case ATT_SETUP_PUPILS:
      {
        const AttUser *user = att_context_get_user (self->context);

        if (user == NULL)
          {
            g_set_error (error, ATT_ERROR, ATT_ERROR_PERMISSION,
                         _("Sign in to finish setting up the school"));
            return FALSE;
          }
        return att_setup_finish (db, user, error);
      }

    default:
      return TRUE;
    }
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttSetupView *self = ATT_SETUP_VIEW (widget);
  g_autoptr(GError) error = NULL;
  int page = current_page (self);

  if (page >= 0 && !validate (self))
    return;
  if (!confirm (self, &error))
    {
      show_message (self, page, error->message);
      return;
    }
  if (page == ATT_SETUP_PUPILS)
    {
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
      return;
    }
  show_page (self, page + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttSetupView *self = ATT_SETUP_VIEW (widget);
  int page = current_page (self);

  if (page == ATT_SETUP_SCHOOL && get_db (self) == NULL)
    show_page (self, -1);
  else if (page > ATT_SETUP_SCHOOL && page < ATT_SETUP_PUPILS)
    show_page (self, page - 1);
}

/* Enter continues when the page is valid; else it says every problem and
 * takes the focus to the first field that is wrong. */
static void
on_field_activated (AttSetupView *self,
                    GtkWidget    *row)
{
  Check check = { self, TRUE, NULL, NULL };

  if (validate (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "setup.continue", NULL);
      return;
    }
  self->show_all = TRUE;
  validate (self);
  /* The first wrong field, found as validate () finds it. */
  switch (current_page (self))
    {
    case ATT_SETUP_SCHOOL:
      check_fields (&check, school_fields, G_N_ELEMENTS (school_fields));
      break;
    case ATT_SETUP_TIMES:
      check_fields (&check, time_fields, G_N_ELEMENTS (time_fields));
      break;
    default:
      break;
    }
  g_free (check.message);
  if (check.first_wrong != NULL)
    gtk_widget_grab_focus (check.first_wrong);
}

static void
att_setup_view_dispose (GObject *object)
{
  AttSetupView *self = ATT_SETUP_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_SETUP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (att_setup_view_parent_class)->dispose (object);
}

static void
att_setup_view_finalize (GObject *object)
{
  AttSetupView *self = ATT_SETUP_VIEW (object);

  for (guint i = 0; i < self->closures->len; i++)
    g_free (g_array_index (self->closures, AttClosure, i).reason);
  g_array_unref (self->closures);
  g_ptr_array_unref (self->term_groups);
  g_ptr_array_unref (self->term_rows);
  g_ptr_array_unref (self->closure_rows);
  g_ptr_array_unref (self->holiday_rows);
  g_hash_table_unref (self->touched);
  g_free (self->db_path);

  G_OBJECT_CLASS (att_setup_view_parent_class)->finalize (object);
}

static void
att_setup_view_class_init (AttSetupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_setup_view_dispose;
  object_class->finalize = att_setup_view_finalize;

  signals[SIGNAL_SCHOOL_CREATED] =
    g_signal_new ("school-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/setup/att-setup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, title);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, steps);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, start_button);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, import_pupils_button);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, import_ctf_button);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, name_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, urn_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, la_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, address_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, email_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, head_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, am_open_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, am_close_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, pm_open_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, pm_close_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, half_terms_button);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, terms_box);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, closures_group);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, admin_position_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, password_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, school_message);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, times_message);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, terms_message);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, admin_message);
  gtk_widget_class_bind_template_child (widget_class, AttSetupView, pupils_message);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_term_kind_toggled);

  gtk_widget_class_install_action (widget_class, "setup.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "setup.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "setup.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "setup.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
att_setup_view_init (AttSetupView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->term_groups = g_ptr_array_new ();
  self->term_rows = g_ptr_array_new ();
  self->closure_rows = g_ptr_array_new ();
  self->holiday_rows = g_ptr_array_new ();
  self->closures = g_array_new (FALSE, TRUE, sizeof (AttClosure));
  self->touched = g_hash_table_new (NULL, NULL);
}

AttSetupView *
att_setup_view_new (AttContext *context,
                    const char *db_path)
{
  AttSetupView *self;

  g_return_val_if_fail (ATT_IS_CONTEXT (context), NULL);

  self = g_object_new (ATT_TYPE_SETUP_VIEW, NULL);
  self->context = g_object_ref (context);
  att_setup_view_set_db_path (self, db_path);
  return self;
}

void
att_setup_view_set_db_path (AttSetupView *self,
                            const char   *db_path)
{
  g_return_if_fail (ATT_IS_SETUP_VIEW (self));

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  if (db_path != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("Attendance keeps the school’s registers in a database, and there is "
                           "none at %s yet. Set up your school a step at a time, or explore a "
                           "demonstration school with made-up pupils and two years of marks."),
                         db_path);

      adw_status_page_set_description (self->welcome_page, description);
    }
}

const char *
att_setup_view_get_page_name (AttSetupView *self)
{
  g_return_val_if_fail (ATT_IS_SETUP_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->steps);
}

const char *
att_setup_view_get_message (AttSetupView *self)
{
  GtkLabel *label;

  g_return_val_if_fail (ATT_IS_SETUP_VIEW (self), NULL);

  label = message_label (self, current_page (self));
  if (label == NULL || !gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;
  return gtk_label_get_label (label);
}

GtkWidget *
att_setup_view_get_field (AttSetupView *self,
                          const char   *key)
{
  static const struct { const char *key; gsize offset; } others[] = {
    { "admin-name", G_STRUCT_OFFSET (AttSetupView, admin_name_row) },
    { "admin-position", G_STRUCT_OFFSET (AttSetupView, admin_position_row) },
    { "password", G_STRUCT_OFFSET (AttSetupView, password_row) },
    { "confirm", G_STRUCT_OFFSET (AttSetupView, confirm_row) },
    { "continue", G_STRUCT_OFFSET (AttSetupView, continue_button) },
    { "start", G_STRUCT_OFFSET (AttSetupView, start_button) },
    { "import-pupils", G_STRUCT_OFFSET (AttSetupView, import_pupils_button) },
    { "import-ctf", G_STRUCT_OFFSET (AttSetupView, import_ctf_button) },
  };
  guint term, part;
  char what[8];

  g_return_val_if_fail (ATT_IS_SETUP_VIEW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (school_fields); i++)
    if (g_strcmp0 (key, school_fields[i].key) == 0)
      return ROW (self, &school_fields[i]);
  for (guint i = 0; i < G_N_ELEMENTS (time_fields); i++)
    if (g_strcmp0 (key, time_fields[i].key) == 0)
      return ROW (self, &time_fields[i]);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_strcmp0 (key, others[i].key) == 0)
      return *(GtkWidget **)G_STRUCT_MEMBER_P (self, others[i].offset);
  if (sscanf (key, "term-%u-%7s", &term, what) == 2)
    {
      part = g_str_equal (what, "name") ? 0 : g_str_equal (what, "start") ? 1 : 2;
      if (term * 3 + part < self->term_rows->len)
        return g_ptr_array_index (self->term_rows, term * 3 + part);
    }
  return NULL;
}

guint
att_setup_view_get_n_bank_holidays (AttSetupView *self)
{
  g_return_val_if_fail (ATT_IS_SETUP_VIEW (self), 0);

  return self->holiday_rows->len;
}
