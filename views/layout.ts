// Views: the one HTML layout, used by the web build for static pages and by the API for server-rendered event pages.
// The header is the same for every visitor, so pages stay cacheable: its "Sign in" link becomes "Your meetups" and
// "Sign out" in the browser (web/src/session.ts asks GET /api/session), never on the server.
import { html, raw } from './html.ts';
import { ACCOUNT_PAGES, NETWORK_PAGES, SITE_PAGES } from '#functions/core/paths.ts';

export interface PageOptions {
  title: string;
  description: string;
  /** Bundled script name under /assets, without extension. No inline script: the CSP forbids it. */
  script?: string;
  /** Extra, already-escaped tags for <head> (Open Graph, canonical link, structured data). */
  head?: string;
  /** Already-escaped HTML for <main>. */
  main: string;
  /**
   * The page is only ever shown signed in (it is never cached): the header says so without JavaScript too, as the
   * session script does on every other page.
   */
  signedIn?: boolean;
}

export function renderPage({ title, description, script, head = '', main, signedIn = false }: PageOptions): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/assets/styles.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${script ? html`<script type="module" src="/assets/${script}.js"></script>\n` : ''}<script type="module" src="/assets/session.js"></script>
${raw(head)}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="brand" href="/">Signpost</a>
  <nav aria-label="Main">
    <ul>
      <li><a href="/">Upcoming meetups</a></li>
      <li><a href="${NETWORK_PAGES.directory}">Networks</a></li>
      <li><a href="/new">List a free meetup</a></li>
      ${signedIn
        ? html`<li id="session-item" data-enhanced="yes"><a href="${ACCOUNT_PAGES.me}" id="session-me">Your meetups</a></li>
      <li><form method="post" action="${ACCOUNT_PAGES.signOut}" class="sign-out-form"><input type="hidden" name="everywhere" value="0"><button type="submit" class="link-button" id="session-sign-out">Sign out</button></form></li>`
        : html`<li id="session-item"><a href="${ACCOUNT_PAGES.signIn}" id="session-link">Sign in</a></li>`}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
${raw(main)}
</main>
<footer class="site-footer">
  <p>Signpost lists free meetups for the library and information community. Every event is free and open to everyone, not just members.</p>
  <ul class="footer-links">
    <li><a href="${SITE_PAGES.about}">About</a></li>
    <li><a href="${SITE_PAGES.privacy}">Privacy</a></li>
    <li><a href="/api/openapi.json">API</a></li>
  </ul>
</footer>
</body>
</html>
`.toString();
}

/**
 * A page for one person at one moment (a form, its answer), kept out of search engines. A page sent back with
 * errors says so first in its title (GOV.UK).
 */
export const personalPage = (title: string, main: { toString(): string }, hasErrors = false): string =>
  renderPage({ title: `${hasErrors ? 'Error: ' : ''}${title} · Signpost`, description: title, head: '<meta name="robots" content="noindex">', main: main.toString() });
