// Core: the anonymous feedback a record of attendance's email offers, and what organisers see of it. An answer is a
// rating and two optional texts, never who wrote it or when. Organisers see only the count under FEEDBACK_SHOWN_FROM
// answers (so no one answer can be told apart), and from then the average, the count per rating and the texts sorted
// alphabetically (never in the order they came, which could be matched to who left early).

export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];
export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_SHOWN_FROM = 3;

export interface FeedbackAnswer {
  rating: FeedbackRating;
  worked?: string;
  better?: string;
}

/** The counters kept on the meetup: how many answers, their ratings' sum, and how many gave each rating. */
export interface FeedbackTally {
  count: number;
  sum: number;
  /** Index 0 is rating 1. */
  ratings: [number, number, number, number, number];
}

export const emptyTally = (): FeedbackTally => ({ count: 0, sum: 0, ratings: [0, 0, 0, 0, 0] });

/** What the attendee list reads: lower rooms (rsvps) ask through this, the cpd room's port implements it. */
export interface EventFeedbackReader {
  tally(eventId: string): Promise<FeedbackTally>;
  answers(eventId: string): Promise<FeedbackAnswer[]>;
}

export type FeedbackView =
  | { count: number; shown: false }
  | { count: number; shown: true; average: number; ratings: Record<'1' | '2' | '3' | '4' | '5', number>; worked: string[]; better: string[] };

const averageOf = (t: Pick<FeedbackTally, 'count' | 'sum'>) => Math.round((t.sum / t.count) * 10) / 10;

const texts = (values: (string | undefined)[]) =>
  values.map((v) => v?.trim() ?? '').filter(Boolean).sort((a, b) => a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0));

/** The organisers' view: only the count under the threshold; the answers are read only when they will be shown. */
export async function feedbackView(reader: EventFeedbackReader, eventId: string): Promise<FeedbackView> {
  const tally = await reader.tally(eventId);
  if (tally.count < FEEDBACK_SHOWN_FROM) return { count: tally.count, shown: false };
  const answers = await reader.answers(eventId);
  const [r1, r2, r3, r4, r5] = tally.ratings;
  return {
    count: tally.count,
    shown: true,
    average: averageOf(tally),
    ratings: { 1: r1, 2: r2, 3: r3, 4: r4, 5: r5 },
    worked: texts(answers.map((a) => a.worked)),
    better: texts(answers.map((a) => a.better)),
  };
}

/** A meetup's line in its network's feedback: the average only from FEEDBACK_SHOWN_FROM answers. */
export interface MeetupFeedbackLine {
  id: string;
  title: string;
  startUtc: string;
  timezone: string;
  count: number;
  average?: number;
}

/** A network's feedback over its ended meetups of a period (the manage page shows a year's). */
export interface NetworkFeedbackView {
  /** The meetups with at least one answer, latest first. */
  meetups: MeetupFeedbackLine[];
  /** Ended meetups of the period with no answer yet. */
  unanswered: number;
  /** Every answer of the period. */
  count: number;
  /**
   * The sums over the meetups whose own figures are shown, never the others: a meetup's first two answers would
   * otherwise be told apart by how the network's average moved when each came in.
   */
  shown?: { meetups: number; count: number; average: number; ratings: Record<'1' | '2' | '3' | '4' | '5', number> };
}


/** The network's view from its ended meetups and their counters (absent: no answers). */
export function networkFeedbackView(
  meetups: readonly { id: string; title: string; startUtc: string; timezone: string }[], tallies: ReadonlyMap<string, FeedbackTally>,
): NetworkFeedbackView {
  const lines: MeetupFeedbackLine[] = [];
  const shown = emptyTally();
  let shownMeetups = 0;
  for (const m of meetups) {
    const t = tallies.get(m.id);
    if (!t?.count) continue;
    const visible = t.count >= FEEDBACK_SHOWN_FROM;
    lines.push({ id: m.id, title: m.title, startUtc: m.startUtc, timezone: m.timezone, count: t.count, ...(visible ? { average: averageOf(t) } : {}) });
    if (!visible) continue;
    shownMeetups++;
    shown.count += t.count;
    shown.sum += t.sum;
    t.ratings.forEach((n, i) => (shown.ratings[i] = shown.ratings[i]! + n));
  }
  lines.sort((a, b) => (a.startUtc < b.startUtc ? 1 : a.startUtc > b.startUtc ? -1 : a.id.localeCompare(b.id)));
  const [r1, r2, r3, r4, r5] = shown.ratings;
  return {
    meetups: lines,
    unanswered: meetups.length - lines.length,
    count: lines.reduce((n, l) => n + l.count, 0),
    ...(shownMeetups ? { shown: { meetups: shownMeetups, count: shown.count, average: averageOf(shown), ratings: { 1: r1, 2: r2, 3: r3, 4: r4, 5: r5 } } } : {}),
  };
}
