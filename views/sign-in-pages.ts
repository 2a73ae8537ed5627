// Views: signing in by email (ACCOUNT_PAGES): the address form, "Check your email" with the 6-digit code form, the
// emailed link's page (a "Sign in" button: mail scanners open links), the page for a link or code that can no longer
// be used, and signing out. Plain HTML forms that work without JavaScript; every value escaped by `html`.
import { html, joinHtml, type Html } from './html.ts';
import { personalPage } from './layout.ts';
import { ACCOUNT_PAGES, CPD_PAGES, SITE_PAGES } from '#functions/core/paths.ts';
import type { FieldIssue } from '#functions/core/errors.ts';

/** The sign-in form's bot trap: hidden from people (and screen readers), filled by bots. */
export const SIGN_IN_BOT_TRAP = 'website';

const page = personalPage;

const signInHref = (next?: string | undefined) => (next ? `${ACCOUNT_PAGES.signIn}?next=${encodeURIComponent(next)}` : ACCOUNT_PAGES.signIn);

/** One text field with its label, hint and errors, and the GOV.UK error summary above the form. */
interface OneField {
  id: string;
  label: string;
  hint: string;
  errors: readonly FieldIssue[];
  control: (aria: Html) => Html;
}

function errorSummary(field: string, errors: readonly FieldIssue[]): Html {
  const items = errors.map((e) => (e.field === field ? html`<li><a href="#${field}">${e.message}</a></li>` : html`<li>${e.message}</li>`));
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title"${items.length ? html` autofocus` : html` hidden`}>
<h2 id="error-summary-title">There is a problem</h2>
<ul id="error-summary-list">${joinHtml(items, '\n')}</ul>
</div>`;
}

function oneField({ id, label, hint, errors, control }: OneField): Html {
  const messages = errors.filter((e) => e.field === id).map((e) => e.message);
  const aria = html` aria-describedby="${id}-hint${messages.length ? ` ${id}-error` : ''}"${messages.length ? html` aria-invalid="true"` : ''}`;
  return html`<div class="field${messages.length ? ' has-error' : ''}" id="${id}-field">
<label for="${id}">${label}</label>
<p class="hint" id="${id}-hint">${hint}</p>
<p class="field-error" id="${id}-error"${messages.length ? '' : html` hidden`}>${joinHtml(messages.map((m) => html`<span class="error-line"><span class="visually-hidden">Error: </span>${m}</span>`))}</p>
${control(aria)}
</div>`;
}

const nextField = (next?: string) => (next ? html`<input type="hidden" name="next" value="${next}">\n` : '');

export interface SignInFormState {
  values?: { email?: string; next?: string };
  errors?: readonly FieldIssue[];
}

/** Why they are asked to sign in, when `next` (already checked as safe) says: the record email's links open the CPD log. */
const isCpdLog = (next: string | undefined) => next !== undefined && (next === CPD_PAGES.log || /^\/me\/cpd[/?#]/.test(next));
const whyLine = (next: string | undefined) => (isCpdLog(next)
  ? html`<p id="sign-in-why">Sign in to see your CPD log and write your reflection. Use the email address your record of attendance was sent to.</p>
`
  : '');

/** GET /sign-in, and the same form sent back with its errors. */
export function renderSignInPage({ values = {}, errors = [], signedInAs }: SignInFormState & { signedInAs?: string } = {}): string {
  return page(
    'Sign in',
    html`<h1>Sign in</h1>
${signedInAs ? html`<div class="notice" id="already-signed-in"><p>You are signed in as <strong>${signedInAs}</strong>. <a href="${ACCOUNT_PAGES.me}">Your meetups</a> · <a href="${ACCOUNT_PAGES.signOut}">Sign out</a>. To sign in with another address, enter it below.</p></div>
` : ''}${whyLine(values.next)}<p class="lead">No password and no account to create: we email you a link and a 6-digit code.</p>
<form id="sign-in-form" method="post" action="${ACCOUNT_PAGES.signIn}" novalidate>
${errorSummary('email', errors)}
${nextField(values.next)}${oneField({
      id: 'email',
      label: 'Your email address',
      hint: 'Use the address you list meetups or reserve places with.',
      errors,
      control: (aria) => html`<input id="email" name="email" type="email" autocomplete="email" spellcheck="false" required value="${values.email ?? ''}"${aria}>`,
    })}
<div class="visually-hidden" aria-hidden="true">
<label for="sign-in-website">Leave this empty</label>
<input id="sign-in-website" name="${SIGN_IN_BOT_TRAP}" type="text" tabindex="-1" autocomplete="off">
</div>
<div class="actions">
<button type="submit" class="button" id="sign-in-submit">Email me a link and a code</button>
</div>
</form>
<p>Signing in lets you see your meetups and places in one list, and run a network with others. <a href="${SITE_PAGES.privacy}">Privacy</a></p>`,
    errors.length > 0,
  );
}

export interface CodeFormState {
  challengeId: string;
  /** The address as typed, on the first showing ("We sent … to"). */
  email?: string;
  next?: string;
  code?: string;
  errors?: readonly FieldIssue[];
  /** The code can no longer be used (five wrong tries): the form gives way to "Ask for a new code". */
  void?: boolean;
}

/** After POST /sign-in (the same page whoever the address belongs to), and a code sent back with its errors. */
export function renderCodePage({ challengeId, email, next, code = '', errors = [], void: isVoid = false }: CodeFormState): string {
  const form = isVoid
    ? html`${errorSummary('code', errors)}
<p><a class="button" href="${signInHref(next)}" id="new-code">Ask for a new code</a></p>`
    : html`<form id="code-form" method="post" action="${ACCOUNT_PAGES.signInCode}" novalidate>
${errorSummary('code', errors)}
<input type="hidden" name="challenge" value="${challengeId}">
${oneField({
  id: 'code',
  label: 'Your 6-digit code',
  hint: 'From the email “Sign in to Signpost”. It works once, for 15 minutes.',
  errors,
  control: (aria) =>
    html`<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" spellcheck="false" class="input-short" maxlength="9" required value="${code}"${aria}>`,
})}
<div class="actions">
<button type="submit" class="button" id="code-submit">Sign in</button>
</div>
</form>`;
  return page(
    'Check your email',
    html`<h1>Check your email</h1>
<p class="lead">${email ? html`We have sent a sign-in link and a 6-digit code to <strong>${email}</strong>.` : 'We have sent you a sign-in link and a 6-digit code.'}</p>
<p>Open the link on this device, or enter the 6-digit code here. Both expire in 15 minutes. If nothing arrives in a few minutes, look in your spam or junk folder.</p>
${form}
<p><a href="${signInHref(next)}">Use another address, or ask for a new code</a></p>`,
    errors.length > 0,
  );
}

/** GET /sign-in/link?token=…: opening the link changes nothing; the button's POST signs in. */
export function renderLinkPage(token: string): string {
  return page(
    'Sign in to Signpost',
    html`<h1>Sign in to Signpost</h1>
<p>Press the button to sign in on this device.</p>
<form id="link-form" method="post" action="${ACCOUNT_PAGES.signInLink}">
<input type="hidden" name="token" value="${token}">
<button type="submit" class="button" id="link-submit">Sign in</button>
</form>`,
  );
}

export type UnusableReason = 'used' | 'expired' | 'invalid';

const UNUSABLE: Record<UnusableReason, { title: (what: string) => string; text: string }> = {
  used: { title: (what) => `This sign-in ${what} has been used`, text: 'Each link and code signs in once. If that was you, you are signed in on the device where you used it.' },
  expired: { title: (what) => `This sign-in ${what} has expired`, text: 'Links and codes work for 15 minutes.' },
  invalid: { title: (what) => `This sign-in ${what} is not valid`, text: 'It may be incomplete: copy the whole link from the most recent email.' },
};

/** A link or code that can no longer sign in: what happened, and the way to a fresh one. */
export function renderUnusablePage(reason: UnusableReason, { next, what = 'link' }: { next?: string | undefined; what?: 'link' | 'code' } = {}): string {
  const { title, text } = UNUSABLE[reason];
  return page(
    title(what),
    html`<h1>${title(what)}</h1>
<p>${text}</p>
<p><a class="button" href="${signInHref(next)}" id="sign-in-again">Sign in again</a></p>`,
  );
}

/** GET /sign-out: the buttons (they POST), or, signed out, saying so. */
export function renderSignOutPage(signedIn: boolean): string {
  if (!signedIn)
    return page(
      'You are signed out',
      html`<h1>You are signed out</h1>
<ul class="link-list">
<li><a href="${ACCOUNT_PAGES.signIn}">Sign in</a></li>
<li><a href="${SITE_PAGES.home}">See upcoming meetups</a></li>
</ul>`,
    );
  return page(
    'Sign out',
    html`<h1>Sign out</h1>
<form method="post" action="${ACCOUNT_PAGES.signOut}" class="button-row">
<button type="submit" class="button" name="everywhere" value="0" id="sign-out">Sign out on this device</button>
<button type="submit" class="button button-secondary" name="everywhere" value="1" id="sign-out-everywhere">Sign out everywhere</button>
</form>
<p>“Sign out everywhere” ends every session of your address: on other computers and phones too.</p>`,
  );
}
