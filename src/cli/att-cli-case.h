/* att-cli-case.h: the casework commands (meetings, support, the
 * chronology)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "att-cli-private.h"

G_BEGIN_DECLS

int att_cli_cmd_meeting_add      (AttCliContext *ctx);
int att_cli_cmd_meeting_record   (AttCliContext *ctx);
int att_cli_cmd_meeting_list     (AttCliContext *ctx);
int att_cli_cmd_meeting_letter   (AttCliContext *ctx);
int att_cli_cmd_meeting_invite   (AttCliContext *ctx);
int att_cli_cmd_support_add      (AttCliContext *ctx);
int att_cli_cmd_support_list     (AttCliContext *ctx);
int att_cli_cmd_chronology       (AttCliContext *ctx);

/* Writes meeting @id's outcome letter (or, with @invitation, its
 * invitation) to @path and logs it as sent by @user on the meeting
 * (att-cli-case-pdf.c in attendance-cli-print; attendance-cli hands the
 * command over, att-cli-case-exec.c). */
int att_cli_case_letter_pdf      (AttCliContext *ctx,
                                  const AttUser *user,
                                  gint64         id,
                                  gboolean       invitation,
                                  const char    *path);
/* Writes pupil @pupil_id's chronology over [@from, @to] to @path. */
int att_cli_case_chronology_pdf  (AttCliContext *ctx,
                                  gint64         pupil_id,
                                  AttDate        from,
                                  AttDate        to,
                                  const char    *path);

G_END_DECLS
