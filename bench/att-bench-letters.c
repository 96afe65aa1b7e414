/* att-bench-letters.c: how fast a batch of letters is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes the 2,000-pupil secondary school with six school years of
 * registers (seed 1, as of Friday 20 November 2026), as attendance-bench
 * does, or uses --db PATH, then makes one batch of --letters letters
 * (500) to the families of the pupils with the lowest attendance this
 * school year, and times, against the letters' target (500 letters to
 * one PDF in under 1.5 s and under 150 MB):
 *   - merging: each pupil's figures, absences and recipients read from
 *     the core, and the template merged;
 *   - a preview's first page: page 1 drawn to an image, the letters laid
 *     out only as far as it needs (target: under 200 ms), then the rest
 *     laid out, as the print dialog's page count asks;
 *   - the PDF: the batch written to one file;
 * the due list of the whole school under its ladder (target: under
 * 20 ms); then the same batch through the one the Letters page and
 * `letters half-term` use: the half-termly report to every family, made
 * by the core (att_letter_batch_new_half_term()), its first --letters
 * letters drawn by the batch's document to one PDF; and prints the
 * process's peak memory and the processor time of a
 * batch (on a machine busy with other work, the time on the clock says
 * as much about the others). Each time is the median of --runs runs.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "att-bench-util.h"
#include "attendance-core.h"
#include "att-demo.h"
#include "att-letter-batch-document.h"
#include "att-letter-document.h"

#define AS_OF_TEXT "2026-11-20"

static char    *db_path = NULL;
static char    *out_path = NULL;
static int      n_pupils = 2000;
static int      n_years = 6;
static int      n_letters = 500;
static int      runs = 5;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use (or make) the database at PATH", "PATH" },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, "Keep the last PDF at PATH", "PATH" },
  { "pupils", 0, 0, G_OPTION_ARG_INT, &n_pupils, "Pupils in the demo school (2000)", "N" },
  { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "School years of registers (6)", "N" },
  { "letters", 0, 0, G_OPTION_ARG_INT, &n_letters, "Letters in the batch (500)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each timing (5)", "N" },
  { NULL }
};

/* The wording of the benchmark's letter: a first letter of concern. */
static const char *subject = "{pupil.name}'s attendance this year";
static const char *body =
  "{recipient.salutation},\n"
  "\n"
  "We are writing because {pupil.forename}'s attendance at school has fallen, and we would "
  "like to work with you to help {pronoun.them} attend every day.\n"
  "\n"
  "Between {figures.period}, {pupil.forename} attended {figures.attended} of "
  "{figures.possible} sessions ({figures.attendance}). {pronoun.They} missed "
  "{figures.absent} sessions, {figures.unauthorised} of them without the school's agreement. "
  "The sessions missed this half term are below.\n"
  "\n"
  "{absences.table}\n"
  "\n"
  "Every day in school counts. Children who attend well make better progress, feel more "
  "settled with their friends, and find it easier to keep up. If something is making it hard "
  "for {pupil.forename} to come to school, please tell us: we are here to help, and there is "
  "often more we can do together than either of us can alone.\n"
  "\n"
  "Please call the school office on {school.phone} to arrange a time to talk, or reply to "
  "{school.email}. We will look at {pupil.forename}'s attendance again in four weeks.\n"
  "\n"
  "Yours sincerely,";

static gboolean all_pass = TRUE;

static void
report (const char *what,
        double      value,
        const char *unit,
        double      target)
{
  gboolean pass = target <= 0 || value < target;

  all_pass &= pass;
  if (target > 0)
    printf ("%-4s %-60s %10.1f %s  (target < %.0f %s)\n", pass ? "PASS" : "SLOW", what, value,
            unit, target, unit);
  else
    printf ("     %-60s %10.1f %s\n", what, value, unit);
  fflush (stdout);
}

typedef struct
{
  gint64 pupil_id;
  double attendance;
} Low;

static int
compare_low (gconstpointer a,
             gconstpointer b)
{
  const Low *x = a, *y = b;

  return (x->attendance > y->attendance) - (x->attendance < y->attendance);
}

/* The pupils on roll, lowest attendance this school year first. */
static GArray *
lowest_attendance (AttDb   *db,
                   AttDate  as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = att_stats_all (db, att_date_school_year_start (as_of), as_of, &error);
  GArray *low = g_array_new (FALSE, FALSE, sizeof (Low));

  if (all == NULL)
    att_bench_die ("the figures", error);
  for (guint i = 0; i < all->len; i++)
    {
      AttFigures *f = &g_array_index (all, AttFigures, i);
      Low l = { f->pupil_id, att_figures_attendance_pct (f) };

      if (f->possible > 0)
        g_array_append_val (low, l);
    }
  g_array_sort (low, compare_low);
  return low;
}

/* One batch: merged from the core, then written. */
static guint
make_batch (AttDb             *db,
            AttLetterTemplate *tmpl,
            GArray            *low,
            AttDate            as_of,
            const char        *path,
            double            *merge_ms,
            double            *preview_ms,
            double            *preview_cpu_ms,
            double            *paginate_ms,
            double            *pdf_ms,
            guint             *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (db);
  g_autoptr(AttLetterDocument) document = att_letter_document_new (head, "Letters of concern");
  AttDate half_term = as_of - 27;   /* about the half term so far */
  double start = att_bench_now_ms ();
  guint letters = 0;

  for (guint i = 0; i < low->len && letters < (guint)n_letters; i++)
    {
      gint64 pupil_id = g_array_index (low, Low, i).pupil_id;
      g_autoptr(GPtrArray) recipients = att_letter_recipients_for_pupil (db, pupil_id, &error);
      g_autoptr(AttLetterValues) values = att_letter_values_new ();

      if (recipients == NULL)
        att_bench_die ("the recipients", error);
      if (recipients->len == 0)
        continue;
      att_letter_values_set_pupil (values, att_pupils_get (db, pupil_id));
      att_letter_values_set_school (values, db);
      att_letter_values_set_signatory (values, head->signatory_name, head->signatory_role);
      att_letter_values_set_letter_date (values, as_of);
      if (!att_letter_values_set_figures (values, db, pupil_id, ATT_DATE_NONE, as_of, &error) ||
          !att_letter_values_set_absences (values, db, pupil_id, half_term, as_of, &error))
        att_bench_die ("the figures", error);
      for (guint r = 0; r < recipients->len && letters < (guint)n_letters; r++)
        {
          AttLetterRecipient *recipient = g_ptr_array_index (recipients, r);
          g_autoptr(AttLetterText) text = NULL;
          AttLetterContent content = { 0 };

          att_letter_values_set_recipient (values, recipient);
          text = att_letter_template_merge (tmpl, values, &error);
          if (text == NULL)
            att_bench_die ("merging", error);
          content.address = (const char * const *)recipient->address;
          content.date = as_of;
          content.text = text;
          att_letter_document_add (document, &content);
          letters++;
        }
    }
  *merge_ms = att_bench_now_ms () - start;

  /* A preview's first page: page 1 drawn at the screen's 96 dots to the
   * inch as soon as the batch is made; the letters are laid out only as
   * far as that page asks. */
  start = att_bench_now_ms ();
  *preview_cpu_ms = att_bench_cpu_ms ();
  {
    double width, height;
    cairo_surface_t *surface;
    cairo_t *cr;

    att_document_get_paper_size (ATT_DOCUMENT (document), &width, &height);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * 96 / 72), (int)(height * 96 / 72));
    cr = cairo_create (surface);
    cairo_scale (cr, 96.0 / 72, 96.0 / 72);
    att_document_draw_page (ATT_DOCUMENT (document), cr, width, height, 0);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    *preview_ms = att_bench_now_ms () - start;
    *preview_cpu_ms = att_bench_cpu_ms () - *preview_cpu_ms;

    /* The print dialog's page count: every letter laid out. */
    start = att_bench_now_ms ();
    att_document_count_pages (ATT_DOCUMENT (document), width, height);
    *paginate_ms = att_bench_now_ms () - start;
  }

  start = att_bench_now_ms ();
  if (!att_document_write_pdf (ATT_DOCUMENT (document), path, n_pages, &error))
    att_bench_die ("writing the PDF", error);
  *pdf_ms = att_bench_now_ms () - start;
  return letters;
}

/* The half-termly reports, through the core's batch: made for every
 * pupil on roll, cut to @n letters, then a preview's first page and the
 * PDF. */
static void
half_term_batch (AttDb      *db,
                 AttDate     as_of,
                 const char *path,
                 double     *make_ms,
                 guint      *made,
                 double     *preview_ms,
                 double     *pdf_ms,
                 guint      *letters,
                 guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttLetterBatch) batch = NULL;
  g_autoptr(AttLetterhead) head = att_letterhead_load (db);
  g_autoptr(AttDocument) document = NULL;
  double start = att_bench_now_ms ();
  GPtrArray *items;

  batch = att_letter_batch_new_half_term (db, as_of, &error);
  if (batch == NULL)
    att_bench_die ("the half-termly reports", error);
  *make_ms = att_bench_now_ms () - start;
  *made = att_letter_batch_get_n_items (batch);
  items = att_letter_batch_get_items (batch);
  while (items->len > (guint)n_letters)
    att_letter_batch_remove_pupil (batch, ((AttLetterBatchItem *)g_ptr_array_index (items, items->len - 1))->pupil_id);
  *letters = items->len;

  start = att_bench_now_ms ();
  document = att_letter_batch_document_new (batch, head);
  {
    double width, height;
    cairo_surface_t *surface;
    cairo_t *cr;

    att_document_get_paper_size (document, &width, &height);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * 96 / 72), (int)(height * 96 / 72));
    cr = cairo_create (surface);
    cairo_scale (cr, 96.0 / 72, 96.0 / 72);
    att_document_draw_page (document, cr, width, height, 0);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  *preview_ms = att_bench_now_ms () - start;

  start = att_bench_now_ms ();
  if (!att_document_write_pdf (document, path, n_pages, &error))
    att_bench_die ("writing the PDF", error);
  *pdf_ms = att_bench_now_ms () - start;
}

/* The due list of the whole school under the school's ladder (a new
 * school's, the DfE's): the first time, which reads the register's
 * years, and then the median of --runs (target: under 20 ms). */
static void
time_due_list (AttDb   *db,
               AttDate  as_of)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  guint rows = 0, due = 0;

  for (int run = 0; run <= runs; run++)
    {
      double start = att_bench_now_ms (), cpu = att_bench_cpu_ms (), ms;
      g_autoptr(GPtrArray) list = att_letters_due (db, as_of, &error);

      if (list == NULL)
        att_bench_die ("the due list", error);
      ms = att_bench_now_ms () - start;
      cpu = att_bench_cpu_ms () - cpu;
      if (run == 0)
        {
          rows = list->len;
          for (guint i = 0; i < list->len; i++)
            due += ((AttLetterDue *)g_ptr_array_index (list, i))->status == ATT_LETTER_DUE_DUE;
          report ("letters due, the first time (the register read)", ms, "ms", 0);
        }
      else
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpus, cpu);
        }
    }
  what = g_strdup_printf ("letters due for the whole school (%u rows, %u due)", rows, due);
  report (what, att_bench_median (times), "ms", 20);
  report ("the same, processor time", att_bench_median (cpus), "ms", 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdfs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) previews = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) preview_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paginations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) low = NULL;
  g_autoptr(AttLetterTemplate) tmpl = NULL;
  g_autofree char *what = NULL;
  double before_mib;
  guint letters = 0, pages = 0;
  AttDate as_of;
  AttDb *db;
  GStatBuf st;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time a batch of letters to one PDF");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    att_bench_die ("options", error);
  runs = MAX (runs, 1);

  g_setenv ("ATTENDANCE_TODAY", AS_OF_TEXT, TRUE);
  g_setenv ("ATTENDANCE_CLOCK", "16:00", TRUE);
  as_of = att_date_parse_iso (AS_OF_TEXT, NULL);

  dir = g_dir_make_tmp ("attendance-bench-letters-XXXXXX", &error);
  if (dir == NULL)
    att_bench_die ("making a temporary folder", error);
  path = db_path != NULL ? g_strdup (db_path) : g_build_filename (dir, "bench.db", NULL);
  pdf = out_path != NULL ? g_strdup (out_path) : g_build_filename (dir, "letters.pdf", NULL);
  db = att_bench_open_demo (path, n_pupils, n_years, as_of);
  tmpl = att_letter_template_new ("concern", 1, subject, body);
  if (!att_letter_template_check (tmpl, &error))
    att_bench_die ("the template", error);
  low = lowest_attendance (db, as_of);
  time_due_list (db, as_of);
  before_mib = att_bench_peak_mib ();

  for (int run = 0; run < runs; run++)
    {
      double merge_ms, preview_ms, preview_cpu, paginate_ms, pdf_ms, total, cpu = att_bench_cpu_ms ();

      letters = make_batch (db, tmpl, low, as_of, pdf, &merge_ms, &preview_ms, &preview_cpu,
                            &paginate_ms, &pdf_ms, &pages);
      g_array_append_val (paginations, paginate_ms);
      g_array_append_val (previews, preview_ms);
      g_array_append_val (preview_cpus, preview_cpu);
      total = merge_ms + preview_ms + paginate_ms + pdf_ms;
      cpu = att_bench_cpu_ms () - cpu;
      g_array_append_val (cpus, cpu);
      g_array_append_val (merges, merge_ms);
      g_array_append_val (pdfs, pdf_ms);
      g_array_append_val (totals, total);
    }

  what = g_strdup_printf ("merging %u letters (figures, absences, recipients)", letters);
  report (what, att_bench_median (merges), "ms", 0);
  g_free (what);
  report ("a preview's first page drawn (letters laid out as far as it asks)", att_bench_median (previews), "ms", 200);
  report ("the same, processor time", att_bench_median (preview_cpus), "ms", 0);
  report ("the rest of the batch laid out (the print dialog's page count)", att_bench_median (paginations), "ms", 0);
  what = g_strdup_printf ("writing the PDF (%u pages)", pages);
  report (what, att_bench_median (pdfs), "ms", 0);
  g_free (what);
  what = g_strdup_printf ("%u letters to one PDF, in all", letters);
  report (what, att_bench_median (totals), "ms", 1500);
  report ("the same, processor time", att_bench_median (cpus), "ms", 0);

  /* The same through the core's batch and its document. */
  {
    g_autoptr(GArray) makes = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) sums = g_array_new (FALSE, FALSE, sizeof (double));
    guint made = 0, cut = 0, batch_pages = 0;

    for (int run = 0; run < runs; run++)
      {
        double make_ms, first_ms, write_ms, sum;

        half_term_batch (db, as_of, pdf, &make_ms, &made, &first_ms, &write_ms, &cut, &batch_pages);
        g_array_append_val (makes, make_ms);
        g_array_append_val (firsts, first_ms);
        g_array_append_val (writes, write_ms);
        sum = make_ms * cut / MAX (made, 1) + first_ms + write_ms;
        g_array_append_val (sums, sum);
      }
    what = g_strdup_printf ("the half-termly reports to every family (%u letters), made", made);
    report (what, att_bench_median (makes), "ms", 0);
    g_clear_pointer (&what, g_free);
    report ("their batch's preview: the first page drawn", att_bench_median (firsts), "ms", 200);
    what = g_strdup_printf ("%u of them to one PDF (%u pages)", cut, batch_pages);
    report (what, att_bench_median (writes), "ms", 0);
    g_clear_pointer (&what, g_free);
    what = g_strdup_printf ("%u reports made, previewed and written, in all", cut);
    report (what, att_bench_median (sums), "ms", 1500);
    g_clear_pointer (&what, g_free);
  }
  report ("peak memory of the process", att_bench_peak_mib (), "MiB", 150);
  report ("peak memory before the first batch", before_mib, "MiB", 0);
  if (g_stat (pdf, &st) == 0)
    report ("the PDF's size", st.st_size / 1024.0, "KiB", 0);

  g_object_unref (db);
  if (out_path == NULL)
    g_unlink (pdf);
  if (db_path == NULL)
    att_bench_remove_db (path);
  g_rmdir (dir);
  return all_pass ? 0 : 1;
}
