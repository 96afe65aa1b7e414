/* att-application.h: the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "attendance-core.h"
#include "att-context.h"

G_BEGIN_DECLS

typedef enum
{
  ATT_APPLICATION_STATE_LOADING,
  ATT_APPLICATION_STATE_NO_SCHOOL,  /* no database at the path yet */
  ATT_APPLICATION_STATE_ERROR,      /* the database could not be opened */
  ATT_APPLICATION_STATE_READY,
} AttApplicationState;

#define ATT_TYPE_APPLICATION (att_application_get_type ())
G_DECLARE_FINAL_TYPE (AttApplication, att_application, ATT, APPLICATION, AdwApplication)

AttApplication      *att_application_new             (void);
/* The application that is running. Pages never ask it for anything:
 * the window hands them an AttContext. */
AttApplication      *att_application_get_default     (void);

AttApplicationState  att_application_get_state       (AttApplication *self);
/* NULL until a school is open. */
AttDb               *att_application_get_db          (AttApplication *self);
const char          *att_application_get_db_path     (AttApplication *self);
/* Why the database could not be opened (state ERROR), else NULL. */
const char          *att_application_get_error_message (AttApplication *self);
GSettings           *att_application_get_settings    (AttApplication *self);

/* Opens (or reopens) the database at the default path. */
void                 att_application_load            (AttApplication *self);
/* Creates a demonstration school at the default path in a worker thread,
 * then opens it. */
void                 att_application_create_demo_async  (AttApplication      *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean             att_application_create_demo_finish (AttApplication      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
