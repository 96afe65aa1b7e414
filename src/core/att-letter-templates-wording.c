/* att-letter-templates-wording.c: our default wording of the ladder's
 * letters, their text messages and the half-termly report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every sentence here is ours. The letters say plainly what the figures
 * are, over which period, and what happens next; they offer help before
 * they mention the law, and they never blame a family for an illness.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "att-letter-templates-private.h"

const AttBuiltinTemplate att_builtin_templates[] = {
  { "concern",
    N_("First letter: concern about attendance"),
    N_("{pupil.name}’s attendance"),
    N_("{recipient.salutation},\n"
       "\n"
       "We keep a close eye on every pupil’s attendance, because being in school every day makes a "
       "real difference to how children learn, make friends and feel about school. I am writing "
       "because {pupil.forename}’s attendance has dropped: it is {figures.attendance} from {figures.period}. "
       "{pupil.forename} attended {figures.attended} of {figures.possible} sessions.\n"
       "\n"
       "{figures.left_out}\n"
       "\n"
       "There is often a simple reason behind a run of absences, and it helps us to know it. If "
       "something is making it hard for {pupil.forename} to come to school, please tell us: "
       "{school.attendance_lead} is happy to talk on {school.phone}.\n"
       "\n"
       "We will look at {pupil.forename}’s attendance again on {monitoring.until}, and we hope to see "
       "it back at {monitoring.target} or above by then. If it is not, we will invite you to a "
       "meeting to plan together how we can help.\n"
       "\n"
       "Yours sincerely,") },
  { "unauthorised",
    N_("Letter about unauthorised absence"),
    N_("Unauthorised absence: {pupil.name}"),
    N_("{recipient.salutation},\n"
       "\n"
       "The register shows {rolling.sessions} sessions of unauthorised absence for {pupil.forename} "
       "in the ten school weeks {rolling.period}. An absence is unauthorised when the school has not "
       "been given, or has not accepted, a reason for it.\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "If you think any of these is wrong, or there is a reason we do not know about, please "
       "contact {school.attendance_lead} on {school.phone} as soon as you can, so that the register "
       "can be put right.\n"
       "\n"
       "Ten unauthorised sessions within ten school weeks is the point at which the school has to "
       "consider a penalty notice under the national rules. We would much rather work with you so "
       "that it never comes to that.\n"
       "\n"
       "Yours sincerely,") },
  { "meeting",
    N_("Invitation to an attendance meeting"),
    N_("An invitation to talk about {pupil.name}’s attendance"),
    N_("{recipient.salutation},\n"
       "\n"
       "We wrote to you recently about {pupil.forename}’s attendance. It is now {figures.attendance} "
       "from {figures.period}: {pronoun.they} attended {figures.attended} of {figures.possible} sessions "
       "and missed {figures.absent}, {figures.unauthorised} of them unauthorised.\n"
       "\n"
       "{figures.left_out}\n"
       "\n"
       "I would like to invite you to a meeting on {meeting.date} at {meeting.time}, in "
       "{meeting.place}. Together we can look at what is getting in the way, what support the school "
       "or other services can offer, and agree a few steps that everyone will take.\n"
       "\n"
       "If that time is difficult, please call {school.phone} and we will find another. You are "
       "welcome to bring someone with you.\n"
       "\n"
       "Yours sincerely,") },
  { "meeting-send",
    N_("Invitation to an attendance meeting (pupils with SEND)"),
    N_("An invitation to talk about {pupil.name}’s attendance and support"),
    N_("{recipient.salutation},\n"
       "\n"
       "{pupil.forename}’s attendance is {figures.attendance} from {figures.period}: {pronoun.they} "
       "attended {figures.attended} of {figures.possible} sessions. We know that for some children "
       "with special educational needs or a disability, coming to school can be harder, and we want "
       "to make sure the support in place is working for {pronoun.them}.\n"
       "\n"
       "{figures.left_out}\n"
       "\n"
       "I would like to invite you to a meeting on {meeting.date} at {meeting.time}, in "
       "{meeting.place}. Our special educational needs coordinator will join us, so that we can look "
       "at {pupil.forename}’s plan and any changes that might help, such as adjustments to the day "
       "or extra support at the start of it.\n"
       "\n"
       "If that time does not suit you, please call {school.phone} and we will arrange another. You "
       "are welcome to bring someone who knows {pupil.forename} well.\n"
       "\n"
       "Yours sincerely,") },
  { "formal-warning",
    N_("Formal warning at the penalty notice threshold"),
    N_("Formal warning: {pupil.name}’s unauthorised absence"),
    N_("{recipient.salutation},\n"
       "\n"
       "I am writing formally because {pupil.forename} has {rolling.sessions} sessions of "
       "unauthorised absence in the ten school weeks {rolling.period}. This reaches the national "
       "threshold of ten unauthorised sessions within ten school weeks.\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "{pupil.forename}’s attendance from {figures.period} is {figures.attendance}. We have written to "
       "you and offered support before, and we will keep offering it.\n"
       "\n"
       "The school must now consider whether to ask the local authority to issue a penalty notice, "
       "or to offer a notice to improve first. Before anything is decided, please contact "
       "{school.attendance_lead} on {school.phone} within ten school days of this letter if there is "
       "anything you would like us to take into account.\n"
       "\n"
       "Yours sincerely,") },
  { "early-reminder",
    N_("Early reminder: attendance slipping below the target"),
    N_("{pupil.name}’s attendance: a reminder"),
    N_("{recipient.salutation},\n"
       "\n"
       "This is a short note to let you know that {pupil.forename}’s attendance is "
       "{figures.attendance} from {figures.period}, a little below the level we hope every pupil reaches. "
       "{pupil.forename} has attended {figures.attended} of {figures.possible} sessions.\n"
       "\n"
       "There is nothing you need to do, except to help {pupil.forename} be in school every day "
       "{pronoun.they} is well enough. If there is anything we should know, please call {school.phone}.\n"
       "\n"
       "Yours sincerely,") },
  { "persistent",
    N_("Letter on becoming persistently absent"),
    N_("{pupil.name} has missed one session in ten"),
    N_("{recipient.salutation},\n"
       "\n"
       "{pupil.forename}’s attendance from {figures.period} is {figures.attendance}: {pronoun.they} has "
       "missed {figures.absent} of {figures.possible} sessions, which is one in ten or more. The "
       "Department for Education calls this persistent absence, and it is known to affect how well "
       "children do at school.\n"
       "\n"
       "{figures.left_out}\n"
       "\n"
       "We would like to help turn this round quickly. Please contact {school.attendance_lead} on "
       "{school.phone} so that we can talk about what would help. We will look at "
       "{pupil.forename}’s attendance again on {monitoring.until}; if it has not improved by then, we "
       "will invite you to a meeting.\n"
       "\n"
       "Yours sincerely,") },
  { "critical",
    N_("Letter when attendance is critically low"),
    N_("{pupil.name}’s attendance is a serious concern"),
    N_("{recipient.salutation},\n"
       "\n"
       "I am writing because {pupil.forename}’s attendance has fallen to {figures.attendance} "
       "from {figures.period}. {pupil.forename} has attended {figures.attended} of {figures.possible} "
       "sessions, so {pronoun.they} is now missing a large part of {pronoun.their} education.\n"
       "\n"
       "{figures.left_out}\n"
       "\n"
       "The school’s attendance team and, where it would help, the local authority’s services can "
       "offer support to your family. I would like to meet you on {meeting.date} at {meeting.time} "
       "in {meeting.place} to agree a plan.\n"
       "\n"
       "Please call {school.phone} to confirm you can come, or to arrange another time. If "
       "attendance does not improve, the school may have to consider formal steps.\n"
       "\n"
       "Yours sincerely,") },
  { "certificate",
    N_("Certificate of attendance for the term"),
    N_("Well done, {pupil.forename}!"),
    N_("{recipient.salutation},\n"
       "\n"
       "We are delighted to tell you that {pupil.forename}’s attendance from {figures.period} is "
       "{figures.attendance}: {pronoun.they} attended {figures.attended} of {figures.possible} "
       "sessions.\n"
       "\n"
       "Being in school every day is an achievement, and it shows. Thank you for the part you play "
       "in it. Please pass on our congratulations to {pupil.forename}.\n"
       "\n"
       "Yours sincerely,") },
  { "improvement",
    N_("Congratulations on improved attendance"),
    N_("{pupil.name}’s attendance has improved"),
    N_("{recipient.salutation},\n"
       "\n"
       "When we last wrote to you, {pupil.forename}’s attendance was {figures.previous_attendance}. "
       "It is now {figures.attendance} from {figures.period}, up {figures.improvement} points.\n"
       "\n"
       "That is a real improvement and we wanted to say thank you: we know it takes effort from the "
       "whole family. Please tell {pupil.forename} how pleased we are, and keep it up.\n"
       "\n"
       "Yours sincerely,") },
  { "punctuality",
    N_("Letter about late arrival"),
    N_("{pupil.name}: arriving on time"),
    N_("{recipient.salutation},\n"
       "\n"
       "{pupil.forename} has arrived late {figures.late} times from {figures.period}. Arriving late means "
       "missing the start of the day, when pupils are told what they will be learning, and it can be "
       "unsettling to walk into a class that has already begun.\n"
       "\n"
       "A pupil who arrives after the register has closed is recorded as absent for that session, "
       "without authorisation.\n"
       "\n"
       "If something is making mornings difficult, please talk to us on {school.phone}: we may be "
       "able to help, for example with a place at breakfast club.\n"
       "\n"
       "Yours sincerely,") },
  { "attendance-text",
    N_("Text message: attendance below the line"),
    N_("Attendance text message"),
    N_("{school.name}: {pupil.forename}’s attendance is {figures.attendance} from {figures.period}. We "
       "would like to help it rise. Please call {school.phone} if there is anything we should "
       "know.") },
  { "half-term-report",
    N_("Half-termly attendance report"),
    N_("{pupil.name}’s attendance this half term"),
    N_("{recipient.salutation},\n"
       "\n"
       "Here is {pupil.forename}’s attendance so far this school year, as we send it to every family "
       "each half term.\n"
       "\n"
       "This half term ({figures.period}): {figures.attendance}, {figures.attended} of "
       "{figures.possible} sessions attended.\n"
       "This school year ({year.period}): {year.attendance}, {year.attended} of {year.possible} "
       "sessions attended.\n"
       "The school’s target for every pupil: {report.target}.\n"
       "\n"
       "{report.note}\n"
       "\n"
       "If you have any questions, please call the school office on {school.phone}.\n"
       "\n"
       "Yours sincerely,") },
  { "half-term-note-excellent",
    N_("Half-termly report: note for excellent attendance"),
    N_("Excellent attendance"),
    N_("{pupil.forename}’s attendance is excellent. Thank you for making sure "
       "{pronoun.they} is in school every day.") },
  { "half-term-note-good",
    N_("Half-termly report: note for attendance at the target"),
    N_("Good attendance"),
    N_("{pupil.forename}’s attendance is at or above the school’s target. Well done, and please "
       "keep it up.") },
  { "half-term-note-below",
    N_("Half-termly report: note for attendance below the target"),
    N_("Attendance below the target"),
    N_("{pupil.forename}’s attendance is below the school’s target. Every day counts: please help "
       "{pronoun.them} to be in school whenever {pronoun.they} is well enough, and tell us if "
       "anything is getting in the way.") },
  { "half-term-note-persistent",
    N_("Half-termly report: note for persistent absence"),
    N_("Persistent absence"),
    N_("{pupil.forename} has missed one session in ten or more this year. We are worried about the "
       "learning {pronoun.they} is missing, and {school.attendance_lead} would like to talk with you "
       "about how we can help.") },
  { "half-term-note-severe",
    N_("Half-termly report: note for severe absence"),
    N_("Severe absence"),
    N_("{pupil.forename} has missed half of the sessions or more this year. This is a serious "
       "concern, and the school will be in touch to arrange support for {pronoun.them} and your "
       "family.") },
  { "meeting-outcome",
    N_("After an attendance meeting: what was agreed"),
    N_("What we agreed about {pupil.name}’s attendance"),
    N_("{recipient.salutation},\n"
       "\n"
       "Thank you for meeting us on {meeting.date} to talk about {pupil.forename}’s attendance. This "
       "letter sets down what we talked about and what each of us agreed, so that everyone has the "
       "same record to come back to.\n"
       "\n"
       "At the meeting: {meeting.attended}. {meeting.absent_note}\n"
       "\n"
       "What makes it hard for {pupil.forename} to be in school, as we understood it:\n"
       "{meeting.barriers}\n"
       "\n"
       "What we agreed to do:\n"
       "{meeting.actions}\n"
       "\n"
       "{meeting.target_note}\n"
       "\n"
       "{meeting.outcome_note} {meeting.review_note}\n"
       "\n"
       "So far this school year {pupil.forename} has attended {figures.attended} of {figures.possible} "
       "sessions ({figures.attendance}). If anything changes, or you would like help sooner, please "
       "contact {school.attendance_lead} on {school.phone}.\n"
       "\n"
       "Yours sincerely,") },
  { "attendance-contract",
    N_("Attendance contract"),
    N_("Attendance contract for {pupil.name}"),
    N_("{recipient.salutation},\n"
       "\n"
       "This is the attendance contract we agreed when we met on {meeting.date}. An attendance "
       "contract is a written agreement between you and the school, entered into freely: it sets out "
       "what each of us will do so that {pupil.forename} can attend school regularly. It is not a "
       "court order, but it records the support the school is giving and the part you have agreed "
       "to play.\n"
       "\n"
       "At the meeting: {meeting.attended}. {meeting.absent_note}\n"
       "\n"
       "So far this school year {pupil.forename} has attended {figures.attended} of {figures.possible} "
       "sessions ({figures.attendance}), and {figures.unauthorised} of the sessions missed were "
       "unauthorised.\n"
       "\n"
       "What makes it hard for {pupil.forename} to be in school, as we understood it:\n"
       "{meeting.barriers}\n"
       "\n"
       "What we each agreed to do:\n"
       "{meeting.actions}\n"
       "\n"
       "The target: {pupil.forename} attends at least {meeting.target} (a full school week has 10 "
       "sessions, a morning and an afternoon each day) from now until we review this contract "
       "together on {meeting.review_date}.\n"
       "\n"
       "If the contract is not kept, or {pupil.forename}’s attendance does not improve even with the "
       "support above, the school will have to consider the next steps open to it, which include a "
       "notice to improve and, after that, a penalty notice or other legal action. We would much "
       "rather the support works, and we will tell you straight away if we become worried.\n"
       "\n"
       "Please sign below and return a copy to the school office to show that you agree. If you "
       "would like anything changed, contact {school.attendance_lead} on {school.phone} before you "
       "sign.\n"
       "\n"
       "Signed (parent or carer): ______________________________   Date: ______________\n"
       "\n"
       "Yours sincerely,") },
  { "notice-to-improve",
    N_("Notice to improve before a penalty notice"),
    N_("Notice to improve: {pupil.name}’s attendance"),
    N_("{recipient.salutation},\n"
       "\n"
       "This letter is a notice to improve. It is the school’s formal and final request, before a "
       "penalty notice is considered, that {pupil.forename} attends school regularly.\n"
       "\n"
       "Our register shows {rolling.sessions} sessions of unauthorised absence for {pupil.forename} "
       "in the ten school weeks {rolling.period}. Together they reach the national threshold of ten "
       "unauthorised sessions within ten school weeks, and they are the absences this notice is "
       "about:\n"
       "\n"
       "{absences.table}\n"
       "\n"
       "{pupil.forename}’s attendance from {figures.period} is {figures.attendance}: "
       "{figures.attended} of {figures.possible} sessions.\n"
       "\n"
       "As a parent you have a legal duty to make sure that your child of compulsory school age "
       "receives a suitable full-time education (section 7 of the Education Act 1996). When a child "
       "registered at a school does not attend regularly, the parent commits an offence under "
       "section 444 of the same Act.\n"
       "\n"
       "The support we have given and offered so far: {improve.support} That offer stands, and "
       "{school.attendance_lead} will gladly meet you to agree what else would help. Please call "
       "{school.phone}.\n"
       "\n"
       "The improvement period is {improve.weeks}, from {improve.start} to {improve.end}. Sufficient "
       "improvement means that {pupil.forename} has no unauthorised absence at all in that period: "
       "every absence must be for a reason the school accepts, such as illness, reported on the "
       "first day.\n"
       "\n"
       "Please be clear: if there is any further unauthorised absence during the improvement "
       "period, or at its end attendance has not improved as set out above, the school may ask the "
       "local authority to issue a penalty notice without further warning. A penalty notice may be "
       "requested before the period ends if {pupil.forename} has an unauthorised absence during it, "
       "including a holiday taken in term time without the school’s agreement.\n"
       "\n"
       "Yours sincerely,") },
};

const guint att_n_builtin_templates = G_N_ELEMENTS (att_builtin_templates);
