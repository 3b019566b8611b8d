import type { TLSSocket } from 'node:tls';
import { authenticateTlsPeer, type DeviceIdentity } from '@cra-kit/identity';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CloudError } from '../errors.js';
import type { DeviceStore } from './device-store.js';

/**
 * Authenticates every request on the device listener: the handshake verified the chain and the
 * CRL; here the certificate must also be known, not revoked and its device active, checked on
 * every request so a revocation applies to the very next one on a kept-alive connection.
 */
export function installDeviceAuth(app: FastifyInstance, store: DeviceStore) {
  const identities = new WeakMap<FastifyRequest, DeviceIdentity>();
  const bySocket = new WeakMap<object, DeviceIdentity>();
  app.addHook('onRequest', async (request) => {
    const socket = request.raw.socket as unknown as TLSSocket;
    let identity = bySocket.get(socket);
    if (identity === undefined) {
      identity = authenticateTlsPeer(socket);
      bySocket.set(socket, identity);
    }
    if (!(await store.isCertificateActive(identity.serial, identity.certificateSerial))) {
      throw new CloudError('DEVICE_NOT_AUTHORIZED', 'certificate revoked or device not active');
    }
    identities.set(request, identity);
  });
  return {
    deviceOf(request: FastifyRequest): DeviceIdentity {
      const identity = identities.get(request);
      if (identity === undefined)
        throw new CloudError('DEVICE_NOT_AUTHORIZED', 'not a device request');
      return identity;
    },
  };
}
