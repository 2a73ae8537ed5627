// Integration: the door QR code (issue 15) through the outbox on DynamoDB Local and the mailer to the SES emulator.
// The "You're in" email for an in-person meetup arrives with the GIF as an inline part whose Content-ID the HTML
// names (the emulator resolves it), drawn by the mailer from the outbox item's QR text; once sent, the item keeps
// neither (nor the body). An online-only meetup's email has no such part.
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { checkInQrUrl } from '#functions/core/paths.ts';
import { DOOR_QR } from '#functions/rsvps/emails.ts';
import { qrGif } from '#functions/mail/qr-image.ts';
import { inbox, linkFrom, testStack, type StoredEmail } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

type Attachment = { contentType: string; content: string; filename?: string; cid?: string; contentDisposition?: string };
const attachmentsOf = (mail: StoredEmail) => (mail as unknown as { attachments?: Attachment[] }).attachments ?? [];

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Lists and publishes a meetup, asks for a place and confirms it; returns the "You're in" email and the RSVP's key. */
async function youreIn(format: 'in_person' | 'online') {
  const tag = Math.random().toString(36).slice(2);
  const organiser = `org-${tag}@example.org`;
  const attendee = `qr-${tag}@example.org`;
  const res = await post('/api/events', {
    title: 'Cataloguing cafe', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', format,
    ...(format === 'online' ? { onlineUrl: 'https://meet.example.org/cafe' } : { venue: 'Central Library' }),
    organiserName: 'Aoife', organiserEmail: organiser, capacity: 5,
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser))[0]!, 'confirm');
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  expect((await post(`/api/events/${id}/rsvps`, { name: 'Siân', email: attendee })).status).toBe(202);
  await stack.deliver();
  const [, key, rsvpToken] = /\/rsvp\/[a-z0-9]+\/([0-9a-f]+)#token=([\w-]+)/.exec((await inbox(stack.sesEndpoint, attendee))[0]!.body.text ?? '')!;
  expect((await post(`/api/events/${id}/rsvps/${key}/confirm`, { token: rsvpToken })).status).toBe(200);
  await stack.deliver();
  const mail = (await inbox(stack.sesEndpoint, attendee)).find((m) => m.subject.startsWith("You're in"))!;
  expect(mail).toBeDefined();
  return { id, key: key!, mail };
}

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
});

describe('the door QR code through the outbox and SES', () => {
  it('in person: an inline GIF the HTML names by Content-ID, for the check-in page and the key only', async () => {
    const { id, key, mail } = await youreIn('in_person');
    const qr = attachmentsOf(mail).find((a) => a.contentType === 'image/gif');
    expect(qr).toMatchObject({ cid: DOOR_QR.cid, filename: 'check-in-qr.gif', contentDisposition: 'inline' });
    expect(qr!.content).toBe(qrGif(checkInQrUrl(stack.deps.siteUrl, id, key), DOOR_QR.size).bytes.toString('base64'));
    // The emulator's parser (mailparser) swaps a cid: link it resolved for the part's data: URI, so either shows the
    // HTML named this very part.
    const src = new RegExp(`<img src="([^"]+)" alt="${DOOR_QR.alt}"`).exec(mail.body.html ?? '')?.[1];
    expect([`cid:${DOOR_QR.cid}`, `data:image/gif;base64,${qr!.content}`]).toContain(src);
    expect(mail.body.text).toContain('Show this email at the door, or give your name.');
    // The calendar file still travels beside it.
    expect(attachmentsOf(mail).some((a) => /calendar|ics/.test(a.contentType))).toBe(true);

    // Sent: the outbox item keeps its bookkeeping, not the image.
    const items = await stack.dynamo.send(new ScanCommand({
      TableName: stack.tableName, ConsistentRead: true, FilterExpression: 'begins_with(PK, :p) AND purpose = :purpose',
      ExpressionAttributeValues: { ':p': { S: 'OUTBOX#' }, ':purpose': { S: 'rsvp-confirmed' } },
    }));
    expect(items.Items).toHaveLength(1);
    expect(items.Items![0]).toMatchObject({ status: { S: 'sent' } });
    expect(items.Items![0]).not.toHaveProperty('inlineImages');
    expect(items.Items![0]).not.toHaveProperty('html');
  });

  it('online only: no image part, no QR code in the HTML', async () => {
    const { mail } = await youreIn('online');
    expect(attachmentsOf(mail).some((a) => a.contentType.startsWith('image/'))).toBe(false);
    expect(mail.body.html).not.toContain('cid:');
  });
});
