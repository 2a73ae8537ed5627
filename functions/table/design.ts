// Storage layer: the one definition of the table's keys, its index and TTL (used by the CDK stack, the local
// bootstrap and table/items), and the partition families that share the index.
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  indexes: {
    /** One sparse, overloaded index: only items with a GSI1PK are in it, grouped by the families in gsi1Partitions. */
    gsi1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  },
} as const;

export type TableDesign = typeof tableDesign;

/**
 * Every partition family of GSI1, in one place. Each is written and read only through table/items; the comment says
 * what its items are and what the index sort key orders them by.
 */
export const gsi1Partitions = {
  /** Listings (items/listing.ts): one partition per facet and month ("LIST#tag:cpd#2026-12"), by `<startUtc>#<id>`. */
  listing: (facet: string, month: string) => `LIST#${facet}#${month}`,
  /** An event's waitlist (items/rsvp.ts), by `<waitlistedAt>#<rsvpKey>`: first in line first. */
  waitlist: (eventId: string) => `WAIT#${eventId}`,
  /**
   * Outbox messages not yet delivered (items/outbox.ts), by `<createdAt>#<id>`. It starts with the outbox item prefix:
   * the mailer's IAM grant on the index (dynamodb:LeadingKeys `OUTBOX#*`) relies on that.
   */
  pendingOutbox: 'OUTBOX#pending',
  /** Change notices (items/notice.ts), by `<dueAt>#<eventId>#<noticeId>`. */
  dueNotices: 'NOTICE#due',
  /** Every network (items/network.ts), by slug: the directory and the operators' list read it whole. */
  networks: 'NETWORKS',
  /** A person's team memberships (items/network.ts member items), by network slug: "your networks". */
  memberships: (personId: string) => `MEMBERSHIPS#${personId}`,
  /** A person's sessions (items/session.ts), by `<createdAt>`: "sign out everywhere" ends each. */
  sessions: (personId: string) => `SESSIONS#${personId}`,
  /** The meetups a person organises (the event item itself, items/event.ts), by `<startUtc>#<id>`: "your meetups". */
  organiser: (personId: string) => `ORGANISER#${personId}`,
  /** "Report this meetup" reports (items/report.ts), by `<createdAt>#<id>`: the operators' page. */
  reports: 'REPORTS',
  /** The networks a person follows (items/follower.ts follower items), by network slug: "networks you follow". */
  follows: (personId: string) => `FOLLOWS#${personId}`,
  /** Broadcasts not yet fanned out to every recipient (items/broadcast.ts), by `<createdAt>#<id>`: the sweep resumes them. */
  openBroadcasts: 'BROADCAST#open',
  /** Networks' announcements still gathering newly published meetups (items/announcement.ts), by `<dueAt>#<slug>`. */
  dueAnnouncements: 'ANNOUNCE#due',
} as const;
