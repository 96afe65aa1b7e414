/* att-cli-charts.c: pupils calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-cli-charts.h"

/* pupils calendar UPN --out FILE.pdf [--year YYYY] [--as-of DATE]: the
 * school year starting in YYYY (the one holding the as-of date unless
 * given), as of the as-of date (today, or the year's last day when the
 * year given is over). */
int
att_cli_cmd_pupils_calendar (AttCliContext *ctx)
{
  const char *out = att_cli_opt (ctx, "out");
  const char *year_text = att_cli_opt (ctx, "year");
  gint64 year = -1;
  AttDate as_of = ATT_DATE_NONE;
  AttPupil *pupil;
  int status;

  if (out == NULL)
    return att_cli_usage (ctx, _("--out FILE.pdf is required: where to write the pupil's year"));
  if (year_text != NULL &&
      (!g_ascii_string_to_signed (year_text, 10, 1990, 2100, &year, NULL) || strlen (year_text) != 4))
    return att_cli_usage (ctx, _("--year takes the year the school year starts in, such as 2024 for 2024 to 2025, not “%s”"),
                          year_text);
  if ((status = att_cli_opt_date (ctx, "as-of", &as_of)) != ATT_CLI_OK)
    return status;
  if (as_of == ATT_DATE_NONE)
    {
      as_of = att_date_today ();
      /* A year that is over is shown as it ended. */
      if (year >= 0 && as_of > att_date_from_ymd ((int)year + 1, 8, 31))
        as_of = att_date_from_ymd ((int)year + 1, 8, 31);
    }
  if (year < 0)
    year = att_date_school_year (as_of);
  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return ATT_CLI_REFUSED;
  return att_cli_pupil_calendar_pdf (ctx, pupil->id, (int)year, as_of, out);
}
