import { readFileSync } from 'node:fs';
import { parseProductProfile } from '@cra-kit/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { VulnIntakeError } from '../errors.js';
import { fieldPack, fieldPackMarkdown } from './field-pack.js';
import { markActivelyExploited, openSevereIncident } from './record.js';

const profile = parseProductProfile(
  parse(
    readFileSync(
      new URL('../../../../examples/products/vibration-sensor.cra.product.yaml', import.meta.url),
      'utf8',
    ),
  ),
);
const kase = markActivelyExploited(
  makeCase({
    affected: [{ model: 'VS-1', versions: ['<2.4.1'], fixedIn: '2.4.1' }],
    cwe: ['CWE-121'],
    cvss: { v31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  }),
  { awareAt: '2026-10-01T10:00:00Z', evidence: 'Exploit | seen <script>' },
);

describe('fieldPack', () => {
  it('fills each stage from the case and the product profile, with its basis and due time', () => {
    const pack = fieldPack(kase, 'early-warning', profile);
    expect(pack.dueAt).toBe('2026-10-02T10:00:00.000Z');
    expect(pack.fields.find((f) => f.key === 'manufacturer')?.value).toBe(
      profile.manufacturer.name,
    );
    expect(pack.fields.every((f) => f.citation.startsWith('Art.'))).toBe(true);
    expect(pack.missing).toContain('memberStatesAvailable');
    const final = fieldPack(kase, 'final-report', profile);
    expect(final.fields.find((f) => f.key === 'description')?.value).toContain('9.8 critical');
    expect(final.fields.find((f) => f.key === 'fix')?.value).toBe('VS-1 2.4.1');
  });

  it('asks for what 14(4) lists when the case is a severe incident', () => {
    const incident = openSevereIncident(makeCase(), {
      awareAt: '2026-10-01T10:00:00Z',
      description: 'Build server breached.',
    });
    expect(fieldPack(incident, 'early-warning').fields.map((f) => f.key)).toContain(
      'suspectedMalicious',
    );
    expect(fieldPack(incident, 'final-report').fields.map((f) => f.key)).toContain('rootCause');
  });

  it('renders a Markdown sheet with table-breaking characters escaped', () => {
    const md = fieldPackMarkdown(fieldPack(kase, 'early-warning', profile));
    expect(md).toContain(
      '| Evidence of active exploitation | Exploit \\| seen &lt;script&gt; | Art. 3(42) |',
    );
    expect(md).not.toContain('<script>');
    expect(md).toContain('**TO FILL IN**');
  });

  it('refuses a stage the case does not owe', () => {
    expect(() => fieldPack(makeCase(), 'notification')).toThrowWithCode(
      VulnIntakeError,
      'VULN_STAGE_NOT_APPLICABLE',
    );
  });
});
