/* att-cli-pupils.c: pupils and contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-contacts.h"

int
att_cli_run_import (AttCliContext *ctx,
                    AttImportFunc  import,
                    const char    *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttImportReport) report = att_import_report_new ();
  const char *file = att_cli_arg (ctx, 0);
  gboolean dry_run = att_cli_flag (ctx, "dry-run");
  int status;

  if (att_cli_opt (ctx, "user") == NULL)
    return att_cli_usage (ctx, _("--user NAME is required for a change: say who makes it"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;

  if (!import (ctx->db, user, file, dry_run, report, &error))
    {
      g_autofree char *base = g_path_get_basename (file);

      /* The report lists each problem by row and column; the error's
       * message says the same in a sentence when the file could not be
       * read at all. */
      if (report->problems != NULL && report->problems->len > 0 &&
          g_error_matches (error, ATT_ERROR, ATT_ERROR_IMPORT))
        {
          g_autofree char *list = att_import_report_format_problems (report);

          return att_cli_refuse_msg (_("%s was not imported (nothing was changed): %s"),
                                     base, list);
        }
      return att_cli_refuse (error);
    }

  for (guint i = 0; report->notices != NULL && i < report->notices->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->notices, i));
      g_print (_("Notice: %s\n"), text);
    }
  if (report->more_notices > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Notice: and %u more notice\n",
                          "Notice: and %u more notices\n", report->more_notices),
             report->more_notices);

  /* Translators: the first %s is "pupils", "contacts" or "marks". */
  g_print (_("%s: %u rows: %u added, %u updated, %u unchanged%s\n"),
           what, report->rows, report->added, report->updated, report->unchanged,
           dry_run ? _(" (dry run: nothing was written)") : "");
  return ATT_CLI_OK;
}

/* Every --map OURS=THEIRS of the command line (the option may be given
 * once for each column). */
static int
parse_maps (AttCliContext     *ctx,
            AttImportMapping **mapping)
{
  for (guint i = 1; ctx->argv[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *text = NULL;

      if (strcmp (ctx->argv[i], "--") == 0)
        break;
      if (strcmp (ctx->argv[i], "--map") == 0 && ctx->argv[i + 1] != NULL)
        text = ctx->argv[++i];
      else if (g_str_has_prefix (ctx->argv[i], "--map="))
        text = ctx->argv[i] + strlen ("--map=");
      else if (g_str_has_prefix (ctx->argv[i], "--") && ctx->argv[i + 1] != NULL &&
               strchr (ctx->argv[i], '=') == NULL && att_cli_opt (ctx, ctx->argv[i] + 2) != NULL &&
               *att_cli_opt (ctx, ctx->argv[i] + 2) != '\0')
        {
          i++;  /* another option's value, which may itself look like --map */
          continue;
        }
      if (text == NULL)
        continue;
      if (*mapping == NULL)
        *mapping = att_import_mapping_new (ATT_IMPORT_PUPILS);
      if (!att_import_mapping_parse (*mapping, text, &error))
        return att_cli_usage (ctx, "--map: %s", error->message);
    }
  return ATT_CLI_OK;
}

int
att_cli_cmd_pupils_import (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttImportMapping) mapping = NULL;
  g_autoptr(AttImportReport) report = NULL;
  AttImportOptions options = ATT_IMPORT_OPTIONS_INIT;
  const char *file = att_cli_arg (ctx, 0);
  int status;

  /* Without the new options, the command is what it always was. */
  if (att_cli_opt (ctx, "leavers-on") == NULL && att_cli_opt (ctx, "map") == NULL)
    return att_cli_run_import (ctx, att_import_pupils, _("Pupils"));

  if ((status = att_cli_opt_date (ctx, "leavers-on", &options.leavers_on)) != ATT_CLI_OK ||
      (status = parse_maps (ctx, &mapping)) != ATT_CLI_OK)
    return status;
  if (att_cli_opt (ctx, "user") == NULL)
    return att_cli_usage (ctx, _("--user NAME is required for a change: say who makes it"));
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;

  options.dry_run = att_cli_flag (ctx, "dry-run");
  options.mapping = mapping;
  report = att_import_report_new ();
  if (!att_import_file (ctx->db, user, ATT_IMPORT_PUPILS, file, &options, report, &error))
    {
      g_autofree char *base = g_path_get_basename (file);

      if (report->problems->len > 0 && g_error_matches (error, ATT_ERROR, ATT_ERROR_IMPORT))
        {
          g_autofree char *list = att_import_report_format_problems (report);

          return att_cli_refuse_msg (_("%s was not imported (nothing was changed): %s"),
                                     base, list);
        }
      return att_cli_refuse (error);
    }

  for (guint i = 0; i < report->notices->len; i++)
    {
      g_autofree char *text = att_import_problem_format (g_ptr_array_index (report->notices, i));
      g_print (_("Notice: %s\n"), text);
    }
  if (report->more_notices > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Notice: and %u more notice\n",
                          "Notice: and %u more notices\n", report->more_notices),
             report->more_notices);
  if (options.leavers_on != ATT_DATE_NONE)
    g_print (_("Pupils: %u rows: %u added, %u updated, %u unchanged, %u left%s\n"),
             report->rows, report->added, report->updated, report->unchanged, report->left,
             options.dry_run ? _(" (dry run: nothing was written)") : "");
  else
    g_print (_("%s: %u rows: %u added, %u updated, %u unchanged%s\n"),
             _("Pupils"), report->rows, report->added, report->updated, report->unchanged,
             options.dry_run ? _(" (dry run: nothing was written)") : "");
  return ATT_CLI_OK;
}

int
att_cli_cmd_contacts_import (AttCliContext *ctx)
{
  return att_cli_run_import (ctx, att_import_contacts, _("Contacts"));
}

/* Parses --year (R or 1 to 14); -1 when not given. */
int
att_cli_opt_year (AttCliContext *ctx,
                  int           *year)
{
  const char *text = att_cli_opt (ctx, "year");
  g_autoptr(GError) error = NULL;

  *year = -1;
  if (text == NULL)
    return ATT_CLI_OK;
  if (!att_year_group_parse (text, year, &error))
    return att_cli_usage (ctx, _("--year: “%s” is not a year group (use R or 1 to 14)"), text);
  return ATT_CLI_OK;
}

static void
json_pupil_fields (AttCliJson  *writer,
                   AttPupil    *pupil)
{
  char sex[2] = { pupil->sex, '\0' };

  att_cli_json_int (writer, "id", pupil->id);
  att_cli_json_string (writer, "upn", pupil->upn);
  att_cli_json_string (writer, "name", att_pupil_get_display_name (pupil));
  att_cli_json_string (writer, "forename", att_pupil_get_forename (pupil));
  att_cli_json_string (writer, "surname", att_pupil_get_surname (pupil));
  att_cli_json_string (writer, "group", pupil->reg_group);
  att_cli_json_int (writer, "year", pupil->year_group);
  att_cli_json_date (writer, "dob", pupil->dob);
  att_cli_json_string (writer, "sex", sex);
  att_cli_json_date (writer, "admission_date", pupil->admission);
  att_cli_json_date (writer, "leaving_date", pupil->leaving);
  att_cli_json_bool (writer, "fsm", pupil->fsm);
  att_cli_json_string (writer, "sen", att_sen_to_string (pupil->sen));
  att_cli_json_bool (writer, "eal", pupil->eal);
  att_cli_json_bool (writer, "looked_after", pupil->looked_after);
  att_cli_json_bool (writer, "social_worker", pupil->social_worker);
  att_cli_json_bool (writer, "young_carer", pupil->young_carer);
}

int
att_cli_cmd_pupils_list (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  const char *group = att_cli_opt (ctx, "group");
  gboolean json = att_cli_flag (ctx, "json");
  GPtrArray *pupils;
  g_autoptr(AttCliJson) writer = NULL;
  g_autoptr(AttCliTable) table = NULL;
  int year;
  int status;

  if ((status = att_cli_opt_year (ctx, &year)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  pupils = att_pupils_list (ctx->db, &error);
  if (pupils == NULL)
    return att_cli_refuse (error);

  if (json)
    {
      writer = att_cli_json_new (ctx);
      att_cli_json_begin_array (writer);
    }
  else
    table = att_cli_table_new (_("UPN"), _("Name"), _("Group"), _("Year"), _("Born"), _("Sex"),
                               _("Admitted"), _("Left"), _("Flags"), NULL);

  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);

      if (group != NULL && !att_cli_group_matches (group, pupil))
        continue;
      if (year >= 0 && pupil->year_group != year)
        continue;

      if (json)
        {
          att_cli_json_begin_object (writer);
          json_pupil_fields (writer, pupil);
          att_cli_json_end_object (writer);
        }
      else
        {
          g_autofree char *year_text = att_year_group_format (pupil->year_group);
          g_autofree char *dob = att_date_format (pupil->dob);
          g_autofree char *admitted = att_date_format (pupil->admission);
          g_autofree char *left = pupil->leaving ? att_date_format (pupil->leaving) : g_strdup ("");
          char sex[2] = { pupil->sex, '\0' };
          g_autofree char *flags = att_flags_format (att_pupil_flags (pupil, NULL, att_date_today ()),
                                                     ", ");

          att_cli_table_add_row (table, pupil->upn, att_pupil_get_display_name (pupil),
                                 pupil->reg_group, year_text, dob, sex, admitted, left,
                                 flags, NULL);
        }
    }

  att_cli_print_list (writer, table);
  return ATT_CLI_OK;
}

static void
json_contact (AttCliJson       *writer,
              const AttContact *contact)
{
  g_autofree char *name = att_contact_dup_name (contact);

  att_cli_json_begin_object (writer);
  att_cli_json_int (writer, "id", contact->id);
  att_cli_json_int (writer, "priority", contact->priority);
  att_cli_json_string (writer, "name", name);
  att_cli_json_string (writer, "title", contact->title);
  att_cli_json_string (writer, "forename", contact->forename);
  att_cli_json_string (writer, "surname", contact->surname);
  att_cli_json_string (writer, "relationship", contact->relationship);
  att_cli_json_bool (writer, "parental_responsibility", contact->parental_responsibility);
  att_cli_json_bool (writer, "lives_with", contact->lives_with);
  att_cli_json_bool (writer, "receives_letters", contact->receives_letters);
  att_cli_json_string (writer, "phone_home", contact->phone_home);
  att_cli_json_string (writer, "phone_mobile", contact->phone_mobile);
  att_cli_json_string (writer, "phone_work", contact->phone_work);
  att_cli_json_string (writer, "email", contact->email);
  att_cli_json_string (writer, "address_1", contact->address_1);
  att_cli_json_string (writer, "address_2", contact->address_2);
  att_cli_json_string (writer, "town", contact->town);
  att_cli_json_string (writer, "postcode", contact->postcode);
  /* When the details were last checked, and whether they are due to be
   * checked again today (att-contacts.h). */
  att_cli_json_date (writer, "details_checked", contact->details_checked);
  att_cli_json_bool (writer, "details_stale", att_contact_details_stale (contact, att_date_today ()));
  att_cli_json_end_object (writer);
}

/* Machine names of the flags a pupil carries, for `pupils show`. */
static GPtrArray *
pupil_flags (AttPupil         *pupil,
             const AttFigures *figures)
{
  GPtrArray *flags = g_ptr_array_new ();
  guint set = att_pupil_flags (pupil, figures, att_date_today ());

  for (guint i = 0; i < ATT_N_FLAGS; i++)
    if (set & (1u << i))
      g_ptr_array_add (flags, (gpointer)att_flag_info (i)->key);
  return flags;
}

int
att_cli_cmd_pupils_show (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  AttFigures figures = { 0 };
  AttPupil *pupil;
  AttDate today = att_date_today ();
  AttDate from = att_date_school_year_start (today);

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  g_object_ref (pupil);

  contacts = att_contacts_for_pupil (ctx->db, pupil->id, &error);
  if (contacts == NULL ||
      !att_stats_pupil (ctx->db, pupil->id, from, today, &figures, &error))
    {
      g_object_unref (pupil);
      return att_cli_refuse (error);
    }
  flags = pupil_flags (pupil, &figures);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_object (writer);
      json_pupil_fields (writer, pupil);
      att_cli_json_string (writer, "legal_forename", pupil->legal_forename);
      att_cli_json_string (writer, "legal_surname", pupil->legal_surname);
      att_cli_json_string (writer, "medical_note", pupil->medical_note);
      att_cli_json_string (writer, "leaving_destination", pupil->leaving_destination);

      att_cli_json_member (writer, "contacts");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < contacts->len; i++)
        json_contact (writer, g_ptr_array_index (contacts, i));
      att_cli_json_end_array (writer);

      att_cli_json_member (writer, "flags");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < flags->len; i++)
        att_cli_json_add_string (writer, g_ptr_array_index (flags, i));
      att_cli_json_end_array (writer);

      att_cli_json_member (writer, "figures");
      att_cli_json_begin_object (writer);
      att_cli_json_date (writer, "from", from);
      att_cli_json_date (writer, "to", today);
      att_cli_json_figures (writer, &figures);
      att_cli_json_end_object (writer);

      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
    }
  else
    {
      g_autoptr(AttCliTable) details = att_cli_table_new (_("Field"), _("Value"), NULL);
      g_autofree char *year = att_year_group_format (pupil->year_group);
      g_autofree char *dob = att_date_format (pupil->dob);
      g_autofree char *admitted = att_date_format (pupil->admission);
      g_autofree char *left = pupil->leaving ? att_date_format (pupil->leaving) : g_strdup ("");
      g_autofree char *legal = g_strdup_printf ("%s %s", pupil->legal_forename, pupil->legal_surname);
      g_autofree char *flag_text = NULL;
      g_autofree char *codes = att_cli_format_codes (figures.codes);
      g_autofree char *pct = att_cli_format_pct (att_figures_attendance_pct (&figures));
      g_autofree char *sessions = g_strdup_printf (_("%u possible, %u present, %u AEA, %u authorised, %u unauthorised, %u missing"),
                                                   figures.possible, figures.present, figures.aea,
                                                   figures.authorised, figures.unauthorised,
                                                   figures.missing);
      g_autofree char *from_text = att_date_format (from);
      g_autofree char *today_text = att_date_format (today);
      g_autofree char *period = g_strdup_printf (_("%s to %s"), from_text, today_text);
      char sex[2] = { pupil->sex, '\0' };

      flag_text = att_flags_format (att_pupil_flags (pupil, &figures, today), ", ");

      att_cli_table_add_row (details, _("UPN"), pupil->upn, NULL);
      att_cli_table_add_row (details, _("Name"), att_pupil_get_display_name (pupil), NULL);
      att_cli_table_add_row (details, _("Legal name"), legal, NULL);
      att_cli_table_add_row (details, _("Group"), pupil->reg_group, NULL);
      att_cli_table_add_row (details, _("Year"), year, NULL);
      att_cli_table_add_row (details, _("Born"), dob, NULL);
      att_cli_table_add_row (details, _("Sex"), sex, NULL);
      att_cli_table_add_row (details, _("Admitted"), admitted, NULL);
      att_cli_table_add_row (details, _("Left"), left, NULL);
      if (pupil->leaving_destination != NULL)
        att_cli_table_add_row (details, _("Destination"), pupil->leaving_destination, NULL);
      att_cli_table_add_row (details, _("Flags"), flag_text, NULL);
      att_cli_table_add_row (details, _("Medical note"), pupil->medical_note ? pupil->medical_note : "", NULL);
      att_cli_table_add_row (details, _("Figures for"), period, NULL);
      att_cli_table_add_row (details, _("Attendance"), pct, NULL);
      att_cli_table_add_row (details, _("Sessions"), sessions, NULL);
      att_cli_table_add_row (details, _("Codes"), codes, NULL);
      att_cli_table_print (details);

      if (contacts->len > 0)
        {
          g_autoptr(AttCliTable) table = att_cli_table_new (_("Priority"), _("Contact"),
                                                            _("Relationship"), _("Phone"),
                                                            _("Email"), NULL);
          g_print ("\n");
          for (guint i = 0; i < contacts->len; i++)
            {
              AttContact *contact = g_ptr_array_index (contacts, i);
              g_autofree char *priority = g_strdup_printf ("%d", contact->priority);
              g_autofree char *name = att_contact_dup_name (contact);
              const char *phone = contact->phone_mobile ? contact->phone_mobile :
                                  contact->phone_home ? contact->phone_home :
                                  contact->phone_work ? contact->phone_work : "";

              att_cli_table_add_row (table, priority, name, contact->relationship ? contact->relationship : "",
                                     phone, contact->email ? contact->email : "", NULL);
            }
          att_cli_table_print (table);
        }
    }

  g_object_unref (pupil);
  return ATT_CLI_OK;
}
