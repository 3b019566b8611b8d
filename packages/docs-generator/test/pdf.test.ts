import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fixedClock } from '@cra-kit/testing';
import {
  DocsGeneratorError,
  generateDocumentSet,
  loadProductInputs,
  renderPdf,
} from '@cra-kit/docs-generator';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_EVIDENCE, EXAMPLE_PROFILE } from './fixtures.js';

const clock = fixedClock(new Date('2027-09-30T12:00:00Z'));
const REFERENCE = new URL('./screenshots/declaration-en-page-1.png', import.meta.url).pathname;

const COMPARE_IN_PAGE = `async (x, y) => {
  const load = async (src) => { const img = new Image(); img.src = src; await img.decode(); return img; };
  const [i, j] = [await load(x), await load(y)];
  if (i.width !== j.width || i.height !== j.height) return 1;
  const data = (img) => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height).data; };
  const [p, q] = [data(i), data(j)];
  let differ = 0;
  for (let k = 0; k < p.length; k += 4) if (Math.abs(p[k] - q[k]) + Math.abs(p[k + 1] - q[k + 1]) + Math.abs(p[k + 2] - q[k + 2]) > 48) differ += 1;
  return differ / (p.length / 4);
}`;

/** Share of pixels that differ between two PNGs, measured in Chromium's own canvas. */
async function pixelDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const url = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    // Runs in the page, where the DOM exists; kept as source text because Node code has no DOM types.
    return await page.evaluate<number>(`(${COMPARE_IN_PAGE})(${JSON.stringify(url(a))}, ${JSON.stringify(url(b))})`);
  } finally {
    await browser.close();
  }
} // prettier-ignore

describe('PDF through headless Chromium', () => {
  it('renders the declaration to PDF, and its first page matches the checked-in screenshot', async () => {
    const inputs = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    const html = generateDocumentSet({ ...inputs, clock, formats: ['html'] }).files.find((f) => f.name === 'declaration.en.html')!.content;
    const { pdf, screenshot } = await renderPdf(html, { screenshot: true });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    // Refresh the reference deliberately with UPDATE_SCREENSHOTS=1; a missing one fails the test.
    if (process.env['UPDATE_SCREENSHOTS'] === '1') await writeFile(REFERENCE, screenshot!);
    expect(existsSync(REFERENCE)).toBe(true);
    expect(await pixelDifference(screenshot!, new Uint8Array(await readFile(REFERENCE)))).toBeLessThan(0.02);
  });

  it('says how to get Chromium when it is not there', async () => {
    await expect(renderPdf('<!DOCTYPE html><title>x</title>', { executablePath: '/nonexistent/chromium', timeoutMs: 5_000 })).rejects.toBeErrorWithCode(DocsGeneratorError, 'DOCS_PDF_UNAVAILABLE');
  });
}); // prettier-ignore
