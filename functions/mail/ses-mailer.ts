// Mail adapter: builds raw MIME with nodemailer's MailComposer and sends it through SES SendRawEmail.
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Mailer } from './mailer.ts';
import { calendarFile } from '#functions/calendar/ics.ts';
import { qrGif } from './qr-image.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';

export interface SesSettings {
  region: string;
  endpoint?: string;
  from: string;
}

export function createSesClient({ region, endpoint }: Omit<SesSettings, 'from'>): SESClient {
  return new SESClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

export function buildMime(from: string, email: OutgoingEmail): Promise<Buffer> {
  return new MailComposer({
    from,
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    // Inline, named by Content-ID: MailComposer then wraps the HTML and its images in multipart/related.
    ...(email.inlineImages?.length
      ? {
          attachments: email.inlineImages.map((image) => ({
            cid: image.cid,
            filename: image.filename,
            ...('qrCode' in image
              ? { content: qrGif(image.qrCode.text, image.qrCode.size).bytes, contentType: 'image/gif' }
              : { content: Buffer.from(image.base64, 'base64'), contentType: image.contentType }),
            contentDisposition: 'inline' as const,
          })),
        }
      : {}),
    ...(email.calendar ? { icalEvent: { method: 'PUBLISH', filename: 'meetup.ics', content: calendarFile(email.calendar) } } : {}),
    ...(email.listUnsubscribe || email.listId
      ? {
          headers: {
            ...(email.listUnsubscribe ? { 'List-Unsubscribe': `<${email.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
            // Prepared: nodemailer would otherwise encode the angle brackets RFC 2919 needs as they are.
            ...(email.listId ? { 'List-Id': { prepared: true, value: listIdHeader(email.listId) } } : {}),
          },
        }
      : {}),
  })
    .compile()
    .build();
}

/** RFC 2919: `"Name" <id>`, the name as a quoted string with its quotes and backslashes escaped. */
export const listIdHeader = ({ id, name }: { id: string; name: string }) => `"${name.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}" <${id}>`;

/** With a configuration set, SES suppresses bounced and complaining addresses and publishes those events to us. */
export function sesMailer(client: SESClient, from: string, configurationSet?: string): Mailer {
  return {
    async send(email) {
      const raw = await buildMime(from, email);
      await client.send(new SendRawEmailCommand({ RawMessage: { Data: raw }, ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}) }));
    },
  };
}
