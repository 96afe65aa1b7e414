/* att-case-form.c: what the case's forms share: dates typed in a line,
 * and a field named in its error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-case-form.h"

char *
att_case_form_field_name (gpointer row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GString *name = g_string_new (NULL);

  for (const char *p = title; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (name, *p);
  return g_string_free (name, FALSE);
}

char *
att_case_form_date_text (AttDate date)
{
  int year, month, day;

  if (date == ATT_DATE_NONE)
    return g_strdup ("");
  att_date_to_ymd (date, &year, &month, &day);
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

void
att_case_form_mark_error (gpointer row,
                          gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

gboolean
att_case_form_parse_date (AdwEntryRow *row,
                          gboolean     required,
                          AttDate     *date,
                          GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *name = NULL;

  *date = ATT_DATE_NONE;
  if (text[0] == '\0' && !required)
    return TRUE;
  if (text[0] != '\0' && (*date = att_date_parse (text, NULL)) != ATT_DATE_NONE)
    return TRUE;

  name = att_case_form_field_name (row);
  if (text[0] == '\0')
    /* Translators: %s is a field such as “Date (DD/MM/YYYY)” */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: type the date"), name);
  else
    /* Translators: a field, then the text typed in it */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: “%s” is not a date; type it as DD/MM/YYYY"),
                 name, text);
  att_case_form_mark_error (row, TRUE);
  return FALSE;
}

gboolean
att_case_form_parse_time (AdwEntryRow *row,
                          gboolean     required,
                          int         *minutes,
                          GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *name = NULL;

  *minutes = -1;
  if (text[0] == '\0' && !required)
    return TRUE;
  if (text[0] != '\0' && (*minutes = att_time_parse (text, NULL)) >= 0)
    return TRUE;

  *minutes = -1;
  name = att_case_form_field_name (row);
  if (text[0] == '\0')
    /* Translators: %s is a field such as “Time (HH:MM)” */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: type the time"), name);
  else
    /* Translators: a field, then the text typed in it */
    g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID, _("%s: “%s” is not a time; type it as HH:MM, as 09:30"),
                 name, text);
  att_case_form_mark_error (row, TRUE);
  return FALSE;
}
