/* att-cli-report.h: the Reports page's figures and the census export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"
#include "att-report.h"

G_BEGIN_DECLS

int att_cli_cmd_report        (AttCliContext *ctx);
int att_cli_cmd_export_census (AttCliContext *ctx);

G_END_DECLS
