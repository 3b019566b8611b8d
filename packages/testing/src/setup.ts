// Vitest setup file: `setupFiles: ['@cra-kit/testing/setup']` registers the matchers. The
// re-export carries the matchers' type declarations along with the setup file.
import { installMatchers } from './matchers.js';

installMatchers();

export { craKitMatchers } from './matchers.js';
