/* att-pupil-view.c: one pupil's record: details, contacts and figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-call-history.h"
#include "att-case-view.h"
#include "att-page.h"
#include "att-pupil-flags.h"
#include "att-pupil-view.h"
#include "att-year-glance.h"
#include "att-previous-attendance.h"

struct _AttPupilView
{
  GtkWidget            parent_instance;

  AttDate              today;

  /* Template widgets */
  GtkStack            *stack;
  AttCaseView         *case_view;
  GtkScrolledWindow   *scrolled;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  GtkBox              *flags_slot;
  GtkGrid             *figures_grid;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *contacts_group;
  GtkButton           *export_button;
  GtkWidget           *edit_button;
  GtkWidget           *leaver_button;
  GtkWidget           *return_button;
  GtkWidget           *add_contact_button;
  AttCallHistory      *call_history;
  AttYearGlance       *year_glance;

  GtkWidget           *flags;
  GPtrArray           *detail_rows;
  GPtrArray           *contact_rows;
  GArray              *contact_ids;  /* gint64, the contact of each row */
  gint64               pupil_id;
  char                *upn;
  GtkLabel            *upn_value;   /* in a detail row */
};

G_DEFINE_FINAL_TYPE (AttPupilView, att_pupil_view, GTK_TYPE_WIDGET)

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/* A row with a title and a value; @value_label, when not NULL, is given
 * the label that shows the value. */
static GtkWidget *
value_row (const char  *title,
           const char  *value,
           gboolean     selectable,
           GtkLabel   **value_label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Only long values (an address, a medical note) wrap: a wrapping label
   * asks for little width and would break a phone number in two. */
  if (g_utf8_strlen (value, -1) > 32)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (value_label != NULL)
    *value_label = GTK_LABEL (label);

  return row;
}

static void
add_detail (AttPupilView *self,
            const char   *title,
            const char   *value)
{
  GtkWidget *row = value_row (title, value, FALSE, NULL);

  adw_preferences_group_add (self->details_group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static void
add_detail_take (AttPupilView *self,
                 const char   *title,
                 char         *value)
{
  add_detail (self, title, value);
  g_free (value);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    heading,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (heading)
    gtk_widget_add_css_class (label, "heading-cell");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);

  return label;
}

static void
add_figures_row (AttPupilView *self,
                 AttDb        *db,
                 int           row,
                 const char   *period,
                 gboolean      has_range,
                 AttDate       from,
                 AttDate       to)
{
  GtkGrid *grid = self->figures_grid;
  AttFigures figures = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *label;
  char *text;

  label = grid_label (grid, period, 0, row, TRUE, FALSE);

  if (has_range)
    {
      g_autofree char *first = att_date_format_long (from);
      g_autofree char *last = att_date_format_long (to);
      /* Translators: a range of dates, "from – to" */
      g_autofree char *tip = g_strdup_printf (_("%s – %s"), first, last);

      gtk_widget_set_tooltip_text (label, tip);
      if (!att_stats_pupil (db, self->pupil_id, from, to, &figures, &error))
        {
          g_warning ("Could not count the pupil’s sessions: %s", error->message);
          has_range = FALSE;
        }
    }

  if (!has_range || (figures.possible == 0 && figures.missing == 0))
    {
      label = gtk_label_new (has_range ? _("No sessions on roll")
                                       : _("No register for this period"));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (grid, label, 1, row, 7, 1);
      return;
    }

  text = g_strdup_printf ("%u", figures.possible);
  grid_label (grid, text, 1, row, FALSE, TRUE);
  g_free (text);

  if (figures.possible > 0)
    /* Translators: sessions attended and the percentage, as in "340 (94.4%)" */
    text = g_strdup_printf (_("%u (%.1f%%)"), att_figures_attended (&figures),
                            att_figures_attendance_pct (&figures));
  else
    text = g_strdup_printf ("%u", att_figures_attended (&figures));
  grid_label (grid, text, 2, row, FALSE, TRUE);
  g_free (text);

  text = g_strdup_printf ("%u", figures.authorised);
  grid_label (grid, text, 3, row, FALSE, TRUE);
  g_free (text);

  text = g_strdup_printf ("%u", figures.unauthorised);
  grid_label (grid, text, 4, row, FALSE, TRUE);
  g_free (text);

  text = g_strdup_printf ("%u", figures.late + figures.late_after_close);
  label = grid_label (grid, text, 5, row, FALSE, TRUE);
  g_free (text);
  text = g_strdup_printf (_("%u late before the register closed (L), %u after (U)"),
                          figures.late, figures.late_after_close);
  gtk_widget_set_tooltip_text (label, text);
  g_free (text);

  text = g_strdup_printf ("%u", figures.missing);
  label = grid_label (grid, text, 6, row, FALSE, TRUE);
  g_free (text);
  gtk_widget_set_tooltip_text (label, _("Past sessions with no mark yet"));

  if (att_figures_severe (&figures))
    {
      label = grid_label (grid, att_flag_info (ATT_FLAG_SEVERE)->label, 7, row, FALSE, FALSE);
      gtk_widget_add_css_class (label, "flag");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, att_flag_info (ATT_FLAG_SEVERE)->description);
    }
  else if (att_figures_persistent (&figures))
    {
      label = grid_label (grid, att_flag_info (ATT_FLAG_PERSISTENT)->label, 7, row, FALSE, FALSE);
      gtk_widget_add_css_class (label, "flag");
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_set_tooltip_text (label, att_flag_info (ATT_FLAG_PERSISTENT)->description);
    }
  else
    label = grid_label (grid, "—", 7, row, FALSE, FALSE);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
}

static void
fill_figures (AttPupilView *self,
              AttDb        *db)
{
  AttCalendar *calendar = att_db_get_calendar (db);
  AttDate today = self->today;
  AttDate first = ATT_DATE_NONE, last = ATT_DATE_NONE;
  gboolean found;
  const char *headings[] = {
    /* Translators: column headings of a pupil's attendance figures */
    N_("Period"), N_("Possible"), N_("Attended"), N_("Authorised"),
    N_("Unauthorised"), N_("Late"), N_("Missing"), N_("Status"),
  };

  clear_grid (self->figures_grid);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    grid_label (self->figures_grid, _(headings[i]), i, 0, TRUE, i > 0 && i < 7);

  found = calendar != NULL && att_calendar_term_range (calendar, today, &first, &last);
  add_figures_row (self, db, 1, _("This term"), found, first, MIN (last, today));

  found = calendar != NULL && att_calendar_school_year_range (calendar, today, &first, &last);
  add_figures_row (self, db, 2, _("This school year"), found, first, MIN (last, today));

  found = calendar != NULL
          && att_calendar_school_year_range (calendar, att_date_school_year_start (today) - 1,
                                             &first, &last);
  add_figures_row (self, db, 3, _("Last school year"), found, first, MIN (last, today));
}

static void
fill_details (AttPupilView *self,
              AttPupil     *pupil)
{
  AttDate today = self->today;
  g_autofree char *dob = att_date_format_long (pupil->dob);
  g_autofree char *year = att_year_group_format (pupil->year_group);
  const char *sen;

  add_detail_take (self, _("Legal name"),
                   g_strdup_printf ("%s %s",
                                    pupil->legal_forename != NULL ? pupil->legal_forename : "",
                                    pupil->legal_surname != NULL ? pupil->legal_surname : ""));
  add_detail (self, _("Preferred name"), att_pupil_get_display_name (pupil));

  {
    GtkWidget *row = value_row (_("UPN"), pupil->upn != NULL ? pupil->upn : "", TRUE,
                                &self->upn_value);

    adw_preferences_group_add (self->details_group, row);
    g_ptr_array_add (self->detail_rows, row);
  }

  if (pupil->dob != ATT_DATE_NONE)
    /* Translators: a date of birth and the age today, as in "Mon 2 Sep 2016 (age 10)" */
    add_detail_take (self, _("Date of birth"),
                     g_strdup_printf (_("%s (age %d)"), dob, att_date_age_on (pupil->dob, today)));
  add_detail (self, _("Sex"), pupil->sex == 'F' ? _("Female") : pupil->sex == 'M' ? _("Male") : "—");
  add_detail_take (self, _("Year group"),
                   pupil->year_group == ATT_YEAR_RECEPTION
                   ? g_strdup (_("Reception"))
                   /* Translators: %s is a year group number */
                   : g_strdup_printf (_("Year %s"), year));
  add_detail (self, _("Registration group"), pupil->reg_group != NULL ? pupil->reg_group : "—");
  if (pupil->admission != ATT_DATE_NONE)
    add_detail_take (self, _("Admission date"), att_date_format_long (pupil->admission));
  add_detail_take (self, _("Leaving date"),
                   pupil->leaving != ATT_DATE_NONE ? att_date_format_long (pupil->leaving)
                                                   : g_strdup (_("On roll")));
  if (pupil->leaving != ATT_DATE_NONE)
    add_detail (self, _("Destination"),
                pupil->leaving_destination != NULL ? pupil->leaving_destination : _("Not recorded"));
  add_detail (self, _("Free school meals"), yes_no (pupil->fsm));

  switch (pupil->sen)
    {
    case ATT_SEN_SUPPORT:
      sen = _("SEN support (K)");
      break;
    case ATT_SEN_EHCP:
      sen = _("Education, health and care plan (E)");
      break;
    case ATT_SEN_NONE:
    default:
      sen = _("None");
      break;
    }
  add_detail (self, _("Special educational needs"), sen);
  add_detail (self, _("English as an additional language"), yes_no (pupil->eal));
  add_detail (self, _("Looked after"), yes_no (pupil->looked_after));
  add_detail (self, _("Social worker"), yes_no (pupil->social_worker));
  add_detail (self, _("Young carer"), yes_no (pupil->young_carer));
  add_detail (self, _("Medical note"),
              pupil->medical_note != NULL && pupil->medical_note[0] != '\0'
              ? pupil->medical_note : _("None"));
}

static void
add_contact_detail (GtkWidget  *expander,
                    const char *title,
                    const char *value,
                    gboolean    selectable)
{
  if (value == NULL || value[0] == '\0')
    return;

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), value_row (title, value, selectable, NULL));
}

/* An icon button of a contact's row, named for a screen reader. */
static GtkWidget *
contact_button (const char *icon,
                const char *label,
                const char *action,
                gint64      contact_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (contact_id));
  return button;
}

/* Edit, and move up or down the calling order, on the contact's row; and
 * Alt+Up and Alt+Down while the row has the focus. The actions are the
 * Pupils page's, enabled from the user's rights. */
static void
add_contact_buttons (GtkWidget        *row,
                     const AttContact *contact,
                     const char       *name,
                     gboolean          first,
                     gboolean          last)
{
  g_autofree char *edit = NULL;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *button;

  /* Translators: a contact's name */
  edit = g_strdup_printf (_("Edit %s"), name);
  /* Translators: a contact's name: called one place earlier */
  up = g_strdup_printf (_("Call %s Earlier"), name);
  /* Translators: a contact's name: called one place later */
  down = g_strdup_printf (_("Call %s Later"), name);

  button = contact_button ("go-up-symbolic", up, "pupils.contact-up", contact->id);
  gtk_widget_set_sensitive (button, !first);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  button = contact_button ("go-down-symbolic", down, "pupils.contact-down", contact->id);
  gtk_widget_set_sensitive (button, !last);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               contact_button ("document-edit-symbolic", edit, "pupils.edit-contact",
                                               contact->id));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                                         gtk_named_action_new ("pupils.contact-up"),
                                                                         "x", contact->id));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                                         gtk_named_action_new ("pupils.contact-down"),
                                                                         "x", contact->id));
  gtk_widget_add_controller (row, shortcuts);
}

static void
fill_contacts (AttPupilView *self,
               AttDb        *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (db, self->pupil_id, &error);
  GtkWidget *row;

  if (contacts == NULL || contacts->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     contacts == NULL ? error->message
                                                      : _("No contacts recorded"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      const AttContact *contact = g_ptr_array_index (contacts, i);
      g_autofree char *name = att_contact_dup_name (contact);
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = g_string_new (contact->relationship);
      g_autoptr(GString) address = g_string_new (NULL);
      const char *parts[] = { contact->address_1, contact->address_2,
                              contact->town, contact->postcode };

      /* Translators: a contact's place in the calling order and name, as in "1. Mrs Amina Khan" */
      title = g_strdup_printf (_("%d. %s"), contact->priority, name);
      if (contact->parental_responsibility)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                _("parental responsibility"));
      if (contact->lives_with)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                _("lives with the pupil"));

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] != NULL && parts[j][0] != '\0')
          g_string_append_printf (address, "%s%s", address->len > 0 ? ", " : "", parts[j]);

      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);

      add_contact_detail (row, _("Relationship"), contact->relationship, FALSE);
      add_contact_detail (row, _("Parental responsibility"),
                          yes_no (contact->parental_responsibility), FALSE);
      add_contact_detail (row, _("Lives with the pupil"), yes_no (contact->lives_with), FALSE);
      add_contact_detail (row, _("Receives letters"), yes_no (contact->receives_letters), FALSE);
      add_contact_detail (row, _("Mobile phone"), contact->phone_mobile, TRUE);
      add_contact_detail (row, _("Home phone"), contact->phone_home, TRUE);
      add_contact_detail (row, _("Work phone"), contact->phone_work, TRUE);
      add_contact_detail (row, _("Email"), contact->email, TRUE);
      add_contact_detail (row, _("Address"), address->str, TRUE);
      add_contact_buttons (row, contact, name, i == 0, i + 1 == contacts->len);

      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
      g_array_append_val (self->contact_ids, contact->id);
    }
}

/* The case is read from the page's context (its user decides what may
 * be recorded), when its page is shown. */
static void
show_case (AttPupilView *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), ATT_TYPE_PAGE);

  att_case_view_show (self->case_view, page != NULL ? att_page_get_context (ATT_PAGE (page)) : NULL,
                      self->pupil_id);
}

static void
on_visible_child_changed (AttPupilView *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  if (child != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

void
att_pupil_view_show (AttPupilView *self,
                     AttDb        *db,
                     gint64        pupil_id,
                     AttDate       today)
{
  AttPupil *pupil = NULL;
  g_autoptr(GString) summary = NULL;
  g_autofree char *year = NULL;
  g_autoptr(GArray) year_figures = NULL;
  AttFigures figures = { 0 };
  AttCalendar *calendar;
  AttDate first, last;
  gboolean have_figures = FALSE;
  gint64 focused_contact;

  g_return_if_fail (ATT_IS_PUPIL_VIEW (self));
  g_return_if_fail (db == NULL || ATT_IS_DB (db));

  self->today = today;

  /* A contact's row with the keyboard focus has it again once the rows
   * are made anew (after an edit, or another program's change). */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    focused_contact = 0;
    for (guint i = 0; focus != NULL && i < self->contact_rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (self->contact_rows, i);

        if (i < self->contact_ids->len && (focus == row || gtk_widget_is_ancestor (focus, row)))
          focused_contact = g_array_index (self->contact_ids, gint64, i);
      }
    if (pupil_id != self->pupil_id)
      focused_contact = 0;
  }

  clear_rows (self->details_group, self->detail_rows);
  clear_rows (self->contacts_group, self->contact_rows);
  g_array_set_size (self->contact_ids, 0);
  att_call_history_show (self->call_history, NULL, 0);
  att_year_glance_show (self->year_glance, NULL, 0, today);
  att_previous_attendance_show_after (GTK_WIDGET (self->year_glance), db, pupil_id);
  clear_grid (self->figures_grid);
  g_clear_pointer (&self->upn, g_free);
  self->upn_value = NULL;
  self->pupil_id = 0;

  if (db != NULL && pupil_id != 0)
    pupil = att_pupils_get (db, pupil_id);

  if (pupil == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->summary_label, "");
      adw_avatar_set_text (self->avatar, NULL);
      gtk_widget_set_visible (self->flags, FALSE);
      show_case (self);
      return;
    }

  self->pupil_id = pupil_id;
  self->upn = g_strdup (pupil->upn);
  gtk_widget_set_visible (self->leaver_button, pupil->leaving == ATT_DATE_NONE);
  gtk_widget_set_visible (self->return_button, pupil->leaving != ATT_DATE_NONE);

  adw_avatar_set_text (self->avatar, att_pupil_get_display_name (pupil));
  gtk_label_set_label (self->name_label, att_pupil_get_display_name (pupil));

  year = att_year_group_format (pupil->year_group);
  summary = g_string_new (NULL);
  if (pupil->year_group == ATT_YEAR_RECEPTION)
    g_string_append (summary, _("Reception"));
  else
    g_string_append_printf (summary, _("Year %s"), year);
  if (pupil->reg_group != NULL && pupil->reg_group[0] != '\0')
    g_string_append_printf (summary, " · %s", pupil->reg_group);
  if (pupil->upn != NULL)
    /* Translators: %s is a unique pupil number */
    g_string_append_printf (summary, " · %s", pupil->upn);
  gtk_label_set_label (self->summary_label, summary->str);

  calendar = att_db_get_calendar (db);
  if (calendar != NULL && att_calendar_school_year_range (calendar, today, &first, &last))
    have_figures = att_stats_pupil (db, pupil_id, first, MIN (last, today), &figures, NULL);
  att_pupil_flags_update (self->flags, pupil, have_figures ? &figures : NULL, today);
  gtk_widget_set_visible (self->flags, TRUE);

  fill_figures (self, db);
  att_year_glance_show (self->year_glance, db, pupil_id, today);
  fill_details (self, pupil);
  fill_contacts (self, db);
  att_call_history_show (self->call_history, db, pupil_id);
  show_case (self);

  if (focused_contact != 0)
    att_pupil_view_focus_contact (self, focused_contact);
  else
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0.0);
}

gint64
att_pupil_view_get_pupil_id (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), 0);

  return self->pupil_id;
}

GtkGrid *
att_pupil_view_get_figures_grid (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), NULL);

  return self->figures_grid;
}

const char *
att_pupil_view_get_upn_text (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), NULL);

  return self->upn_value != NULL ? gtk_label_get_label (self->upn_value) : NULL;
}

static gboolean
att_pupil_view_grab_focus (GtkWidget *widget)
{
  AttPupilView *self = ATT_PUPIL_VIEW (widget);
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  if (child == GTK_WIDGET (self->case_view))
    return gtk_widget_grab_focus (child);
  return gtk_widget_child_focus (GTK_WIDGET (self->scrolled), GTK_DIR_TAB_FORWARD);
}

static void
att_pupil_view_dispose (GObject *object)
{
  AttPupilView *self = ATT_PUPIL_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PUPIL_VIEW);
  /* The box holding the record and the case has no name of its own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (att_pupil_view_parent_class)->dispose (object);
}

static void
att_pupil_view_finalize (GObject *object)
{
  AttPupilView *self = ATT_PUPIL_VIEW (object);

  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_free (self->upn);

  G_OBJECT_CLASS (att_pupil_view_parent_class)->finalize (object);
}

static void
att_pupil_view_class_init (AttPupilViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = att_pupil_view_dispose;
  object_class->finalize = att_pupil_view_finalize;
  widget_class->grab_focus = att_pupil_view_grab_focus;

  g_type_ensure (ATT_TYPE_CALL_HISTORY);
  g_type_ensure (ATT_TYPE_CASE_VIEW);
  g_type_ensure (ATT_TYPE_YEAR_GLANCE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-pupil-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, stack);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, case_view);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, avatar);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, name_label);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, flags_slot);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, details_group);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, export_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, leaver_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, return_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, add_contact_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, call_history);
  gtk_widget_class_bind_template_child (widget_class, AttPupilView, year_glance);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_changed);
}

static void
att_pupil_view_init (AttPupilView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->detail_rows = g_ptr_array_new ();
  self->contact_rows = g_ptr_array_new ();
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->flags = att_pupil_flags_new ();
  gtk_box_append (self->flags_slot, self->flags);
}

void
att_pupil_view_set_export_tooltip (AttPupilView *self,
                                   const char   *text)
{
  g_return_if_fail (ATT_IS_PUPIL_VIEW (self));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), text);
}

void
att_pupil_view_show_case (AttPupilView *self,
                          gboolean      case_shown)
{
  g_return_if_fail (ATT_IS_PUPIL_VIEW (self));

  gtk_stack_set_visible_child_name (self->stack, case_shown ? "case" : "record");
}

AttYearGlance *
att_pupil_view_get_year_glance (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), NULL);

  return self->year_glance;
}

AttCaseView *
att_pupil_view_get_case_view (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), NULL);

  return self->case_view;
}

GtkWidget *
att_pupil_view_get_contact_row (AttPupilView *self,
                                gint64        contact_id)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), NULL);

  for (guint i = 0; i < self->contact_ids->len; i++)
    if (g_array_index (self->contact_ids, gint64, i) == contact_id)
      return g_ptr_array_index (self->contact_rows, i);
  return NULL;
}

guint
att_pupil_view_get_n_contacts (AttPupilView *self)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), 0);

  return self->contact_ids->len;
}

gint64
att_pupil_view_get_contact_id (AttPupilView *self,
                               guint         i)
{
  g_return_val_if_fail (ATT_IS_PUPIL_VIEW (self), 0);
  g_return_val_if_fail (i < self->contact_ids->len, 0);

  return g_array_index (self->contact_ids, gint64, i);
}

void
att_pupil_view_focus_contact (AttPupilView *self,
                              gint64        contact_id)
{
  GtkWidget *row;

  g_return_if_fail (ATT_IS_PUPIL_VIEW (self));

  row = att_pupil_view_get_contact_row (self, contact_id);
  /* An expander row takes the focus on its header, the line a user
   * reaches with Tab. */
  if (row != NULL)
    {
      if (!gtk_widget_grab_focus (row))
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
    }
  else
    gtk_widget_grab_focus (self->add_contact_button);
}

void
att_pupil_view_set_edit_tooltip (AttPupilView *self,
                                 const char   *why)
{
  g_return_if_fail (ATT_IS_PUPIL_VIEW (self));

  gtk_widget_set_tooltip_text (self->edit_button, why != NULL ? why : _("Change the pupil’s details"));
  gtk_widget_set_tooltip_text (self->leaver_button,
                               why != NULL ? why : _("Record the last day on roll and where the pupil goes"));
  gtk_widget_set_tooltip_text (self->return_button,
                               why != NULL ? why : _("Clear the leaving date: the pupil is on roll again"));
  gtk_widget_set_tooltip_text (self->add_contact_button,
                               why != NULL ? why : _("Add someone to call about the pupil, after the others"));
}
