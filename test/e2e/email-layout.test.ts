// E2E: every email's HTML on a 375 px phone in headless Chromium — no sideways scroll however long the title, venue or
// joining link; the meetup's title is the heading; the page says it is British English; links are real links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { accountSamples, allSamples } from '../support/email-samples.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  // The HTML is rendered offline: nothing it links to is fetched.
  await page.route('**/*', (route) => route.abort());
});

afterAll(async () => {
  await browser?.close();
});

describe('every email at 375 px', () => {
  for (const sample of allSamples()) {
    it(`${sample.name}: no horizontal scroll, the title as its heading, lang en-GB`, async () => {
      await page.setContent(sample.email.html, { waitUntil: 'load' });
      const measured = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        lang: document.documentElement.lang,
        h1: document.querySelector('h1')?.textContent ?? '',
        widest: Math.max(...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().right)),
        links: [...document.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
      }));
      expect(measured.scrollWidth).toBeLessThanOrEqual(375);
      expect(measured.bodyScrollWidth).toBeLessThanOrEqual(375);
      expect(measured.widest).toBeLessThanOrEqual(375);
      expect(measured.lang).toBe('en-GB');
      expect(measured.h1).toBe(sample.event.title);
      // Every link reads as words, not as a bare URL.
      for (const link of measured.links) {
        expect(link.href).toMatch(/^https:\/\//);
        expect(link.text.trim()).not.toMatch(/^https?:/);
      }
    });
  }
});

describe('the account, team and moderation emails at 375 px', () => {
  for (const sample of accountSamples()) {
    it(`${sample.name}: no horizontal scroll, a heading, lang en-GB, links that read as words`, async () => {
      await page.setContent(sample.email.html, { waitUntil: 'load' });
      const measured = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        widest: Math.max(...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().right)),
        lang: document.documentElement.lang,
        h1: document.querySelector('h1')?.textContent ?? '',
        links: [...document.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
      }));
      expect(measured.scrollWidth).toBeLessThanOrEqual(375);
      expect(measured.widest).toBeLessThanOrEqual(375);
      expect(measured.lang).toBe('en-GB');
      expect(measured.h1.trim().length).toBeGreaterThan(3);
      expect(measured.links.length).toBeGreaterThan(0);
      for (const link of measured.links) {
        expect(link.href).toMatch(/^https:\/\//);
        expect(link.text.trim()).not.toMatch(/^https?:/);
      }
    });
  }
});
