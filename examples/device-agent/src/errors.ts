import { SdkError } from '@cra-kit/core';

/** Every code {@link AgentError} carries; callers branch on these, never on messages. */
export const AGENT_ERROR_CODES = [
  'AGENT_CONFIG_INVALID',
  'AGENT_NOT_ENROLLED',
  'AGENT_ENROLLMENT_FAILED',
  'AGENT_RENEWAL_FAILED',
  'AGENT_HTTP_FAILED',
  'AGENT_NO_BOOTABLE_IMAGE',
  'AGENT_SLOT_INVALID',
  'AGENT_NOTICE_MISMATCH',
  'AGENT_UPDATE_IN_PROGRESS',
  'AGENT_STOPPED',
  'AGENT_ALREADY_STARTED',
] as const;
export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number];

/** The error the device agent throws. */
export class AgentError extends SdkError<AgentErrorCode> {}
