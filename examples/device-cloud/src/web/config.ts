import { z } from 'zod';
import { ScryptParamsSchema } from './password.js';

/** The `web` section of the cloud's configuration: the operator UI under `/ui/`. */
export const WebConfigSchema = z
  .strictObject({
    /** Serve the operator UI on the public listener. */
    enabled: z.boolean().default(true),
    /** Absolute lifetime of a web session; operators sign in again afterwards. */
    sessionTtlMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(8 * 60),
    /** Login attempts allowed per operator name and per client address in one window. */
    loginRateLimit: z
      .strictObject({
        perName: z.number().int().min(1).max(1000).default(10),
        perAddress: z.number().int().min(1).max(100_000).default(100),
        windowSeconds: z.number().int().min(10).max(86_400).default(900),
      })
      .prefault({}),
    /** scrypt cost of new password hashes (each hash records its own). */
    scrypt: ScryptParamsSchema.default({ N: 2 ** 15, r: 8, p: 1 }),
    /** Seconds between reloads of a live rollout page. */
    refreshSeconds: z.number().int().min(2).max(300).default(5),
  })
  .prefault({});
export type WebConfig = z.output<typeof WebConfigSchema>;
