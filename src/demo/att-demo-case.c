/* att-demo-case.c: the demo school's casework
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few pupils whose attendance gives the most concern have a case, as
 * the attendance officer would have built it through the core's
 * functions: early help offered and agencies involved, a meeting with
 * the family and what came of it (an attendance contract with its
 * letter, a support plan with its letter, a review, a case closed), and
 * a meeting planned for next week. The moments are the school days
 * before the as-of date, so the chronology reads as the weeks went.
 */
#include "config.h"

#include "att-case.h"
#include "att-demo-private.h"
#include "att-error.h"
#include "att-letter-batch.h"

#define N_CASES 5

typedef struct
{
  AttDemo *demo;
  guint    next;        /* index in school_days of the first day after as_of */
} Cases;

static gint64
local_time (AttDate date,
            int     minutes)
{
  int y, m, d;
  g_autoptr(GDateTime) when = NULL;

  att_date_to_ymd (date, &y, &m, &d);
  when = g_date_time_new_local (y, m, d, minutes / 60, minutes % 60, 0);
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

/* The school day @offset days after the as-of date (1: the next one), or
 * on or before it (0: the last one), or ATT_DATE_NONE past the years
 * written. */
static AttDate
school_day (Cases *c,
            int    offset)
{
  GArray *days = c->demo->school_days;
  gint64 k = (gint64)c->next + offset - 1;

  if (k < 0 || k >= (gint64)days->len)
    return ATT_DATE_NONE;
  return g_array_index (days, AttDate, k);
}

static gboolean
support (Cases              *c,
         gint64              pupil_id,
         AttCaseSupportKind  kind,
         const char         *agency,
         const char         *detail,
         int                 day,
         GError            **error)
{
  g_autoptr(AttCaseSupport) s = att_case_support_new ();

  s->pupil_id = pupil_id;
  s->kind = kind;
  s->date = school_day (c, day);
  s->agency = g_strdup (agency);
  s->detail = g_strdup (detail);
  s->at_time = local_time (s->date, 14 * 60 + 10);
  return att_case_support_add (c->demo->db, c->demo->officer, s, error) != 0;
}

/* A meeting arranged on school day @arranged (relative to the as-of
 * date), held on @held at 15:30 in the school office, and recorded as
 * @outcome the same afternoon. @target 0: none; @review: school days
 * after the meeting, 0 for none. Returns its id, or 0. */
static gint64
meeting (Cases             *c,
         gint64             pupil_id,
         int                arranged,
         int                held,
         const char        *attended,
         const char        *absent,
         const char        *barriers,
         const char        *actions,
         guint              target,
         int                review,
         AttMeetingOutcome  outcome,
         GError           **error)
{
  g_autoptr(AttMeeting) m = att_meeting_new ();
  AttDate planned_on = school_day (c, arranged);

  m->pupil_id = pupil_id;
  m->date = school_day (c, held);
  m->time = 15 * 60 + 30;
  m->place = g_strdup ("the school office");
  m->at_time = local_time (planned_on, 11 * 60 + 5);
  m->id = att_case_meeting_add (c->demo->db, c->demo->officer, m, error);
  if (m->id == 0 || outcome == ATT_MEETING_OUTCOME_NONE)
    return m->id;

  m->attended = g_strdup (attended);
  m->absent = g_strdup (absent);
  m->barriers = g_strdup (barriers);
  m->actions = g_strdup (actions);
  m->notes = g_strdup ("Parents engaged well; the pupil joined for the last ten minutes.");
  m->target_sessions_per_week = target;
  m->review_date = review > 0 ? school_day (c, held + review) : ATT_DATE_NONE;
  m->outcome = outcome;
  m->recorded_time = local_time (m->date, 16 * 60 + 20);
  if (!att_case_meeting_record (c->demo->db, c->demo->officer, m, error))
    return 0;
  return m->id;
}

/* The outcome letter of meeting @id, dated the day after it and posted
 * then, when the family can be written to and the figures are final
 * (otherwise the officer would have put the register right first). */
static gboolean
outcome_letter (Cases   *c,
                gint64   id,
                int      day,
                GError **error)
{
  g_autoptr(AttLetterBatch) batch = NULL;
  AttDate date = school_day (c, day);

  batch = att_case_meeting_outcome_letter (c->demo->db, id, date, error);
  if (batch == NULL)
    return FALSE;
  if (att_letter_batch_get_n_items (batch) == 0 || att_letter_batch_get_problems (batch)->len > 0)
    return TRUE;
  return att_case_meeting_letter_record (c->demo->db, c->demo->officer, id, batch, ATT_LETTER_POST, date,
                                         error);
}

/* Whether a letter to pupil @pupil_id's family would pass the data
 * check: someone to write to, and no N or gap this school year. */
static gboolean
can_write_to (AttDemo  *demo,
              gint64    pupil_id,
              gboolean *clean,
              GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)att_letter_problem_free);
  g_autoptr(GPtrArray) recipients = att_letter_recipients_for_pupil (demo->db, pupil_id, error);

  if (recipients == NULL
      || !att_letters_check_pupil (demo->db, pupil_id, problems, error)
      || !att_letter_batch_check_marks (demo->db, pupil_id, att_date_school_year_start (demo->as_of),
                                        demo->as_of, problems, error))
    return FALSE;
  *clean = recipients->len > 0 && problems->len == 0;
  return TRUE;
}

gboolean
att_demo_write_cases (AttDemo  *demo,
                      GError  **error)
{
  Cases c = { demo, 0 };
  gint64 chosen[N_CASES];
  guint n = 0;
  gint64 id;

  while (c.next < demo->school_days->len && g_array_index (demo->school_days, AttDate, c.next) <= demo->as_of)
    c.next++;
  /* Six school weeks of history, every day of it no later than today
   * (nothing is recorded before it happens). */
  if (demo->officer == NULL || c.next < 30 || school_day (&c, 0) > att_date_today ())
    return TRUE;

  /* The most worrying pupils on roll: severe absence first, then
   * persistent, in the generator's order. The first two cases have a
   * letter: their families can be written to and their registers hold
   * no N nor gap this school year (the officer would have put those
   * right before writing). */
  for (guint pass = 0; pass < 2; pass++)
    for (int profile = ATT_DEMO_PROFILE_SEVERE; profile >= ATT_DEMO_PROFILE_PERSISTENT && n < N_CASES; profile--)
      for (guint i = 0; i < demo->pupils->len && n < N_CASES; i++)
        {
          AttDemoPupil *p = att_demo_pupil (demo, i);
          gboolean taken = FALSE;
          gboolean clean;

          if (!p->on_roll || (int)p->profile != profile || p->id <= 0)
            continue;
          for (guint k = 0; k < n; k++)
            taken |= chosen[k] == p->id;
          if (taken)
            continue;
          if (!can_write_to (demo, p->id, &clean, error))
            return FALSE;
          if (pass == 1 || (clean && n < 2))
            chosen[n++] = p->id;
        }

  /* An attendance contract after early help was offered, the school
   * nurse involved, and the contract's letter. */
  if (n > 0)
    {
      if (!support (&c, chosen[0], ATT_CASE_SUPPORT_EARLY_HELP, "Early help team",
                    "Early help assessment offered to the family; mother agreed to it", -24, error)
          || !support (&c, chosen[0], ATT_CASE_SUPPORT_AGENCY, "School nurse",
                       "Referred to the school nurse about frequent stomach aches", -22, error))
        return FALSE;
      id = meeting (&c, chosen[0], -20, -15, "Mother, the pupil, the attendance officer, the head of year",
                    "Father (working)", "Anxiety on Monday mornings; caring for a younger brother at home",
                    "School: a mentor meets the pupil at the gate at 08:40 each morning.\n"
                    "Family: the younger brother goes to the breakfast club so that mornings are calmer.\n"
                    "Early help worker: first home visit within two weeks.",
                    8, 20, ATT_MEETING_OUTCOME_CONTRACT, error);
      if (id == 0 || !outcome_letter (&c, id, -14, error))
        return FALSE;
    }
  /* A support plan with its letter; support from the school itself. */
  if (n > 1)
    {
      if (!support (&c, chosen[1], ATT_CASE_SUPPORT_SUPPORT, NULL,
                    "Breakfast club place offered free of charge", -12, error))
        return FALSE;
      id = meeting (&c, chosen[1], -14, -10, "Both parents, the attendance officer", NULL,
                    "Late nights gaming; struggles with maths lessons",
                    "School: extra maths support twice a week.\nFamily: screens off at 21:00 on school nights.",
                    9, 15, ATT_MEETING_OUTCOME_SUPPORT_PLAN, error);
      if (id == 0 || !outcome_letter (&c, id, -9, error))
        return FALSE;
    }
  /* A review meeting agreed, the education welfare service involved, and
   * the review itself planned for next week. */
  if (n > 2)
    {
      if (!support (&c, chosen[2], ATT_CASE_SUPPORT_AGENCY, "Education welfare service",
                    "Referred to the education welfare service after no improvement", -6, error)
          || meeting (&c, chosen[2], -12, -8, "Mother, the attendance officer", "Father",
                      "Housing: the family moved across town and the bus takes an hour",
                      "School: apply for a bus pass with the family.\nFamily: tell the office by 08:30 on a day "
                      "the pupil is off.", 0, 10, ATT_MEETING_OUTCOME_REVIEW, error) == 0
          || (school_day (&c, 3) != ATT_DATE_NONE
              && meeting (&c, chosen[2], -1, 3, NULL, NULL, NULL, NULL, 0, 0,
                          ATT_MEETING_OUTCOME_NONE, error) == 0))
        return FALSE;
    }
  /* A meeting planned, not yet held, with social care involved. */
  if (n > 3 && school_day (&c, 4) != ATT_DATE_NONE)
    {
      if (!support (&c, chosen[3], ATT_CASE_SUPPORT_AGENCY, "Children's social care",
                    "Social worker allocated; the school shares attendance each week", -18, error)
          || meeting (&c, chosen[3], -2, 4, NULL, NULL, NULL, NULL, 0, 0, ATT_MEETING_OUTCOME_NONE, error) == 0)
        return FALSE;
    }
  /* A case closed once attendance was back on track. */
  if (n > 4
      && meeting (&c, chosen[4], -28, -25, "Father, the pupil, the attendance officer", NULL,
                  "A bereavement in the family in the spring",
                  "School: time with the school counsellor each week.", 0, 0,
                  ATT_MEETING_OUTCOME_CLOSED, error) == 0)
    return FALSE;
  return TRUE;
}
