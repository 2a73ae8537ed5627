// Views: the check-in page at the door (/events/<id>/check-in), made for a phone: the day's code, a search of names,
// one button per person, and the walk-ins. Every action is a plain POST form back to the page and the search a GET,
// so it works without JavaScript; web/src/check-in.ts renders the same markup from the API's list (the manage link,
// taps kept offline). Also the self check-in form an attendee types the day's code into.
import { html, joinHtml, raw, type Html } from './html.ts';
import { renderPage } from './layout.ts';
import { ACCOUNT_PAGES, EVENT_PAGES, eventPagePaths } from '#functions/core/paths.ts';

/** One person on the list, as the team sees them (names are for the team only). */
export interface CheckInPerson {
  key: string;
  name: string;
  status: 'confirmed' | 'waitlisted' | 'walkin';
  checkedInAt?: string | undefined;
  /** Who checked them in, in words: a team member's name, "the manage link", "their code". */
  checkedInBy?: string | undefined;
  /** Their "still coming?" answer, in words (core/attendance.ts ATTENDANCE_ANSWER_LABELS). */
  answer?: string | undefined;
  waitlistPosition?: number | undefined;
  /** Shown on screen but not saved yet (a tap made offline, in the browser's queue). */
  unsaved?: boolean | undefined;
}

/** What the check-in page shows: the API's list answer (check-in.schema.ts checkInListSchema). */
export interface CheckInList {
  eventId: string;
  title: string;
  timezone: string;
  capacity?: number | undefined;
  code: { code: string; createdAt: string };
  /** When the code checks people in (ISO): an hour before the start to an hour after the end. */
  codeWindow: { opens: string; closes: string };
  people: CheckInPerson[];
}

export interface CheckInCounts {
  /** Booked places (confirmed), and of them not yet in. */
  expected: number;
  notYetIn: number;
  /** Booked or waitlisted people checked in (walk-ins apart). */
  checkedIn: number;
  waitlist: number;
  walkIns: number;
  /** Places free for walk-ins; undefined without a capacity. */
  placesLeft?: number | undefined;
}

export function checkInCounts(list: Pick<CheckInList, 'capacity' | 'people'>): CheckInCounts {
  const count = (test: (p: CheckInPerson) => boolean) => list.people.filter(test).length;
  const expected = count((p) => p.status === 'confirmed');
  const walkIns = count((p) => p.status === 'walkin');
  return {
    expected,
    notYetIn: count((p) => p.status === 'confirmed' && !p.checkedInAt),
    checkedIn: count((p) => p.status !== 'walkin' && Boolean(p.checkedInAt)),
    waitlist: count((p) => p.status === 'waitlisted' && !p.checkedInAt),
    walkIns,
    placesLeft: list.capacity === undefined ? undefined : Math.max(0, list.capacity - expected - walkIns),
  };
}

/** Lower case without accents, so "zoe" finds "Zoë". */
export const foldName = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
export const nameMatches = (name: string, q: string) => !q.trim() || foldName(name).includes(foldName(q));

export const timeIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));

export interface CheckInView {
  /** The search typed (GET ?q=): rows that don't match are hidden. */
  q?: string | undefined;
  /** What the last action changed, said at the top. */
  flash?: string | undefined;
  error?: string | undefined;
  /** A fresh id for the walk-in form, so a resubmitted form adds once. */
  requestId: string;
  /** What was typed in the walk-in form, kept when the server refused it (no JavaScript), so nothing is typed twice. */
  walkIn?: { name: string; email: string } | undefined;
}

const hidden = (name: string, value: string | undefined) => (value ? html`<input type="hidden" name="${name}" value="${value}">` : '');

/**
 * Where a form posts without JavaScript: the page again, at `anchor` (an id on the page that answers), so it opens
 * scrolled there and the next Tab starts there, not at the top of a long list.
 */
export const checkInAction = (eventId: string, anchor: string) => `${eventPagePaths.checkIn(eventId)}#${anchor}`;

/**
 * A section's heading: "Checked in (4)"; while a search is typed, how many of them match it ("Checked in: 1 of 4
 * match “bea”", "Checked in: none match “xyz”"), so a heading never promises rows that are hidden. The browser redraws
 * it as the search is typed (web/src/check-in.ts).
 */
export function sectionHeading(title: string, total: number, matching: number, q: string | undefined): string {
  const typed = q?.trim();
  if (!typed || !total) return `${title} (${total})`;
  if (matching === total) return `${title} (${total})`;
  return matching ? `${title}: ${matching} of ${total} match “${typed}”` : `${title}: none match “${typed}”`;
}

function actionForm(list: CheckInList, view: CheckInView, action: string, key: string, button: Html, id: string, cls = 'button check-in-tap'): Html {
  // A removed walk-in's row is gone from the answer: it lands on the walk-ins section instead.
  const anchor = action === 'remove-walk-in' ? 'walk-ins' : `person-${key}`;
  return html`<form method="post" action="${checkInAction(list.eventId, anchor)}" class="check-in-form">
<input type="hidden" name="action" value="${action}"><input type="hidden" name="key" value="${key}">${hidden('q', view.q)}
<button type="submit" class="${cls}" id="${id}">${button}</button>
</form>`;
}

function personRow(list: CheckInList, view: CheckInView, p: CheckInPerson): Html {
  const facts = [
    p.status === 'waitlisted' && p.waitlistPosition ? `Waitlist ${p.waitlistPosition}` : '',
    p.answer ?? '',
    p.checkedInAt ? `In at ${timeIn(p.checkedInAt, list.timezone)}${p.checkedInBy ? ` (${p.checkedInBy})` : ''}` : '',
    p.unsaved ? 'Not saved yet' : '',
  ].filter(Boolean);
  const name = html`<span class="visually-hidden"> ${p.name}</span>`;
  const button = p.status === 'walkin'
    ? actionForm(list, view, 'remove-walk-in', p.key, html`Remove walk-in${name}`, `remove-${p.key}`, 'button button-secondary button-small')
    : p.checkedInAt
      ? actionForm(list, view, 'undo', p.key, html`Undo check-in${html`<span class="visually-hidden"> for ${p.name}</span>`}`, `undo-${p.key}`, 'button button-secondary button-small')
      : actionForm(list, view, 'check-in', p.key, html`Check in${name}`, `check-in-${p.key}`);
  return html`<li class="check-in-person${p.unsaved ? ' is-unsaved' : ''}" id="person-${p.key}" data-name="${foldName(p.name)}"${nameMatches(p.name, view.q ?? '') ? '' : raw(' hidden')}>
<p class="check-in-name"><strong>${p.name}</strong>${facts.length ? html`<br><span class="hint">${facts.join(' · ')}</span>` : ''}</p>
${button}
</li>`;
}

function section(list: CheckInList, view: CheckInView, id: string, title: string, people: CheckInPerson[], empty: string): Html {
  const matching = people.filter((p) => nameMatches(p.name, view.q ?? '')).length;
  return html`<section class="check-in-section" id="${id}" aria-labelledby="${id}-title" data-title="${title}">
<h2 id="${id}-title">${sectionHeading(title, people.length, matching, view.q)}</h2>
${people.length ? html`<ul class="check-in-list">${joinHtml(people.map((p) => personRow(list, view, p)), '\n')}</ul>` : html`<p class="hint">${empty}</p>`}
</section>`;
}

function codeSection(list: CheckInList): Html {
  const opens = timeIn(list.codeWindow.opens, list.timezone);
  const closes = timeIn(list.codeWindow.closes, list.timezone);
  return html`<section class="panel" id="check-in-code-panel" aria-labelledby="check-in-code-title">
<h2 id="check-in-code-title">Code of the day</h2>
<p class="check-in-code" id="check-in-code" aria-describedby="check-in-code-hint"><strong>${list.code.code.split('').join(' ')}</strong></p>
<p class="hint" id="check-in-code-hint">Show or say it: people with a place type it to check themselves in, from ${opens} to ${closes}, on the page their “You’re in” email’s “Can’t come?” link opens (or on this page, signed in). Online meetups too.</p>
<form method="post" action="${checkInAction(list.eventId, 'check-in-code-panel')}"><input type="hidden" name="action" value="rotate"><button type="submit" class="button button-secondary" id="rotate-code">New code</button></form>
</section>`;
}

function walkInSection(list: CheckInList, view: CheckInView, counts: CheckInCounts): Html {
  const full = counts.placesLeft === 0;
  return html`<section class="check-in-section" id="add-walk-in" aria-labelledby="add-walk-in-title">
<h2 id="add-walk-in-title">Add a walk-in</h2>
${full
  ? html`<p class="notice notice-warning" id="walk-in-full">The meetup is full (${list.capacity} places), so nobody can be added at the door. If someone with a place has not come, their place stays theirs until they cancel.</p>`
  : html`<p class="hint">Someone who came without booking${counts.placesLeft !== undefined ? `: ${counts.placesLeft} ${counts.placesLeft === 1 ? 'place' : 'places'} left` : ''}.</p>
<form method="post" action="${checkInAction(list.eventId, 'add-walk-in')}" id="walk-in-form">
<input type="hidden" name="action" value="walk-in"><input type="hidden" name="requestId" value="${view.requestId}">${hidden('q', view.q)}
<div class="field"><label class="label" for="walk-in-name">Name</label><input id="walk-in-name" name="name" type="text" required maxlength="100" autocomplete="off" value="${view.walkIn?.name ?? ''}"></div>
<div class="field"><label class="label" for="walk-in-email">Email address (optional)</label><p class="hint" id="walk-in-email-hint">Only if they want it: the organiser can reach them there, and their record of attendance goes there after the meetup. That is the only email a walk-in gets.</p><input id="walk-in-email" name="email" type="email" maxlength="254" autocomplete="off" aria-describedby="walk-in-email-hint" value="${view.walkIn?.email ?? ''}"></div>
<p><button type="submit" class="button" id="walk-in-add">Add walk-in</button></p>
</form>`}
</section>`;
}

/**
 * The team's view, inside #check-in-app: the status line (kept as the list changes, so it is announced: one message
 * per action, naming the person), then whether everything is saved, in lines of their own that are not announced
 * (an "All changes are saved." in the status line would replace "Bea is checked in." a moment after it), and the list.
 */
export function checkInTeamHtml(list: CheckInList, view: CheckInView): Html {
  return html`<div id="check-in-status" role="status" aria-live="polite">${view.flash ? html`<p class="notice notice-success">${view.flash}</p>` : ''}</div>
<p class="notice notice-warning" id="check-in-unsaved" hidden></p>
<p class="hint" id="check-in-saved" hidden>All changes are saved.</p>
<div id="check-in-body">${checkInBodyHtml(list, view)}</div>`;
}

/** Everything below the status line: the same markup on the server and in the browser (web/src/check-in.ts). */
export function checkInBodyHtml(list: CheckInList, view: CheckInView): Html {
  const counts = checkInCounts(list);
  const by = (a: CheckInPerson, b: CheckInPerson) => a.name.localeCompare(b.name, 'en-GB');
  const people = [...list.people].sort(by);
  const checkedIn = people.filter((p) => p.status !== 'walkin' && p.checkedInAt);
  const waitlist = people.filter((p) => p.status === 'waitlisted' && !p.checkedInAt).sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  return html`${view.error ? html`<div class="notice notice-warning" role="alert" id="check-in-error"><p>${view.error}</p></div>` : ''}
<ul class="counts" id="check-in-counts">
<li><strong>${counts.checkedIn}</strong> of ${counts.expected} expected in</li>
<li><strong>${counts.walkIns}</strong> ${counts.walkIns === 1 ? 'walk-in' : 'walk-ins'}</li>
<li><strong>${counts.waitlist}</strong> on the waitlist</li>
${counts.placesLeft !== undefined ? html`<li><strong>${counts.placesLeft}</strong> ${counts.placesLeft === 1 ? 'place' : 'places'} left</li>` : ''}
</ul>
<form method="get" action="${eventPagePaths.checkIn(list.eventId)}" role="search" class="check-in-search">
<div class="field"><label class="label" for="check-in-q">Find a name</label><input id="check-in-q" name="q" type="search" value="${view.q ?? ''}" autocomplete="off"></div>
<p><button type="submit" class="button button-secondary" id="check-in-search">Search</button></p>
</form>
<p class="hint" id="check-in-no-match"${people.some((p) => nameMatches(p.name, view.q ?? '')) || !people.length ? raw(' hidden') : ''}>Nobody on the list matches “${view.q ?? ''}”. Add them as a walk-in below if they have no place.</p>
${section(list, view, 'expected', 'Expected', people.filter((p) => p.status === 'confirmed' && !p.checkedInAt), 'Everyone with a place is in.')}
${section(list, view, 'checked-in', 'Checked in', checkedIn, 'Nobody yet.')}
${section(list, view, 'waitlist', 'Waitlist', waitlist, 'Nobody is waiting.')}
${section(list, view, 'walk-ins', 'Walk-ins', people.filter((p) => p.status === 'walkin'), 'No walk-ins yet.')}
${walkInSection(list, view, counts)}
${codeSection(list)}`;
}

/** The attendee's form for the day's code. `action`: the page it posts to (no JavaScript); the RSVP page sends it itself. */
export function selfCheckInHtml(opts: { action?: string; error?: string | undefined; value?: string | undefined; title?: string } = {}): Html {
  return html`<section class="panel" id="self-check-in" aria-labelledby="self-check-in-title">
<h2 id="self-check-in-title">${opts.title ?? 'Check in'}</h2>
<form method="post"${opts.action ? html` action="${opts.action}"` : ''} id="self-check-in-form" novalidate>
<input type="hidden" name="action" value="self">
<div class="field${opts.error ? ' has-error' : ''}"><label class="label" for="self-check-in-code">Code of the day</label>
<p class="hint" id="self-check-in-hint">The organiser shows or says it at the meetup: 4 letters.</p>
<p class="field-error" id="self-check-in-error"${opts.error ? '' : raw(' hidden')}><span class="visually-hidden">Error: </span>${opts.error ?? ''}</p>
<input id="self-check-in-code" name="code" type="text" required maxlength="12" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${opts.value ?? ''}" aria-describedby="self-check-in-hint${opts.error ? ' self-check-in-error' : ''}"></div>
<p><button type="submit" class="button" id="self-check-in-button">Check in</button></p>
</form>
</section>`;
}

/** What the page shows: the team's list, an attendee's code form or their outcome, or how to get in. */
export type CheckInPage =
  | { kind: 'team'; title: string; list: CheckInList; view: CheckInView }
  | {
    kind: 'self'; eventId: string; title: string; checkedIn: boolean; message?: string; error?: string; value?: string;
    /** Outside the code's window: when it opens (before) or closed (after), said above the form. */
    window?: { state: 'before' | 'after'; at: string; timezone: string } | undefined;
  }
  | { kind: 'signed-out'; eventId: string };

/** "Checking in opens at 17:00 on Monday 7 December", in the meetup's zone. */
function windowWords(w: { state: 'before' | 'after'; at: string; timezone: string }): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: w.timezone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(w.at)).replace(',', '');
  const at = `${timeIn(w.at, w.timezone)} on ${day}`;
  return w.state === 'before'
    ? `Checking in opens at ${at}, an hour before the start. Type the code then, when the organiser shows or says it.`
    : `Checking in closed at ${at}, an hour after the end.`;
}

function main(page: CheckInPage): Html {
  if (page.kind === 'team')
    return html`<h1 id="page-title" tabindex="-1">Check-in: ${page.title}</h1>
<div id="check-in-app" data-mode="team">${checkInTeamHtml(page.list, page.view)}</div>`;
  if (page.kind === 'self')
    return html`<h1 id="page-title" tabindex="-1">${page.checkedIn ? 'You’re checked in' : 'Check in'}: ${page.title}</h1>
<div id="check-in-app" data-mode="self">
${page.message ? html`<div class="panel panel-success" role="status"><p>${page.message}</p></div>` : ''}
${page.checkedIn || !page.window ? '' : html`<p class="notice" id="self-check-in-window">${windowWords(page.window)}</p>`}
${page.checkedIn ? '' : selfCheckInHtml({ action: eventPagePaths.checkIn(page.eventId), error: page.error, value: page.value })}
<p><a href="${`${EVENT_PAGES}/${page.eventId}`}">Back to the meetup</a></p>
</div>`;
  const signIn = `${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(eventPagePaths.checkIn(page.eventId))}`;
  return html`<h1 id="page-title" tabindex="-1">Check-in</h1>
<div id="check-in-app" data-mode="signed-out">
<p>This page is for the meetup’s organisers and helpers on the day, to check people in at the door.</p>
<p><a href="${signIn}">Sign in</a> to use it, or open it from the meetup’s manage page with your manage link.</p>
</div>`;
}

export function renderCheckInPage(page: CheckInPage, signedIn: boolean): string {
  const title = page.kind === 'signed-out' ? 'Check-in' : `Check-in: ${page.title}`;
  const hasErrors = (page.kind === 'team' && Boolean(page.view.error)) || (page.kind === 'self' && Boolean(page.error));
  return renderPage({
    title: `${hasErrors ? 'Error: ' : ''}${title} · Signpost`,
    description: 'Check people in at the door of a meetup.',
    script: 'check-in',
    head: '<meta name="robots" content="noindex">',
    main: main(page).toString(),
    signedIn,
  });
}
