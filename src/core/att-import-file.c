/* att-import-file.c: the file an import reads
 *
 * Opens the file (or keeps a pipe in memory), tells from its start what
 * it is, finds its columns, reads it once for its form (its encoding,
 * quotes, row lengths and number of rows) and then row by row for the
 * checks of att-import.c. Only one row is held at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "att-error.h"
#include "att-importer-private.h"
#include "att-pupils.h"

/* A problem the reader found in the file, with its row and, once the
 * header is known, the column it is in. */
static void
reader_problem (AttImporter *imp,
                GError      *error)
{
  int field = att_csv_reader_get_error_field (imp->reader);
  const char *column = NULL;

  imp->line = att_csv_reader_get_error_row (imp->reader);
  if (imp->headers != NULL && field >= 0 && (guint)field < imp->headers->len &&
      *(const char *)g_ptr_array_index (imp->headers, field) != '\0')
    column = g_ptr_array_index (imp->headers, field);
  _att_importer_problem (imp, column, error->message);
}

/* The columns a mapping chooses: each of ours that it names is the
 * file's column of that header (or none), and such a column is no longer
 * looked for by its own name. */
static void
importer_apply_mapping (AttImporter *imp,
                        gboolean    *claimed,
                        gboolean    *used)
{
  const AttImportMapping *mapping = imp->options->mapping;
  const AttImportColumn *specs = imp->specs;

  if (mapping == NULL)
    return;

  imp->line = 0;
  for (guint s = 0; s < imp->n_specs; s++)
    {
      const char *theirs = att_import_mapping_get (mapping, specs[s].name);
      g_autofree char *wanted = NULL;
      gboolean found = FALSE;

      if (theirs == NULL)
        continue;
      claimed[s] = TRUE;
      if (*theirs == '\0')
        continue;
      wanted = att_csv_normalise_header (theirs);
      for (guint h = 0; h < imp->headers->len && !found; h++)
        if (strcmp (g_ptr_array_index (imp->headers, h), wanted) == 0)
          {
            imp->columns[s] = (int)h;
            used[h] = TRUE;
            found = TRUE;
          }
      if (!found)
        _att_importer_problemf (imp, specs[s].name,
                                _("the file has no column “%s”, which was chosen for this one"),
                                theirs);
    }
}

/* Finds the columns of the file from its header (and the caller's
 * mapping, when there is one). */
static void
importer_map_columns (AttImporter *imp)
{
  const AttImportColumn *specs = imp->specs;
  g_autofree gboolean *used = g_new0 (gboolean, imp->headers->len);
  gboolean claimed[G_N_ELEMENTS (imp->columns)] = { FALSE, };

  importer_apply_mapping (imp, claimed, used);

  for (guint h = 0; h < imp->headers->len; h++)
    {
      const char *header = g_ptr_array_index (imp->headers, h);
      gboolean known = used[h];

      for (guint s = 0; s < imp->n_specs && !used[h]; s++)
        {
          if (claimed[s])
            continue;
          if (strcmp (header, specs[s].name) != 0 &&
              g_strcmp0 (header, specs[s].alias) != 0)
            continue;
          known = TRUE;
          if (imp->columns[s] >= 0)
            {
              const char *other = g_ptr_array_index (imp->headers, imp->columns[s]);

              imp->line = 0;
              if (strcmp (other, header) == 0)
                _att_importer_problemf (imp, specs[s].name,
                                        _("the file has this column twice: keep one of them"));
              else
                _att_importer_problemf (imp, specs[s].name,
                                        _("the file has this column twice, as “%s” and as “%s”: keep one of them"),
                                        other, header);
            }
          else
            imp->columns[s] = (int)h;
        }
      /* Spreadsheets often leave a trailing comma, which makes an empty
       * column with no name: said only when it holds values (on the
       * first reading of the rows). */
      if (!known && *header != '\0')
        _att_importer_notice (imp, 0, header, _("not a known column: it was ignored"));
    }

  imp->line = 0;
  for (guint s = 0; s < imp->n_specs; s++)
    if (specs[s].required && imp->columns[s] < 0)
      {
        const char *theirs = imp->options->mapping != NULL
          ? att_import_mapping_get (imp->options->mapping, specs[s].name) : NULL;

        if (theirs != NULL && *theirs == '\0')
          _att_importer_problemf (imp, specs[s].name,
                                  _("no column of the file was chosen for this one, which is required"));
        else if (theirs != NULL)
          ;  /* said above: the column chosen is not in the file */
        else if (specs[s].alias != NULL)
          _att_importer_problemf (imp, specs[s].name,
                                  _("the file has no “%s” column (or “%s”), which is required"),
                                  specs[s].name, specs[s].alias);
        else
          _att_importer_problemf (imp, specs[s].name,
                                  _("the file has no “%s” column, which is required"),
                                  specs[s].name);
      }
}

/* Whether the header is one value holding the separator of another kind
 * of file: a CSV saved where the list separator is ";" (much of Europe),
 * or text separated by tabs. Then every column would be "missing", and
 * the one thing to say is how to save the file. */
static gboolean
importer_wrong_separator (AttImporter *imp)
{
  const char *header;

  if (imp->headers->len != 1)
    return FALSE;
  header = g_ptr_array_index (imp->headers, 0);
  imp->line = 1;
  if (strchr (header, ';') != NULL)
    {
      _att_importer_problemf (imp, NULL,
                              _("the values are separated by semicolons, not commas: save the file again as “CSV UTF-8 (comma delimited)”"));
      return TRUE;
    }
  if (strchr (header, '\t') != NULL)
    {
      _att_importer_problemf (imp, NULL,
                              _("the values are separated by tabs, not commas: save the file again as “CSV UTF-8 (comma delimited)”"));
      return TRUE;
    }
  return FALSE;
}

/* The first reading of the rows: every problem of the file's own form
 * (its encoding, its quotes, rows too long, too many rows) is found before
 * any row is checked, so that a file that is not what it should be gets
 * one clear problem rather than one on every row. Only a row at a time is
 * held. */
static void
importer_scan (AttImporter         *imp,
               const AttImportKind *kind)
{
  g_autoptr(GError) local = NULL;
  g_autofree gboolean *noticed = g_new0 (gboolean, imp->headers->len);
  GPtrArray *fields;
  guint line, rows = 0;

  while (att_csv_reader_next (imp->reader, &fields, &line, &local))
    {
      if (++rows > kind->max_rows)
        {
          imp->line = 0;
          _att_importer_problem (imp, NULL, _(kind->too_many));
          return;
        }
      for (guint h = 0; h < imp->headers->len && h < fields->len; h++)
        if (!noticed[h] && *(const char *)g_ptr_array_index (imp->headers, h) == '\0' &&
            *(const char *)g_ptr_array_index (fields, h) != '\0')
          {
            g_autofree char *message =
              g_strdup_printf (_("column %u has no name: its values were ignored"), h + 1);

            _att_importer_notice (imp, 0, NULL, message);
            noticed[h] = TRUE;
          }
    }
  if (local != NULL)
    {
      reader_problem (imp, local);
      return;
    }
  imp->n_rows = rows;
  /* An export of nothing (a range with no marks, say) is a file of
   * column names only: imported as the nothing it holds, which scripts
   * that pass files on rely on, but said. */
  if (rows == 0)
    _att_importer_notice (imp, 0, NULL,
                          _("the file has column names but no rows under them: there was nothing to import"));
}

/* Finds the file's columns (@reader is the importer's from now on), then
 * reads it once to check its form. Returns FALSE with @error only when the file cannot be opened at
 * all; a file that can be read but not used gets problems in the report. */
static gboolean
importer_open (AttImporter         *imp,
               const char          *name,
               AttCsvReader        *reader,
               const AttImportKind *kind,
               AttImportReport     *report,
               GError             **error)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *fields;
  guint line;
  gboolean sep_line = FALSE;

  g_assert (kind->n_specs <= G_N_ELEMENTS (imp->columns));

  imp->name = g_strdup (name);
  imp->report = report;
  imp->specs = kind->specs;
  imp->n_specs = kind->n_specs;
  for (guint i = 0; i < G_N_ELEMENTS (imp->columns); i++)
    imp->columns[i] = -1;

  imp->reader = reader;
  if (!att_csv_reader_next (imp->reader, &fields, &line, &local))
    {
      if (local != NULL)
        reader_problem (imp, local);
      else
        {
          imp->line = 0;
          _att_importer_problem (imp, NULL, _("the file is empty: it needs a first row of column names"));
        }
      return TRUE;
    }

  /* Excel reads, and some programs write, a first line "sep=," naming
   * the separator: it is not the header. */
  if (fields->len <= 2 && g_ascii_strncasecmp (g_ptr_array_index (fields, 0), "sep=", 4) == 0 &&
      (fields->len == 1 || *(const char *)g_ptr_array_index (fields, 1) == '\0'))
    {
      const char *separator = (const char *)g_ptr_array_index (fields, 0) + 4;

      if (fields->len == 1 && *separator != '\0')
        {
          imp->line = line;
          if (*separator == ';')
            _att_importer_problem (imp, NULL, _("the values are separated by semicolons, not commas: save the file again as “CSV UTF-8 (comma delimited)”"));
          else
            _att_importer_problemf (imp, NULL, _("the values are separated by “%s”, not commas: save the file again as “CSV UTF-8 (comma delimited)”"),
                                    *separator == '\t' ? _("tabs") : separator);
          return TRUE;
        }
      sep_line = TRUE;
      if (!att_csv_reader_next (imp->reader, &fields, &line, &local))
        {
          if (local != NULL)
            reader_problem (imp, local);
          else
            {
              imp->line = 0;
              _att_importer_problem (imp, NULL, _("the file is empty: it needs a first row of column names"));
            }
          return TRUE;
        }
    }

  imp->headers = g_ptr_array_new_full (fields->len, g_free);
  for (guint h = 0; h < fields->len; h++)
    g_ptr_array_add (imp->headers, att_csv_normalise_header (g_ptr_array_index (fields, h)));

  if (importer_wrong_separator (imp))
    return TRUE;
  importer_map_columns (imp);
  if (imp->options->preview != NULL)
    for (guint s = 0; s < imp->n_specs; s++)
      imp->options->preview->mapped[s] = imp->columns[s] >= 0;
  if (imp->report->problems->len > 0)
    return TRUE;

  importer_scan (imp, kind);
  if (imp->report->problems->len > 0)
    return TRUE;

  /* Back to the first row for the checks, past the header (and the
   * line naming the separator). */
  if (!att_csv_reader_rewind (imp->reader, &local) ||
      !att_csv_reader_next (imp->reader, &fields, &line, &local) ||
      (sep_line && !att_csv_reader_next (imp->reader, &fields, &line, &local)))
    {
      imp->line = 0;
      _att_importer_problem (imp, NULL, local ? local->message
                             : _("the file changed while it was being read: import it again once it is saved"));
    }
  return TRUE;
}

/* Whether the rows can be checked: the file was read and has every
 * required column. */
gboolean
_att_importer_usable (AttImporter *imp)
{
  return imp->headers != NULL && imp->report->problems->len == 0;
}

/* The most a pipe may give an import, which keeps it in memory. */
#define MAX_PIPED (64 * 1024 * 1024)

static AttCsvReader *
read_pipe (const char    *name,
           int            fd,
           GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint8 chunk[64 * 1024];
  gssize n;

  for (;;)
    {
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (data->len + n > MAX_PIPED)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                       _("%s: more than 64 MB came through a pipe, more than an import keeps in memory: save it to a file and import that"),
                       name);
          return NULL;
        }
      g_byte_array_append (data, chunk, n);
    }
  if (n < 0)
    {
      g_autofree char *why = NULL;
      int errsv = errno;

      /* GLib's own words, as a file read through GIO reports it */
      why = g_strdup_printf (g_dgettext ("glib20", "Error reading from file: %s"), g_strerror (errsv));
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("%s could not be read: %s"), name, why);
      return NULL;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return att_csv_reader_new_for_bytes (bytes);
}

/* The start of every import: the user's right, the pupils the rows are
 * matched against, and the file read and its columns found. A NULL
 * @report is one of the importer's own, freed with it. */
gboolean
_att_importer_start (AttImporter           *imp,
                     AttDb                 *db,
                     const AttUser         *user,
                     AttPermission          perm,
                     const AttImportSource *source,
                     const AttImportKind   *kind,
                     AttImportReport       *report,
                     GError               **error)
{
  return _att_importer_start_full (imp, db, user, perm, source, kind, NULL, report, error);
}

gboolean
_att_importer_start_full (AttImporter            *imp,
                          AttDb                  *db,
                          const AttUser          *user,
                          AttPermission           perm,
                          const AttImportSource  *source,
                          const AttImportKind    *kind,
                          const AttImportOptions *options,
                          AttImportReport        *report,
                          GError                **error)
{
  g_autoptr(AttCsvReader) reader = NULL;
  g_autofree char *name = NULL;
  AttImportOptions defaults = ATT_IMPORT_OPTIONS_INIT;

  memset (imp, 0, sizeof *imp);
  imp->defaults = defaults;
  imp->options = options != NULL ? options : &imp->defaults;
  /* Importing is the administrator's (and the headteacher's), whatever
   * the file brings; what it brings needs its own right too. */
  if (!att_user_require (user, ATT_PERM_IMPORT, error) ||
      !att_user_require (user, perm, error) ||
      !att_pupils_list (db, error))
    return FALSE;

  if (source->path == NULL)
    {
      name = g_strdup (source->name);
      reader = att_csv_reader_new_for_data (source->data, source->length);
    }
  else
    {
      g_autoptr(GError) local = NULL;
      int fd;

      name = g_path_get_basename (source->path);
      fd = att_csv_open_file (source->path, &local);
      if (fd < 0)
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                       _("%s could not be read: %s"), name, local->message);
          return FALSE;
        }

      /* An import reads its file twice. A pipe (a script's /dev/stdin)
       * cannot be read again, so it is kept in memory, up to a limit. */
      if (lseek (fd, 0, SEEK_CUR) < 0 && errno == ESPIPE)
        {
          reader = read_pipe (name, fd, error);
          close (fd);
          if (reader == NULL)
            return FALSE;
        }
      else
        reader = att_csv_reader_new_for_fd (fd);
    }

  if (report == NULL)
    report = imp->own_report = att_import_report_new ();
  if (!importer_open (imp, name, g_steal_pointer (&reader), kind, report, error))
    {
      _att_importer_clear (imp);
      return FALSE;
    }
  return TRUE;
}

/* Reads the next row for the checks: FALSE at the end of the file (or
 * when the file changed since its first reading, which is a problem). */
gboolean
_att_importer_next_row (AttImporter *imp)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *row;
  guint n_headers = imp->headers->len;

  imp->preview_row = NULL;
  /* Between rows, the caller may stop the import: nothing is written. */
  if (imp->options->cancelled != NULL && imp->options->cancelled (imp->options->cancel_data))
    {
      imp->row = NULL;
      imp->cancelled = TRUE;
      return FALSE;
    }
  if (imp->n_rows > 0 && imp->report->rows % 64 == 0)
    _att_importer_progress (imp, (double)imp->report->rows / imp->n_rows);

  if (!att_csv_reader_next (imp->reader, &row, &imp->line, &local))
    {
      imp->row = NULL;
      if (local != NULL)
        reader_problem (imp, local);
      return FALSE;
    }

  /* A file another program writes while it is imported may differ
   * between the two readings; what the first reading passed is what is
   * imported, or nothing. */
  if (imp->report->rows >= imp->n_rows)
    {
      imp->row = NULL;
      imp->line = 0;
      _att_importer_problem (imp, NULL, _("the file changed while it was being read: import it again once it is saved"));
      return FALSE;
    }

  imp->row = row;
  imp->row_problems = 0;
  imp->report->rows++;

  /* The first rows, as the import reads them, for a preview. */
  if (imp->options->preview != NULL &&
      imp->options->preview->rows->len < imp->options->preview_rows)
    {
      AttImportPreviewRow *shown = g_new0 (AttImportPreviewRow, 1);

      shown->row = imp->line;
      shown->values = g_new0 (char *, imp->n_specs + 1);
      for (guint s = 0; s < imp->n_specs; s++)
        {
          int column = imp->columns[s];

          shown->values[s] = g_strdup (column >= 0 && (guint)column < row->len
                                       ? att_csv_unprotect (g_ptr_array_index (row, column))
                                       : "");
        }
      shown->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)_att_import_problem_free);
      g_ptr_array_add (imp->options->preview->rows, shown);
      imp->preview_row = shown;
    }

  /* Empty values after the last column are harmless (a trailing comma);
   * anything else there usually means a comma inside an unquoted value,
   * which shifts every value after it into the wrong column. */
  for (guint i = n_headers; i < row->len; i++)
    if (*(const char *)g_ptr_array_index (row, i) != '\0')
      {
        _att_importer_problemf (imp, NULL,
                                _("this row has %u values but the file has %u columns: put any value holding a comma in double quotes"),
                                row->len, n_headers);
        break;
      }
  return TRUE;
}

void
_att_importer_clear (AttImporter *imp)
{
  g_clear_pointer (&imp->reader, att_csv_reader_free);
  g_clear_pointer (&imp->headers, g_ptr_array_unref);
  g_clear_pointer (&imp->name, g_free);
  g_clear_pointer (&imp->own_report, att_import_report_free);
  imp->row = NULL;
}
