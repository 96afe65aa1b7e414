/* att-cli-casepack.c: certificate, casepack, la-profile and contacts
 * confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-casepack.h"
#include "att-cli-json.h"
#include "att-contacts.h"
#include "att-la-profile.h"

/* ------------------------------------------------------------------ */
/* certificate                                                        */

/* The span the command line asks for, or the local authority's. */
static int
span_from_options (AttCliContext      *ctx,
                   AttCertificateSpan *span)
{
  g_autoptr(GError) error = NULL;
  const char *sessions = att_cli_opt (ctx, "sessions");
  const char *named = att_cli_opt (ctx, "span");
  gboolean range = att_cli_opt (ctx, "from") != NULL || att_cli_opt (ctx, "to") != NULL;
  int status;

  if ((sessions != NULL) + (named != NULL) + range > 1)
    return att_cli_usage (ctx, _("Give one span: --from DATE --to DATE, --sessions N or --span this-year|two-years"));
  if (range)
    {
      AttCertificateSpan parsed = { ATT_CERTIFICATE_SPAN_RANGE, 0, ATT_DATE_NONE, ATT_DATE_NONE };

      if (att_cli_opt (ctx, "from") == NULL || att_cli_opt (ctx, "to") == NULL)
        return att_cli_usage (ctx, _("--from and --to go together: the first and the last day of the certificate"));
      if ((status = att_cli_opt_date (ctx, "from", &parsed.from)) != ATT_CLI_OK ||
          (status = att_cli_opt_date (ctx, "to", &parsed.to)) != ATT_CLI_OK)
        return status;
      if (!att_certificate_span_validate (&parsed, &error))
        return att_cli_usage (ctx, "%s", error->message);
      *span = parsed;
      return ATT_CLI_OK;
    }
  if (sessions != NULL || named != NULL)
    {
      if (named != NULL && (g_ascii_isdigit (*named) || g_str_has_prefix (named, "sessions:")))
        return att_cli_usage (ctx, _("--span is this-year or two-years; give a number of sessions with --sessions N"));
      if (!att_certificate_span_parse (sessions != NULL ? sessions : named, span, &error))
        return att_cli_usage (ctx, "%s", error->message);
      return ATT_CLI_OK;
    }

  /* Nothing asked: the span of the local authority's profile. */
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  {
    AttLaProfile profile;

    if (!att_la_profile_load (ctx->db, &profile, &error))
      return att_cli_refuse (error);
    *span = profile.span;
  }
  return ATT_CLI_OK;
}

int
att_cli_cmd_certificate (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttCertificate) certificate = NULL;
  const char *out = att_cli_opt (ctx, "out");
  AttCertificateSpan span;
  AttPupil *pupil;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the certificate"));
  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if ((status = span_from_options (ctx, &span)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  certificate = att_certificate_new (ctx->db, pupil->id, &span, as_of, &error);
  if (certificate == NULL)
    return att_cli_refuse (error);
  if (!att_certificate_can_finalise (certificate, &error))
    {
      if (!att_cli_flag (ctx, "draft"))
        return att_cli_refuse (error);
      /* A draft for the office to check, DRAFT across every page:
       * att_cli_certificate_pdf() says so. */
    }
  return att_cli_certificate_pdf (ctx, certificate, out);
}

/* ------------------------------------------------------------------ */
/* casepack                                                           */

int
att_cli_cmd_casepack (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttCasepack *pack;
  const char *out = att_cli_opt (ctx, "out");
  AttPupil *pupil;
  AttDate as_of = ATT_DATE_NONE;
  int status;

  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the referral pack"));
  if ((status = att_cli_opt_date_or_today (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  /* A referral pack leaves the school: who made it is in the log. */
  if (!att_user_require (user, ATT_PERM_CASEWORK, &error))
    return att_cli_refuse (error);
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  pack = att_casepack_collect (ctx->db, pupil->id, as_of, NULL, &error);
  if (pack == NULL)
    return att_cli_refuse (error);
  if (!att_casepack_can_finalise (pack, &error))
    {
      att_casepack_free (pack);
      return att_cli_refuse (error);
    }
  return att_cli_casepack_pdf (ctx, user, pack, out);
}

/* ------------------------------------------------------------------ */
/* la-profile                                                         */

static void
print_profile (AttCliContext      *ctx,
               const AttLaProfile *profile)
{
  g_autofree char *span = att_certificate_span_to_string (&profile->span);
  g_autofree char *span_text = att_certificate_span_describe (&profile->span);

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_object (writer);
      att_cli_json_member (writer, "sections");
      att_cli_json_begin_array (writer);
      for (guint i = 0; i < profile->n_sections; i++)
        att_cli_json_add_string (writer, att_casepack_section_to_string (profile->sections[i]));
      att_cli_json_end_array (writer);
      att_cli_json_string (writer, "span", span);
      att_cli_json_string (writer, "span_text", span_text);
      att_cli_json_end_object (writer);
      att_cli_print_json (writer);
      return;
    }
  for (guint i = 0; i < profile->n_sections; i++)
    g_print ("%2u. %-18s %s\n", i + 1, att_casepack_section_to_string (profile->sections[i]),
             att_casepack_section_describe (profile->sections[i]));
  /* Translators: the certificate's span in the referral pack */
  g_print (_("Certificate: %s (%s)\n"), span_text, span);
}

int
att_cli_cmd_la_profile_show (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  AttLaProfile profile;

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_la_profile_load (ctx->db, &profile, &error))
    return att_cli_refuse (error);
  print_profile (ctx, &profile);
  return ATT_CLI_OK;
}

static int
save_profile (AttCliContext      *ctx,
              const AttUser      *user,
              const AttLaProfile *profile)
{
  g_autoptr(GError) error = NULL;

  if (!att_la_profile_save (ctx->db, user, profile, &error))
    return att_cli_refuse (error);
  print_profile (ctx, profile);
  return ATT_CLI_OK;
}

int
att_cli_cmd_la_profile_set (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *sections = att_cli_opt (ctx, "sections");
  const char *span = att_cli_opt (ctx, "span");
  AttLaProfile profile;
  int status;

  if (sections == NULL && span == NULL)
    return att_cli_usage (ctx, _("Say what to change: --sections NAME,NAME,... and/or --span SPAN"));
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  if (!att_la_profile_load (ctx->db, &profile, &error))
    return att_cli_refuse (error);
  if (sections != NULL && !att_la_profile_parse_sections (&profile, sections, &error))
    return att_cli_usage (ctx, "%s", error->message);
  if (span != NULL && !att_certificate_span_parse (span, &profile.span, &error))
    return att_cli_usage (ctx, "%s", error->message);
  return save_profile (ctx, user, &profile);
}

int
att_cli_cmd_la_profile_preset (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  AttLaProfile profile;
  int status;

  if (!att_la_profile_preset (att_cli_arg (ctx, 0), &profile, &error))
    return att_cli_usage (ctx, "%s", error->message);
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  return save_profile (ctx, user, &profile);
}

int
att_cli_cmd_la_profile_presets (AttCliContext *ctx)
{
  const char * const *names = att_la_profile_preset_names ();

  if (att_cli_flag (ctx, "json"))
    {
      g_autoptr(AttCliJson) writer = att_cli_json_new (ctx);

      att_cli_json_begin_array (writer);
      for (guint i = 0; names[i] != NULL; i++)
        {
          AttLaProfile profile;
          g_autofree char *sections = NULL;
          g_autofree char *span = NULL;

          att_la_profile_preset (names[i], &profile, NULL);
          sections = att_la_profile_sections_to_string (&profile);
          span = att_certificate_span_to_string (&profile.span);
          att_cli_json_begin_object (writer);
          att_cli_json_string (writer, "name", names[i]);
          att_cli_json_string (writer, "description", att_la_profile_preset_describe (names[i]));
          att_cli_json_string (writer, "sections", sections);
          att_cli_json_string (writer, "span", span);
          att_cli_json_end_object (writer);
        }
      att_cli_json_end_array (writer);
      att_cli_print_json (writer);
      return ATT_CLI_OK;
    }
  for (guint i = 0; names[i] != NULL; i++)
    g_print ("%-15s %s\n", names[i], att_la_profile_preset_describe (names[i]));
  return ATT_CLI_OK;
}

/* ------------------------------------------------------------------ */
/* contacts confirm                                                   */

int
att_cli_cmd_contacts_confirm (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttUser) user = NULL;
  const char *contact = att_cli_opt (ctx, "contact");
  AttDate date = ATT_DATE_NONE;
  AttPupil *pupil;
  guint64 id;
  int status;

  if (contact == NULL)
    return att_cli_usage (ctx, _("--contact ID is required: the contact whose details were checked (“pupils show UPN --json” gives their ids)"));
  if (!g_ascii_string_to_unsigned (contact, 10, 1, G_MAXINT64, &id, NULL))
    return att_cli_usage (ctx, _("--contact: “%s” is not a contact's id"), contact);
  if ((status = att_cli_opt_date_or_today (ctx, "date", &date)) != ATT_CLI_OK)
    return status;
  if ((status = att_cli_get_user (ctx, TRUE, &user)) != ATT_CLI_OK)
    return status;
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  if (!att_contacts_confirm (ctx->db, user, pupil->id, (gint64)id, date, &error))
    return att_cli_refuse (error);
  {
    g_autofree char *day = att_date_format_long (date);

    g_print (_("Details of contact %" G_GUINT64_FORMAT " of %s (%s) confirmed on %s\n"), id,
             att_pupil_get_display_name (pupil), pupil->upn, day);
  }
  return ATT_CLI_OK;
}
