// Networks use cases: the team. Organisers invite by email (a 256-bit token, stored hashed, for 7 days), remove
// members and change roles; anyone leaves; "hand over" makes someone else an organiser and leaves in one write. A
// network always keeps an organiser: the repository's transaction refuses the change that would leave none.
import { AppError, notFound, validationError } from '#functions/core/errors.ts';
import { hashSecret, newId, newToken, tokenMatches } from '#functions/core/ids.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { firstName, type Invitation, type StoredNetwork, type TeamMember, type TeamRole } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { sameAddress, type Viewer } from '#functions/core/viewer.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { claimFor, rateLimited, type RateRule } from '#functions/ratelimit/rate-limit.ts';
import type { NetworksDeps } from './deps.ts';
import { INVITATION_DAYS, invitationEmail, invitationUrl } from './emails.ts';
import { acceptSchema, inviteSchema } from './network.schema.ts';
import type { TeamChange } from './networks.repository.ts';
import { activityEntry, changedMeanwhile, organiserAccess, teamAccess } from './use-cases.ts';

/** Invitations mail whatever address is typed: a cap per network and per inviter. */
export const inviteRules = {
  perNetwork: { scope: 'invite-net', limit: 30, windowSeconds: 86_400 },
  perInviter: { scope: 'invite-by', limit: 10, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

export const LAST_ORGANISER = 'A network needs at least one organiser: hand over first';
const ROLE_NAMES: Record<TeamRole, string> = { organiser: 'organiser', helper: 'helper' };

const lastOrganiser = () => validationError([{ field: 'member', message: LAST_ORGANISER }]);

/** An invitation's public id names its network, so the link alone finds it: `<slug>.<random>`. */
export const invitationId = (slug: string) => `${slug}.${newId(16)}`;
export const slugOfInvitation = (id: string) => (/^([a-z0-9-]{1,60})\.[a-z0-9]{16}$/.exec(id) ?? [])[1];

export async function invite(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, raw: Record<string, unknown>): Promise<Invitation> {
  const { network, me } = await organiserAccess(deps, viewer, slug);
  const parsed = inviteSchema.safeParse(raw);
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  const { email, role } = parsed.data;
  const now = deps.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (sameAddress(email, me.email)) throw validationError([{ field: 'email', message: 'That is your own address: you are on the team already' }]);
  if (await deps.networks.member(slug, personId(email))) throw validationError([{ field: 'email', message: `${email} is on the team already` }]);
  const pending = (await deps.networks.invitations(slug)).find((i) => sameAddress(i.email, email) && !i.acceptedAt && i.expiresAt > nowSeconds);
  if (pending) throw validationError([{ field: 'email', message: `${email} has been invited already: the invitation is waiting for them` }]);

  const token = newToken();
  const invitation: Invitation = {
    slug, id: invitationId(slug), email, role, invitedBy: me.name, tokenHash: hashSecret(token),
    createdAt: now.toISOString(), expiresAt: nowSeconds + INVITATION_DAYS * 86_400,
  };
  const claims = [claimFor(inviteRules.perNetwork, slug, now), claimFor(inviteRules.perInviter, me.email, now)];
  const mail = invitationEmail(network, invitation, me.name, invitationUrl(deps.siteUrl, invitation, token));
  const outcome = await deps.networks.invite(invitation, {
    claims,
    emails: [outboxMessage(mail, 'network-invitation', now)],
    activity: [activityEntry(deps, slug, viewer!, 'member.invited', `Invited ${email} as ${ROLE_NAMES[role]}`, me.name)],
  });
  if (!outcome.ok) {
    if (outcome.reason === 'rate_limited') throw rateLimited(outcome.claim);
    throw notFound('network');
  }
  return invitation;
}

export async function withdrawInvitation(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, id: string): Promise<void> {
  const { me } = await organiserAccess(deps, viewer, slug);
  const invitation = await deps.networks.invitation(slug, id);
  if (!invitation || invitation.acceptedAt) throw notFound('invitation');
  await deps.networks.withdrawInvitation(invitation, { activity: [activityEntry(deps, slug, viewer!, 'member.invitation-withdrawn', `Withdrew the invitation to ${invitation.email}`, me.name)] });
}

// ---- Accepting ----

export const invitationExpired = () => new AppError('not_found', 'invitation_expired', 'This invitation has expired. Ask the network’s organisers to invite you again.');
export const invitationUsed = () => new AppError('conflict', 'invitation_used', 'This invitation has been used already.');
const invitationInvalid = () => new AppError('forbidden', 'invitation_invalid', 'This invitation link is not valid. Copy the whole link from the email.');

/** The invitation the link shows, with its network: refused when the token does not match, or it is used or out of date. */
export async function openInvitation(deps: NetworksDeps, id: string, token: string | undefined): Promise<{ invitation: Invitation; network: StoredNetwork }> {
  const slug = slugOfInvitation(id);
  if (!slug || !token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw invitationInvalid();
  const [invitation, network] = await Promise.all([deps.networks.invitation(slug, id), deps.networks.get(slug)]);
  if (!invitation || !network) throw invitationExpired();
  if (!tokenMatches(token, invitation.tokenHash)) throw invitationInvalid();
  if (invitation.acceptedAt) throw invitationUsed();
  if (invitation.expiresAt * 1000 <= deps.clock.now().getTime()) throw invitationExpired();
  return { invitation, network };
}

/** Joins the team as invited; the caller then signs the browser in as the invited address (the link proved it). */
export async function acceptInvitation(deps: NetworksDeps, id: string, token: string | undefined, raw: Record<string, unknown>) {
  const { invitation, network } = await openInvitation(deps, id, token);
  const parsed = acceptSchema.safeParse(raw);
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  const now = deps.clock.now();
  const member: TeamMember = {
    slug: network.slug, personId: personId(invitation.email), email: invitation.email, name: parsed.data.name,
    role: invitation.role, showName: parsed.data.showName, joinedAt: now.toISOString(),
  };
  const joiner: Viewer = { email: invitation.email, personId: member.personId, sessionId: '', operator: false };
  const outcome = await deps.networks.acceptInvitation(invitation, member, now, {
    activity: [activityEntry(deps, network.slug, joiner, 'member.joined', `Joined the team as ${ROLE_NAMES[invitation.role]} (invited by ${invitation.invitedBy})`, member.name)],
  });
  if (!outcome.ok) {
    if (outcome.reason === 'member') return { network, member: (await deps.networks.member(network.slug, member.personId)) ?? member, already: true };
    if (outcome.reason === 'gone') throw invitationExpired();
    throw invitationUsed();
  }
  await deps.sessions.rememberName(member.personId, member.name);
  return { network, member, already: false };
}

// ---- Team changes ----

async function memberOr404(deps: NetworksDeps, slug: string, who: string) {
  const member = await deps.networks.member(slug, who);
  if (!member) throw notFound('team member');
  return member;
}

async function apply(deps: NetworksDeps, slug: string, changes: TeamChange[], viewer: Viewer, action: string, summary: string, name: string) {
  const outcome = await deps.networks.changeTeam(slug, changes, { activity: [activityEntry(deps, slug, viewer, action, summary, name)] });
  if (outcome.ok) return;
  if (outcome.reason === 'last_organiser') throw lastOrganiser();
  throw changedMeanwhile();
}

const called = (m: TeamMember) => `${m.name} (${m.email})`;

export async function removeMember(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, who: string): Promise<TeamMember> {
  const { me } = await organiserAccess(deps, viewer, slug);
  const member = await memberOr404(deps, slug, who);
  if (member.personId === me.personId) return leave(deps, viewer, slug);
  await apply(deps, slug, [{ kind: 'remove', member }], viewer!, 'member.removed', `Removed ${called(member)} from the team`, me.name);
  return member;
}

export async function changeRole(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, who: string, role: unknown): Promise<TeamMember> {
  const { me } = await organiserAccess(deps, viewer, slug);
  if (role !== 'organiser' && role !== 'helper') throw validationError([{ field: 'role', message: 'Choose a role: organiser or helper' }]);
  const member = await memberOr404(deps, slug, who);
  if (member.role === role) return member;
  await apply(deps, slug, [{ kind: 'role', member, role }], viewer!, 'member.role-changed', `Made ${called(member)} ${ROLE_NAMES[role]}`, me.name);
  return { ...member, role };
}

/** Anyone on the team may leave, unless they are its last organiser. */
export async function leave(deps: NetworksDeps, viewer: Viewer | undefined, slug: string): Promise<TeamMember> {
  const { me } = await teamAccess(deps, viewer, slug);
  await apply(deps, slug, [{ kind: 'remove', member: me }], viewer!, 'member.left', 'Left the team', me.name);
  return me;
}

/** Makes `who` an organiser (if they are not one) and takes the viewer off the team, in one write. */
export async function handOver(deps: NetworksDeps, viewer: Viewer | undefined, slug: string, who: string): Promise<TeamMember> {
  const { me } = await organiserAccess(deps, viewer, slug);
  const member = await memberOr404(deps, slug, who);
  if (member.personId === me.personId) throw validationError([{ field: 'member', message: 'Choose someone else to hand over to' }]);
  const changes: TeamChange[] = [...(member.role === 'organiser' ? [] : [{ kind: 'role' as const, member, role: 'organiser' as const }]), { kind: 'remove', member: me }];
  await apply(deps, slug, changes, viewer!, 'member.handed-over', `Handed over to ${firstName(member.name) || member.name} and left the team`, me.name);
  return member;
}
