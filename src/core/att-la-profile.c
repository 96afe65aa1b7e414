/* att-la-profile.c: what the local authority's referral pack holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-la-profile.h"
#include "att-users.h"

#define SECTIONS_KEY "la.sections"
#define SPAN_KEY "la.span"

static const struct
{
  const char *name;
  const char *heading;
} sections[ATT_CASEPACK_N_SECTIONS] = {
  [ATT_CASEPACK_PUPIL] = { "pupil", N_("The pupil") },
  [ATT_CASEPACK_PARENTS] = { "parents", N_("Parents and carers") },
  [ATT_CASEPACK_SIBLINGS] = { "siblings", N_("Brothers and sisters on roll") },
  [ATT_CASEPACK_SUPPORT] = { "support", N_("Early help and agencies involved") },
  [ATT_CASEPACK_CERTIFICATE] = { "certificate", N_("Registration certificate") },
  [ATT_CASEPACK_LETTERS] = { "letters", N_("Letters sent") },
  [ATT_CASEPACK_CHRONOLOGY] = { "chronology", N_("Chronology") },
  [ATT_CASEPACK_CONSIDERATIONS] = { "considerations", N_("The school's consideration") },
  [ATT_CASEPACK_NOTICE_TO_IMPROVE] = { "notice-to-improve", N_("Notice to improve") },
  [ATT_CASEPACK_DECLARATION] = { "declaration", N_("Headteacher's declaration") },
  [ATT_CASEPACK_YEAR_CALENDAR] = { "year-calendar", N_("The school year at a glance") },
};

const char *
att_casepack_section_to_string (AttCasepackSection section)
{
  g_return_val_if_fail (section < ATT_CASEPACK_N_SECTIONS, NULL);
  return sections[section].name;
}

const char *
att_casepack_section_describe (AttCasepackSection section)
{
  g_return_val_if_fail (section < ATT_CASEPACK_N_SECTIONS, NULL);
  return _(sections[section].heading);
}

static char *
section_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < ATT_CASEPACK_N_SECTIONS; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, sections[i].name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
att_casepack_section_parse (const char          *text,
                            AttCasepackSection  *section,
                            GError             **error)
{
  g_autofree char *names = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < ATT_CASEPACK_N_SECTIONS; i++)
    if (g_ascii_strcasecmp (text, sections[i].name) == 0)
      {
        *section = (AttCasepackSection)i;
        return TRUE;
      }
  names = section_names ();
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("“%s” is not a section of the referral pack: the sections are %s"), text, names);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Presets                                                            */
/* ------------------------------------------------------------------ */

static const struct
{
  const char          *name;
  const char          *description;
  const char          *sections;
  AttCertificateSpan   span;
} presets[] = {
  { "full",
    N_("Everything the school holds on the case, with this school year and the last on the certificate"),
    "pupil,parents,siblings,support,certificate,year-calendar,letters,chronology,considerations,"
    "notice-to-improve,declaration",
    { ATT_CERTIFICATE_SPAN_THIS_AND_LAST, 0, ATT_DATE_NONE, ATT_DATE_NONE } },
  { "short",
    N_("The pupil, the parents, the certificate of the last 60 sessions, the letters and the declaration"),
    "pupil,parents,certificate,letters,declaration",
    { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 60, ATT_DATE_NONE, ATT_DATE_NONE } },
  { "penalty-notice",
    N_("What a request for a penalty notice needs: the certificate of the last 100 sessions first, "
       "then the letters, the notice to improve and the school's consideration"),
    "certificate,pupil,parents,letters,notice-to-improve,considerations,support,declaration",
    { ATT_CERTIFICATE_SPAN_LAST_SESSIONS, 100, ATT_DATE_NONE, ATT_DATE_NONE } },
  { "prosecution",
    N_("For a prosecution: every section, the chronology before the certificate of this school year"),
    "pupil,parents,siblings,chronology,support,letters,considerations,notice-to-improve,"
    "certificate,declaration",
    { ATT_CERTIFICATE_SPAN_THIS_YEAR, 0, ATT_DATE_NONE, ATT_DATE_NONE } },
};

const char * const *
att_la_profile_preset_names (void)
{
  static const char *names[G_N_ELEMENTS (presets) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
      names[i] = presets[i].name;
  return names;
}

const char *
att_la_profile_preset_describe (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].name, name) == 0)
      return _(presets[i].description);
  return NULL;
}

gboolean
att_la_profile_preset (const char    *name,
                       AttLaProfile  *profile,
                       GError       **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].name, name) == 0)
      {
        AttLaProfile preset = { 0, };

        preset.span = presets[i].span;
        if (!att_la_profile_parse_sections (&preset, presets[i].sections, error))
          g_return_val_if_reached (FALSE);
        *profile = preset;
        return TRUE;
      }

  {
    g_autofree char *names = g_strjoinv (", ", (char **)att_la_profile_preset_names ());

    g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                 _("There is no referral pack preset “%s”: the presets are %s"), name, names);
  }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The profile                                                        */
/* ------------------------------------------------------------------ */

gboolean
att_la_profile_has_section (const AttLaProfile *profile,
                            AttCasepackSection  section)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint i = 0; i < profile->n_sections; i++)
    if (profile->sections[i] == section)
      return TRUE;
  return FALSE;
}

gboolean
att_la_profile_validate (const AttLaProfile  *profile,
                         GError             **error)
{
  gboolean seen[ATT_CASEPACK_N_SECTIONS] = { FALSE, };

  g_return_val_if_fail (profile != NULL, FALSE);

  if (profile->n_sections == 0 || profile->n_sections > ATT_CASEPACK_N_SECTIONS)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A referral pack needs at least one section"));
      return FALSE;
    }
  for (guint i = 0; i < profile->n_sections; i++)
    {
      AttCasepackSection section = profile->sections[i];

      if (section >= ATT_CASEPACK_N_SECTIONS)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("Section %u of the referral pack is not one this version knows"), i + 1);
          return FALSE;
        }
      if (seen[section])
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The section “%s” is in the referral pack twice: keep it once"),
                       sections[section].name);
          return FALSE;
        }
      seen[section] = TRUE;
    }
  return att_certificate_span_validate (&profile->span, error);
}

char *
att_la_profile_sections_to_string (const AttLaProfile *profile)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (profile != NULL, NULL);

  for (guint i = 0; i < profile->n_sections && i < ATT_CASEPACK_N_SECTIONS; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, att_casepack_section_to_string (profile->sections[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
att_la_profile_parse_sections (AttLaProfile  *profile,
                               const char    *text,
                               GError       **error)
{
  g_auto(GStrv) parts = NULL;
  AttLaProfile parsed;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  parsed = *profile;
  parsed.n_sections = 0;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AttCasepackSection section;
      char *name = g_strstrip (parts[i]);

      if (*name == '\0')
        continue;
      if (!att_casepack_section_parse (name, &section, error))
        return FALSE;
      if (att_la_profile_has_section (&parsed, section))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("The section “%s” is in the referral pack twice: keep it once"),
                       sections[section].name);
          return FALSE;
        }
      parsed.sections[parsed.n_sections++] = section;
    }
  if (parsed.n_sections == 0)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("A referral pack needs at least one section"));
      return FALSE;
    }
  *profile = parsed;
  return TRUE;
}

gboolean
att_la_profile_load (AttDb         *db,
                     AttLaProfile  *profile,
                     GError       **error)
{
  g_autofree char *stored_sections = NULL;
  g_autofree char *stored_span = NULL;
  AttLaProfile loaded;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!att_la_profile_preset ("full", &loaded, error))
    return FALSE;
  stored_sections = att_db_get_setting (db, SECTIONS_KEY);
  stored_span = att_db_get_setting (db, SPAN_KEY);
  if (stored_sections != NULL && *stored_sections != '\0' &&
      !att_la_profile_parse_sections (&loaded, stored_sections, error))
    return FALSE;
  if (stored_span != NULL && *stored_span != '\0' &&
      !att_certificate_span_parse (stored_span, &loaded.span, error))
    return FALSE;
  *profile = loaded;
  return TRUE;
}

static char *
profile_json (const char *sections_text,
              const char *span_text)
{
  GString *json = g_string_new ("{\"sections\":");

  att_json_append_string (json, sections_text);
  g_string_append (json, ",\"span\":");
  att_json_append_string (json, span_text);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

gboolean
att_la_profile_save (AttDb               *db,
                     const AttUser       *user,
                     const AttLaProfile  *profile,
                     GError             **error)
{
  g_autofree char *sections_text = NULL;
  g_autofree char *span_text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *detail = NULL;
  AttLaProfile old;

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!att_user_require (user, ATT_PERM_SETTINGS, error))
    return FALSE;
  if (!att_la_profile_validate (profile, error))
    return FALSE;

  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_la_profile_load (db, &old, error))
    goto failed;
  {
    g_autofree char *old_sections = att_la_profile_sections_to_string (&old);
    g_autofree char *old_span = att_certificate_span_to_string (&old.span);

    before = profile_json (old_sections, old_span);
  }
  sections_text = att_la_profile_sections_to_string (profile);
  span_text = att_certificate_span_to_string (&profile->span);
  after = profile_json (sections_text, span_text);
  if (strcmp (before, after) == 0)
    {
      att_db_rollback (db);
      return TRUE;
    }
  detail = g_strdup_printf ("la-profile: sections %s, span %s", sections_text, span_text);
  if (!att_db_put_setting (db, SECTIONS_KEY, sections_text, error) ||
      !att_db_put_setting (db, SPAN_KEY, span_text, error) ||
      !att_audit_record (db, user, ATT_AUDIT_SETTING, 0, "school.la-profile", detail, before,
                         after, error))
    goto failed;
  att_db_note_change (db, ATT_CHANGE_SETTINGS);
  return att_db_commit (db, error);

failed:
  att_db_rollback (db);
  return FALSE;
}
