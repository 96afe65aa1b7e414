/* att-cli-pupils-edit.c: a pupil or a contact added or changed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same core functions as the window's editors: att_pupils_save(),
 * att_pupils_leave(), att_contacts_save(), att_contacts_save_numbers(),
 * att_contacts_remove() and att_contacts_reorder(), which check the
 * user's role and write the audit log.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-pupils-edit.h"
#include "att-pupil-fields.h"

/* The pupil of the first argument and the user of --user, with the
 * database open; an exit status. */
static int
pupil_and_user (AttCliContext  *ctx,
                AttPupil      **pupil,
                AttUser       **user)
{
  int status;

  if ((status = att_cli_get_user (ctx, TRUE, user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  *pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (*pupil == NULL)
    return ATT_CLI_REFUSED;
  return ATT_CLI_OK;
}

static int
parse_id (AttCliContext *ctx,
          const char    *text,
          gint64        *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return att_cli_usage (ctx, _("“%s” is not a contact's id (“pupils show UPN --json” gives their ids)"),
                          text);
  *id = (gint64)value;
  return ATT_CLI_OK;
}

/* pupils add */

int
att_cli_cmd_pupils_add (AttCliContext *ctx)
{
  static const struct { const char *option; const char *field; } required[] = {
    { "surname", "surname" },
    { "forename", "forename" },
    { "dob", "dob" },
    { "sex", "sex" },
    { "year", "year_group" },
    { "group", "reg_group" },
    { "admission", "admission_date" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttPupil) pupil = att_pupil_new ();
  int status;

  if (!att_pupil_set_field (pupil, "upn", att_cli_arg (ctx, 0), &error))
    return att_cli_refuse (error);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = att_cli_opt (ctx, required[i].option);

      if (value == NULL)
        return att_cli_usage (ctx, _("--%s is required for a new pupil"), required[i].option);
      if (!att_pupil_set_field (pupil, required[i].field, value, &error))
        return att_cli_refuse (error);
    }
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (att_pupils_save (ctx->db, user, pupil, &error) == 0)
    return att_cli_refuse (error);
  g_print (_("Added %s (%s)\n"), att_pupil_get_display_name (pupil), pupil->upn);
  return ATT_CLI_OK;
}

/* pupils set */

int
att_cli_cmd_pupils_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttPupil) changed = NULL;
  AttPupil *pupil = NULL;
  int status;

  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;
  changed = att_pupil_copy (pupil);
  if (!att_pupil_set_field (changed, att_cli_arg (ctx, 1), att_cli_arg (ctx, 2), &error) ||
      att_pupils_save (ctx->db, user, changed, &error) == 0)
    return att_cli_refuse (error);
  g_print (_("%s of %s (%s) saved\n"), att_cli_arg (ctx, 1),
           att_pupil_get_display_name (changed), changed->upn);
  return ATT_CLI_OK;
}

/* pupils leave */

int
att_cli_cmd_pupils_leave (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *destination = att_cli_opt (ctx, "destination");
  gboolean clear = att_cli_flag (ctx, "clear");
  AttPupil *pupil = NULL;
  AttDate date = ATT_DATE_NONE;
  g_autofree char *name = NULL;
  g_autofree char *upn = NULL;
  int status;

  if (clear)
    {
      if (att_cli_n_args (ctx) > 1 || destination != NULL)
        return att_cli_usage (ctx, _("--clear takes no date and no destination: it puts the pupil back on roll"));
    }
  else
    {
      if (att_cli_n_args (ctx) < 2)
        return att_cli_usage (ctx, _("the leaving date is required: the last day the pupil is on roll"));
      if (destination == NULL)
        return att_cli_usage (ctx, _("--destination TEXT is required: another school's name or URN, elective home education, moved abroad, or what else is known"));
      if ((status = att_cli_parse_date (ctx, _("leaving date"), att_cli_arg (ctx, 1), &date)) != ATT_CLI_OK)
        return status;
    }
  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;
  name = g_strdup (att_pupil_get_display_name (pupil));
  upn = g_strdup (pupil->upn);

  if (clear)
    {
      if (!att_pupils_clear_leaving (ctx->db, user, pupil->id, &error))
        return att_cli_refuse (error);
      g_print (_("%s (%s) is back on roll\n"), name, upn);
    }
  else
    {
      g_autofree char *day = att_date_format (date);

      if (!att_pupils_leave (ctx->db, user, pupil->id, date, destination, &error))
        return att_cli_refuse (error);
      g_print (_("%s (%s) leaves on %s: %s\n"), name, upn, day, destination);
    }
  return ATT_CLI_OK;
}

/* contacts add */

int
att_cli_cmd_contacts_add (AttCliContext *ctx)
{
  static const char * const optional[] = { "forename", "title", "priority" };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttContact) contact = att_contact_new ();
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *name = NULL;
  AttPupil *pupil = NULL;
  int status;

  if (att_cli_opt (ctx, "surname") == NULL || att_cli_opt (ctx, "relationship") == NULL)
    return att_cli_usage (ctx, _("--surname and --relationship are required for a new contact"));
  if (!att_contact_set_field (contact, "surname", att_cli_opt (ctx, "surname"), &error) ||
      !att_contact_set_field (contact, "relationship", att_cli_opt (ctx, "relationship"), &error))
    return att_cli_refuse (error);
  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;

  /* Called after the contacts the pupil has, unless --priority says. */
  contacts = att_contacts_for_pupil (ctx->db, pupil->id, &error);
  if (contacts == NULL)
    return att_cli_refuse (error);
  contact->pupil_id = pupil->id;
  contact->priority = 1;
  for (guint i = 0; i < contacts->len; i++)
    contact->priority = MAX (contact->priority,
                             ((AttContact *)g_ptr_array_index (contacts, i))->priority + 1);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (att_cli_opt (ctx, optional[i]) != NULL &&
        !att_contact_set_field (contact, optional[i], att_cli_opt (ctx, optional[i]), &error))
      return att_cli_refuse (error);

  if (att_contacts_save (ctx->db, user, contact, &error) == 0)
    return att_cli_refuse (error);
  name = att_contact_dup_name (contact);
  g_print (_("Contact %" G_GINT64_FORMAT " added for %s (%s): %d %s (%s)\n"), contact->id,
           att_pupil_get_display_name (pupil), pupil->upn, contact->priority, name,
           contact->relationship);
  return ATT_CLI_OK;
}

/* The contact @id of @pupil, a copy; NULL with the refusal printed. */
static AttContact *
find_contact (AttCliContext *ctx,
              AttPupil      *pupil,
              gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (ctx->db, pupil->id, &error);

  if (contacts == NULL)
    {
      att_cli_refuse (error);
      return NULL;
    }
  for (guint i = 0; i < contacts->len; i++)
    if (((AttContact *)g_ptr_array_index (contacts, i))->id == id)
      return att_contact_copy (g_ptr_array_index (contacts, i));
  att_cli_refuse_msg (_("Contact %" G_GINT64_FORMAT " is not one of %s’s contacts (“pupils show %s --json” gives their ids): nothing was changed"),
                      id, att_pupil_get_display_name (pupil), pupil->upn);
  return NULL;
}

/* contacts set */

int
att_cli_cmd_contacts_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttContact) contact = NULL;
  g_autofree char *name = NULL;
  const char *field = att_cli_arg (ctx, 2);
  AttPupil *pupil = NULL;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, att_cli_arg (ctx, 1), &id)) != ATT_CLI_OK)
    return status;
  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;
  contact = find_contact (ctx, pupil, id);
  if (contact == NULL)
    return ATT_CLI_REFUSED;
  if (!att_contact_set_field (contact, field, att_cli_arg (ctx, 3), &error))
    return att_cli_refuse (error);

  /* A phone number or an e-mail address goes through the path a
   * receptionist may take; everything else needs the right to keep
   * pupils and contacts. */
  if (att_contact_field_is_number (field)
      ? !att_contacts_save_numbers (ctx->db, user, contact, &error)
      : att_contacts_save (ctx->db, user, contact, &error) == 0)
    return att_cli_refuse (error);
  name = att_contact_dup_name (contact);
  g_print (_("%s of contact %" G_GINT64_FORMAT " (%s) of %s saved\n"), field, id, name,
           att_pupil_get_display_name (pupil));
  return ATT_CLI_OK;
}

/* contacts remove */

int
att_cli_cmd_contacts_remove (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(AttContact) contact = NULL;
  g_autofree char *name = NULL;
  AttPupil *pupil = NULL;
  gint64 id = 0;
  int status;

  if ((status = parse_id (ctx, att_cli_arg (ctx, 1), &id)) != ATT_CLI_OK)
    return status;
  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;
  contact = find_contact (ctx, pupil, id);
  if (contact == NULL)
    return ATT_CLI_REFUSED;
  if (!att_contacts_remove (ctx->db, user, pupil->id, id, &error))
    return att_cli_refuse (error);
  name = att_contact_dup_name (contact);
  g_print (_("Contact %" G_GINT64_FORMAT " (%s) removed from %s\n"), id, name,
           att_pupil_get_display_name (pupil));
  return ATT_CLI_OK;
}

/* contacts reorder */

int
att_cli_cmd_contacts_reorder (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = NULL;
  AttPupil *pupil = NULL;
  int status;

  parts = g_strsplit (att_cli_arg (ctx, 1), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if ((status = parse_id (ctx, g_strstrip (parts[i]), &id)) != ATT_CLI_OK)
        return status;
      g_array_append_val (ids, id);
    }
  if ((status = pupil_and_user (ctx, &pupil, &user)) != ATT_CLI_OK)
    return status;

  /* --by-priority: the numbers are the contacts' places in the order as
   * it stands ("2,1,3" swaps the first two), each read to its contact's
   * id; the core then checks the list as any other. */
  if (att_cli_flag (ctx, "by-priority"))
    {
      g_autoptr(GPtrArray) contacts = att_contacts_for_pupil (ctx->db, pupil->id, &error);

      if (contacts == NULL)
        return att_cli_refuse (error);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 priority = g_array_index (ids, gint64, i);
          gint64 id = 0;

          for (guint j = 0; j < contacts->len; j++)
            if (((AttContact *)g_ptr_array_index (contacts, j))->priority == priority)
              id = ((AttContact *)g_ptr_array_index (contacts, j))->id;
          if (id == 0)
            return att_cli_refuse_msg (_("%s has no contact with priority %" G_GINT64_FORMAT ": nothing was changed"),
                                       att_pupil_get_display_name (pupil), priority);
          g_array_index (ids, gint64, i) = id;
        }
    }
  if (!att_contacts_reorder (ctx->db, user, pupil->id, (const gint64 *)ids->data, ids->len, &error))
    return att_cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u contact of %s (%s) in the new order\n",
                        "%u contacts of %s (%s) in the new order\n", ids->len),
           ids->len, att_pupil_get_display_name (pupil), pupil->upn);
  return ATT_CLI_OK;
}
