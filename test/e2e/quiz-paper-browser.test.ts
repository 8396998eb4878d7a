/**
 * `quiz export --format html` in a real headless Chromium (Debian's chromium,
 * driven by playwright-core): the page renders with every question, prints to
 * a PDF, and the answer key starts on a page of its own. Without chromium
 * this suite reports itself skipped, with the reason in its name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, skippedWhy } from '../helpers/browser.js';
import { run } from '../helpers/cli.js';

describe.skipIf(!hasChromium)(`paper quiz in headless Chromium${skippedWhy}`, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every question of the seeded paper and its key, offline, and prints to a PDF with the key on its own page', async () => {
    const r = await run([
      'quiz',
      'export',
      'seven-steps',
      '--format',
      'html',
      '--seed',
      'class-1',
      '--count',
      '6',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const md = await run(['quiz', 'export', 'seven-steps', '--seed', 'class-1', '--count', '6']);
    const prompts = [...md.stdout.matchAll(/^\*\*\d+\. (.+)\*\*$/gm)].map((m) => m[1]!);
    expect(prompts).toHaveLength(6);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.setContent(r.stdout, { waitUntil: 'load' });
    expect(requests).toEqual([]); // self-contained: nothing fetched
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'The seven steps of the authorization-code flow',
    );
    // The same questions, in the same order, as the markdown paper for this seed.
    await expect(page.locator('ol.questions > li .prompt').allTextContents()).resolves.toEqual(
      prompts,
    );
    await expect(page.locator('section.key > ol > li').count()).resolves.toBe(6);

    await page.emulateMedia({ media: 'print' });
    // The test tsconfig has no DOM types: the page-side code is a string.
    await expect(
      page.evaluate("getComputedStyle(document.querySelector('section.key')).breakBefore"),
    ).resolves.toBe('page');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    await page.close();
  }, 60_000);
});
