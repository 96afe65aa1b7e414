/* att-context.c: what every page of the window is handed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "att-context.h"
#include "att-register-grid.h"

struct _AttContext
{
  GObject    parent_instance;

  AttDb     *db;
  gulong     db_changed_id;
  AttUser   *user;
  GSettings *settings;
  AttDate    today;
  int        clock;
  guint      tick_id;
  guint      poll_id;
};

G_DEFINE_FINAL_TYPE (AttContext, att_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB,
  PROP_USER,
  PROP_SETTINGS,
  PROP_TODAY,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_user (AttContext    *self,
          const AttUser *user)
{
  g_clear_pointer (&self->user, att_user_free);
  self->user = user != NULL ? att_user_copy (user) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static gboolean
same_user (const AttUser *a,
           const AttUser *b)
{
  return a->id == b->id && a->role == b->role && a->deactivated == b->deactivated &&
         a->deputy == b->deputy && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->position, b->position) == 0;
}

/* Reads the signed-in user again from the database: a change of role,
 * position or deputy reaches the pages at once, and a user who was
 * deactivated, or is not in this database, is signed out. A user made
 * by hand (no id) is left as they are. */
static void
refresh_user (AttContext *self)
{
  g_autoptr(AttUser) fresh = NULL;

  if (self->user == NULL || self->user->id <= 0)
    return;
  if (self->db != NULL)
    fresh = att_users_get (self->db, self->user->id, NULL);
  if (fresh != NULL && (fresh->deactivated || g_strcmp0 (fresh->name, self->user->name) != 0))
    g_clear_pointer (&fresh, att_user_free);

  if (fresh == NULL)
    set_user (self, NULL);
  else if (!same_user (fresh, self->user))
    set_user (self, fresh);
}

static void
on_db_changed (AttDb      *db,
               guint       changes,
               AttContext *self)
{
  if (changes & ATT_CHANGE_USERS)
    refresh_user (self);
}

/* Reads the date and the register clock once a minute, and says when
 * they moved on. The getters always read them afresh. */
static void
update_now (AttContext *self)
{
  AttDate today = att_date_today ();
  int clock = att_clock_now ();

  if (today != self->today)
    {
      self->today = today;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
    }
  if (clock != self->clock)
    {
      self->clock = clock;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
    }
}

static gboolean
on_tick (gpointer user_data)
{
  update_now (user_data);
  return G_SOURCE_CONTINUE;
}

/* attendance-cli, an import or a second window may write to the same
 * file: the database looks every few seconds, and what it finds reaches
 * every page through its signals. */
#define POLL_SECONDS 2

static gboolean
on_poll (gpointer user_data)
{
  AttContext *self = user_data;

  if (self->db != NULL)
    att_db_poll (self->db);
  return G_SOURCE_CONTINUE;
}

AttContext *
att_context_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ATT_TYPE_CONTEXT, "settings", settings, NULL);
}

AttDb *
att_context_get_db (AttContext *self)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (self), NULL);

  return self->db;
}

void
att_context_set_db (AttContext *self,
                    AttDb      *db)
{
  g_return_if_fail (ATT_IS_CONTEXT (self));
  g_return_if_fail (db == NULL || ATT_IS_DB (db));

  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->db_changed_id = g_signal_connect (self->db, "changed",
                                            G_CALLBACK (on_db_changed), self);

  /* The user first, so that a page following "db" finds its user. */
  refresh_user (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

const AttUser *
att_context_get_user (AttContext *self)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (self), NULL);

  return self->user;
}

void
att_context_set_user (AttContext    *self,
                      const AttUser *user)
{
  g_return_if_fail (ATT_IS_CONTEXT (self));

  set_user (self, user);
}

GSettings *
att_context_get_settings (AttContext *self)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (self), NULL);

  return self->settings;
}

AttDate
att_context_get_today (AttContext *self)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (self), 0);

  return att_date_today ();
}

int
att_context_get_clock (AttContext *self)
{
  g_return_val_if_fail (ATT_IS_CONTEXT (self), 0);

  return att_clock_now ();
}

static void
att_context_constructed (GObject *object)
{
  AttContext *self = ATT_CONTEXT (object);

  G_OBJECT_CLASS (att_context_parent_class)->constructed (object);

  if (self->settings == NULL)
    {
      /* Without the compiled schema (an uninstalled build run by hand)
       * the app still works; it only forgets what it would remember. */
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, ATT_SETTINGS_SCHEMA, TRUE);
      if (schema != NULL)
        self->settings = g_settings_new (ATT_SETTINGS_SCHEMA);
    }
  self->today = att_date_today ();
  self->clock = att_clock_now ();
  self->tick_id = g_timeout_add_seconds (60, on_tick, self);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, on_poll, self);
}

static void
att_context_dispose (GObject *object)
{
  AttContext *self = ATT_CONTEXT (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (att_context_parent_class)->dispose (object);
}

static void
att_context_finalize (GObject *object)
{
  AttContext *self = ATT_CONTEXT (object);

  g_clear_pointer (&self->user, att_user_free);

  G_OBJECT_CLASS (att_context_parent_class)->finalize (object);
}

static void
att_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AttContext *self = ATT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_USER:
      g_value_set_boxed (value, self->user);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_TODAY:
      g_value_set_int (value, att_context_get_today (self));
      break;
    case PROP_CLOCK:
      g_value_set_int (value, att_context_get_clock (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AttContext *self = ATT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB:
      att_context_set_db (self, g_value_get_object (value));
      break;
    case PROP_USER:
      att_context_set_user (self, g_value_get_boxed (value));
      break;
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
att_context_class_init (AttContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = att_context_constructed;
  object_class->dispose = att_context_dispose;
  object_class->finalize = att_context_finalize;
  object_class->get_property = att_context_get_property;
  object_class->set_property = att_context_set_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, ATT_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_boxed ("user", NULL, NULL, ATT_TYPE_USER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* An AttDate. */
  properties[PROP_TODAY] =
    g_param_spec_int ("today", NULL, NULL, G_MININT32, G_MAXINT32, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Minutes after midnight. */
  properties[PROP_CLOCK] =
    g_param_spec_int ("clock", NULL, NULL, 0, 24 * 60, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
att_context_init (AttContext *self)
{
}
