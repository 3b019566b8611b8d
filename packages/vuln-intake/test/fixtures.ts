import { parseInput } from '../src/internal/parse.js';
import { CaseSchema, type Case, type CaseInput } from '../src/case/case-schema.js';

/** A minimal valid case, with overrides. */
export function makeCase(overrides: Partial<CaseInput> = {}): Case {
  return parseInput(
    CaseSchema,
    {
      schemaVersion: 1,
      id: 'VC-2026-0001',
      title: 'Stack overflow in the MQTT parser',
      description: 'A crafted CONNECT packet overflows a stack buffer.',
      state: 'received',
      receivedAt: '2026-10-01T09:00:00Z',
      reporter: { name: 'R. Searcher', email: 'r@example.org' },
      ...overrides,
    },
    'case',
  );
}
