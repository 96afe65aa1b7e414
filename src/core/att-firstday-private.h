/* att-firstday-private.h: what the files of first-day calling share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-firstday.h"

G_BEGIN_DECLS

/* A copy of @step (att-firstday-procedure.c). */
AttStep     *_att_step_copy (const AttStep *step);

G_END_DECLS
