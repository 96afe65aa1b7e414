/* att-sar.c: subject access, everything held about one pupil
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "att-audit.h"
#include "att-db-private.h"
#include "att-error.h"
#include "att-pupils.h"
#include "att-sar.h"
#include "att-school.h"
#include "att-users.h"

static const AttSarField details_fields[] = {
  { "upn", N_("UPN"), ATT_SAR_TEXT, 1 },
  { "legal_surname", N_("Legal surname"), ATT_SAR_TEXT, 1 },
  { "legal_forename", N_("Legal forename"), ATT_SAR_TEXT, 1 },
  { "preferred_surname", N_("Preferred surname"), ATT_SAR_TEXT, 1 },
  { "preferred_forename", N_("Preferred forename"), ATT_SAR_TEXT, 1 },
  { "dob", N_("Date of birth"), ATT_SAR_DATE, 1 },
  { "sex", N_("Sex"), ATT_SAR_TEXT, 1 },
  { "year_group", N_("Year group"), ATT_SAR_INT, 1 },
  { "reg_group", N_("Registration group"), ATT_SAR_TEXT, 1 },
  { "admission_date", N_("Admission date"), ATT_SAR_DATE, 1 },
  { "leaving_date", N_("Leaving date"), ATT_SAR_DATE, 1 },
  { "fsm", N_("Free school meals"), ATT_SAR_BOOL, 1 },
  { "sen", N_("SEN (N, K support, E plan)"), ATT_SAR_TEXT, 1 },
  { "eal", N_("English as an additional language"), ATT_SAR_BOOL, 1 },
  { "looked_after", N_("Looked after"), ATT_SAR_BOOL, 1 },
  { "social_worker", N_("Has a social worker"), ATT_SAR_BOOL, 1 },
  { "young_carer", N_("Young carer"), ATT_SAR_BOOL, 1 },
  { "medical_note", N_("Medical note"), ATT_SAR_TEXT, 1 },
  { "leaving_destination", N_("Destination on leaving"), ATT_SAR_TEXT, 1 },
};

static const AttSarField contact_fields[] = {
  { "priority", N_("Priority"), ATT_SAR_INT, 1 },
  { "title", N_("Title"), ATT_SAR_TEXT, 1 },
  { "forename", N_("Forename"), ATT_SAR_TEXT, 1 },
  { "surname", N_("Surname"), ATT_SAR_TEXT, 1 },
  { "relationship", N_("Relationship"), ATT_SAR_TEXT, 1 },
  { "parental_responsibility", N_("Parental responsibility"), ATT_SAR_BOOL, 1 },
  { "lives_with", N_("Lives with the pupil"), ATT_SAR_BOOL, 1 },
  { "receives_letters", N_("Receives letters"), ATT_SAR_BOOL, 1 },
  { "phone_home", N_("Home phone"), ATT_SAR_TEXT, 1 },
  { "phone_mobile", N_("Mobile phone"), ATT_SAR_TEXT, 1 },
  { "phone_work", N_("Work phone"), ATT_SAR_TEXT, 1 },
  { "email", N_("Email"), ATT_SAR_TEXT, 1 },
  { "address_1", N_("Address"), ATT_SAR_TEXT, 1 },
  { "address_2", N_("Address, second line"), ATT_SAR_TEXT, 1 },
  { "town", N_("Town"), ATT_SAR_TEXT, 1 },
  { "postcode", N_("Postcode"), ATT_SAR_TEXT, 1 },
};

static const AttSarField mark_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2 },
  { "session", N_("Session"), ATT_SAR_SESSION, 1 },
  { "code", N_("Code"), ATT_SAR_TEXT, 1 },
  { "minutes_late", N_("Minutes late"), ATT_SAR_INT, 1.6 },
  { "comment", N_("Comment"), ATT_SAR_TEXT, 6 },
  { "amendments", N_("Amendments"), ATT_SAR_INT, 1.8 },
};

static const AttSarField history_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "session", N_("Session"), ATT_SAR_SESSION, 1.5 },
  { "old_code", N_("Old"), ATT_SAR_TEXT, 0.9 },
  { "new_code", N_("New"), ATT_SAR_TEXT, 0.9 },
  { "old_minutes_late", N_("Old minutes"), ATT_SAR_INT, 1.4 },
  { "new_minutes_late", N_("New minutes"), ATT_SAR_INT, 1.4 },
  { "comment", N_("Comment"), ATT_SAR_TEXT, 2.4 },
  { "reason", N_("Reason"), ATT_SAR_TEXT, 2.8 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "position", N_("Position"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField penalty_fields[] = {
  { "as_of", N_("As of"), ATT_SAR_DATE, 2.2 },
  { "window_start", N_("Window from"), ATT_SAR_DATE, 2.2 },
  { "window_end", N_("Window to"), ATT_SAR_DATE, 2.2 },
  { "sessions", N_("Sessions"), ATT_SAR_INT, 1 },
  { "decision", N_("Decision"), ATT_SAR_TEXT, 2 },
  { "rationale", N_("Rationale"), ATT_SAR_TEXT, 5 },
  { "withdrawn", N_("Withdrawn"), ATT_SAR_BOOL, 1 },
  { "support_offered", N_("Support offered"), ATT_SAR_TEXT, 4 },
  { "notice_best_tool", N_("Whether a notice is the best tool"), ATT_SAR_TEXT, 3 },
  { "equality", N_("Equality Act considerations"), ATT_SAR_TEXT, 3 },
  { "agencies", N_("Agencies involved"), ATT_SAR_TEXT, 2 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "position", N_("Position"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField improvement_fields[] = {
  { "issued", N_("Issued"), ATT_SAR_DATE, 2.2 },
  { "weeks", N_("School weeks"), ATT_SAR_INT, 1 },
  { "period_end", N_("Period ends"), ATT_SAR_DATE, 2.2 },
  { "outcome", N_("Outcome"), ATT_SAR_TEXT, 2 },
  { "outcome_date", N_("Outcome recorded"), ATT_SAR_DATE, 2.2 },
  { "outcome_note", N_("Note"), ATT_SAR_TEXT, 4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField notice_fields[] = {
  { "parent", N_("Parent"), ATT_SAR_TEXT, 3 },
  { "kind", N_("Notice"), ATT_SAR_TEXT, 1.4 },
  { "requested", N_("Requested"), ATT_SAR_DATE, 2.2 },
  { "status", N_("Status"), ATT_SAR_TEXT, 1.8 },
  { "status_date", N_("Since"), ATT_SAR_DATE, 2.2 },
  { "note", N_("Note"), ATT_SAR_TEXT, 4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField medical_fields[] = {
  { "from", N_("From"), ATT_SAR_DATE, 2.2 },
  { "to", N_("To"), ATT_SAR_DATE, 2.2 },
  { "note", N_("Evidence"), ATT_SAR_TEXT, 4 },
  { "who", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Recorded"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField do_not_send_fields[] = {
  { "reason", N_("Reason"), ATT_SAR_TEXT, 4 },
  { "until", N_("Until"), ATT_SAR_DATE, 2.2 },
  { "who", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Recorded"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField hold_fields[] = {
  { "stage", N_("Letter"), ATT_SAR_TEXT, 2 },
  { "kind", N_("Held back"), ATT_SAR_TEXT, 1.6 },
  { "as_of", N_("On the list of"), ATT_SAR_DATE, 2.2 },
  { "until", N_("Until"), ATT_SAR_DATE, 2.2 },
  { "reason", N_("Reason"), ATT_SAR_TEXT, 4 },
  { "who", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Recorded"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField call_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "caller", N_("Caller"), ATT_SAR_TEXT, 2.4 },
  { "channel", N_("Channel"), ATT_SAR_TEXT, 1.6 },
  { "direction", N_("Direction"), ATT_SAR_TEXT, 1.2 },
  { "reason", N_("Reason"), ATT_SAR_TEXT, 1.8 },
  { "outcome", N_("Outcome"), ATT_SAR_TEXT, 3 },
  { "note", N_("Note"), ATT_SAR_TEXT, 3 },
  { "expected_return", N_("Expected back"), ATT_SAR_DATE, 2.2 },
  { "evidence_asked", N_("Evidence asked"), ATT_SAR_BOOL, 1.2 },
  { "safeguarding", N_("Safeguarding"), ATT_SAR_BOOL, 1.2 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField attempt_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "channel", N_("Channel"), ATT_SAR_TEXT, 1.6 },
  { "outcome", N_("Outcome"), ATT_SAR_TEXT, 2 },
  { "note", N_("Note"), ATT_SAR_TEXT, 4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField late_book_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "kind", N_("Entry"), ATT_SAR_TEXT, 1.6 },
  { "session", N_("Session"), ATT_SAR_SESSION, 1.2 },
  { "minutes_late", N_("Minutes late"), ATT_SAR_INT, 1.4 },
  { "code", N_("Code"), ATT_SAR_TEXT, 1 },
  { "reason", N_("Reason"), ATT_SAR_TEXT, 3 },
  { "person", N_("Brought or collected by"), ATT_SAR_TEXT, 2.4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField la_fields[] = {
  { "kind", N_("List"), ATT_SAR_TEXT, 2 },
  { "told", N_("Local authority told"), ATT_SAR_DATE, 2.4 },
  { "note", N_("Note"), ATT_SAR_TEXT, 4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField leave_fields[] = {
  { "id", N_("Request"), ATT_SAR_INT, 1 },
  { "type", N_("Type"), ATT_SAR_TEXT, 1.8 },
  { "status", N_("Status"), ATT_SAR_TEXT, 1.6 },
  { "first_date", N_("From"), ATT_SAR_DATE, 2.2 },
  { "first_session", N_("From session"), ATT_SAR_SESSION, 1 },
  { "last_date", N_("To"), ATT_SAR_DATE, 2.2 },
  { "last_session", N_("To session"), ATT_SAR_SESSION, 1 },
  { "return_date", N_("Due back"), ATT_SAR_DATE, 2.2 },
  { "reason", N_("Reason given"), ATT_SAR_TEXT, 4 },
  { "evidence", N_("Evidence seen"), ATT_SAR_TEXT, 2.4 },
  { "requested_by", N_("Requested by"), ATT_SAR_TEXT, 2.4 },
  { "address_away", N_("Address while away"), ATT_SAR_TEXT, 2.4 },
  { "received", N_("Received"), ATT_SAR_DATE, 2.2 },
  { "pattern", N_("Part-time pattern"), ATT_SAR_INT, 1.2 },
  { "review_date", N_("Next review"), ATT_SAR_DATE, 2.2 },
  { "snapshot", N_("Record when asked"), ATT_SAR_JSON, 5 },
  { "who", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Recorded"), ATT_SAR_TIME, 2.4 },
  { "decided_by", N_("Decided by"), ATT_SAR_TEXT, 2 },
  { "decided_at", N_("Decided"), ATT_SAR_TIME, 2.4 },
  { "decision_reasons", N_("Reasons for the decision"), ATT_SAR_TEXT, 4 },
};

static const AttSarField leave_session_fields[] = {
  { "request", N_("Request"), ATT_SAR_INT, 1 },
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "session", N_("Session"), ATT_SAR_SESSION, 1.2 },
  { "state", N_("Decision"), ATT_SAR_TEXT, 1.6 },
};

static const AttSarField leave_review_fields[] = {
  { "request", N_("Request"), ATT_SAR_INT, 1 },
  { "review_day", N_("Reviewed on"), ATT_SAR_DATE, 2.2 },
  { "next_review", N_("Next review"), ATT_SAR_DATE, 2.2 },
  { "note", N_("Note"), ATT_SAR_TEXT, 5 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField audit_fields[] = {
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "position", N_("Position"), ATT_SAR_TEXT, 2 },
  { "kind", N_("Kind"), ATT_SAR_TEXT, 1.4 },
  { "action", N_("Action"), ATT_SAR_TEXT, 2.4 },
  { "detail", N_("Detail"), ATT_SAR_TEXT, 3 },
  { "before", N_("Before"), ATT_SAR_JSON, 5 },
  { "after", N_("After"), ATT_SAR_JSON, 5 },
};

static const AttSarField letter_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "kind", N_("Letter"), ATT_SAR_TEXT, 2.2 },
  { "template", N_("Template"), ATT_SAR_TEXT, 2.2 },
  { "version", N_("Version"), ATT_SAR_INT, 1 },
  { "subject", N_("Subject"), ATT_SAR_TEXT, 3 },
  { "recipient", N_("To"), ATT_SAR_TEXT, 3 },
  { "address", N_("Address"), ATT_SAR_TEXT, 3 },
  { "delivery", N_("Sent by"), ATT_SAR_TEXT, 1.4 },
  { "posted", N_("Posted"), ATT_SAR_DATE, 2.2 },
  { "period_from", N_("Figures from"), ATT_SAR_DATE, 2.2 },
  { "period_to", N_("Figures to"), ATT_SAR_DATE, 2.2 },
  { "figures", N_("Figures quoted"), ATT_SAR_JSON, 4 },
  { "who", N_("Who"), ATT_SAR_TEXT, 2 },
  { "when", N_("When"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField meeting_fields[] = {
  { "id", N_("Meeting"), ATT_SAR_INT, 1 },
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "time", N_("Time (minutes after midnight)"), ATT_SAR_INT, 1.2 },
  { "place", N_("Place"), ATT_SAR_TEXT, 2.4 },
  { "invitation_letter", N_("Invitation letter"), ATT_SAR_INT, 1.2 },
  { "attended", N_("Attended"), ATT_SAR_TEXT, 3 },
  { "absent", N_("Did not attend"), ATT_SAR_TEXT, 2.4 },
  { "notes", N_("Notes"), ATT_SAR_TEXT, 4 },
  { "barriers", N_("Barriers"), ATT_SAR_TEXT, 3 },
  { "actions", N_("Agreed actions"), ATT_SAR_TEXT, 4 },
  { "target_sessions_per_week", N_("Target (sessions a week)"), ATT_SAR_INT, 1.2 },
  { "review_date", N_("Review"), ATT_SAR_DATE, 2.2 },
  { "outcome", N_("Outcome"), ATT_SAR_TEXT, 1.8 },
  { "outcome_letter", N_("Outcome letter"), ATT_SAR_INT, 1.2 },
  { "who", N_("Arranged by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Arranged"), ATT_SAR_TIME, 2.4 },
  { "recorded_by", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "recorded", N_("Recorded"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField support_fields[] = {
  { "date", N_("Date"), ATT_SAR_DATE, 2.2 },
  { "kind", N_("Kind"), ATT_SAR_TEXT, 1.6 },
  { "agency", N_("Agency"), ATT_SAR_TEXT, 2.4 },
  { "detail", N_("Detail"), ATT_SAR_TEXT, 4 },
  { "who", N_("Recorded by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Recorded"), ATT_SAR_TIME, 2.4 },
};

static const AttSarField previous_attendance_fields[] = {
  { "school", N_("Previous school"), ATT_SAR_TEXT, 3 },
  { "laestab", N_("LAESTAB"), ATT_SAR_TEXT, 1.4 },
  { "urn", N_("URN"), ATT_SAR_TEXT, 1.2 },
  { "year", N_("School year from"), ATT_SAR_INT, 1.2 },
  { "start_date", N_("Marks from"), ATT_SAR_DATE, 2.2 },
  { "possible", N_("Possible"), ATT_SAR_INT, 1.2 },
  { "attended", N_("Attended"), ATT_SAR_INT, 1.2 },
  { "authorised", N_("Authorised"), ATT_SAR_INT, 1.2 },
  { "unauthorised", N_("Unauthorised"), ATT_SAR_INT, 1.2 },
  { "marks", N_("Marks"), ATT_SAR_TEXT, 5 },
  { "source_file", N_("From the file"), ATT_SAR_TEXT, 2.4 },
  { "who", N_("Imported by"), ATT_SAR_TEXT, 2 },
  { "when", N_("Imported"), ATT_SAR_TIME, 2.4 },
};

/* The sections, in the order of the file and the printed document. Each
 * reads one table about pupil ?1, its columns in the order of its
 * fields. A table that holds more about pupils (calls, leave requests,
 * letters, casework) adds its entry here, and the retention purge's
 * list of tables in att-retention.c. */
static const struct
{
  const char        *key;
  const char        *title;
  gboolean           single;
  const AttSarField *fields;
  guint              n_fields;
  const char        *sql;
} sections[] = {
  { "details", N_("Details"), TRUE, details_fields, G_N_ELEMENTS (details_fields),
    "SELECT upn, legal_surname, legal_forename, preferred_surname, preferred_forename, dob, "
    "sex, year_group, reg_group, admission_date, leaving_date, fsm, sen, eal, looked_after, "
    "social_worker, young_carer, medical_note, leaving_destination FROM pupils WHERE id = ?1" },
  { "contacts", N_("Contacts"), FALSE, contact_fields, G_N_ELEMENTS (contact_fields),
    "SELECT priority, title, forename, surname, relationship, parental_responsibility, "
    "lives_with, receives_letters, phone_home, phone_mobile, phone_work, email, address_1, "
    "address_2, town, postcode FROM contacts WHERE pupil_id = ?1 ORDER BY priority" },
  { "marks", N_("Marks"), FALSE, mark_fields, G_N_ELEMENTS (mark_fields),
    "SELECT date, session, code, minutes_late, comment, amendments FROM marks "
    "WHERE pupil_id = ?1 ORDER BY date, session" },
  { "register_history", N_("Every entry and amendment of the register"), FALSE,
    history_fields, G_N_ELEMENTS (history_fields),
    "SELECT h.date, h.session, h.old_code, h.new_code, h.old_minutes, h.new_minutes, "
    "h.comment, h.reason, a.name, a.position, h.at FROM mark_history h "
    "JOIN actors a ON a.id = h.actor_id WHERE h.pupil_id = ?1 ORDER BY h.id" },
  { "penalty_decisions", N_("Penalty notice decisions"), FALSE,
    penalty_fields, G_N_ELEMENTS (penalty_fields),
    "SELECT d.as_of, d.window_start, d.window_end, d.sessions, d.decision, d.rationale, "
    "d.withdrawn, d.support_offered, d.notice_best_tool, d.equality, d.agencies, "
    "a.name, a.position, d.at FROM penalty_decisions d "
    "JOIN actors a ON a.id = d.actor_id WHERE d.pupil_id = ?1 ORDER BY d.id" },
  { "calls", N_("Calls about absence"), FALSE, call_fields, G_N_ELEMENTS (call_fields),
    "SELECT c.date, c.caller, c.channel, c.direction, c.reason, c.outcome, c.note, "
    "c.expected_return, c.evidence_asked, c.safeguarding, a.name, c.at FROM calls c "
    "JOIN actors a ON a.id = c.actor_id WHERE c.pupil_id = ?1 ORDER BY c.id" },
  { "call_attempts", N_("Attempts to reach the family"), FALSE,
    attempt_fields, G_N_ELEMENTS (attempt_fields),
    "SELECT t.date, t.channel, t.outcome, t.note, a.name, t.at FROM call_attempts t "
    "JOIN actors a ON a.id = t.actor_id WHERE t.pupil_id = ?1 ORDER BY t.id" },
  { "late_book", N_("The late book and signing out"), FALSE,
    late_book_fields, G_N_ELEMENTS (late_book_fields),
    "SELECT l.date, l.kind, l.session, l.minutes_late, l.code, l.reason, l.person, a.name, l.at "
    "FROM late_book l JOIN actors a ON a.id = l.actor_id WHERE l.pupil_id = ?1 ORDER BY l.id" },
  { "la_notifications", N_("Notices to the local authority"), FALSE,
    la_fields, G_N_ELEMENTS (la_fields),
    "SELECT n.kind, n.told, n.note, a.name, n.at FROM la_notifications n "
    "JOIN actors a ON a.id = n.actor_id WHERE n.pupil_id = ?1 ORDER BY n.id" },
  { "audit_log", N_("Changes to these records (the audit log)"), FALSE,
    audit_fields, G_N_ELEMENTS (audit_fields),
    "SELECT l.at, a.name, a.position, l.kind, l.action, l.detail, l.old_value, l.new_value "
    "FROM audit_log l JOIN actors a ON a.id = l.actor_id WHERE l.pupil_id = ?1 ORDER BY l.id" },
  { "letters", N_("Letters sent"), FALSE, letter_fields, G_N_ELEMENTS (letter_fields),
    "SELECT l.date, l.kind, l.template_name, l.template_version, l.subject, l.recipient, "
    "l.address, l.delivery, l.posted, l.period_from, l.period_to, l.figures, a.name, l.at "
    "FROM letters l JOIN actors a ON a.id = l.actor_id WHERE l.pupil_id = ?1 ORDER BY l.id" },
  { "leave_requests", N_("Requests for leave of absence and their decisions"), FALSE,
    leave_fields, G_N_ELEMENTS (leave_fields),
    "SELECT l.id, l.type, l.status, l.first_date, l.first_session, l.last_date, l.last_session, "
    "l.return_date, l.reason, l.evidence, l.requested_by, l.address_away, l.received, l.pattern, "
    "l.review_date, l.snapshot, a.name, l.at, d.name, l.decided_at, l.decision_reasons "
    "FROM leave_requests l JOIN actors a ON a.id = l.actor_id "
    "LEFT JOIN actors d ON d.id = l.decided_actor_id WHERE l.pupil_id = ?1 ORDER BY l.id" },
  { "leave_sessions", N_("The sessions of each request for leave"), FALSE,
    leave_session_fields, G_N_ELEMENTS (leave_session_fields),
    "SELECT leave_id, date, session, state FROM leave_sessions WHERE pupil_id = ?1 "
    "ORDER BY leave_id, date, session" },
  { "leave_reviews", N_("Reviews of a part-time timetable"), FALSE,
    leave_review_fields, G_N_ELEMENTS (leave_review_fields),
    "SELECT r.leave_id, r.review_day, r.next_review, r.note, a.name, r.at FROM leave_reviews r "
    "JOIN leave_requests l ON l.id = r.leave_id JOIN actors a ON a.id = r.actor_id "
    "WHERE l.pupil_id = ?1 ORDER BY r.id" },
  { "medical_evidence", N_("Medical evidence the office holds"), FALSE,
    medical_fields, G_N_ELEMENTS (medical_fields),
    "SELECT m.from_date, m.to_date, m.note, a.name, m.at FROM medical_evidence m "
    "JOIN actors a ON a.id = m.actor_id WHERE m.pupil_id = ?1 ORDER BY m.id" },
  { "letters_do_not_send", N_("Letters not to be sent"), FALSE,
    do_not_send_fields, G_N_ELEMENTS (do_not_send_fields),
    "SELECT d.reason, d.until, a.name, d.at FROM letters_do_not_send d "
    "JOIN actors a ON a.id = d.actor_id WHERE d.pupil_id = ?1 ORDER BY d.id" },
  { "letter_holds", N_("Letters postponed or removed from the list"), FALSE,
    hold_fields, G_N_ELEMENTS (hold_fields),
    "SELECT h.stage, h.kind, h.as_of, h.until, h.reason, a.name, h.at FROM letter_holds h "
    "JOIN actors a ON a.id = h.actor_id WHERE h.pupil_id = ?1 ORDER BY h.id" },
  { "penalty_improvements", N_("Notices to improve and their outcome"), FALSE,
    improvement_fields, G_N_ELEMENTS (improvement_fields),
    "SELECT i.issued, i.weeks, i.period_end, i.outcome, i.outcome_date, i.outcome_note, "
    "a.name, i.at FROM penalty_improvements i "
    "JOIN actors a ON a.id = i.actor_id WHERE i.pupil_id = ?1 ORDER BY i.id" },
  { "penalty_notices", N_("Penalty notices requested and what became of them"), FALSE,
    notice_fields, G_N_ELEMENTS (notice_fields),
    "SELECT n.parent, n.kind, n.requested, n.status, n.status_date, n.note, a.name, n.at "
    "FROM penalty_notices n JOIN actors a ON a.id = n.actor_id WHERE n.pupil_id = ?1 ORDER BY n.id" },
  { "case_meetings", N_("Meetings with the family"), FALSE,
    meeting_fields, G_N_ELEMENTS (meeting_fields),
    "SELECT m.id, m.date, m.time, m.place, m.invitation_letter_id, m.attended, m.absent, m.notes, "
    "m.barriers, m.actions, m.target, m.review_date, m.outcome, m.outcome_letter_id, a.name, m.at, "
    "r.name, m.recorded_at FROM case_meetings m JOIN actors a ON a.id = m.actor_id "
    "LEFT JOIN actors r ON r.id = m.recorded_actor_id WHERE m.pupil_id = ?1 ORDER BY m.id" },
  { "case_support", N_("Support offered and agencies involved"), FALSE,
    support_fields, G_N_ELEMENTS (support_fields),
    "SELECT s.date, s.kind, s.agency, s.detail, a.name, s.at FROM case_support s "
    "JOIN actors a ON a.id = s.actor_id WHERE s.pupil_id = ?1 ORDER BY s.id" },
  { "previous_attendance", N_("Attendance at previous schools (from Common Transfer Files)"), FALSE,
    previous_attendance_fields, G_N_ELEMENTS (previous_attendance_fields),
    "SELECT p.school_name, p.school_laestab, p.school_urn, p.year, p.start_date, "
    "p.sessions_possible, p.sessions_attended, p.sessions_authorised, p.sessions_unauthorised, "
    "p.marks, p.source_file, a.name, p.at FROM previous_attendance p "
    "JOIN actors a ON a.id = p.actor_id WHERE p.pupil_id = ?1 ORDER BY p.start_date, p.id" },
};

static void
section_free (AttSarSection *section)
{
  g_free (section->title);
  g_clear_pointer (&section->records, g_ptr_array_unref);
  g_free (section);
}

void
att_sar_free (AttSar *sar)
{
  if (sar == NULL)
    return;
  g_free (sar->upn);
  g_free (sar->name);
  g_free (sar->school);
  g_free (sar->made_by);
  g_clear_pointer (&sar->sections, g_ptr_array_unref);
  g_free (sar);
}

gboolean
att_sar_require (const AttUser  *user,
                 GError        **error)
{
  return att_user_require (user, ATT_PERM_SUBJECT_ACCESS, error);
}

static char *
format_moment (gint64 at)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (at);

  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

/* A column's value as the export writes it. */
static char *
cell_text (sqlite3_stmt *stmt,
           int           column,
           AttSarType    type)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  switch (type)
    {
    case ATT_SAR_DATE:
      return att_date_format ((AttDate)sqlite3_column_int64 (stmt, column));
    case ATT_SAR_TIME:
      return format_moment (sqlite3_column_int64 (stmt, column));
    case ATT_SAR_SESSION:
      return g_strdup (att_session_to_string (sqlite3_column_int (stmt, column)));
    case ATT_SAR_BOOL:
      return g_strdup (sqlite3_column_int (stmt, column) ? "1" : "0");
    case ATT_SAR_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, column));
    case ATT_SAR_TEXT:
    case ATT_SAR_JSON:
    default:
      return att_db_column_dup (stmt, column);
    }
}

AttSar *
att_sar_collect (AttDb          *db,
                 const AttUser  *user,
                 gint64          pupil_id,
                 GError        **error)
{
  g_autoptr(AttSar) sar = NULL;
  AttPupil *pupil;

  g_return_val_if_fail (ATT_IS_DB (db), NULL);
  g_return_val_if_fail (user != NULL, NULL);

  if (!att_sar_require (user, error))
    return NULL;
  pupil = att_pupils_get_or_error (db, pupil_id, error);
  if (pupil == NULL)
    return NULL;

  sar = g_new0 (AttSar, 1);
  sar->pupil_id = pupil_id;
  sar->upn = g_strdup (pupil->upn);
  sar->name = g_strdup (att_pupil_get_display_name (pupil));
  sar->school = att_school_get (db, "name");
  sar->made_by = g_strdup (user->name);
  sar->made_at = att_audit_now ();
  sar->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);

  /* One read transaction, so that every section is of one moment. */
  if (!att_db_begin (db, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      AttSarSection *section = g_new0 (AttSarSection, 1);
      sqlite3_stmt *stmt;
      int rc;

      section->key = sections[i].key;
      section->title = g_strdup (_(sections[i].title));
      section->single = sections[i].single;
      section->fields = sections[i].fields;
      section->n_fields = sections[i].n_fields;
      section->records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      g_ptr_array_add (sar->sections, section);

      stmt = att_db_prepare (db, sections[i].sql, error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, pupil_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GPtrArray *record = g_ptr_array_new_with_free_func (g_free);

          for (guint f = 0; f < section->n_fields; f++)
            g_ptr_array_add (record, cell_text (stmt, f, section->fields[f].type));
          g_ptr_array_add (section->records, record);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          att_db_set_sqlite_error (db, error, _("read the pupil's records"));
          goto failed;
        }
    }
  if (!att_db_commit (db, error))
    return NULL;
  return g_steal_pointer (&sar);

failed:
  att_db_rollback (db);
  return NULL;
}

static void
indent (GString  *out,
        gboolean  pretty,
        guint     level)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
append_member (GString    *out,
               gboolean    pretty,
               guint       level,
               const char *key,
               gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  indent (out, pretty, level);
  att_json_append_string (out, key);
  g_string_append (out, pretty ? ": " : ":");
}

static void
append_value (GString    *out,
              const char *value,
              AttSarType  type)
{
  if (value == NULL)
    g_string_append (out, "null");
  else if (type == ATT_SAR_INT)
    g_string_append (out, value);
  else if (type == ATT_SAR_BOOL)
    g_string_append (out, strcmp (value, "1") == 0 ? "true" : "false");
  else if (type == ATT_SAR_JSON && (value[0] == '{' || value[0] == '['))
    g_string_append (out, value);
  else
    att_json_append_string (out, value);
}

static void
append_record (GString       *out,
               gboolean       pretty,
               guint          level,
               AttSarSection *section,
               GPtrArray     *record)
{
  g_string_append_c (out, '{');
  for (guint f = 0; f < section->n_fields; f++)
    {
      append_member (out, pretty, level + 1, section->fields[f].key, f == 0);
      append_value (out, g_ptr_array_index (record, f), section->fields[f].type);
    }
  indent (out, pretty, level);
  g_string_append_c (out, '}');
}

char *
att_sar_to_json (AttSar   *sar,
                 gboolean  pretty)
{
  GString *out = g_string_new ("{");
  g_autofree char *made_at = NULL;

  g_return_val_if_fail (sar != NULL, NULL);

  made_at = format_moment (sar->made_at);
  append_member (out, pretty, 1, "upn", TRUE);
  att_json_append_string (out, sar->upn);
  append_member (out, pretty, 1, "name", FALSE);
  att_json_append_string (out, sar->name);
  append_member (out, pretty, 1, "school", FALSE);
  append_value (out, sar->school, ATT_SAR_TEXT);
  append_member (out, pretty, 1, "made_by", FALSE);
  att_json_append_string (out, sar->made_by);
  append_member (out, pretty, 1, "made_at", FALSE);
  att_json_append_string (out, made_at);

  for (guint i = 0; i < sar->sections->len; i++)
    {
      AttSarSection *section = g_ptr_array_index (sar->sections, i);

      append_member (out, pretty, 1, section->key, FALSE);
      if (section->single)
        {
          if (section->records->len > 0)
            append_record (out, pretty, 1, section, g_ptr_array_index (section->records, 0));
          else
            g_string_append (out, "null");
          continue;
        }
      if (section->records->len == 0)
        {
          g_string_append (out, "[]");
          continue;
        }
      g_string_append_c (out, '[');
      for (guint r = 0; r < section->records->len; r++)
        {
          if (r > 0)
            g_string_append_c (out, ',');
          indent (out, pretty, 2);
          append_record (out, pretty, 2, section, g_ptr_array_index (section->records, r));
        }
      indent (out, pretty, 1);
      g_string_append_c (out, ']');
    }
  indent (out, pretty, 0);
  g_string_append (out, "}");
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

gboolean
att_sar_record_export (AttDb          *db,
                       const AttUser  *user,
                       AttSar         *sar,
                       const char     *files,
                       GError        **error)
{
  g_autofree char *detail = NULL;
  g_autoptr(GString) counts = g_string_new ("{");

  g_return_val_if_fail (ATT_IS_DB (db), FALSE);
  g_return_val_if_fail (sar != NULL, FALSE);

  if (!att_sar_require (user, error))
    return FALSE;

  /* What was handed over, section by section. */
  for (guint i = 0; i < sar->sections->len; i++)
    {
      AttSarSection *section = g_ptr_array_index (sar->sections, i);

      if (i > 0)
        g_string_append_c (counts, ',');
      att_json_append_string (counts, section->key);
      g_string_append_printf (counts, ":%u", section->records->len);
    }
  g_string_append_c (counts, '}');

  detail = g_strdup_printf ("%s %s: %s", sar->upn, sar->name, files);
  if (!att_db_begin (db, error))
    return FALSE;
  if (!att_audit_record (db, user, ATT_AUDIT_EXPORT, sar->pupil_id, "sar.export", detail,
                         NULL, counts->str, error))
    {
      att_db_rollback (db);
      return FALSE;
    }
  att_db_note_change (db, ATT_CHANGE_OTHER);
  return att_db_commit (db, error);
}

void
att_sar_file_paths (const char  *folder,
                    const char  *upn,
                    char       **pdf_path,
                    char       **json_path)
{
  g_autofree char *base = g_strdup_printf ("subject-access-%s", upn);
  g_autofree char *pdf_name = g_strconcat (base, ".pdf", NULL);
  g_autofree char *json_name = g_strconcat (base, ".json", NULL);

  *pdf_path = g_build_filename (folder, pdf_name, NULL);
  *json_path = g_build_filename (folder, json_name, NULL);
}
