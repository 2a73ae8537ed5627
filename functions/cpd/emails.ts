// CPD: "Your record of attendance", in the meetup email layout. It says what the record says (hours, format,
// learning outcomes, PKSB areas), gives the verification link to share with an assessor, points to the person's CPD log
// and invites a short reflection with the three prompts. It is a record of attendance: never called accredited.
import { CPD_FORMAT_LABELS, REFLECTION_PROMPTS, hoursText, pksbName, type CpdRecord } from '#functions/core/cpd.ts';
import { PKSB_AREAS_LABEL } from '#functions/core/cpd-words.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { CPD_PAGES } from '#functions/core/paths.ts';
import { meetupEmail } from '#functions/events/meetup-email.ts';
import type { Block } from '#functions/mail/layout.ts';

type Person = { name: string; email: string };

export const recordSubject = (record: Pick<CpdRecord, 'title'>) => `Your record of attendance: ${record.title}`;

/** "Thursday 10 December 2026", as the day was on the meetup's wall clock. */
export const recordDay = (record: Pick<CpdRecord, 'startUtc' | 'timezone'>) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: record.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(record.startUtc)).replace(',', '');

/**
 * Where the email's links go: the log and the record's reflection in it, besides the verification link. The record is
 * a query, not a #fragment: a query survives signing in first (the sign-in's `next`), and the log page opens at it.
 */
export const recordLinks = (siteUrl: string, id: string) => ({
  log: `${siteUrl}${CPD_PAGES.log}`,
  reflect: `${siteUrl}${CPD_PAGES.log}?record=${encodeURIComponent(id)}`,
});

export function recordEmail(
  event: StoredEvent, siteUrl: string, to: Person, record: CpdRecord, links: { verifyUrl: string; feedbackUrl?: string | undefined },
): OutgoingEmail {
  const own = recordLinks(siteUrl, record.id);
  const facts: Block[] = [
    { fact: 'Name', value: record.name },
    { fact: 'CPD hours', value: hoursText(record.quarters) },
    ...(record.format ? [{ fact: 'Format', value: CPD_FORMAT_LABELS[record.format] }] : []),
    ...(record.organisers.length ? [{ fact: record.organisers.length === 1 ? 'Organiser' : 'Organisers', value: record.organisers.join(', ') }] : []),
    { fact: 'Record id', value: record.id },
  ];
  const outcomes: Block[] = record.outcomes.length ? [{ heading: 'Learning outcomes' }, ...record.outcomes.map((o) => ({ text: `• ${o}` }))] : [];
  const areas: Block[] = record.areas.length ? [{ heading: PKSB_AREAS_LABEL }, ...record.areas.map((a) => ({ text: `• ${pksbName(a)}` }))] : [];
  return meetupEmail(event, siteUrl, to, recordSubject(record), [
    { text: 'Thank you for coming. This is your record of attendance: it shows you attended this meetup, for your CPD (continuing professional development) evidence.' },
    ...facts,
    ...outcomes,
    ...areas,
    { heading: 'Share it with an assessor' },
    {
      lead: 'This link shows your record to whoever you give it to, for example an assessor. You can turn it off in your CPD log at any time.',
      link: links.verifyUrl, label: 'See your record online', textLabel: 'Your record online',
    },
    { heading: 'Reflect on it' },
    { text: 'A short reflection makes a record count for more. Three questions to start from:' },
    { text: `• ${REFLECTION_PROMPTS.what}` },
    { text: `• ${REFLECTION_PROMPTS.soWhat}` },
    { text: `• ${REFLECTION_PROMPTS.nowWhat}` },
    { link: own.reflect, label: 'Write your reflection', textLabel: 'Write your reflection', primary: true },
    ...(links.feedbackUrl && !record.noFeedback
      ? [{ heading: 'Tell the organisers how it went' }, { lead: 'A short, anonymous form: they never learn who wrote what.', link: links.feedbackUrl, label: 'Give feedback', textLabel: 'Give feedback' }]
      : []),
    { heading: 'Your CPD log' },
    {
      lead: 'Every record of attendance you are sent is kept in your CPD log, with your reflections and the hours per year. Sign in with this email address to see it:',
      link: own.log, label: 'Your CPD log', textLabel: 'Your CPD log',
    },
  ], {}, { preheader: `${hoursText(record.quarters)} of CPD on ${recordDay(record)}: your record, and a place for your reflection.` });
}
