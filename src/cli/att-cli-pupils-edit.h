/* att-cli-pupils-edit.h: a pupil or a contact added or changed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"

G_BEGIN_DECLS

int att_cli_cmd_pupils_add       (AttCliContext *ctx);
int att_cli_cmd_pupils_set       (AttCliContext *ctx);
int att_cli_cmd_pupils_leave     (AttCliContext *ctx);
int att_cli_cmd_contacts_add     (AttCliContext *ctx);
int att_cli_cmd_contacts_set     (AttCliContext *ctx);
int att_cli_cmd_contacts_remove  (AttCliContext *ctx);
int att_cli_cmd_contacts_reorder (AttCliContext *ctx);

G_END_DECLS
