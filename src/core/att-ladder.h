/* att-ladder.h: the school's ladder of attendance letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stage letters are local practice, not law: each school sets its own
 * ladder. A stage is one letter (or text message) the school sends when
 * a pupil meets its condition: attendance below a line over a period,
 * unauthorised sessions in the rolling 10 school weeks, lateness,
 * becoming persistently or severely absent, an improvement since the
 * last letter, or a good term (certificates).
 *
 * A stage may have to follow another (its letter is due only once the
 * earlier stage's letter was sent), wait a minimum number of school days
 * since the pupil's previous ladder letter, repeat (only after the pupil
 * recovered above the line since its last letter), and watch a
 * monitoring period after its letter: back to a success line within N
 * school weeks, or the stages that follow it become due. Cohort filters
 * narrow a stage to year groups, pupils with SEN or an EHC plan, or
 * looked-after children.
 *
 * A new school has the DfE's support-first ladder ("dfe": concern,
 * unauthorised absence, meeting invitation, formal warning at the
 * penalty threshold); presets modelled on other schools' policies
 * replace it in one step. Every change is validated (the error names the
 * stage, the field and the rule), needs ATT_PERM_SETTINGS or
 * ATT_PERM_LETTERS, and is audited.
 *
 * Which pupils meet which stage on a date is att-letters-due.h.
 */
#pragma once

#include <glib.h>

#include "att-letters.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* What a stage asks of a pupil's figures. Stored by name
 * (att_ladder_condition_to_string()), so the order may grow at the end. */
typedef enum
{
  ATT_LADDER_BELOW,          /* "below": attendance below percent over the period */
  ATT_LADDER_UNAUTHORISED,   /* "unauthorised": unauthorised sessions >= count in the
                              * rolling 10 school weeks (att_threshold_pupil()) */
  ATT_LADDER_LATE,           /* "late": L and U marks >= count over the period */
  ATT_LADDER_PERSISTENT,     /* "persistent": becoming persistently absent (absence of
                              * 10% or more over the period, att_figures_persistent()) */
  ATT_LADDER_SEVERE,         /* "severe": becoming severely absent (50% or more) */
  ATT_LADDER_IMPROVED,       /* "improved": attendance up by points or more since the
                              * pupil's last ladder letter (a congratulation) */
  ATT_LADDER_AT_LEAST,       /* "at-least": attendance of percent or more over the
                              * period, 100 for full attendance (certificates) */
  ATT_LADDER_N_CONDITIONS
} AttLadderCondition;

/* The span a stage's figures cover, ending on the due list's date. */
typedef enum
{
  ATT_LADDER_PERIOD_TERM,    /* "term": this term so far (the calendar's term holding the date) */
  ATT_LADDER_PERIOD_YEAR,    /* "year": this school year so far */
  ATT_LADDER_PERIOD_WEEKS,   /* "weeks": the last N school weeks */
  ATT_LADDER_N_PERIODS
} AttLadderPeriod;

/* A cohort filter on a yes/no property of the pupil. */
typedef enum
{
  ATT_LADDER_ANY,            /* "any": every pupil */
  ATT_LADDER_ONLY,           /* "only": only pupils who have it */
  ATT_LADDER_NOT,            /* "not": only pupils who do not */
} AttLadderFilter;

/* Whom a stage's letter is addressed to. */
typedef enum
{
  ATT_LADDER_TO_PARENTS,     /* "parents": every contact with parental responsibility who
                              * receives letters, one letter per address */
  ATT_LADDER_TO_FIRST,       /* "first": only the first of them, by priority */
} AttLadderRecipients;

typedef struct
{
  char                *name;           /* "concern": letters, digits, '-' and '_'; unique */
  char                *title;          /* "Letter 1: concern", as the school names it */
  int                  position;       /* 0-based ladder order; set by att_ladder_load() */

  AttLadderCondition   condition;
  double               percent;        /* BELOW, AT_LEAST: the line; IMPROVED: the points */
  guint                count;          /* UNAUTHORISED, LATE: the number of sessions or marks */
  AttLadderPeriod      period;
  guint                weeks;          /* PERIOD_WEEKS: how many school weeks, 1 to 39 */

  char                *template_name;  /* the wording (att-letter-templates.h) */
  char                *follows;        /* the stage whose letter must have been sent first, or NULL */
  guint                min_gap_days;   /* school days since the pupil's previous ladder letter */
  gboolean             repeats;        /* may be sent again once the pupil recovered above the line */

  /* The monitoring period after this stage's letter: 0 weeks for none.
   * The pupil succeeds by reaching monitor_percent over the school weeks
   * since the letter within monitor_weeks school weeks; while it runs the
   * stages following this one wait, and once it fails they become due. */
  guint                monitor_weeks;
  double               monitor_percent;

  AttLadderRecipients  recipients;
  AttLetterDelivery    delivery;       /* post, hand, e-mail or text */

  /* A meeting the letter invites to: 0 days for none. The meeting is
   * meeting_days school days after the letter's date, at meeting_time
   * (minutes after midnight), in meeting_place. */
  guint                meeting_days;
  int                  meeting_time;
  char                *meeting_place;

  /* Cohort filters. */
  guint32              year_groups;    /* bit (1 << year) per year group (0 = Reception,
                                        * 1..14); 0 for every year group */
  AttLadderFilter      sen;            /* SEN support or an EHC plan */
  AttLadderFilter      ehc;            /* an EHC plan */
  AttLadderFilter      looked_after;
} AttLadderStage;

AttLadderStage     *att_ladder_stage_new           (void);   /* the defaults: below 90% this term, post, parents */
AttLadderStage     *att_ladder_stage_copy          (const AttLadderStage *stage);
void                att_ladder_stage_free          (AttLadderStage     *stage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttLadderStage, att_ladder_stage_free)

const char         *att_ladder_condition_to_string (AttLadderCondition  condition);  /* "below" */
const char         *att_ladder_condition_describe  (AttLadderCondition  condition);  /* translated "Attendance below a line" */
gboolean            att_ladder_condition_parse     (const char         *text,
                                                    AttLadderCondition *condition,
                                                    GError            **error);
const char         *att_ladder_period_to_string    (AttLadderPeriod     period);     /* "term" */
gboolean            att_ladder_period_parse        (const char         *text,
                                                    AttLadderPeriod    *period,
                                                    GError            **error);
const char         *att_ladder_filter_to_string    (AttLadderFilter     filter);     /* "any", "only", "not" */
gboolean            att_ladder_filter_parse        (const char         *text,
                                                    AttLadderFilter    *filter,
                                                    GError            **error);
const char         *att_ladder_recipients_to_string (AttLadderRecipients recipients); /* "parents", "first" */
gboolean            att_ladder_recipients_parse    (const char         *text,
                                                    AttLadderRecipients *recipients,
                                                    GError            **error);

/* Whether the condition is a warning about absence (BELOW, UNAUTHORISED,
 * LATE, PERSISTENT, SEVERE), whose figures never hold agreed leave or
 * absences the office holds medical evidence for, rather than praise. */
gboolean            att_ladder_condition_is_warning (AttLadderCondition condition);

/* Checks a stage on its own: a name, a title, a known template, the
 * parameters its condition needs (a line of 1 to 100%, a count of 1 or
 * more, 1 to 39 weeks), a monitoring line when it monitors, a meeting
 * time and place when it invites to a meeting, a text template for a
 * text message. The error names the stage, the field and the rule. */
gboolean            att_ladder_stage_check         (AttDb              *db,
                                                    const AttLadderStage *stage,
                                                    GError            **error);

/* The stages in ladder order (AttLadderStage). A school that never set a
 * ladder has the "dfe" preset. */
GPtrArray          *att_ladder_load                (AttDb              *db,
                                                    GError            **error);
/* One stage by name, or NULL with ATT_ERROR_NOT_FOUND. */
AttLadderStage     *att_ladder_get                 (AttDb              *db,
                                                    const char         *name,
                                                    GError            **error);
/* Adds a stage at the end of the ladder, or replaces the stage of the
 * same name keeping its place. Checks it (att_ladder_stage_check()) and
 * the ladder it makes: the stage it follows exists and is not itself,
 * nor a stage that follows it. Needs ATT_PERM_SETTINGS or
 * ATT_PERM_LETTERS; audited. */
gboolean            att_ladder_save_stage          (AttDb              *db,
                                                    const AttUser      *user,
                                                    const AttLadderStage *stage,
                                                    GError            **error);
/* Deletes a stage; refused while another stage follows it (naming it).
 * Postponements and removals for it go with it; letters sent stay in
 * the log. Needs ATT_PERM_SETTINGS or ATT_PERM_LETTERS; audited. */
gboolean            att_ladder_delete_stage        (AttDb              *db,
                                                    const AttUser      *user,
                                                    const char         *name,
                                                    GError            **error);
/* Moves a stage to 0-based @position (clamped to the ladder). Needs
 * ATT_PERM_SETTINGS or ATT_PERM_LETTERS; audited. */
gboolean            att_ladder_move_stage          (AttDb              *db,
                                                    const AttUser      *user,
                                                    const char         *name,
                                                    int                 position,
                                                    GError            **error);

/* The presets' names, NULL-terminated: "dfe" first, then the ladders
 * modelled on other schools' policies ("percentage-bands", "texts-first",
 * "support-letters"). */
const char * const *att_ladder_presets             (void);
/* A preset's translated title and one-line summary, or NULL. */
const char         *att_ladder_preset_describe     (const char         *preset);
/* The stages of @preset (AttLadderStage), not stored; NULL with
 * ATT_ERROR_NOT_FOUND for an unknown name. */
GPtrArray          *att_ladder_preset_stages       (const char         *preset,
                                                    GError            **error);
/* Replaces the whole ladder with @preset's stages, in one transaction.
 * Needs ATT_PERM_SETTINGS or ATT_PERM_LETTERS; audited. */
gboolean            att_ladder_apply_preset        (AttDb              *db,
                                                    const AttUser      *user,
                                                    const char         *preset,
                                                    GError            **error);

/* "Attendance below 90% this term", "10 or more unauthorised sessions in
 * the last 10 school weeks", ... translated. */
char               *att_ladder_stage_describe_condition (const AttLadderStage *stage);
/* "this term", "this school year", "the last 6 school weeks", translated. */
char               *att_ladder_stage_describe_period (const AttLadderStage *stage);
/* The stage's first day of its period for a due list on @as_of: the
 * start of the term or school year holding @as_of, or the Monday
 * (weeks - 1) school weeks before @as_of's week. */
gboolean            att_ladder_stage_period        (AttDb              *db,
                                                    const AttLadderStage *stage,
                                                    AttDate             as_of,
                                                    AttDate            *from,
                                                    GError            **error);

G_END_DECLS
