// Views: what a shared link shows (the canonical link, Open Graph and the summary card) and JSON-LD data blocks, for
// the pages people share: a meetup's and a network's.
import { html, raw, type Html } from './html.ts';

/** The canonical link and the Open Graph and Twitter tags; `ogTitle` where the preview says more than the title. */
export function shareHead(p: { url: string; title: string; description: string; ogTitle?: string }): Html[] {
  return [
    html`<link rel="canonical" href="${p.url}">`,
    html`<meta property="og:type" content="website">`,
    html`<meta property="og:site_name" content="Signpost">`,
    html`<meta property="og:title" content="${p.ogTitle ?? p.title}">`,
    html`<meta property="og:description" content="${p.description}">`,
    html`<meta property="og:url" content="${p.url}">`,
    html`<meta name="twitter:card" content="summary">`,
    html`<meta name="twitter:title" content="${p.title}">`,
    html`<meta name="twitter:description" content="${p.description}">`,
  ];
}

/**
 * A JSON-LD data block. Not a script the CSP runs; "<", ">" and "&" are written as \u escapes, so no text in the data
 * ("</script>", "<!--") can end the block or change how it is parsed, and the JSON still reads the same.
 */
export function jsonLdScript(data: unknown): Html {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return html`<script type="application/ld+json">${raw(json)}</script>`;
}
