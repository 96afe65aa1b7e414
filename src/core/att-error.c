/* att-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "att-error.h"

G_DEFINE_QUARK (att-error-quark, att_error)
