// E2E: an organiser on a 375 px phone, JavaScript on, lists a meetup with CPD details through /new (the collapsed
// "CPD (optional)" fieldset opened; a bad hours value named by the page script first), then sees "Counts towards your
// CPD" on its page. Both pages are axe-clean and never scroll sideways. Screenshots for review go to /work/shots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { inDays } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const SHOTS = process.env.SHOTS_DIR;
const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);
const shot = async (page: Page, name: string, selector: string) => {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.locator(selector).screenshot({ path: `${SHOTS}/e16-${name}.png` });
};

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base } = site);
});

afterAll(() => site?.close());

describe('CPD details in the browser', () => {
  it('lists a meetup with CPD details on a phone and shows them on its page', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    const email = `cpd-${Date.now()}@example.org`;
    const title = `TeachMeet with CPD ${Date.now()}`;
    await site.signIn(page, email);
    await page.goto(`${base}/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What will happen').fill('Short talks from school librarians.');
    await page.getByLabel('Starts').fill(inDays(10, '16:00'));
    await page.getByLabel('Ends').fill(inDays(10, '17:30'));
    await page.getByRole('radio', { name: 'In person' }).check();
    await page.getByLabel('Venue name and address').fill('Central Library\nManchester');
    await page.getByLabel('Your name').fill('Morag');
    await page.getByLabel('Your email address').fill(email);

    // Collapsed at first; opened, its inputs are labelled.
    const hours = page.getByLabel('CPD hours');
    expect(await hours.isVisible()).toBe(false);
    await page.getByText('Add CPD hours, learning outcomes, PKSB areas and format').click();
    await hours.fill('1.3');
    await page.getByLabel('Learning outcomes').fill('Plan a TeachMeet\nPitch an idea in three minutes');
    await page.getByLabel('Literacies and learning').check();
    await page.getByLabel('IT and communication').check();
    await page.getByLabel('Format of the session').selectOption('teachmeet');

    // The page script names a bad value before anything is sent.
    await page.getByRole('button', { name: 'List this meetup' }).click();
    const summary = page.locator('#error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Give the CPD hours in quarter hours, from 0 to 24');
    expect(await page.locator('#cpdHours-error').textContent()).toContain('Give the CPD hours in quarter hours');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

    await hours.fill('1.5');
    await page.getByRole('button', { name: 'List this meetup' }).click();
    await page.waitForURL(/\/events\/[a-z0-9]+\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    const section = page.getByRole('region', { name: 'Counts towards your CPD' });
    await section.waitFor();
    const text = (await section.textContent()) ?? '';
    for (const words of ['1.5 hours', 'TeachMeet', 'Plan a TeachMeet', 'Pitch an idea in three minutes', 'Literacies and learning', 'IT and communication']) expect(text).toContain(words);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'event-section-375', '#cpd-section');

    // The manage page's edit form is filled with them; a change of hours is saved.
    const eventUrl = page.url();
    const id = /\/events\/([a-z0-9]+)\//.exec(eventUrl)![1]!;
    await page.goto(`${base}/manage/${id}`);
    await expect.poll(() => hours.inputValue()).toBe('1.5');
    expect(await page.locator('#cpd-more').getAttribute('open')).not.toBeNull();
    expect(await page.getByLabel('Literacies and learning').isChecked()).toBe(true);
    expect(await page.getByLabel('Research skills').isChecked()).toBe(false);
    expect(await page.getByLabel('Learning outcomes').inputValue()).toBe('Plan a TeachMeet\nPitch an idea in three minutes');
    expect(await page.getByLabel('Format of the session').inputValue()).toBe('teachmeet');
    await hours.fill('2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(async () => ((await (await fetch(`${base}/api/events/${id}`)).json()) as { cpd?: { hours: number } }).cpd?.hours)
      .toBe(2);

    // The form's fieldset, for review, on a phone and on a desktop, with the event page's section at 1280 too.
    await page.goto(`${base}/new`);
    await page.getByText('Add CPD hours, learning outcomes, PKSB areas and format').click();
    await page.getByLabel('Research skills').check();
    await shot(page, 'form-375', '#cpd-section');
    const wide = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await wide.goto(`${base}/new`);
    await wide.getByText('Add CPD hours, learning outcomes, PKSB areas and format').click();
    expect(await axeViolations(wide)).toEqual([]);
    await shot(wide, 'form-1280', '#cpd-section');
    await wide.goto(eventUrl);
    await shot(wide, 'event-section-1280', '#cpd-section');
  });
});
