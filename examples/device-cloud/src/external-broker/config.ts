import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** Paths end up in mosquitto.conf, one setting per line: no line breaks. */
export const BrokerPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\r\n\0]+$/, 'a path without line breaks');
const Path = BrokerPathSchema;
/** Names of cloud instances; each connects as `cra-cloud:<name>`. */
export const ServiceNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);
const ServiceName = ServiceNameSchema;
/** Listener address (IPv4 or IPv6 literal). */
export const BindAddressSchema = z.string().regex(/^[0-9A-Fa-f.:]{2,45}$/);
/** A local account name for Mosquitto's `user`. */
export const RunAsUserSchema = z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/);

/** Prefix of service identities. `:` is outside the enrollment serial alphabet, so no device can get one. */
export const SERVICE_CN_PREFIX = 'cra-cloud:';

/**
 * The `broker` section: `embedded` (Aedes in the cloud's process, the default) or `external`
 * (a Mosquitto the operator runs, from the configuration the cloud generates).
 */
export const BrokerConfigSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('embedded') }),
    z.strictObject({
      mode: z.literal('external'),
      /** Where devices and the cloud reach the broker; its host is the broker certificate's name. */
      url: z.string().regex(/^mqtts:\/\/[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$/, 'mqtts://host:port'),
      /** Address the generated listener binds to; default: every interface. */
      bindAddress: BindAddressSchema.optional(),
      /** Where the generated files live (Mosquitto must read them); default `<dataDir>/mosquitto`. */
      configDir: Path.optional(),
      /** Mosquitto's pid file, for SIGHUP after a CRL change; default `<configDir>/mosquitto.pid`. */
      pidFile: Path.optional(),
      /** `user` of mosquitto.conf: the account Mosquitto drops to when started as root (it must read the files). */
      runAsUser: RunAsUserSchema.optional(),
      /** This instance's service identity. */
      serviceName: ServiceName.default('cloud'),
      /** Every instance sharing the broker (all get full access in the ACL); default `[serviceName]`. */
      serviceNames: z.array(ServiceName).min(1).max(64).optional(),
      /** Keep sessions and queued QoS 1 notices across broker restarts. */
      persistence: z.boolean().default(true),
      connectTimeoutSeconds: z.number().int().min(1).max(600).default(30),
    }),
  ])
  .default({ mode: 'embedded' });

export type BrokerConfig = z.output<typeof BrokerConfigSchema>;
export type ExternalBrokerConfig = Extract<BrokerConfig, { mode: 'external' }>;

/** Makes the section's paths absolute and fills the defaults that depend on `dataDir`. */
export function resolveBrokerConfig(
  broker: BrokerConfig,
  baseDir: string,
  dataDir: string,
): BrokerConfig {
  if (broker.mode === 'embedded') return broker;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const configDir = abs(broker.configDir ?? join(dataDir, 'mosquitto'));
  return {
    ...broker,
    configDir,
    pidFile: abs(broker.pidFile ?? join(configDir, 'mosquitto.pid')),
    serviceNames: [...new Set([broker.serviceName, ...(broker.serviceNames ?? [])])],
  };
}
