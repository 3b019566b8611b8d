import type { CoreErrorCode } from './codes.js';
import { SdkError } from './sdk-error.js';

/** An error thrown by `@cra-kit/core` itself, with one of {@link CORE_ERROR_CODES}. */
export class CoreError extends SdkError<CoreErrorCode> {}
