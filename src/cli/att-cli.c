/* att-cli.c: attendance-cli, the command line of Attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "att-cli-private.h"
#include "att-cli-case.h"
#include "att-cli-casepack.h"
#include "att-cli-pupils-edit.h"
#include "att-cli-report.h"
#include "att-cli-xlsx.h"
#include "att-cli-charts.h"
#include "att-cli-ctf.h"

/* Every option any command knows, and whether it takes a value. Which
 * command accepts which is listed in the command table below. */
typedef struct
{
  const char *name;
  gboolean    takes_value;
} AttCliOption;

static const AttCliOption all_options[] = {
  { "db", TRUE },
  { "help", FALSE },
  { "version", FALSE },
  { "json", FALSE },
  { "pretty", FALSE },
  { "dry-run", FALSE },
  { "user", TRUE },
  { "school", TRUE },
  { "urn", TRUE },
  { "la", TRUE },
  { "pupils", TRUE },
  { "years", TRUE },
  { "seed", TRUE },
  { "as-of", TRUE },
  { "role", TRUE },
  { "position", TRUE },
  { "reason", TRUE },
  { "session", TRUE },
  { "from", TRUE },
  { "to", TRUE },
  { "group", TRUE },
  { "year", TRUE },
  { "pupil", TRUE },
  { "days", TRUE },
  { "minutes-late", TRUE },
  { "comment", TRUE },
  { "repair", FALSE },
  { "date", TRUE },
  { "pdf", TRUE },
  { "password-stdin", FALSE },
  { "none", FALSE },
  { "by", TRUE },
  { "kind", TRUE },
  { "csv", TRUE },
  { "out", TRUE },
  { "caller", TRUE },
  { "channel", TRUE },
  { "direction", TRUE },
  { "outcome", TRUE },
  { "return", TRUE },
  { "apply", FALSE },
  { "until-return", FALSE },
  { "amend-reason", TRUE },
  { "note", TRUE },
  { "evidence", FALSE },
  { "safeguarding", FALSE },
  { "siblings", FALSE },
  { "time", TRUE },
  { "brought-by", TRUE },
  { "back", TRUE },
  { "collected-by", TRUE },
  { "record", TRUE },
  { "told", TRUE },
  { "start", TRUE },
  { "end", TRUE },
  { "type", TRUE },
  { "requested-by", TRUE },
  { "sessions", TRUE },
  { "status", TRUE },
  { "received", TRUE },
  { "address", TRUE },
  { "evidence-seen", TRUE },
  { "pattern", TRUE },
  { "review", TRUE },
  { "siblings-of", TRUE },
  { "password-file", TRUE },
  { "letters", TRUE },
  { "half-term", FALSE },
  { "until", TRUE },
  { "clear", FALSE },
  { "template-version", TRUE },
  { "template", TRUE },
  { "delivery", TRUE },
  { "posted", TRUE },
  { "texts", TRUE },
  { "decision", TRUE },
  { "rationale", TRUE },
  { "support", TRUE },
  { "best-tool", TRUE },
  { "equality", TRUE },
  { "agencies", TRUE },
  { "parent", TRUE },
  { "weeks", TRUE },
  { "place", TRUE },
  { "invitation", TRUE },
  { "attended", TRUE },
  { "absent", TRUE },
  { "notes", TRUE },
  { "barriers", TRUE },
  { "actions", TRUE },
  { "target", TRUE },
  { "agency", TRUE },
  { "detail", TRUE },
  { "span", TRUE },
  { "contact", TRUE },
  { "sections", TRUE },
  { "draft", FALSE },
  { "period", TRUE },
  { "ages-5-15", FALSE },
  { "term", TRUE },
  { "no-names", FALSE },
  { "admission", TRUE },
  { "surname", TRUE },
  { "forename", TRUE },
  { "dob", TRUE },
  { "sex", TRUE },
  { "destination", TRUE },
  { "relationship", TRUE },
  { "title", TRUE },
  { "priority", TRUE },
  { "by-priority", FALSE },
  { "leavers-on", TRUE },
  { "map", TRUE },
};

/* The commands, most specific words first where they share a prefix.
 * Summaries are marked for translation and translated when shown. */
static const AttCliCommand commands[] = {
  { "init", "--school NAME [--urn URN] [--la NAME]", "school urn la", 0, 0,
    att_cli_cmd_init, N_("create a database; refuses if one exists") },
  { "demo", "[--pupils N] [--years N] [--seed S] [--as-of DATE]", "pupils years seed as-of", 0, 0,
    att_cli_cmd_demo, N_("create a database holding a realistic demo school") },
  { "users add", "NAME --role ROLE [--position TEXT] [--password-stdin] [--user NAME]",
    "role position password-stdin user", 1, 1,
    att_cli_cmd_users_add, N_("add a user: receptionist, attendance-officer, headteacher or admin; --password-stdin reads their password, to sign in to the window") },
  { "users list", "[--json]", "json", 0, 0,
    att_cli_cmd_users_list, N_("list the users") },
  { "school set", "KEY VALUE [--user NAME]", "user", 2, 2,
    att_cli_cmd_school_set, N_("change a school setting") },
  { "school show", "[--json]", "json", 0, 0,
    att_cli_cmd_school_show, N_("show the school settings") },
  { "calendar term add", "NAME START END [--user NAME]", "user", 3, 3,
    att_cli_cmd_term_add, N_("add a term or half term (inclusive dates)") },
  { "calendar closure add", "START [END] --reason TEXT [--session am|pm] [--user NAME]",
    "reason session user", 1, 2,
    att_cli_cmd_closure_add, N_("add a planned closure: its sessions are marked '#'") },
  { "calendar show", "[--from DATE] [--to DATE] [--json]", "from to json", 0, 0,
    att_cli_cmd_calendar_show, N_("school days, sessions and school-week numbers") },
  { "pupils import", "FILE.csv [--dry-run] --user NAME [--leavers-on DATE] [--map OURS=THEIRS ...]",
    "dry-run user leavers-on map", 1, 1,
    att_cli_cmd_pupils_import, N_("add or update pupils from a CSV file; --leavers-on DATE: the file lists every pupil on roll, and those it does not list leave on DATE; --map dob=\"Date of Birth\" reads a column of another name") },
  { "pupils list", "[--group G] [--year N] [--json]", "group year json", 0, 0,
    att_cli_cmd_pupils_list, N_("list the pupils") },
  { "pupils show", "UPN [--json]", "json", 1, 1,
    att_cli_cmd_pupils_show, N_("a pupil's details, contacts, flags and current figures") },
  { "contacts import", "FILE.csv [--dry-run] --user NAME", "dry-run user", 1, 1,
    att_cli_cmd_contacts_import, N_("add or update contacts from a CSV file") },
  { "mark", "UPN DATE SESSION CODE --user NAME [--minutes-late N] [--comment TEXT] [--reason TEXT]",
    "user minutes-late comment reason", 4, 4,
    att_cli_cmd_mark, N_("mark one session; --reason is required to change a mark") },
  { "marks import", "FILE.csv --user NAME [--dry-run]", "dry-run user", 1, 1,
    att_cli_cmd_marks_import, N_("import marks: upn,date,session,code[,minutes_late,comment]") },
  { "marks export", "FILE.csv [--from DATE] [--to DATE]", "from to", 1, 1,
    att_cli_cmd_marks_export, N_("export marks with the same columns") },
  { "register", "GROUP DATE [--days N] [--json | --pdf FILE]", "days json pdf", 2, 2,
    att_cli_cmd_register, N_("the register grid of a group (a registration group, year:N or all); --pdf prints it") },
  { "history", "UPN [--from DATE] [--to DATE] [--json]", "from to json", 1, 1,
    att_cli_cmd_history, N_("every entry and amendment of a pupil's marks") },
  { "rollcall", "[--date DATE] [--session am|pm] [--time HH:MM] [--json | --pdf FILE]", "date session time json pdf", 0, 0,
    att_cli_cmd_rollcall, N_("who is on site (/ \\ L U, less those signed out) by registration group, for a fire roll call") },
  { "stats", "[--from DATE] [--to DATE] [--group G] [--year N] [--pupil UPN] [--json]",
    "from to group year pupil json", 0, 0,
    att_cli_cmd_stats, N_("attendance figures per pupil") },
  { "threshold", "[--as-of DATE] [--json]", "as-of json", 0, 0,
    att_cli_cmd_threshold, N_("the National Framework check for every pupil") },
  { "backup", "[FILE] [--to DIR] [--user NAME]", "to user", 0, 1,
    att_cli_cmd_backup, N_("a consistent copy of the database: to a new FILE (an existing one is never replaced), or checked, into the backup folder (or --to DIR) and rotated") },
  { "check", "[--repair]", "repair", 0, 0,
    att_cli_cmd_check, N_("integrity check of the database; --repair rebuilds the saved copy of the register") },
  { "audit", "[--by NAME] [--pupil UPN] [--kind KIND] [--from DATE] [--to DATE] [--json | --csv FILE] --user NAME",
    "by pupil kind from to json csv user", 0, 0,
    att_cli_cmd_audit, N_("the audit log: who changed what, when, from what to what (administrators)") },
  { "sar", "UPN [--out DIR] [--pdf FILE] [--json [FILE]] --user NAME", "out pdf json user", 1, 2,
    att_cli_cmd_sar, N_("subject access: everything held on one pupil, as a PDF and a JSON file") },
  { "pupils purge", "[--as-of DATE] [--dry-run] [--json] --user NAME", "as-of dry-run json user", 0, 0,
    att_cli_cmd_pupils_purge, N_("delete the records of leavers whose 6 years of retention have ended (administrators)") },
  { "backups list", "[--json]", "json", 0, 0,
    att_cli_cmd_backups_list, N_("the backups in the backup folder, newest first") },
  { "restore", "FILE --user NAME", "user", 1, 1,
    att_cli_cmd_restore, N_("replace the database with a checked backup of the same school, keeping a backup of what it replaces (administrators only)") },
  { "users passwd", "NAME --password-stdin --user NAME", "password-stdin user", 1, 1,
    att_cli_cmd_users_passwd, N_("set or reset a user's password, read from standard input (administrators)") },
  { "users deactivate", "NAME --user NAME", "user", 1, 1,
    att_cli_cmd_users_deactivate, N_("stop a user signing in or making changes; what they did stays theirs (administrators)") },
  { "users activate", "NAME --user NAME", "user", 1, 1,
    att_cli_cmd_users_activate, N_("let a deactivated user sign in and make changes again (administrators)") },
  { "users deputy", "NAME | --none --user NAME", "none user", 0, 1,
    att_cli_cmd_users_deputy, N_("authorise a deputy to decide leave and penalty cases, or withdraw it with --none (the headteacher)") },
  { "calls add", "UPN --caller NAME --channel CHANNEL --direction in|out --outcome TEXT [--reason CATEGORY] "
    "[--return DATE] [--date DATE] [--apply [--until-return]] [--amend-reason TEXT] [--note TEXT] "
    "[--evidence] [--safeguarding] [--siblings] --user NAME",
    "caller channel direction outcome reason return date apply until-return amend-reason note "
    "evidence safeguarding siblings user", 1, 1,
    att_cli_cmd_calls_add, N_("log a call about a pupil's absence; --apply writes the code its reason implies") },
  { "calls attempt", "ID OUTCOME [--note TEXT] [--channel CHANNEL] --user NAME", "note channel user", 2, 2,
    att_cli_cmd_calls_attempt, N_("a further attempt on a call: reached, no-answer, voicemail, not-working, wrong-person") },
  { "calls list", "[--date DATE] [--pupil UPN] [--json]", "date pupil json", 0, 0,
    att_cli_cmd_calls_list, N_("the day's calls, or a pupil's") },
  { "late", "UPN [--time HH:MM] [--reason TEXT] [--brought-by NAME] [--date DATE] --user NAME",
    "time reason brought-by date user", 1, 1,
    att_cli_cmd_late, N_("the late book: writes L or U with the minutes") },
  { "signout", "UPN --out HH:MM [--back HH:MM] [--reason CATEGORY] [--collected-by NAME] [--amend-reason TEXT] "
    "[--date DATE] --user NAME", "out back reason collected-by amend-reason date user", 1, 1,
    att_cli_cmd_signout, N_("sign a pupil out during the day: illness or an appointment writes I or M for the sessions missed") },
  { "latebook", "[--date DATE] [--json]", "date json", 0, 0,
    att_cli_cmd_latebook, N_("the day's late book: arrivals and sign-outs") },
  { "firstday", "[--date DATE] [--json | --csv FILE --user NAME]", "date json csv user", 0, 0,
    att_cli_cmd_firstday, N_("who to call: unexplained absences, vulnerable pupils first; --csv writes the texting export") },
  { "la-notify", "[--as-of DATE] [--json] | --record UPN --kind unauthorised|illness --told DATE [--note TEXT] --user NAME",
    "as-of json record kind told note user", 0, 0,
    att_cli_cmd_la_notify, N_("pupils the LA must be told of; --record notes the day it was told") },
  { "letters log", "[--pupil UPN] [--json]", "pupil json", 0, 0,
    att_cli_cmd_letters_log, N_("every letter sent, or a pupil's, and whether its figures are out of date") },
  { "firstday procedure", "[--json]", "json", 0, 0,
    att_cli_cmd_firstday_procedure, N_("the school's first-day procedure (steps, timings, who does them), its text message and its safeguarding lead") },
  { "firstday procedure set", "FILE --user NAME", "user", 1, 1,
    att_cli_cmd_firstday_procedure_set, N_("replace the procedure with FILE's steps (- for standard input), one a line: DAY[+EVERY];all|vulnerable|others;ACTION;DUE;WHO") },
  { "firstday set", "KEY VALUE --user NAME", "user", 2, 2,
    att_cli_cmd_firstday_set, N_("change a setting of first-day calling: text_template or safeguarding_lead (empty: the default)") },
  { "leave add", "UPN --start DATE[:am|pm] --end DATE[:am|pm] --type TYPE --reason TEXT --requested-by NAME "
    "[--return DATE] [--received DATE] [--evidence-seen TEXT] [--address TEXT] [--pattern SESSIONS] [--review DATE] "
    "[--siblings-of UPN,...] --user NAME",
    "start end type reason requested-by return received evidence-seen address pattern review siblings-of user", 1, 1,
    att_cli_cmd_leave_add, N_("record a request for leave of absence; types: exceptional, performance, interview, study, part-time, religious, holiday") },
  { "leave decide", "ID approve|decline --note TEXT [--sessions LIST] [--amend-reason TEXT] --user NAME",
    "note sessions amend-reason user", 2, 2,
    att_cli_cmd_leave_decide, N_("the headteacher's decision on a request; --sessions approves only those (DATE or DATE:am|pm, comma separated)") },
  { "leave withdraw", "ID [--note TEXT] --user NAME", "note user", 1, 1,
    att_cli_cmd_leave_withdraw, N_("withdraw a request not yet decided, as the parent asked") },
  { "leave list", "[--status submitted|approved|partly-approved|declined|withdrawn] [--json]", "status json", 0, 0,
    att_cli_cmd_leave_list, N_("requests for leave of absence and their decisions") },
  { "leave letter", "ID --out FILE.pdf [--user NAME]", "out user", 1, 1,
    att_cli_cmd_leave_letter, N_("the decision letter, one per address of those with parental responsibility, logged as sent by NAME (by default whoever decided)") },
  { "leave reviews", "[--date DATE] [--json]", "date json", 0, 0,
    att_cli_cmd_leave_reviews, N_("part-time timetables due a review by DATE (today)") },
  { "leave not-back", "[--date DATE] [--json]", "date json", 0, 0,
    att_cli_cmd_leave_not_back, N_("pupils not back from agreed leave by DATE (today): possibly missing education") },
  { "leave refused-taken", "[--date DATE] [--json]", "date json", 0, 0,
    att_cli_cmd_leave_refused_taken, N_("refused leave taken anyway, the pupil back by DATE (today): cases for the attendance officer") },
  { "leave settings", "[--json]", "json", 0, 0,
    att_cli_cmd_leave_settings, N_("the notice the school asks for and the longest time between part-time reviews, in days") },
  { "leave set", "KEY VALUE --user NAME", "user", 2, 2,
    att_cli_cmd_leave_set, N_("change a leave setting: notice_days or review_days") },
  { "mail show", "[--json]", "json", 0, 0,
    att_cli_cmd_mail_show, N_("the mail server letters are e-mailed through (the password is never shown)") },
  { "mail set", "KEY VALUE --user NAME | password --password-stdin|--password-file FILE --user NAME",
    "password-stdin password-file user", 1, 2,
    att_cli_cmd_mail_set, N_("change a mail setting: host, port, security (starttls, tls, none), username, password, from_address, from_name, reply_to, ca_file") },
  { "mail test", "ADDRESS --user NAME", "user", 1, 1,
    att_cli_cmd_mail_test, N_("send a test message to ADDRESS through the mail server") },
  { "letters email", "[--as-of DATE] [--pupil UPN] | --half-term [--as-of DATE] | --letters ID,... --user NAME",
    "as-of pupil half-term letters user", 0, 0,
    att_cli_cmd_letters_email, N_("e-mail the letters due whose stage goes by e-mail (or the half-termly reports, or letters from the log) as PDF attachments, each logged as it goes; exit 1 if any was not sent") },
  { "letters due", "[--as-of DATE] [--json]", "as-of json", 0, 0,
    att_cli_cmd_letters_due, N_("who is due which letter under the school's rules, with the figures and why; excluded, postponed and waiting rows say why") },
  { "letters rules", "list|show NAME [--json]", "json", 1, 2,
    att_cli_cmd_letters_rules, N_("the school's ladder of letters, or one stage of it") },
  { "letters rules preset", "NAME --user NAME", "user", 1, 1,
    att_cli_cmd_letters_rules_preset, N_("replace the ladder with a preset: dfe, percentage-bands, texts-first or support-letters") },
  { "letters do-not-send", "UPN --reason TEXT --until DATE | --clear --user NAME", "reason until clear user", 1, 1,
    att_cli_cmd_letters_do_not_send, N_("send no letter of the ladder to a pupil's family until DATE, with the reason; --clear ends it") },
  { "letters postpone", "UPN STAGE --until DATE | --clear --user NAME", "until clear user", 2, 2,
    att_cli_cmd_letters_postpone, N_("postpone a pupil's letter of a stage until DATE") },
  { "letters remove", "UPN STAGE --reason TEXT [--as-of DATE] | --clear --user NAME", "reason as-of clear user", 2, 2,
    att_cli_cmd_letters_remove, N_("take a pupil's letter of a stage off the list until the pupil qualifies again; --clear puts it back") },
  { "letters templates", "list|show NAME [--template-version N]|history NAME [--json]", "template-version json", 1, 2,
    att_cli_cmd_letters_templates, N_("the letters' wording: every template, or one (its newest version), or one's versions with who saved each and when") },
  { "letters templates set", "NAME FILE --user NAME", "user", 2, 2,
    att_cli_cmd_letters_templates_set, N_("save FILE (- for standard input) as the next version of a template: the subject, a blank line, the letter") },
  { "letters evidence add", "UPN --from DATE [--to DATE] --note TEXT --user NAME", "from to note user", 1, 1,
    att_cli_cmd_letters_evidence_add, N_("record medical evidence the office holds: warning letters leave those days' absences out") },
  { "letters evidence list", "[--pupil UPN] [--json]", "pupil json", 0, 0,
    att_cli_cmd_letters_evidence_list, N_("the medical evidence the office recorded") },
  { "letters print", "--out FILE.pdf [--as-of DATE] [--template NAME] [--pupil UPN] [--delivery post|hand] "
    "[--posted DATE] --user NAME", "out as-of template pupil delivery posted user", 0, 0,
    att_cli_cmd_letters_print, N_("renders and records every letter printed: the letters due on DATE (today), one per address; --posted says the day they went") },
  { "letters texts", "--out FILE.csv [--as-of DATE] [--template NAME] [--pupil UPN] --user NAME",
    "out as-of template pupil user", 0, 0,
    att_cli_cmd_letters_texts, N_("the text messages due, as CSV for the messaging service (contact, mobile, message), each logged as sent") },
  { "letters half-term", "--out FILE.pdf | --texts FILE.csv [--as-of DATE] [--delivery post|hand] [--posted DATE] --user NAME",
    "out texts as-of delivery posted user", 0, 0,
    att_cli_cmd_letters_half_term, N_("the half-termly attendance report for every pupil on roll, as letters or texts, logged") },
  { "letters posted", "ID... --date DATE --user NAME", "date user", 1, 10000,
    att_cli_cmd_letters_posted, N_("record the day letters logged before they went were posted or handed over") },
  { "letters reprint", "ID... --out FILE.pdf", "out", 1, 10000,
    att_cli_cmd_letters_reprint, N_("print logged letters again as they were; refused for a letter whose figures changed since") },
  { "letters regenerate", "ID... --out FILE.pdf [--date DATE] [--delivery post|hand] [--posted DATE] --user NAME",
    "out date delivery posted user", 1, 10000,
    att_cli_cmd_letters_regenerate, N_("make logged letters not yet posted again with the figures as they are now, dated DATE (today), and log them") },
  { "penalty consider", "UPN --decision support|notice-to-improve|penalty-notice|other --rationale TEXT "
    "[--equality TEXT] [--support TEXT] [--best-tool TEXT] [--agencies TEXT] [--as-of DATE] --user NAME",
    "decision rationale equality support best-tool agencies as-of user", 1, 1,
    att_cli_cmd_penalty_consider, N_("record the school’s consideration of the breach as of DATE (today); the headteacher or their deputy; without --support, the support in the case’s chronology") },
  { "penalty list", "[--as-of DATE] [--json]", "as-of json", 0, 0,
    att_cli_cmd_penalty_list, N_("pupils at or over the penalty notice threshold on DATE (today), then those within 2 sessions of it") },
  { "penalty notice", "UPN --parent CONTACT_ID --kind first|second [--date DATE] --user NAME",
    "parent kind date user", 1, 1,
    att_cli_cmd_penalty_notice, N_("a penalty notice request to one parent; a third within 3 years is refused") },
  { "penalty notices", "[UPN] [--json]", "json", 0, 1,
    att_cli_cmd_penalty_notices, N_("penalty notices requested, with their amounts and what became of them") },
  { "penalty outcome", "ID --status issued|paid|withdrawn|prosecuted [--date DATE] [--note TEXT] --user NAME",
    "status date note user", 1, 1,
    att_cli_cmd_penalty_outcome, N_("record what became of a penalty notice") },
  { "penalty improve", "UPN [--weeks N] [--date DATE] [--out FILE.pdf] --user NAME", "weeks date out user", 1, 1,
    att_cli_cmd_penalty_improve, N_("issue a notice to improve (3 to 6 school weeks, the school’s setting unless --weeks); --out writes and logs its letter") },
  { "penalty improve-outcome", "ID --outcome improved|not-improved [--note TEXT] --user NAME",
    "outcome note user", 1, 1,
    att_cli_cmd_penalty_improve_outcome, N_("record the outcome of a notice to improve once its period is over (not improved earlier on a new unauthorised absence)") },
  { "penalty improvements", "[UPN] [--json]", "json", 0, 1,
    att_cli_cmd_penalty_improvements, N_("notices to improve, their periods, sessions flagged and outcomes") },
  { "penalty unconsidered", "[--as-of DATE] [--json]", "as-of json", 0, 0,
    att_cli_cmd_penalty_unconsidered, N_("breaches met in the 10 school weeks to DATE (today) that the school has not considered yet, as Today shows them") },
  { "meeting add", "UPN --date DATE --time HH:MM --place TEXT [--invitation LETTER_ID] --user NAME",
    "date time place invitation user", 1, 1,
    att_cli_cmd_meeting_add, N_("plan a meeting with a pupil's family; --invitation names the invitation in the letters log") },
  { "meeting record", "ID --attended TEXT [--absent TEXT] [--notes TEXT] [--barriers TEXT] [--actions TEXT] "
    "[--target N] [--review DATE] --outcome review|support-plan|contract|closed [--date DATE] --user NAME",
    "attended absent notes barriers actions target review outcome date user", 1, 1,
    att_cli_cmd_meeting_record, N_("record what happened at a meeting: who came, barriers, agreed actions, a target in sessions a week (1 to 10), the review date and the outcome") },
  { "meeting list", "[UPN] [--json]", "json", 0, 1,
    att_cli_cmd_meeting_list, N_("meetings with families, planned and held, of one pupil or every pupil") },
  { "meeting letter", "ID --out FILE.pdf [--delivery post|hand] [--posted DATE] --user NAME",
    "out delivery posted user", 1, 1,
    att_cli_cmd_meeting_letter, N_("the letter after a meeting (the attendance contract for a contract), one per address, logged") },
  { "meeting invite", "ID --out FILE.pdf [--delivery post|hand] [--posted DATE] --user NAME",
    "out delivery posted user", 1, 1,
    att_cli_cmd_meeting_invite, N_("the invitation to a meeting from the stored meeting letter, one per address, logged") },
  { "support add", "UPN --kind early-help|agency|support [--agency TEXT] --detail TEXT [--date DATE] --user NAME",
    "kind agency detail date user", 1, 1,
    att_cli_cmd_support_add, N_("record support offered or an agency involved (school nurse, early help team, social care...), on DATE (today)") },
  { "support list", "UPN [--json]", "json", 1, 1,
    att_cli_cmd_support_list, N_("the support offered to a pupil's family and the agencies involved") },
  { "chronology", "UPN [--from DATE] [--to DATE] [--json | --csv FILE | --out FILE.pdf]",
    "from to json csv out", 1, 1,
    att_cli_cmd_chronology, N_("every call, letter, meeting, leave decision, consideration, notice and support entry of a pupil's case in date order") },
  { "certificate", "UPN --out FILE.pdf [--from DATE --to DATE | --sessions N | --span this-year|two-years] [--as-of DATE] [--draft]",
    "out from to sessions span as-of draft", 1, 1,
    att_cli_cmd_certificate, N_("the pupil's registration certificate (by default the local authority's span up to today); refused while it holds N or unmarked sessions, which it names, unless --draft marks it DRAFT") },
  { "casepack", "UPN --out FILE.pdf [--as-of DATE] --user NAME", "out as-of user", 1, 1,
    att_cli_cmd_casepack, N_("the referral pack for the local authority, its sections as its profile orders them; refused while the certificate holds N or unmarked sessions; logged as made by NAME") },
  { "la-profile show", "[--json]", "json", 0, 0,
    att_cli_cmd_la_profile_show, N_("the sections of the local authority's referral pack, in order, and the certificate's span") },
  { "la-profile set", "[--sections NAME,NAME,...] [--span SPAN] --user NAME", "sections span user", 0, 0,
    att_cli_cmd_la_profile_set, N_("change the referral pack's sections and order, or the certificate's span (sessions:60, this-year, two-years, range:FIRST:LAST)") },
  { "la-profile preset", "NAME --user NAME", "user", 1, 1,
    att_cli_cmd_la_profile_preset, N_("use one of the presets (la-profile presets lists them) as the local authority's profile") },
  { "la-profile presets", "[--json]", "json", 0, 0,
    att_cli_cmd_la_profile_presets, N_("the referral pack's presets, with their sections and span") },
  { "contacts confirm", "UPN --contact ID [--date DATE] --user NAME", "contact date user", 1, 1,
    att_cli_cmd_contacts_confirm, N_("record that a contact's details were checked with the family (today by default)") },
  { "report", "[--period this-week|last-week|this-half-term|this-term|this-year|last-year|custom] [--from DATE] [--to DATE] [--by year|group|cohort] [--ages-5-15] [--json] [--pdf FILE.pdf [--no-names]]",
    "period from to by ages-5-15 json pdf no-names", 0, 0,
    att_cli_cmd_report, N_("the Reports page's figures for a period (this school year unless given): the whole school and its year groups, registration groups and cohorts beside the same period last year, the weekly trend, weekdays, codes and the lists of pupils to act on") },
  { "export census", "FILE.csv --term autumn|spring|summer [--year YYYY]", "term year", 1, 1,
    att_cli_cmd_export_census, N_("the school census attendance figures of a term (of the school year starting in YYYY, this one unless given) for pupils aged 5 to 15, the summer's two half terms apart") },
  { "export xlsx", "FILE.xlsx [--from DATE] [--to DATE] [--ages-5-15]", "from to ages-5-15", 1, 1,
    att_cli_cmd_export_xlsx, N_("the Excel summary workbook of the period (by default this school year to today): summary, breakdowns, lists, codes, weekly trend, every pupil's figures and the register") },
  { "pupils calendar", "UPN --out FILE.pdf [--year YYYY] [--as-of DATE]", "out year as-of", 1, 1,
    att_cli_cmd_pupils_calendar, N_("a pupil's school year at a glance on one page (the school year starting in YYYY, this one unless given): every session shaped and coloured by its code's group, the terms, holidays and rolling window marked") },
  { "import ctf", "FILE.xml [--dry-run] --user NAME [--admission DATE] [--json]", "dry-run user admission json", 1, 1,
    att_cli_cmd_import_ctf, N_("pupils, contacts and past attendance from a Common Transfer File (CTF 24 or 25): prints what changes (new pupils, each changed field, contacts, each previous school's totals and any difference from its marks), then writes it unless --dry-run; new pupils are admitted on --admission (today unless given)") },
  { "pupils add", "UPN --surname S --forename F --dob DATE --sex M|F --year R|1..14 --group G --admission DATE --user NAME",
    "surname forename dob sex year group admission user", 1, 1,
    att_cli_cmd_pupils_add, N_("add a pupil joining the school (pupils set changes the other fields)") },
  { "pupils set", "UPN FIELD VALUE --user NAME", "user", 3, 3,
    att_cli_cmd_pupils_set, N_("change one field of a pupil, named as the pupils' CSV columns (surname, dob, reg_group, admission_date, fsm, ...); never a roll date over recorded marks") },
  { "pupils leave", "UPN DATE --destination TEXT --user NAME | UPN --clear --user NAME",
    "destination clear user", 1, 2,
    att_cli_cmd_pupils_leave, N_("record a leaver: their last day on roll and where they went (another school's name or URN, elective home education, moved abroad, ...); --clear puts them back on roll") },
  { "contacts add", "UPN --surname S --relationship R [--forename F] [--title T] [--priority N] --user NAME",
    "surname relationship forename title priority user", 1, 1,
    att_cli_cmd_contacts_add, N_("add a contact to a pupil, called after the others unless --priority says (contacts set fills in the rest)") },
  { "contacts set", "UPN ID FIELD VALUE --user NAME", "user", 4, 4,
    att_cli_cmd_contacts_set, N_("change one field of a contact, named as the contacts' CSV columns; a receptionist may change phone_home, phone_mobile, phone_work and email") },
  { "contacts remove", "UPN ID --user NAME", "user", 2, 2,
    att_cli_cmd_contacts_remove, N_("remove a contact: those after them move up; calls and letters keep their record") },
  { "contacts reorder", "UPN ID[,ID...] [--by-priority] --user NAME", "by-priority user", 2, 2,
    att_cli_cmd_contacts_reorder, N_("put a pupil's contacts in the order to call them, naming each contact's id once (or, with --by-priority, each one's place in the order as it stands)") },
};

static const AttCliOption *
find_option (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_options); i++)
    if (strcmp (all_options[i].name, name) == 0)
      return &all_options[i];
  return NULL;
}

static gboolean
command_accepts (const AttCliCommand *command,
                 const char          *name)
{
  g_auto(GStrv) names = NULL;

  if (strcmp (name, "db") == 0 || strcmp (name, "help") == 0)
    return TRUE;

  names = g_strsplit (command->options, " ", -1);
  /* Every command with --json takes --pretty. */
  if (strcmp (name, "pretty") == 0)
    return g_strv_contains ((const char * const *)names, "json");
  return g_strv_contains ((const char * const *)names, name);
}

static char *
command_usage (const AttCliCommand *command)
{
  return g_strdup_printf ("attendance-cli [--db PATH] %s%s%s", command->words,
                          *command->args ? " " : "", command->args);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: attendance-cli [--db PATH] COMMAND [ARGS]"));
  fprintf (out, "%s\n\n", _("Keeps the attendance register of a school in England."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      fprintf (out, "  %s%s%s\n", commands[i].words, *commands[i].args ? " " : "",
               commands[i].args);
      fprintf (out, "      %s\n", _(commands[i].summary));
    }
  fprintf (out, "  help [COMMAND]\n      %s\n", _("this help, or the help of one command"));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --db PATH     %s\n",
           _("the database; default $ATTENDANCE_DB, then the app's own database"));
  fprintf (out, "  --json        %s\n", _("print one JSON document instead of a table"));
  fprintf (out, "  --pretty      %s\n",
           _("with --json: indent the document (it is always indented on a terminal)"));
  fprintf (out, "  --user NAME   %s\n",
           _("the user making a change; their role must allow it"));
  fprintf (out, "  --version     %s\n", _("print the version"));
  fprintf (out, "\n%s\n",
           _("attendance-cli asks no password: it runs from scheduled jobs. Anyone who can\n"
             "read and write the database file can act as any user, so keep the file\n"
             "readable by its owner only (check warns when it is not)."));
  fprintf (out, "\n%s\n",
           _("The set-up commands (users add, school set, calendar term add, calendar\n"
             "closure add) may be run without --user: the change is then made by the\n"
             "system itself. With --user, that user's role must allow the change."));
  fprintf (out, "\n%s\n",
           _("Dates are YYYY-MM-DD; sessions are am or pm; codes are the DfE codes.\n"
             "Exit status: 0 done; 1 refused (nothing was changed); 2 usage error."));
}

static void
print_command_help (const AttCliCommand *command)
{
  g_autofree char *usage = command_usage (command);
  g_autofree char *summary = g_strdup (_(command->summary));

  /* The summaries are written to follow a command name; on their own they
   * start a sentence. */
  summary[0] = g_ascii_toupper (summary[0]);
  g_print ("%s %s\n\n%s.\n", _("Usage:"), usage, summary);
  if (g_str_has_prefix (command->words, "users add") ||
      g_str_has_prefix (command->words, "school set") ||
      g_str_has_prefix (command->words, "firstday set") ||
      g_str_has_prefix (command->words, "firstday procedure set") ||
      g_str_has_prefix (command->words, "calendar term add") ||
      g_str_has_prefix (command->words, "calendar closure add"))
    g_print ("\n%s\n", _("Without --user the change is made as the system itself (set-up)."));
}

/* Command line accessors */

const char *
att_cli_opt (AttCliContext *ctx,
             const char    *name)
{
  return g_hash_table_lookup (ctx->options, name);
}

gboolean
att_cli_flag (AttCliContext *ctx,
              const char    *name)
{
  return g_hash_table_contains (ctx->options, name);
}

const char *
att_cli_arg (AttCliContext *ctx,
             guint          index)
{
  return index < ctx->args->len ? g_ptr_array_index (ctx->args, index) : NULL;
}

guint
att_cli_n_args (AttCliContext *ctx)
{
  return ctx->args->len;
}

/* Errors carry sentences for people; the contract wants one line. */
static char *
one_line (const char *message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (message));
  g_auto(GStrv) lines = g_strsplit (stripped, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        {
          /* A list after a colon reads on; sentences are joined with "; ". */
          if (out->str[out->len - 1] == ':')
            g_string_append_c (out, ' ');
          else
            g_string_append (out, "; ");
        }
      g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
att_cli_usage (AttCliContext *ctx,
               const char    *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "attendance-cli: %s\n", message);
  if (ctx != NULL && ctx->command != NULL)
    {
      g_autofree char *usage = command_usage (ctx->command);
      fprintf (stderr, "%s %s\n", _("Usage:"), usage);
    }
  else
    fprintf (stderr, "%s\n", _("Usage: attendance-cli [--db PATH] COMMAND [ARGS]; see attendance-cli --help"));
  return ATT_CLI_USAGE;
}

int
att_cli_refuse (const GError *error)
{
  g_autofree char *line = one_line (error != NULL ? error->message : _("Unknown error"));

  fprintf (stderr, "attendance-cli: %s\n", line);
  return ATT_CLI_REFUSED;
}

int
att_cli_refuse_msg (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  line = one_line (message);
  fprintf (stderr, "attendance-cli: %s\n", line);
  return ATT_CLI_REFUSED;
}

AttDb *
att_cli_open_db (AttCliContext *ctx)
{
  g_autoptr(GError) error = NULL;

  if (ctx->db != NULL)
    return ctx->db;

  ctx->db = att_db_open (ctx->db_path, &error);
  if (ctx->db == NULL)
    att_cli_refuse (error);
  else
    att_db_read_once (ctx->db);
  return ctx->db;
}

int
att_cli_get_user (AttCliContext  *ctx,
                  gboolean        required,
                  AttUser       **user)
{
  g_autoptr(GError) error = NULL;
  const char *name = att_cli_opt (ctx, "user");

  *user = NULL;
  if (name == NULL)
    {
      g_autoptr(GPtrArray) users = NULL;

      if (required)
        return att_cli_usage (ctx, _("--user NAME is required for a change: say who makes it"));

      /* A set-up command runs as the system itself only while the school
       * has nobody to name: once it has users, someone answers for every
       * change. */
      if (att_cli_open_db (ctx) == NULL)
        return ATT_CLI_REFUSED;
      users = att_users_list (ctx->db, &error);
      if (users == NULL)
        return att_cli_refuse (error);
      if (users->len > 0)
        return att_cli_refuse_msg (_("--user NAME is required: the school has users, so say who makes this change"));
      *user = att_user_copy (att_user_system ());
      return ATT_CLI_OK;
    }

  if (att_cli_open_db (ctx) == NULL)
    return ATT_CLI_REFUSED;

  *user = att_users_find (ctx->db, name, &error);
  if (*user == NULL)
    {
      if (error == NULL)
        return att_cli_refuse_msg (_("There is no user called “%s”: add them with “attendance-cli users add”"),
                                   name);
      return att_cli_refuse (error);
    }
  /* The same rule as the window's sign-in: a deactivated user acts no
   * more (the core would refuse each change; this says so at once). */
  if ((*user)->deactivated)
    {
      int status = att_cli_refuse_msg (_("%s has been deactivated and may no longer make changes: an administrator can reactivate them with “attendance-cli users activate”"),
                                       (*user)->name);
      g_clear_pointer (user, att_user_free);
      return status;
    }
  return ATT_CLI_OK;
}

int
att_cli_parse_date (AttCliContext *ctx,
                    const char    *what,
                    const char    *text,
                    AttDate       *out)
{
  g_autoptr(GError) error = NULL;
  AttDate date;

  if (text == NULL)
    return ATT_CLI_OK;

  date = att_date_parse_iso (text, &error);
  if (date == ATT_DATE_NONE)
    return att_cli_usage (ctx, _("%s: “%s” is not a date (use YYYY-MM-DD)"), what, text);
  *out = date;
  return ATT_CLI_OK;
}

int
att_cli_opt_date (AttCliContext *ctx,
                  const char    *name,
                  AttDate       *out)
{
  g_autofree char *what = g_strconcat ("--", name, NULL);

  return att_cli_parse_date (ctx, what, att_cli_opt (ctx, name), out);
}

int
att_cli_opt_date_or_today (AttCliContext *ctx,
                           const char    *name,
                           AttDate       *out)
{
  int status = att_cli_opt_date (ctx, name, out);

  if (status == ATT_CLI_OK && *out == ATT_DATE_NONE)
    *out = att_date_today ();
  return status;
}

int
att_cli_opt_time (AttCliContext *ctx,
                  const char    *name,
                  int           *out)
{
  const char *text = att_cli_opt (ctx, name);
  int minutes;

  if (text == NULL)
    return ATT_CLI_OK;
  minutes = att_time_parse (text, NULL);
  if (minutes < 0)
    return att_cli_usage (ctx, _("--%s: “%s” is not a time (HH:MM)"), name, text);
  *out = minutes;
  return ATT_CLI_OK;
}

int
att_cli_opt_uint (AttCliContext *ctx,
                  const char    *name,
                  guint          max,
                  guint         *out)
{
  const char *text = att_cli_opt (ctx, name);
  guint64 value;

  if (text == NULL)
    return ATT_CLI_OK;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return att_cli_usage (ctx, _("--%s: “%s” is not a whole number from 0 to %u"), name, text, max);
  *out = (guint)value;
  return ATT_CLI_OK;
}

int
att_cli_parse_session (AttCliContext *ctx,
                       const char    *what,
                       const char    *text,
                       AttSession    *out)
{
  if (g_ascii_strcasecmp (text, "am") == 0)
    *out = ATT_SESSION_AM;
  else if (g_ascii_strcasecmp (text, "pm") == 0)
    *out = ATT_SESSION_PM;
  else
    return att_cli_usage (ctx, _("%s: “%s” is not a session (use am or pm)"), what, text);
  return ATT_CLI_OK;
}

AttPupil *
att_cli_find_pupil (AttDb      *db,
                    const char *upn)
{
  g_autoptr(GError) error = NULL;
  AttPupil *pupil = att_pupils_find_or_error (db, upn, &error);

  if (pupil == NULL)
    att_cli_refuse (error);
  return pupil;
}

gboolean
att_cli_optional_pupil (AttCliContext *ctx,
                        gint64        *pupil_id)
{
  AttPupil *pupil;

  *pupil_id = 0;
  if (att_cli_open_db (ctx) == NULL)
    return FALSE;
  if (att_cli_n_args (ctx) == 0)
    return TRUE;
  pupil = att_cli_find_pupil (ctx->db, att_cli_arg (ctx, 0));
  if (pupil == NULL)
    return FALSE;
  *pupil_id = pupil->id;
  return TRUE;
}

gboolean
att_cli_group_matches (const char *group,
                       AttPupil   *pupil)
{
  const char *year_text = NULL;
  int year;

  if (g_ascii_strcasecmp (group, "all") == 0)
    return TRUE;

  if (g_ascii_strncasecmp (group, "year:", 5) == 0)
    year_text = group + 5;
  else if (g_ascii_strncasecmp (group, "year ", 5) == 0)
    year_text = group + 5;
  else if (g_ascii_strcasecmp (group, "reception") == 0)
    year_text = "R";

  if (year_text != NULL)
    {
      while (*year_text == ' ')
        year_text++;
      if (att_year_group_parse (year_text, &year, NULL))
        return pupil->year_group == year;
    }

  return pupil->reg_group != NULL && g_ascii_strcasecmp (pupil->reg_group, group) == 0;
}

/* Parsing */

/* How many words a command's name has (@command_words, one space
 * between them) when they are the first of @words; 0 when they are not.
 * Compared in place: every run matches its command against all of them. */
static guint
command_words_match (const char *command_words,
                     GPtrArray  *words)
{
  const char *p = command_words;
  guint n = 0;

  while (*p != '\0')
    {
      const char *space = strchr (p, ' ');
      gsize len = space != NULL ? (gsize)(space - p) : strlen (p);
      const char *word;

      if (n >= words->len)
        return 0;
      word = g_ptr_array_index (words, n);
      if (strncmp (word, p, len) != 0 || word[len] != '\0')
        return 0;
      n++;
      p += len;
      if (*p == ' ')
        p++;
    }
  return n;
}

static const AttCliCommand *
match_command (GPtrArray *words,
               guint     *n_words)
{
  const AttCliCommand *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint n = command_words_match (commands[i].words, words);

      if (n > best_n)
        {
          best = &commands[i];
          best_n = n;
        }
    }
  *n_words = best_n;
  return best;
}

/* The words that start some command, to tell "users frob" (an unknown
 * sub-command) from "frob" (an unknown command). */
static gboolean
is_command_group (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *space = strchr (commands[i].words, ' ');
      gsize len = space ? (gsize)(space - commands[i].words) : strlen (commands[i].words);

      if (space != NULL && strlen (word) == len && strncmp (commands[i].words, word, len) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
context_clear (AttCliContext *ctx)
{
  g_clear_pointer (&ctx->db_path, g_free);
  g_clear_pointer (&ctx->args, g_ptr_array_unref);
  g_clear_pointer (&ctx->options, g_hash_table_unref);
  g_clear_object (&ctx->db);
}

static int
run (int    argc,
     char **argv)
{
  AttCliContext ctx = { 0 };
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bad_option = NULL;
  g_autofree char *missing_value = NULL;
  gboolean options_done = FALSE;
  guint n_words = 0;
  gboolean help = FALSE;
  int status;

  ctx.options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.args = g_ptr_array_new_with_free_func (g_free);
  ctx.argv = argv;

  /* Options may come anywhere: split them from the positional words. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (!options_done && strcmp (arg, "--") == 0)
        {
          options_done = TRUE;
          continue;
        }
      if (!options_done && strcmp (arg, "-h") == 0)
        {
          g_hash_table_replace (ctx.options, g_strdup ("help"), g_strdup (""));
          continue;
        }
      if (!options_done && g_str_has_prefix (arg, "--") && arg[2] != '\0')
        {
          g_autofree char *name = g_strdup (arg + 2);
          char *equals = strchr (name, '=');
          const AttCliOption *option;
          char *value = NULL;

          if (equals != NULL)
            {
              *equals = '\0';
              value = g_strdup (equals + 1);
            }
          option = find_option (name);
          if (option == NULL)
            {
              if (bad_option == NULL)
                bad_option = g_strdup (arg);
              g_free (value);
              continue;
            }
          if (option->takes_value && value == NULL)
            {
              if (i + 1 >= argc)
                {
                  if (missing_value == NULL)
                    missing_value = g_strdup (name);
                  continue;
                }
              value = g_strdup (argv[++i]);
            }
          else if (!option->takes_value && value != NULL)
            {
              if (bad_option == NULL)
                bad_option = g_strdup (arg);
              g_free (value);
              continue;
            }
          g_hash_table_replace (ctx.options, g_steal_pointer (&name), value ? value : g_strdup (""));
          continue;
        }
      g_ptr_array_add (words, g_strdup (arg));
    }

  if (g_hash_table_contains (ctx.options, "version"))
    {
      g_print ("attendance-cli %s\n", PACKAGE_VERSION);
      context_clear (&ctx);
      return ATT_CLI_OK;
    }

  help = g_hash_table_contains (ctx.options, "help");
  if (words->len > 0 && strcmp (g_ptr_array_index (words, 0), "help") == 0)
    {
      help = TRUE;
      g_ptr_array_remove_index (words, 0);
    }

  ctx.command = match_command (words, &n_words);

  if (help)
    {
      if (ctx.command != NULL)
        print_command_help (ctx.command);
      else
        print_help (stdout);
      context_clear (&ctx);
      return ATT_CLI_OK;
    }

  if (words->len == 0)
    {
      status = att_cli_usage (NULL, _("No command given"));
      context_clear (&ctx);
      return status;
    }

  if (ctx.command == NULL)
    {
      const char *first = g_ptr_array_index (words, 0);

      if (is_command_group (first) && words->len > 1)
        status = att_cli_usage (NULL, _("Unknown command “%s %s”"), first,
                                (const char *)g_ptr_array_index (words, 1));
      else if (is_command_group (first))
        status = att_cli_usage (NULL, _("“%s” needs a sub-command"), first);
      else
        status = att_cli_usage (NULL, _("Unknown command “%s”"), first);
      context_clear (&ctx);
      return status;
    }

  if (bad_option != NULL)
    {
      status = att_cli_usage (&ctx, _("Unknown option %s"), bad_option);
      context_clear (&ctx);
      return status;
    }
  if (missing_value != NULL)
    {
      status = att_cli_usage (&ctx, _("--%s needs a value"), missing_value);
      context_clear (&ctx);
      return status;
    }

  {
    GHashTableIter iter;
    const char *name;

    g_hash_table_iter_init (&iter, ctx.options);
    while (g_hash_table_iter_next (&iter, (gpointer *)&name, NULL))
      if (!command_accepts (ctx.command, name))
        {
          status = att_cli_usage (&ctx, _("%s does not take --%s"), ctx.command->words, name);
          context_clear (&ctx);
          return status;
        }
  }

  for (guint i = n_words; i < words->len; i++)
    g_ptr_array_add (ctx.args, g_strdup (g_ptr_array_index (words, i)));

  if (ctx.args->len < ctx.command->min_args)
    {
      status = att_cli_usage (&ctx, _("Missing argument"));
      context_clear (&ctx);
      return status;
    }
  if (ctx.args->len > ctx.command->max_args)
    {
      status = att_cli_usage (&ctx, _("Unexpected argument “%s”"),
                              (const char *)g_ptr_array_index (ctx.args, ctx.command->max_args));
      context_clear (&ctx);
      return status;
    }

  if (g_hash_table_contains (ctx.options, "db"))
    ctx.db_path = g_strdup (g_hash_table_lookup (ctx.options, "db"));
  else
    ctx.db_path = att_db_default_path (FALSE);   /* honours $ATTENDANCE_DB */

  if (ctx.db_path == NULL || *ctx.db_path == '\0')
    {
      status = att_cli_usage (&ctx, _("--db needs a file name"));
      context_clear (&ctx);
      return status;
    }

  status = ctx.command->run (&ctx);
  /* The program ends here: the database is closed, but what was read
   * (every pupil, the calendar, the register's year) is not freed piece
   * by piece, which would take longer than many commands. */
  if (ctx.db != NULL)
    att_db_close (g_steal_pointer (&ctx.db));
  context_clear (&ctx);
  return status;
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("attendance-cli");

  status = run (argc, argv);
  fflush (stdout);
  return status;
}
