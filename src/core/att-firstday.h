/* att-firstday.h: first-day calling, the school's procedure, and runs of
 * absence in school days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-calls.h"
#include "att-date.h"
#include "att-pupils.h"

G_BEGIN_DECLS

typedef struct _AttDb AttDb;
typedef struct _AttUser AttUser;

/* ------------------------------------------------------------------ */
/* Runs of absence                                                     */

/* Which codes a run of absence is made of. */
typedef enum
{
  /* No reason known: N, O, or (on the day asked about) no mark once the
   * register has closed. */
  ATT_ABSENCE_UNEXPLAINED,
  /* Absent without authorisation: G, N, O, or (on the day asked about)
   * no mark once closed. */
  ATT_ABSENCE_UNAUTHORISED,
  /* Illness: I. */
  ATT_ABSENCE_ILLNESS,
} AttAbsenceKind;

/* The school days of continuous absence of @kind ending on @date
 * (counted back from it), and the first of them in @since (may be NULL;
 * ATT_DATE_NONE when the run is 0). Only school days count: weekends,
 * bank holidays, closures and the holidays between terms have no
 * session and neither count nor break the run; nor does an earlier
 * session left without a mark (a register not taken says nothing). A day counts when every
 * session of it whose register has closed (by @today and
 * @clock_minutes) holds a code of @kind, and it breaks the run when one
 * holds anything else, or the pupil was not on roll; sessions that are
 * not possible (D, X, Y1 to Y7, Q) and a day none of whose registers has
 * closed yet are passed over. */
guint         att_absence_run            (AttDb           *db,
                                          gint64           pupil_id,
                                          AttDate          date,
                                          AttDate          today,
                                          int              clock_minutes,
                                          AttAbsenceKind   kind,
                                          AttDate         *since);

/* ------------------------------------------------------------------ */
/* The school's procedure                                              */

/* The settings keys: the procedure (one step a line, below), the text
 * message template, and the designated safeguarding lead's name. */
#define ATT_FIRSTDAY_PROCEDURE_KEY "firstday.procedure"
#define ATT_FIRSTDAY_TEXT_KEY      "firstday.text_template"
#define ATT_FIRSTDAY_DSL_KEY       "firstday.safeguarding_lead"

typedef enum
{
  ATT_STEP_TEXT,            /* text the first contact with a mobile */
  ATT_STEP_CALL,            /* call the contacts in order */
  ATT_STEP_EMAIL,
  ATT_STEP_TELL_DSL,        /* tell the designated safeguarding lead */
  ATT_STEP_HOME_VISIT,
  ATT_STEP_TELL_LA,         /* tell the local authority */
  ATT_STEP_CME,             /* children-missing-education procedure */
  ATT_N_STEPS
} AttStepAction;

typedef enum
{
  ATT_STEP_FOR_ALL,
  ATT_STEP_FOR_VULNERABLE,  /* social worker, child protection, looked after */
  ATT_STEP_FOR_OTHERS,
} AttStepFor;

/* One step: on school day @day of continuous unexplained absence (1 is
 * the first day), and again every @every school days after it when
 * @every is not 0, for the pupils @who_for, do @action by @due (minutes
 * after midnight; -1 when there is no deadline), done by @who.
 *
 * As stored, one line: "DAY[+EVERY];all|vulnerable|others;ACTION;DUE;WHO"
 * where ACTION is text, call, email, tell-dsl, home-visit, tell-la or
 * cme, and DUE is empty, HH:MM, "close" (the register's closing) or
 * "close+MINUTES". For example "1+2;vulnerable;home-visit;;Attendance
 * officer". */
typedef struct
{
  guint          day;
  guint          every;
  AttStepFor     who_for;
  AttStepAction  action;
  int            due_after_close;  /* -1, or minutes after the register closes */
  int            due_time;         /* -1, or minutes after midnight */
  char          *who;
} AttStep;

void          att_step_free              (AttStep         *step);
const char   *att_step_action_to_string  (AttStepAction    action);
/* "Text the first contact", translated. */
const char   *att_step_action_describe   (AttStepAction    action);

/* The school's procedure (AttStep, owned), from the settings; the
 * default when the setting is missing. */
GPtrArray    *att_firstday_procedure     (AttDb           *db,
                                          GError         **error);
/* Parses a procedure as stored; the error names the line. */
GPtrArray    *att_firstday_procedure_parse (const char    *text,
                                            GError       **error);
/* When @step is due as the procedure stores it: "close", "close+60",
 * "12:00", or NULL when there is no deadline. */
char         *att_step_format_due        (const AttStep   *step);
/* "all", "vulnerable" or "others". */
const char   *att_step_for_to_string     (AttStepFor       who_for);
/* The procedure as stored, one step a line, from @steps (AttStep). */
char         *att_firstday_procedure_format (GPtrArray    *steps);
/* The longest a procedure runs (a school year of days) and the latest a
 * step may be due after the register closes. */
#define ATT_STEP_MAX_DAY            190
#define ATT_STEP_MAX_AFTER_CLOSE    (8 * 60)
/* Validates and stores a procedure (the right to change settings;
 * audited): at least one step; each error names the line and the
 * field. */
gboolean      att_firstday_procedure_set (AttDb           *db,
                                          const AttUser   *user,
                                          const char      *text,
                                          GError         **error);

/* ------------------------------------------------------------------ */
/* The first-day list                                                  */

/* The order pupils are called in. */
typedef enum
{
  ATT_BAND_SAFEGUARDING,    /* child protection plan or a social worker */
  ATT_BAND_LOOKED_AFTER,
  ATT_BAND_EHC_PLAN,
  ATT_BAND_SEN_SUPPORT,
  ATT_BAND_OTHER,
  ATT_N_BANDS
} AttBand;

AttBand       att_pupil_band             (AttPupil        *pupil);
const char   *att_band_to_string         (AttBand          band);  /* "safeguarding" */
const char   *att_band_describe          (AttBand          band);  /* translated */

/* One pupil still to be reached today. */
typedef struct
{
  AttPupil      *pupil;            /* a reference */
  AttBand        band;
  gboolean       vulnerable;       /* the first two bands */
  guint          flags;            /* att_pupil_flags() */
  guint          sessions;         /* today's sessions N or unmarked: bit 0 AM, bit 1 PM */
  guint          days_absent;      /* continuous unexplained absence, school days */
  AttDate        absent_since;
  GPtrArray     *contacts;         /* AttContact in calling order */
  GPtrArray     *attempts;         /* AttCallAttempt today, oldest first */
  /* The next contact to try: the first in calling order with a number
   * not tried today, or NULL when every number has been tried. */
  const AttContact *next_contact;
  /* The steps of the procedure due today, and the one to do next: the
   * first the records show is not done (a text, an e-mail or a home
   * visit once such an attempt is logged today, a call once every
   * contact with a number has been tried, telling the LA once its notice
   * is recorded), else the first the records cannot follow (telling the
   * safeguarding lead, the children-missing-education procedure), which
   * stays until the pupil is reached; NULL when no step is due today. */
  GPtrArray     *steps_due;        /* AttStep, copies */
  const AttStep *next_step;
  char          *next_step_text;   /* "Home visit (Attendance officer), due today" */
  /* The code to suggest for the absence when leave for the session was
   * refused, or taken beyond the days agreed: G for a holiday, else O
   * (att_leave_suggest_code()); ATT_CODE_NONE otherwise. */
  AttCode        suggested_code;
  gint64         leave_id;         /* the request it comes from, or 0 */
} AttFirstdayRow;

void          att_firstday_row_free      (AttFirstdayRow  *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttFirstdayRow, att_firstday_row_free)

/* The contacts of @pupil_id in calling order: those the pupil lives
 * with, then those with parental responsibility, then the others, each
 * by priority. AttContact, owned. */
GPtrArray    *att_firstday_contacts      (AttDb           *db,
                                          gint64           pupil_id,
                                          GError         **error);

/* Who to call on @date at @clock_minutes: every pupil on roll with a
 * session of @date whose register has closed holding N or no mark, and
 * no call logged about @date that gave a reason (attempts that reached
 * nobody keep a pupil on the list). Ordered by band, then the longest
 * run of unexplained absence first, then by name. Refused for a day with
 * no school. Empty before the morning register closes. */
GPtrArray    *att_firstday_list          (AttDb           *db,
                                          AttDate          date,
                                          int              clock_minutes,
                                          GError         **error);

/* The text-message export for the school's messaging service: for each
 * pupil on the list not yet texted today, the first contact in calling
 * order with a mobile number, as CSV (contact, mobile, forename,
 * message), the message made from the school's template ({forename},
 * {surname}, {contact}, {school}, {phone}, {date}). Logs a text attempt
 * ("sent") for each row, in one transaction. Sets @n_rows. */
char         *att_firstday_texts         (AttDb           *db,
                                          const AttUser   *user,
                                          AttDate          date,
                                          int              clock_minutes,
                                          guint           *n_rows,
                                          GError         **error);
/* The template, or the default one. */
char         *att_firstday_text_template (AttDb           *db);

/* The designated safeguarding lead a concern ticked on a call goes to:
 * the setting ATT_FIRSTDAY_DSL_KEY, else the school's attendance lead,
 * else NULL. */
char         *att_firstday_safeguarding_lead (AttDb       *db);

/* The fields a text message may hold ("forename", ...), NULL-terminated. */
const char * const *att_firstday_text_fields (void);
/* Checks a text template: one line of text, and every field in braces
 * one of att_firstday_text_fields(); the error names the field. */
gboolean      att_firstday_text_template_check (const char *text,
                                                GError    **error);

/* The value stored for ATT_FIRSTDAY_TEXT_KEY or ATT_FIRSTDAY_DSL_KEY, or
 * NULL when the default is in force. */
char         *att_firstday_setting_get   (AttDb           *db,
                                          const char      *key);
/* Stores the text template (ATT_FIRSTDAY_TEXT_KEY) or the safeguarding
 * lead's name (ATT_FIRSTDAY_DSL_KEY); an empty value goes back to the
 * default. The right to change settings; audited. */
gboolean      att_firstday_setting_set   (AttDb           *db,
                                          const AttUser   *user,
                                          const char      *key,
                                          const char      *value,
                                          GError         **error);

G_END_DECLS
