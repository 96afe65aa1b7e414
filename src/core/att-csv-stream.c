/* att-csv-stream.c: the CSV reader over a GInputStream
 *
 * Kept apart from att-csv.c so that a program that reads only files and
 * memory (attendance-cli) does not link GIO.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "att-csv-private.h"

static gssize
stream_read (gpointer   source,
             char      *buffer,
             gsize      size,
             GError   **error)
{
  return g_input_stream_read (source, buffer, size, NULL, error);
}

static gboolean
stream_rewind (gpointer   source,
               GError   **error)
{
  if (!G_IS_SEEKABLE (source))
    return FALSE;
  return g_seekable_seek (G_SEEKABLE (source), 0, G_SEEK_SET, NULL, error);
}

static const AttCsvSourceFuncs stream_funcs = { stream_read, stream_rewind, g_object_unref };

AttCsvReader *
att_csv_reader_new_full (GInputStream *stream,
                         gsize         buffer_size)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (buffer_size >= 4096, NULL);

  return att_csv_reader_new_for_source (&stream_funcs, g_object_ref (stream), buffer_size);
}

AttCsvReader *
att_csv_reader_new (GInputStream *stream)
{
  return att_csv_reader_new_full (stream, 64 * 1024);
}
