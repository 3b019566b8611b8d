import { parseWith, SdkError } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { z } from 'zod';
import { readIfExists } from './local-files.js';

/** Update state that is not part of the boot pointer: the director version last trusted. */
const OtaStateSchema = z.strictObject({ directorVersion: z.int().min(0).optional() });
export type OtaState = z.infer<typeof OtaStateSchema>;

export async function readOtaState(path: string): Promise<OtaState> {
  const bytes = await readIfExists(path);
  if (bytes === undefined) return {};
  try {
    return parseWith(OtaStateSchema, JSON.parse(bytes.toString('utf8')), 'ota state');
  } catch (error) {
    if (error instanceof SyntaxError || SdkError.isInstance(error)) return {};
    throw error;
  }
}

export const writeOtaState = (path: string, state: OtaState) =>
  writeFileAtomic(path, JSON.stringify(state));
