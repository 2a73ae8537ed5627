// Web entry for the server-rendered event page: adds the viewer's local time where it differs from the event's zone,
// sends the RSVP form with fetch (without this script it is a plain form post the server answers with a page), adds
// the Share button, and brings "Add to your calendar" its reminder choice and Copy buttons. Kept small and zod-free:
// simple checks here, the API's 400 details for the rest, shown beside each field and in a focused summary.
import { RSVP_SENT, signedInOutcomeText, type SignedInOutcome } from '#views/rsvp-outcome-pages.ts';
import { ACCOUNT_PAGES, API_PREFIX, EVENT_PAGES } from '#functions/core/paths.ts';
import { formatClock } from '#functions/core/time.ts';
import type { CheckInLink } from '#functions/me/me.schema.ts';
import { api, waitText, type FieldIssue } from './api.ts';
import { focusOn, h } from './dom.ts';
import { fillViewerTime } from './time.ts';
import { enhanceSubscribe } from './subscribe.ts';
import { currentSession } from './session.ts';
import { RSVP_BOT_TRAP, RSVP_FIELDS as FIELDS, RSVP_MESSAGES, type RsvpField as Field } from '#views/rsvp-section.ts';
import { LISTED_QUERY } from '#views/event-page.ts';

document.querySelectorAll<HTMLElement>('.viewer-time[data-start-utc]').forEach(fillViewerTime);

const isField = (f: string): f is Field => f in FIELDS;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Just listed, signed in: "Your meetup is live". The query is not part of the cache key, so the server cannot say it.
const listedNotice = document.getElementById('listed-notice');
if (listedNotice && new URLSearchParams(location.search).get(LISTED_QUERY.split('=')[0]!) === LISTED_QUERY.split('=')[1]) {
  listedNotice.hidden = false;
  focusOn(listedNotice);
}

const form = document.getElementById('rsvp-form') as HTMLFormElement | null;
if (form) enhance(form);

// Signed in, on the day: the team's or the attendee's way into the check-in page. The page is cached for everyone,
// so the viewer's own standing comes from the API (functions/me/routes.ts); without this script, "Your meetups" has it.
const pageId = new RegExp(`^${EVENT_PAGES}/([^/]+)`).exec(location.pathname)?.[1];
if (pageId) void currentSession().then(async (session) => {
  if (!session.signedIn || document.getElementById('check-in-link')) return;
  const res = await api<CheckInLink>('GET', `${API_PREFIX}/me/meetups/${encodeURIComponent(pageId)}/check-in`);
  const link = res.ok ? res.data : undefined;
  if (!link || link.kind === 'none') return;
  const body = link.kind === 'team'
    ? [h('a', { class: 'button', href: link.path }, 'Check people in')]
    : link.done
      ? ['You’re checked in. Enjoy the meetup!']
      : [h('a', { class: 'button', href: link.path }, 'Check in with the code'), link.open ? '' : ` (from ${formatClock(link.opens, link.timezone)})`];
  document.querySelector('article.event h1')?.after(h('p', { class: 'notice', id: 'check-in-link' }, ...body));
});

function enhance(form: HTMLFormElement) {
  const eventId = form.dataset.eventId ?? '';
  const get = (id: string) => document.getElementById(id)!;
  const control = (f: Field) => get(FIELDS[f]) as HTMLInputElement | HTMLTextAreaElement;
  const summary = get('rsvp-error-summary');
  const summaryList = get('rsvp-error-list');
  const summaryTitle = get('rsvp-error-title');
  const status = get('rsvp-status');
  const submit = get('rsvp-submit') as HTMLButtonElement;
  const hintOf = (f: Field) => (document.getElementById(`${FIELDS[f]}-hint`) ? `${FIELDS[f]}-hint` : '');
  const full = submit.textContent === 'Join the waitlist';
  let busy = false;

  function clearErrors() {
    summary.hidden = true;
    summaryList.replaceChildren();
    for (const f of Object.keys(FIELDS) as Field[]) {
      const el = control(f);
      el.removeAttribute('aria-invalid');
      const hint = hintOf(f);
      if (hint) el.setAttribute('aria-describedby', hint);
      else el.removeAttribute('aria-describedby');
      get(`${FIELDS[f]}-field`).classList.remove('has-error');
      const error = get(`${FIELDS[f]}-error`);
      error.hidden = true;
      error.replaceChildren();
    }
  }

  function showErrors(issues: FieldIssue[], title = 'There is a problem') {
    clearErrors();
    const items: HTMLLIElement[] = [];
    for (const { field, message } of issues) {
      if (!isField(field)) {
        items.push(h('li', {}, message));
        continue;
      }
      const id = FIELDS[field];
      const error = get(`${id}-error`);
      error.append(h('span', { class: 'error-line' }, h('span', { class: 'visually-hidden' }, 'Error: '), message));
      error.hidden = false;
      get(`${id}-field`).classList.add('has-error');
      const el = control(field);
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', [hintOf(field), `${id}-error`].filter(Boolean).join(' '));
      items.push(h('li', {}, h('a', { href: `#${id}` }, message)));
    }
    summaryTitle.textContent = title;
    summaryList.replaceChildren(...items);
    summary.hidden = false;
    focusOn(summary);
  }

  summaryList.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#"]');
    const target = link && document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.closest('.field')?.scrollIntoView({ block: 'start' });
  });
  // Sent back by the server with errors: the summary is already shown; make sure it has focus.
  if (!summary.hidden && document.activeElement !== summary) focusOn(summary);

  // Signed in: the name and address come filled in, and the place is confirmed with one tap (no email to confirm).
  void currentSession().then((session) => {
    if (!session.signedIn) return;
    if (!control('name').value.trim() && session.name) control('name').value = session.name;
    if (!control('email').value.trim()) control('email').value = session.email;
    const hint = document.getElementById(`${FIELDS.email}-hint`);
    if (hint) hint.textContent = 'You are signed in with this address: nothing to confirm by email. We only use it for this meetup.';
    if (!document.getElementById('rsvp-signed-in'))
      (submit.closest('.actions') ?? submit).before(h('p', { class: 'hint', id: 'rsvp-signed-in' }, 'You are signed in as ', h('strong', {}, session.email), ': with that address your place is confirmed at once, with no email to confirm.'));
  });

  // The action near the top of the page goes straight to the first field.
  document.getElementById('rsvp-action')?.addEventListener('click', (event) => {
    event.preventDefault();
    get('rsvp').scrollIntoView({ block: 'start' });
    control('name').focus({ preventScroll: true });
  });

  function check(): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (!control('name').value.trim()) issues.push({ field: 'name', message: RSVP_MESSAGES.nameMissing });
    const email = control('email').value.trim();
    if (!email) issues.push({ field: 'email', message: RSVP_MESSAGES.emailMissing });
    else if (!EMAIL.test(email)) issues.push({ field: 'email', message: RSVP_MESSAGES.emailInvalid });
    return issues;
  }

  /** The section's answer replaces the form and takes focus, so it is read out and the form cannot be sent twice. */
  function replaceForm(title: string, ...body: Node[]) {
    const panel = h('div', { class: 'panel panel-success', id: 'rsvp-done', tabindex: '-1' }, h('h3', {}, title), ...body);
    form.replaceWith(panel);
    focusOn(panel);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors();
    const issues = check();
    if (issues.length) return showErrors(issues);

    const email = control('email').value.trim();
    const website = (form.elements.namedItem(RSVP_BOT_TRAP) as HTMLInputElement | null)?.value ?? '';
    const note = control('note').value.trim();
    const body = { name: control('name').value.trim(), email, ...(note ? { note } : {}), ...(website ? { website } : {}) };

    busy = submit.disabled = true;
    status.textContent = 'Sending…';
    const result = await api<{ message?: string } & Partial<SignedInOutcome>>('POST', `/api/events/${encodeURIComponent(eventId)}/rsvps`, body);
    busy = submit.disabled = false;
    status.textContent = '';

    if (result.ok && result.data.status) {
      // Signed in with this address: confirmed (or waitlisted) already, in the same words as the page without JavaScript.
      const outcome = result.data as SignedInOutcome;
      const { title, body } = signedInOutcomeText(outcome);
      return replaceForm(
        title,
        h('p', {}, body),
        ...(outcome.onlineUrl ? [h('p', {}, 'Joining link: ', h('a', { class: 'url', href: outcome.onlineUrl, rel: 'nofollow noopener' }, outcome.onlineUrl), ' (please keep it to yourself).')] : []),
        h('p', {}, h('a', { href: ACCOUNT_PAGES.me }, 'Your meetups')),
      );
    }
    if (result.ok) {
      // The heading says "Check your email"; the text under it says what to do, without saying it again.
      return replaceForm(
        'Check your email',
        h('p', {}, "We've emailed ", h('strong', {}, email), `. Open the link in it and press the button on the page it opens to ${RSVP_SENT.action(full)}.`),
        h('p', {}, `${RSVP_SENT.already} ${RSVP_SENT.spam}`),
      );
    }
    if (result.status === 400 && result.body.details?.length) return showErrors(result.body.details);
    if (result.status === 409 || result.status === 404) {
      const title = result.status === 404 ? 'We cannot find this meetup any more' : 'RSVPs are closed';
      const panel = h('div', { class: 'notice notice-warning', id: 'rsvp-done', tabindex: '-1' }, h('h3', {}, title), h('p', {}, result.body.message));
      form.replaceWith(panel);
      return focusOn(panel);
    }
    const message =
      result.status === 429
        ? `Too many requests from you or for that address just now. Please try again in ${waitText(result.retryAfterSeconds ?? 60)}.`
        : result.status === 0 || result.status < 500
          ? result.body.message
          : 'Something went wrong on our side. Please try again in a moment.';
    showErrors([{ field: 'body', message: `${message} Your answers are still here.` }], 'We could not send your reply');
  });
}

// ---- Share: the phone's share sheet where there is one, otherwise copy the link ----
const shareButton = document.getElementById('share-button') as HTMLButtonElement | null;
const shareLink = document.getElementById('share-link') as HTMLAnchorElement | null;
const shareStatus = document.getElementById('share-status');
if (shareButton && shareLink && shareStatus) {
  const url = shareLink.href;
  const title = shareButton.dataset.title ?? document.title;
  const canShare = typeof navigator.share === 'function';
  const canCopy = Boolean(navigator.clipboard?.writeText);
  if (canShare || canCopy) {
    shareButton.textContent = canShare ? 'Share this meetup' : 'Copy the link';
    shareButton.closest<HTMLElement>('.share-actions')!.hidden = false;
    shareButton.addEventListener('click', async () => {
      shareStatus.textContent = '';
      if (canShare) {
        try {
          await navigator.share({ title, url });
        } catch {
          // Closing the share sheet is not an error worth a message.
        }
        return;
      }
      try {
        await navigator.clipboard.writeText(url);
        shareStatus.textContent = 'Link copied.';
      } catch {
        getSelection()?.selectAllChildren(shareLink);
        shareStatus.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
      }
    });
  }
}

const subscribe = document.getElementById('subscribe');
if (subscribe) enhanceSubscribe(subscribe);
