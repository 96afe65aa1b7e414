/* att-cli-pdf-exec.c: a command that writes a PDF, handed to
 * attendance-cli-print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * attendance-cli does not load cairo and Pango (see att-cli-pdf.c): a
 * command that writes a PDF replaces this program with
 * attendance-cli-print, which runs the same command line with the same
 * checks and writes the file. Its output and exit status are the
 * command's. It is looked for beside this program first (the build
 * folder), then where it is installed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "att-cli-private.h"

#define PRINT_PROGRAM "attendance-cli-print"

static char *
find_print_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, PRINT_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (ATT_CLI_LIBEXECDIR, PRINT_PROGRAM, NULL);
}

static int
run_print_program (AttCliContext *ctx)
{
  g_autofree char *program = find_print_program ();
  int saved;

  /* The database is closed first: nothing is written to it here, and
   * the other program opens it again. */
  g_clear_object (&ctx->db);
  fflush (stdout);
  fflush (stderr);
  execv (program, ctx->argv);
  saved = errno;
  return att_cli_refuse_msg (_("Could not start %s to write the PDF: %s; reinstall attendance-cli"),
                             program, g_strerror (saved));
}

int
att_cli_register_pdf (AttCliContext *ctx,
                      const char    *group,
                      AttDate        first,
                      AttDate        last,
                      const char    *path)
{
  return run_print_program (ctx);
}

int
att_cli_rollcall_pdf (AttCliContext *ctx,
                      AttRollCall   *rollcall,
                      const char    *path)
{
  att_rollcall_free (rollcall);
  return run_print_program (ctx);
}

int
att_cli_sar_files (AttCliContext *ctx,
                   const AttUser *user,
                   gint64         pupil_id,
                   const char    *pdf_path,
                   const char    *json_path)
{
  return run_print_program (ctx);
}

int
att_cli_leave_letter_pdf (AttCliContext *ctx,
                          const AttUser *user,
                          gint64         leave_id,
                          const char    *path)
{
  return run_print_program (ctx);
}

int
att_cli_letters_pdf (AttCliContext *ctx,
                     AttCliLetters  what,
                     const AttUser *user,
                     const char    *path)
{
  return run_print_program (ctx);
}

int
att_cli_run_print_program (AttCliContext *ctx)
{
  return run_print_program (ctx);
}

int
att_cli_penalty_improve_pdf (AttCliContext *ctx,
                             const AttUser *user,
                             gint64         pupil_id,
                             AttDate        issued,
                             guint          weeks,
                             const char    *path)
{
  return run_print_program (ctx);
}
