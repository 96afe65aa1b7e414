/* att-bench-util.h: what every benchmark program measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "att-date.h"

typedef struct _AttDb AttDb;

G_BEGIN_DECLS

/* The monotonic clock, in ms. */
double    att_bench_now_ms        (void);
/* The processor time the process has used, in ms: on a machine shared
 * with other work the clock on the wall says more about the others. */
double    att_bench_cpu_ms        (void);
/* The process's peak resident memory, in MiB. */
double    att_bench_peak_mib      (void);
/* The median of @times (doubles), which it sorts. */
double    att_bench_median        (GArray      *times);
/* Prints one timing line: PASS or SLOW against @target_ms, the median
 * of @times (sorted) and the slowest. Returns whether it passed. */
gboolean  att_bench_report_median (const char  *what,
                                   GArray      *times,
                                   double       target_ms);
/* The school at @path, made first as a demo of @n_pupils over @n_years
 * of registers up to @as_of when there is no such file (the time it took
 * is printed). Exits, saying why, when it cannot be made or opened. */
AttDb    *att_bench_open_demo     (const char  *path,
                                   int          n_pupils,
                                   int          n_years,
                                   AttDate      as_of);
/* Removes a database file the benchmark made, with its -wal and -shm. */
void      att_bench_remove_db     (const char  *path);
/* Says what failed, on stderr, and exits with status 1. */
void      att_bench_die           (const char  *what,
                                   GError      *error) G_GNUC_NORETURN;

G_END_DECLS
