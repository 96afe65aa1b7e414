/* att-penalty-rows.c: the words and rows the Penalty Notices page, its
 * case view and the Today dashboard show a breach and its records in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-penalty-rows.h"

void
att_penalty_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  /* The placeholder is not a row and stays. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
att_penalty_breach_describe (const AttBreach *breach,
                             AttDate          as_of)
{
  g_autofree char *from = att_date_format_long (breach->window_start);
  g_autofree char *to = att_date_format_long (breach->window_end);
  g_autofree char *day = att_date_format_long (as_of);
  GString *text = g_string_new (NULL);

  /* Translators: unauthorised sessions, the window's two dates, its
   * school weeks, then the day counted to */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u unauthorised session from %s to %s (%u school weeks), counted to %s",
                                             "%u unauthorised sessions from %s to %s (%u school weeks), counted to %s",
                                             breach->sessions),
                          breach->sessions, from, to, breach->school_weeks, day);
  if (breach->includes_n)
    g_string_append_printf (text, "; %s", _("includes N codes, which should be resolved"));
  g_string_append (text, "; ");
  /* Translators: penalty notices asked for in the last three years */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u penalty notice in the last 3 years",
                                             "%u penalty notices in the last 3 years", breach->notices_3y),
                          breach->notices_3y);
  return g_string_free (text, FALSE);
}

char *
att_penalty_money_text (guint pence)
{
  if (pence % 100 == 0)
    /* Translators: an amount in whole pounds */
    return g_strdup_printf (_("£%u"), pence / 100);
  /* Translators: an amount in pounds and pence */
  return g_strdup_printf (_("£%u.%02u"), pence / 100, pence % 100);
}

char *
att_penalty_amounts_text (AttPenaltyNoticeKind kind)
{
  guint early = 0, early_days = 0, amount = 0, days = 0;
  g_autofree char *early_text = NULL;
  g_autofree char *amount_text = NULL;

  att_penalty_notice_amounts (kind, &early, &early_days, &amount, &days);
  amount_text = att_penalty_money_text (amount);
  if (early == 0)
    /* Translators: an amount, then the days to pay it in */
    return g_strdup_printf (_("%s within %u days"), amount_text, days);
  early_text = att_penalty_money_text (early);
  /* Translators: the amount if paid early and its days, then the full
   * amount and its days */
  return g_strdup_printf (_("%s within %u days, %s within %u days"), early_text, early_days,
                          amount_text, days);
}

char *
att_penalty_session_text (const AttPenaltySession *session)
{
  g_autofree char *day = att_date_format_long (session->date);

  /* Translators: a session and its code, as in "Mon 7 Sep 2026, morning (G)" */
  return g_strdup_printf (_("%s, %s (%s)"), day,
                          session->session == ATT_SESSION_AM ? _("morning") : _("afternoon"),
                          att_code_to_string (session->code));
}

static GtkWidget *
fact_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && value[0] != '\0' ? value : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Read, not used: the keyboard does not stop on each. */
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static GtkWidget *
tag_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

GtkWidget *
att_penalty_list_row_new (const AttPenaltyRow *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count;
  g_autofree char *title = NULL;
  g_autofree char *from = att_date_format_long (item->breach.window_start);
  g_autofree char *to = att_date_format_long (item->breach.window_end);
  g_autofree char *count_text = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (item->group != NULL && item->group[0] != '\0')
    title = g_strdup_printf (_("%s (%s)"), item->name, item->group);
  else
    title = g_strdup (item->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  /* Translators: the window of the penalty-notice count, two dates */
  g_string_append_printf (subtitle, _("From %s to %s"), from, to);
  if (item->breach.includes_n)
    g_string_append_printf (subtitle, " · %s", _("includes N codes"));
  g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u notice in 3 years",
                                                 "%u notices in 3 years", item->breach.notices_3y),
                          item->breach.notices_3y);
  if (item->improvement_id != 0)
    {
      g_autofree char *end = att_date_format_long (item->improvement_end);

      g_string_append (subtitle, "\n");
      /* Translators: a running notice to improve: its last day, then the
       * unauthorised sessions flagged inside it */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE,
                                                     "Notice to improve until %s: %u session flagged",
                                                     "Notice to improve until %s: %u sessions flagged",
                                                     item->improvement_flagged),
                              end, item->improvement_flagged);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (item->over)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               item->consideration_id != 0 ? tag_label (_("Considered"), "success")
                                                           : tag_label (_("Not considered"), "warning"));
  if (item->breach.includes_n)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_label (_("N"), "error"));
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                             item->breach.sessions),
                                item->breach.sessions);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "penalty.open-case");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->pupil_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static char *
recorded_text (const char *user,
               gint64      at)
{
  g_autoptr(GDateTime) time = at > 0 ? g_date_time_new_from_unix_local (at) : NULL;
  g_autofree char *when = time != NULL ? g_date_time_format (time, "%d/%m/%Y %H:%M") : g_strdup ("");

  /* Translators: who recorded something, and when */
  return g_strdup_printf (_("%s, %s"), user != NULL ? user : "", when);
}

GtkWidget *
att_penalty_consideration_row_new (const AttPenaltyConsideration *c)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *day = att_date_format_long (c->as_of);
  g_autofree char *from = att_date_format_long (c->window_start);
  g_autofree char *to = att_date_format_long (c->window_end);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *who = recorded_text (c->user, c->at);

  /* Translators: the day of a breach, then the decision */
  title = g_strdup_printf (_("%s: %s"), day, att_penalty_decision_describe (c->decision));
  /* Translators: sessions in the window and its two dates, then who
   * recorded the consideration and when */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session from %s to %s · recorded by %s",
                                           "%u sessions from %s to %s · recorded by %s", c->sessions),
                              c->sessions, from, to, who);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Support offered so far"), c->support_offered));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Is a notice the best tool?"), c->notice_best_tool));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Equality Act"), att_penalty_consideration_describe_equality (c)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Agencies involved"), c->agencies));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Rationale"), c->rationale));
  return row;
}

GtkWidget *
att_penalty_improve_row_new (const AttNoticeToImprove *notice,
                             GArray                   *flagged,
                             AttDate                   today)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *issued = att_date_format_long (notice->issued);
  g_autofree char *end = att_date_format_long (notice->period_end);
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GString) sessions = g_string_new (NULL);

  /* Translators: the day a notice to improve was issued, its school
   * weeks, then the last day of its period */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Issued %s: %u school week, to %s",
                                        "Issued %s: %u school weeks, to %s", notice->weeks),
                           issued, notice->weeks, end);
  if (notice->outcome != ATT_IMPROVE_NONE)
    {
      g_autofree char *on = att_date_format_long (notice->outcome_date);

      /* Translators: an outcome, as in "Improved", and its date */
      state = g_strdup_printf (_("%s on %s"), att_improve_outcome_describe (notice->outcome), on);
    }
  else if (today <= notice->period_end)
    /* Translators: a notice to improve still running */
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Running: %u unauthorised session flagged",
                                          "Running: %u unauthorised sessions flagged", notice->flagged),
                             notice->flagged);
  else
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ended with %u unauthorised session: record the outcome",
                                          "Ended with %u unauthorised sessions: record the outcome", notice->flagged),
                             notice->flagged);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), state);
  if (notice->flagged > 0 && notice->outcome == ATT_IMPROVE_NONE)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), tag_label (_("Flagged"), "warning"));

  if (notice->outcome == ATT_IMPROVE_NONE)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Outcome…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* While the period runs the button says when it can be used (an
       * action would make it sensitive again). */
      if (today <= notice->period_end)
        {
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, _("The outcome is recorded once the improvement period is over"));
        }
      else
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.improve-outcome");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", notice->id);
          gtk_widget_set_tooltip_text (button, _("Record whether attendance improved"));
        }
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }
  if (notice->letter_id == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Letter…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Print the notice’s letter to the parents; it is logged once printed"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.improve-letter");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", notice->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }

  for (guint i = 0; flagged != NULL && i < flagged->len; i++)
    {
      g_autofree char *text = att_penalty_session_text (&g_array_index (flagged, AttPenaltySession, i));

      if (sessions->len > 0)
        g_string_append_c (sessions, '\n');
      g_string_append (sessions, text);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            fact_row (_("Unauthorised sessions inside the period"),
                                      sessions->len > 0 ? sessions->str : _("None")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            fact_row (_("Letter"), notice->letter_id != 0 ? _("Sent and logged")
                                                                          : _("Not logged")));
  if (notice->outcome_note != NULL && notice->outcome_note[0] != '\0')
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Note"), notice->outcome_note));
  {
    g_autofree char *who = recorded_text (notice->user, notice->at);

    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), fact_row (_("Started by"), who));
  }
  return row;
}

GtkWidget *
att_penalty_notice_row_new (const AttPenaltyNotice *notice)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *requested = att_date_format_long (notice->requested);
  g_autofree char *amounts = att_penalty_amounts_text (notice->kind);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *style;

  /* Translators: "First penalty notice to Mrs Amina Khan" */
  title = g_strdup_printf (notice->kind == ATT_PENALTY_NOTICE_FIRST ? _("First penalty notice to %s")
                                                                    : _("Second penalty notice to %s"),
                           notice->parent != NULL ? notice->parent : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: the day a notice was asked for, then its amounts */
  g_string_append_printf (subtitle, _("Asked for on %s · %s"), requested, amounts);
  if (notice->status != ATT_PENALTY_NOTICE_REQUESTED)
    {
      g_autofree char *day = att_date_format_long (notice->status_date);

      g_string_append (subtitle, "\n");
      /* Translators: a notice's status and the day it changed */
      g_string_append_printf (subtitle, _("%s on %s"), att_penalty_notice_status_describe (notice->status), day);
    }
  if (notice->note != NULL && notice->note[0] != '\0')
    g_string_append_printf (subtitle, " · %s", notice->note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  switch (notice->status)
    {
    case ATT_PENALTY_NOTICE_PAID:
      style = "success";
      break;
    case ATT_PENALTY_NOTICE_WITHDRAWN:
      style = "dim-label";
      break;
    case ATT_PENALTY_NOTICE_PROSECUTED:
      style = "error";
      break;
    case ATT_PENALTY_NOTICE_REQUESTED:
    case ATT_PENALTY_NOTICE_ISSUED:
    case ATT_PENALTY_NOTICE_N_STATUSES:
    default:
      style = "accent";
      break;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             tag_label (att_penalty_notice_status_describe (notice->status), style));

  /* A notice still open moves on as the local authority reports. */
  if (notice->status == ATT_PENALTY_NOTICE_REQUESTED || notice->status == ATT_PENALTY_NOTICE_ISSUED)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      static const AttPenaltyNoticeStatus next[] = {
        ATT_PENALTY_NOTICE_ISSUED, ATT_PENALTY_NOTICE_PAID,
        ATT_PENALTY_NOTICE_WITHDRAWN, ATT_PENALTY_NOTICE_PROSECUTED,
      };
      GtkWidget *button = gtk_menu_button_new ();

      for (guint i = 0; i < G_N_ELEMENTS (next); i++)
        {
          g_autoptr(GMenuItem) item = NULL;
          g_autofree char *label = NULL;

          if (next[i] == notice->status)
            continue;
          /* Translators: a menu item moving a notice on, as in "Paid…" */
          label = g_strdup_printf (_("%s…"), att_penalty_notice_status_describe (next[i]));
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "case.notice-status",
                                                   g_variant_new ("(xs)", notice->id,
                                                                  att_penalty_notice_status_to_string (next[i])));
          g_menu_append_item (menu, item);
        }
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Status"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Record what the local authority reports: issued, paid, withdrawn or prosecuted"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}
