// Infra: the CloudFront Functions code for the static site, generated from web/routes.ts so routing is written once.
import { NOT_FOUND_PAGE, SLASHED_SERVER_PAGES, staticPages } from '#web/routes.ts';

/** S3 user metadata stored on the not-found page; the viewer-response function turns it into a 404. */
export const NOT_FOUND_METADATA = { 'signpost-status': '404' } as const;
const NOT_FOUND_HEADER = 'x-amz-meta-signpost-status';

interface PageRoute {
  pattern: RegExp;
  file: string;
}

/**
 * Viewer request, default (S3) behaviour only: a page path gets its built file, a path naming a file (assets, favicon)
 * goes to S3 as it is, and anything else gets the not-found page. The API behaviours never run this, so their own
 * 403/404 answers stay intact (distribution-wide custom error responses would have replaced them too).
 */
export function viewerRequestCode(pages: readonly PageRoute[] = staticPages, notFoundPage = NOT_FOUND_PAGE): string {
  const routes = pages.map((p) => `  [${p.pattern.toString()}, ${JSON.stringify(`/${p.file}`)}],`).join('\n');
  return `var pages = [
${routes}
];
var slashed = ${JSON.stringify(SLASHED_SERVER_PAGES)};
function handler(event) {
  var request = event.request;
  if (slashed.indexOf(request.uri) !== -1) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: request.uri.slice(0, -1) } } };
  }
  for (var i = 0; i < pages.length; i++) {
    if (pages[i][0].test(request.uri)) {
      request.uri = pages[i][1];
      return request;
    }
  }
  if (/\\/[^/]*\\.[A-Za-z0-9]+$/.test(request.uri)) return request;
  request.uri = ${JSON.stringify(`/${notFoundPage}`)};
  return request;
}
`;
}

/**
 * Viewer response, default behaviour only: the not-found page is stored with a status in its metadata, because S3 can
 * only answer 200 for an object. A missing file is a 403 from S3 (the bucket is not listable), which is a 404 to a visitor.
 */
export function viewerResponseCode(): string {
  const header = JSON.stringify(NOT_FOUND_HEADER);
  return `function handler(event) {
  var response = event.response;
  if (response.headers[${header}] || response.statusCode === 403) {
    response.statusCode = 404;
    response.statusDescription = 'Not Found';
    delete response.headers[${header}];
  }
  return response;
}
`;
}
