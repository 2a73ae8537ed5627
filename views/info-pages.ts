// Web pages: the privacy notice (/privacy) and the about page (/about), static and script-free. The numbers in the
// privacy notice are the rules the code keeps (test/e2e/honest-states.test.ts checks them against the constants).
import { html } from './html.ts';
import { SITE_PAGES } from '#functions/core/paths.ts';
import { FOLLOW_CONFIRM_DAYS } from '#functions/core/follow.ts';

/** How long things are kept, as the privacy notice states them. */
export const PRIVACY_FACTS = {
  /** functions/rsvps/rsvp.ts RSVP_RETENTION_DAYS_AFTER_END */
  rsvpDaysAfterMeetup: 30,
  /** functions/events/event.ts DRAFT_LIFETIME_DAYS */
  unconfirmedListingDays: 7,
  /** functions/mail/outbox.ts SENT_RETENTION_DAYS */
  sentEmailRecordDays: 7,
  /** functions/events/event.ts MANAGE_LINK_DAYS_AFTER_END */
  manageLinkDaysAfterMeetup: 90,
  /** functions/auth/cookie.ts SESSION_DAYS */
  sessionDays: 30,
} as const;

export function privacyMain(): string {
  const f = PRIVACY_FACTS;
  return html`<h1>Privacy notice</h1>
<p class="lead">Signpost asks for as little as it can: a name and an email address to hold your place, and what an organiser needs to list a meetup. You need no account: signing in is optional, with a link or code we email you. There are no adverts and no trackers, and the only cookie is the one that keeps you signed in.</p>

<h2 id="collect">What we collect, and why</h2>
<h3>When you reserve a place</h3>
<ul>
<li><strong>Your name</strong>, so the organiser knows who is coming.</li>
<li><strong>Your email address</strong>, to send you the link to confirm your place, then your confirmation, reminders, and any change to the meetup or its cancellation.</li>
<li><strong>A note, if you write one</strong>: access needs or anything else the organiser should know. Access needs can be health information, which the law protects specially. We hold it only because you chose to write it, and use it only to pass it to the organiser. You can leave it empty and tell the organiser another way.</li>
</ul>
<h3 id="attendance">Whether you came</h3>
<ul>
<li><strong>Your answer to “Still coming?”</strong>, if the organiser asks it shortly before the meetup: yes, no, or no answer (and whether your place went to the waitlist because you did not answer).</li>
<li><strong>When you were checked in</strong> at the meetup, and by whom: a member of its team, or you, with the code of the day. If you come without booking, the team may add you as a walk-in, with your name and, only if you give it, your email address, which then gets your record of attendance after the meetup and nothing else.</li>
</ul>
<h3 id="cpd">Your CPD log</h3>
<ul>
<li><strong>A record of attendance</strong> for each meetup you are checked in at, once it ends: it copies the meetup's details (its title, date, hours, network, organisers and CPD topics) and your name as you gave it, so it outlasts the RSVP, which still goes ${f.rsvpDaysAfterMeetup} days after the meetup.</li>
<li><strong>Your reflections</strong> on records, and <strong>activities you add from elsewhere</strong>, with how you count your CPD year.</li>
<li>Your records and reflections are yours: only you see them when signed in, and a record is shown to anyone else only through a verification link you choose to share (which never shows your reflection).</li>
<li><strong>Feedback</strong> you choose to give from a record's email (it is asked of people who booked a place, not of walk-ins or the meetup's team): a rating and two optional comments, stored without your name, address, record or the time, so nobody can tell who wrote what. Your record notes that you answered, and when, so the form takes one answer; only you see that. The meetup's organisers see only how many answered until there are 3 answers, then the average, the count per rating and the comments in alphabetical order; the network's organisers see the averages of its meetups with 3 answers or more. Helpers on the door see none of it. It is deleted with the meetup.</li>
</ul>
<h3>When you list a meetup</h3>
<ul>
<li><strong>The meetup's details</strong>, which are public once you publish it, with <strong>your name</strong> as its organiser.</li>
<li><strong>Your email address</strong>, to send you the link to confirm and manage the meetup, and the notices you ask for (for example when someone RSVPs or cancels).</li>
</ul>
<h3 id="sign-in">When you sign in</h3>
<ul>
<li><strong>Your email address</strong>, to email you the sign-in link and code, and then to show you “Your meetups”: the meetups you list or help run, your places, and the networks you follow. <strong>Your name</strong>, once you give it, so forms come filled in.</li>
<li><strong>A cookie</strong> holding a random secret, which keeps you signed in for ${f.sessionDays} days or until you sign out. We store only a one-way hash of it.</li>
</ul>
<h3 id="follow">When you follow a network</h3>
<ul>
<li><strong>Your email address</strong>, and <strong>your name</strong> if you give it, used only to send you that network's announcements of new meetups or its weekly digest (as you choose), and messages its team sends to its followers. We email you a link first, and nothing more is sent until you confirm.</li>
<li><strong>Your time zone</strong>, if your browser tells us, so announcements show the time where you are too.</li>
<li>Every one of those emails has a link to change how often or to unfollow, and unfollowing works at once, from the email or from “Your meetups”.</li>
</ul>
<h3>To keep the service safe</h3>
<ul>
<li>To stop anyone using our forms to flood a stranger's inbox, we count requests per network address and per email address for an hour. We store only a scrambled, one-way form of them (a hash), and delete the counts when the hour is up.</li>
<li>Our technical logs, kept for one month, record requests (which page or route, when, and whether it worked) and may include the network address a request came from. They never include your name, your email address, or the secret part of your links.</li>
</ul>

<h2 id="who-sees">Who sees what</h2>
<ul>
<li><strong>Everyone</strong> sees a published meetup, its organiser's name, and how many places are taken. Nobody else sees who is going.</li>
<li><strong>The meetup's organiser</strong> sees the name, email address, reply status and note of each person who replies to their meetup, their answer to “Still coming?” and when they were checked in, and can download that list. On the day, the check-in page shows attendees' names only to the meetup's team.</li>
<li><strong>Everyone</strong> sees, on a network's page, how many came to its past meetups: a count only, never who.</li>
<li><strong>A network's team sees how many people follow it</strong>, and how that changed month by month: counts only, never who follows or their addresses.</li>
<li><strong>If you reply to an email from a network you follow</strong>, your reply goes to the network's team, who then see your address. Otherwise they never do.</li>
<li><strong>Your CPD log is seen only by you.</strong> Organisers never see your reflections or the activities you add; a verification link you share shows the record of attendance, never your reflection.</li>
<li><strong>Your note (including access needs) is seen only by the meetup's organiser.</strong> It is never shown on the meetup's page or to other attendees.</li>
<li><strong>The organiser's email address</strong> is not shown on the site, but emails to attendees about a meetup are sent with it as the reply address, so if you reply, your reply goes to the organiser and you see their address. Likewise, when an organiser asks to hear about RSVPs, replying to that notice goes to the attendee.</li>
<li><strong>The volunteers who run Signpost</strong> can reach the stored data, and use that only to keep the service running and to act on reports.</li>
<li><strong>Amazon Web Services</strong> hosts Signpost, stores its data and sends its emails, on our behalf.</li>
</ul>
<p>We do not sell or share data with anyone else, and we do not use it for marketing.</p>

<h2 id="how-long">How long we keep it</h2>
<ul>
<li><strong>RSVPs</strong> (names, email addresses and notes, with answers to “Still coming?” and check-in times, which are kept on the RSVP) are deleted automatically from ${f.rsvpDaysAfterMeetup} days after the meetup ends.</li>
<li><strong>Attendance numbers</strong> (how many booked, answered “Still coming?”, were checked in and walked in) are kept with the meetup as counts, without names, so the record of the meetup outlives the RSVPs.</li>
<li><strong>Your CPD log</strong> (records of attendance, reflections and activities) is kept until you delete it, with “Delete my CPD log” on its page: that deletes it all at once, and your verification links stop working.</li>
<li><strong>Follows</strong> are kept until you unfollow, when your address is deleted from that network's followers at once. <strong>Follows that are never confirmed</strong> are deleted after ${FOLLOW_CONFIRM_DAYS} days.</li>
<li><strong>Listings that are never confirmed</strong> are deleted after ${f.unconfirmedListingDays} days.</li>
<li><strong>Published meetups</strong> stay on the site as a record, marked as cancelled if they were, until the organiser deletes them. The organiser's manage link works until ${f.manageLinkDaysAfterMeetup} days after the meetup; after that, ask us (below).</li>
<li><strong>Emails</strong>: once an email is sent, its text is deleted at once; a note of who it went to and its subject is kept for ${f.sentEmailRecordDays} days.</li>
<li><strong>Addresses we must not email</strong>: if an address bounces, or its owner marks our email as spam, we keep a hash of it (not the address itself) so we do not email it again.</li>
</ul>

<h2 id="delete">Getting your data deleted</h2>
<ul>
<li><strong>If you replied to a meetup</strong>, open the “cancel” link in your “You're in” or waitlist email and choose “Delete my RSVP and my details”. That deletes your reply, your name, email address and note for that meetup straight away, and frees your place for someone else.</li>
<li><strong>Your CPD log</strong>: sign in, open “Your CPD log” from “Your meetups” and choose “Delete my CPD log”.</li>
<li><strong>If you organised a meetup</strong>, open your manage link once the meetup is over (or cancelled) and choose “Delete this meetup and its attendee data”.</li>
<li><strong>For anything else</strong>, or if you have lost the email, use “Report this meetup” on the meetup's page and say what you would like: it reaches the volunteers who run Signpost.</li>
</ul>
<p>You also have the right to see the data we hold about you, to have it corrected, and to object to how we use it; ask in the same way. If you are unhappy with our answer, you can complain to the Information Commissioner's Office at <a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a>.</p>

<h2 id="cookies">Cookies and trackers</h2>
<p>Signpost sets one cookie, only when you sign in, to keep you signed in (it is deleted when you sign out). There are no analytics, advertising or tracking cookies, and no adverts or third-party scripts. Pages load nothing from other sites, and links you follow away from Signpost are not told which page you came from.</p>

<p><a href="${SITE_PAGES.about}">About Signpost</a></p>`.toString();
}

export function aboutMain(): string {
  return html`<h1>About Signpost</h1>
<p class="lead">Signpost is a free place to find and list free meetups for the library and information community: TeachMeets, lunch clubs, chats, Library Camps and new-professional networks.</p>

<h2>Free, and open to everyone</h2>
<p>Every meetup on Signpost is free to attend, and open to everyone, not just members of a network or an association. Listing one is free too. There are no accounts to make: you reserve a place with your name and email address, and organisers manage their meetup from a link we email them.</p>
<p>Signpost is run by volunteers from the library and information community. It has no adverts and does not track you: see the <a href="${SITE_PAGES.privacy}">privacy notice</a>.</p>

<h2>List a meetup</h2>
<ol>
<li>Fill in the form on <a href="${SITE_PAGES.newMeetup}">List a free meetup</a>: what it is, when, where (or online), and how many places.</li>
<li>We email you a link. Nothing is public until you open it and press “Confirm and publish”.</li>
<li>Share the meetup's page with your network. People reserve places there; when it is full they can join a waitlist, and the first person waiting gets the next free place.</li>
<li>Keep that email: its second link, “Manage your meetup”, is how you edit the meetup later, see who is coming, download the attendee list, close RSVPs, or cancel it.</li>
</ol>

<h2>Go to a meetup</h2>
<p>Find one on the <a href="${SITE_PAGES.home}">list of upcoming meetups</a>, reserve a place, and confirm it from the email we send you. You get a calendar file, reminders, and word of any change. For online meetups, the joining link goes to everyone with a place. Many people use meetups like these as evidence for professional development and Chartership.</p>
<p>You can also subscribe to the meetups of a network or a topic in your calendar app, from the home page.</p>

<h2>Something wrong?</h2>
<p>If a listing looks wrong or abusive, use “Report this meetup” on its page. It goes to the volunteers who run Signpost.</p>

<p>Developers: Signpost has an open <a href="/api/openapi.json">API</a>.</p>`.toString();
}
