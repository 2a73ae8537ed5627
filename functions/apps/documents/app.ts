// Documents: the Hono app for the CPD documents function (a person's log and records of attendance as PDFs). It
// carries pdfkit and the fonts, so the API function doesn't; the local server hands it isCpdDocumentPath's paths.
import { baseApp } from '#functions/http/base-app.ts';
import { mount } from '#functions/http/routes.ts';
import { cpdDocumentRoutes } from '#functions/cpd/documents.ts';
import type { DocumentsAppDeps } from './deps.ts';

export function createDocumentsApp(deps: DocumentsAppDeps) {
  const app = baseApp(deps.logger);
  mount(app, cpdDocumentRoutes, deps);
  return app;
}
