import { DocsGeneratorError } from '../errors.js';

/** Options of {@link renderPdf}. */
export interface PdfOptions {
  /** The Chromium binary; default `/usr/bin/chromium` (the Debian package). Never downloaded. */
  readonly executablePath?: string;
  /** Milliseconds allowed for launching and printing; default 30 000. */
  readonly timeoutMs?: number;
  /** Also return a PNG screenshot of the first page (for visual checks). */
  readonly screenshot?: boolean;
}

/** The rendered PDF, and a PNG of the first page when asked for. */
export interface PdfResult {
  readonly pdf: Uint8Array;
  readonly screenshot?: Uint8Array;
}

/** Flags for a headless Chromium that talks to nothing but the page it prints. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
] as const;

interface PlaywrightLike {
  chromium: {
    launch(o: { executablePath: string; args: string[]; timeout: number }): Promise<{
      newPage(o?: { viewport?: { width: number; height: number } }): Promise<{
        route(
          url: string,
          handler: (route: { abort(): Promise<void> }) => Promise<void>,
        ): Promise<void>;
        setContent(html: string, o: { waitUntil: 'load'; timeout: number }): Promise<void>;
        emulateMedia(o: { media: 'print' }): Promise<void>;
        pdf(o: { format: string; printBackground: boolean }): Promise<Uint8Array>;
        screenshot(o: { type: 'png' }): Promise<Uint8Array>;
      }>;
      close(): Promise<void>;
    }>;
  };
}

/**
 * Prints self-contained HTML (from `renderHtml`) to an A4 PDF with headless Chromium through
 * `playwright-core`, an optional peer dependency. Every network request of the page is aborted,
 * so the PDF shows only what the HTML contains.
 *
 * @param html - A self-contained HTML document.
 * @param options - Chromium path, timeout, screenshot.
 * @returns The PDF bytes (and a PNG of the first page if asked).
 * @throws {DocsGeneratorError} DOCS_PDF_UNAVAILABLE when `playwright-core` is not installed or
 *   Chromium cannot be started; DOCS_PDF_FAILED when printing fails.
 */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<PdfResult> {
  const [result] = await renderPdfs([html], options);
  if (result === undefined)
    throw new DocsGeneratorError('DOCS_PDF_FAILED', 'Chromium returned no PDF');
  return result;
}

/**
 * Like {@link renderPdf} for several documents, with one Chromium for all of them.
 *
 * @param htmls - Self-contained HTML documents.
 * @param options - Chromium path, timeout, screenshot.
 * @returns One result per document, in order.
 * @throws {DocsGeneratorError} DOCS_PDF_UNAVAILABLE, DOCS_PDF_FAILED
 */
export async function renderPdfs(htmls: readonly string[], options: PdfOptions = {}): Promise<PdfResult[]> {
  const executablePath = options.executablePath ?? '/usr/bin/chromium';
  const timeout = options.timeoutMs ?? 30_000;
  let playwright: PlaywrightLike;
  try {
    playwright = (await import('playwright-core')) as unknown as PlaywrightLike;
  } catch (cause) {
    throw new DocsGeneratorError('DOCS_PDF_UNAVAILABLE', 'PDF output needs playwright-core: install it with `npm install playwright-core` (HTML and Markdown do not)', { cause });
  }
  let browser;
  try {
    browser = await playwright.chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout });
  } catch (cause) {
    throw new DocsGeneratorError('DOCS_PDF_UNAVAILABLE', `cannot start Chromium at ${executablePath}: install it (Debian: apt-get install chromium) or pass executablePath`, { cause, details: { executablePath } });
  }
  try {
    const results: PdfResult[] = [];
    for (const html of htmls) {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout });
      await page.emulateMedia({ media: 'print' });
      const pdf = new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }));
      const screenshot = options.screenshot === true ? new Uint8Array(await page.screenshot({ type: 'png' })) : undefined;
      results.push({ pdf, ...(screenshot === undefined ? {} : { screenshot }) });
    }
    return results;
  } catch (cause) {
    throw new DocsGeneratorError('DOCS_PDF_FAILED', 'Chromium could not print the document', { cause });
  } finally {
    await browser.close();
  }
} // prettier-ignore
