import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProductProfile, type ProductProfile } from '@cra-kit/core';
import { parse } from 'yaml';

const examples = new URL('../../../examples/products/', import.meta.url).pathname;

export const EXAMPLE_PROFILE = join(examples, 'vibration-sensor.cra.product.yaml');
export const EXAMPLE_RISK_ASSESSMENT = join(examples, 'vibration-sensor.risk-assessment.yaml');
export const EXAMPLE_EVIDENCE = join(examples, 'vibration-sensor.evidence', 'evidence.yaml');

/** The worked example's product profile, validated. */
export async function exampleProfile(): Promise<ProductProfile> {
  return parseProductProfile(parse(await readFile(EXAMPLE_PROFILE, 'utf8')));
}

/** The worked example's risk assessment as plain data (unvalidated). */
export async function exampleRiskAssessmentData(): Promise<Record<string, unknown>> {
  return parse(await readFile(EXAMPLE_RISK_ASSESSMENT, 'utf8')) as Record<string, unknown>;
}

/** A copy of examples/products in a temporary directory; returns the copied evidence.yaml path. */
export async function copyOfExample(): Promise<{ dir: string; evidence: string; profile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'cra-docs-'));
  await cp(examples, dir, { recursive: true });
  return {
    dir,
    evidence: join(dir, 'vibration-sensor.evidence', 'evidence.yaml'),
    profile: join(dir, 'vibration-sensor.cra.product.yaml'),
  };
}
