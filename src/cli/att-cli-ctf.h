/* att-cli-ctf.h: import ctf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"

G_BEGIN_DECLS

int att_cli_cmd_import_ctf (AttCliContext *ctx);

G_END_DECLS
