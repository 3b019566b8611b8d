import type { TLSSocket } from 'node:tls';
import type { AedesOptions, AuthenticateError, Client } from 'aedes';
import type { DeviceStore } from '../devices/device-store.js';
import { refusedPublish, subscriptionAllowed } from './device-topics.js';
import { peerIdentityOf } from './peer-identity.js';

type Handlers = Required<
  Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>
>;

// MQTT 3.1.1 CONNACK return code 5, "not authorized". aedes declares AuthErrorCode as an ambient
// const enum, which isolatedModules cannot read, so the number is written out.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
const NOT_AUTHORIZED: AuthenticateError['returnCode'] = 5;
const refuse = (message: string): AuthenticateError =>
  Object.assign(new Error(message), { returnCode: NOT_AUTHORIZED });

/**
 * Per-device MQTT authorisation: the peer certificate (verified and CRL-checked in the handshake)
 * names the device; its client id must equal the serial; the certificate must be active in the
 * registry. A device publishes only its own telemetry and events (never retained, at most
 * `MAX_MESSAGE_BYTES`), and subscribes only to its own notices.
 */
export function createMqttAuthorizer(
  store: DeviceStore,
  socketOf: (conn: object) => TLSSocket | undefined,
): Handlers {
  const peerOf = (client: Client) => {
    const socket = socketOf(client.conn);
    return socket && peerIdentityOf(socket);
  };
  return {
    authenticate: (client, _username, _password, done) => {
      const peer = peerOf(client);
      if (peer === undefined) {
        done(refuse('no valid device certificate'), false);
      } else if (client.id !== peer.serial) {
        done(refuse('client id must equal the certificate serial'), false);
      } else {
        store.isCertificateActive(peer.serial, peer.certificateSerial).then(
          (active) => {
            done(active ? null : refuse('certificate revoked or device not active'), active);
          },
          () => {
            done(refuse('registry unavailable'), false);
          },
        );
      }
    },
    authorizePublish: (client, packet, done) => {
      // `client` is null for the cloud's own notices.
      if (client === null) {
        done(null);
        return;
      }
      const refused = refusedPublish(client.id, {
        topic: packet.topic,
        size: Buffer.byteLength(packet.payload),
        retain: packet.retain,
      });
      done(refused === undefined ? null : new Error(refused));
    },
    authorizeSubscribe: (client, subscription, done) => {
      // A refused topic gets the failure return code (0x80) in SUBACK; the connection stays up.
      done(null, subscriptionAllowed(client.id, subscription.topic) ? subscription : null);
    },
  };
}
