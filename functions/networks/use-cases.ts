// Networks use cases: creating a network (signed in; a legacy name only by the address that used it), editing it
// (organisers), and what the team's manage page shows. Adapters return outcomes; the words a person reads are here.
import { AppError, notFound, signInNeeded, validationError, type FieldIssue } from '#functions/core/errors.ts';
import { newId } from '#functions/core/ids.ts';
import { outboxMessage } from '#functions/core/email.ts';
import type { ActivityEntry, Invitation, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { NetworksDeps } from './deps.ts';
import { approvalNeededEmail } from './emails.ts';
import { legacyClaimProblem } from './legacy-names.ts';
import { suggestSlug } from './network.ts';
import { cpdDefaultsOf } from './cpd.schema.ts';
import { checkNetwork, editNetworkSchema, newNetworkSchema, type EditNetworkInput } from './network.schema.ts';

export const SLUG_TAKEN = 'That address is taken: choose another';
export const ACTIVITY_SHOWN = 100;

/** One line for the activity list, by the signed-in person. */
export function activityEntry(deps: Pick<NetworksDeps, 'clock'>, slug: string, viewer: Viewer, action: string, summary: string, name?: string): ActivityEntry {
  return { slug, id: newId(12), at: deps.clock.now().toISOString(), actor: { email: viewer.email, ...(name ? { name } : {}), via: 'session' }, action, summary };
}

const fieldsOf = (data: Omit<EditNetworkInput, 'version' | 'stillComingEveryMeetup' | 'cpdHours' | 'cpdOutcomes' | 'cpdAreas' | 'cpdFormat'>) => ({
  name: data.name,
  tagline: data.tagline,
  description: data.description,
  accent: data.accent,
  where: data.whereKind === 'online' ? ({ kind: 'online' } as const) : ({ kind: 'place', place: data.place ?? '' } as const),
  links: Object.fromEntries((['website', 'mailingList', 'mastodon', 'bluesky', 'linkedin'] as const).flatMap((k) => (data[k] ? [[k, data[k]]] : []))),
  topics: data.topics,
});

/** The signed-in creator's new network: they are its first organiser. Every problem in one round. */
export async function createNetwork(deps: NetworksDeps, viewer: Viewer | undefined, raw: Record<string, unknown>): Promise<StoredNetwork> {
  if (!viewer) throw signInNeeded();
  const checked = checkNetwork(newNetworkSchema, raw);
  const issues: FieldIssue[] = checked.ok ? [] : [...checked.issues];
  const name = typeof raw.name === 'string' ? raw.name : '';
  const typedSlug = typeof raw.slug === 'string' ? raw.slug.trim().toLowerCase() : '';
  const slug = checked.ok ? (checked.data.slug ?? suggestSlug(checked.data.name)) : typedSlug || suggestSlug(name);
  if (!issues.some((i) => i.field === 'slug') && (typedSlug || name.trim())) {
    if (await deps.networks.get(slug)) issues.push({ field: 'slug', message: SLUG_TAKEN });
    else {
      const legacy = await legacyClaimProblem(deps.networks, slug, viewer);
      if (legacy) issues.push({ field: 'slug', message: legacy });
    }
  }
  if (!checked.ok || issues.length) throw validationError(issues);
  const data = checked.data;
  const now = deps.clock.now();
  const at = now.toISOString();
  const network: StoredNetwork = {
    slug,
    ...fieldsOf(data),
    contactEmail: data.contactEmail ?? viewer.email,
    status: deps.networkApproval ? 'pending' : 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: viewer.email,
    version: 1,
  };
  const founder: TeamMember = { slug, personId: viewer.personId, email: viewer.email, name: data.yourName, role: 'organiser', showName: data.showName, joinedAt: at };
  const emails = deps.networkApproval ? deps.operators.map((op) => outboxMessage(approvalNeededEmail(network, op, deps.siteUrl), 'network-approval-needed', now)) : [];
  const activity = [activityEntry(deps, slug, viewer, 'network.created', `Created the network “${network.name}”`, data.yourName)];
  const outcome = await deps.networks.create(network, [founder], { activity, emails });
  if (!outcome.ok) throw validationError([{ field: 'slug', message: SLUG_TAKEN }]);
  await deps.sessions.rememberName(viewer.personId, data.yourName);
  return network;
}

/** The network and the viewer's place on its team; the team only (operators moderate through their own pages). */
export async function teamAccess(deps: NetworksDeps, viewer: Viewer | undefined, slug: string): Promise<{ network: StoredNetwork; me: TeamMember }> {
  const network = await deps.networks.get(slug);
  if (!network) throw notFound('network');
  if (!viewer) throw signInNeeded();
  const me = await deps.networks.member(slug, viewer.personId);
  if (!me) throw notOnTeam();
  return { network, me };
}

export const notOnTeam = () => new AppError('forbidden', 'not_on_team', 'Only the network’s team can see this page.');
export const organisersOnly = () => new AppError('forbidden', 'organisers_only', 'Only the network’s organisers can do this.');

export async function organiserAccess(deps: NetworksDeps, viewer: Viewer | undefined, slug: string) {
  const access = await teamAccess(deps, viewer, slug);
  if (access.me.role !== 'organiser') throw organisersOnly();
  return access;
}

const LABELS: Record<string, string> = {
  name: 'name', tagline: 'tagline', description: 'description', accent: 'colour', where: 'where it meets', links: 'links', topics: 'topics', contactEmail: 'contact address',
  stillComingEveryMeetup: '“Still coming?” for every meetup',
  cpdDefaults: 'CPD defaults for new meetups',
};

/** An organiser's edit of the network's page and contact address, if nobody changed it meanwhile. */
export async function editNetwork(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, raw: Record<string, unknown>): Promise<StoredNetwork> {
  const { network, me } = await organiserAccess(deps, viewer, slug);
  const checked = checkNetwork(editNetworkSchema, raw);
  if (!checked.ok) throw validationError(checked.issues);
  if (checked.data.version !== network.version) throw changedMeanwhile();
  const { stillComingEveryMeetup: _was, cpdDefaults: _before, ...unchanged } = network;
  const cpdDefaults = cpdDefaultsOf(checked.data);
  const next: StoredNetwork = {
    ...unchanged,
    ...fieldsOf(checked.data),
    ...(checked.data.stillComingEveryMeetup ? { stillComingEveryMeetup: true } : {}),
    ...(cpdDefaults ? { cpdDefaults } : {}),
    contactEmail: checked.data.contactEmail ?? network.contactEmail,
    updatedAt: deps.clock.now().toISOString(),
    version: network.version + 1,
  };
  const changed = Object.keys(LABELS).filter((k) => JSON.stringify(next[k as keyof StoredNetwork]) !== JSON.stringify(network[k as keyof StoredNetwork]));
  if (!changed.length) return network;
  const summary = `Edited the network: ${changed.map((k) => LABELS[k]).join(', ')}`;
  const outcome = await deps.networks.save(next, network, { activity: [activityEntry(deps, slug, viewer!, 'network.edited', summary, me.name)] });
  if (!outcome.ok) throw changedMeanwhile();
  return next;
}

export const changedMeanwhile = () =>
  new AppError('conflict', 'changed', 'Someone else changed the network meanwhile. Open the manage page again to see it as it is now.');

export interface ManageView {
  network: StoredNetwork;
  me: TeamMember;
  team: TeamMember[];
  /** Pending invitations (not accepted, not expired), newest first: organisers only. */
  invitations: Invitation[];
  /** Newest first: organisers only. */
  activity: ActivityEntry[];
}

/** What the manage page shows the viewer: organisers everything, helpers the team. */
export async function manageView(deps: NetworksDeps, viewer: Viewer | undefined, slug: string): Promise<ManageView> {
  const { network, me } = await teamAccess(deps, viewer, slug);
  const team = (await deps.networks.team(slug)).sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'organiser' ? -1 : 1));
  if (me.role !== 'organiser') return { network, me, team, invitations: [], activity: [] };
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const [invitations, activity] = await Promise.all([deps.networks.invitations(slug), deps.networks.activity(slug, ACTIVITY_SHOWN)]);
  return { network, me, team, invitations: invitations.filter((i) => !i.acceptedAt && i.expiresAt > nowSeconds), activity };
}
