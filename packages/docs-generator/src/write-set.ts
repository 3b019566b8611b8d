import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@cra-kit/core/node';
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
 * Writes a generated set into a directory (created if needed). Each file is written atomically
 * (`writeFileAtomic`: temporary file, fsync, rename), so a reader never sees a half-written
 * document.
 *
 * @param set - From `generateDocumentSet`.
 * @param dir - The output directory.
 * @param options - PDF output and progress.
 * @returns The names of the files written.
 * @throws {DocsGeneratorError} DOCS_PDF_UNAVAILABLE, DOCS_PDF_FAILED when PDF output fails.
 * @throws {CoreError} CORE_FILE_WRITE_FAILED when a file cannot be written (earlier files stay).
 */
export async function writeDocumentSet(set: DocumentSet, dir: string, options: WriteOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, content: string | Uint8Array) => {
    await writeFileAtomic(join(dir, name), content, { mode: 0o644 });
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
