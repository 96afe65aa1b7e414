/* att-letters-date-row.c: a line of a form that holds a date, typed or
 * picked from a calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office types dates as they write them (16/09/2024); the calendar
 * behind the button at the end of the line is for finding "the Monday
 * after half term". Picking a day writes it into the line, so what is
 * saved is always what the line says.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-letters-date-row.h"

struct _AttLettersDateRow
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *button;
  GtkCalendar    *calendar;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (AttLettersDateRow, att_letters_date_row, ADW_TYPE_ENTRY_ROW)

static char *
entry_text (AttDate date)
{
  int year, month, day;

  att_date_to_ymd (date, &year, &month, &day);
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

static void
on_day_selected (GtkCalendar       *calendar,
                 AttLettersDateRow *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  text = entry_text (att_date_from_ymd (g_date_time_get_year (when), g_date_time_get_month (when),
                                        g_date_time_get_day_of_month (when)));
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_menu_button_popdown (self->button);
}

/* The calendar opens on the date the line holds. */
static void
on_popover_show (GtkPopover        *popover,
                 AttLettersDateRow *self)
{
  AttDate date = att_date_parse (gtk_editable_get_text (GTK_EDITABLE (self)), NULL);
  int year, month, day;

  if (date == ATT_DATE_NONE)
    return;
  att_date_to_ymd (date, &year, &month, &day);
  self->syncing = TRUE;
  g_object_set (self->calendar, "year", year, "month", month - 1, "day", day, NULL);
  self->syncing = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
att_letters_date_row_class_init (AttLettersDateRowClass *klass)
{
}

static void
att_letters_date_row_init (AttLettersDateRow *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Pick the date from a calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick the date from a calendar"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));
}

GtkWidget *
att_letters_date_row_new (const char *title,
                          AttDate     date)
{
  AttLettersDateRow *self = g_object_new (ATT_TYPE_LETTERS_DATE_ROW, "title", title, NULL);

  if (date != ATT_DATE_NONE)
    att_letters_date_row_set_date (self, date);
  return GTK_WIDGET (self);
}

void
att_letters_date_row_set_date (AttLettersDateRow *self,
                               AttDate            date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ATT_IS_LETTERS_DATE_ROW (self));

  text = date != ATT_DATE_NONE ? entry_text (date) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

AttDate
att_letters_date_row_get_date (AttLettersDateRow *self,
                               GError           **error)
{
  g_autoptr(GError) local = NULL;
  const char *text;
  AttDate date;

  g_return_val_if_fail (ATT_IS_LETTERS_DATE_ROW (self), ATT_DATE_NONE);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (text[0] == '\0')
    return ATT_DATE_NONE;
  date = att_date_parse (text, &local);
  if (date == ATT_DATE_NONE)
    /* Translators: the line's title, then why its text is no date */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: %s"),
                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), local->message);
  return date;
}
