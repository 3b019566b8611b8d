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

/** A shared-subscription group name (`$share/<group>/…`): no `/`, `+` or `#`. */
export const ShareGroupSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Prefix of service identities. `:` is outside the enrollment serial alphabet, so no device can get one. */
export const SERVICE_CN_PREFIX = 'cra-cloud:';
/** The identity an instance receives with (a persistent session under this client id). */
export const serviceIdentity = (name: string) => `${SERVICE_CN_PREFIX}${name}`;
/** The identity an instance publishes notices with (`:` is outside service names too). */
export const noticesIdentity = (name: string) => `${SERVICE_CN_PREFIX}${name}:notices`;

/** The device topics the cloud's receivers subscribe to, through the shared group. */
export const DEVICE_TOPICS = ['devices/+/telemetry', 'devices/+/events'] as const;

/** Upper bound of `receivers`: each is a TLS connection and a persistent session on the broker. */
export const MAX_RECEIVERS = 32;
export const DEFAULT_RECEIVERS = 4;
/**
 * The identity of an instance's receiving connection `index`: receiver 0 keeps
 * {@link serviceIdentity} (existing sessions go on), the others get `:r<index>`, which no
 * service name or device serial can contain.
 */
export const receiverIdentity = (name: string, index: number) =>
  index === 0 ? serviceIdentity(name) : `${serviceIdentity(name)}:r${index}`;

/**
 * The `broker` section: `embedded` (Aedes in the cloud's process, the default) or `external`
 * (a Mosquitto the operator runs, from the configuration the cloud generates).
 */
export const BrokerConfigSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('embedded'),
      /**
       * Resumable TLS 1.3 session tickets on the MQTT listener, for devices that resume
       * sessions (a resumed device is still checked against the registry). Off by default: our
       * agent does not resume, and minting the two tickets (OpenSSL 3.0 serialises the client's
       * certificate chain into each) cost about 15 % of the broker's CPU per connect.
       */
      tlsSessionTickets: z.boolean().default(false),
    }),
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
      /**
       * The shared-subscription group of the cloud instances: each device message goes to one
       * instance of the group (`$share/<group>/devices/+/telemetry`). Instances of one
       * deployment must use the same group.
       */
      sharedGroup: ShareGroupSchema.default('cra-cloud'),
      /**
       * Whether this instance writes the broker's files (config, ACL, CRL) and signals Mosquitto
       * (`pidFile`). Instances that cannot reach the broker's files set `false`: their
       * revocations reach the broker through the instances that can.
       */
      manageFiles: z.boolean().default(true),
      /**
       * Mosquitto's `max_queued_messages`: QoS 1 messages kept per offline client. A stopped
       * instance's share of the device messages waits in its session; beyond this, Mosquitto
       * drops them.
       */
      maxQueuedMessages: z.number().int().min(1).max(10_000_000).default(100_000),
      /**
       * Receiving connections per instance, all in the shared group, each with its own
       * persistent session (`receiverIdentity`). Each handles one message at a time (it is
       * acknowledged only once stored), so this many device messages are handled at once. The
       * instance that writes the ACL grants this many to every service name: use one value for
       * the whole deployment, as for `sharedGroup`.
       */
      receivers: z.number().int().min(1).max(MAX_RECEIVERS).default(DEFAULT_RECEIVERS),
      /** Keep sessions and queued QoS 1 notices across broker restarts. */
      persistence: z.boolean().default(true),
      connectTimeoutSeconds: z.number().int().min(1).max(600).default(30),
    }),
  ])
  .prefault({ mode: 'embedded' });

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
