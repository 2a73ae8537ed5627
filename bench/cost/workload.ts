// Cost bench: the month's workload and what we assume around it, Lambda's duration assumptions, the scenario's fixed facts.
// ---- The workload: 50 meetups and 2,000 RSVPs a month, and what we assume around them ----

export const MONTH = {
  meetups: 50,
  rsvps: 2000,
  days: 30,
  /** A quarter of RSVPs are cancelled later; conservatively, every cancellation hands its place to someone waiting. */
  cancelShare: 0.25,
  /** "day" for everyone with a place, "soon" for meetups with a joining link: at most 2 per confirmed RSVP. */
  remindersPerConfirmed: 2,
  managePageViewsPerMeetup: 3,
  descriptionEditsPerMeetup: 1,
  /** A fifth of meetups change time, place or link (or are cancelled) once: each person going gets one notice. */
  noticeMeetupShare: 0.2,
  /** Event page views per RSVP, all reaching the API (CloudFront keeps an event page only 30 s). */
  eventPageViewsPerRsvp: 5,
  /** Home page listing calls (GET /api/events) per RSVP. */
  listingCallsPerRsvp: 2,
  /** Subscriptions to public feeds (whole site, networks, tags, events) and to personal feeds, in steady state. */
  publicSubscriptions: 300,
  personalSubscriptions: 1000,
  /** Google polls every 8-24 h (taken as twice a day); Apple and Outlook about hourly. */
  googleShare: 0.3,
  googlePollsPerDay: 2,
  otherPollsPerDay: 24,
  /** Distinct public feed URLs polled (path × ?alarm= × encoding), and the CloudFront caches a URL's polls spread over. */
  publicFeedUrls: 20,
  edgeCaches: 2,
  /** CloudFront keeps public feeds this long (max-age=300). */
  feedCacheSeconds: 300,
  /** Lambda instances holding a feed's render at once: a render happens per feed change (and day) per instance. */
  feedInstances: 2,
  /** Feed URLs each meetup change touches (the whole site, its network, a tag), and saves per meetup that change them. */
  facetsPerMeetup: 3,
  feedChangesPerMeetup: 3,
  /** Addresses that bounce or complain, as a share of emails (each is one SES events invocation). */
  bounceShare: 0.02,
  /** Static requests per page view (the page or its assets: HTML, script, stylesheet). */
  staticRequestsPerPage: 3,
  staticBytesPerPage: 40_000,
} as const;

/** Lambda duration assumptions: measured timings here, stretched to the CPU share of the function's memory. */
export const LAMBDA = {
  /** Lambda gives one full vCPU at 1,769 MB; a 512 MB function gets 29% of one. */
  fullVcpuMb: 1769,
  /** What a real SES SendRawEmail round trip adds over the local emulator's (assumed). */
  sesExtraMs: 40,
  /** INIT per cold start, billed since August 2025 (REFERENCE.md: ~375 ms for a realistic bundled function). */
  initMs: 400,
  /**
   * Cold starts: at most this many a month per function (twice an hour; idle environments are reclaimed within
   * minutes), except the sweep, taken as cold on every run (5 minutes apart, at the edge of an idle environment's life).
   */
  maxColdStartsPerMonth: 1440,
  /** Lambda's own records per invocation in a JSON-format log group (platform.start, platform.report), assumed. */
  platformLogBytes: 500,
} as const;

// ---- The scenario's fixed facts ----

export const NOW = '2030-06-12T09:00:00.000Z';
export const MIN = 60_000;
/** Published meetups in the table before the scenario runs (what a network has in its feed window). */
export const SEEDED_MEETUPS = { full: 100, smoke: 5 };
/** The first meetup's places (2 more RSVP, so 2 wait) and the RSVPs to the second; at smoke size, the fewest that still
 * take every path (a waitlist, promotions, a cancellation with nobody waiting, reminders and notices to several). */
export interface Crowd { places: number; secondMeetupRsvps: number }
export const CROWD: { full: Crowd; smoke: Crowd } = { full: { places: 8, secondMeetupRsvps: 4 }, smoke: { places: 2, secondMeetupRsvps: 2 } };
export const TABLE = 'signpost-bench-cost';
