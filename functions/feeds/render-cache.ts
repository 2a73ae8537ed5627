// Feeds: rendered feeds kept in the function's memory, keyed by ETag, so a warm poll that does need the body costs
// one small read. Bounded by bytes; the least recently used feed goes first.
import { gzipSync } from 'node:zlib';

export interface RenderedFeed {
  text: Buffer;
  gzip: Buffer;
}

export interface RenderCache {
  get(etag: string): RenderedFeed | undefined;
  set(etag: string, feed: RenderedFeed): void;
}

export function renderedFeed(text: string): RenderedFeed {
  const bytes = Buffer.from(text, 'utf8');
  return { text: bytes, gzip: gzipSync(bytes, { level: 6 }) };
}

export function renderCache(maxBytes = 32 * 1024 * 1024): RenderCache {
  const entries = new Map<string, RenderedFeed>();
  let bytes = 0;
  const size = (f: RenderedFeed) => f.text.length + f.gzip.length;
  return {
    get(etag) {
      const feed = entries.get(etag);
      if (feed) {
        entries.delete(etag);
        entries.set(etag, feed);
      }
      return feed;
    },
    set(etag, feed) {
      if (size(feed) > maxBytes || entries.has(etag)) return;
      entries.set(etag, feed);
      bytes += size(feed);
      for (const [key, old] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(key);
        bytes -= size(old);
      }
    },
  };
}
