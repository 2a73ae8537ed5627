// API: the OpenAPI document, generated from the same zod schemas the routes validate with.
// Built once by the web build into /api/openapi.json (a static file), so the Lambda bundle carries no generator.
import type * as z from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { errorSchema } from '#functions/http/schemas.ts';
import { routeDocs, type RouteDoc } from '#functions/http/routes.ts';
import { capabilities } from './app.ts';


const commonErrors: RouteDoc['responses'] = {
  400: { description: 'A field is missing or invalid; `details` names each one', schema: errorSchema },
};

export function openApiDocument(routes: RouteDoc[]) {
  const registry = new OpenAPIRegistry();
  for (const r of routes) {
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    registry.registerPath({
      method: r.method,
      path: r.path.replace(/:(\w+)/g, '{$1}'),
      summary: r.summary,
      request: {
        ...(r.query ? { query: r.query } : {}),
        ...(r.body ? { body: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
      },
      ...(params.length ? { parameters: params.map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' as const } })) } : {}),
      responses: Object.fromEntries(
        Object.entries({ ...commonErrors, ...r.responses }).map(([status, { description, schema }]) => [
          status,
          { description, ...(schema ? { content: { 'application/json': { schema } } } : {}) },
        ]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Signpost API',
      version: '1.0.0',
      description: 'Free CPD meetups for the library and information community. Every event is free; there is no price field.',
    },
  });
}

/** The whole API's document: every route the app mounts, from the same list. Written to /api/openapi.json by the web build. */
export const apiDocument = () => openApiDocument(capabilities.flatMap(({ routes }) => routeDocs(routes)));
