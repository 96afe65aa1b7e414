/* att-leave-rows.c: the words and rows a request is shown in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-leave-rows.h"

char *
att_leave_date_entry_text (AttDate date)
{
  int year, month, day;

  att_date_to_ymd (date, &year, &month, &day);
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

char *
att_leave_session_text (AttDate    date,
                        AttSession session)
{
  g_autofree char *day = att_date_format_long (date);

  /* Translators: a session, as in "Tue 10 Sep 2024, morning" */
  return g_strdup_printf (session == ATT_SESSION_AM ? _("%s, morning") : _("%s, afternoon"), day);
}

char *
att_leave_dates_text (const AttLeave *leave)
{
  g_autofree char *first = att_date_format_long (leave->first_date);
  g_autofree char *last = att_date_format_long (leave->last_date);
  gboolean from_pm = leave->first_session == ATT_SESSION_PM;
  gboolean to_am = leave->last_session == ATT_SESSION_AM;

  if (leave->first_date == leave->last_date)
    {
      if (from_pm)
        /* Translators: one day's afternoon */
        return g_strdup_printf (_("%s, afternoon"), first);
      if (to_am)
        /* Translators: one day's morning */
        return g_strdup_printf (_("%s, morning"), first);
      return g_steal_pointer (&first);
    }
  if (from_pm && to_am)
    /* Translators: from a day's afternoon to another's morning */
    return g_strdup_printf (_("%s afternoon to %s morning"), first, last);
  if (from_pm)
    /* Translators: from a day's afternoon to the end of another day */
    return g_strdup_printf (_("%s afternoon to %s"), first, last);
  if (to_am)
    /* Translators: from a day to another's morning */
    return g_strdup_printf (_("%s to %s morning"), first, last);
  /* Translators: from a day to another, both whole */
  return g_strdup_printf (_("%s to %s"), first, last);
}

const char *
att_leave_status_style (AttLeaveStatus status)
{
  switch (status)
    {
    case ATT_LEAVE_APPROVED:
      return "success";
    case ATT_LEAVE_PARTLY_APPROVED:
    case ATT_LEAVE_SUBMITTED:
      return "warning";
    case ATT_LEAVE_DECLINED:
      return "error";
    case ATT_LEAVE_WITHDRAWN:
    case ATT_LEAVE_N_STATUSES:
    default:
      return "dim-label";
    }
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static char *
pupil_title (const char *name,
             const char *group)
{
  if (group == NULL || group[0] == '\0')
    return g_strdup (name);
  /* Translators: a pupil's name and registration group */
  return g_strdup_printf (_("%s, %s"), name, group);
}

GtkWidget *
att_leave_row_new (const AttLeave        *leave,
                   AttLeaveRowKind        kind,
                   const AttLeaveFigures *figures)
{
  g_autofree char *title = pupil_title (leave->pupil_name, leave->reg_group);
  g_autofree char *dates = att_leave_dates_text (leave);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n_sessions = leave->sessions != NULL ? leave->sessions->len : 0;
  GtkWidget *row, *label;

  switch (kind)
    {
    case ATT_LEAVE_ROW_LIST:
      /* Translators: a request in the list: its dates, how many sessions,
       * its type */
      g_string_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%s · %u session · %s",
                                              "%s · %u sessions · %s", n_sessions),
                       dates, n_sessions, att_leave_type_describe (leave->type));
      break;

    case ATT_LEAVE_ROW_QUEUE:
      g_string_printf (subtitle, "%s · %s", att_leave_type_describe (leave->type), dates);
      if (figures != NULL)
        {
          g_string_append_c (subtitle, '\n');
          /* Translators: what a request would take: school days, then
           * sessions */
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u school day",
                                                         "%u school days", figures->school_days),
                                  figures->school_days);
          g_string_append (subtitle, ", ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u session",
                                                         "%u sessions", figures->sessions),
                                  figures->sessions);
          /* Translators: attendance this year now, then with the leave */
          g_string_append_printf (subtitle, _(" · attendance %.1f%% now, %.1f%% after"),
                                  figures->attendance_now, figures->attendance_after);
        }
      if (leave->warnings != ATT_LEAVE_WARN_NONE)
        g_string_append (subtitle, _(" · with warnings"));
      break;

    case ATT_LEAVE_ROW_PART_TIME:
      {
        g_autofree char *pattern = att_leave_pattern_describe (leave->pattern);
        g_autofree char *review = leave->review_date != ATT_DATE_NONE
                                  ? att_date_format_long (leave->review_date) : NULL;

        g_string_printf (subtitle, "%s · %s", pattern, dates);
        if (review != NULL)
          /* Translators: %s is the day of the next review */
          g_string_append_printf (subtitle, _(" · review on %s"), review);
      }
      break;

    case ATT_LEAVE_ROW_NOT_BACK:
    default:
      {
        g_autofree char *back = leave->return_date != ATT_DATE_NONE
                                ? att_date_format_long (leave->return_date) : g_strdup ("");

        /* Translators: a pupil not back from leave: the day they were due
         * back, the type, the dates of the leave */
        g_string_printf (subtitle, _("Due back on %s · %s · %s"), back,
                         att_leave_type_describe (leave->type), dates);
      }
      break;
    }

  row = new_row (title, subtitle->str);
  if (kind == ATT_LEAVE_ROW_LIST)
    {
      label = gtk_label_new (att_leave_status_describe (leave->status));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, att_leave_status_style (leave->status));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  /* A part-time row ends with its own buttons, added by the page. */
  if (kind != ATT_LEAVE_ROW_PART_TIME)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

GtkWidget *
att_leave_case_row_new (const AttLeaveCase *item)
{
  g_autofree char *first = att_date_format_long (item->first_absent);
  g_autofree char *last = att_date_format_long (item->last_absent);
  g_autofree char *back = item->back != ATT_DATE_NONE ? att_date_format_long (item->back) : NULL;
  g_autofree char *title = pupil_title (item->pupil_name, item->reg_group);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  /* Translators: refused leave taken anyway: sessions absent of those
   * refused, how many unauthorised, from and to */
  g_string_printf (subtitle,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Absent %u of the %u session refused (%u unauthorised), %s to %s",
                                "Absent %u of the %u sessions refused (%u unauthorised), %s to %s",
                                item->refused_sessions),
                   item->absent_sessions, item->refused_sessions, item->unauthorised, first, last);
  if (back != NULL)
    /* Translators: %s is the day the pupil came back */
    g_string_append_printf (subtitle, _(" · back on %s"), back);
  row = new_row (title, subtitle->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}
