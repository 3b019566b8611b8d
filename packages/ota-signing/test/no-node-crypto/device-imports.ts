// Only the public entry points, as a device's own code would import them.
import { SdkError } from '@cra-kit/core';

export {
  defaultHashProvider,
  downloadTarget,
  fileFetcher,
  fileStorage,
  findTarget,
  hasNodeCrypto,
  Updater,
  verifyDirectorTargets,
} from '@cra-kit/ota-signing';
export type { RoleTrust } from '@cra-kit/ota-signing';

/** The code of an SDK error; anything else is rethrown. */
export const SdkErrorCode = (error: unknown): string => {
  if (SdkError.isInstance(error)) return error.code;
  throw error;
};
