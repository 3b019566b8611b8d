/**
 * `@cra-kit/testing`: the fakes and matchers cra-kit's own tests use, published so integrators
 * test their code against cra-kit the same way.
 * @module
 */
export { fixedClock } from './fixed-clock.js';
export { seededRandom } from './seeded-random.js';
// The in-memory Storage lives in core (production code uses it too); tests know it by this name.
export { createMemoryStorage as memoryStorage } from '@cra-kit/core';
export { craKitMatchers, installMatchers } from './matchers.js';

export type { FixedClock } from './fixed-clock.js';
