import { ValidationError } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  DEFAULT_STYLESHEET,
  MESSAGES,
  StylesheetHrefSchema,
  generateDocumentSet,
  loadProductInputs,
  renderHtml,
  type GenerateOptions,
} from '@cra-kit/docs-generator';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_EVIDENCE, EXAMPLE_PROFILE } from './fixtures.js';

const clock = fixedClock(new Date('2027-09-30T12:00:00Z'));
let inputs: GenerateOptions;
beforeAll(async () => {
  inputs = {
    ...(await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock })),
    clock,
    languages: ['en'],
    formats: ['html'],
  };
});

const htmlFiles = (options: Partial<GenerateOptions>) =>
  generateDocumentSet({ ...inputs, ...options }).files.filter((f) => f.name.endsWith('.html'));

describe('stylesheetHref: linking the stylesheet instead of inlining it', () => {
  it('inlines the default stylesheet when no option is given, as before', () => {
    for (const f of htmlFiles({})) {
      expect(f.content).toContain(`<style>${DEFAULT_STYLESHEET}</style>`);
      expect(f.content).not.toContain('<link');
    }
  });

  it('links the stylesheet, with nothing inline, and the HTML stays valid', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const files = htmlFiles({ stylesheetHref: '/compliance/assets/documents.0123abcd.css' });
    expect(files.length).toBe(6);
    for (const f of files) {
      expect(f.content).toContain('<link rel="stylesheet" href="/compliance/assets/documents.0123abcd.css">');
      expect(f.content).not.toMatch(/<style|style=/);
      const report = await validator.validateString(f.content, f.name);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${f.name}: ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  }); // prettier-ignore

  it('accepts relative references and https URLs, escaped in the attribute', () => {
    const [doc] = generateDocumentSet(inputs).documents;
    const link = (href: string) =>
      /<link rel="stylesheet" href="([^"]*)">/.exec(renderHtml(doc!, MESSAGES['en']!, { stylesheetHref: href }))?.[1];
    expect(link('doc.css')).toBe('doc.css');
    expect(link('../styles/doc.css')).toBe('../styles/doc.css');
    expect(link('./a:b.css')).toBe('./a:b.css');
    expect(link('https://cdn.example/doc.css?v=1&x=2')).toBe('https://cdn.example/doc.css?v=1&amp;x=2');
    expect(link("/it's.css")).toBe('/it&#39;s.css');
  }); // prettier-ignore

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/css,body{color:red}',
    'vbscript:x',
    'http://cdn.example/doc.css',
    'https:doc.css',
    'https://',
    '//evil.example/doc.css',
    '/\\evil.example/doc.css',
    'doc.css" onload="alert(1)',
    'doc.css>',
    '',
    `/${'a'.repeat(2048)}.css`,
  ])('refuses %j with CORE_VALIDATION_FAILED, before rendering anything', (href) => {
    expect(StylesheetHrefSchema.safeParse(href).success).toBe(false);
    expect(() => generateDocumentSet({ ...inputs, stylesheetHref: href })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    const [doc] = generateDocumentSet(inputs).documents;
    expect(() => renderHtml(doc!, MESSAGES['en']!, { stylesheetHref: href })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  }); // prettier-ignore

  it('refuses an inline stylesheet and a linked one together', () => {
    expect(() => generateDocumentSet({ ...inputs, stylesheet: 'body{}', stylesheetHref: 'doc.css' })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    // Markdown-only sets are checked too: a wrong option is wrong whatever is asked for.
    expect(() => generateDocumentSet({ ...inputs, formats: ['md'], stylesheetHref: 'javascript:x' })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  }); // prettier-ignore
});
