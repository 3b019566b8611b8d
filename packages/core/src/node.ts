/**
 * `@cra-kit/core/node`: the few helpers that need Node's file system, kept out of the main entry
 * so `@cra-kit/core` itself runs anywhere (browsers, edge runtimes, the device-side verifier).
 * @module
 */
export { writeFileAtomic } from './fs/write-file-atomic.js';
export { syncDirectory } from './fs/sync-directory.js';

export type { WriteFileAtomicOptions } from './fs/write-file-atomic.js';
