import { ValidationError, listRequirements } from '@cra-kit/core';
import {
  RiskAssessmentSchema,
  checkRiskAssessment,
  parseRiskAssessment,
} from '@cra-kit/docs-generator';
import { describe, expect, it } from 'vitest';
import { exampleRiskAssessmentData } from './fixtures.js';

describe('risk assessment', () => {
  it('the worked example addresses every Annex I Part I item of the catalogue', async () => {
    const check = checkRiskAssessment(parseRiskAssessment(await exampleRiskAssessmentData()));
    expect(check.complete).toBe(true);
    expect(check.unaddressed).toEqual([]);
  });

  it('lists exactly the items that were removed, taken from the catalogue', async () => {
    const data = await exampleRiskAssessmentData();
    const items = listRequirements({ source: 'annex-i-part-i' }).map((r) => r.id);
    const removed = [items[2]!, items[7]!];
    const requirements = Object.fromEntries(Object.entries(data['requirements'] as Record<string, unknown>).filter(([id]) => !removed.includes(id)));
    const check = checkRiskAssessment(parseRiskAssessment({ ...data, requirements }));
    expect(check.complete).toBe(false);
    expect(check.unaddressed.map((r) => r.id)).toEqual(removed);
  });

  it('accepts not applicable with a justification and reports it', async () => {
    const data = await exampleRiskAssessmentData();
    const requirements = { ...(data['requirements'] as Record<string, unknown>), 'annex-i.part-1.2.i': { applicable: false, justification: 'stand-alone device without network access' } };
    const check = checkRiskAssessment(parseRiskAssessment({ ...data, requirements }));
    expect(check.notApplicable).toEqual([{ id: 'annex-i.part-1.2.i', justification: 'stand-alone device without network access' }]);
  });

  it.each([
    ['not applicable without a justification', { 'annex-i.part-1.2.i': { applicable: false } }],
    ['point (1) marked not applicable', { 'annex-i.part-1.1': { applicable: false, justification: 'no' } }],
    ['an id outside Annex I Part I', { 'annex-ii.1': { applicable: true, implementation: 'x' } }],
    ['an id not in the catalogue', { 'annex-i.part-1.2.z': { applicable: true, implementation: 'x' } }],
    ['an unknown mitigation', { 'annex-i.part-1.2.e': { applicable: true, implementation: 'x', mitigations: ['M99'] } }],
  ])('rejects %s', async (_, patch) => {
    const data = await exampleRiskAssessmentData();
    const requirements = { ...(data['requirements'] as Record<string, unknown>), ...patch };
    expect(() => parseRiskAssessment({ ...data, requirements })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });

  it('rejects a risk whose threat does not exist', async () => {
    const data = await exampleRiskAssessmentData();
    const risks = [{ id: 'R9', threat: 'T99', likelihood: 'low', impact: 'low', treatment: 'accept', residualRisk: 'low' }];
    expect(RiskAssessmentSchema.safeParse({ ...data, risks }).success).toBe(false);
    expect(() => parseRiskAssessment({ ...data, risks })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });
}); // prettier-ignore
