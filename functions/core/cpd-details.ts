// Core: a meetup's CPD details (core/event.ts CpdDetails) as stored and as the API takes them (hours, not quarters).
// Pure, with no zod: the domain and the feeds use these, the schemas (networks/cpd.schema.ts) build on them.
import { quartersOf, type CpdFormat, type PksbArea } from './cpd.ts';
import type { CpdDetails } from './event.ts';

/** The parts set, or undefined when none is (empty lists are left out). */
export function cpdDetailsOf(v: { quarters?: number | undefined; outcomes?: string[]; areas?: PksbArea[]; format?: CpdFormat | undefined }): CpdDetails | undefined {
  const details: CpdDetails = {
    ...(v.quarters !== undefined ? { quarters: v.quarters } : {}),
    ...(v.outcomes?.length ? { outcomes: v.outcomes } : {}),
    ...(v.areas?.length ? { areas: v.areas } : {}),
    ...(v.format ? { format: v.format } : {}),
  };
  return Object.keys(details).length ? details : undefined;
}

/** A meetup's CPD details as the API takes them: hours, not quarters. */
export interface CpdInput {
  hours?: number;
  outcomes?: string[];
  areas?: PksbArea[];
  format?: CpdFormat;
}

/** Stored details as the API would send them (a later meetup of a series edited with the rest keeps its own). */
export function cpdInputOf(d: CpdDetails | undefined): CpdInput | undefined {
  if (!d) return undefined;
  const { quarters, ...rest } = d;
  return { ...(quarters !== undefined ? { hours: quarters / 4 } : {}), ...rest };
}

/** What a meetup stores of the details sent: hours as whole quarters, nothing set as no details. */
export const cpdDetailsFrom = (v: CpdInput | undefined): CpdDetails | undefined =>
  v ? cpdDetailsOf({ quarters: v.hours === undefined ? undefined : quartersOf(v.hours), outcomes: v.outcomes ?? [], areas: v.areas ?? [], format: v.format }) : undefined;

