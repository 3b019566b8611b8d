import type { Clock } from '@cra-kit/core';
import { issueKeyPair, type CaDirectory } from '@cra-kit/identity';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { CloudError } from '../errors.js';
import { brokerAddress } from './broker-files.js';

/** A key and client certificate (PEM, with the chain) held only in memory. */
export interface EphemeralIdentity {
  readonly key: string;
  readonly cert: string;
}

/** A fresh key and a short-lived client certificate from our CA for `serial` (its CN). */
export async function ephemeralIdentity(ca: CaDirectory, serial: string, validityDays: number, clock: Clock): Promise<EphemeralIdentity> {
  const pair = await issueKeyPair({ ca: ca.issuing, request: { profile: 'ldevid-mtls', serial, validityDays }, clock });
  return { key: pair.keyPem, cert: pair.certificatePem };
} // prettier-ignore

/**
 * Connects to the broker at `url` as `identity` (mutual TLS, the broker certificate checked
 * against `rootPem` for the URL's host). Mosquitto forces the client id to the certificate's CN.
 */
export function connectAs(url: string, rootPem: string, identity: EphemeralIdentity, options: IClientOptions): MqttClient {
  const { host } = brokerAddress(url);
  return connect(url, { ...identity, ca: rootPem, servername: host, rejectUnauthorized: true, protocolVersion: 4, ...options });
} // prettier-ignore

/** Resolves on the first CONNACK; rejects when the connection closes or fails before it. */
export function connected(client: MqttClient): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.once('connect', () => {
      resolve();
    });
    client.once('error', reject);
    client.once('close', () => {
      reject(new Error('closed before CONNACK'));
    });
  });
}

/**
 * Waits for the first CONNACK of a client that keeps retrying (reconnectPeriod) until `timeoutMs`.
 * @throws {CloudError} CLOUD_STARTUP_FAILED
 */
export function firstConnect(client: MqttClient, timeoutMs: number, url: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new CloudError('CLOUD_STARTUP_FAILED', `broker ${url} not reachable`));
    }, timeoutMs);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
