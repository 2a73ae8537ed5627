// CPD: the log as CSV (RFC 4180), for a spreadsheet or a scheme's portfolio. UTF-8 with a byte order mark, so Excel
// reads accents right; every cell quoted; a cell that a spreadsheet would run as a formula (= + - @, tab, CR) starts
// with an apostrophe (core/csv.ts, the attendee list's rule too).
import { csvCell } from '#functions/core/csv.ts';
import { hoursOf, orderedAreas, pksbName, type PksbArea } from '#functions/core/cpd.ts';

export const BOM = '\uFEFF';

export const csvText = (rows: readonly (readonly (string | number | undefined)[])[]) => BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export interface CsvActivity {
  date: string;
  title: string;
  provider: string;
  quarters: number;
  areas: readonly PksbArea[];
  reflection?: string | undefined;
  type: 'record' | 'activity';
}

export const CPD_CSV_HEADER = ['Date', 'Title', 'Provider', 'Hours', 'PKSB areas', 'Reflection', 'Type'] as const;
const TYPE = { record: 'Record of attendance', activity: 'Activity' } as const;

/** One row per activity, in the order given. */
export const cpdLogCsv = (items: readonly CsvActivity[]) =>
  csvText([
    CPD_CSV_HEADER,
    ...items.map((a) => [a.date, a.title, a.provider, hoursOf(a.quarters), orderedAreas(a.areas).map(pksbName).join('; '), a.reflection, TYPE[a.type]]),
  ]);

/** "signpost-cpd-log.csv", or with the period: "signpost-cpd-log-from-2026-01-01-to-2026-12-31.csv". */
export const cpdCsvName = (period: { from?: string | undefined; to?: string | undefined }) =>
  `signpost-cpd-log${period.from ? `-from-${period.from}` : ''}${period.to ? `-to-${period.to}` : ''}.csv`;
