import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentSet } from './generate.js';
import { renderPdfs, type PdfOptions } from './pdf/render-pdf.js';

/** Options of {@link writeDocumentSet}. */
export interface WriteOptions {
  /** Also print every HTML file to PDF through headless Chromium. */
  readonly pdf?: boolean | PdfOptions;
  /** Called after each file, e.g. for progress output. */
  readonly onFile?: (name: string) => void;
}

/**
 * Writes a generated set into a directory (created if needed). Each file is written to a
 * temporary name and renamed, so a reader never sees a half-written document.
 *
 * @param set - From `generateDocumentSet`.
 * @param dir - The output directory.
 * @param options - PDF output and progress.
 * @returns The names of the files written.
 * @throws {DocsGeneratorError} DOCS_PDF_UNAVAILABLE, DOCS_PDF_FAILED when PDF output fails.
 */
export async function writeDocumentSet(set: DocumentSet, dir: string, options: WriteOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    await writeFile(`${path}.tmp`, content, { mode: 0o644 });
    await rename(`${path}.tmp`, path);
    written.push(name);
    options.onFile?.(name);
  };
  for (const file of set.files) await put(file.name, file.content);
  if (options.pdf !== undefined && options.pdf !== false) {
    const pdfOptions = options.pdf === true ? {} : options.pdf;
    const html = set.files.filter((f) => f.name.endsWith('.html'));
    const pdfs = await renderPdfs(html.map((f) => f.content), pdfOptions);
    for (const [i, file] of html.entries()) {
      const pdf = pdfs[i];
      if (pdf !== undefined) await put(file.name.replace(/\.html$/, '.pdf'), pdf.pdf);
    }
  }
  return written;
} // prettier-ignore
