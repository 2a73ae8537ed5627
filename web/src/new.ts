// Web entry for "List a free meetup": validates with the shared schema, posts to the API, then says "check your email".
import { api, failureMessage } from './api.ts';
import { byId, focusOn, h } from './dom.ts';
import { setupEventForm } from './event-form.ts';

interface Created {
  id: string;
  status: 'draft';
  message: string;
}

const ef = setupEventForm(byId<HTMLFormElement>('event-form'));

ef.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (ef.busy) return;
  ef.clearErrors();
  const checked = ef.validate();
  if (!checked.ok) {
    ef.showErrors(checked.issues);
    return;
  }

  ef.setBusy(true, 'Sending your meetup…');
  const result = await api<Created>('POST', '/api/events', checked.data);
  ef.setBusy(false);

  if (result.ok) {
    const panel = h(
      'div',
      { class: 'panel panel-success', id: 'listing-sent', tabindex: '-1' },
      h('h2', {}, 'Check your email'),
      h('p', {}, result.data.message),
      h('p', {}, 'We sent the link to ', h('strong', {}, checked.data.organiserEmail), '. It works for 7 days. If it has not arrived in a few minutes, look in your spam or junk folder.'),
      h('p', {}, h('a', { href: '/' }, 'See upcoming meetups')),
    );
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
