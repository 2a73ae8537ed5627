// Web: one fetch wrapper for the JSON API. Never throws; failures come back as friendly, typed results.
// Tokens travel only in POST/PUT bodies, never in a URL, and nothing here logs.

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  details?: FieldIssue[];
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; body: ApiErrorBody; retryAfterSeconds?: number };

const NETWORK: ApiErrorBody = {
  error: 'network',
  message: "We couldn't reach Signpost. Check your connection and try again.",
};
const UNEXPECTED: ApiErrorBody = {
  error: 'unexpected',
  message: 'Something went wrong on our side. Please try again in a moment.',
};

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, body: NETWORK };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  if (res.ok && json !== undefined) return { ok: true, status: res.status, data: json as T };
  const errorBody =
    json && typeof json === 'object' && typeof (json as ApiErrorBody).message === 'string' ? (json as ApiErrorBody) : UNEXPECTED;
  const wait = retryAfter(res.headers.get('Retry-After'));
  return { ok: false, status: res.status, body: errorBody, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
}

/** "about 12 minutes", "a minute", "about 2 hours". */
export function waitText(seconds: number): string {
  if (seconds <= 60) return 'a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `about ${minutes} minutes`;
  return `about ${Math.round(minutes / 60)} hours`;
}

/** A message for a failed request that is not about particular fields. */
export function failureMessage(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  switch (result.status) {
    case 0:
      return result.body.message;
    case 413:
      return 'That is more text than we can accept in one go. Please shorten the description or notes and try again.';
    case 429:
      return result.retryAfterSeconds !== undefined
        ? `Too many listings from you or for that email address just now. Please try again in ${waitText(result.retryAfterSeconds)}.`
        : result.body.message;
    default:
      return result.status >= 500 && result.body.error !== 'email_failed' ? UNEXPECTED.message : result.body.message;
  }
}
