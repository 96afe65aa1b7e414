/* att-page.h: what every page of the window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "att-context.h"

G_BEGIN_DECLS

#define ATT_TYPE_PAGE (att_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (AttPage, att_page, ATT, PAGE, GtkWidget)

struct _AttPageClass
{
  GtkWidgetClass parent_class;

  /* Enables and disables the page's actions from the user's rights (as
   * the core's att_user_require() decides them) and the page's state.
   * Called when the context's database or user changes; pages call
   * att_page_actions_update() when their own state changes. */
  void (*actions_update) (AttPage *self);
  /* Leaves a view inside the page (the "page.go-back" action), called
   * only while "can-go-back" is TRUE. */
  void (*go_back)        (AttPage *self);
  /* Reads the page's figures again; see att_page_queue_refresh(). */
  void (*refresh)        (AttPage *self);

  gpointer padding[8];
};

/* The page's context (construct-only): the window hands its own to every
 * page; a page made without one (in a test) makes one of its own. */
AttContext  *att_page_get_context     (AttPage    *self);

/* Shown under the page's title in the header bar; NULL for none. */
const char  *att_page_get_subtitle    (AttPage    *self);
void         att_page_set_subtitle    (AttPage    *self,
                                       const char *subtitle);

/* TRUE while the page shows a view inside itself that "page.go-back"
 * (the window's back button, Alt+Left) leaves. Enables the action. */
gboolean     att_page_get_can_go_back (AttPage    *self);
void         att_page_set_can_go_back (AttPage    *self,
                                       gboolean    can_go_back);

void         att_page_actions_update  (AttPage    *self);

/* Asks for the page's "refresh" after the database changed. A hidden page
 * catches up when it is shown again (marking a register should not
 * recount the whole school on every click), and several changes in a row
 * make one refresh, from an idle. */
void         att_page_queue_refresh   (AttPage    *self);
/* Refreshes now and drops any refresh that was waiting. */
void         att_page_refresh         (AttPage    *self);
/* Whether the page is held by the window (its "held", or a parent) but
 * not on screen: another page is shown, or the sign-in is over it. */
gboolean     att_page_is_waiting      (AttPage    *self);
/* Refreshes now unless the page is waiting (see above): then it
 * refreshes when it is first shown, before the frame that shows it. */
void         att_page_refresh_when_shown (AttPage *self);

/* Reports a finished action in a toast over the window. With
 * @undo_action (a detailed action name such as "page.undo-leaver", with
 * @undo_target or NULL), the toast has an Undo button that activates it
 * on the page, so the page's own actions serve. Outside a window's toast
 * overlay (a test of the page alone) the message goes nowhere. */
void         att_page_add_toast       (AttPage    *self,
                                       const char *message,
                                       const char *undo_action,
                                       GVariant   *undo_target);

G_END_DECLS
