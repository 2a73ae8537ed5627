// Networks domain: the emails a network's team and the deployment's operators get, in the shared email layout.
import { compose } from '#functions/mail/layout.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { Invitation, StoredNetwork } from '#functions/core/network.ts';
import { invitationPath, NETWORK_PAGES, OPERATOR_PAGES } from '#functions/core/paths.ts';

export const INVITATION_DAYS = 7;

const ROLE_WORDS = {
  organiser: 'an organiser: you will be able to edit the network and manage all of its meetups',
  helper: 'a helper: you will be able to see the attendee list of its meetups on the day, for check-in',
} as const;

/** The link an invitation email carries: the id in the path, the 256-bit token in the query. */
export const invitationUrl = (siteUrl: string, invitation: Pick<Invitation, 'id'>, token: string) =>
  `${siteUrl}${invitationPath(invitation.id)}?token=${token}`;

export function invitationEmail(network: Pick<StoredNetwork, 'name'>, invitation: Invitation, inviter: string, url: string): OutgoingEmail {
  return compose({
    to: { name: 'there', email: invitation.email },
    subject: `${inviter} invited you to help run ${network.name} on Signpost`,
    heading: network.name,
    preheader: `Join the team of ${network.name}.`,
    blocks: [
      { text: `${inviter} invited you to join the team of ${network.name} on Signpost as ${ROLE_WORDS[invitation.role]}.` },
      { lead: 'To join, open this link and press "Join the team". It signs you in with this address:', link: url, label: `Join ${network.name}`, primary: true },
      { text: `The link works once, for ${INVITATION_DAYS} days. If you were not expecting this, ignore this email: nothing happens unless you press the button.` },
    ],
  });
}

/** To each operator when the deployment makes new networks wait for approval. */
export function approvalNeededEmail(network: StoredNetwork, operator: string, siteUrl: string): OutgoingEmail {
  return compose({
    to: { name: 'operator', email: operator },
    subject: `A new network is waiting for approval: ${network.name}`,
    heading: network.name,
    blocks: [
      { text: `${network.createdBy} created the network “${network.name}” (${siteUrl}${NETWORK_PAGES.page(network.slug)}). It is not public until an operator approves it.` },
      { text: `Tagline: ${network.tagline}` },
      { link: `${siteUrl}${OPERATOR_PAGES.home}`, label: 'Review it on the operators’ page', primary: true },
    ],
  });
}
