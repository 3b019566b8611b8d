import { execFileSync } from 'node:child_process';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  DocsGeneratorError,
  EVIDENCE_KINDS,
  checkEvidenceBundle,
  loadEvidenceBundle,
} from '@cra-kit/docs-generator';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_EVIDENCE, copyOfExample } from './fixtures.js';

const clock = fixedClock(new Date('2027-09-30T12:00:00Z'));

describe('evidence bundle', () => {
  it('recognises every file of the worked example by its standard format', async () => {
    const bundle = await loadEvidenceBundle(EXAMPLE_EVIDENCE, { clock });
    expect(bundle.entries.every((e) => e.usable)).toBe(true);
    expect(bundle.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const format = (kind: string) => bundle.entries.find((e) => e.kind === kind)?.format;
    expect(format('sbom')).toBe('CycloneDX 1.6 JSON');
    expect(format('vex')).toBe('CSAF 2.0');
    expect(format('ota-config')).toBe('TUF root metadata');
    expect(format('test-report')).toBe('JUnit XML');
    expect(format('security-txt')).toBe('security.txt (RFC 9116)');
    expect(new Set(bundle.entries.map((e) => e.kind))).toEqual(new Set(EVIDENCE_KINDS));
  });

  it('computes the same SHA-256 as sha256sum', async () => {
    const bundle = await loadEvidenceBundle(EXAMPLE_EVIDENCE, { clock });
    const sbom = bundle.entries.find((e) => e.kind === 'sbom')!;
    const file = join(EXAMPLE_EVIDENCE, '..', sbom.path);
    expect(sbom.sha256).toBe(execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]);
  });

  it('turns a missing, changed or mislabelled file into a finding, not a crash', async () => {
    const { evidence } = await copyOfExample();
    const base = join(evidence, '..');
    await rm(join(base, 'sbom/vs300-firmware-2.4.1.cdx.json'));
    await appendFile(join(base, 'ota/root.json'), '\n');
    await writeFile(join(base, 'tests/junit-firmware-2.4.1.xml'), '<?xml version="1.0"?><testsuites tests="3" failures="1" errors="0"></testsuites>');
    const manifest = await readFile(evidence, 'utf8');
    await writeFile(evidence, manifest.replace('kind: sbom-check', 'kind: vex'));
    const bundle = await loadEvidenceBundle(evidence, { clock });
    const codes = Object.fromEntries(bundle.entries.map((e) => [e.path, e.findings.map((f) => f.code)]));
    expect(codes['sbom/vs300-firmware-2.4.1.cdx.json']).toEqual(['EVIDENCE_MISSING']);
    expect(codes['ota/root.json']).toEqual(['EVIDENCE_HASH_MISMATCH']);
    expect(codes['tests/junit-firmware-2.4.1.xml']).toEqual(['EVIDENCE_HASH_MISMATCH', 'EVIDENCE_TESTS_FAILED']);
    expect(codes['sbom/vs300-firmware-2.4.1.sbom-check.json']).toEqual(['EVIDENCE_FORMAT_UNRECOGNISED']);
    expect(bundle.entries.filter((e) => !e.usable).length).toBe(4);
  });

  it('flags an expired security.txt and TUF root against the clock', async () => {
    const bundle = await loadEvidenceBundle(EXAMPLE_EVIDENCE, { clock: fixedClock(new Date('2029-01-01T00:00:00Z')) });
    const expired = bundle.findings.filter((f) => f.code === 'EVIDENCE_EXPIRED').map((f) => f.path);
    expect(expired).toEqual(['ota/root.json', 'security/security.txt']);
  });

  it('reports content that fails its format checks, and files too large to check whole', async () => {
    const { dir } = await copyOfExample();
    await writeFile(join(dir, 'plan.yaml'), 'schemaVersion: 1\nmodel: vs300\n');
    const plan = await readFile(join(dir, 'vibration-sensor.evidence/support/support-plan.yaml'), 'utf8');
    await writeFile(join(dir, 'detailed-plan.yaml'), `${plan}basis: unit\nlatestSupportEnd: null\n`);
    await writeFile(join(dir, 'security.txt'), 'Contact: mailto:a@b.example\n');
    const entries = [
      { kind: 'support-plan' as const, path: 'plan.yaml', covers: [] },
      { kind: 'support-plan' as const, path: 'detailed-plan.yaml', covers: [] },
      { kind: 'security-txt' as const, path: 'security.txt', covers: [] },
      { kind: 'security-txt' as const, path: 'vibration-sensor.evidence/security/security.txt', covers: [] },
    ];
    const bundle = await checkEvidenceBundle({ schemaVersion: 1, model: 'vs300', entries }, { baseDir: dir, clock, limits: { maxFullReadBytes: 400 } });
    expect(bundle.entries.map((e) => e.findings.filter((f) => f.severity === 'error').map((f) => f.code))).toEqual([['EVIDENCE_INVALID'], [], ['EVIDENCE_INVALID'], ['EVIDENCE_TOO_LARGE']]);
  });

  it('hashes a large file while streaming it', async () => {
    const { dir } = await copyOfExample();
    const big = join(dir, 'big.xml');
    const chunk = `<testcase name="x"/>\n`.repeat(50_000);
    await writeFile(big, `<testsuites tests="1" failures="0">\n`);
    for (let i = 0; i < 20; i++) await appendFile(big, chunk);
    const expected = execFileSync('sha256sum', [big], { encoding: 'utf8' }).split(' ')[0]!;
    const bundle = await checkEvidenceBundle({ schemaVersion: 1, model: 'vs300', entries: [{ kind: 'test-report', path: 'big.xml', sha256: expected, covers: [] }] }, { baseDir: dir, clock });
    expect(bundle.entries[0]).toMatchObject({ usable: true, sha256: expected, format: 'JUnit XML' });
  });

  it('rejects a manifest that does not match its schema', async () => {
    const { dir, evidence } = await copyOfExample();
    await writeFile(evidence, 'schemaVersion: 1\nmodel: vs300\nentries:\n  - kind: document\n    path: /etc/passwd\n');
    await expect(loadEvidenceBundle(evidence)).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    await expect(loadEvidenceBundle(join(dir, 'nope.yaml'))).rejects.toBeErrorWithCode(DocsGeneratorError, 'DOCS_FILE_UNREADABLE');
  });
}); // prettier-ignore
