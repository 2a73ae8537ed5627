// Web entry for "List a free meetup": validates with the shared schema, posts to the API, then says "check your email".
// Only an enhancement: without it (or before it loads) the form is a plain post the server answers with a page.
import { api, failureMessage, type ApiResult } from './api.ts';
import { BOT_TRAP_FIELD } from '#views/event-form.ts';
import { LISTING_SENT } from '#views/new-meetup-page.ts';
import { LISTED_QUERY } from '#views/event-page.ts';
import { byId, focusOn, h } from './dom.ts';
import { setupEventForm } from './event-form.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

type Created = { id: string; status: 'draft'; message: string } | { id: string; status: 'published'; message: string; url: string };

const ef = setupEventForm(byId<HTMLFormElement>('event-form'));

/**
 * "List another like this" from a manage link (its token in the fragment, signed out): the form filled from that
 * meetup, all but its dates. Signed in, the server filled it already.
 */
async function fillLike() {
  const like = new URLSearchParams(location.search).get('like');
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!like || !token || (byId<HTMLInputElement>('title').value)) return;
  history.replaceState(null, '', location.pathname + location.search);
  const result = await api<ManagedEvent>('POST', `/api/events/${encodeURIComponent(like)}/manage`, { token });
  if (!result.ok) return;
  ef.fill(result.data);
  for (const name of ['start', 'end']) byId<HTMLInputElement>(name).value = '';
}
void fillLike();

ef.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (ef.busy) return;
  ef.clearErrors();
  const checked = ef.validate();
  if (!checked.ok) {
    ef.showErrors(checked.issues);
    return;
  }

  // The bot trap: a person never fills it, so a filled one gets the same answer, and nothing is sent.
  const trap = (ef.form.elements.namedItem(BOT_TRAP_FIELD) as HTMLInputElement | null)?.value;
  ef.setBusy(true, 'Sending your meetup…');
  const result: ApiResult<Created> = trap
    ? { ok: true, status: 202, data: { id: '', status: 'draft', message: LISTING_SENT } }
    : await api<Created>('POST', '/api/events', checked.data);
  ef.setBusy(false);

  // Signed in with the organiser's own address: live at once, nothing emailed. The event page says so, as without JavaScript.
  if (result.ok && result.data.status === 'published') {
    location.assign(`${new URL(result.data.url).pathname}?${LISTED_QUERY}`);
    return;
  }
  if (result.ok) {
    const panel = h(
      'div',
      { class: 'panel panel-success', id: 'listing-sent', tabindex: '-1' },
      h('h2', {}, 'Check your email'),
      h('p', {}, result.data.message),
      h('p', {}, 'We sent the link to ', h('strong', {}, checked.data.organiserEmail), '. It works for 7 days. If it has not arrived in a few minutes, look in your spam or junk folder.'),
      h('p', {}, h('a', { href: '/' }, 'See upcoming meetups')),
    );
    // The form's intro ("All fields are needed…") goes with the form: it is about filling it in.
    for (let intro = ef.form.previousElementSibling; intro instanceof HTMLParagraphElement; intro = intro.previousElementSibling) intro.hidden = true;
    ef.form.replaceWith(panel);
    document.title = 'Check your email · Signpost';
    focusOn(panel);
    return;
  }

  if (result.status === 400 && result.body.details?.length) {
    ef.showErrors(result.body.details);
  } else {
    ef.showErrors([{ field: 'body', message: `${failureMessage(result)} Your answers are still here.` }], {
      title: 'We could not send your meetup',
    });
  }
});
