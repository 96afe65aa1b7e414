/* att-cli-ctf.c: import ctf, a Common Transfer File
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan (att_ctf_plan_new ()) is printed in full, then written unless
 * --dry-run: what a new pupil's admission date is, is the caller's choice
 * (--admission, today unless given).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "att-cli-ctf.h"
#include "att-cli-json.h"
#include "att-ctf.h"

static const char *
status_name (AttCtfStatus status)
{
  switch (status)
    {
    case ATT_CTF_NEW:
      return "new";
    case ATT_CTF_UPDATED:
      return "updated";
    case ATT_CTF_UNCHANGED:
      return "unchanged";
    case ATT_CTF_REFUSED:
    default:
      return "refused";
    }
}

static const char *
contact_status_name (AttCtfContactStatus status)
{
  switch (status)
    {
    case ATT_CTF_CONTACT_ADDED:
      return "added";
    case ATT_CTF_CONTACT_CHANGED:
      return "changed";
    case ATT_CTF_CONTACT_UNCHANGED:
    default:
      return "unchanged";
    }
}

static void
json_changes (AttCliJson *writer,
              GPtrArray  *changes)
{
  att_cli_json_member (writer, "changes");
  att_cli_json_begin_array (writer);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      AttCtfChange *change = g_ptr_array_index (changes, i);

      att_cli_json_begin_object (writer);
      att_cli_json_string (writer, "field", change->field);
      att_cli_json_string (writer, "old", change->old_value);
      att_cli_json_string (writer, "new", change->new_value);
      att_cli_json_end_object (writer);
    }
  att_cli_json_end_array (writer);
}

static void
json_texts (AttCliJson *writer,
            const char *key,
            GPtrArray  *texts)
{
  att_cli_json_member (writer, key);
  att_cli_json_begin_array (writer);
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    att_cli_json_add_string (writer, g_ptr_array_index (texts, i));
  att_cli_json_end_array (writer);
}

static void
json_count (AttCliJson *writer,
            const char *key,
            int         value)
{
  att_cli_json_member (writer, key);
  if (value < 0)
    att_cli_json_add_null (writer);
  else
    att_cli_json_add_int (writer, value);
}

static void
print_json (AttCliContext *ctx,
            AttCtfPlan    *plan,
            gboolean       dry_run)
{
  g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

  att_cli_json_begin_object (writer);
  att_cli_json_string (writer, "file", plan->file->name);
  att_cli_json_string (writer, "version", plan->file->version);
  att_cli_json_date (writer, "made", plan->file->made);
  att_cli_json_member (writer, "source_school");
  att_cli_json_begin_object (writer);
  att_cli_json_string (writer, "name", plan->file->source_name);
  att_cli_json_string (writer, "laestab", plan->file->source_laestab);
  att_cli_json_string (writer, "urn", plan->file->source_urn);
  att_cli_json_end_object (writer);
  att_cli_json_date (writer, "admission", plan->admission);
  att_cli_json_bool (writer, "dry_run", dry_run);
  att_cli_json_int (writer, "pupils_new", plan->n_new);
  att_cli_json_int (writer, "pupils_updated", plan->n_updated);
  att_cli_json_int (writer, "pupils_unchanged", plan->n_unchanged);
  att_cli_json_int (writer, "contacts_added", plan->n_contacts_added);
  att_cli_json_int (writer, "contacts_changed", plan->n_contacts_changed);
  att_cli_json_int (writer, "contacts_unchanged", plan->n_contacts_unchanged);
  att_cli_json_int (writer, "previous_attendance", plan->n_years);
  att_cli_json_int (writer, "previous_attendance_held", plan->n_years_held);

  att_cli_json_member (writer, "pupils");
  att_cli_json_begin_array (writer);
  for (guint i = 0; i < plan->pupils->len; i++)
    {
      AttCtfPupilPlan *pupil = g_ptr_array_index (plan->pupils, i);

      att_cli_json_begin_object (writer);
      att_cli_json_int (writer, "position", pupil->pupil->position);
      att_cli_json_string (writer, "upn", pupil->pupil->upn);
      att_cli_json_string (writer, "name", pupil->name);
      att_cli_json_string (writer, "status", status_name (pupil->status));
      json_changes (writer, pupil->changes);

      att_cli_json_member (writer, "contacts");
      att_cli_json_begin_array (writer);
      for (guint j = 0; j < pupil->contacts->len; j++)
        {
          AttCtfContactPlan *contact = g_ptr_array_index (pupil->contacts, j);

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "status", contact_status_name (contact->status));
          att_cli_json_string (writer, "name", contact->name);
          att_cli_json_string (writer, "relationship", contact->relationship);
          att_cli_json_int (writer, "priority", contact->priority);
          att_cli_json_string (writer, "note", contact->note);
          json_changes (writer, contact->changes);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);

      att_cli_json_member (writer, "previous_attendance");
      att_cli_json_begin_array (writer);
      for (guint j = 0; j < pupil->years->len; j++)
        {
          AttCtfYearPlan *year_plan = g_ptr_array_index (pupil->years, j);
          const AttCtfYear *year = year_plan->year;
          gboolean counted = year->marks != NULL;

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "school", year->school_name);
          att_cli_json_string (writer, "laestab", year->laestab);
          json_count (writer, "year", year->year > 0 ? year->year : -1);
          att_cli_json_date (writer, "start_date", year->start);
          att_cli_json_bool (writer, "held", year_plan->held);
          att_cli_json_member (writer, "file");
          att_cli_json_begin_object (writer);
          json_count (writer, "possible", year->possible);
          json_count (writer, "attended", year->attended);
          json_count (writer, "authorised", year->authorised);
          json_count (writer, "unauthorised", year->unauthorised);
          att_cli_json_end_object (writer);
          att_cli_json_member (writer, "counted");
          if (!counted)
            att_cli_json_add_null (writer);
          else
            {
              att_cli_json_begin_object (writer);
              att_cli_json_int (writer, "sessions", year->counts.sessions);
              att_cli_json_int (writer, "possible", year->counts.possible);
              att_cli_json_int (writer, "attended", year->counts.attended);
              att_cli_json_int (writer, "authorised", year->counts.authorised);
              att_cli_json_int (writer, "unauthorised", year->counts.unauthorised);
              att_cli_json_date (writer, "first_day", year->counts.first);
              att_cli_json_date (writer, "last_day", year->counts.last);
              att_cli_json_end_object (writer);
            }
          json_texts (writer, "differences", year_plan->differences);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      json_texts (writer, "notices", pupil->notices);
      att_cli_json_end_object (writer);
    }
  att_cli_json_end_array (writer);
  json_texts (writer, "notices", plan->file->notices);
  att_cli_json_end_object (writer);
  att_cli_print_json (writer);
}

static void
print_changes (const char *indent,
               GPtrArray  *changes)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      AttCtfChange *change = g_ptr_array_index (changes, i);
      g_autofree char *old_value = att_text_escape (change->old_value);
      g_autofree char *new_value = att_text_escape (change->new_value);

      /* Translators: "    Free school meals: No -> Yes" */
      g_print (_("%s%s: %s -> %s\n"), indent, change->label,
               *old_value != '\0' ? old_value : _("(empty)"),
               *new_value != '\0' ? new_value : _("(empty)"));
    }
}

static void
print_texts (const char *prefix,
             GPtrArray  *texts)
{
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      g_autofree char *text = att_text_escape (g_ptr_array_index (texts, i));

      g_print ("%s%s\n", prefix, text);
    }
}

static void
print_plan (AttCtfPlan *plan,
            gboolean    dry_run)
{
  g_autofree char *source = att_text_escape (plan->file->source_name ? plan->file->source_name : "");
  g_autofree char *admission = att_date_format (plan->admission);

  /* Translators: "ctf.xml (CTF 25.0) from Brookfield Primary School" */
  g_print (_("%s (CTF %s) from %s\n"), plan->file->name,
           plan->file->version ? plan->file->version : "?", *source ? source : _("an unnamed school"));
  g_print (_("Pupils: %u in the file: %u new, %u updated, %u unchanged\n"),
           plan->pupils->len, plan->n_new, plan->n_updated, plan->n_unchanged);
  g_print (_("Contacts: %u added, %u changed, %u unchanged\n"),
           plan->n_contacts_added, plan->n_contacts_changed, plan->n_contacts_unchanged);
  g_print (_("Attendance at previous schools: %u to keep, %u already kept\n"),
           plan->n_years, plan->n_years_held);
  if (plan->n_new > 0)
    g_print (_("Admission date of the new pupils: %s\n"), admission);

  for (guint i = 0; i < plan->pupils->len; i++)
    {
      AttCtfPupilPlan *pupil = g_ptr_array_index (plan->pupils, i);
      g_autofree char *name = att_text_escape (pupil->name);
      const char *status;

      switch (pupil->status)
        {
        case ATT_CTF_NEW:
          status = _("New");
          break;
        case ATT_CTF_UPDATED:
          status = _("Updated");
          break;
        case ATT_CTF_UNCHANGED:
          status = _("Unchanged");
          break;
        case ATT_CTF_REFUSED:
        default:
          status = _("Not imported");
          break;
        }
      /* Translators: "New: A999200114001 Millie Thornbury" */
      g_print (_("%s: %s %s\n"), status, pupil->pupil->upn ? pupil->pupil->upn : "?", name);
      print_changes ("    ", pupil->changes);
      for (guint j = 0; j < pupil->contacts->len; j++)
        {
          AttCtfContactPlan *contact = g_ptr_array_index (pupil->contacts, j);
          g_autofree char *contact_name = att_text_escape (contact->name);
          g_autofree char *relationship = att_text_escape (contact->relationship);

          if (contact->status == ATT_CTF_CONTACT_UNCHANGED)
            continue;
          g_print (contact->status == ATT_CTF_CONTACT_ADDED
                   ? _("    Contact added: %s (%s), priority %d\n")
                   : _("    Contact changed: %s (%s), priority %d\n"),
                   contact_name, relationship, contact->priority);
          print_changes ("        ", contact->changes);
          if (contact->note != NULL)
            {
              g_autofree char *note = att_text_escape (contact->note);
              g_print ("        %s\n", note);
            }
        }
      for (guint j = 0; j < pupil->years->len; j++)
        {
          AttCtfYearPlan *year_plan = g_ptr_array_index (pupil->years, j);
          const AttCtfYear *year = year_plan->year;
          g_autofree char *school = att_text_escape (year->school_name ? year->school_name : "");
          g_autofree char *start = att_date_format (year->start);

          g_print (year_plan->held
                   ? _("    Attendance already kept: %s, %d, from %s: possible %d, attended %d, authorised %d, unauthorised %d\n")
                   : _("    Attendance to keep: %s, %d, from %s: possible %d, attended %d, authorised %d, unauthorised %d\n"),
                   school, year->year, year->start != ATT_DATE_NONE ? start : "?",
                   year->possible, year->attended, year->authorised, year->unauthorised);
          print_texts (_("        Difference: "), year_plan->differences);
        }
      print_texts (_("    Notice: "), pupil->notices);
      print_texts (_("    Problem: "), pupil->problems);
    }
  print_texts (_("Notice: "), plan->file->notices);
  if (dry_run)
    g_print (_("Dry run: nothing was written\n"));
}

int
att_cli_cmd_import_ctf (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttCtfPlan) plan = NULL;
  const char *file = att_cli_arg (ctx, 0);
  gboolean dry_run = att_cli_flag (ctx, "dry-run");
  AttDate admission = ATT_DATE_NONE;
  int status;

  if (att_cli_opt (ctx, "user") == NULL)
    return att_cli_usage (ctx, _("--user NAME is required for a change: say who makes it"));
  if ((status = att_cli_opt_date_or_today (ctx, "admission", &admission)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (!att_user_require (user, ATT_PERM_IMPORT, &error))
    return att_cli_refuse (error);

  plan = att_ctf_plan_new (ctx->db, file, &error);
  if (plan == NULL)
    return att_cli_refuse (error);
  att_ctf_plan_set_admission (plan, admission);

  /* Everything that may refuse comes before the first line of output. */
  {
    g_autofree char *problems = att_ctf_plan_format_problems (plan);

    if (problems != NULL)
      return att_cli_refuse_msg (_("%s was not imported (nothing was changed): %s"),
                                 plan->file->name, problems);
  }
  if (!dry_run && !att_ctf_plan_apply (ctx->db, user, plan, &error))
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    print_json (ctx, plan, dry_run);
  else
    print_plan (plan, dry_run);
  return ATT_CLI_OK;
}
