import { DEVICE_ID_PATTERN } from '@cra-kit-examples/device-protocol';
import { z } from 'zod';
import { ServiceNameSchema } from './config.js';

/**
 * Where an instance tells the others that it revoked devices. Only service identities may use
 * it: the ACL confines devices to `devices/<own id>/…`.
 */
export const REVOCATION_TOPIC = 'cra-cloud/revocations';

/** "`from` revoked `deviceIds`": peers re-sign their CRL; instances managing the broker's files reload it and close the devices' sessions again. */
export const RevocationNoticeSchema = z.strictObject({
  from: ServiceNameSchema,
  deviceIds: z.array(z.string().regex(DEVICE_ID_PATTERN)).min(1).max(1000),
});
export type RevocationNotice = z.infer<typeof RevocationNoticeSchema>;

/** The notice in a payload, or undefined when it is not one. */
export function parseRevocationNotice(payload: Buffer): RevocationNotice | undefined {
  try {
    const parsed = RevocationNoticeSchema.safeParse(JSON.parse(payload.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
