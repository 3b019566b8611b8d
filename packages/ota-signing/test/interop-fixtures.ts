import { generateSigningKey } from '@cra-kit/core';
import { rotateKeys, type FileRepository } from '@cra-kit/ota-signing';

export {
  addTarget,
  downloadTarget,
  httpFetcher,
  initRepository,
  Updater,
} from '@cra-kit/ota-signing';

/** Rotates one key of `role` out and a fresh one in; returns the new signer. */
export async function generateAndRotate(
  repo: FileRepository,
  role: 'root' | 'targets' | 'snapshot' | 'timestamp',
  algorithm: 'ed25519' | 'ecdsa-p256-sha256' = 'ed25519',
) {
  const { signer } = await generateSigningKey(algorithm);
  const root = (await repo.current('root', 'root')).signed;
  const results = await rotateKeys(repo, { role, add: [signer], remove: root.roles[role].keyids });
  return { signer, results };
}
