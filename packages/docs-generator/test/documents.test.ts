import { listRequirements, type RequirementSource } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  DEFAULT_TEMPLATES,
  DocsGeneratorError,
  LANGUAGES,
  MESSAGES,
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
  };
});

// Annex VI as printed in the Official Journal (OJ L, 2024/2847, Annex VI), with its two blanks.
const ANNEX_VI_TEMPLATE =
  'Hereby, … [name of manufacturer] declares that the product with digital elements type … [designation of type of product with digital element] is in compliance with Regulation (EU) 2024/2847.';

const COVERAGE: [string, RequirementSource][] = [
  ['declaration', 'annex-v'],
  ['simplified-declaration', 'annex-vi'],
  ['technical-documentation', 'annex-vii'],
  ['user-information', 'annex-ii'],
];

describe('generated documents', () => {
  it.each(LANGUAGES.flatMap((lang) => COVERAGE.map(([doc, source]) => [doc, source, lang] as const)))('%s has a section for every %s requirement of the catalogue (%s)', (doc, source, lang) => {
    const set = generateDocumentSet({ ...inputs, languages: [lang] });
    const model = set.documents.find((d) => d.id === doc)!;
    const wanted = listRequirements({ source }).map((r) => r.id);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.filter((id) => !model.sections.some((s) => s.requirement === id))).toEqual([]);
    for (const ext of ['md', 'html']) {
      const file = set.files.find((f) => f.name === `${doc}.${lang}.${ext}`)!;
      for (const r of listRequirements({ source })) expect(file.content).toContain(r.citation);
    }
  });

  it('the simplified declaration uses the Annex VI sentence verbatim, with the blanks filled in', () => {
    const set = generateDocumentSet(inputs);
    const expected = ANNEX_VI_TEMPLATE.replace('… [name of manufacturer]', inputs.profile.manufacturer.name).replace('… [designation of type of product with digital element]', inputs.profile.product.type);
    for (const f of set.files.filter((x) => x.name.startsWith('simplified-declaration.'))) expect(f.content).toContain(expected);
    expect(set.files.find((f) => f.name === 'simplified-declaration.en.md')!.content).toContain(inputs.profile.documentation.declarationOfConformityUrl!);
  });

  it('the user information explains turning off automatic updates and secure decommissioning', () => {
    const doc = generateDocumentSet(inputs).documents.find((d) => d.id === 'user-information')!;
    const text = (id: string) => JSON.stringify(doc.sections.find((s) => s.requirement === id)!.blocks);
    expect(text('annex-ii.8.e')).toContain(inputs.riskAssessment!.requirements['annex-i.part-1.2.c']!.applicable ? 'Automatic security updates' : 'x');
    expect(text('annex-ii.8.d')).toContain('factory reset erases');
  });

  it('every section of the technical documentation cites evidence with its SHA-256 where a file supports it', () => {
    const doc = generateDocumentSet(inputs).documents.find((d) => d.id === 'technical-documentation')!;
    const sbom = doc.sections.find((s) => s.requirement === 'annex-vii.8')!;
    expect(sbom.evidence[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const tests = doc.sections.find((s) => s.requirement === 'annex-vii.6')!;
    expect(JSON.stringify(tests.blocks)).toContain('junit-firmware-2.4.1.xml');
  });

  it('generated HTML passes html-validate, in every language', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const set = generateDocumentSet({ ...inputs, languages: LANGUAGES });
    const html = set.files.filter((f) => f.name.endsWith('.html'));
    expect(html.length).toBe(LANGUAGES.length * 6);
    for (const f of html) {
      const report = await validator.validateString(f.content, f.name);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${f.name}: ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });

  it('escapes every field: a product name with <script> stays text in HTML and Markdown', async () => {
    const evil = '<script>alert(1)</script> & "x" *y* [z](http://e.example)';
    const profile = { ...inputs.profile, product: { ...inputs.profile.product, name: evil, type: '<img src=x onerror=alert(1)>' }, manufacturer: { ...inputs.profile.manufacturer, name: '<b>ACME</b>' } };
    const set = generateDocumentSet({ ...inputs, profile });
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const f of set.files.filter((x) => x.name.endsWith('.html'))) {
      expect(f.content).not.toMatch(/<script|<img|<b>/);
      expect(f.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect((await validator.validateString(f.content)).valid).toBe(true);
    }
    for (const f of set.files.filter((x) => x.name.endsWith('.md'))) {
      expect(f.content).not.toMatch(/<script|<img|<b>|[^\\]\]\(http/);
    }
  });

  it('templates are plain functions that can be overridden, and the stylesheet replaced', () => {
    const set = generateDocumentSet({ ...inputs, stylesheet: 'body{color:navy}', templates: { 'cvd-policy': (ctx) => ({ ...DEFAULT_TEMPLATES['cvd-policy'](ctx), title: 'Our disclosure promise' }) } });
    const html = set.files.find((f) => f.name === 'cvd-policy.en.html')!.content;
    expect(html).toContain('<title>Our disclosure promise</title>');
    expect(html).toContain('body{color:navy}');
    expect(renderHtml(set.documents[0]!, MESSAGES['en']!)).toContain('@media print');
  });

  it('generates the full set for the example in under one second without PDF (bench/run.mjs measures it)', async () => {
    const start = performance.now();
    const fresh = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    const set = generateDocumentSet({ ...fresh, clock, languages: LANGUAGES });
    expect(set.files.length).toBe(LANGUAGES.length * 12 + 2);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('refuses an unknown language or format', () => {
    expect(() => generateDocumentSet({ ...inputs, languages: ['xx'] })).toThrowWithCode(DocsGeneratorError, 'DOCS_UNKNOWN_LANGUAGE');
    expect(() => generateDocumentSet({ ...inputs, formats: ['docx' as never] })).toThrowWithCode(DocsGeneratorError, 'DOCS_UNKNOWN_FORMAT');
  });

  it('the German table has a heading for every section the English documents have', () => {
    const en = generateDocumentSet({ ...inputs, languages: ['en'] }).documents;
    const de = generateDocumentSet({ ...inputs, languages: ['de'] }).documents;
    expect(de.map((d) => d.sections.length)).toEqual(en.map((d) => d.sections.length));
    const headed = de.flatMap((d) => d.sections).filter((s) => s.requirement !== undefined);
    expect(headed.filter((s) => s.heading === en.flatMap((d) => d.sections).find((x) => x.requirement === s.requirement)?.heading).map((s) => s.requirement)).toEqual([]);
  });
}); // prettier-ignore
