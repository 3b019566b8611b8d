import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseProductProfile } from '@cra-kit/core';
import { HtmlValidate } from 'html-validate';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { VulnIntakeError } from '../errors.js';
import { toHtmlAdvisory, toMarkdownAdvisory } from './advisory-text.js';
import { toCsafAdvisory } from './csaf-advisory.js';
import { csafProviderFiles } from './csaf-provider.js';
import { toCveCnaContainer } from './cve-record.js';
import { toCvdPolicy } from './cvd-policy.js';
import { toSecurityTxt } from './security-txt.js';

const profile = parseProductProfile(
  parse(
    readFileSync(
      new URL('../../../../examples/products/vibration-sensor.cra.product.yaml', import.meta.url),
      'utf8',
    ),
  ),
);
const HOSTILE =
  '<script>alert(1)</script> [link](javascript:alert(1)) # <img src=x onerror=alert(2)>';
const hostile = makeCase({
  title: HOSTILE,
  description: HOSTILE,
  reporter: { name: HOSTILE, credit: true },
  affected: [{ model: HOSTILE, versions: [HOSTILE], fixedIn: '2.4.1' }],
  cveId: 'CVE-2026-12345',
  cwe: ['CWE-79'],
  cvss: { v31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' },
});
const text = { advisoryId: 'ACME-SA-2026-004', publishedAt: '2026-11-02T10:00:00Z' };

describe('CSAF provider directory', () => {
  it('lays out documents with .sha256/.sha512 files that sha512sum and sha256sum accept, plus index, changes and metadata', async () => {
    const docs = [
      toCsafAdvisory(
        makeCase({ affected: [{ model: 'vs300', versions: ['2.4.0'], fixedIn: '2.4.1' }] }),
        profile,
        {
          trackingId: 'ACME-SA-2026-004',
          publishedAt: '2026-11-02T10:00:00Z',
          baseUrl: 'https://acme-sensors.example/.well-known/csaf/white/2026',
        },
      ),
      toCsafAdvisory(
        makeCase({ affected: [{ model: 'vs300', versions: ['2.5.0'], fixedIn: '2.5.1' }] }),
        profile,
        {
          trackingId: 'ACME-SA-2027-001',
          publishedAt: '2027-01-05T10:00:00Z',
          baseUrl: 'https://acme-sensors.example/.well-known/csaf/white/2027',
        },
      ),
    ];
    const files = await csafProviderFiles(docs, profile, {
      origin: 'https://acme-sensors.example',
      lastUpdated: '2027-01-05T10:00:00Z',
    });
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '.well-known/csaf/provider-metadata.json',
        '.well-known/csaf/white/2026/acme-sa-2026-004.json',
        '.well-known/csaf/white/2026/acme-sa-2026-004.json.sha512',
        '.well-known/csaf/white/2027/acme-sa-2027-001.json.sha256',
        '.well-known/csaf/white/index.txt',
        '.well-known/csaf/white/changes.csv',
      ]),
    );
    const root = mkdtempSync(join(tmpdir(), 'cra-csaf-'));
    try {
      for (const f of files) {
        mkdirSync(dirname(join(root, f.path)), { recursive: true });
        writeFileSync(join(root, f.path), f.content);
      }
      for (const [tool, ext] of [
        ['sha512sum', 'sha512'],
        ['sha256sum', 'sha256'],
      ] as const) {
        const check = spawnSync(tool, ['-c', `acme-sa-2026-004.json.${ext}`], {
          cwd: join(root, '.well-known/csaf/white/2026'),
          encoding: 'utf8',
        });
        expect(check.stdout).toContain('OK');
        expect(check.status).toBe(0);
      }
      const doc = files.find((f) => f.path.endsWith('2026-004.json'))!.content;
      expect(
        files.find((f) => f.path.endsWith('2026-004.json.sha512'))!.content.split(' ')[0],
      ).toBe(createHash('sha512').update(doc).digest('hex'));
      writeFileSync(
        join(root, '.well-known/csaf/white/2026/acme-sa-2026-004.json'),
        doc.replace('2.4.1', '2.4.2'),
      );
      expect(
        spawnSync('sha512sum', ['-c', 'acme-sa-2026-004.json.sha512'], {
          cwd: join(root, '.well-known/csaf/white/2026'),
        }).status,
      ).not.toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(files.find((f) => f.path.endsWith('index.txt'))!.content).toBe(
      '2027/acme-sa-2027-001.json\n2026/acme-sa-2026-004.json\n',
    );
    const metadata = JSON.parse(
      files.find((f) => f.path.endsWith('provider-metadata.json'))!.content,
    ) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      metadata_version: '2.0',
      role: 'csaf_provider',
      canonical_url: 'https://acme-sensors.example/.well-known/csaf/provider-metadata.json',
      distributions: [{ directory_url: 'https://acme-sensors.example/.well-known/csaf/white/' }],
      publisher: { category: 'vendor', name: profile.manufacturer.name },
    });
    await expect(
      csafProviderFiles(docs, profile, {
        origin: 'http://acme-sensors.example',
        lastUpdated: '2027-01-05T10:00:00Z',
      }),
    ).rejects.toBeErrorWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
    await expect(
      csafProviderFiles([docs[0]!, docs[0]!], profile, {
        origin: 'https://acme-sensors.example',
        lastUpdated: '2027-01-05T10:00:00Z',
      }),
    ).rejects.toBeErrorWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
  });
});

describe('human-readable advisories', () => {
  it('render HTML that html-validate accepts, with every reported text escaped', async () => {
    const html = toHtmlAdvisory(hostile, profile, text);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
    }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('render Markdown in which reported text cannot become markup', () => {
    const md = toMarkdownAdvisory(hostile, profile, text);
    // An escaped `\]` cannot close a link text, so only an unescaped `](` could start a link.
    expect(md).not.toMatch(/<script|<img|(?<!\\)\]\(javascript/);
    expect(md).toContain('\\[link\\](javascript');
    expect(md).toContain('&lt;script&gt;');
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .slice(1),
    ).toEqual([
      '## Summary',
      '## Affected products',
      '## Severity',
      '## Remediation',
      '## Identifiers',
      '## Credit',
    ]);
    expect(md.split('\n')[0]).toBe(
      '# &lt;script&gt;alert(1)&lt;/script&gt; \\[link\\](javascript:alert(1)) # &lt;img src=x onerror=alert(2)&gt;',
    );
    expect(md).toContain('CVSS v3.1 base score 6.1 (medium)');
  });
});

describe('CVE JSON 5 CNA container', () => {
  const orgId = 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6';
  it('describes the case in the CVE record format', () => {
    const kase = makeCase({
      cveId: 'CVE-2026-12345',
      affected: [{ model: 'vs300', versions: ['2.4.0', '<2.4.0'], fixedIn: '2.4.1' }],
      cwe: ['CWE-121'],
      cvss: { v31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    const record = toCveCnaContainer(kase, profile, {
      orgId,
      references: ['https://acme-sensors.example/security/ACME-SA-2026-004'],
    });
    expect(record.cveId).toBe('CVE-2026-12345');
    expect(record.containers.cna).toMatchObject({
      providerMetadata: { orgId },
      descriptions: [{ lang: 'en', value: kase.description }],
      affected: [
        {
          vendor: profile.manufacturer.name,
          product: profile.product.name,
          defaultStatus: 'unaffected',
          versions: [
            { version: '2.4.0', status: 'affected' },
            { version: '0', lessThan: '2.4.0', status: 'affected', versionType: 'custom' },
            { version: '2.4.1', status: 'unaffected' },
          ],
        },
      ],
      problemTypes: [{ descriptions: [{ cweId: 'CWE-121', type: 'CWE', lang: 'en' }] }],
      metrics: [{ cvssV3_1: { baseScore: 9.8, baseSeverity: 'CRITICAL' } }],
      references: [{ url: 'https://acme-sensors.example/security/ACME-SA-2026-004' }],
    });
  });

  it('needs a CVE id, a product, a UUID orgId and an https reference', () => {
    const kase = makeCase({
      cveId: 'CVE-2026-12345',
      affected: [{ model: 'vs300', versions: ['2.4.0'] }],
    });
    const refs = ['https://a.example/x'];
    expect(() =>
      toCveCnaContainer(makeCase({ affected: kase.affected }), profile, {
        orgId,
        references: refs,
      }),
    ).toThrowWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
    expect(() =>
      toCveCnaContainer(kase, profile, { orgId: 'acme', references: refs }),
    ).toThrowWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
    expect(() => toCveCnaContainer(kase, profile, { orgId, references: [] })).toThrowWithCode(
      VulnIntakeError,
      'VULN_INPUT_INVALID',
    );
    expect(() =>
      toCveCnaContainer(kase, profile, { orgId, references: ['http://a.example'] }),
    ).toThrowWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
  });
});

describe('security.txt (RFC 9116)', () => {
  const now = new Date('2026-11-01T00:00:00Z');
  const fields = {
    contact: [
      'mailto:security@acme-sensors.example',
      'https://acme-sensors.example/security/report',
    ],
    expires: '2027-10-31T00:00:00Z',
    encryption: ['https://acme-sensors.example/.well-known/openpgp-key.asc'],
    policy: ['https://acme-sensors.example/security/cvd-policy'],
    preferredLanguages: ['en', 'de'],
    canonical: ['https://acme-sensors.example/.well-known/security.txt'],
    csaf: ['https://acme-sensors.example/.well-known/csaf/provider-metadata.json'],
  };

  it('writes every field, one per line, in the RFC syntax', () => {
    const txt = toSecurityTxt(fields, now);
    expect(txt).toBe(
      [
        'Contact: mailto:security@acme-sensors.example',
        'Contact: https://acme-sensors.example/security/report',
        'Expires: 2027-10-31T00:00:00Z',
        'Encryption: https://acme-sensors.example/.well-known/openpgp-key.asc',
        'Policy: https://acme-sensors.example/security/cvd-policy',
        'Preferred-Languages: en, de',
        'Canonical: https://acme-sensors.example/.well-known/security.txt',
        'CSAF: https://acme-sensors.example/.well-known/csaf/provider-metadata.json',
        '',
      ].join('\n'),
    );
    // RFC 9116 §4 ABNF, simplified: field-name ":" SP value; Expires exactly once.
    for (const line of txt.trimEnd().split('\n')) expect(line).toMatch(/^[A-Za-z-]+: \S.*$/);
    expect(txt.match(/^Expires:/gm)).toHaveLength(1);
  });

  it.each([
    ['no Contact', { contact: [] }],
    ['an Expires in the past', { expires: '2026-10-01T00:00:00Z' }],
    ['an Expires more than a year ahead', { expires: '2027-12-01T00:00:00Z' }],
    ['a plain-http Policy', { policy: ['http://acme-sensors.example/p'] }],
    [
      'a line break (field injection)',
      { contact: ['mailto:a@b.example\nContact: mailto:evil@x.example'] },
    ],
    ['a bad language tag', { preferredLanguages: ['en;q=1'] }],
  ])('refuses %s', (_, change) => {
    expect(() => toSecurityTxt({ ...fields, ...change }, now)).toThrowWithCode(
      VulnIntakeError,
      'VULN_INPUT_INVALID',
    );
  });
});

describe('CVD policy (ISO/IEC 29147 shape)', () => {
  it('states scope, reporting, acknowledgement and disclosure timelines, coordination and safe harbour', () => {
    const policy = toCvdPolicy(profile, { acknowledgeWithinDays: 3, disclosureDays: 60 });
    for (const heading of [
      '## 1. Scope',
      '## 2. How to report',
      '## 3. What happens next',
      '## 4. Coordination',
      '## 5. Safe harbour',
      '## 6. Recognition',
    ])
      expect(policy).toContain(heading);
    expect(policy).toContain('within 3 working days');
    expect(policy).toContain('60 days');
    expect(policy).toContain('Article 14');
    expect(toCvdPolicy(profile, { safeHarbour: false })).not.toContain('Safe harbour');
  });
});
