/* att-cli-json.h: attendance-cli's --json documents, written as they are made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "attendance-core.h"

G_BEGIN_DECLS

typedef struct _AttCliContext AttCliContext;

/* One JSON document written to stdout value by value as the command makes
 * it, with no tree in between. It is compact unless
 * --pretty is given or stdout is a terminal; pretty, it has the layout
 * attendance-cli has always printed: two spaces of indent, "key" : value,
 * and [] and {} for what is empty. Strings are written as they are, with
 * '"', '\' and the control characters escaped. Numbers that are doubles
 * are written with one decimal, as the contract asks for percentages.
 *
 * The writer's functions follow JsonBuilder's, so that code written for
 * one reads the same with the other: begin and end an object or array,
 * name a member, then add its value. */
typedef struct _AttCliJson AttCliJson;

AttCliJson  *att_cli_json_new          (AttCliContext  *ctx);
void         att_cli_json_free         (AttCliJson     *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttCliJson, att_cli_json_free)

void         att_cli_json_begin_object (AttCliJson     *writer);
void         att_cli_json_end_object   (AttCliJson     *writer);
void         att_cli_json_begin_array  (AttCliJson     *writer);
void         att_cli_json_end_array    (AttCliJson     *writer);
void         att_cli_json_member       (AttCliJson     *writer,
                                        const char     *name);
void         att_cli_json_add_string   (AttCliJson     *writer,
                                        const char     *value);   /* NULL -> null */
void         att_cli_json_add_int      (AttCliJson     *writer,
                                        gint64          value);
void         att_cli_json_add_bool     (AttCliJson     *writer,
                                        gboolean        value);
void         att_cli_json_add_null     (AttCliJson     *writer);
/* One decimal; what is not a finite number is written as 0.0. */
void         att_cli_json_add_double   (AttCliJson     *writer,
                                        double          value);
void         att_cli_json_add_date     (AttCliJson     *writer,
                                        AttDate         date);    /* NONE -> null */

/* @json, a JSON value the core wrote (an object of a letter's figures),
 * as it is. */
void         att_cli_json_add_raw      (AttCliJson     *writer,
                                        const char     *json);

/* Ends the document: the line break after it, and stdout flushed. */
void         att_cli_print_json        (AttCliJson     *writer);

/* Members: the member's name and its value. */
void         att_cli_json_string  (AttCliJson     *writer,
                                   const char     *key,
                                   const char     *value);   /* NULL -> null */
void         att_cli_json_int     (AttCliJson     *writer,
                                   const char     *key,
                                   gint64          value);
void         att_cli_json_bool    (AttCliJson     *writer,
                                   const char     *key,
                                   gboolean        value);
void         att_cli_json_date    (AttCliJson     *writer,
                                   const char     *key,
                                   AttDate         date);    /* NONE -> null */
/* Percentages rounded to one decimal. */
void         att_cli_json_pct     (AttCliJson     *writer,
                                   const char     *key,
                                   double          value);
/* {code: n} with only the codes that occur. */
void         att_cli_json_codes   (AttCliJson     *writer,
                                   const char     *key,
                                   const guint    *codes);
/* The members of the `stats` object after upn, name, group and year. */
void         att_cli_json_figures (AttCliJson       *writer,
                                   const AttFigures *figures);

G_END_DECLS
