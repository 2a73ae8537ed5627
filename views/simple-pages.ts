// Web pages: markup for the friendly 404 page. (The listing form is server-rendered: views/new-meetup-page.ts.)
import { html } from './html.ts';

export function notFoundMain(): string {
  return html`<h1>Page not found</h1>
<p>There is nothing at this address. If you typed it, check the spelling; if you followed a link from an email, try copying the whole link.</p>
<ul class="link-list">
<li><a href="/">See upcoming meetups</a></li>
<li><a href="/new">List a free meetup</a></li>
</ul>`.toString();
}
