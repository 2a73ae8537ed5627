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
    average: Math.round((tally.sum / tally.count) * 10) / 10,
    ratings: { 1: r1, 2: r2, 3: r3, 4: r4, 5: r5 },
    worked: texts(answers.map((a) => a.worked)),
    better: texts(answers.map((a) => a.better)),
  };
}
