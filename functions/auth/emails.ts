// Auth emails: the sign-in email, with its link and its 6-digit code.
//
// The code is not in the subject (nor the preheader): phones show both on the lock screen and in notifications, where
// anyone nearby can read them, and the outbox keeps a message's subject after it drops the body (items/outbox.ts
// outboxFinish), as mail logs do. The body is read by the one who opens the mailbox.
import { compose } from '#functions/mail/layout.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { ACCOUNT_PAGES } from '#functions/core/paths.ts';
import { SIGN_IN_MINUTES } from './sign-in.ts';

export const SIGN_IN_SUBJECT = 'Sign in to Signpost';

/** The emailed link: its page shows a "Sign in" button (mail scanners open links), the button signs in. */
export const signInLink = (siteUrl: string, linkToken: string) => `${siteUrl}${ACCOUNT_PAGES.signInLink}?token=${encodeURIComponent(linkToken)}`;

export function signInEmail(to: string, link: string, code: string): OutgoingEmail {
  return compose({
    to: { name: 'there', email: to },
    subject: SIGN_IN_SUBJECT,
    heading: SIGN_IN_SUBJECT,
    preheader: `Your sign-in link and code. They work once, for ${SIGN_IN_MINUTES} minutes.`,
    blocks: [
      { text: 'Someone asked to sign in to Signpost with this email address.' },
      { lead: 'To sign in on this device, open this link and press "Sign in":', link, label: 'Sign in to Signpost', primary: true },
      { text: 'Or, on the device where you asked, type this code:' },
      { fact: 'Your code', value: code },
      { text: `The link and the code expire in ${SIGN_IN_MINUTES} minutes and work once.` },
      { text: "If you didn't ask to sign in, ignore this email: nobody can sign in without the link or the code, and nothing changes." },
    ],
  });
}
