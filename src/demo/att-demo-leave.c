/* att-demo-leave.c: the demo school's requests for leave of absence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request in every state the office meets, made from the registers once
 * they are written and through the core's leave functions, as the office
 * and the headteacher would: three waiting for a decision (one a form for
 * a brother and sister), two agreed ahead (exceptional circumstances and
 * religious observance), one holiday partly agreed, the family holiday at
 * the penalty threshold refused beforehand and taken anyway (its sessions
 * are G in the register), one withdrawn, and a part-time timetable of
 * afternoons up to the as-of date, its review due then.
 */
#include "config.h"

#include "att-demo-private.h"
#include "att-leave.h"
#include "att-register.h"

typedef struct
{
  AttDemo        *demo;
  const AttUser  *head;
  AttDemoRng      rng;
  guint           next;        /* index in school_days of the first day after as_of */
  GHashTable     *used;        /* pupil index -> taken */
} Leave;

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
 * before it (0: the last one on or before), or ATT_DATE_NONE past the
 * years written. */
static AttDate
school_day (Leave *l,
            int    offset)
{
  GArray *days = l->demo->school_days;
  gint64 k = (gint64)l->next + offset - 1;

  if (k < 0 || k >= (gint64)days->len)
    return ATT_DATE_NONE;
  return g_array_index (days, AttDate, k);
}

/* A pupil on roll, not yet used, not of a family on the threshold
 * holiday, of a family of @children or more on roll (0: any). */
static AttDemoPupil *
pick (Leave *l,
      guint  children)
{
  guint n = l->demo->pupils->len;

  for (guint tries = 0; tries < n * 2; tries++)
    {
      guint i = att_demo_rng_below (&l->rng, n);
      AttDemoPupil *p = att_demo_pupil (l->demo, i);
      AttDemoFamily *f;

      if (!p->on_roll || p->family < 0 || g_hash_table_contains (l->used, GUINT_TO_POINTER (i + 1)))
        continue;
      f = att_demo_family (l->demo, p->family);
      if (f->threshold_holiday != 0 || f->foster || f->n_children < children)
        continue;
      g_hash_table_add (l->used, GUINT_TO_POINTER (i + 1));
      return p;
    }
  return NULL;
}

/* The brothers and sisters of @p on roll, @p first. */
static GArray *
family_of (Leave        *l,
           AttDemoPupil *p)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, p->id);
  for (guint i = 0; i < l->demo->pupils->len; i++)
    {
      AttDemoPupil *q = att_demo_pupil (l->demo, i);

      if (q != p && q->on_roll && q->family == p->family)
        {
          g_array_append_val (ids, q->id);
          g_hash_table_add (l->used, GUINT_TO_POINTER (i + 1));
        }
    }
  return ids;
}

static gint64
record (Leave          *l,
        const gint64   *ids,
        guint           n,
        AttLeaveType    type,
        AttDate         first,
        AttDate         last,
        AttDate         received,
        const char     *reason,
        const char     *evidence,
        guint           pattern,
        AttDate         review,
        GError        **error)
{
  g_autoptr(GArray) made = NULL;
  g_autofree char *who = NULL;
  AttLeaveInput input = { 0 };

  for (guint i = 0; i < l->demo->pupils->len && who == NULL; i++)
    {
      AttDemoPupil *p = att_demo_pupil (l->demo, i);
      AttDemoFamily *f;

      if (p->id != ids[0] || p->family < 0)
        continue;
      /* The first contact, a parent the children live with, asks. */
      f = att_demo_family (l->demo, p->family);
      who = g_strdup_printf ("%s %s %s", f->c_title[0], f->c_forename[0], f->c_surname[0]);
    }

  input.pupil_ids = ids;
  input.n_pupils = n;
  input.type = type;
  input.first_date = first;
  input.first_session = ATT_SESSION_AM;
  input.last_date = last;
  input.last_session = ATT_SESSION_PM;
  input.return_date = ATT_DATE_NONE;
  input.reason = reason;
  input.evidence = evidence;
  input.requested_by = who;
  input.received = received;
  input.pattern = pattern;
  input.review_date = review;
  input.at = local_time (received, 9 * 60 + 20);
  made = att_leave_record (l->demo->db, l->demo->reception, &input, error);
  if (made == NULL)
    return 0;
  return g_array_index (made, gint64, 0);
}

static gboolean
decide (Leave           *l,
        gint64           id,
        AttLeaveVerdict  verdict,
        const AttLeaveSession *agreed,
        guint            n_agreed,
        const char      *reasons,
        const char      *amend_reason,
        AttDate          day,
        GError         **error)
{
  AttLeaveDecision decision = { verdict, agreed, n_agreed, reasons, amend_reason,
                                local_time (day, 16 * 60 + 10) };

  return att_leave_decide (l->demo->db, l->head, id, &decision, error);
}

/* The family on the threshold holiday asked beforehand and were refused;
 * they went anyway, and the register holds G for the week. */
static gboolean
refused_then_taken (Leave   *l,
                    GError **error)
{
  for (guint i = 0; i < l->demo->pupils->len; i++)
    {
      AttDemoPupil *p = att_demo_pupil (l->demo, i);
      AttDemoFamily *f = p->family >= 0 ? att_demo_family (l->demo, p->family) : NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) group = NULL;
      AttLeaveFilter filter = ATT_LEAVE_FILTER_ALL;
      AttDate first, last = ATT_DATE_NONE;
      guint k, n = 0;
      gint64 id;

      if (f == NULL || f->threshold_holiday == 0 || !p->on_roll)
        continue;
      first = f->threshold_holiday;
      /* Its five school days. */
      for (k = 0; k < l->demo->school_days->len && n < 5; k++)
        {
          AttDate d = g_array_index (l->demo->school_days, AttDate, k);

          if (d >= first)
            {
              last = d;
              n++;
            }
        }
      if (n < 5 || att_register_code (l->demo->db, p->id, first, ATT_SESSION_AM) != ATT_CODE_G)
        continue;
      ids = family_of (l, p);
      id = record (l, (const gint64 *)(gpointer)ids->data, ids->len, ATT_LEAVE_HOLIDAY, first, last,
                   first - 24, "A week in Tenerife: the flights are much cheaper in term time",
                   NULL, 0, ATT_DATE_NONE, error);
      if (id == 0)
        return FALSE;
      filter.group_id = id;
      group = att_leave_list (l->demo->db, &filter, error);
      if (group == NULL)
        return FALSE;
      /* One decision for each child. */
      for (guint j = 0; j < group->len; j++)
        if (!decide (l, ((AttLeave *)group->pdata[j])->id, ATT_LEAVE_REFUSE, NULL, 0,
                     "A family holiday is not an exceptional circumstance. If the children are absent the sessions will be unauthorised and may lead to a penalty notice.",
                     NULL, first - 20, error))
          return FALSE;
      return TRUE;
    }
  return TRUE;
}

gboolean
att_demo_write_leave (AttDemo  *demo,
                      GError  **error)
{
  Leave l = { 0 };
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  AttDemoPupil *p;
  gint64 id;
  AttDate today = demo->as_of;

  l.demo = demo;
  l.used = used;
  att_demo_rng_init (&l.rng, demo->seed, G_GUINT64_CONSTANT (0x1ea7e));
  for (guint i = 0; i < demo->users->len && l.head == NULL; i++)
    if (((AttUser *)demo->users->pdata[i])->role == ATT_ROLE_HEADTEACHER)
      l.head = demo->users->pdata[i];
  while (l.next < demo->school_days->len && g_array_index (demo->school_days, AttDate, l.next) <= demo->as_of)
    l.next++;
  /* A school with fewer than four weeks behind it, or the end of the
   * school year in under eight weeks, has no leave to show. Leave agreed
   * ahead is some weeks off, as the notice the school asks for makes
   * it. */
  if (l.head == NULL || l.next < 20 || school_day (&l, 36) == ATT_DATE_NONE)
    return TRUE;

  if (!refused_then_taken (&l, error))
    return FALSE;

  /* Waiting: a funeral abroad, a brother and sister's holiday, a
   * performance abroad. */
  if ((p = pick (&l, 0)) != NULL &&
      record (&l, &p->id, 1, ATT_LEAVE_EXCEPTIONAL, school_day (&l, 10), school_day (&l, 12), today - 2,
              "My father has died and the funeral is in Lahore. We need to travel for three days.",
              NULL, 0, ATT_DATE_NONE, error) == 0)
    return FALSE;
  if ((p = pick (&l, 2)) != NULL)
    {
      g_autoptr(GArray) ids = family_of (&l, p);

      if (record (&l, (const gint64 *)(gpointer)ids->data, ids->len, ATT_LEAVE_HOLIDAY,
                  school_day (&l, 15), school_day (&l, 19), today - 1,
                  "Our only chance to visit family in Poland this year", NULL, 0, ATT_DATE_NONE, error) == 0)
        return FALSE;
    }
  if ((p = pick (&l, 0)) != NULL &&
      record (&l, &p->id, 1, ATT_LEAVE_PERFORMANCE, school_day (&l, 8), school_day (&l, 9), today,
              "Dancing with the touring company in Dublin", "The performance licence from the local authority",
              0, ATT_DATE_NONE, error) == 0)
    return FALSE;

  /* Agreed ahead: the register shows C and R on the days. */
  if ((p = pick (&l, 0)) != NULL)
    {
      id = record (&l, &p->id, 1, ATT_LEAVE_EXCEPTIONAL, school_day (&l, 23), school_day (&l, 24), today - 15,
                   "Her mother is having an operation and there is no one else to look after her",
                   "The hospital's letter", 0, ATT_DATE_NONE, error);
      if (id == 0 ||
          !decide (&l, id, ATT_LEAVE_AGREE_ALL, NULL, 0,
                   "Unavoidable and short: there is no one else to care for her.", NULL, today - 12, error))
        return FALSE;
    }
  if ((p = pick (&l, 0)) != NULL)
    {
      id = record (&l, &p->id, 1, ATT_LEAVE_RELIGIOUS, school_day (&l, 22), school_day (&l, 22), today - 20,
                   "A day set apart by our church for its festival", NULL, 0, ATT_DATE_NONE, error);
      if (id == 0 ||
          !decide (&l, id, ATT_LEAVE_AGREE_ALL, NULL, 0,
                   "A day set apart for religious observance by the family's religious body.", NULL,
                   today - 18, error))
        return FALSE;
    }

  /* Partly agreed: a wedding abroad, the day itself and the journey. */
  if ((p = pick (&l, 0)) != NULL)
    {
      AttLeaveSession agreed[4];

      for (guint k = 0; k < 4; k++)
        {
          agreed[k].date = school_day (&l, 26 + (int)k / 2);
          agreed[k].session = k % 2;
        }
      id = record (&l, &p->id, 1, ATT_LEAVE_HOLIDAY, school_day (&l, 26), school_day (&l, 30), today - 25,
                   "Her aunt's wedding in Accra, and a holiday with the family after", NULL, 0,
                   ATT_DATE_NONE, error);
      if (id == 0 ||
          !decide (&l, id, ATT_LEAVE_AGREE_SOME, agreed, G_N_ELEMENTS (agreed),
                   "The wedding and the journey are agreed as exceptional; the holiday after is not.",
                   NULL, today - 21, error))
        return FALSE;
    }

  /* Withdrawn: the family changed their plans. */
  if ((p = pick (&l, 0)) != NULL)
    {
      id = record (&l, &p->id, 1, ATT_LEAVE_HOLIDAY, school_day (&l, 31), school_day (&l, 35), today - 10,
                   "A week away for his grandparents' anniversary", NULL, 0, ATT_DATE_NONE, error);
      if (id == 0 ||
          !att_leave_withdraw (demo->db, demo->reception, id, "The family changed their plans", error))
        return FALSE;
    }

  /* A part-time timetable of afternoons, from three weeks ago to today,
   * its review due today (to end it or to agree more). Nothing is filled
   * after the as-of date but the leave agreed ahead, and never on the
   * next school day, which a school may still close. */
  if ((p = pick (&l, 0)) != NULL)
    {
      AttDate start = school_day (&l, -14);

      id = record (&l, &p->id, 1, ATT_LEAVE_PART_TIME, start, school_day (&l, 0), start - 3,
                   "A phased return to school after a long illness, mornings only at first",
                   "The paediatrician's letter", ATT_LEAVE_PATTERN_AFTERNOONS, today, error);
      if (id == 0 ||
          !decide (&l, id, ATT_LEAVE_AGREE_ALL, NULL, 0,
                   "Agreed with the family and the school nurse; reviewed at least every six weeks.",
                   "Part-time timetable agreed", start - 1, error))
        return FALSE;
    }
  return TRUE;
}
