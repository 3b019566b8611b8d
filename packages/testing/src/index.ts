/**
 * `@cra-kit/testing`: the fakes and matchers cra-kit's own tests use, published so integrators
 * test their code against cra-kit the same way.
 * @module
 */
export { fixedClock } from './fixed-clock.js';
export { seededRandom } from './seeded-random.js';
export { memoryStorage } from './memory-storage.js';
export { craKitMatchers, installMatchers } from './matchers.js';

export type { FixedClock } from './fixed-clock.js';
