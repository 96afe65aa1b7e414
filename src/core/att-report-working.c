/* att-report-working.c: how each figure of a report's row is worked out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-report-private.h"
#include "att-text.h"

/* The codes of the current table with @meaning, as "/ \ L". */
static char *
codes_with_meaning (AttCodeMeaning meaning,
                    gboolean       possible)
{
  GString *text = g_string_new (NULL);

  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      if (info->retired || info->possible != possible ||
          (possible && info->meaning != meaning))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, info->text);
    }
  return g_string_free (text, FALSE);
}

static char *
percent_text (double value)
{
  /* Translators: a percentage with one decimal place, "91.2%" */
  return g_strdup_printf (_("%.1f%%"), value);
}

char *
att_report_group_working (AttReport            *report,
                          const AttReportGroup *group)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *until = NULL;
  g_autofree char *present_codes = codes_with_meaning (ATT_MEANING_PRESENT, TRUE);
  g_autofree char *aea_codes = codes_with_meaning (ATT_MEANING_AEA, TRUE);
  g_autofree char *authorised_codes = codes_with_meaning (ATT_MEANING_AUTHORISED, TRUE);
  g_autofree char *unauthorised_codes = codes_with_meaning (ATT_MEANING_UNAUTHORISED, TRUE);
  g_autofree char *not_possible_codes = codes_with_meaning (ATT_MEANING_NOT_POSSIBLE, FALSE);
  g_autofree char *attendance = NULL;
  g_autofree char *authorised = NULL;
  g_autofree char *unauthorised = NULL;
  g_autofree char *persistent = NULL;
  g_autofree char *severe = NULL;
  const AttFigures *f;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (group != NULL, NULL);

  f = &group->figures;
  from = att_date_format_long (report->from);
  to = att_date_format_long (report->to);
  until = att_date_format_long (report->until);
  attendance = percent_text (att_report_group_attendance_pct (group));
  authorised = percent_text (att_report_group_authorised_pct (group));
  unauthorised = percent_text (att_report_group_unauthorised_pct (group));
  persistent = percent_text (att_report_group_persistent_pct (group));
  severe = percent_text (att_report_group_severe_pct (group));

  if (report->until < report->to)
    g_string_append_printf (text, _("Period: %s to %s, counted to today, %s"), from, to, until);
  else
    g_string_append_printf (text, _("Period: %s to %s"), from, to);
  g_string_append_c (text, '\n');

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Pupils counted (%2$s): %1$u with a possible session in the period",
                                       "Pupils counted (%2$s): %1$u with a possible session in the period",
                                       group->pupils),
                          group->pupils, group->label);
  if (report->flags & ATT_REPORT_AGES_5_TO_15)
    {
      g_autofree char *day = att_date_format_long (att_date_from_ymd (report->school_year, 8, 31));

      g_string_append (text, " ");
      g_string_append_printf (text, _("(only pupils aged 5 to 15 on %s, as national statistics count)"), day);
    }
  g_string_append_c (text, '\n');

  {
    g_autofree char *possible = att_text_count (f->possible);
    g_autofree char *missing = att_text_count (f->missing);
    g_autofree char *present = att_text_count (f->present);
    g_autofree char *aea = att_text_count (f->aea);
    g_autofree char *attended = att_text_count (att_figures_attended (f));
    g_autofree char *n_authorised = att_text_count (f->authorised);
    g_autofree char *n_unauthorised = att_text_count (f->unauthorised);
    g_autofree char *n_persistent = att_text_count (group->persistent);
    g_autofree char *n_severe = att_text_count (group->severe);
    g_autofree char *pupils = att_text_count (group->pupils);
    g_autofree char *late = att_text_count (f->late);
    g_autofree char *late_after = att_text_count (f->late_after_close);
    g_autofree char *lates = att_text_count (att_report_group_lates (group));

    g_string_append_printf (text,
                            _("Possible sessions: %s, each session on roll from the pupil’s own admission date with a code that is a possible session (not %s)"),
                            possible, not_possible_codes);
    if (f->missing > 0)
      {
        g_string_append (text, "; ");
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%s session not marked yet is left out until it is",
                                             "%s sessions not marked yet are left out until they are",
                                             f->missing),
                                missing);
      }
    g_string_append_c (text, '\n');

    g_string_append_printf (text,
                            _("Attendance: present %s (%s) + approved educational activity %s (%s) = %s, divided by %s possible = %s"),
                            present, present_codes, aea, aea_codes, attended, possible, attendance);
    g_string_append_c (text, '\n');
    g_string_append_printf (text, _("Authorised absence: %s sessions (%s), divided by %s possible = %s"),
                            n_authorised, authorised_codes, possible, authorised);
    g_string_append_c (text, '\n');
    g_string_append_printf (text, _("Unauthorised absence: %s sessions (%s), divided by %s possible = %s"),
                            n_unauthorised, unauthorised_codes, possible, unauthorised);
    g_string_append_c (text, '\n');
    g_string_append_printf (text,
                            _("Persistent absence: %s of %s pupils absent (authorised or not) for 10%% or more of their own possible sessions in the period = %s"),
                            n_persistent, pupils, persistent);
    g_string_append_c (text, '\n');
    g_string_append_printf (text,
                            _("Severe absence: %s of %s pupils absent for 50%% or more of their own possible sessions in the period = %s"),
                            n_severe, pupils, severe);
    g_string_append_c (text, '\n');
    g_string_append_printf (text,
                            _("Lates: %s L (arrived before the register closed, counted present) + %s U (after it closed, unauthorised absence) = %s"),
                            late, late_after, lates);
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
