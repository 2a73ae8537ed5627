// Core: one CSV cell as every export writes it (RFC 4180): always quoted, and a cell a spreadsheet would run as a
// formula (= + - @, tab, CR) starts with an apostrophe, so a name or a reflection can't run in Excel.
export function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}
