// CPD: what a record of attendance holds, copied from the meetup when it is issued so the record never depends on the
// meetup again (the meetup and its RSVPs go; the record stays until the person deletes it).
import type { CpdFormat, PksbArea } from '#functions/core/cpd.ts';

/** A record of attendance as its PDF shows it. */
export interface RecordForPdf {
  /** The record's id (random, 128 bits), shown so an assessor can quote it. */
  id: string;
  /** The person's name as they gave it. */
  name: string;
  /** The meetup's title. */
  title: string;
  networkName?: string;
  /** The organisers' names, as they show them. */
  organisers: string[];
  startUtc: string;
  endUtc: string;
  /** The meetup's IANA zone: the record is dated as on its wall clock. */
  timezone: string;
  format?: CpdFormat;
  /** CPD hours in whole quarter hours (functions/core/cpd.ts). */
  quarters: number;
  outcomes: string[];
  areas: PksbArea[];
  /** True when the meetup asked for feedback (some schemes count only activities with an evaluation). */
  feedbackCollected: boolean;
  /** When the record was issued (ISO 8601). */
  issuedAt: string;
  /** The verification link, when the person shares the record. */
  verifyUrl?: string;
  /** The network's accent colour, #rrggbb. */
  accent?: string;
}
