// Views: the pages behind the "Still coming?" email's links. Opening a link changes nothing (mail scanners open every
// link): its page has one button, a plain form POST that works without JavaScript; the answer is a page too. Then the
// released person's "take a place back" page, and "No place is free right now" with the way to the waitlist.
import { html, type Html } from './html.ts';
import { personalPage } from './layout.ts';

/** What every page names: the meetup, when, and its page. */
export interface StillComingMeetup {
  title: string;
  when: string;
  url: string;
}

export interface StillComingLink {
  meetup: StillComingMeetup;
  /** The form's action: the link's own path. */
  action: string;
  token: string;
}

const meetupLine = (m: StillComingMeetup): Html => html`<p class="lead"><a href="${m.url}">${m.title}</a><br>${m.when}</p>`;
const backToMeetup = (m: StillComingMeetup): Html => html`<p><a href="${m.url}">See the meetup’s page</a></p>`;

function answerForm(link: StillComingLink, answer: 'yes' | 'no', primary: boolean): Html {
  const label = answer === 'yes' ? 'Yes, I’m coming' : 'No, give my place to someone else';
  return html`<form method="post" action="${link.action}" id="still-coming-${answer}-form">
<input type="hidden" name="token" value="${link.token}">
<input type="hidden" name="answer" value="${answer}">
<button type="submit" class="button${primary ? '' : ' button-secondary'}" id="still-coming-${answer}">${label}</button>
</form>`;
}

/**
 * GET with ?answer=yes|no: that answer's button. Without one (a shortened link), both. `saidYes`: they answered yes
 * already, so the page says so (the "yes" link's page is then the answered page: there is nothing to press).
 */
export function renderStillComingPage(link: StillComingLink, answer: 'yes' | 'no' | undefined, saidYes = false): string {
  if (saidYes && answer === 'yes') return renderStillComingAnsweredPage(link.meetup, { answer: 'yes', already: true });
  const question = answer === 'no'
    ? 'Give your place up? It goes to the next person on the waitlist, or back to the free places.'
    : answer === 'yes' ? 'Press the button to tell the organiser you are still coming.' : 'Are you still coming?';
  return personalPage('Still coming?', html`<h1>Still coming?</h1>
${meetupLine(link.meetup)}
${saidYes ? html`<p id="still-coming-said-yes">You have told the organiser you are coming, and your place is yours. Plans changed? You can still give it up.</p>` : ''}
<p>${question}</p>
<div class="actions">
${answer !== 'no' ? answerForm(link, 'yes', true) : ''}
${answer !== 'yes' ? answerForm(link, 'no', answer === 'no') : ''}
</div>
${answer === 'no' ? html`<p class="still-coming-after">${saidYes
    ? 'Still coming after all? Close this page: nothing changes.'
    : 'Coming after all? Use the email’s other link, the one that says yes, so the organiser knows.'}</p>` : ''}`);
}

/** After an answer (or a second press of the same button). */
export function renderStillComingAnsweredPage(meetup: StillComingMeetup, outcome: { answer: 'yes' | 'no'; already: boolean; promoted?: boolean }): string {
  const title = outcome.answer === 'yes' ? 'Thank you: see you there' : 'Your place is free for someone else';
  const detail = outcome.answer === 'yes'
    ? `${outcome.already ? 'You had told us already: nothing has changed.' : 'The organiser knows you are coming.'} Your place stays yours.`
    : outcome.already ? 'You had given it up already: nothing has changed.'
      : outcome.promoted ? 'It went to the first person on the waitlist. Thank you for letting them have it.' : 'Thank you for letting us know.';
  return personalPage(title, html`<div class="panel panel-success" tabindex="-1" id="still-coming-answered">
<h1>${title}</h1>
<p>${detail}</p>
</div>
${meetupLine(meetup)}
${backToMeetup(meetup)}`);
}

/** A link whose place is gone another way (cancelled, removed, given up, released): says so, and where to go. */
export function renderNoPlacePage(meetup: StillComingMeetup, message: string): string {
  return personalPage('You have no place at this meetup', html`<h1>You have no place at this meetup</h1>
${meetupLine(meetup)}
<p>${message}</p>
${backToMeetup(meetup)}`);
}

/** The released person's link: a button while a place is free; otherwise the way to the waitlist. */
export function renderTakeBackPage(link: StillComingLink, placeFree: boolean): string {
  if (!placeFree) return renderNoPlaceFreePage(link.meetup);
  return personalPage('Take a place back', html`<h1>Take a place back</h1>
${meetupLine(link.meetup)}
<p>Your place went to the waitlist because we had not heard from you. A place is free now: take it while it lasts.</p>
<form method="post" action="${link.action}" id="take-back-form">
<input type="hidden" name="token" value="${link.token}">
<div class="actions"><button type="submit" class="button" id="take-back">Take a place back</button></div>
</form>`);
}

export function renderNoPlaceFreePage(meetup: StillComingMeetup): string {
  return personalPage('No place is free right now', html`<h1>No place is free right now</h1>
${meetupLine(meetup)}
<p>Every place is taken, or people are waiting for one. Join the waitlist on the meetup’s page: if a place frees up, it goes to the first person in line, and we email you straight away.</p>
<p><a class="button" href="${meetup.url}#rsvp">Join the waitlist</a></p>`);
}

export function renderPlaceBackPage(meetup: StillComingMeetup, already: boolean): string {
  return personalPage('You have your place back', html`<div class="panel panel-success" tabindex="-1" id="place-back">
<h1>You have your place back</h1>
<p>${already ? 'You had taken it back already: nothing has changed.' : 'We have emailed you the details, with a link to free the place if your plans change.'}</p>
</div>
${meetupLine(meetup)}
${backToMeetup(meetup)}`);
}
