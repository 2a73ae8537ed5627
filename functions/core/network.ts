// Core: a network (a volunteer-run group that runs meetups), its team and what the team did, as the table stores
// them. Plain types and pure helpers, browser-safe. The rules for creating and changing them are in functions/networks.
import { slugify } from './slug.ts';
import type { CpdFormat, PksbArea } from './cpd.ts';

/** organiser: edits the network and manages every one of its meetups. helper: sees attendee lists on the day. */
export const TEAM_ROLES = ['organiser', 'helper'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Why an operator hid a meetup or a network, and who did (an operator's address: never shown publicly). */
export interface Moderation {
  reason: string;
  at: string;
  by: string;
  /** On a meetup: hidden because its network was (unhiding the network shows it again). */
  withNetwork?: boolean;
}

export const NETWORK_LINK_KINDS = ['website', 'mailingList', 'mastodon', 'bluesky', 'linkedin'] as const;
export type NetworkLinkKind = (typeof NETWORK_LINK_KINDS)[number];
export const NETWORK_LINK_LABELS: Record<NetworkLinkKind, string> = {
  website: 'Website',
  mailingList: 'Mailing list',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  linkedin: 'LinkedIn',
};

/** Where a network meets: online, or a region or town ("Manchester", "North West England"). */
export type NetworkWhere = { kind: 'online' } | { kind: 'place'; place: string };

/**
 * 'pending': waiting for an operator's approval (only when the deployment asks for it): shown to its team only,
 * and no meetup can be listed under it yet.
 */
export type NetworkStatus = 'active' | 'pending';

/** A network's CPD defaults: a meetup's CpdDetails (core/event.ts) without the hours. */
export interface CpdDefaults {
  /** Hours in whole quarter hours for each new meetup that sets none; absent, each counts its own length. */
  quarters?: number;
  outcomes?: string[];
  areas?: PksbArea[];
  format?: CpdFormat;
}

export interface StoredNetwork {
  /** Unique and never changed: letters, digits and hyphens. The network page is /networks/<slug>. */
  slug: string;
  name: string;
  tagline: string;
  /** Plain text with links, as a meetup's description. */
  description: string;
  /** "#1d6b54": passes WCAG AA (4.5:1) against the page's white and as a button with white text. */
  accent: string;
  where: NetworkWhere;
  links: Partial<Record<NetworkLinkKind, string>>;
  /** Receives attendees' replies (Reply-To). Never shown on any page but the team's manage page. */
  contactEmail: string;
  /** Topics for the directory's search ("cataloguing", "school libraries"). */
  topics: string[];
  status: NetworkStatus;
  /** Set while an operator has hidden it: gone from every public page, answer and feed. */
  hidden?: Moderation;
  createdAt: string;
  updatedAt: string;
  /** The address that created it. */
  createdBy: string;
  /** "Still coming?" for every meetup of the network, not only those with a capacity (a meetup's own setting wins). */
  stillComingEveryMeetup?: boolean;
  /** CPD details copied into each new meetup listed under it that sets none of its own (hours: each meetup's length). */
  cpdDefaults?: CpdDefaults;
  version: number;
}

export interface TeamMember {
  slug: string;
  personId: string;
  email: string;
  /** As they gave it; the network page shows the first word, and only when `showName`. */
  name: string;
  role: TeamRole;
  /** They agreed to their first name being shown on the network page. */
  showName: boolean;
  joinedAt: string;
}

export interface Invitation {
  slug: string;
  /** Public id in the link's path; the token in its query is what proves it. */
  id: string;
  email: string;
  role: TeamRole;
  invitedBy: string;
  /** SHA-256 of the 256-bit token. */
  tokenHash: string;
  createdAt: string;
  /** Epoch seconds; also the item's TTL. */
  expiresAt: number;
  acceptedAt?: string;
}

/** Who did something: a signed-in person, or whoever held a meetup's emailed manage link. */
export interface Actor {
  email: string;
  name?: string;
  via: 'session' | 'manage-link' | 'operator';
}

/** One line of a network's activity list: who changed what, when. Kept for ACTIVITY_DAYS. */
export interface ActivityEntry {
  slug: string;
  id: string;
  at: string;
  actor: Actor;
  /** What happened, e.g. 'network.edited', 'member.invited', 'meetup.cancelled'. */
  action: string;
  /** Words for the list: "Edited the network", "Cancelled “Lunch club”". */
  summary: string;
  /** The meetup it concerns, if any. */
  eventId?: string;
}

export const ACTIVITY_DAYS = 400;

/**
 * The network a meetup belongs to, by slug: the one it was listed under, or (for meetups stored before networks
 * existed, with a free-text name) the slug of that name. Meetups of one slug share its listing facet and feed.
 */
export const networkSlugOf = (e: { network?: string | undefined; networkSlug?: string | undefined }): string | undefined =>
  e.networkSlug ?? (e.network ? slugify(e.network) : undefined);

/** What anyone may see of a network: no addresses, no hidden or pending networks. */
export interface PublicNetwork {
  slug: string;
  url: string;
  name: string;
  tagline: string;
  description: string;
  accent: string;
  where: NetworkWhere;
  links: Partial<Record<NetworkLinkKind, string>>;
  topics: string[];
  /** First names of the members who agreed to be shown. */
  team: string[];
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';
