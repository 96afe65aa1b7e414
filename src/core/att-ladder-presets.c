/* att-ladder-presets.c: the ladders a school can start from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "dfe" follows the Department for Education's support-first model:
 * a letter of concern, a letter about unauthorised absence, an
 * invitation to a meeting when the concern did not help, and a formal
 * warning once the National Framework's threshold for a penalty notice
 * is reached. The others are modelled on the ladders schools publish in
 * their attendance policies (domain.md, "Letters and escalation"), each
 * with its own lines.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-ladder.h"

typedef struct
{
  const char          *name;
  const char          *title;        /* untranslated */
  AttLadderCondition   condition;
  double               percent;
  guint                count;
  AttLadderPeriod      period;
  const char          *template_name;
  const char          *follows;
  guint                min_gap_days;
  gboolean             repeats;
  guint                monitor_weeks;
  double               monitor_percent;
  AttLetterDelivery    delivery;
  guint                meeting_days;
  AttLadderFilter      sen;
} PresetStage;

#define TERM ATT_LADDER_PERIOD_TERM
#define YEAR ATT_LADDER_PERIOD_YEAR
#define POST ATT_LETTER_POST
#define TEXT ATT_LETTER_TEXT
#define ANY ATT_LADDER_ANY

static const PresetStage dfe[] = {
  { "concern", N_("Letter 1: concern about attendance"), ATT_LADDER_BELOW, 95, 0, YEAR,
    "concern", NULL, 0, TRUE, 4, 95, POST, 0, ANY },
  { "unauthorised", N_("Letter about unauthorised absence"), ATT_LADDER_UNAUTHORISED, 0, 5, TERM,
    "unauthorised", NULL, 10, TRUE, 0, 0, POST, 0, ANY },
  { "meeting", N_("Letter 2: invitation to an attendance meeting"), ATT_LADDER_BELOW, 95, 0, YEAR,
    "meeting", "concern", 10, FALSE, 0, 0, POST, 5, ANY },
  { "formal-warning", N_("Letter 3: formal warning at the penalty notice threshold"),
    ATT_LADDER_UNAUTHORISED, 0, 10, TERM, "formal-warning", "unauthorised", 10, FALSE, 0, 0, POST, 0, ANY },
  { NULL }
};

/* Seed 001's style: bands of attendance, a letter for each, and
 * certificates each term. */
static const PresetStage bands[] = {
  { "reminder", N_("Letter 1: attendance below 97%"), ATT_LADDER_BELOW, 97, 0, TERM,
    "early-reminder", NULL, 0, TRUE, 0, 0, POST, 0, ANY },
  { "warning", N_("Letter 2: attendance below 95%, a meeting"), ATT_LADDER_BELOW, 95, 0, TERM,
    "meeting", "reminder", 10, FALSE, 0, 0, POST, 5, ANY },
  { "persistent", N_("Letter 3: persistent absence (below 90%)"), ATT_LADDER_PERSISTENT, 0, 0, TERM,
    "persistent", "warning", 10, FALSE, 4, 90, POST, 0, ANY },
  { "critical", N_("Letter 4: critical attendance (below 80%)"), ATT_LADDER_BELOW, 80, 0, TERM,
    "critical", "persistent", 10, FALSE, 0, 0, POST, 5, ANY },
  { "penalty", N_("Formal warning: 10 unauthorised sessions"), ATT_LADDER_UNAUTHORISED, 0, 10, TERM,
    "formal-warning", NULL, 10, FALSE, 0, 0, POST, 0, ANY },
  { "certificate", N_("Certificate: 98% or more this term"), ATT_LADDER_AT_LEAST, 98, 0, TERM,
    "certificate", NULL, 0, TRUE, 0, 0, POST, 0, ANY },
  { NULL }
};

/* Seed 004's style: a text message first, then letters on becoming
 * persistently absent, and a meeting when nothing improves. */
static const PresetStage texts[] = {
  { "text", N_("Text message: attendance below 93%"), ATT_LADDER_BELOW, 93, 0, TERM,
    "attendance-text", NULL, 10, TRUE, 0, 0, TEXT, 0, ANY },
  { "stage-1", N_("Stage 1 letter: persistent absence"), ATT_LADDER_PERSISTENT, 0, 0, YEAR,
    "persistent", NULL, 0, FALSE, 4, 95, POST, 0, ANY },
  { "stage-2", N_("Stage 2 letter: no improvement, a meeting"), ATT_LADDER_PERSISTENT, 0, 0, YEAR,
    "meeting", "stage-1", 10, FALSE, 0, 0, POST, 5, ANY },
  { "penalty", N_("Formal warning: 10 unauthorised sessions"), ATT_LADDER_UNAUTHORISED, 0, 10, TERM,
    "formal-warning", NULL, 10, FALSE, 0, 0, POST, 0, ANY },
  { NULL }
};

/* Seed 002's style: a letter for each situation, a meeting with the
 * special educational needs coordinator for pupils with SEND, and
 * letters about lateness and improvement. */
static const PresetStage support[] = {
  { "concern", N_("Concern about attendance"), ATT_LADDER_BELOW, 95, 0, TERM,
    "concern", NULL, 0, TRUE, 4, 95, POST, 0, ANY },
  { "unauthorised", N_("Unauthorised absence"), ATT_LADDER_UNAUTHORISED, 0, 4, TERM,
    "unauthorised", NULL, 10, TRUE, 0, 0, POST, 0, ANY },
  { "meeting", N_("Invitation to a meeting"), ATT_LADDER_BELOW, 95, 0, TERM,
    "meeting", "concern", 10, FALSE, 0, 0, POST, 5, ATT_LADDER_NOT },
  { "meeting-send", N_("Invitation to a meeting (SEND)"), ATT_LADDER_BELOW, 95, 0, TERM,
    "meeting-send", "concern", 10, FALSE, 0, 0, POST, 5, ATT_LADDER_ONLY },
  { "formal-notice", N_("Formal notice at the penalty notice threshold"), ATT_LADDER_UNAUTHORISED,
    0, 10, TERM, "formal-warning", "unauthorised", 10, FALSE, 0, 0, POST, 0, ANY },
  { "punctuality", N_("Punctuality"), ATT_LADDER_LATE, 0, 6, TERM,
    "punctuality", NULL, 20, TRUE, 0, 0, POST, 0, ANY },
  { "improvement", N_("Congratulations on improvement"), ATT_LADDER_IMPROVED, 5, 0, TERM,
    "improvement", NULL, 10, TRUE, 0, 0, POST, 0, ANY },
  { NULL }
};

static const struct
{
  const char        *name;
  const char        *description;
  const PresetStage *stages;
} presets[] = {
  { "dfe", N_("Support first (DfE): concern, unauthorised absence, a meeting, a formal warning at the threshold"), dfe },
  { "percentage-bands", N_("Bands of attendance: letters below 97%, 95%, 90% and 80%, certificates at 98%"), bands },
  { "texts-first", N_("Texts first: a text below 93%, letters on persistent absence, then a meeting"), texts },
  { "support-letters", N_("A letter for each situation: concern, unauthorised absence, meetings (SEND too), punctuality, improvement"), support },
};

const char * const *
att_ladder_presets (void)
{
  static const char * const names[] = {
    "dfe", "percentage-bands", "texts-first", "support-letters", NULL,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (presets) + 1);
  return names;
}

const char *
att_ladder_preset_describe (const char *preset)
{
  for (guint i = 0; preset != NULL && i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].name, preset) == 0)
      return _(presets[i].description);
  return NULL;
}

GPtrArray *
att_ladder_preset_stages (const char  *preset,
                          GError     **error)
{
  for (guint i = 0; preset != NULL && i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].name, preset) == 0)
      {
        GPtrArray *stages = g_ptr_array_new_with_free_func ((GDestroyNotify)att_ladder_stage_free);

        for (const PresetStage *p = presets[i].stages; p->name != NULL; p++)
          {
            AttLadderStage *stage = att_ladder_stage_new ();

            stage->name = g_strdup (p->name);
            stage->title = g_strdup (_(p->title));
            stage->position = (int)stages->len;
            stage->condition = p->condition;
            stage->percent = p->percent;
            stage->count = p->count;
            stage->period = p->period;
            stage->template_name = g_strdup (p->template_name);
            stage->follows = g_strdup (p->follows);
            stage->min_gap_days = p->min_gap_days;
            stage->repeats = p->repeats;
            stage->monitor_weeks = p->monitor_weeks;
            stage->monitor_percent = p->monitor_percent;
            stage->delivery = p->delivery;
            stage->meeting_days = p->meeting_days;
            if (p->meeting_days > 0)
              {
                stage->meeting_time = 15 * 60 + 30;
                stage->meeting_place = g_strdup (_("the school office"));
              }
            stage->sen = p->sen;
            g_ptr_array_add (stages, stage);
          }
        return stages;
      }
  g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
               _("“%s” is not a ladder to start from: use dfe, percentage-bands, texts-first or "
                 "support-letters"), preset != NULL ? preset : "");
  return NULL;
}
