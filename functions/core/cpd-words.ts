// Core: the words people read for CPD details, one set for every form, page, email and PDF that asks for them or shows
// them (the listing form, a network's CPD defaults, the event page, the record, its email and PDF, the CPD log).
// Browser-safe constants only.

/** What the PKSB's areas are called wherever people choose or read them. */
export const PKSB_AREAS_LABEL = 'PKSB areas';

/** The hint under the PKSB areas on a form, for what covers them: "this meetup", "this activity", "its meetups usually". */
export const pksbAreasHint = (what: string) => `Areas of CILIP’s Professional Knowledge and Skills Base (PKSB) ${what}`;

/** The hint on every CPD hours field. */
export const CPD_HOURS_HINT = 'In quarter hours, like 1.5 or 0.75';

/**
 * What a record says of the meetup's evaluation (some schemes count only activities with one): its attendees were
 * asked, not every one of them (walk-ins and the team are not).
 */
export const FEEDBACK_COLLECTED = 'Attendees were asked for feedback';
