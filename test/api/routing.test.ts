// API: who answers what. Every route the API app mounts lies under a path family core/paths.ts sends to the API
// function (so CloudFront and the local server route it there), and every feed route under the feeds' family.
import { describe, expect, it } from 'vitest';
import { API_PREFIX, EVENT_PAGES, isFeedPath, isServerPage } from '#functions/core/paths.ts';
import { capabilities } from '#functions/apps/api/app.ts';
import { inMemoryApp } from '#test/support/fakes.ts';

describe('routing from core/paths.ts', () => {
  it('mounts every API route under /api/ or /events/ or at a server page (SERVER_PAGES, SERVER_PAGE_FAMILIES), and none where the feeds function answers', () => {
    const { app } = inMemoryApp();
    const paths = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => r.path))];
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const serverPage = isServerPage(path);
      expect(serverPage || path.startsWith(`${API_PREFIX}/`) || path.startsWith(`${EVENT_PAGES}/`), path).toBe(true);
      expect(isFeedPath(path), path).toBe(false);
    }
  });

  it('lists each capability once, each under one base path', () => {
    const bases = capabilities.map(({ routes }) => routes.base);
    expect(new Set(bases).size).toBe(bases.length);
  });

  it('answers only feed paths from the feeds app', () => {
    const { feedApp } = inMemoryApp();
    const paths = feedApp.routes.filter((r) => r.method !== 'ALL').map((r) => r.path);
    expect(paths.length).toBe(6);
    for (const path of paths) expect(isFeedPath(path), path).toBe(true);
  });
});
