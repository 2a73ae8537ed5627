// Events use case: the network a meetup is listed under. Only a network's organisers may list under it (and only an
// active network nobody hid); the form and the API send its slug, and the meetup stores the slug and the name as shown.
// Meetups stored before networks keep their free-text name, and keep it through edits unless someone allowed changes it.
import type { FieldIssue } from '#functions/core/errors.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { networkSlugOf, type CpdDefaults, type StoredNetwork } from '#functions/core/network.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { EventsDeps } from './deps.ts';

type Deps = Pick<EventsDeps, 'networks'>;

/** A network someone may list under, as the form's choice shows it. */
export interface NetworkChoice {
  slug: string;
  name: string;
}

export const NETWORK_MESSAGES = {
  signIn: 'Sign in to list under a network',
  notYours: 'You can list only under networks you organise',
} as const;

const listable = (n: StoredNetwork | undefined): n is StoredNetwork => Boolean(n && n.status === 'active' && !n.hidden);

/** The networks a signed-in person organises and may list under, by name. None when signed out. */
export async function networksToListUnder(deps: Deps, viewer: Viewer | undefined): Promise<NetworkChoice[]> {
  if (!viewer) return [];
  const memberships = (await deps.networks.membershipsOf(viewer.personId)).filter((m) => m.role === 'organiser');
  const networks = await Promise.all(memberships.map((m) => deps.networks.get(m.slug)));
  return networks.filter(listable).map((n) => ({ slug: n.slug, name: n.name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** What a meetup stores about its network. Both undefined: no network. */
export type NetworkFields = Pick<StoredEvent, 'network' | 'networkSlug'>;

/** `cpdDefaults`: the chosen network's, for a new listing to copy (withCpdDefaults in event.ts). */
type Chosen = { ok: true; fields: NetworkFields; cpdDefaults?: CpdDefaults } | { ok: false; issue: FieldIssue };

/** A slug chosen on the form or sent to the API, if this person may list under it. */
async function choose(deps: Deps, slug: string, viewer: Viewer | undefined): Promise<Chosen> {
  if (!viewer) return { ok: false, issue: { field: 'network', message: NETWORK_MESSAGES.signIn } };
  const wanted = slug.trim().toLowerCase();
  const [network, member] = await Promise.all([deps.networks.get(wanted), deps.networks.member(wanted, viewer.personId)]);
  if (!listable(network) || member?.role !== 'organiser') return { ok: false, issue: { field: 'network', message: NETWORK_MESSAGES.notYours } };
  return { ok: true, fields: { network: network.name, networkSlug: network.slug }, ...(network.cpdDefaults ? { cpdDefaults: network.cpdDefaults } : {}) };
}

/** A new listing's network: none, or one the person organises. */
export async function networkForListing(deps: Deps, slug: string | undefined, viewer: Viewer | undefined): Promise<Chosen> {
  return slug ? choose(deps, slug, viewer) : { ok: true, fields: { network: undefined, networkSlug: undefined } };
}

/**
 * An edit's network. `sent` is the raw `network` field: not sent, or the meetup's own (its slug, or an older meetup's
 * free-text name), keeps it; blank takes the meetup out of its network (anyone managing it may); another slug moves
 * it, for an organiser of that network.
 */
export async function networkForEdit(deps: Deps, before: StoredEvent, sent: unknown, viewer: Viewer | undefined): Promise<Chosen> {
  const keep: Chosen = { ok: true, fields: { network: before.network, networkSlug: before.networkSlug } };
  if (typeof sent !== 'string') return keep;
  const value = sent.trim();
  if (!value) return { ok: true, fields: { network: undefined, networkSlug: undefined } };
  const current = networkSlugOf(before);
  if (value === before.network || (current !== undefined && value.toLowerCase() === current)) return keep;
  return choose(deps, value, viewer);
}
