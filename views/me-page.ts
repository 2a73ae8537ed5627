// Views: "Your meetups" (ACCOUNT_PAGES.me), server-rendered for the signed-in person: the meetups they organise (alone
// or through a network's team), their networks, the networks they follow (each with an Unfollow button), the places they hold with a button to give each up, their calendar
// feed, and signing out. On the day, a link to each meetup's check-in page: the team's list, or the code of the day. Plain HTML forms; every user string is escaped. Never cached (it is one person's).
import { html, joinHtml, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { ACCOUNT_PAGES, CPD_PAGES, FOLLOW_PAGES, MESSAGE_PAGES, NETWORK_PAGES, OPERATOR_PAGES, SITE_PAGES, eventPagePaths } from '#functions/core/paths.ts';
import { formatClock, formatWhen } from '#functions/core/time.ts';
import type { TeamRole } from '#functions/core/network.ts';
import { FOLLOW_MODE_LABELS, type FollowMode } from '#functions/core/follow.ts';

export interface MeetupLine {
  id: string;
  title: string;
  path: string;
  startUtc: string;
  endUtc: string;
  timezone: string;
  status: 'draft' | 'published' | 'cancelled' | 'hidden';
  /** The operators' reason, while hidden. */
  hiddenReason?: string;
  network?: string;
  places?: { confirmed: number; waitlist: number; capacity?: number };
  /** 'owner': listed with your address; otherwise your role in its network. */
  role: 'owner' | TeamRole;
  /** The check-in page, on the day, for whoever may see its list. */
  checkInPath?: string;
}

export interface NetworkLine {
  slug: string;
  name: string;
  role: TeamRole;
  /** Waiting for an operator's approval. */
  pending: boolean;
  hiddenReason?: string;
}

/** A network the person follows. */
export interface FollowLine {
  slug: string;
  name: string;
  mode: FollowMode;
  /** The follow's settings page (how often, unfollow), as its emails link it. */
  settingsUrl: string;
}

export interface PlaceLine {
  id: string;
  title: string;
  /** Absent while the meetup is hidden (it has no public page then). */
  path?: string;
  hidden?: boolean;
  startUtc: string;
  endUtc: string;
  timezone: string;
  status: 'confirmed' | 'waitlisted' | 'pending';
  waitlistPosition?: number;
  /** The organiser cancelled the meetup. */
  cancelled: boolean;
  /** Checking in with the day's code: on the day its window opens (ISO), or while open; `done` once checked in. */
  checkIn?: { path: string; opens: string; open: boolean; done: boolean };
}

export interface MePageData {
  email: string;
  operator: boolean;
  organised: { upcoming: MeetupLine[]; past: MeetupLine[] };
  networks: NetworkLine[];
  places: PlaceLine[];
  follows: FollowLine[];
  /** The name of the network just unfollowed from this page, to say so. */
  unfollowed?: string;
  /** The page of their personal calendar feed, once they have one (it comes with their first RSVP). */
  feedPageUrl?: string;
}

/** The manage page answers a signed-in organiser without the emailed link's token. */
export const managePath = (id: string) => `/manage/${id}`;

const ROLE_NAMES: Record<TeamRole, string> = { organiser: 'Organiser', helper: 'Helper' };

const when = (l: { startUtc: string; endUtc: string; timezone: string }) => formatWhen(l.startUtc, l.endUtc, l.timezone);

function statusHtml(l: MeetupLine): Html {
  switch (l.status) {
    case 'draft':
      return html`<p><span class="badge badge-draft">Draft</span> Waiting for you to confirm it: use the link in the email we sent you.</p>`;
    case 'cancelled':
      return html`<p><span class="badge badge-cancelled">Cancelled</span></p>`;
    case 'hidden':
      return html`<p><span class="badge badge-cancelled">Hidden</span> Hidden by this site’s operators, so nobody else can see it. Their reason: “${l.hiddenReason ?? ''}”</p>`;
    default:
      return html`<p><span class="badge badge-published">Published</span></p>`;
  }
}

function placesHtml(p: MeetupLine['places']): Html | string {
  if (!p) return '';
  const taken = p.capacity !== undefined ? `${p.confirmed} of ${p.capacity} places taken` : `${p.confirmed} ${p.confirmed === 1 ? 'place' : 'places'} taken`;
  return html`<p>${taken}${p.waitlist ? `, ${p.waitlist} on the waitlist` : ''}</p>`;
}

function meetupItem(l: MeetupLine): Html {
  const by = l.role === 'owner' ? (l.network ? `For ${l.network}` : '') : `${l.network ?? 'Your network'}: you are ${l.role === 'organiser' ? 'an organiser' : 'a helper'}`;
  const manage = l.role === 'owner' || l.role === 'organiser';
  return html`<li class="meetup">
<h3>${l.status === 'hidden' ? l.title : html`<a href="${l.path}">${l.title}</a>`}</h3>
<p class="when">${when(l)}</p>
${by ? html`<p>${by}</p>\n` : ''}${statusHtml(l)}
${placesHtml(l.places)}
${l.checkInPath ? html`<p><a class="button button-small" href="${l.checkInPath}">Check people in<span class="visually-hidden"> at “${l.title}”</span></a></p>\n` : ''}${manage ? html`<p><a class="button button-secondary button-small" href="${managePath(l.id)}">Manage<span class="visually-hidden"> “${l.title}”</span></a> <a href="${MESSAGE_PAGES.meetup(l.id)}">Email attendees<span class="visually-hidden"> of “${l.title}”</span></a></p>` : ''}
</li>`;
}

function organisedSection(data: MePageData): Html {
  const { upcoming, past } = data.organised;
  const none = !upcoming.length && !past.length;
  return html`<section class="section" aria-labelledby="organised-title">
<h2 id="organised-title">Meetups you organise or help run</h2>
${none
    ? html`<p>You haven’t listed a meetup yet. <a href="${SITE_PAGES.newMeetup}">List one</a>: it takes a couple of minutes, and it is free.</p>`
    : html`<h3 class="visually-hidden">Upcoming</h3>
${upcoming.length ? html`<ul class="meetups">${joinHtml(upcoming.map(meetupItem), '\n')}</ul>` : html`<p>Nothing coming up. <a href="${SITE_PAGES.newMeetup}">List a meetup</a></p>`}
${past.length ? html`<details>
<summary>Past meetups (${past.length})</summary>
<ul class="meetups">${joinHtml(past.map(meetupItem), '\n')}</ul>
</details>` : ''}
<p><a href="${SITE_PAGES.newMeetup}">List another meetup</a></p>`}
</section>`;
}

function networksSection(data: MePageData): Html {
  const items = data.networks.map(
    (n) => html`<li><a href="${NETWORK_PAGES.page(n.slug)}">${n.name}</a> (${ROLE_NAMES[n.role]})${n.hiddenReason ? html`: hidden by this site’s operators (“${n.hiddenReason}”)` : n.pending ? ': waiting for the site’s operators to approve it' : ''}${n.role === 'organiser' ? html` · <a href="${NETWORK_PAGES.manage(n.slug)}">Manage<span class="visually-hidden"> ${n.name}</span></a>` : ''}</li>`,
  );
  return html`<section class="section" aria-labelledby="networks-title">
<h2 id="networks-title">Your networks</h2>
${items.length ? html`<ul class="link-list">${joinHtml(items, '\n')}</ul>` : html`<p>You aren’t on a network’s team yet. When a network’s organisers invite you, it appears here.</p>`}
<p><a href="${NETWORK_PAGES.create}">Start a network</a></p>
</section>`;
}

function followsSection(data: MePageData): Html {
  const items = data.follows.map(
    (f) => html`<li class="follow-line"><a href="${NETWORK_PAGES.page(f.slug)}">${f.name}</a>: ${FOLLOW_MODE_LABELS[f.mode].toLowerCase()} (<a href="${f.settingsUrl}">change<span class="visually-hidden"> how often for ${f.name}</span></a>)
<form method="post" action="${FOLLOW_PAGES.unfollowMine(f.slug)}">
<button type="submit" class="button button-secondary button-small">Unfollow<span class="visually-hidden"> ${f.name}</span></button>
</form></li>`,
  );
  return html`<section class="section" aria-labelledby="follows-title">
<h2 id="follows-title">Networks you follow</h2>
${data.unfollowed ? html`<p class="notice" role="status" id="unfollowed">You no longer follow ${data.unfollowed}: its emails have stopped.</p>
` : ''}${items.length
    ? html`<ul class="link-list" id="follows-list">${joinHtml(items, '\n')}</ul>
<p class="hint">Unfollowing stops their emails at once.</p>`
    : html`<p>You don’t follow a network yet. Follow one from its page to hear about its new meetups. <a href="${NETWORK_PAGES.directory}">See every network</a></p>`}
</section>`;
}

function placeStatus(p: PlaceLine): Html {
  if (p.cancelled) return html`<p><span class="badge badge-cancelled">Cancelled</span> The organiser cancelled this meetup.</p>`;
  if (p.status === 'confirmed') return html`<p><span class="badge badge-published">You have a place</span></p>`;
  if (p.status === 'waitlisted')
    return html`<p><span class="badge badge-draft">Waitlisted</span> ${p.waitlistPosition ? `You are number ${p.waitlistPosition} in line.` : 'You are on the waitlist.'} We email you if a place comes up.</p>`;
  return html`<p><span class="badge badge-draft">Not confirmed yet</span> Use the link in the email we sent you to confirm your place.</p>`;
}

function checkInHtml(p: PlaceLine): Html | string {
  const c = p.checkIn;
  if (!c || p.cancelled) return '';
  if (c.done) return html`<p><span class="badge badge-published">Checked in</span></p>\n`;
  const from = c.open ? '' : html` <span class="hint">(from ${formatClock(c.opens, p.timezone)})</span>`;
  return html`<p><a class="button button-small" href="${c.path}">Check in with the code<span class="visually-hidden"> for “${p.title}”</span></a>${from}</p>\n`;
}

function placeItem(p: PlaceLine): Html {
  const canLeave = !p.cancelled && (p.status === 'confirmed' || p.status === 'waitlisted');
  const label = p.status === 'waitlisted' ? 'Leave the waitlist' : 'Cancel my place';
  return html`<li class="meetup">
<h3>${p.path ? html`<a href="${p.path}">${p.title}</a>` : p.title}</h3>
<p class="when">${when(p)}</p>
${p.hidden ? html`<p>This meetup has been hidden by this site’s operators.</p>\n` : ''}${placeStatus(p)}
${checkInHtml(p)}${canLeave ? html`<form method="post" action="${eventPagePaths.cancelMine(p.id)}">
<button type="submit" class="button button-secondary button-small">${label}<span class="visually-hidden">: ${p.title}</span></button>
</form>` : ''}
</li>`;
}

function placesSection(data: MePageData): Html {
  return html`<section class="section" aria-labelledby="places-title">
<h2 id="places-title">Your places</h2>
${data.places.length
    ? html`<ul class="meetups">${joinHtml(data.places.map(placeItem), '\n')}</ul>`
    : html`<p>You don’t have a place at any upcoming meetup. <a href="${SITE_PAGES.home}">See what’s on</a></p>`}
${data.feedPageUrl
    ? html`<p><a href="${data.feedPageUrl}">Your calendar feed</a>: every meetup you have a place at, in your own calendar app.</p>`
    : ''}
</section>`;
}

export function renderMePage(data: MePageData): string {
  const main = html`<h1>Your meetups</h1>
<p class="lead">Signed in as <strong>${data.email}</strong>.</p>
${data.operator ? html`<p class="notice"><a href="${OPERATOR_PAGES.home}">Operator: reports, hidden meetups and networks</a></p>\n` : ''}${organisedSection(data)}
${networksSection(data)}
${followsSection(data)}
${placesSection(data)}
<p><a href="${CPD_PAGES.log}">Your CPD log</a>: records of the meetups you were checked in at, your reflections, and what you did elsewhere.</p>
<section class="section" aria-labelledby="sign-out-title">
<h2 id="sign-out-title">Signing out</h2>
<div class="button-row">
<form method="post" action="${ACCOUNT_PAGES.signOut}"><input type="hidden" name="everywhere" value="0"><button type="submit" class="button button-secondary">Sign out</button></form>
<form method="post" action="${ACCOUNT_PAGES.signOut}"><input type="hidden" name="everywhere" value="1"><button type="submit" class="button button-secondary">Sign out everywhere</button></form>
</div>
<p class="hint">“Sign out everywhere” ends every session of your address, on every device.</p>
</section>`;
  return renderPage({ title: 'Your meetups · Signpost', description: 'The meetups you organise and the places you hold.', head: '<meta name="robots" content="noindex">', main: main.toString(), signedIn: true });
}
