/* att-report.c: the figures of the Reports page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report reads each pupil's compact register once: one pass over the
 * school sessions from the start of the period (or of the school year,
 * for the weekly trend and the lists) to the last day counted, adding
 * each session to the period's codes, its weekday, its week of the year
 * and the year-to-date figures the lists compare. What each code means
 * is the statistics' rule (att_figures_set_counts ()), and the sessions
 * a pupil counts are att_stats_pupil ()'s: on roll, up to today.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-error.h"
#include "att-penalty.h"
#include "att-pupils-private.h"
#include "att-register-private.h"
#include "att-report-private.h"
#include "att-school.h"
#include "att-stats-private.h"

G_DEFINE_BOXED_TYPE (AttReport, att_report, att_report_ref, att_report_unref)

/* The year-to-date parts the lists compare: before the last 4 school
 * weeks, the 3 school weeks before the last, and the last school week
 * to the period's end. */
enum
{
  PART_BEFORE_4,
  PART_BEFORE_1,
  PART_LAST,
  N_PARTS,
  PART_NONE = N_PARTS,      /* not in the school year of the lists */
};

/* What the scan knows of each session, shared by every pupil. */
enum
{
  SLOT_IN_PERIOD = 1 << 0,
  SLOT_PART_SHIFT = 1,      /* 2 bits: the year-to-date part */
  SLOT_WEEKDAY_SHIFT = 3,   /* 3 bits: Monday 0 to Friday 4 */
};

typedef struct
{
  const AttSessionSlot *slots;
  guint                 first;     /* the sessions scanned: [first, last) */
  guint                 last;
  int                   first_year;
  guint                 n_years;
  guint16              *year_of;   /* by session - first: school year - first_year */
  guint16              *slot_of;   /* its place in that year's array */
  gint16               *week_of;   /* its week in the report's weeks, or -1 */
  guint8               *flags;
} Scan;

/* One pupil's sums of the three year-to-date parts. */
typedef struct
{
  guint possible[N_PARTS];
  guint attended[N_PARTS];
  guint absent[N_PARTS];
} Parts;

/* What the lists and the breakdowns need of each pupil beside the
 * report's row. */
typedef struct
{
  Parts    parts;
  int      year;      /* the year group, as a number */
} PupilExtra;

/* What each code is, as lookup tables for the loop. */
typedef struct
{
  guint8 possible[ATT_CODE_N_CODES];
  guint8 attended[ATT_CODE_N_CODES];
  guint8 absent[ATT_CODE_N_CODES];
} Meanings;

static void
meanings_init (Meanings *m)
{
  for (guint c = 1; c < ATT_CODE_N_CODES; c++)
    {
      const AttCodeInfo *info = att_code_info ((AttCode)c);

      m->possible[c] = info->possible;
      m->attended[c] = info->possible && (info->meaning == ATT_MEANING_PRESENT ||
                                          info->meaning == ATT_MEANING_AEA);
      m->absent[c] = info->possible && (info->meaning == ATT_MEANING_AUTHORISED ||
                                        info->meaning == ATT_MEANING_UNAUTHORISED);
    }
  m->possible[0] = m->attended[0] = m->absent[0] = 0;
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->year_of, g_free);
  g_clear_pointer (&scan->slot_of, g_free);
  g_clear_pointer (&scan->week_of, g_free);
  g_clear_pointer (&scan->flags, g_free);
}

/* The first session of the scan from @lo on whose date is after @date. */
static guint
scan_first_after (const Scan *scan,
                  guint       lo,
                  AttDate     date)
{
  guint hi = scan->last;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (scan->slots[mid].date <= date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
group_clear (gpointer data)
{
  AttReportGroup *group = data;

  g_free (group->key);
  g_free (group->label);
}

static void
pupil_clear (gpointer data)
{
  AttReportPupil *pupil = data;

  g_free (pupil->upn);
  g_free (pupil->name);
  g_free (pupil->year_group);
  g_free (pupil->reg_group);
}

static void
entry_clear (gpointer data)
{
  AttReportListEntry *entry = data;

  g_free (entry->upn);
  g_free (entry->name);
  g_free (entry->reg_group);
}

static AttReport *
report_alloc (void)
{
  AttReport *self = g_new0 (AttReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  for (guint i = 0; i < ATT_REPORT_N_BY; i++)
    {
      self->groups[i] = g_array_new (FALSE, TRUE, sizeof (AttReportGroup));
      g_array_set_clear_func (self->groups[i], group_clear);
    }
  self->pupils = g_array_new (FALSE, TRUE, sizeof (AttReportPupil));
  g_array_set_clear_func (self->pupils, pupil_clear);
  self->weeks = g_array_new (FALSE, TRUE, sizeof (AttReportWeek));
  for (guint i = 0; i < ATT_REPORT_N_LISTS; i++)
    {
      self->lists[i] = g_array_new (FALSE, TRUE, sizeof (AttReportListEntry));
      g_array_set_clear_func (self->lists[i], entry_clear);
    }
  return self;
}

AttReport *
att_report_ref (AttReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
att_report_unref (AttReport *report)
{
  if (report == NULL)
    return;
  if (!g_atomic_ref_count_dec (&report->ref_count))
    return;
  for (guint i = 0; i < ATT_REPORT_N_BY; i++)
    g_array_unref (report->groups[i]);
  g_array_unref (report->pupils);
  g_array_unref (report->weeks);
  for (guint i = 0; i < ATT_REPORT_N_LISTS; i++)
    g_array_unref (report->lists[i]);
  g_free (report);
}

AttDate
att_report_get_from (AttReport *report)
{
  g_return_val_if_fail (report != NULL, ATT_DATE_NONE);
  return report->from;
}

AttDate
att_report_get_to (AttReport *report)
{
  g_return_val_if_fail (report != NULL, ATT_DATE_NONE);
  return report->to;
}

AttDate
att_report_get_until (AttReport *report)
{
  g_return_val_if_fail (report != NULL, ATT_DATE_NONE);
  return report->until;
}

AttReportFlags
att_report_get_flags (AttReport *report)
{
  g_return_val_if_fail (report != NULL, ATT_REPORT_NONE);
  return report->flags;
}

double
att_report_get_target (AttReport *report)
{
  g_return_val_if_fail (report != NULL, 0.0);
  return report->target;
}

const AttReportGroup *
att_report_get_groups (AttReport   *report,
                       AttReportBy  by,
                       guint       *n_groups)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (by < ATT_REPORT_N_BY, NULL);

  if (n_groups != NULL)
    *n_groups = report->groups[by]->len;
  return (const AttReportGroup *)report->groups[by]->data;
}

const AttReportGroup *
att_report_get_school (AttReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &g_array_index (report->groups[ATT_REPORT_BY_SCHOOL], AttReportGroup, 0);
}

const AttReportPupil *
att_report_get_pupils (AttReport *report,
                       guint     *n_pupils)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (n_pupils != NULL)
    *n_pupils = report->pupils->len;
  return (const AttReportPupil *)report->pupils->data;
}

const AttReportWeek *
att_report_get_weeks (AttReport *report,
                      guint     *n_weeks)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (n_weeks != NULL)
    *n_weeks = report->weeks->len;
  return (const AttReportWeek *)report->weeks->data;
}

void
att_report_get_weekdays (AttReport *report,
                         guint      possible[5],
                         guint      attended[5])
{
  g_return_if_fail (report != NULL);

  for (guint i = 0; i < 5; i++)
    {
      if (possible != NULL)
        possible[i] = report->weekday_possible[i];
      if (attended != NULL)
        attended[i] = report->weekday_attended[i];
    }
}

const guint *
att_report_get_codes (AttReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return att_report_get_school (report)->figures.codes;
}

const AttReportListEntry *
att_report_get_list (AttReport     *report,
                     AttReportList  list,
                     guint         *n_entries)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (list < ATT_REPORT_N_LISTS, NULL);

  if (n_entries != NULL)
    *n_entries = report->lists[list]->len;
  return (const AttReportListEntry *)report->lists[list]->data;
}

/* ------------------------------------------------------------------ */
/* The sessions                                                        */

/* The sessions of [@scan_from, @until] with what each pupil's pass needs
 * of them. @year_start is 1 September of the report's school year (its
 * weeks start on the Monday of that week); @before_4 and @before_1 are
 * the first days of the lists' last 4 and last school weeks. */
static void
scan_init (Scan        *scan,
           AttCalendar *calendar,
           AttDate      scan_from,
           AttDate      from,
           AttDate      until,
           AttDate      year_start,
           AttDate      year_end,
           AttDate      first_monday,
           AttDate      before_4,
           AttDate      before_1,
           gboolean     figures_only)
{
  guint n_slots, n;
  int last_year;

  memset (scan, 0, sizeof *scan);
  scan->slots = att_calendar_get_sessions (calendar, &n_slots);
  scan->first = att_calendar_session_index (calendar, scan_from);
  scan->last = scan->first;
  while (scan->last < n_slots && scan->slots[scan->last].date <= until)
    scan->last++;
  n = scan->last - scan->first;
  if (n == 0)
    return;

  scan->first_year = att_date_school_year (scan->slots[scan->first].date);
  last_year = att_date_school_year (scan->slots[scan->last - 1].date);
  scan->n_years = (guint)(last_year - scan->first_year + 1);
  scan->year_of = g_new (guint16, n);
  scan->slot_of = g_new (guint16, n);
  scan->week_of = g_new (gint16, n);
  scan->flags = g_new (guint8, n);

  {
    AttDate next_year = ATT_DATE_NONE, start = ATT_DATE_NONE;
    guint16 y = 0;

    for (guint k = 0; k < n; k++)
      {
        const AttSessionSlot *slot = &scan->slots[scan->first + k];
        AttDate date = slot->date;
        guint part = PART_NONE;
        guint8 flags = 0;

        if (date >= next_year)
          {
            int year = att_date_school_year (date);

            y = (guint16)(year - scan->first_year);
            start = att_date_from_ymd (year, 9, 1);
            next_year = att_date_from_ymd (year + 1, 9, 1);
          }
        scan->year_of[k] = y;
        scan->slot_of[k] = (guint16)att_register_slot (start, date, slot->session);
        scan->week_of[k] = -1;
        if (date >= from)
          flags |= SLOT_IN_PERIOD;
        if (!figures_only && date >= year_start && date <= year_end)
          {
            scan->week_of[k] = (gint16)((att_date_monday (date) - first_monday) / 7);
            if (before_4 != ATT_DATE_NONE)
              part = date < before_4 ? PART_BEFORE_4 : date < before_1 ? PART_BEFORE_1 : PART_LAST;
          }
        flags |= part << SLOT_PART_SHIFT;
        flags |= (guint8)((att_date_weekday (date) - 1) << SLOT_WEEKDAY_SHIFT);
        scan->flags[k] = flags;
      }
  }
}

/* One pupil's pass: the period's count of each code, and (unless
 * figures only) the weeks' and the year-to-date parts' sessions. */
static void
scan_pupil (AttDb               *db,
            const Scan          *scan,
            const Meanings      *m,
            const AttPupilDates *pupil,
            AttDate              until,
            guint                counts[ATT_CODE_N_CODES],
            guint                weekday_possible[5],
            guint                weekday_attended[5],
            AttReportWeek       *weeks,
            Parts               *parts)
{
  const guint8 *codes = NULL;
  guint lo, hi, year = G_MAXUINT;
  AttDate to;

  if (pupil->admission == ATT_DATE_NONE || scan->last == scan->first)
    return;
  to = pupil->leaving != ATT_DATE_NONE ? MIN (pupil->leaving, until) : until;
  lo = scan_first_after (scan, scan->first, pupil->admission - 1);
  hi = scan_first_after (scan, lo, to);

  for (guint i = lo; i < hi; i++)
    {
      guint k = i - scan->first;
      guint8 flags = scan->flags[k];
      guint c, part;
      gint16 week;

      if (scan->year_of[k] != year)
        {
          year = scan->year_of[k];
          codes = att_register_year_codes_fast (db, pupil->id, scan->first_year + (int)year);
        }
      c = codes != NULL ? codes[scan->slot_of[k]] : ATT_CODE_NONE;

      if (flags & SLOT_IN_PERIOD)
        {
          guint wd = flags >> SLOT_WEEKDAY_SHIFT;

          counts[c]++;
          if (wd < 5)
            {
              weekday_possible[wd] += m->possible[c];
              weekday_attended[wd] += m->attended[c];
            }
        }
      week = scan->week_of[k];
      if (week >= 0)
        {
          weeks[week].possible += m->possible[c];
          weeks[week].attended += m->attended[c];
        }
      part = (flags >> SLOT_PART_SHIFT) & 3;
      if (part != PART_NONE)
        {
          parts->possible[part] += m->possible[c];
          parts->attended[part] += m->attended[c];
          parts->absent[part] += m->absent[c];
        }
    }
}

/* ------------------------------------------------------------------ */
/* The rows                                                            */

static AttReportGroup *
add_group (GArray      *groups,
           AttReportBy  by,
           const char  *key,
           const char  *label)
{
  AttReportGroup group = { 0 };

  group.by = by;
  group.key = g_strdup (key);
  group.label = g_strdup (label);
  g_array_append_val (groups, group);
  return &g_array_index (groups, AttReportGroup, groups->len - 1);
}

static void
group_add_pupil (AttReportGroup       *group,
                 const AttReportPupil *pupil)
{
  att_figures_add (&group->figures, &pupil->figures);
  if (pupil->figures.possible > 0)
    group->pupils++;
  group->persistent += pupil->persistent;
  group->severe += pupil->severe;
}

static guint
pupil_cohorts (AttPupil *pupil)
{
  guint cohorts = 0;

  if (pupil->sex == 'M')
    cohorts |= 1u << ATT_COHORT_MALE;
  else if (pupil->sex == 'F')
    cohorts |= 1u << ATT_COHORT_FEMALE;
  cohorts |= 1u << (pupil->fsm ? ATT_COHORT_FSM : ATT_COHORT_NOT_FSM);
  if (pupil->sen == ATT_SEN_SUPPORT)
    cohorts |= 1u << ATT_COHORT_SEN_SUPPORT;
  else if (pupil->sen == ATT_SEN_EHCP)
    cohorts |= 1u << ATT_COHORT_EHC_PLAN;
  else
    cohorts |= 1u << ATT_COHORT_NO_SEN;
  if (pupil->eal)
    cohorts |= 1u << ATT_COHORT_EAL;
  if (pupil->looked_after)
    cohorts |= 1u << ATT_COHORT_LOOKED_AFTER;
  if (pupil->social_worker)
    cohorts |= 1u << ATT_COHORT_SOCIAL_WORKER;
  if (pupil->young_carer)
    cohorts |= 1u << ATT_COHORT_YOUNG_CARER;
  return cohorts;
}

static char *
list_name (AttPupil *pupil)
{
  return g_strconcat (att_pupil_get_surname (pupil), ", ", att_pupil_get_forename (pupil), NULL);
}

/* att_year_group_format ()'s keys, without formatting each pupil's. */
static const char * const year_keys[ATT_YEAR_MAX + 1] = {
  "R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
};

/* A registration group's name and its key for sorting. */
typedef struct
{
  const char *name;
  char       *key;
} RegGroupKey;

static int
compare_reg_groups (gconstpointer a,
                    gconstpointer b)
{
  const RegGroupKey *x = a, *y = b;

  return strcmp (x->key, y->key);
}

/* The breakdowns, from the pupils' figures. */
static void
make_groups (AttReport        *self,
             const PupilExtra *extras)
{
  AttReportGroup *school;
  AttReportGroup *years[ATT_YEAR_MAX + 1] = { NULL };
  AttReportGroup *cohorts[ATT_N_COHORTS];
  g_autoptr(GHashTable) reg_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) reg_keys = g_array_new (FALSE, FALSE, sizeof (RegGroupKey));
  g_autoptr(GArray) reg_rows = g_array_new (FALSE, TRUE, sizeof (AttReportGroup));
  gboolean present[ATT_YEAR_MAX + 1] = { FALSE };
  g_autoptr(GArray) year_rows = g_array_new (FALSE, TRUE, sizeof (AttReportGroup));

  school = add_group (self->groups[ATT_REPORT_BY_SCHOOL], ATT_REPORT_BY_SCHOOL,
                      "school", _("Whole school"));
  for (guint c = 0; c < ATT_N_COHORTS; c++)
    add_group (self->groups[ATT_REPORT_BY_COHORT], ATT_REPORT_BY_COHORT,
               att_cohort_to_string ((AttCohort)c), att_cohort_label ((AttCohort)c));
  for (guint c = 0; c < ATT_N_COHORTS; c++)
    cohorts[c] = &g_array_index (self->groups[ATT_REPORT_BY_COHORT], AttReportGroup, c);

  /* Year groups present, in year order. */
  for (guint i = 0; i < self->pupils->len; i++)
    {
      int year = extras[i].year;

      if (year < 0 || year > ATT_YEAR_MAX)
        continue;
      present[year] = TRUE;
    }
  for (int year = 0; year <= ATT_YEAR_MAX; year++)
    {
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;

      if (!present[year])
        continue;
      key = att_year_group_format (year);
      label = year == ATT_YEAR_RECEPTION ? g_strdup (_("Reception"))
                                         : g_strdup_printf (_("Year %d"), year);
      add_group (self->groups[ATT_REPORT_BY_YEAR], ATT_REPORT_BY_YEAR, key, label);
    }
  for (guint i = 0, n = 0; i <= ATT_YEAR_MAX; i++)
    if (present[i])
      years[i] = &g_array_index (self->groups[ATT_REPORT_BY_YEAR], AttReportGroup, n++);

  /* Registration groups, in the order of their names (numbers as
   * numbers: 7A before 10A). */
  for (guint i = 0; i < self->pupils->len; i++)
    {
      const AttReportPupil *pupil = &g_array_index (self->pupils, AttReportPupil, i);

      if (!g_hash_table_contains (reg_index, pupil->reg_group))
        {
          RegGroupKey key = { pupil->reg_group,
                              g_utf8_collate_key_for_filename (pupil->reg_group, -1) };

          g_hash_table_insert (reg_index, (gpointer)pupil->reg_group, GUINT_TO_POINTER (reg_keys->len));
          g_array_append_val (reg_keys, key);
        }
    }
  g_array_sort (reg_keys, compare_reg_groups);
  for (guint i = 0; i < reg_keys->len; i++)
    {
      RegGroupKey *key = &g_array_index (reg_keys, RegGroupKey, i);

      g_hash_table_insert (reg_index, (gpointer)key->name, GUINT_TO_POINTER (i));
      add_group (self->groups[ATT_REPORT_BY_GROUP], ATT_REPORT_BY_GROUP,
                 key->name, key->name[0] != '\0' ? key->name : _("No registration group"));
      g_free (key->key);
    }

  for (guint i = 0; i < self->pupils->len; i++)
    {
      const AttReportPupil *pupil = &g_array_index (self->pupils, AttReportPupil, i);
      int year = extras[i].year;
      guint reg;

      group_add_pupil (school, pupil);
      if (year >= 0 && year <= ATT_YEAR_MAX && years[year] != NULL)
        group_add_pupil (years[year], pupil);
      reg = GPOINTER_TO_UINT (g_hash_table_lookup (reg_index, pupil->reg_group));
      group_add_pupil (&g_array_index (self->groups[ATT_REPORT_BY_GROUP], AttReportGroup, reg), pupil);
      for (guint c = 0; c < ATT_N_COHORTS; c++)
        if (pupil->cohorts & (1u << c))
          group_add_pupil (cohorts[c], pupil);
    }
}

/* ------------------------------------------------------------------ */
/* The lists                                                           */

static void
parts_sum (const Parts *parts,
           guint        n,
           AttFigures  *figures)
{
  memset (figures, 0, sizeof *figures);
  for (guint i = 0; i < n; i++)
    {
      figures->possible += parts->possible[i];
      figures->present += parts->attended[i];
      figures->authorised += parts->absent[i];
    }
}

static void
add_entry (AttReport             *self,
           AttReportList          list,
           const AttReportPupil  *pupil,
           double                 value,
           double                 before,
           guint                  possible,
           guint                  absent)
{
  AttReportListEntry entry = { 0 };

  entry.pupil_id = pupil->pupil_id;
  entry.upn = g_strdup (pupil->upn);
  entry.name = g_strdup (pupil->name);
  entry.reg_group = g_strdup (pupil->reg_group);
  entry.value = value;
  entry.before = before;
  entry.possible = possible;
  entry.absent = absent;
  g_array_append_val (self->lists[list], entry);
}

/* Lowest attendance first (exact fractions: absent / possible, most
 * first), then in name order, which is the order entries were added. */
typedef struct
{
  guint   index;      /* the pupil's, for name order */
  guint   absent;
  guint   possible;
  double  fall;
} Ranked;

static int
compare_absence (gconstpointer a,
                 gconstpointer b)
{
  const Ranked *x = a, *y = b;
  guint64 l = (guint64)x->absent * y->possible;
  guint64 r = (guint64)y->absent * x->possible;

  if (l != r)
    return l > r ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_fall (gconstpointer a,
              gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->fall != y->fall)
    return x->fall > y->fall ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

#define FALLING_LIST_LENGTH 25

static void
make_lists (AttReport        *self,
            const PupilExtra *extras,
            gboolean          has_weeks)
{
  g_autoptr(GArray) persistent = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) severe = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) falling = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < self->pupils->len; i++)
    {
      const AttReportPupil *pupil = &g_array_index (self->pupils, AttReportPupil, i);
      const AttFigures *f = &pupil->figures;
      Ranked r = { i, att_figures_absent (f), f->possible, 0.0 };

      if (pupil->persistent)
        g_array_append_val (persistent, r);
      if (pupil->severe)
        g_array_append_val (severe, r);

      if (has_weeks)
        {
          AttFigures now, before_1, before_4;

          parts_sum (&extras[i].parts, N_PARTS, &now);
          parts_sum (&extras[i].parts, PART_LAST, &before_1);
          parts_sum (&extras[i].parts, PART_BEFORE_1, &before_4);
          if (att_figures_persistent (&now) && !att_figures_persistent (&before_1))
            {
              Ranked n = { i, now.authorised, now.possible, 0.0 };

              g_array_append_val (fresh, n);
            }
          if (now.possible > 0 && before_4.possible > 0)
            {
              double was = (double)before_4.present / before_4.possible;
              double is = (double)now.present / now.possible;

              if (is < was)
                {
                  Ranked n = { i, now.authorised, now.possible, (was - is) };

                  g_array_append_val (falling, n);
                }
            }
        }
    }

  g_array_sort (persistent, compare_absence);
  g_array_sort (severe, compare_absence);
  g_array_sort (fresh, compare_absence);
  g_array_sort (falling, compare_fall);

  for (guint i = 0; i < persistent->len; i++)
    {
      const AttReportPupil *p = &g_array_index (self->pupils, AttReportPupil,
                                                g_array_index (persistent, Ranked, i).index);

      add_entry (self, ATT_REPORT_LIST_PERSISTENT, p, att_figures_attendance_pct (&p->figures), 0.0,
                 p->figures.possible, att_figures_absent (&p->figures));
    }
  for (guint i = 0; i < severe->len; i++)
    {
      const AttReportPupil *p = &g_array_index (self->pupils, AttReportPupil,
                                                g_array_index (severe, Ranked, i).index);

      add_entry (self, ATT_REPORT_LIST_SEVERE, p, att_figures_attendance_pct (&p->figures), 0.0,
                 p->figures.possible, att_figures_absent (&p->figures));
    }
  for (guint i = 0; i < fresh->len; i++)
    {
      guint index = g_array_index (fresh, Ranked, i).index;
      const AttReportPupil *p = &g_array_index (self->pupils, AttReportPupil, index);
      AttFigures now, before_1;

      parts_sum (&extras[index].parts, N_PARTS, &now);
      parts_sum (&extras[index].parts, PART_LAST, &before_1);
      add_entry (self, ATT_REPORT_LIST_NEW_PERSISTENT, p, att_figures_attendance_pct (&now),
                 att_figures_attendance_pct (&before_1), now.possible, now.authorised);
    }
  for (guint i = 0; i < MIN (falling->len, FALLING_LIST_LENGTH); i++)
    {
      guint index = g_array_index (falling, Ranked, i).index;
      const AttReportPupil *p = &g_array_index (self->pupils, AttReportPupil, index);
      AttFigures now, before_4;

      parts_sum (&extras[index].parts, N_PARTS, &now);
      parts_sum (&extras[index].parts, PART_BEFORE_1, &before_4);
      add_entry (self, ATT_REPORT_LIST_FALLING, p, att_figures_attendance_pct (&now),
                 att_figures_attendance_pct (&before_4), now.possible, now.authorised);
    }
}

typedef struct
{
  guint            index;   /* the pupil's, for name order */
  const AttBreach *breach;
} Near;

static int
compare_near (gconstpointer a,
              gconstpointer b)
{
  const Near *x = a, *y = b;

  if (x->breach->sessions != y->breach->sessions)
    return x->breach->sessions > y->breach->sessions ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The pupils at or within ATT_PENALTY_NEAR_SESSIONS of the threshold on
 * the period's end, as the penalty list counts them: most sessions
 * first, then by name. */
static gboolean
make_threshold_list (AttReport   *self,
                     AttDb       *db,
                     GHashTable  *index_of,
                     GError     **error)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Near));

  if (self->until < self->from)
    return TRUE;
  counts = att_threshold_counts (db, self->until,
                                 ATT_THRESHOLD_SESSIONS - ATT_PENALTY_NEAR_SESSIONS, error);
  if (counts == NULL)
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      const AttBreach *breach = &g_array_index (counts, AttBreach, i);
      gpointer index;

      if (!g_hash_table_lookup_extended (index_of, &breach->pupil_id, NULL, &index))
        continue;
      {
        Near near = { GPOINTER_TO_UINT (index), breach };

        g_array_append_val (ranked, near);
      }
    }
  g_array_sort (ranked, compare_near);
  for (guint i = 0; i < ranked->len; i++)
    {
      const Near *near = &g_array_index (ranked, Near, i);
      const AttBreach *breach = near->breach;
      const AttReportPupil *p = &g_array_index (self->pupils, AttReportPupil, near->index);
      AttFigures window;

      if (!att_stats_pupil (db, p->pupil_id, breach->window_start, breach->window_end, &window, error))
        return FALSE;
      add_entry (self, ATT_REPORT_LIST_THRESHOLD, p, breach->sessions, breach->school_weeks,
                 window.possible, breach->sessions);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The report                                                          */

static AttReport *
report_new (AttDb           *db,
            AttDate          from,
            AttDate          to,
            AttReportFlags   flags,
            GError         **error)
{
  g_autoptr(AttReport) self = report_alloc ();
  g_autoptr(GPtrArray) pupils = NULL;
  g_autoptr(GHashTable) index_of = NULL;
  g_autofree PupilExtra *extras = NULL;
  gboolean figures_only = (flags & ATT_REPORT_FIGURES_ONLY) != 0;
  AttCalendar *calendar;
  AttDate end, year_start, year_end, first_monday, scan_from;
  AttDate before_4 = ATT_DATE_NONE, before_1 = ATT_DATE_NONE;
  Meanings meanings;
  Scan scan;

  self->from = from;
  self->to = to;
  self->until = MIN (to, att_date_today ());
  self->flags = flags;
  self->target = att_school_attendance_target (db);

  end = self->until >= from ? self->until : to;
  self->school_year = att_date_school_year (end);
  year_start = att_date_from_ymd (self->school_year, 9, 1);
  year_end = att_date_from_ymd (self->school_year + 1, 8, 31);
  first_monday = att_date_monday (year_start);

  /* The pupils from the database's list of every pupil, read once and
   * kept while nothing changes: the page asks again for each period and
   * for last year's beside it. */
  if (att_pupils_list (db, error) == NULL)
    return NULL;
  pupils = att_pupils_list_on_roll (db, from, to, error);
  if (pupils == NULL)
    return NULL;

  att_register_sync (db);
  calendar = att_db_get_calendar (db);

  if (!figures_only)
    {
      guint n_slots;
      const AttSessionSlot *slots = att_calendar_get_sessions (calendar, &n_slots);
      guint last = att_calendar_session_index (calendar, self->until + 1);

      for (AttDate monday = first_monday; monday <= year_end; monday += 7)
        {
          AttReportWeek week = { monday, att_calendar_school_week (calendar, monday) != 0, 0, 0 };

          g_array_append_val (self->weeks, week);
        }

      /* The last school week to the period's end, and the 3 before it. */
      if (self->until >= from && last > 0 && slots[last - 1].date >= year_start)
        {
          guint32 week = slots[last - 1].week;
          guint first = last - 1;

          before_1 = att_date_monday (slots[last - 1].date);
          while (first > 0 && slots[first - 1].week + 3 >= week)
            first--;
          before_4 = MAX (att_date_monday (slots[first].date), year_start);
        }
    }

  scan_from = figures_only ? from : MIN (from, year_start);
  scan_init (&scan, calendar, scan_from, from, self->until, year_start, year_end,
             first_monday, before_4, before_1, figures_only);
  meanings_init (&meanings);

  extras = g_new0 (PupilExtra, pupils->len);
  index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < pupils->len; i++)
    {
      AttPupil *pupil = g_ptr_array_index (pupils, i);
      AttPupilDates dates = { pupil->id, pupil->dob, pupil->admission, pupil->leaving };
      guint counts[ATT_CODE_N_CODES] = { 0 };
      AttReportPupil row = { 0 };
      PupilExtra *extra;

      if ((flags & ATT_REPORT_AGES_5_TO_15) &&
          !_att_report_age_5_to_15 (pupil->dob, self->school_year))
        continue;

      extra = &extras[self->pupils->len];
      /* Sessions from the period's start count towards its figures;
       * the weeks and the lists see the whole school year. */
      scan_pupil (db, &scan, &meanings, &dates, self->until, counts,
                  self->weekday_possible, self->weekday_attended,
                  (AttReportWeek *)self->weeks->data, &extra->parts);

      row.figures.pupil_id = pupil->id;
      att_figures_set_counts (&row.figures, counts);
      row.pupil_id = pupil->id;
      row.upn = g_strdup (pupil->upn);
      row.name = list_name (pupil);
      row.year_group = pupil->year_group >= 0 && pupil->year_group <= ATT_YEAR_MAX
                       ? g_strdup (year_keys[pupil->year_group])
                       : att_year_group_format (pupil->year_group);
      extra->year = pupil->year_group;
      row.reg_group = g_strdup (pupil->reg_group != NULL ? pupil->reg_group : "");
      row.cohorts = pupil_cohorts (pupil);
      row.persistent = att_figures_persistent (&row.figures);
      row.severe = att_figures_severe (&row.figures);
      g_array_append_val (self->pupils, row);
      g_hash_table_insert (index_of, &pupil->id, GUINT_TO_POINTER (self->pupils->len - 1));
    }
  scan_clear (&scan);

  make_groups (self, extras);
  if (!figures_only)
    {
      make_lists (self, extras, before_1 != ATT_DATE_NONE);
      if (!make_threshold_list (self, db, index_of, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

AttReport *
att_report_new (AttDb           *db,
                AttDate          from,
                AttDate          to,
                AttReportFlags   flags,
                GError         **error)
{
  AttReport *report;
  gboolean begun;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);

  if (from == ATT_DATE_NONE || to == ATT_DATE_NONE || from > to)
    {
      g_autofree char *a = from != ATT_DATE_NONE ? att_date_format (from) : g_strdup ("?");
      g_autofree char *b = to != ATT_DATE_NONE ? att_date_format (to) : g_strdup ("?");

      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("The report’s period runs from %s to %s: the first day must be on or before the last"),
                   a, b);
      return NULL;
    }

  /* One snapshot for the pupils, the register and the threshold. */
  begun = att_db_begin_read (db);
  report = report_new (db, from, to, flags, error);
  att_db_end_read (db, begun);
  return report;
}
