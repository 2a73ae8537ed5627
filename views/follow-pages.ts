// Views: following a network by email. The "Follow by email" form (on the network's page, and on a page of its own
// when sent back with errors), "Check your inbox" (the same whoever the address belongs to), the confirmation link's
// page (a "Confirm" button: mail scanners open links), the follow's settings page (how often, unfollow), the
// one-click unsubscribe link opened in a browser, and the pages after each. Plain HTML forms that work without
// JavaScript; every value escaped by `html`.
import { html, joinHtml, type Html } from './html.ts';
import { personalPage } from './layout.ts';
import { errorSummary, fieldHtml, groupIssues } from './network-form.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import { FOLLOW_CONFIRM_DAYS, FOLLOW_MODES, FOLLOW_MODE_LABELS, type FollowMode } from '#functions/core/follow.ts';
import { ACCOUNT_PAGES, FOLLOW_PAGES, NETWORK_PAGES, SITE_PAGES } from '#functions/core/paths.ts';

/** The settings page's "Unfollow" (and the one-click link's page): a POST with the follow's link token. */
export const unfollowPath = (slug: string, id: string) => `${FOLLOW_PAGES.settings(slug, id)}/unfollow`;

/** The follow form's bot trap: hidden from people (and screen readers), filled by bots. */
export const FOLLOW_BOT_TRAP = 'website';
const FIELDS = ['name', 'email', 'mode'] as const;

export interface FollowFormState {
  values?: Readonly<Record<string, string>>;
  errors?: readonly FieldIssue[];
}

const page = personalPage;

function modeRadios(prefix: string, name: string, chosen: string, legend: string, error?: string[]): Html {
  const radios = FOLLOW_MODES.map((mode) => {
    const id = `${prefix}${name}-${mode}`;
    return html`<div class="radio"><input type="radio" id="${id}" name="${name}" value="${mode}"${chosen === mode ? ' checked' : ''}> <label for="${id}">${FOLLOW_MODE_LABELS[mode]}</label></div>`;
  });
  return html`<fieldset class="field${error ? ' has-error' : ''}" id="${prefix}${name}-field"${error ? html` aria-describedby="${prefix}${name}-error"` : ''}>
<legend>${legend}</legend>
${error ? html`<p class="field-error" id="${prefix}${name}-error"><span class="visually-hidden">Error: </span>${error.join(' ')}</p>` : ''}
<div class="radios">${joinHtml(radios, '\n')}</div>
</fieldset>`;
}

/** The "Follow by email" form, posting to FOLLOW_PAGES.follow; the network page's and the follow page's. */
export function followFormHtml(network: { slug: string; name: string }, { values = {}, errors = [] }: FollowFormState = {}): Html {
  const p = 'follow-';
  const shown = groupIssues(errors, FIELDS);
  const mode = FOLLOW_MODES.includes(values.mode as FollowMode) ? values.mode! : 'each';
  return html`<form method="post" action="${FOLLOW_PAGES.follow(network.slug)}" id="follow-form" novalidate>
${errorSummary(shown, FIELDS, p, (f) => (f === 'mode' ? `${p}mode-${mode}` : `${p}${f}`))}
${fieldHtml(shown, p, { name: 'name', label: 'Your name', optional: true, hint: 'So emails say “Hello Sam”. Nobody else sees it.', control: (id, aria) => html`<input id="${id}" name="name" type="text" autocomplete="name" maxlength="100" value="${values.name ?? ''}"${aria}>` })}
${fieldHtml(shown, p, { name: 'email', label: 'Your email address', hint: 'We email you a link to confirm (signed in with this address, there is nothing to confirm). The team never sees it, unless you reply to one of their emails.', control: (id, aria) => html`<input id="${id}" name="email" type="email" autocomplete="email" spellcheck="false" required value="${values.email ?? ''}"${aria}>` })}
${modeRadios(p, 'mode', mode, 'How often', shown.byField.get('mode'))}
<input type="hidden" name="timezone" value="${values.timezone ?? ''}" id="follow-timezone">
<div class="visually-hidden" aria-hidden="true">
<label for="follow-website">Leave this empty</label>
<input id="follow-website" name="${FOLLOW_BOT_TRAP}" type="text" tabindex="-1" autocomplete="off">
</div>
<div class="actions"><button type="submit" class="button" id="follow-submit">Follow ${network.name}</button></div>
<p class="hint">Unfollow any time, from any email. <a href="${SITE_PAGES.privacy}">Privacy</a></p>
</form>`;
}

/** The network page's section. */
export const followSectionHtml = (network: { slug: string; name: string }): Html =>
  html`<section class="follow" id="follow" aria-labelledby="follow-title">
<h2 id="follow-title">Follow by email</h2>
<p>Hear about new ${network.name} meetups as they are listed, or in a weekly digest.</p>
${followFormHtml(network)}
</section>`;

/** GET FOLLOW_PAGES.follow, and the form sent back with its errors. */
export function renderFollowPage(network: { slug: string; name: string }, state: FollowFormState = {}): string {
  const hasErrors = Boolean(state.errors?.length);
  return page(
    `Follow ${network.name}`,
    html`<h1>Follow ${network.name} by email</h1>
<p class="lead">Hear about new meetups as they are listed, or in a weekly digest.</p>
${followFormHtml(network, state)}
<p><a href="${NETWORK_PAGES.page(network.slug)}">Back to ${network.name}</a></p>`,
    hasErrors,
  );
}

/** After the form: the same page whether or not the address follows already. */
export function renderCheckInboxPage(network: { slug: string; name: string }, email: string): string {
  return page(
    'Check your inbox',
    html`<div class="panel panel-success" tabindex="-1" id="follow-check-inbox">
<h1>Check your inbox</h1>
<p>We sent an email to <strong>${email}</strong>. Open its link and press “Confirm” to follow ${network.name}.</p>
</div>
<p>The link works for ${FOLLOW_CONFIRM_DAYS} days. Nothing is sent until you confirm. No email? Check your spam folder, or <a href="${FOLLOW_PAGES.follow(network.slug)}">try again</a>.</p>
<p><a href="${NETWORK_PAGES.page(network.slug)}">Back to ${network.name}</a></p>`,
  );
}

export interface FollowLink {
  slug: string;
  id: string;
  token: string;
  networkName: string;
}

/** The confirmation link's page: only its button confirms. */
export function renderConfirmPage(link: FollowLink): string {
  return page(
    `Follow ${link.networkName}`,
    html`<h1>Follow ${link.networkName}</h1>
<p class="lead">Press “Confirm” to start getting emails about new ${link.networkName} meetups.</p>
<form method="post" action="${FOLLOW_PAGES.confirm(link.slug, link.id)}" id="follow-confirm-form">
<input type="hidden" name="token" value="${link.token}">
<div class="actions"><button type="submit" class="button" id="follow-confirm">Confirm</button></div>
</form>
<p>Didn’t ask to follow? Close this page: nothing happens.</p>`,
  );
}

/** After "Confirm" (or a second press). */
export function renderConfirmedPage(network: { slug: string; name: string }, already: boolean, following?: { mode: FollowMode; settingsUrl: string }): string {
  const how = following?.mode === 'digest' ? 'We will email you a weekly digest of its meetups, in a week when it has some.' : 'We will email you when it lists a new meetup.';
  return page(
    `You follow ${network.name}`,
    html`<div class="panel panel-success" tabindex="-1" id="follow-confirmed">
<h1>You follow ${network.name}</h1>
<p>${already ? 'You had confirmed already: nothing has changed.' : how} Every email has a link to change how often or to unfollow.</p>
</div>
<ul class="link-list">
${following ? html`<li><a href="${following.settingsUrl}">Change how often, or unfollow</a> (keep this link, or use the one in any of its emails)</li>
` : ''}
<li><a href="${NETWORK_PAGES.page(network.slug)}">See ${network.name}’s meetups</a></li>
<li><a href="${ACCOUNT_PAGES.me}">Your meetups</a> (signed in, it lists the networks you follow)</li>
</ul>`,
  );
}

/** A confirmation link that can no longer be used: broken, expired or replaced by a newer one. One page for all. */
export function renderFollowLinkProblemPage(network: { slug: string; name: string } | undefined): string {
  return page(
    'This link no longer works',
    html`<h1>This link no longer works</h1>
<p>Confirmation links work for ${FOLLOW_CONFIRM_DAYS} days, and only the most recent one does. It may also be incomplete: copy the whole link from the email.</p>
${network ? html`<p><a href="${FOLLOW_PAGES.follow(network.slug)}">Ask again to follow ${network.name}</a></p>` : html`<p><a href="${NETWORK_PAGES.directory}">See every network</a></p>`}`,
  );
}

export interface SettingsView extends FollowLink {
  /** Absent once the follow has ended. */
  mode?: FollowMode;
  saved?: boolean;
  errors?: readonly FieldIssue[];
}

/** The follow's settings page (its emails' link): how often, and unfollow. */
export function renderSettingsPage(v: SettingsView): string {
  if (!v.mode) return renderUnfollowedPage(v.networkName, v.slug, true);
  const action = FOLLOW_PAGES.settings(v.slug, v.id);
  const modeError = v.errors?.filter((e) => e.field === 'mode').map((e) => e.message);
  return page(
    `Following ${v.networkName}`,
    html`<h1>Following ${v.networkName}</h1>
${v.saved ? html`<div class="notice" id="follow-saved" role="status"><p>Saved: ${FOLLOW_MODE_LABELS[v.mode].toLowerCase()}.</p></div>\n` : ''}<form method="post" action="${action}" id="follow-mode-form" novalidate>
<input type="hidden" name="token" value="${v.token}">
${modeRadios('settings-', 'mode', v.mode, 'How often we email you', modeError?.length ? modeError : undefined)}
<div class="actions"><button type="submit" class="button" id="follow-mode-save">Save</button></div>
</form>
<h2>Unfollow</h2>
<p>No more emails from ${v.networkName}, at once. Your places at meetups stay.</p>
<form method="post" action="${unfollowPath(v.slug, v.id)}" id="follow-unfollow-form">
<input type="hidden" name="token" value="${v.token}">
<div class="actions"><button type="submit" class="button button-secondary" id="follow-unfollow">Unfollow ${v.networkName}</button></div>
</form>`,
    Boolean(v.errors?.length),
  );
}

/** After unfollowing (or a link to a follow that had ended already). */
export function renderUnfollowedPage(networkName: string, slug: string, already = false): string {
  return page(
    `You no longer follow ${networkName}`,
    html`<div class="panel panel-success" tabindex="-1" id="follow-unfollowed">
<h1>You no longer follow ${networkName}</h1>
<p>${already ? 'You had unfollowed already.' : 'We won’t email you about its meetups again.'} Your places at meetups stay.</p>
</div>
<p><a href="${FOLLOW_PAGES.follow(slug)}">Follow ${networkName} again</a></p>`,
  );
}

/** The one-click unsubscribe link opened in a browser: a button, posting to the settings page's unfollow. */
export function renderOneClickPage(link: FollowLink): string {
  return page(
    `Unfollow ${link.networkName}`,
    html`<h1>Unfollow ${link.networkName}</h1>
<form method="post" action="${unfollowPath(link.slug, link.id)}" id="follow-unfollow-form">
<input type="hidden" name="token" value="${link.token}">
<div class="actions"><button type="submit" class="button" id="follow-unfollow">Unfollow ${link.networkName}</button></div>
</form>
<p><a href="${FOLLOW_PAGES.settings(link.slug, link.id)}?token=${link.token}">Or change how often</a></p>`,
  );
}
