// Views: what every page reached by an emailed link says before its script runs — or when it cannot run. The secret
// part of those links is in the fragment (after "#"), which only a script can read; it never reaches a server.
import { html, type Html } from './html.ts';

/** The heading and words for a link whose fragment is missing or cut short; the scripts show them. */
export const INCOMPLETE_LINK = {
  title: 'This link looks incomplete',
  body: 'Open it from your email again. If you copied it, make sure you copied all of it, including the part after “#token=”.',
} as const;

/**
 * The block shown when JavaScript is off. It never speaks of the page's buttons (they are drawn by the script, so
 * there are none without it): what pressing them does is said beside them. `alternative` is one more sentence for
 * people who can't turn it on (for example "Reply to the email to tell the organiser"); `changesNothing` says that
 * opening the link changed nothing (for pages whose action waits for a press).
 */
export function needsScriptHtml({ alternative = '', changesNothing = true, signedIn = '' } = {}): Html {
  const after = [changesNothing ? 'Opening the link has changed nothing, so it is safe to try again.' : '', alternative].filter(Boolean).join(' ');
  return html`<noscript><div class="notice notice-warning needs-script">
<h2>This page needs JavaScript</h2>
<p>It reads the secret part of your link (after the “#”), which never leaves your browser, so the page cannot work without a script. Turn JavaScript on and reload this page, or open the link in another browser.</p>
${after ? html`<p>${after}</p>` : ''}${signedIn ? html`<p>${signedIn}</p>` : ''}
</div></noscript>`;
}

/** The page's h1, which the script rewrites to name the outcome (and focuses, so screen readers read it out). */
export const pageHeading = (text: string): Html => html`<h1 id="page-title" tabindex="-1">${text}</h1>`;
