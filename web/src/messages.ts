// Web: the manage page's "Email your attendees" panel: write, preview (POST …/messages/preview: the email exactly
// as it arrives, sent to nobody), then send or change it; what was typed stays in the form throughout. The manage
// token goes in the body; without one the session cookie answers.
import { api, failureMessage, type ApiResult, type FieldIssue } from './api.ts';
import { byId, focusOn, h } from './dom.ts';
import { messagePreviewHtml, type MessagePreview } from '#views/message-pages.ts';
import type { AttendeeAudience } from '#functions/core/broadcast.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

export interface MessagesOptions {
  eventUrl: (suffix?: string) => string;
  token: string | undefined;
  /** Ends the manage session for 401, 403 and 404; true when it did. */
  fatal: (result: Failure) => boolean;
}

const FIELDS = ['audience', 'subject', 'body'];

export function setupMessages({ eventUrl, token, fatal }: MessagesOptions) {
  const section = byId('messages-section');
  const form = byId<HTMLFormElement>('message-form');
  const previewArea = byId('message-preview');
  const status = byId('message-status');
  const summary = byId('message-error-summary');
  const button = byId<HTMLButtonElement>('message-preview-button');

  let sendKey = '';
  const read = () => {
    const data = new FormData(form);
    return { audience: String(data.get('audience') ?? ''), subject: String(data.get('subject') ?? ''), body: String(data.get('body') ?? ''), ...(token ? { token } : {}) };
  };

  function clearErrors() {
    summary.hidden = true;
    summary.querySelector('ul')!.replaceChildren();
    for (const f of FIELDS) {
      byId(`message-${f}-field`).classList.remove('has-error');
      form.querySelector(`[name="${f}"]`)?.removeAttribute('aria-invalid');
    }
  }

  function showErrors(issues: FieldIssue[]) {
    summary.querySelector('ul')!.replaceChildren(
      ...issues.map((i) => h('li', {}, FIELDS.includes(i.field) ? h('a', { href: i.field === 'audience' ? '#message-audience-going' : `#message-${i.field}` }, i.message) : i.message)),
    );
    for (const i of issues) {
      if (!FIELDS.includes(i.field)) continue;
      byId(`message-${i.field}-field`).classList.add('has-error');
      form.querySelectorAll(`[name="${i.field}"]`).forEach((el) => el.setAttribute('aria-invalid', 'true'));
    }
    summary.hidden = false;
    focusOn(summary);
  }

  /**
   * A refusal: back to the form (what was typed kept, no Send button to press again), with the problem in its error
   * summary: the fields named, or the day's limit, or nobody to send to.
   */
  function refused(result: Failure) {
    if (fatal(result)) return;
    backToForm();
    status.textContent = '';
    if (result.status === 400 && result.body.details?.length) return showErrors(result.body.details);
    showErrors([{ field: 'message', message: result.status === 429 || result.status === 409 ? result.body.message : failureMessage(result) }]);
  }

  function backToForm() {
    previewArea.hidden = true;
    previewArea.replaceChildren();
    form.hidden = false;
  }

  function showPreview(preview: MessagePreview, audience: AttendeeAudience) {
    sendKey = preview.sendKey;
    const template = document.createElement('template');
    template.innerHTML = messagePreviewHtml(preview, audience).toString();
    const send = h('button', { type: 'button', class: 'button' }, `Send it to ${preview.recipients} ${preview.recipients === 1 ? 'person' : 'people'}`);
    const change = h('button', { type: 'button', class: 'button button-secondary' }, 'Change it');
    send.disabled = preview.recipients === 0;
    send.addEventListener('click', () => void sendIt(send));
    change.addEventListener('click', () => {
      backToForm();
      status.textContent = '';
      byId('message-subject').focus();
    });
    previewArea.replaceChildren(
      h('h3', {}, 'Check your email before it goes'),
      h('p', {}, 'Links marked “(their own link)” are each person’s own.', audience === 'both' ? ' People on the waitlist get “Leave the waitlist” instead of “Free my place”.' : ''),
      template.content,
      h('div', { class: 'actions' }, send, ' ', change),
    );
    form.hidden = true;
    previewArea.hidden = false;
    focusOn(previewArea);
  }

  async function sendIt(send: HTMLButtonElement) {
    send.disabled = true;
    status.textContent = 'Sending…';
    // The preview's key: pressed again after a lost answer, the message still goes once.
    const result = await api<{ recipients: number }>('POST', eventUrl('/messages'), { ...read(), sendKey });
    if (!result.ok) {
      send.disabled = false;
      status.textContent = '';
      return refused(result);
    }
    backToForm();
    form.reset();
    status.textContent = `Your message is on its way to ${result.data.recipients} ${result.data.recipients === 1 ? 'person' : 'people'}, each once. It is in the activity list.`;
    focusOn(status);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    clearErrors();
    status.textContent = '';
    button.disabled = true;
    const input = read();
    const result = await api<MessagePreview>('POST', eventUrl('/messages/preview'), input);
    button.disabled = false;
    if (result.ok) return showPreview(result.data, input.audience as AttendeeAudience);
    refused(result);
  });

  return {
    /** A published meetup's attendees can be emailed; others' panel stays hidden. */
    show(ev: ManagedEvent) {
      section.hidden = ev.status !== 'published';
    },
    hide() {
      section.hidden = true;
    },
  };
}
