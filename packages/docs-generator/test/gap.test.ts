import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REQUIREMENTS, hasRequirement, type ProductProfile } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import {
  EVIDENCE_KINDS,
  REQUIREMENT_RULES,
  analyseGaps,
  loadProductInputs,
  requirementsDependingOn,
  type GapReport,
} from '@cra-kit/docs-generator';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_EVIDENCE, EXAMPLE_PROFILE, copyOfExample, exampleProfile } from './fixtures.js';

const clock = fixedClock(new Date('2027-09-30T12:00:00Z'));
const signatory = {
  name: 'Dr. Erika Mustermann',
  function: 'Managing Director',
  place: 'Stuttgart',
};
const gapIds = (r: GapReport) =>
  r.requirements
    .filter((x) => x.status === 'partly-met' || x.status === 'not-met')
    .map((x) => x.id);

describe('gap analysis', () => {
  it('decides every requirement of the core catalogue exactly once, in catalogue order', async () => {
    const report = analyseGaps({ profile: await exampleProfile() });
    expect(report.requirements.map((r) => r.id)).toEqual(REQUIREMENTS.map((r) => r.id));
  });

  it('has a rule for every catalogue requirement and none for unknown ids', () => {
    expect(Object.keys(REQUIREMENT_RULES).filter((id) => !hasRequirement(id))).toEqual([]);
    expect(REQUIREMENTS.filter((r) => REQUIREMENT_RULES[r.id] === undefined).map((r) => r.id)).toEqual([]);
  });

  it('finds only the missing hardware photographs for the worked example', async () => {
    const inputs = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    const report = analyseGaps({ ...inputs, signatory });
    expect(gapIds(report)).toEqual(['annex-vii.1.c']);
    const na = report.requirements.filter((r) => r.status === 'not-applicable');
    expect(na.map((r) => r.id)).toEqual(['annex-ii.9', 'annex-v.7']);
    expect(na.every((r) => (r.justification ?? '').length > 0)).toBe(true);
    const sbom = report.requirements.find((r) => r.id === 'annex-i.part-2.1')!;
    expect(sbom.evidence.find((e) => e.path?.endsWith('.cdx.json'))?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('without a signatory, the declaration signature is partly met', async () => {
    const inputs = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    expect(analyseGaps(inputs).requirements.find((r) => r.id === 'annex-v.8')?.status).toBe('partly-met');
  });

  it.each(EVIDENCE_KINDS.filter((k) => requirementsDependingOn(k).length > 0))('removing the %s file turns exactly the requirements depending on it into gaps', async (kind) => {
    const before = analyseGaps({ ...(await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock })), signatory });
    const copy = await copyOfExample();
    const { bundle } = await loadProductInputs({ product: copy.profile, evidence: copy.evidence, clock });
    for (const e of bundle!.entries.filter((x) => x.kind === kind)) await rm(join(copy.evidence, '..', e.path));
    const inputs = await loadProductInputs({ product: copy.profile, evidence: copy.evidence, clock });
    const after = analyseGaps({ ...inputs, signatory });
    const newGaps = gapIds(after).filter((id) => !gapIds(before).includes(id));
    const dependent = requirementsDependingOn(kind).filter((id) => before.requirements.find((r) => r.id === id)?.status === 'met');
    expect(dependent.length).toBeGreaterThan(0);
    // A missing risk assessment also takes away the per-item answers it holds.
    const expected = kind === 'risk-assessment' ? [...new Set([...dependent, ...Object.keys(REQUIREMENT_RULES).filter((id) => REQUIREMENT_RULES[id]!.checks.some((c) => c.type === 'risk-item'))])] : dependent;
    expect(newGaps.sort()).toEqual(expected.sort());
  });

  it('ignores a risk assessment of another model', async () => {
    const inputs = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    const other = analyseGaps({ ...inputs, signatory, riskAssessment: { ...inputs.riskAssessment!, model: 'vs400' } });
    expect(other.requirements.find((r) => r.id === 'annex-i.part-1.2.e')?.status).toBe('not-met');
  });

  it('ignores an evidence bundle of another model', async () => {
    const inputs = await loadProductInputs({ product: EXAMPLE_PROFILE, evidence: EXAMPLE_EVIDENCE, clock });
    const other = analyseGaps({ ...inputs, signatory, bundle: { ...inputs.bundle!, model: 'vs400' } });
    expect(other.requirements.find((r) => r.id === 'annex-i.part-2.1')?.status).toBe('not-met');
  });

  it('without evidence, every requirement that needs evidence is a gap', async () => {
    const report = analyseGaps({ profile: await exampleProfile() });
    const needsEvidence = Object.entries(REQUIREMENT_RULES).filter(([, r]) => r.checks.some((c) => c.type === 'evidence' || c.type === 'covered' || c.type === 'risk-item')).map(([id]) => id);
    const gaps = gapIds(report);
    expect(needsEvidence.filter((id) => !gaps.includes(id) && report.requirements.find((r) => r.id === id)?.status !== 'not-applicable')).toEqual([]);
  });

  it('a class I product on module A without standards applied in full is a gap (Art. 32(2))', async () => {
    const profile = await exampleProfile();
    const classI = { ...profile, classification: { category: 'important-class-i' as const, annexEntry: 'annex-iii.class-i.12' } };
    const report = analyseGaps({ profile: classI });
    const v5 = report.requirements.find((r) => r.id === 'annex-v.5')!;
    expect(v5.status).toBe('partly-met');
    expect(v5.missing.join()).toContain('Art. 32(2)');
    const withFull = { ...classI, standards: [{ reference: 'EN 40000-1-2', kind: 'harmonised-standard' as const, coverage: 'full' as const, provisions: ['all'] }] };
    expect(analyseGaps({ profile: withFull }).requirements.find((r) => r.id === 'annex-v.5')?.status).toBe('met');
  });

  it('a class II product needs a notified body (Art. 32(3))', async () => {
    const profile = await exampleProfile();
    const classII: ProductProfile = { ...profile, classification: { category: 'important-class-ii', annexEntry: 'annex-iii.class-ii.2' }, conformityAssessment: { procedure: 'module-b-c' } };
    const v7 = (p: ProductProfile) => analyseGaps({ profile: p }).requirements.find((r) => r.id === 'annex-v.7')!;
    expect(v7(classII).status).toBe('partly-met');
    expect(v7({ ...classII, conformityAssessment: { procedure: 'module-a' } }).status).toBe('partly-met');
    expect(v7({ ...classII, conformityAssessment: { procedure: 'module-b-c', notifiedBody: { name: 'Example NB', number: '0123' }, certificateId: 'EX-1' } }).status).toBe('met');
  });
}); // prettier-ignore
