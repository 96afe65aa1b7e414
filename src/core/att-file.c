/* att-file.c: files the product writes, readable by their owner only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "att-error.h"
#include "att-file.h"

gboolean
att_file_save_private (const char  *path,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* GLib writes a temporary file created with this mode beside @path and
   * renames it over @path, so the file is never readable by others, not
   * even for a moment, and never half written. */
  if (!g_file_set_contents_full (path, data ? data : "", length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, ATT_FILE_MODE, &local))
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

int
att_file_open_beside (const char  *path,
                      int          flags,
                      char       **temp_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *temp;
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (temp_path != NULL, -1);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp, flags | O_CLOEXEC, ATT_FILE_MODE);
  if (fd < 0)
    {
      int saved = errno;

      g_free (temp);
      errno = saved;
      *temp_path = NULL;
      return -1;
    }
  *temp_path = temp;
  return fd;
}

gboolean
att_file_create_private (const char  *path,
                         GError     **error)
{
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ATT_FILE_MODE);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                     _("%s already exists: nothing was changed"), path);
      else
        g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                     _("Could not create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* The mode given to open() is narrowed by the umask, never widened; set
   * it outright so a strange umask cannot take the owner's rights away. */
  if (fchmod (fd, ATT_FILE_MODE) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
                   _("Could not create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
att_file_move_new (const char  *from,
                   const char  *to,
                   GError     **error)
{
  int saved;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  /* A hard link fails when @to exists, so a file that appeared there in
   * the meantime is never replaced. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  saved = errno;
  if (saved == EEXIST)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                   _("%s already exists: choose a new file name"), to);
      return FALSE;
    }

  /* Some file systems (a memory stick formatted for Windows) have no hard
   * links: there, look first and rename. */
  if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP || saved == ENOSYS)
    {
      if (g_file_test (to, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ATT_ERROR, ATT_ERROR_EXISTS,
                       _("%s already exists: choose a new file name"), to);
          return FALSE;
        }
      if (g_rename (from, to) == 0)
        return TRUE;
      saved = errno;
    }
  g_set_error (error, ATT_ERROR, ATT_ERROR_INVALID,
               _("Could not write %s: %s"), to, g_strerror (saved));
  return FALSE;
}

char *
att_file_access_problem (const char *path,
                         gboolean    folder)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    return NULL;
  if ((st.st_mode & 077) == 0)
    return NULL;
  if (folder)
    /* Translators: the permissions are an octal number such as 0755 */
    return g_strdup_printf (_("The folder %s can be opened by other users of this computer (permissions %04o): run “chmod 700 %s”"),
                            path, (unsigned)(st.st_mode & 07777), path);
  return g_strdup_printf (_("%s can be read by other users of this computer (permissions %04o): run “chmod 600 %s”"),
                          path, (unsigned)(st.st_mode & 07777), path);
}
