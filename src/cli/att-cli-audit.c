/* att-cli-audit.c: the audit log, subject access and the end of retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "att-cli-private.h"

static char *
format_moment (gint64 at)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);

  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

/* The user of --user, who must exist: every command here needs one. */
static int
get_user (AttCliContext  *ctx,
          AttUser       **user)
{
  return att_cli_get_user (ctx, TRUE, user);
}

int
att_cli_cmd_audit (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AttAuditFilter filter = ATT_AUDIT_FILTER_INIT;
  const char *kind_text = att_cli_opt (ctx, "kind");
  const char *upn = att_cli_opt (ctx, "pupil");
  const char *csv = att_cli_opt (ctx, "csv");
  int status;

  if ((status = att_cli_opt_date (ctx, "from", &filter.from)) != ATT_CLI_OK ||
      (status = att_cli_opt_date (ctx, "to", &filter.to)) != ATT_CLI_OK)
    return status;
  if (filter.from != ATT_DATE_NONE && filter.to != ATT_DATE_NONE && filter.from > filter.to)
    return att_cli_usage (ctx, _("--from must not be after --to"));
  if (csv != NULL && att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("--json and --csv FILE cannot be used together: choose one"));
  if (kind_text != NULL)
    {
      AttAuditKind kind;

      if (!att_audit_kind_parse (kind_text, &kind, &error))
        return att_cli_usage (ctx, "--kind: %s", error->message);
      filter.kind = kind;
    }
  filter.user = att_cli_opt (ctx, "by");

  if ((status = get_user (ctx, &user)) != ATT_CLI_OK)
    return status;
  if (!att_audit_require_reader (user, &error))
    return att_cli_refuse (error);
  if (upn != NULL)
    {
      AttPupil *pupil = att_cli_find_pupil (ctx->db, upn);

      if (pupil == NULL)
        return ATT_CLI_REFUSED;
      filter.pupil_id = pupil->id;
    }

  if (csv != NULL)
    {
      guint n_rows = 0;

      if (!att_audit_export_csv (ctx->db, user, &filter, csv, &n_rows, &error))
        return att_cli_refuse (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u row of the audit log to %s\n",
                            "Exported %u rows of the audit log to %s\n", n_rows),
               n_rows, csv);
      return ATT_CLI_OK;
    }

  entries = att_audit_query (ctx->db, &filter, &error);
  if (entries == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < entries->len; i++)
        {
          AttAuditEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *when = format_moment (entry->at);
          g_autofree char *change = att_audit_entry_describe_change (entry);

          att_cli_json_begin_object (writer);
          att_cli_json_member (writer, "id");
          att_cli_json_add_int (writer, entry->id);
          /* Marks come from the register's history, the rest from the
           * audit log: each has its own numbering. */
          att_cli_json_string (writer, "source", entry->from_history ? "register" : "audit");
          att_cli_json_string (writer, "when", when);
          att_cli_json_string (writer, "who", entry->who);
          att_cli_json_string (writer, "position", entry->position);
          att_cli_json_string (writer, "kind", att_audit_kind_to_string (entry->kind));
          att_cli_json_string (writer, "upn", entry->upn);
          att_cli_json_string (writer, "pupil", entry->pupil_name);
          att_cli_json_string (writer, "action", entry->action);
          att_cli_json_string (writer, "detail", entry->detail);
          att_cli_json_string (writer, "change", change);
          att_cli_json_string (writer, "before", entry->before);
          att_cli_json_string (writer, "after", entry->after);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }

  {
    g_autoptr(AttCliTable) table = att_cli_table_new (_("When"), _("Who"), _("Kind"), _("Pupil"),
                                                      _("Action"), _("Detail"), _("Change"), NULL);

    for (guint i = 0; i < entries->len; i++)
      {
        AttAuditEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *when = att_audit_entry_format_time (entry);
        g_autofree char *change = att_audit_entry_describe_change (entry);

        att_cli_table_add_row (table, when, entry->who ? entry->who : "",
                               att_audit_kind_to_string (entry->kind),
                               entry->upn ? entry->upn : "", entry->action,
                               entry->detail ? entry->detail : "", change, NULL);
      }
    att_cli_table_print (table);
  }
  return ATT_CLI_OK;
}

int
att_cli_cmd_sar (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autofree char *out_pdf = NULL;
  g_autofree char *out_json = NULL;
  const char *dir = att_cli_opt (ctx, "out");
  const char *pdf = att_cli_opt (ctx, "pdf");
  const char *json_file = att_cli_arg (ctx, 1);
  gboolean json_stdout;
  AttPupil *pupil;
  int status;

  /* --json FILE writes the file; --json alone prints the document. */
  if (json_file != NULL && !att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("Unexpected argument “%s”"), json_file);
  json_stdout = att_cli_flag (ctx, "json") && json_file == NULL;
  if (dir == NULL && pdf == NULL && !att_cli_flag (ctx, "json"))
    return att_cli_usage (ctx, _("Say where to write the export: --out DIR, --pdf FILE or --json [FILE]"));
  if (json_stdout && (dir != NULL || pdf != NULL))
    return att_cli_usage (ctx, _("--json without a file prints the export alone: leave out --out and --pdf, or name the JSON file"));

  if ((status = get_user (ctx, &user)) != ATT_CLI_OK)
    return status;
  if (!att_sar_require (user, &error))
    return att_cli_refuse (error);
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;

  if (json_stdout)
    {
      g_autoptr(AttSar) sar = att_sar_collect (ctx->db, user, pupil->id, &error);
      g_autofree char *json = NULL;

      if (sar == NULL || !att_sar_record_export (ctx->db, user, sar, "JSON on standard output", &error))
        return att_cli_refuse (error);
      json = att_sar_to_json (sar, att_cli_flag (ctx, "pretty") || isatty (fileno (stdout)));
      fputs (json, stdout);
      return ATT_CLI_OK;
    }

  if (dir != NULL)
    {
      if (g_mkdir_with_parents (dir, ATT_FOLDER_MODE) != 0)
        return att_cli_refuse_msg (_("Could not make the folder %s: %s"), dir, g_strerror (errno));
      att_sar_file_paths (dir, pupil->upn, &out_pdf, &out_json);
    }
  if (pdf != NULL)
    {
      g_free (out_pdf);
      out_pdf = g_strdup (pdf);
    }
  if (json_file != NULL)
    {
      g_free (out_json);
      out_json = g_strdup (json_file);
    }

  if ((status = att_cli_sar_files (ctx, user, pupil->id, out_pdf, out_json)) != ATT_CLI_OK)
    return status;
  if (out_json != NULL)
    g_print (_("Wrote %s\n"), out_json);
  if (out_pdf != NULL)
    g_print (_("Wrote %s\n"), out_pdf);
  return ATT_CLI_OK;
}

int
att_cli_cmd_pupils_purge (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean dry_run = att_cli_flag (ctx, "dry-run");
  AttDate as_of = att_date_today ();
  int status;

  if ((status = att_cli_opt_date (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if ((status = get_user (ctx, &user)) != ATT_CLI_OK)
    return status;
  if (!att_retention_require (user, &error))
    return att_cli_refuse (error);

  if (dry_run)
    items = att_retention_due (ctx->db, as_of, &error);
  else if (!att_retention_purge (ctx->db, user, as_of, NULL, &items, &error))
    items = NULL;
  if (items == NULL)
    return att_cli_refuse (error);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; i < items->len; i++)
        {
          AttRetentionItem *item = g_ptr_array_index (items, i);

          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "upn", item->upn);
          att_cli_json_string (writer, "name", item->name);
          att_cli_json_date (writer, "left", item->leaving);
          att_cli_json_date (writer, "last_entry", item->last_entry);
          att_cli_json_date (writer, "deletable_from", item->first_day);
          att_cli_json_int (writer, "contacts", item->n_contacts);
          att_cli_json_int (writer, "marks", item->n_marks);
          att_cli_json_int (writer, "register_entries", item->n_history);
          att_cli_json_int (writer, "penalty_decisions", item->n_decisions);
          att_cli_json_int (writer, "audit_rows", item->n_audit);
          att_cli_json_bool (writer, "deleted", !dry_run);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }

  {
    g_autoptr(AttCliTable) table = att_cli_table_new (_("UPN"), _("Name"), _("Left"),
                                                      _("Last entry"), _("Contacts"), _("Marks"),
                                                      _("Register entries"), _("Decisions"),
                                                      _("Audit rows"), NULL);
    g_autofree char *date = att_date_format (as_of);

    for (guint c = 4; c <= 8; c++)
      att_cli_table_align_right (table, c);
    for (guint i = 0; i < items->len; i++)
      {
        AttRetentionItem *item = g_ptr_array_index (items, i);
        g_autofree char *left = att_date_format (item->leaving);
        g_autofree char *last = att_date_format (item->last_entry);
        g_autofree char *contacts = g_strdup_printf ("%u", item->n_contacts);
        g_autofree char *marks = g_strdup_printf ("%u", item->n_marks);
        g_autofree char *history = g_strdup_printf ("%u", item->n_history);
        g_autofree char *decisions = g_strdup_printf ("%u", item->n_decisions);
        g_autofree char *audit = g_strdup_printf ("%u", item->n_audit);

        att_cli_table_add_row (table, item->upn, item->name, left, last, contacts, marks,
                               history, decisions, audit, NULL);
      }
    if (items->len > 0)
      att_cli_table_print (table);
    if (dry_run)
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "As of %s the records of %u pupil may be deleted; nothing was deleted (--dry-run)\n",
                            "As of %s the records of %u pupils may be deleted; nothing was deleted (--dry-run)\n",
                            items->len),
               date, items->len);
    else
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Deleted the records of %u pupil whose retention ended by %s\n",
                            "Deleted the records of %u pupils whose retention ended by %s\n",
                            items->len),
               items->len, date);
  }
  return ATT_CLI_OK;
}
