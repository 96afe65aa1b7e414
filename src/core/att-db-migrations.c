/* att-db-migrations.c: the schema, one migration at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-db-private.h"
#include "att-pupils-private.h"

/* Each migration brings the schema from version N to N + 1 and runs in a
 * transaction of its own together with the user_version bump, so a crash
 * half way leaves the database at the previous version. Never edit a
 * migration that has shipped: append a new one. */
static const char * const migrations[] = {
  /* 1: the foundation */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE users ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  role       TEXT NOT NULL CHECK (role IN ('receptionist', 'attendance-officer', 'headteacher', 'admin')),"
  "  position   TEXT NOT NULL DEFAULT '',"
  "  active     INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL"
  ");"

  /* Who acted, as they were named and placed at the time. */
  "CREATE TABLE actors ("
  "  id       INTEGER PRIMARY KEY,"
  "  user_id  INTEGER REFERENCES users (id),"
  "  name     TEXT NOT NULL,"
  "  position TEXT NOT NULL,"
  "  UNIQUE (user_id, name, position)"
  ");"

  "CREATE TABLE audit_log ("
  "  id       INTEGER PRIMARY KEY,"
  "  at       INTEGER NOT NULL,"
  "  actor_id INTEGER NOT NULL REFERENCES actors (id),"
  "  action   TEXT NOT NULL,"
  "  detail   TEXT NOT NULL DEFAULT ''"
  ");"

  /* Dates are Julian day numbers (see att-date.h). */
  "CREATE TABLE terms ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  start_date INTEGER NOT NULL,"
  "  end_date   INTEGER NOT NULL,"
  "  CHECK (start_date <= end_date)"
  ");"

  "CREATE TABLE closures ("
  "  id         INTEGER PRIMARY KEY,"
  "  start_date INTEGER NOT NULL,"
  "  end_date   INTEGER NOT NULL,"
  "  session    INTEGER NOT NULL DEFAULT -1 CHECK (session IN (-1, 0, 1)),"
  "  reason     TEXT NOT NULL,"
  "  CHECK (start_date <= end_date)"
  ");"

  "CREATE TABLE pupils ("
  "  id                 INTEGER PRIMARY KEY,"
  "  upn                TEXT NOT NULL UNIQUE,"
  "  legal_surname      TEXT NOT NULL,"
  "  legal_forename     TEXT NOT NULL,"
  "  preferred_surname  TEXT,"
  "  preferred_forename TEXT,"
  "  dob                INTEGER NOT NULL,"
  "  sex                TEXT NOT NULL CHECK (sex IN ('M', 'F')),"
  "  year_group         INTEGER NOT NULL CHECK (year_group BETWEEN 0 AND 14),"
  "  reg_group          TEXT NOT NULL,"
  "  admission_date     INTEGER NOT NULL,"
  "  leaving_date       INTEGER,"
  "  fsm                INTEGER NOT NULL DEFAULT 0,"
  "  sen                TEXT NOT NULL DEFAULT 'N' CHECK (sen IN ('N', 'K', 'E')),"
  "  eal                INTEGER NOT NULL DEFAULT 0,"
  "  looked_after       INTEGER NOT NULL DEFAULT 0,"
  "  social_worker      INTEGER NOT NULL DEFAULT 0,"
  "  young_carer        INTEGER NOT NULL DEFAULT 0,"
  "  medical_note       TEXT,"
  "  CHECK (leaving_date IS NULL OR leaving_date >= admission_date)"
  ");"

  "CREATE TABLE contacts ("
  "  id                      INTEGER PRIMARY KEY,"
  "  pupil_id                INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,"
  "  priority                INTEGER NOT NULL CHECK (priority >= 1),"
  "  title                   TEXT,"
  "  forename                TEXT,"
  "  surname                 TEXT NOT NULL,"
  "  relationship            TEXT NOT NULL,"
  "  parental_responsibility INTEGER NOT NULL DEFAULT 0,"
  "  lives_with              INTEGER NOT NULL DEFAULT 0,"
  "  receives_letters        INTEGER NOT NULL DEFAULT 0,"
  "  phone_home              TEXT,"
  "  phone_mobile            TEXT,"
  "  phone_work              TEXT,"
  "  email                   TEXT,"
  "  address_1               TEXT,"
  "  address_2               TEXT,"
  "  town                    TEXT,"
  "  postcode                TEXT,"
  "  UNIQUE (pupil_id, priority)"
  ");"

  /* The register: the current mark of each session. Codes are stored as
   * their DfE text so the record reads without this program. */
  "CREATE TABLE marks ("
  "  pupil_id     INTEGER NOT NULL REFERENCES pupils (id),"
  "  date         INTEGER NOT NULL,"
  "  session      INTEGER NOT NULL CHECK (session IN (0, 1)),"
  "  code         TEXT NOT NULL,"
  "  minutes_late INTEGER,"
  "  comment      TEXT,"
  "  amendments   INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (pupil_id, date, session)"
  ") WITHOUT ROWID;"
  "CREATE INDEX marks_by_date ON marks (date, session);"

  /* Every entry and every amendment, append-only. */
  "CREATE TABLE mark_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  pupil_id    INTEGER NOT NULL REFERENCES pupils (id),"
  "  date        INTEGER NOT NULL,"
  "  session     INTEGER NOT NULL,"
  "  old_code    TEXT,"
  "  new_code    TEXT,"
  "  old_minutes INTEGER,"
  "  new_minutes INTEGER,"
  "  comment     TEXT,"
  "  reason      TEXT,"
  "  actor_id    INTEGER NOT NULL REFERENCES actors (id),"
  "  at          INTEGER NOT NULL"
  ");"
  "CREATE INDEX mark_history_by_session ON mark_history (pupil_id, date, session);"
  "CREATE TRIGGER mark_history_kept BEFORE UPDATE ON mark_history"
  "  BEGIN SELECT RAISE (ABORT, 'the register history is never rewritten'); END;"
  "CREATE TRIGGER mark_history_not_deleted BEFORE DELETE ON mark_history"
  "  BEGIN SELECT RAISE (ABORT, 'the register history is never deleted'); END;"

  /* A compact copy of each pupil's marks per school year (one byte per
   * session), written in the same transaction as the marks. It is derived
   * data: `check` compares it with the marks and it can be rebuilt. */
  "CREATE TABLE mark_years ("
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id),"
  "  year     INTEGER NOT NULL,"
  "  codes    BLOB NOT NULL,"
  "  PRIMARY KEY (pupil_id, year)"
  ") WITHOUT ROWID;"

  /* Decisions taken when a pupil meets the National Framework threshold. */
  "CREATE TABLE penalty_decisions ("
  "  id           INTEGER PRIMARY KEY,"
  "  pupil_id     INTEGER NOT NULL REFERENCES pupils (id),"
  "  as_of        INTEGER NOT NULL,"
  "  window_start INTEGER,"
  "  window_end   INTEGER,"
  "  sessions     INTEGER,"
  "  decision     TEXT NOT NULL CHECK (decision IN ('support', 'notice-to-improve', 'penalty-notice', 'other')),"
  "  rationale    TEXT NOT NULL,"
  "  withdrawn    INTEGER NOT NULL DEFAULT 0,"
  "  actor_id     INTEGER NOT NULL REFERENCES actors (id),"
  "  at           INTEGER NOT NULL"
  ");"
  "CREATE INDEX penalty_decisions_by_pupil ON penalty_decisions (pupil_id, as_of);",

  /* The amended marks of a day or a week (the grid's corner marks), found
   * from the index alone rather than by reading every mark of the week. */
  "CREATE INDEX marks_amended ON marks (date, session, pupil_id, amendments) WHERE amendments > 0;",

  /* Each pupil's sort key (see att_pupil_sort_key ()), kept with the
   * pupil so that the list of pupils is read in its order instead of
   * having every name folded and collated at every start; the index
   * gives the list in that order without sorting it. Written with the
   * pupil; the keys of the pupils already on file are written by the
   * step below. A name that another program changes loses its key, and
   * the key is made again when the list is read. */
  "ALTER TABLE pupils ADD COLUMN sort_key BLOB;"
  "CREATE INDEX pupils_by_name ON pupils (sort_key, upn);"
  "CREATE TRIGGER pupils_sort_key_stale"
  "  AFTER UPDATE OF legal_surname, legal_forename, preferred_surname, preferred_forename"
  "  ON pupils WHEN NEW.sort_key IS OLD.sort_key"
  "  BEGIN UPDATE pupils SET sort_key = NULL WHERE id = NEW.id; END;",

  /* Sign-in: each user's password, only ever as an Argon2id hash (NULL
   * until one is set: such a user may be named by attendance-cli but
   * cannot sign in to the window); the wrong passwords given in a row and
   * the time before which the next try is refused, kept here so that
   * starting the app again does not reset them; and the one deputy the
   * headteacher has authorised to decide leave and penalty cases. */
  "ALTER TABLE users ADD COLUMN password_hash TEXT;"
  "ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE users ADD COLUMN sign_in_delayed_until INTEGER;"
  "ALTER TABLE users ADD COLUMN deputy INTEGER NOT NULL DEFAULT 0 CHECK (deputy IN (0, 1));"
  "CREATE UNIQUE INDEX users_one_deputy ON users (deputy) WHERE deputy = 1;",
  /* The audit log says what each change was about and what it changed:
   * its kind (pupil, contact, user, setting, calendar, import, ...), the
   * pupil concerned, and the record before and after, as JSON text. The
   * rows written before this version keep their action and detail; their
   * kind is read from the action. Like the register's history, the log
   * is never rewritten nor deleted. The one exception is the end of the
   * six years a leaver's records are kept (att-retention.c): the purge
   * holds a permit for each pupil it removes, in the same transaction,
   * and a permit is refused for a pupil who has not left or who left
   * less than six years (2,190 days, the fewest six years can hold)
   * before the purge's date. */
  "ALTER TABLE audit_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';"
  "ALTER TABLE audit_log ADD COLUMN pupil_id INTEGER;"
  "ALTER TABLE audit_log ADD COLUMN old_value TEXT;"
  "ALTER TABLE audit_log ADD COLUMN new_value TEXT;"
  "UPDATE audit_log SET kind = CASE"
  "  WHEN action LIKE '%.import' OR action = 'demo' THEN 'import'"
  "  WHEN action LIKE 'pupils.%' THEN 'pupil'"
  "  WHEN action LIKE 'contacts.%' THEN 'contact'"
  "  WHEN action LIKE 'users.%' THEN 'user'"
  "  WHEN action LIKE 'school.%' OR action LIKE 'register.%' THEN 'setting'"
  "  WHEN action LIKE 'calendar.%' THEN 'calendar'"
  "  ELSE 'other' END;"
  "UPDATE audit_log SET pupil_id = (SELECT id FROM pupils"
  "  WHERE audit_log.detail LIKE pupils.upn || ' %' OR audit_log.detail LIKE pupils.upn || ':%')"
  "  WHERE action IN ('pupils.add', 'pupils.update', 'contacts.add', 'contacts.update');"
  "CREATE INDEX audit_log_by_pupil ON audit_log (pupil_id) WHERE pupil_id IS NOT NULL;"
  "CREATE INDEX audit_log_by_time ON audit_log (at);"
  "CREATE INDEX mark_history_by_time ON mark_history (at);"
  "CREATE TABLE retention_permits ("
  "  pupil_id INTEGER PRIMARY KEY,"
  "  as_of    INTEGER NOT NULL"
  ");"
  "CREATE TRIGGER retention_permit_checked BEFORE INSERT ON retention_permits"
  "  WHEN NOT EXISTS (SELECT 1 FROM pupils WHERE id = NEW.pupil_id"
  "                   AND leaving_date IS NOT NULL AND NEW.as_of - leaving_date >= 2190)"
  "  BEGIN SELECT RAISE (ABORT, 'records are kept for six years after a pupil leaves'); END;"
  "CREATE TRIGGER retention_permit_kept BEFORE UPDATE ON retention_permits"
  "  BEGIN SELECT RAISE (ABORT, 'a retention permit is never changed'); END;"
  "CREATE TRIGGER audit_log_kept BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is never rewritten'); END;"
  "CREATE TRIGGER audit_log_not_deleted BEFORE DELETE ON audit_log"
  "  WHEN OLD.pupil_id IS NULL"
  "    OR NOT EXISTS (SELECT 1 FROM retention_permits WHERE pupil_id = OLD.pupil_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is never deleted'); END;"
  "DROP TRIGGER mark_history_not_deleted;"
  "CREATE TRIGGER mark_history_not_deleted BEFORE DELETE ON mark_history"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permits WHERE pupil_id = OLD.pupil_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the register history is never deleted'); END;",
  /* Absence calls, the attempts to reach someone, the late book and what
   * the local authority was told (see att-calls.h, att-latebook.h,
   * att-firstday.h). Who acted is an actor, as in the audit log. A call
   * keeps the register history rows it wrote, so the record shows which
   * sessions it changed. */
  "CREATE TABLE calls ("
  "  id              INTEGER PRIMARY KEY,"
  "  pupil_id        INTEGER NOT NULL REFERENCES pupils (id),"
  "  date            INTEGER NOT NULL,"
  "  at              INTEGER NOT NULL,"
  "  contact_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  caller          TEXT NOT NULL,"
  "  channel         TEXT NOT NULL CHECK (channel IN ('phone', 'voicemail', 'text', 'email', 'in-person', 'home-visit', 'app')),"
  "  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
  "  reason          TEXT CHECK (reason IN ('illness', 'medical', 'religious', 'family-emergency', 'transport', 'anxiety', 'holiday', 'no-reason', 'other')),"
  "  outcome         TEXT NOT NULL DEFAULT '',"
  "  note            TEXT NOT NULL DEFAULT '',"
  "  expected_return INTEGER,"
  "  evidence_asked  INTEGER NOT NULL DEFAULT 0,"
  "  safeguarding    INTEGER NOT NULL DEFAULT 0,"
  "  family_id       INTEGER,"
  "  actor_id        INTEGER NOT NULL REFERENCES actors (id)"
  ");"
  "CREATE INDEX calls_by_date ON calls (date, pupil_id);"
  "CREATE INDEX calls_by_pupil ON calls (pupil_id, date);"

  "CREATE TABLE call_attempts ("
  "  id         INTEGER PRIMARY KEY,"
  "  call_id    INTEGER REFERENCES calls (id),"
  "  pupil_id   INTEGER NOT NULL REFERENCES pupils (id),"
  "  date       INTEGER NOT NULL,"
  "  at         INTEGER NOT NULL,"
  "  channel    TEXT NOT NULL CHECK (channel IN ('phone', 'voicemail', 'text', 'email', 'in-person', 'home-visit', 'app')),"
  "  outcome    TEXT NOT NULL CHECK (outcome IN ('reached', 'no-answer', 'voicemail', 'not-working', 'wrong-person', 'sent')),"
  "  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  note       TEXT NOT NULL DEFAULT '',"
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id)"
  ");"
  "CREATE INDEX call_attempts_by_date ON call_attempts (date, pupil_id);"
  "CREATE INDEX call_attempts_by_call ON call_attempts (call_id);"

  "CREATE TABLE call_marks ("
  "  call_id    INTEGER NOT NULL REFERENCES calls (id),"
  "  history_id INTEGER NOT NULL REFERENCES mark_history (id),"
  "  PRIMARY KEY (call_id, history_id)"
  ") WITHOUT ROWID;"

  /* The late book: arrivals after the register opened, and pupils signed
   * out during the day (times in minutes after midnight). */
  "CREATE TABLE late_book ("
  "  id           INTEGER PRIMARY KEY,"
  "  pupil_id     INTEGER NOT NULL REFERENCES pupils (id),"
  "  date         INTEGER NOT NULL,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('arrival', 'sign-out')),"
  "  session      INTEGER NOT NULL CHECK (session IN (0, 1)),"
  "  time_out     INTEGER,"
  "  time_in      INTEGER,"
  "  minutes_late INTEGER,"
  "  code         TEXT,"
  "  reason       TEXT NOT NULL DEFAULT '',"
  "  person       TEXT NOT NULL DEFAULT '',"
  "  actor_id     INTEGER NOT NULL REFERENCES actors (id),"
  "  at           INTEGER NOT NULL"
  ");"
  "CREATE INDEX late_book_by_date ON late_book (date, pupil_id);"
  "CREATE TABLE late_book_marks ("
  "  entry_id   INTEGER NOT NULL REFERENCES late_book (id),"
  "  history_id INTEGER NOT NULL REFERENCES mark_history (id),"
  "  PRIMARY KEY (entry_id, history_id)"
  ") WITHOUT ROWID;"

  /* The date the local authority was told of a pupil on one of the lists
   * the regulations ask for, as the office recorded it. */
  "CREATE TABLE la_notifications ("
  "  id       INTEGER PRIMARY KEY,"
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id),"
  "  kind     TEXT NOT NULL CHECK (kind IN ('unauthorised', 'illness')),"
  "  told     INTEGER NOT NULL,"
  "  note     TEXT NOT NULL DEFAULT '',"
  "  actor_id INTEGER NOT NULL REFERENCES actors (id),"
  "  at       INTEGER NOT NULL"
  ");"
  "CREATE INDEX la_notifications_by_pupil ON la_notifications (pupil_id, kind, told);",

  /* The compact register keyed by school year first, so that a year's
   * copies for the whole school are one range of the table: read by one
   * range scan, whose cost does not grow with the years kept. A pupil's
   * copy for a year is still found by its whole key. */
  "CREATE TABLE mark_years_by_year ("
  "  pupil_id INTEGER NOT NULL REFERENCES pupils (id),"
  "  year     INTEGER NOT NULL,"
  "  codes    BLOB NOT NULL,"
  "  PRIMARY KEY (year, pupil_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO mark_years_by_year (pupil_id, year, codes)"
  "  SELECT pupil_id, year, codes FROM mark_years ORDER BY year, pupil_id;"
  "DROP TABLE mark_years;"
  "ALTER TABLE mark_years_by_year RENAME TO mark_years;"

  /* The pupils in the lists' order with the dates that say who is on
   * roll, so that the pupils on roll in a period are found, and the
   * National Framework check reads what it needs of them, from the index
   * alone. */
  "DROP INDEX IF EXISTS pupils_by_name;"
  "CREATE INDEX pupils_by_name ON pupils (sort_key, upn, admission_date, leaving_date, dob);",

  /* The letter log (att-letters.h): every letter printed, e-mailed or
   * texted, as it went out. A row is never changed, but for the posting
   * date, set once when the letter went after it was recorded; rows go
   * only with a leaver's records at the end of their retention. The
   * newest row of the register's history when the letter's figures were
   * read (marks_seen) tells whether a mark of its period changed since. */
  "CREATE TABLE letters ("
  "  id               INTEGER PRIMARY KEY,"
  "  pupil_id         INTEGER NOT NULL REFERENCES pupils (id),"
  "  contact_ids      TEXT NOT NULL DEFAULT '',"
  "  recipient        TEXT NOT NULL,"
  "  address          TEXT NOT NULL DEFAULT '',"
  "  kind             TEXT NOT NULL,"
  "  reference        TEXT,"
  "  template_name    TEXT NOT NULL,"
  "  template_version INTEGER NOT NULL CHECK (template_version >= 1),"
  "  subject          TEXT NOT NULL DEFAULT '',"
  "  date             INTEGER NOT NULL,"
  "  delivery         TEXT NOT NULL CHECK (delivery IN ('post', 'hand', 'email', 'text')),"
  "  posted           INTEGER,"
  "  period_from      INTEGER,"
  "  period_to        INTEGER,"
  "  figures          TEXT,"
  "  marks_seen       INTEGER NOT NULL DEFAULT 0,"
  "  actor_id         INTEGER NOT NULL REFERENCES actors (id),"
  "  at               INTEGER NOT NULL"
  ");"
  "CREATE INDEX letters_by_pupil ON letters (pupil_id, date);"
  "CREATE INDEX letters_by_reference ON letters (reference) WHERE reference IS NOT NULL;"
  "CREATE TRIGGER letters_kept BEFORE UPDATE OF id, pupil_id, contact_ids, recipient, address,"
  "  kind, reference, template_name, template_version, subject, date, delivery, period_from,"
  "  period_to, figures, marks_seen, actor_id, at ON letters"
  "  BEGIN SELECT RAISE (ABORT, 'a letter in the log is never changed'); END;"
  "CREATE TRIGGER letters_posted_once BEFORE UPDATE OF posted ON letters"
  "  WHEN OLD.posted IS NOT NULL OR NEW.posted IS NULL"
  "  BEGIN SELECT RAISE (ABORT, 'the posting date of a letter is set once'); END;"
  "CREATE TRIGGER letters_not_deleted BEFORE DELETE ON letters"
  "  WHEN NOT EXISTS (SELECT 1 FROM retention_permits WHERE pupil_id = OLD.pupil_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the letter log is never deleted'); END;",
  /* Leave of absence (regulation 11): one request per pupil, brothers and
   * sisters asked for on one form sharing a group id (the first request's
   * id); the snapshot of the pupil's record when it was recorded, as
   * JSON; the decision (or the withdrawal) with who made it and why; one
   * row per session asked with what became of it and the register
   * history row an agreement wrote. */
  "CREATE TABLE leave_requests ("
  "  id               INTEGER PRIMARY KEY,"
  "  group_id         INTEGER NOT NULL,"
  "  pupil_id         INTEGER NOT NULL REFERENCES pupils (id),"
  "  type             TEXT NOT NULL CHECK (type IN ('exceptional', 'performance', 'interview', 'study', 'part-time', 'religious', 'holiday')),"
  "  status           TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'partly-approved', 'declined', 'withdrawn')),"
  "  first_date       INTEGER NOT NULL,"
  "  first_session    INTEGER NOT NULL CHECK (first_session IN (0, 1)),"
  "  last_date        INTEGER NOT NULL,"
  "  last_session     INTEGER NOT NULL CHECK (last_session IN (0, 1)),"
  "  return_date      INTEGER,"
  "  reason           TEXT NOT NULL,"
  "  evidence         TEXT NOT NULL DEFAULT '',"
  "  contact_id       INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  requested_by     TEXT NOT NULL,"
  "  address_away     TEXT NOT NULL DEFAULT '',"
  "  received         INTEGER NOT NULL,"
  "  pattern          INTEGER NOT NULL DEFAULT 0,"
  "  review_date      INTEGER,"
  "  warnings         INTEGER NOT NULL DEFAULT 0,"
  "  snapshot         TEXT NOT NULL DEFAULT '{}',"
  "  actor_id         INTEGER NOT NULL REFERENCES actors (id),"
  "  at               INTEGER NOT NULL,"
  "  decided_actor_id INTEGER REFERENCES actors (id),"
  "  decided_at       INTEGER,"
  "  decision_reasons TEXT NOT NULL DEFAULT '',"
  "  CHECK (first_date * 2 + first_session <= last_date * 2 + last_session)"
  ");"
  "CREATE INDEX leave_requests_by_pupil ON leave_requests (pupil_id, first_date);"
  "CREATE INDEX leave_requests_by_status ON leave_requests (status, first_date);"
  "CREATE TABLE leave_sessions ("
  "  leave_id   INTEGER NOT NULL REFERENCES leave_requests (id),"
  "  pupil_id   INTEGER NOT NULL REFERENCES pupils (id),"
  "  date       INTEGER NOT NULL,"
  "  session    INTEGER NOT NULL CHECK (session IN (0, 1)),"
  "  state      TEXT NOT NULL DEFAULT 'asked' CHECK (state IN ('asked', 'agreed', 'refused')),"
  "  history_id INTEGER REFERENCES mark_history (id),"
  "  PRIMARY KEY (leave_id, date, session)"
  ") WITHOUT ROWID;"
  "CREATE INDEX leave_sessions_by_pupil ON leave_sessions (pupil_id, date, session);"
  /* Reviews of a part-time timetable. */
  "CREATE TABLE leave_reviews ("
  "  id          INTEGER PRIMARY KEY,"
  "  leave_id    INTEGER NOT NULL REFERENCES leave_requests (id),"
  "  review_day  INTEGER NOT NULL,"
  "  next_review INTEGER,"
  "  note        TEXT NOT NULL DEFAULT '',"
  "  actor_id    INTEGER NOT NULL REFERENCES actors (id),"
  "  at          INTEGER NOT NULL"
  ");"
  /* Exam periods in the calendar: leave asked inside one is warned of. */
  "CREATE TABLE exam_periods ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  start_date INTEGER NOT NULL,"
  "  end_date   INTEGER NOT NULL,"
  "  CHECK (start_date <= end_date)"
  ");",
  /* Letters: the school's stored templates, a new row for each version
   * and never changed; the ladder's stages in order; the officer's
   * postponements and removals of due letters and "do not send" marks
   * (the newest row of each holds); the medical evidence the office
   * holds, whose absences warning letters leave out. */
  "CREATE TABLE letter_templates ("
  "  name      TEXT NOT NULL,"
  "  version   INTEGER NOT NULL CHECK (version >= 1),"
  "  subject   TEXT NOT NULL,"
  "  body      TEXT NOT NULL,"
  "  actor_id  INTEGER NOT NULL REFERENCES actors (id),"
  "  at        INTEGER NOT NULL,"
  "  PRIMARY KEY (name, version)"
  ");"
  "CREATE TRIGGER letter_templates_kept BEFORE UPDATE ON letter_templates"
  "  BEGIN SELECT RAISE (ABORT, 'a stored letter template is never changed: save a new version'); END;"
  "CREATE TRIGGER letter_templates_not_deleted BEFORE DELETE ON letter_templates"
  "  BEGIN SELECT RAISE (ABORT, 'a stored letter template is never deleted'); END;"
  "CREATE TABLE ladder_stages ("
  "  name            TEXT PRIMARY KEY,"
  "  position        INTEGER NOT NULL,"
  "  title           TEXT NOT NULL,"
  "  condition       TEXT NOT NULL,"
  "  percent         REAL NOT NULL DEFAULT 0,"
  "  count           INTEGER NOT NULL DEFAULT 0,"
  "  period          TEXT NOT NULL DEFAULT 'term',"
  "  weeks           INTEGER NOT NULL DEFAULT 0,"
  "  template        TEXT NOT NULL,"
  "  follows         TEXT,"
  "  min_gap_days    INTEGER NOT NULL DEFAULT 0,"
  "  repeats         INTEGER NOT NULL DEFAULT 0,"
  "  monitor_weeks   INTEGER NOT NULL DEFAULT 0,"
  "  monitor_percent REAL NOT NULL DEFAULT 0,"
  "  recipients      TEXT NOT NULL DEFAULT 'parents',"
  "  delivery        TEXT NOT NULL DEFAULT 'post',"
  "  meeting_days    INTEGER NOT NULL DEFAULT 0,"
  "  meeting_time    INTEGER NOT NULL DEFAULT 0,"
  "  meeting_place   TEXT NOT NULL DEFAULT '',"
  "  year_groups     INTEGER NOT NULL DEFAULT 0,"
  "  sen             TEXT NOT NULL DEFAULT 'any',"
  "  ehc             TEXT NOT NULL DEFAULT 'any',"
  "  looked_after    TEXT NOT NULL DEFAULT 'any'"
  ") WITHOUT ROWID;"
  "CREATE TABLE letter_holds ("
  "  id        INTEGER PRIMARY KEY,"
  "  pupil_id  INTEGER NOT NULL REFERENCES pupils (id),"
  "  stage     TEXT NOT NULL,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('postpone', 'remove')),"
  "  as_of     INTEGER NOT NULL,"
  "  until     INTEGER,"
  "  reason    TEXT NOT NULL DEFAULT '',"
  "  actor_id  INTEGER NOT NULL REFERENCES actors (id),"
  "  at        INTEGER NOT NULL"
  ");"
  "CREATE INDEX letter_holds_by_pupil ON letter_holds (pupil_id, stage, kind);"
  "CREATE TABLE letters_do_not_send ("
  "  id        INTEGER PRIMARY KEY,"
  "  pupil_id  INTEGER NOT NULL REFERENCES pupils (id),"
  "  reason    TEXT NOT NULL DEFAULT '',"
  "  until     INTEGER,"
  "  actor_id  INTEGER NOT NULL REFERENCES actors (id),"
  "  at        INTEGER NOT NULL"
  ");"
  "CREATE INDEX letters_do_not_send_by_pupil ON letters_do_not_send (pupil_id);"
  "CREATE TABLE medical_evidence ("
  "  id         INTEGER PRIMARY KEY,"
  "  pupil_id   INTEGER NOT NULL REFERENCES pupils (id),"
  "  from_date  INTEGER NOT NULL,"
  "  to_date    INTEGER NOT NULL,"
  "  note       TEXT NOT NULL,"
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id),"
  "  at         INTEGER NOT NULL,"
  "  CHECK (from_date <= to_date)"
  ");"
  "CREATE INDEX medical_evidence_by_pupil ON medical_evidence (pupil_id, from_date);",

  /* The school's consideration of a breach of the National Framework
   * threshold in full; notices to improve with their improvement period
   * and outcome; requests for penalty notices, per parent per child, and
   * what became of them. A notice keeps the parent's name as it was, so
   * it still reads when the contact is removed. */
  "ALTER TABLE penalty_decisions ADD COLUMN support_offered TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE penalty_decisions ADD COLUMN notice_best_tool TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE penalty_decisions ADD COLUMN equality TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE penalty_decisions ADD COLUMN agencies TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE penalty_improvements ("
  "  id                INTEGER PRIMARY KEY,"
  "  pupil_id          INTEGER NOT NULL REFERENCES pupils (id),"
  "  decision_id       INTEGER REFERENCES penalty_decisions (id),"
  "  issued            INTEGER NOT NULL,"
  "  weeks             INTEGER NOT NULL CHECK (weeks BETWEEN 3 AND 6),"
  "  period_end        INTEGER NOT NULL,"
  "  outcome           TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none', 'improved', 'not-improved')),"
  "  outcome_date      INTEGER,"
  "  outcome_note      TEXT NOT NULL DEFAULT '',"
  "  outcome_actor_id  INTEGER REFERENCES actors (id),"
  "  letter_id         INTEGER REFERENCES letters (id),"
  "  actor_id          INTEGER NOT NULL REFERENCES actors (id),"
  "  at                INTEGER NOT NULL,"
  "  CHECK (issued < period_end)"
  ");"
  "CREATE INDEX penalty_improvements_by_pupil ON penalty_improvements (pupil_id, issued);"
  "CREATE TABLE penalty_notices ("
  "  id                INTEGER PRIMARY KEY,"
  "  pupil_id          INTEGER NOT NULL REFERENCES pupils (id),"
  "  contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  parent            TEXT NOT NULL,"
  "  decision_id       INTEGER REFERENCES penalty_decisions (id),"
  "  kind              TEXT NOT NULL CHECK (kind IN ('first', 'second')),"
  "  requested         INTEGER NOT NULL,"
  "  status            TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'issued', 'paid', 'withdrawn', 'prosecuted')),"
  "  status_date       INTEGER NOT NULL,"
  "  note              TEXT NOT NULL DEFAULT '',"
  "  actor_id          INTEGER NOT NULL REFERENCES actors (id),"
  "  at                INTEGER NOT NULL"
  ");"
  "CREATE INDEX penalty_notices_by_pupil ON penalty_notices (pupil_id, requested);",
  /* Casework (att-case.h): meetings with a family, planned then recorded,
   * with their letters, and the support and agencies of a case. */
  "CREATE TABLE case_meetings ("
  "  id                   INTEGER PRIMARY KEY,"
  "  pupil_id             INTEGER NOT NULL REFERENCES pupils (id),"
  "  invitation_letter_id INTEGER REFERENCES letters (id),"
  "  date                 INTEGER NOT NULL,"
  "  time                 INTEGER CHECK (time BETWEEN 0 AND 1439),"
  "  place                TEXT NOT NULL,"
  "  attended             TEXT NOT NULL DEFAULT '',"
  "  absent               TEXT NOT NULL DEFAULT '',"
  "  notes                TEXT NOT NULL DEFAULT '',"
  "  barriers             TEXT NOT NULL DEFAULT '',"
  "  actions              TEXT NOT NULL DEFAULT '',"
  "  target               INTEGER NOT NULL DEFAULT 0 CHECK (target BETWEEN 0 AND 10),"
  "  review_date          INTEGER,"
  "  outcome              TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none', 'review', 'support-plan', 'contract', 'closed')),"
  "  outcome_letter_id    INTEGER REFERENCES letters (id),"
  "  actor_id             INTEGER NOT NULL REFERENCES actors (id),"
  "  at                   INTEGER NOT NULL,"
  "  recorded_actor_id    INTEGER REFERENCES actors (id),"
  "  recorded_at          INTEGER"
  ");"
  "CREATE INDEX case_meetings_by_pupil ON case_meetings (pupil_id, date);"
  "CREATE TABLE case_support ("
  "  id         INTEGER PRIMARY KEY,"
  "  pupil_id   INTEGER NOT NULL REFERENCES pupils (id),"
  "  date       INTEGER NOT NULL,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('early-help', 'agency', 'support')),"
  "  agency     TEXT NOT NULL DEFAULT '',"
  "  detail     TEXT NOT NULL,"
  "  actor_id   INTEGER NOT NULL REFERENCES actors (id),"
  "  at         INTEGER NOT NULL"
  ");"
  "CREATE INDEX case_support_by_pupil ON case_support (pupil_id, date);",

  /* The day a contact's details were last added, changed or confirmed
   * with the family (an AttDate); NULL for the contacts already held,
   * whose last check is not known. */
  "ALTER TABLE contacts ADD COLUMN details_checked_date INTEGER;",

  /* A previous school's attendance, from a Common Transfer File: kept
   * apart from this school's register, which it never enters. The
   * totals as the file gave them (NULL when absent) and as counted from
   * the marks string (NULL when there was none). */
  "CREATE TABLE previous_attendance ("
  "  id                    INTEGER PRIMARY KEY,"
  "  pupil_id              INTEGER NOT NULL REFERENCES pupils (id),"
  "  school_name           TEXT NOT NULL DEFAULT '',"
  "  school_laestab        TEXT NOT NULL DEFAULT '',"
  "  school_urn            TEXT NOT NULL DEFAULT '',"
  "  year                  INTEGER,"
  "  start_date            INTEGER,"
  "  sessions_possible     INTEGER,"
  "  sessions_attended     INTEGER,"
  "  sessions_authorised   INTEGER,"
  "  sessions_unauthorised INTEGER,"
  "  marks                 TEXT NOT NULL DEFAULT '',"
  "  counted_possible      INTEGER,"
  "  counted_attended      INTEGER,"
  "  counted_authorised    INTEGER,"
  "  counted_unauthorised  INTEGER,"
  "  source_file           TEXT NOT NULL,"
  "  actor_id              INTEGER NOT NULL REFERENCES actors (id),"
  "  at                    INTEGER NOT NULL"
  ");"
  "CREATE INDEX previous_attendance_by_pupil ON previous_attendance (pupil_id, start_date);",
  /* Where a leaver went, as the office recorded it with the leaving date
   * (att_pupils_leave()); NULL for the leavers already held. */
  "ALTER TABLE pupils ADD COLUMN leaving_destination TEXT;",
  /* The columns a person chose for a kind of file (att-import-mapping.h),
   * by the file's shape (a checksum of its column names), offered first
   * for the next file of that shape. */
  "CREATE TABLE import_mappings ("
  "  kind         TEXT NOT NULL CHECK (kind IN ('pupils', 'contacts', 'marks')),"
  "  shape        TEXT NOT NULL,"
  "  our_column   TEXT NOT NULL,"
  "  file_column  TEXT NOT NULL,"
  "  PRIMARY KEY (kind, shape, our_column)"
  ") WITHOUT ROWID;",
};

/* The keys of the pupils already on file: folding names and collating
 * them takes C. A school with no pupils yet has nothing to record. */
static gboolean
write_sort_keys (AttDb   *db,
                 GError **error)
{
  sqlite3_stmt *stmt = att_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM pupils)", error);
  gint64 any = 0;

  if (stmt == NULL || !att_db_query_int (db, stmt, &any, _("read the pupils"), error))
    return FALSE;
  return !any || att_pupils_write_sort_keys (db, error);
}

/* What a migration does that SQL cannot, run after its SQL in the same
 * transaction: by the version the migration starts from. */
static const struct
{
  guint       version;
  gboolean  (*run) (AttDb   *db,
                    GError **error);
} migration_steps[] = {
  { 2, write_sort_keys },
};

guint
att_db_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
att_db_migration (guint version)
{
  g_return_val_if_fail (version < G_N_ELEMENTS (migrations), NULL);
  return migrations[version];
}

gboolean
att_db_migration_step (AttDb   *self,
                       guint    version,
                       GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migration_steps); i++)
    if (migration_steps[i].version == version)
      return migration_steps[i].run (self, error);
  return TRUE;
}
