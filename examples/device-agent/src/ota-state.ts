import { writeFileAtomic } from '@cra-kit/core/node';
import { z } from 'zod';
import { readJsonFile } from './local-files.js';

/** Update state that is not part of the boot pointer: the director version last trusted. */
const OtaStateSchema = z.strictObject({ directorVersion: z.int().min(0).optional() });
export type OtaState = z.infer<typeof OtaStateSchema>;

export async function readOtaState(path: string): Promise<OtaState> {
  return (await readJsonFile(path, OtaStateSchema, 'ota state')) ?? {};
}

export const writeOtaState = (path: string, state: OtaState) =>
  writeFileAtomic(path, JSON.stringify(state));
