// HTTP kit: the schemas every capability's routes share: the token an emailed link carries, and the error body.
// Browser-safe (zod only), so forms show the same field messages the API sends.
import * as z from 'zod';

/** The 43-character token an emailed link carries in its fragment; `what` names the link in the messages. */
export const linkToken = (what: string) =>
  z
    .string(`The ${what} is missing its token`)
    .regex(/^[A-Za-z0-9_-]{43}$/, `The ${what} is incomplete; copy the whole link from the email`);

/** A POST body holding only a link's token, documented under `id` in the OpenAPI document. */
export const linkTokenBody = (id: string, what: string) => z.object({ token: linkToken(what) }).meta({ id });

/** Turns zod issues into the `{ field, message }` list the API returns and the form shows inline. */
export function fieldIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.length ? issue.path.join('.') : 'body', message: issue.message }));
}

export const errorSchema = z
  .object({
    error: z.string().meta({ example: 'validation_failed' }),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
