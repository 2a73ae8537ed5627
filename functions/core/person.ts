// Core: a person is an email address, known everywhere by one hash of it (their personal feed, their suppression),
// so no room needs to keep the address itself to recognise them.
import { hashSecret } from './ids.ts';

export const personId = (email: string) => hashSecret(`person:${email.trim().toLowerCase()}`).slice(0, 24);

/** SES told us not to mail this address again: it bounces permanently, or its owner marked us as spam. */
export type SuppressionReason = 'bounce' | 'complaint';
