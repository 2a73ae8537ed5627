// CPD adapter: the CpdLogRepository in memory, for API tests and the in-memory app, over the in-memory RSVPs (keyed
// `<eventId>/<key>`) and outbox: issuing holds only for a checked-in RSVP, confirmed or a walk-in, with no record yet,
// as the transaction's condition does on DynamoDB; a change holds only while its record or activity exists (each
// checked and written before any await, so it is one step as a conditional Update is).
import { DEFAULT_CPD_SETTINGS, type CpdActivity, type CpdRecord, type CpdSettings } from '#functions/core/cpd.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { CpdLogRepository } from './log.repository.ts';

/** The RSVP's record fields, beside the rest (table/items/cpd.ts recordIssue sets them). */
export type RsvpWithRecord = StoredRsvp & { recordId?: string; recordIssuedAt?: string };

/** Sets the given fields, removing those given as undefined, as the table's SET and REMOVE do. */
function assignFields(target: Record<string, unknown>, fields: Record<string, unknown>) {
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete target[k];
    else target[k] = v;
  }
}

export function memoryCpdLog(rsvps: Map<string, StoredRsvp>, outbox: OutboxMessage[]): CpdLogRepository & { records: Map<string, CpdRecord> } {
  const records = new Map<string, CpdRecord>();
  const activities = new Map<string, CpdActivity>();
  const settings = new Map<string, CpdSettings>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    records,
    async issue({ record, rsvp: at, email }) {
      const rsvp = rsvps.get(`${at.eventId}/${at.key}`) as RsvpWithRecord | undefined;
      if (!rsvp?.checkedInAt || !['confirmed', 'walkin'].includes(rsvp.status) || rsvp.recordIssuedAt || records.has(record.id)) return false;
      Object.assign(rsvp, { recordId: record.id, recordIssuedAt: record.issuedAt });
      records.set(record.id, copy(record));
      outbox.push(email);
      return true;
    },
    async recordById(id) {
      const record = records.get(id);
      return record ? copy(record) : undefined;
    },
    async log(personId) {
      return {
        records: [...records.values()].filter((r) => r.personId === personId).map(copy),
        activities: [...activities.values()].filter((a) => a.personId === personId).map(copy),
        settings: copy(settings.get(personId) ?? DEFAULT_CPD_SETTINGS),
      };
    },
    async updateRecord(personId, id, fields, when = {}) {
      // Checked and written before any await, as DynamoDB's conditional Update is one step.
      const record = records.get(id) as unknown as Record<string, unknown> | undefined;
      if (!record || record.personId !== personId) return false;
      if (Object.entries(when).some(([k, v]) => record[k] !== v)) return false;
      assignFields(record, fields);
      return true;
    },
    async putActivity(activity) {
      activities.set(`${activity.personId}/${activity.id}`, copy(activity));
    },
    async updateActivity(personId, id, fields) {
      const activity = activities.get(`${personId}/${id}`);
      if (!activity) return undefined;
      assignFields(activity as unknown as Record<string, unknown>, copy(fields));
      return copy(activity);
    },
    async deleteActivity(personId, id) {
      return activities.delete(`${personId}/${id}`);
    },
    async saveSettings(personId, value) {
      settings.set(personId, copy(value));
    },
    async deleteAll(personId) {
      let n = 0;
      for (const [id, r] of records) if (r.personId === personId) n += Number(records.delete(id)) * 2;
      for (const [k, a] of activities) if (a.personId === personId) n += Number(activities.delete(k));
      n += Number(settings.delete(personId));
      return n;
    },
  };
}
