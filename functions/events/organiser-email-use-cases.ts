// Events use cases: confirming or stopping a change of organiser address, from the links emailed when it was asked
// for (the request itself is part of editing: use-cases.ts). Plain functions over the ports in EventsDeps.
import { notFound } from '#functions/core/errors.ts';
import { hashSecret, newToken, tokenMatches } from '#functions/core/ids.ts';
import { outboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { EventsDeps } from './deps.ts';
import { isLive } from './event.ts';
import { organiserLinks } from './emails.ts';
import { confirmChange, stopChange } from './organiser-email.ts';
import { addressChangedEmail, newAddressWelcomeEmail } from './organiser-emails.ts';
import { saveEvent } from './use-cases.ts';

type Deps = Pick<EventsDeps, 'events' | 'clock' | 'siteUrl'>;

export interface OrganiserEmailOutcome {
  status: 'changed' | 'stopped';
  /** True when nothing changed: the link had already been used (or, to stop, had expired). */
  already: boolean;
  /** The meetup's title, so the page can say which meetup. */
  title: string;
  /** The address the meetup's emails go to after this. */
  organiserEmail: string;
}

async function load(deps: Deps, id: string): Promise<StoredEvent> {
  const event = await deps.events.get(id);
  if (!event || !isLive(event, deps.clock.now())) throw notFound();
  return event;
}

/**
 * Makes the new address the organiser's. It gets a fresh manage link (the old one stops working) and the old address
 * is told, both queued in the same write as the change.
 */
export async function confirmOrganiserEmail(deps: Deps, id: string, token: string): Promise<OrganiserEmailOutcome> {
  const event = await load(deps, id);
  const now = deps.clock.now();
  const manageToken = newToken();
  const out = confirmChange(event, (hash) => tokenMatches(token, hash), hashSecret(manageToken), now);
  if (out.kind === 'already') return { status: 'changed', already: true, title: event.title, organiserEmail: event.organiserEmail };
  const next = out.event;
  await saveEvent(deps, next, event, undefined, {
    emails: [
      outboxMessage(newAddressWelcomeEmail(next, organiserLinks(deps.siteUrl, next, manageToken)), 'organiser-email-welcome', now),
      outboxMessage(addressChangedEmail(next, event.organiserEmail, next.organiserEmail), 'organiser-email-changed', now),
    ],
  });
  return { status: 'changed', already: false, title: next.title, organiserEmail: next.organiserEmail };
}

/** Stops a change that is still waiting, from the link sent to the old address. */
export async function stopOrganiserEmail(deps: Deps, id: string, token: string): Promise<OrganiserEmailOutcome> {
  const event = await load(deps, id);
  const out = stopChange(event, (hash) => tokenMatches(token, hash), deps.clock.now());
  if (out.kind === 'done') await saveEvent(deps, out.event, event);
  return { status: 'stopped', already: out.kind === 'already', title: event.title, organiserEmail: event.organiserEmail };
}
