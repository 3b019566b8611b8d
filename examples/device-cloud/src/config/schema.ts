import { z } from 'zod';
import { WebConfigSchema } from '../web/config.js';
import { BrokerConfigSchema } from '../external-broker/config.js';
import { HeapGrowingPercentSchema } from '../runtime/gc-tuning.js';

const Port = z.number().int().min(0).max(65_535);
const Path = z.string().min(1).max(4096);
const HostName = z
  .string()
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  )
  .max(253);

/**
 * The cloud's configuration file (YAML). Relative paths are resolved against the file's
 * directory by {@link loadCloudConfig}. Secrets never live here: the CA passphrase comes from the
 * environment variable named by `ca.passphraseEnv`.
 */
export const CloudConfigSchema = z.strictObject({
  /** Address the three listeners bind to. */
  host: z.string().min(1).max(253).default('127.0.0.1'),
  /** DNS names of the server certificate; the first one is used in the URLs we hand out. */
  hostNames: z.array(HostName).min(1).max(16).default(['localhost']),
  /** 0 picks a free port (tests run in parallel). */
  ports: z
    .strictObject({
      public: Port.default(8443),
      device: Port.default(8444),
      mqtt: Port.default(8883),
    })
    .prefault({}),
  /** Root of the local state: database, CA, server key, firmware, documents. */
  dataDir: Path,
  /**
   * SQLite file (default `<dataDir>/cloud.sqlite`), or PostgreSQL for several instances:
   * `{ url: postgres://user@host:5432/db }` (put a password in `PGPASSWORD` or `~/.pgpass`, not here).
   */
  database: z
    .union([
      Path,
      z.strictObject({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\/[^\s]+$/)
          .max(2048)
          .refine((url) => URL.canParse(url) && new URL(url).password === '', {
            message: 'no password in the URL: use PGPASSWORD or ~/.pgpass',
          }),
        /** Connections this instance keeps open at most. */
        poolSize: z.number().int().min(1).max(200).default(10),
        connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      }),
    ])
    .optional(),
  /** The product profile (`*.cra.product.yaml`) whose data inventory governs telemetry. */
  productProfile: Path,
  ca: z.strictObject({
    /** A CA directory made by `cra ca init` / `initCaDirectory`; default `<dataDir>/ca`. */
    dir: Path.optional(),
    /** Name of the environment variable that holds the CA passphrase (never the passphrase). */
    passphraseEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]{0,127}$/)
      .default('CRA_CLOUD_CA_PASSPHRASE'),
    /** Create the CA on first start when the directory holds none (development only). */
    createIfMissing: z.boolean().default(false),
    /** Organisation written into a CA created on first start. */
    organization: z.string().min(1).max(64).default('Example Manufacturer'),
  }),
  /** Server certificate and key (PEM). Absent: issued from the CA (`tls-server`) on first start. */
  tls: z.strictObject({ certFile: Path, keyFile: Path }).optional(),
  /** OTA material the updates module reads; the shell only passes the paths on. */
  ota: z
    .strictObject({
      repositoryDir: Path.optional(),
      directorKeyFile: Path.optional(),
      trustedRoot: Path.optional(),
    })
    .prefault({}),
  operators: z
    .strictObject({
      /** Where the first `admin` token is written (0600); default `<dataDir>/admin.token`. */
      bootstrapTokenFile: Path.optional(),
    })
    .prefault({}),
  enrollment: z
    .strictObject({
      /** Lifetime of operational device certificates. */
      certificateValidityDays: z.number().int().min(1).max(397).default(90),
      /** Default lifetime of bootstrap tokens. */
      bootstrapTokenTtlSeconds: z
        .number()
        .int()
        .min(60)
        .max(31_536_000)
        .default(7 * 86_400),
      /**
       * Enrollment attempts per client address and window. Tokens are 256-bit, so this limits
       * load, not guessing; a factory line behind one address needs room.
       */
      rateLimit: z
        .strictObject({
          attempts: z.number().int().min(1).max(100_000).default(60),
          windowSeconds: z.number().int().min(1).max(3600).default(60),
        })
        .prefault({}),
    })
    .prefault({}),
  limits: z
    .strictObject({
      /** Largest request body either listener reads. */
      bodyLimitBytes: z
        .number()
        .int()
        .min(1024)
        .max(64 * 1024 * 1024)
        .default(1024 * 1024),
    })
    .prefault({}),
  /** MQTT broker: `embedded` Aedes (default) or an `external` Mosquitto from generated config. */
  broker: BrokerConfigSchema,
  /** The operator web UI under `/ui/` (sessions, login limits, password hashing cost). */
  web: WebConfigSchema,
  /** Process settings the `cra-cloud` command applies (V8 flags are process-wide). */
  runtime: z
    .strictObject({
      /** Old-generation growth between full collections, in percent; 0: V8's own heuristics. */
      heapGrowingPercent: HeapGrowingPercentSchema.default(50),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

/** A parsed configuration; paths are absolute after {@link loadCloudConfig} / {@link resolveCloudConfig}. */
export type CloudConfig = z.output<typeof CloudConfigSchema>;
/** What a caller writes (defaults may be left out). */
export type CloudConfigInput = z.input<typeof CloudConfigSchema>;
