/* att-letter-templates.h: the school's stored letter templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every letter the product sends has a template by name: the ladder's
 * stages ("concern", "unauthorised", "meeting", "formal-warning", ...),
 * their short text-message wordings ("concern-text", ...), the
 * half-termly attendance report ("half-term-report") with its short
 * notes by band ("half-term-note-excellent", ...), and the leave
 * letters ("leave-agreed", ...). Each has our own default wording,
 * version 1, built in.
 *
 * A school changes a wording by saving it: a save never edits a stored
 * row, it adds the next version, audited, so the log of letters always
 * says which wording a family received (the letters log keeps the
 * template's name and version). The newest version is the one letters
 * use; with none stored, the built-in default is.
 */
#pragma once

#include <glib.h>

#include "att-date.h"
#include "att-letter-template.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* The newest stored version of template @name, or our built-in default
 * (version 1) when none is stored. ATT_ERROR_NOT_FOUND naming the
 * template when it is neither stored nor built in. */
AttLetterTemplate  *att_letter_templates_get       (AttDb              *db,
                                                    const char         *name,
                                                    GError            **error);
/* Version @version of template @name: a stored one, or version 1 of a
 * built-in template never stored as version 1. ATT_ERROR_NOT_FOUND
 * naming the template and the version otherwise. */
AttLetterTemplate  *att_letter_templates_get_version (AttDb            *db,
                                                    const char         *name,
                                                    guint               version,
                                                    GError            **error);
/* Every template, the newest version of each, built-in ones included
 * (those never saved as themselves), sorted by name: a new array of
 * AttLetterTemplate (owned references). */
GPtrArray          *att_letter_templates_list      (AttDb              *db,
                                                    GError            **error);
/* Checks the wording (att_letter_template_check(): an unknown field is
 * refused, naming it and its line) and stores it as the next version of
 * @name (the built-in default counts as version 1, so the first save of
 * a built-in template is version 2). Needs ATT_PERM_LETTERS or
 * ATT_PERM_SETTINGS; audited. Returns the new version, 0 with an error.
 * A name that is not built in starts a new template at version 1. */
guint               att_letter_templates_save      (AttDb              *db,
                                                    const AttUser      *user,
                                                    const char         *name,
                                                    const char         *subject,
                                                    const char         *body,
                                                    GError            **error);
/* A translated title for a template ("First letter: concern about
 * attendance"), or NULL for a name that is not built in. */
const char         *att_letter_templates_describe  (const char         *name);

/* The built-in templates' names, NULL-terminated, in a stable order. */
const char * const *att_letter_templates_builtin_names (void);
/* Our built-in default wording of @name (version 1), or NULL. */
AttLetterTemplate  *att_letter_templates_builtin   (const char         *name);
/* Whether @name is a text message's wording (short, one paragraph, no
 * table): the built-in "*-text" templates and any stored name ending in
 * "-text". */
gboolean            att_letter_templates_is_text   (const char         *name);

/* One stored version of a template, for the history of its wording. */
typedef struct
{
  guint    version;
  char    *who;        /* who saved it; NULL for the built-in version 1 */
  gint64   at;         /* when, seconds since 1970; 0 for the built-in */
} AttLetterTemplateVersion;

void                att_letter_template_version_free (AttLetterTemplateVersion *version);
/* Every version of @name, oldest first, the built-in version 1 first
 * when there is one and it is not stored: a new array of
 * AttLetterTemplateVersion. Empty for an unknown name. */
GPtrArray          *att_letter_templates_history   (AttDb              *db,
                                                    const char         *name,
                                                    GError            **error);

/* ------------------------------------------------------------------ */
/* The half-termly attendance report                                  */
/* ------------------------------------------------------------------ */

/* The bands of the half-termly report's short note, each with its own
 * stored template ("half-term-note-excellent", ...), so a school can
 * reword the notes too. */
typedef enum
{
  ATT_REPORT_BAND_EXCELLENT,   /* 99% or more */
  ATT_REPORT_BAND_GOOD,        /* at or above the school's target */
  ATT_REPORT_BAND_BELOW,       /* below the target, 90% or more */
  ATT_REPORT_BAND_PERSISTENT,  /* below 90%: persistently absent */
  ATT_REPORT_BAND_SEVERE,      /* below 50%: severely absent */
  ATT_REPORT_N_BANDS
} AttReportBand;

/* The school's attendance target, in percent (the setting
 * "letters.target", 96 by default). */
double              att_letters_target             (AttDb              *db);
/* The band of a pupil whose attendance is @possible sessions of which
 * @attended were attended, against @target percent; persistent and
 * severe compared as exact fractions, as att-stats does. */
AttReportBand       att_report_band_for            (guint               possible,
                                                    guint               attended,
                                                    double              target);
/* "half-term-note-excellent", ... */
const char         *att_report_band_template       (AttReportBand       band);

/* Fills what the "half-term-report" template uses for pupil @pupil_id
 * as of @as_of: pupil, school, signatory, letter.date (@as_of), the
 * half term holding @as_of (figures.*), the school year so far (year.*),
 * report.target, report.band and report.note (the band's note merged
 * with the same values). */
gboolean            att_letter_templates_fill_half_term (AttDb         *db,
                                                    gint64              pupil_id,
                                                    AttDate             as_of,
                                                    AttLetterValues    *values,
                                                    GError            **error);

/* Registers the merge fields the stored templates use that the core's
 * registry lacks (year.*, report.*, stage.*, figures.improvement,
 * do_not_send...). Called by every function above; harmless to call
 * again. */
void                att_letter_templates_register_fields (void);

G_END_DECLS
