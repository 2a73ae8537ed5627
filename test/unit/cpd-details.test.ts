// Unit: a meetup's CPD details (issue 16) in the shared schema: every part optional, stored in quarter hours and the
// PKSB's order, and each bad input refused with a message naming its field (`cpd.hours`, `cpd.areas.1`, …). Also the
// network's defaults, the form's mapping, and the public view's hours (the organiser's, else the meetup's length).
import { describe, expect, it } from 'vitest';
import { eventInputSchema, eventEditSchema } from '#functions/events/event.schema.ts';
import { editNetworkSchema } from '#functions/networks/network.schema.ts';
import { CPD_MESSAGES, cpdDetailsFrom, cpdFromForm, cpdFormValues, cpdInputOf, formHours } from '#functions/networks/cpd.schema.ts';
import { publicCpd, withCpdDefaults } from '#functions/events/event.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import { CPD_LOG_MESSAGES } from '#functions/cpd/log.schema.ts';
import { formFieldOf } from '#views/event-form.ts';
import { validMeetup } from '../support/fakes.ts';

const parse = (cpd: unknown) => eventInputSchema.safeParse(validMeetup({ cpd }));
const issuesOf = (cpd: unknown) => {
  const r = parse(cpd);
  return r.success ? [] : fieldIssues(r.error).filter((i) => i.field.startsWith('cpd'));
};

describe('cpd in the event schema', () => {
  it('is optional: none, null and an empty object all mean no CPD details', () => {
    expect(parse(undefined).data?.cpd).toBeUndefined();
    expect(parse(null).data?.cpd).toBeUndefined();
    expect(parse({}).data?.cpd).toBeUndefined();
    expect(parse({ outcomes: ['', '  '], areas: [] }).data?.cpd).toBeUndefined();
  });

  it('keeps hours as whole quarters, outcomes trimmed, areas once each in the PKSB’s order', () => {
    const r = parse({ hours: 1.75, outcomes: [' Plan a TeachMeet ', '', 'Pitch an idea in 3 minutes'], areas: ['it-communication', 'research-skills', 'it-communication'], format: 'teachmeet' });
    expect(r.success).toBe(true);
    // The output has the input's shape, so the page script can send what it checked; the store keeps quarters.
    expect(r.data!.cpd).toEqual({ hours: 1.75, outcomes: ['Plan a TeachMeet', 'Pitch an idea in 3 minutes'], areas: ['research-skills', 'it-communication'], format: 'teachmeet' });
    expect(parse(r.data!.cpd).data!.cpd).toEqual(r.data!.cpd);
    expect(cpdDetailsFrom(r.data!.cpd)).toEqual({ quarters: 7, outcomes: ['Plan a TeachMeet', 'Pitch an idea in 3 minutes'], areas: ['research-skills', 'it-communication'], format: 'teachmeet' });
    expect(cpdInputOf(cpdDetailsFrom(r.data!.cpd))).toEqual(r.data!.cpd);
    expect(cpdDetailsFrom(parse({ hours: 0 }).data?.cpd)).toEqual({ quarters: 0 });
    expect(cpdDetailsFrom(parse({ hours: 24 }).data?.cpd)).toEqual({ quarters: 96 });
    expect(parse({ format: 'workshop' }).data?.cpd).toEqual({ format: 'workshop' });
  });

  it('names the CPD hours in the hours message (the meetup form has start and end times beside it), as the CPD log’s form does', () => {
    expect(CPD_MESSAGES.hours).toBe('Give the CPD hours in quarter hours, from 0 to 24, like 1.5 or 0.75');
    expect(CPD_LOG_MESSAGES.hours).toBe(CPD_MESSAGES.hours);
  });

  it.each([
    ['hours not in quarter hours', { hours: 1.1 }, 'cpd.hours', CPD_MESSAGES.hours],
    ['hours over 24', { hours: 24.25 }, 'cpd.hours', CPD_MESSAGES.hours],
    ['negative hours', { hours: -1 }, 'cpd.hours', CPD_MESSAGES.hours],
    ['hours as text', { hours: 'two' }, 'cpd.hours', CPD_MESSAGES.hours],
    ['an unknown PKSB area', { areas: ['research-skills', 'astrology'] }, 'cpd.areas.1', CPD_MESSAGES.area],
    ['areas that are not a list', { areas: 'research-skills' }, 'cpd.areas', CPD_MESSAGES.areas],
    ['six outcomes', { outcomes: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'cpd.outcomes', CPD_MESSAGES.outcomes],
    ['an outcome over 200 characters', { outcomes: ['ok', 'x'.repeat(201)] }, 'cpd.outcomes.1', CPD_MESSAGES.outcomeLength],
    ['an outcome over two lines', { outcomes: ['one\ntwo'] }, 'cpd.outcomes.0', CPD_MESSAGES.outcomeText],
    ['an unknown format', { format: 'lecture' }, 'cpd.format', CPD_MESSAGES.format],
  ])('refuses %s, naming the field', (_name, cpd, field, message) => {
    expect(issuesOf(cpd)).toEqual([{ field, message }]);
  });

  it('names every CPD problem in one round', () => {
    expect(issuesOf({ hours: 30, areas: ['nope'], format: 'x' }).map((i) => i.field).sort()).toEqual(['cpd.areas.0', 'cpd.format', 'cpd.hours']);
  });

  it('is in the edit schema too', () => {
    const r = eventEditSchema.safeParse({ ...validMeetup({ cpd: { hours: 2.5 } }), version: 1 });
    expect(r.data?.cpd).toEqual({ hours: 2.5 });
  });

  it('maps the API’s field names onto the form’s inputs', () => {
    expect(formFieldOf('cpd.hours')).toBe('cpdHours');
    expect(formFieldOf('cpd.areas.3')).toBe('cpdAreas');
    expect(formFieldOf('cpd.outcomes.0')).toBe('cpdOutcomes');
    expect(formFieldOf('cpd.format')).toBe('cpdFormat');
    expect(formFieldOf('title')).toBe('title');
  });
});

describe('the form’s CPD inputs', () => {
  const fields = (init: [string, string][]) => new URLSearchParams(init);
  const fromForm = (f: URLSearchParams) => cpdFromForm((n) => f.get(n) ?? '', (n) => f.getAll(n));

  it('sends nothing when every input is blank, so a network’s defaults may apply', () => {
    expect(fromForm(fields([['cpdHours', ' '], ['cpdOutcomes', '\n'], ['cpdFormat', '']]))).toBeUndefined();
  });

  it('reads hours (a decimal comma too), outcomes one per line, every ticked area and the format', () => {
    const f = fields([['cpdHours', '1,5'], ['cpdOutcomes', 'One\r\n\r\nTwo\n'], ['cpdAreas', 'research-skills'], ['cpdAreas', 'customer-focus'], ['cpdFormat', 'talk']]);
    expect(fromForm(f)).toEqual({ hours: 1.5, outcomes: ['One', 'Two'], areas: ['research-skills', 'customer-focus'], format: 'talk' });
    expect(formHours('abc')).toBe('abc');
    expect(formHours('')).toBeUndefined();
  });

  it('fills the form from stored details', () => {
    expect(cpdFormValues({ quarters: 6, outcomes: ['a', 'b'], areas: ['research-skills'], format: 'workshop' })).toEqual({
      cpdHours: '1.5', cpdOutcomes: 'a\nb', cpdAreas: 'research-skills', cpdFormat: 'workshop',
    });
    expect(cpdFormValues(undefined)).toEqual({ cpdHours: '', cpdOutcomes: '', cpdAreas: '', cpdFormat: '' });
  });
});

describe('network CPD defaults', () => {
  const base = { name: 'Leeds chat', tagline: 'Library people', whereKind: 'online', version: 1 };
  it('takes outcomes, areas and a format, blank format as none', () => {
    const r = editNetworkSchema.safeParse({ ...base, cpdOutcomes: ['Meet people'], cpdAreas: ['leadership-advocacy'], cpdFormat: '' });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ cpdOutcomes: ['Meet people'], cpdAreas: ['leadership-advocacy'] });
    expect(r.data!.cpdFormat).toBeUndefined();
  });
  it('names the bad field', () => {
    const r = editNetworkSchema.safeParse({ ...base, cpdOutcomes: ['x'.repeat(201)], cpdAreas: ['nope'], cpdFormat: 'lecture' });
    expect(fieldIssues(r.error!).map((i) => i.field).sort()).toEqual(['cpdAreas.0', 'cpdFormat', 'cpdOutcomes.0']);
  });
  it('are copied only into a meetup that sets no outcomes, areas or format of its own', () => {
    const defaults = { outcomes: ['Meet people'], format: 'discussion' as const };
    expect(withCpdDefaults(undefined, defaults)).toEqual(defaults);
    expect(withCpdDefaults({ quarters: 4 }, defaults)).toEqual({ quarters: 4, ...defaults });
    expect(withCpdDefaults({ format: 'talk' }, defaults)).toEqual({ format: 'talk' });
    expect(withCpdDefaults(undefined, undefined)).toBeUndefined();
  });
});

describe('the public CPD view', () => {
  const times = { startUtc: '2026-12-03T12:30:00.000Z', endUtc: '2026-12-03T14:00:00.000Z' };
  it('counts the meetup’s length unless hours are set', () => {
    expect(publicCpd({ ...times, cpd: { format: 'talk' } })).toEqual({ hours: 1.5, hoursText: '1.5 hours', format: 'talk', outcomes: [], areas: [] });
    expect(publicCpd({ ...times, cpd: { quarters: 3, areas: ['research-skills'] } })).toEqual({
      hours: 0.75, hoursText: '45 minutes', outcomes: [], areas: [{ id: 'research-skills', name: 'Research skills' }],
    });
    expect(publicCpd({ ...times })).toBeUndefined();
  });
});
