/* att-file.h: files the product writes, readable by their owner only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mode of every file the product creates (database, its -wal and
 * -shm, backups, exports) and of the folder that holds the database: a
 * register names children, so nobody but the office's own account may
 * read it. */
#define ATT_FILE_MODE   0600
#define ATT_FOLDER_MODE 0700

/* Writes @data to @path, readable by its owner only, through a temporary
 * file renamed into place: a reader never sees half a file. Replaces a
 * file already at @path. */
gboolean    att_file_save_private      (const char   *path,
                                        const char   *data,
                                        gsize         length,
                                        GError      **error);
/* Creates an empty file at @path, readable by its owner only; refuses
 * (ATT_ERROR_EXISTS) when anything is there already. */
gboolean    att_file_create_private    (const char   *path,
                                        GError      **error);
/* Moves the file @from, which this program made, to @to without ever
 * replacing a file at @to: refuses with ATT_ERROR_EXISTS when there is
 * one, and leaves @from for the caller to remove. */
gboolean    att_file_move_new          (const char   *from,
                                        const char   *to,
                                        GError      **error);
/* Creates a new file beside @path, hidden (".NAME.XXXXXX" in the same
 * folder, so that renaming it over @path is one atomic step) and readable
 * by its owner only, and opens it with @flags (open()'s; O_CLOEXEC is
 * added). Returns the descriptor and the file's name in @temp_path, or
 * -1 with errno set: each caller says what it was writing. Every file the
 * product writes whole before it appears is made here. */
int         att_file_open_beside       (const char   *path,
                                        int           flags,
                                        char        **temp_path);
/* A sentence saying that others than the owner may read or change @path
 * (a file, or a folder when @folder), or NULL when they may not or when
 * there is nothing at @path. */
char       *att_file_access_problem    (const char   *path,
                                        gboolean      folder);

G_END_DECLS
