// Networks: the zod parts for a meetup's CPD details (issue 16), shared by the event schema (a meetup's own, with
// hours) and the network schema (the network's defaults, without). Here because networks is the lowest room both use.
// Also how a form's CPD inputs become those parts, for the no-JS posts and the page script alike. Browser-safe.
import * as z from 'zod';
import { cpdDetailsFrom, cpdDetailsOf, type CpdInput } from '#functions/core/cpd-details.ts';
import { CPD_FORMATS, isPksbArea, MAX_LEARNING_OUTCOMES, MAX_OUTCOME_LENGTH, orderedAreas, quartersOf, type CpdFormat, type PksbArea } from '#functions/core/cpd.ts';
import type { CpdDetails } from '#functions/core/event.ts';
import type { CpdDefaults } from '#functions/core/network.ts';

export const CPD_MESSAGES = {
  hours: 'Give the CPD hours in quarter hours, from 0 to 24, like 1.5 or 0.75',
  outcomes: `Give at most ${MAX_LEARNING_OUTCOMES} learning outcomes, one per line`,
  outcomeLength: `Each learning outcome must be ${MAX_OUTCOME_LENGTH} characters or fewer`,
  outcomeText: 'Each learning outcome must be text on one line',
  areas: 'PKSB areas must be a list of the PKSB’s areas',
  area: 'Choose PKSB areas from the list',
  format: 'Choose the format: talk, TeachMeet, unconference, workshop or discussion',
} as const;

export const cpdHoursSchema = z
  .number(CPD_MESSAGES.hours)
  .refine((h) => quartersOf(h) !== undefined, CPD_MESSAGES.hours)
  .nullish()
  .transform((h) => h ?? undefined)
  .meta({ description: 'CPD hours, 0 to 24 in steps of a quarter hour (1.75). Leave out to count the meetup’s length.', example: 1.5 });

export const cpdOutcomesSchema = z
  .array(
    z
      .string(CPD_MESSAGES.outcomeText)
      .trim()
      .max(MAX_OUTCOME_LENGTH, CPD_MESSAGES.outcomeLength)
      .regex(/^[^\u0000-\u001f\u007f]*$/, CPD_MESSAGES.outcomeText),
    CPD_MESSAGES.outcomes,
  )
  .default([])
  // Blank lines of a textarea are not outcomes, so they do not count towards the limit.
  .transform((list) => list.filter(Boolean))
  .refine((list) => list.length <= MAX_LEARNING_OUTCOMES, CPD_MESSAGES.outcomes)
  .meta({ description: `Up to ${MAX_LEARNING_OUTCOMES} learning outcomes, each up to ${MAX_OUTCOME_LENGTH} characters` });

export const cpdAreasSchema = z
  .array(z.string(CPD_MESSAGES.area).refine(isPksbArea, CPD_MESSAGES.area), CPD_MESSAGES.areas)
  .default([])
  .transform((ids) => orderedAreas(ids as PksbArea[]))
  .meta({ description: 'PKSB areas, as ids of the PKSB’s areas (organising-knowledge, research-skills, …)' });

export const cpdFormatSchema = z.enum(CPD_FORMATS, CPD_MESSAGES.format).optional().meta({ description: 'The kind of session, for CPD records' });

// The pure conversions live in core, so the domain (events/event.ts) and the feeds that render it carry no zod.
export { cpdDetailsFrom, cpdDetailsOf, cpdInputOf, type CpdInput } from '#functions/core/cpd-details.ts';

/**
 * A meetup's own CPD details in the API: `cpd: { hours, outcomes, areas, format }`; problems name `cpd.hours` and so
 * on. The output has the same shape (blank outcomes and empty lists dropped), so the page script can send what it
 * checked.
 */
export const cpdInputSchema = z
  .object({ hours: cpdHoursSchema, outcomes: cpdOutcomesSchema, areas: cpdAreasSchema, format: cpdFormatSchema }, 'CPD details must be an object')
  .nullish()
  .transform((v): CpdInput | undefined => {
    const d = v ? cpdDetailsOf({ outcomes: v.outcomes, areas: v.areas, format: v.format }) : undefined;
    if (v?.hours === undefined) return d;
    return { hours: v.hours, ...d };
  })
  .meta({ description: 'Optional CPD details: shown on the event page as “Counts towards your CPD”' });

/** A network's CPD defaults from its edit form's checked values: hours as whole quarters; nothing set, none. */
export const cpdDefaultsOf = (v: { cpdHours?: number | undefined; cpdOutcomes: string[]; cpdAreas: PksbArea[]; cpdFormat?: CpdFormat | undefined }): CpdDefaults | undefined =>
  cpdDetailsFrom({ ...(v.cpdHours !== undefined ? { hours: v.cpdHours } : {}), outcomes: v.cpdOutcomes, areas: v.cpdAreas, ...(v.cpdFormat ? { format: v.cpdFormat } : {}) });

// ---- Forms ----

/** The CPD inputs' names on the event form and the network form. */
export const CPD_FORM_FIELDS = ['cpdHours', 'cpdOutcomes', 'cpdAreas', 'cpdFormat'] as const;

/** A form's hours as typed: a number (a decimal comma allowed), blank as absent, other text kept for the schema to refuse. */
export function formHours(typed: string): number | string | undefined {
  const t = typed.trim().replace(/^(\d*),(\d+)$/, '$1.$2');
  if (!t) return undefined;
  return /^\d*\.?\d+$/.test(t) ? Number(t) : t;
}

/** Outcomes from a textarea: one per line, blank lines dropped. */
export const formOutcomes = (typed: string) =>
  typed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The CPD inputs of a form as the API's `cpd` object (nothing set: undefined, so a network's defaults may apply). */
export function cpdFromForm(get: (name: string) => string, getAll: (name: string) => string[]): Record<string, unknown> | undefined {
  const hours = formHours(get('cpdHours'));
  const outcomes = formOutcomes(get('cpdOutcomes'));
  const areas = getAll('cpdAreas').filter((a) => a.trim());
  const format = get('cpdFormat').trim();
  if (hours === undefined && !outcomes.length && !areas.length && !format) return undefined;
  return { ...(hours !== undefined ? { hours } : {}), outcomes, areas, ...(format ? { format } : {}) };
}

/** A stored meetup's (or network's) CPD details as a form's values, to fill the form or send it back. */
export function cpdFormValues(cpd: (Omit<CpdDetails, 'quarters'> & { quarters?: number | undefined }) | undefined): Record<(typeof CPD_FORM_FIELDS)[number], string> {
  return {
    cpdHours: cpd?.quarters !== undefined ? String(cpd.quarters / 4) : '',
    cpdOutcomes: (cpd?.outcomes ?? []).join('\n'),
    cpdAreas: (cpd?.areas ?? []).join(','),
    cpdFormat: cpd?.format ?? '',
  };
}
