// API: shared OpenAPI plumbing. Every sub-app answers schema failures the same way: 400 naming each field.
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationError } from '../shared/errors.ts';
import { fieldIssues } from '../events/event.schema.ts';

export const newSubApp = () =>
  new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationError(fieldIssues(result.error));
    },
  });

export const jsonContent = <T>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
