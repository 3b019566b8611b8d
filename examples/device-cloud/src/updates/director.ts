import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import type { Signer } from '@cra-kit/core';
import { serializeEnvelope, signDirectorTargets } from '@cra-kit/ota-signing';
import type { FastifyInstance } from 'fastify';
import type { CloudContext } from '../context.js';
import { FeatureError } from './feature-error.js';
import type { UpdateStore } from './store.js';

/**
 * The Uptane director on the device listener: per-device targets metadata, signed online,
 * naming exactly the image of the running rollout whose started group holds the calling
 * device. A device outside every started group gets 404 `NO_UPDATE`, never metadata for a
 * release its group has not reached. Each answer carries a new, stored, higher version.
 */
export function serveDirector(
  app: FastifyInstance,
  ctx: CloudContext,
  options: { store: UpdateStore; signer: () => Promise<Signer>; expiresHours: number },
): void {
  app.get(HTTP_PATHS.otaDirectorTargets, async (request, reply) => {
    const identity = ctx.deviceOf(request);
    const assignment = await options.store.assignmentOf(identity.serial);
    if (assignment === undefined) throw new FeatureError('NO_UPDATE', 'no update is assigned to this device');
    const device = await ctx.devices.get(identity.serial);
    const hardwareId = device?.hardwareId;
    // Members were checked against the release's hardware ids; a changed registry entry is not trusted.
    if (hardwareId === undefined || !assignment.release.hardwareIds.includes(hardwareId)) throw new FeatureError('NO_UPDATE', 'the assigned image does not fit this device');
    const version = await options.store.nextDirectorVersion(identity.serial);
    const envelope = await signDirectorTargets({
      deviceId: identity.serial, hardwareId, name: assignment.release.targetName, target: assignment.release.target, version,
      expires: new Date(ctx.clock.now().getTime() + options.expiresHours * 3_600_000), signers: [await options.signer()],
    });
    return reply.header('content-type', 'application/json').header('cache-control', 'no-store').send(Buffer.from(serializeEnvelope(envelope)));
  }); // prettier-ignore
}
