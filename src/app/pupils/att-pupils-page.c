/* att-pupils-page.c: every pupil, searchable, and one pupil's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "att-do-not-send-dialog.h"
#include "att-pupil-flags.h"
#include "att-pupils-page-private.h"
#include "att-sar-document.h"

struct _AttPupilsPage
{
  AttPage             parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *leavers_check;
  GtkLabel           *count_label;
  GtkWidget          *add_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  AttPupilView       *pupil_view;

  /* The list: every pupil, filtered by the search and sorted by the
   * column the user picked. The column view builds cells only for the
   * rows on screen, so thousands of pupils cost little. */
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;

  /* This school year's figures, counted once per refresh on another
   * thread, after the list is on screen; NULL until they come. The cells
   * that show them are kept to be filled in when they do. */
  GArray             *year_figures;
  GHashTable         *figures;      /* pupil id -> AttFigures in year_figures */
  GCancellable       *counting;     /* the figures being counted, or NULL */
  GHashTable         *figure_items; /* GtkListItem -> its bind function */
  GtkSorter          *attendance_sorter;
  GHashTable         *haystacks;    /* AttPupil -> folded text to search in */
  char              **search_words;
  AttDate             today;

  AttDb              *db;
  gulong              changed_id;
  gint64              pupil_id;     /* shown in the pupil view, or 0 */
};

G_DEFINE_FINAL_TYPE (AttPupilsPage, att_pupils_page, ATT_TYPE_PAGE)

/* Searches ignore case and accents: "celik" finds "Çelik". */
static char *
fold_text (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);

  return att_name_fold (normal != NULL ? normal : "");
}

/* What a search looks in: the names, the UPN and the group, folded. */
static char *
make_haystack (AttPupil *pupil)
{
  g_autofree char *text = g_strjoin (" ",
                                     att_pupil_get_display_name (pupil),
                                     pupil->legal_forename != NULL ? pupil->legal_forename : "",
                                     pupil->legal_surname != NULL ? pupil->legal_surname : "",
                                     pupil->upn != NULL ? pupil->upn : "",
                                     pupil->reg_group != NULL ? pupil->reg_group : "",
                                     NULL);

  return fold_text (text);
}

static const AttFigures *
lookup_figures (AttPupilsPage *self,
                AttPupil      *pupil)
{
  if (self->figures == NULL)
    return NULL;

  return g_hash_table_lookup (self->figures, &pupil->id);
}

/* Filtering and sorting */

static gboolean
filter_pupil (gpointer item,
              gpointer user_data)
{
  AttPupilsPage *self = user_data;
  AttPupil *pupil = item;
  const char *haystack;

  if (!gtk_check_button_get_active (self->leavers_check)
      && !att_pupil_on_roll (pupil, self->today))
    return FALSE;

  if (self->search_words == NULL)
    return TRUE;

  /* The text searched in is made when a search first needs it, not for
   * every pupil at every refresh. */
  haystack = g_hash_table_lookup (self->haystacks, pupil);
  if (haystack == NULL)
    {
      haystack = make_haystack (pupil);
      g_hash_table_insert (self->haystacks, pupil, (char *)haystack);
    }

  for (guint i = 0; self->search_words[i] != NULL; i++)
    if (strstr (haystack, self->search_words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static int
compare_names (AttPupil *a,
               AttPupil *b)
{
  int result;

  if (a->sort_key != NULL && b->sort_key != NULL)
    result = strcmp (a->sort_key, b->sort_key);
  else
    result = g_utf8_collate (att_pupil_get_display_name (a), att_pupil_get_display_name (b));

  if (result == 0)
    result = (a->id > b->id) - (a->id < b->id);

  return result;
}

static int
sort_by_name (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return compare_names ((AttPupil *) a, (AttPupil *) b);
}

static int
sort_by_group (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AttPupil *pa = (AttPupil *) a, *pb = (AttPupil *) b;
  int result = g_utf8_collate (pa->reg_group != NULL ? pa->reg_group : "",
                               pb->reg_group != NULL ? pb->reg_group : "");

  return result != 0 ? (result > 0) - (result < 0) : compare_names (pa, pb);
}

static int
sort_by_year (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  AttPupil *pa = (AttPupil *) a, *pb = (AttPupil *) b;

  if (pa->year_group != pb->year_group)
    return pa->year_group < pb->year_group ? -1 : 1;

  return compare_names (pa, pb);
}

static double
pupil_pct (AttPupilsPage *self,
           AttPupil      *pupil)
{
  const AttFigures *figures = lookup_figures (self, pupil);

  if (figures == NULL || figures->possible == 0)
    return -1.0;

  /* Exact ratio: two pupils on 94.96% and 95.04% must not tie. */
  return (double) att_figures_attended (figures) / figures->possible;
}

static int
sort_by_attendance (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  AttPupilsPage *self = user_data;
  AttPupil *pa = (AttPupil *) a, *pb = (AttPupil *) b;
  double x = pupil_pct (self, pa), y = pupil_pct (self, pb);

  if (x != y)
    return x < y ? -1 : 1;

  return compare_names (pa, pb);
}

/* Cells */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0 : 0.0;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (xalign > 0.5)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  AttPupil *pupil = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       att_pupil_get_display_name (pupil));
}

static void
bind_group (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  AttPupil *pupil = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       pupil->reg_group != NULL ? pupil->reg_group : "");
}

static void
bind_year (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  AttPupil *pupil = gtk_list_item_get_item (item);
  g_autofree char *text = att_year_group_format (pupil->year_group);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_attendance (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  AttPupilsPage *self = user_data;
  AttPupil *pupil = gtk_list_item_get_item (item);
  const AttFigures *figures = lookup_figures (self, pupil);
  g_autofree char *text = NULL;

  g_hash_table_insert (self->figure_items, item, bind_attendance);
  /* Nothing while the figures are being counted: "—" says there are
   * none. */
  if (self->year_figures == NULL && self->counting != NULL)
    text = g_strdup ("");
  else if (figures != NULL && figures->possible > 0)
    text = g_strdup_printf (_("%.1f%%"), att_figures_attendance_pct (figures));
  else
    text = g_strdup ("—");

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_flags (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gtk_list_item_set_child (item, att_pupil_flags_new ());
}

static void
bind_flags (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  AttPupilsPage *self = user_data;
  AttPupil *pupil = gtk_list_item_get_item (item);

  g_hash_table_insert (self->figure_items, item, bind_flags);
  att_pupil_flags_update (gtk_list_item_get_child (item), pupil,
                          lookup_figures (self, pupil), self->today);
}

static void
unbind_figures (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  AttPupilsPage *self = user_data;

  g_hash_table_remove (self->figure_items, item);
}

static GtkColumnViewColumn *
add_column (AttPupilsPage    *self,
            const char       *title,
            GCallback         setup,
            gpointer          setup_data,
            GCallback         bind,
            GCompareDataFunc  compare,
            int               fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "bind", bind, self);

  column = gtk_column_view_column_new (title, factory);
  if (compare != NULL)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare, self, NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
    }
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  else
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_column_set_resizable (column, TRUE);

  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);

  return column;
}

/* Updating */

static void
update_count (AttPupilsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("%'u pupil", "%'u pupils", shown), shown);
  gtk_label_set_label (self->count_label, text);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
  else if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Nobody is on the admission register. Import your pupils "
                                         "from the CSV file the school’s management system exports."));
      if (adw_status_page_get_child (self->empty_page) == NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import Pupils…"));

          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "pupils");
          gtk_widget_add_css_class (button, "pill");
          gtk_widget_add_css_class (button, "suggested-action");
          adw_status_page_set_child (self->empty_page, button);
        }
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    {
      adw_status_page_set_child (self->empty_page, NULL);
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Pupils Found"));
      adw_status_page_set_description (self->empty_page,
                                       gtk_check_button_get_active (self->leavers_check)
                                       ? _("Try part of a name, a UPN or a registration group.")
                                       : _("Try part of a name, a UPN or a registration group, "
                                           "or include pupils who have left."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

static void
on_filtered_items_changed (GListModel    *model,
                           guint          position,
                           guint          removed,
                           guint          added,
                           AttPupilsPage *self)
{
  update_count (self);
}

/* This school year's figures for everyone, counted on a connection of
 * the thread's own: the list is drawn first, and the attendance column
 * and the flags that rest on it are filled in when they come. */
typedef struct
{
  char    *path;
  AttDate  first;
  AttDate  last;
} FiguresJob;

static void
figures_job_free (FiguresJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
figures_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FiguresJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = att_db_open (job->path, &error);
  GArray *figures;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  figures = att_stats_all (db, job->first, job->last, &error);
  if (figures == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, figures, (GDestroyNotify)g_array_unref);
}

static void
show_figures (AttPupilsPage *self,
              GArray        *year_figures)
{
  GHashTableIter iter;
  gpointer item, bind;

  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->year_figures, g_array_unref);
  self->year_figures = year_figures;
  if (self->year_figures != NULL)
    {
      self->figures = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < self->year_figures->len; i++)
        {
          AttFigures *figures = &g_array_index (self->year_figures, AttFigures, i);

          g_hash_table_insert (self->figures, &figures->pupil_id, figures);
        }
    }

  /* The cells on screen show them now; a list sorted by attendance is
   * sorted again. */
  g_hash_table_iter_init (&iter, self->figure_items);
  while (g_hash_table_iter_next (&iter, &item, &bind))
    ((void (*) (GtkSignalListItemFactory *, GtkListItem *, gpointer))bind) (NULL, item, self);
  gtk_sorter_changed (self->attendance_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
figures_counted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (source);
  g_autoptr(GError) error = NULL;
  GArray *figures = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another refresh, or the page gone, has taken the job's place. */
  if (g_task_get_cancellable (G_TASK (result)) != self->counting)
    {
      g_clear_pointer (&figures, g_array_unref);
      return;
    }
  g_clear_object (&self->counting);
  if (figures == NULL)
    g_warning ("Could not count this school year: %s", error->message);
  show_figures (self, figures);
}

static void
count_figures (AttPupilsPage *self)
{
  g_autoptr(GTask) task = NULL;
  AttCalendar *calendar;
  AttDate first, last;
  FiguresJob *job;

  if (self->counting != NULL)
    {
      g_cancellable_cancel (self->counting);
      g_clear_object (&self->counting);
    }
  if (self->db == NULL)
    return;
  calendar = att_db_get_calendar (self->db);
  if (calendar == NULL || !att_calendar_school_year_range (calendar, self->today, &first, &last))
    return;

  job = g_new0 (FiguresJob, 1);
  job->path = g_strdup (att_db_get_path (self->db));
  job->first = first;
  job->last = MIN (last, self->today);
  self->counting = g_cancellable_new ();
  task = g_task_new (self, self->counting, figures_counted, NULL);
  g_task_set_source_tag (task, count_figures);
  g_task_set_task_data (task, job, (GDestroyNotify)figures_job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, figures_thread);
}

static void
refresh (AttPupilsPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pupils = NULL;

  self->today = att_context_get_today (att_page_get_context (ATT_PAGE (self)));

  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->year_figures, g_array_unref);
  g_hash_table_remove_all (self->haystacks);

  if (self->db != NULL)
    {
      pupils = att_pupils_list (self->db, &error);
      if (pupils == NULL)
        g_warning ("Could not list the pupils: %s", error->message);
      g_clear_error (&error);
    }
  count_figures (self);

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       pupils != NULL ? pupils->pdata : NULL,
                       pupils != NULL ? pupils->len : 0);
  update_count (self);

  /* Bring an open record up to date, or close it if the pupil is gone. */
  if (self->pupil_id != 0)
    {
      if (self->db != NULL && att_pupils_get (self->db, self->pupil_id) != NULL)
        att_pupil_view_show (self->pupil_view, self->db, self->pupil_id, self->today);
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "page.go-back", NULL);
    }
}

static void
att_pupils_page_refresh (AttPage *page)
{
  refresh (ATT_PUPILS_PAGE (page));
}

static void
on_db_changed (AttDb         *db,
               guint          changes,
               AttPupilsPage *self)
{
  att_page_queue_refresh (ATT_PAGE (self));
}

static void
on_search_changed (GtkSearchEntry *entry,
                   AttPupilsPage  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = fold_text (text);
  char **words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, g_strdup (words[i]));
  g_strfreev (words);

  g_strfreev (self->search_words);
  if (kept->len > 0)
    {
      g_ptr_array_add (kept, NULL);
      self->search_words = (char **) g_ptr_array_free (kept, FALSE);
    }
  else
    {
      g_ptr_array_free (kept, TRUE);
      self->search_words = NULL;
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_stop_search (GtkSearchEntry *entry,
                AttPupilsPage  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_leavers_toggled (GtkCheckButton *check,
                    AttPupilsPage  *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter),
                      gtk_check_button_get_active (check)
                      ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             AttPupilsPage *self)
{
  g_autoptr(AttPupil) pupil = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (pupil != NULL)
    att_pupils_page_show_pupil (self, pupil->id);
}

/* Return in the search opens the pupil found: the one selected, or the
 * first of the list, as a search in a GNOME app opens its first result. */
static void
on_search_activate (GtkSearchEntry *entry,
                    AttPupilsPage  *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION || position >= n)
    position = 0;
  on_activate (self->column_view, position, self);
}

static void
att_pupils_page_go_back (AttPage *page)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (page);

  if (self->pupil_id == 0)
    return;

  self->pupil_id = 0;
  att_pupil_view_show (self->pupil_view, NULL, 0, self->today);
  gtk_stack_set_visible_child_name (self->stack, "list");
  att_page_set_subtitle (ATT_PAGE (self), NULL);
  att_page_set_can_go_back (page, FALSE);
  att_page_actions_update (page);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Public */

void
att_pupils_page_show_pupil (AttPupilsPage *self,
                            gint64         pupil_id)
{
  AttPupil *pupil;

  g_return_if_fail (ATT_IS_PUPILS_PAGE (self));

  if (self->db == NULL || (pupil = att_pupils_get (self->db, pupil_id)) == NULL)
    return;

  self->pupil_id = pupil_id;
  att_pupil_view_show (self->pupil_view, self->db, pupil_id, self->today);
  gtk_stack_set_visible_child_name (self->stack, "pupil");
  att_page_set_can_go_back (ATT_PAGE (self), TRUE);
  att_page_set_subtitle (ATT_PAGE (self), att_pupil_get_display_name (pupil));
  att_page_actions_update (ATT_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->pupil_view));
}

/* Subject access */

gboolean
att_pupils_page_export_subject_access (AttPupilsPage  *self,
                                       const char     *folder,
                                       GError        **error)
{
  const AttUser *user = att_context_get_user (att_page_get_context (ATT_PAGE (self)));
  AttPupil *pupil;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), FALSE);

  if (self->db == NULL || user == NULL || self->pupil_id == 0 ||
      (pupil = att_pupils_get (self->db, self->pupil_id)) == NULL)
    {
      g_set_error (error, ATT_ERROR, ATT_ERROR_NOT_FOUND,
                   _("Open a pupil's record to export what is held about them"));
      return FALSE;
    }
  att_sar_file_paths (folder, pupil->upn, &pdf, &json);
  return att_sar_write_files (self->db, user, self->pupil_id, pdf, json, error);
}

/* A whole record printed can run to a hundred pages: the export is
 * written on a connection of its own, off the window's thread. */
typedef struct
{
  char    *db_path;
  AttUser *user;
  gint64   pupil_id;
  char    *pdf;
  char    *json;
  char    *folder;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  att_user_free (job->user);
  g_free (job->pdf);
  g_free (job->json);
  g_free (job->folder);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttDb) db = att_db_open (job->db_path, &error);

  if (db == NULL || !att_sar_write_files (db, job->user, job->pupil_id, job->pdf, job->json, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is a folder */
    text = g_strdup_printf (_("Everything held about the pupil was saved in %s"), job->folder);
  else
    text = g_strdup (error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text);
}

static void
on_subject_access_response (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(AttPupilsPage) self = user_data;
  const AttUser *user = att_context_get_user (att_page_get_context (ATT_PAGE (self)));

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL && user != NULL && self->pupil_id != 0)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *folder = file != NULL ? g_file_get_path (file) : NULL;
      AttPupil *pupil = att_pupils_get (self->db, self->pupil_id);

      if (folder != NULL && pupil != NULL)
        {
          g_autoptr(GTask) task = g_task_new (self, NULL, export_done, NULL);
          ExportJob *job = g_new0 (ExportJob, 1);

          job->db_path = g_strdup (att_db_get_path (self->db));
          job->user = att_user_copy (user);
          job->pupil_id = self->pupil_id;
          job->folder = g_steal_pointer (&folder);
          att_sar_file_paths (job->folder, pupil->upn, &job->pdf, &job->json);
          g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
          g_task_run_in_thread (task, export_thread);
        }
    }
  g_object_unref (dialog);
}

static void
subject_access_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose a Folder for the Subject Access Export"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_subject_access_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* "Do not send" for the pupil shown: the Letters page's dialog. */
static void
do_not_send_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (widget);

  if (self->pupil_id != 0)
    att_do_not_send_dialog_present (widget, att_page_get_context (ATT_PAGE (self)), self->pupil_id);
}

static void
att_pupils_page_actions_update (AttPage *page)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (page);
  const AttUser *user = att_context_get_user (att_page_get_context (page));
  g_autoptr(GError) error = NULL;
  gboolean can = FALSE;

  if (user == NULL)
    g_set_error_literal (&error, ATT_ERROR, ATT_ERROR_PERMISSION, _("Nobody is signed in"));
  else if (att_sar_require (user, &error))
    can = self->db != NULL && self->pupil_id != 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pupils.subject-access", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pupils.do-not-send",
                                 user != NULL && self->db != NULL && self->pupil_id != 0
                                 && att_user_can (user, ATT_PERM_LETTERS));
  att_pupil_view_set_export_tooltip (self->pupil_view,
                                     error != NULL ? error->message
                                                   : _("Save everything held about this pupil as a PDF and a JSON file"));
  _att_pupils_page_edit_actions_update (self, self->add_button);
}

void
att_pupils_page_focus_search (AttPupilsPage *self)
{
  g_return_if_fail (ATT_IS_PUPILS_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "page.go-back", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
set_db (AttPupilsPage *self,
        AttDb         *db)
{
  if (self->db == db)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "page.go-back", NULL);

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (self->db != NULL)
    self->changed_id = g_signal_connect (self->db, "changed",
                                         G_CALLBACK (on_db_changed), self);

  /* A page the window holds but does not show reads its pupils and their
   * figures when it is first shown, not before. */
  att_page_refresh_when_shown (ATT_PAGE (self));
}

static void
on_context_db_changed (AttContext    *context,
                       GParamSpec    *pspec,
                       AttPupilsPage *self)
{
  set_db (self, att_context_get_db (context));
}

GtkColumnView *
att_pupils_page_get_column_view (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), NULL);

  return self->column_view;
}

GtkSearchEntry *
att_pupils_page_get_search_entry (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), NULL);

  return self->search_entry;
}

GtkCheckButton *
att_pupils_page_get_leavers_check (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), NULL);

  return self->leavers_check;
}

AttPupilView *
att_pupils_page_get_pupil_view (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), NULL);

  return self->pupil_view;
}

gboolean
att_pupils_page_is_showing_pupil (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), FALSE);

  return self->pupil_id != 0;
}

gboolean
att_pupils_page_is_counting (AttPupilsPage *self)
{
  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), FALSE);

  return self->counting != NULL;
}

const char *
att_pupils_page_get_shown_attendance (AttPupilsPage *self,
                                      gint64         pupil_id)
{
  GHashTableIter iter;
  gpointer item, bind;

  g_return_val_if_fail (ATT_IS_PUPILS_PAGE (self), NULL);

  g_hash_table_iter_init (&iter, self->figure_items);
  while (g_hash_table_iter_next (&iter, &item, &bind))
    {
      AttPupil *pupil = gtk_list_item_get_item (item);

      if (bind == (gpointer)bind_attendance && pupil != NULL && pupil->id == pupil_id)
        return gtk_label_get_label (GTK_LABEL (gtk_list_item_get_child (item)));
    }
  return NULL;
}

/* GObject */

static void
att_pupils_page_dispose (GObject *object)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (object);

  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_clear_object (&self->db);
  if (self->counting != NULL)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATT_TYPE_PUPILS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  self->filtered = NULL;
  self->sorted = NULL;
  self->filter = NULL;

  G_OBJECT_CLASS (att_pupils_page_parent_class)->dispose (object);
}

static void
att_pupils_page_finalize (GObject *object)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (object);

  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->year_figures, g_array_unref);
  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  g_clear_pointer (&self->figure_items, g_hash_table_unref);
  g_strfreev (self->search_words);

  G_OBJECT_CLASS (att_pupils_page_parent_class)->finalize (object);
}

static void
att_pupils_page_constructed (GObject *object)
{
  AttPupilsPage *self = ATT_PUPILS_PAGE (object);
  AttContext *context;

  G_OBJECT_CLASS (att_pupils_page_parent_class)->constructed (object);

  context = att_page_get_context (ATT_PAGE (self));
  self->today = att_context_get_today (context);
  g_signal_connect_object (context, "notify::db",
                           G_CALLBACK (on_context_db_changed), self, 0);
  set_db (self, att_context_get_db (context));
  if (self->db == NULL)
    refresh (self);
}

static void
att_pupils_page_class_init (AttPupilsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AttPageClass *page_class = ATT_PAGE_CLASS (klass);

  object_class->dispose = att_pupils_page_dispose;
  object_class->finalize = att_pupils_page_finalize;
  object_class->constructed = att_pupils_page_constructed;
  page_class->go_back = att_pupils_page_go_back;
  page_class->refresh = att_pupils_page_refresh;
  page_class->actions_update = att_pupils_page_actions_update;

  g_type_ensure (ATT_TYPE_PUPIL_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/schoolattendance/Attendance/pupils/att-pupils-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, leavers_check);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttPupilsPage, pupil_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_leavers_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "page.go-back", NULL);
  gtk_widget_class_install_action (widget_class, "pupils.subject-access", NULL, subject_access_action);
  gtk_widget_class_install_action (widget_class, "pupils.do-not-send", NULL, do_not_send_action);
  _att_pupils_page_install_edit_actions (widget_class);
}

static void
att_pupils_page_init (AttPupilsPage *self)
{
  GtkColumnViewColumn *name_column, *column;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->haystacks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->figure_items = g_hash_table_new (NULL, NULL);
  self->store = g_list_store_new (ATT_TYPE_PUPIL);

  /* Translators: column headings of the list of pupils */
  name_column = add_column (self, _("Name"), G_CALLBACK (setup_label), GINT_TO_POINTER (0),
                            G_CALLBACK (bind_name), sort_by_name, 0);
  add_column (self, _("Group"), G_CALLBACK (setup_label), GINT_TO_POINTER (0),
              G_CALLBACK (bind_group), sort_by_group, 100);
  add_column (self, _("Year"), G_CALLBACK (setup_label), GINT_TO_POINTER (0),
              G_CALLBACK (bind_year), sort_by_year, 70);
  column = add_column (self, _("Attendance"), G_CALLBACK (setup_label), GINT_TO_POINTER (1),
                       G_CALLBACK (bind_attendance), sort_by_attendance, 120);
  self->attendance_sorter = gtk_column_view_column_get_sorter (column);
  g_signal_connect (gtk_column_view_column_get_factory (column), "unbind",
                    G_CALLBACK (unbind_figures), self);
  column = add_column (self, _("Flags"), G_CALLBACK (setup_flags), NULL,
                       G_CALLBACK (bind_flags), NULL, 190);
  g_signal_connect (gtk_column_view_column_get_factory (column), "unbind",
                    G_CALLBACK (unbind_figures), self);

  self->filter = gtk_custom_filter_new (filter_pupil, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);

  g_signal_connect (self->filtered, "items-changed",
                    G_CALLBACK (on_filtered_items_changed), self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_activate), self, 0);
}
