import { z } from 'zod';
import { parseWith } from '@cra-kit/core';

/** Certificate profiles this package issues. */
export const CERTIFICATE_PROFILES = [
  'idevid-8021ar',
  'ldevid-mtls',
  'matter-dac',
  'tls-server',
] as const;

/** `idevid-8021ar` (IEEE 802.1AR initial device identity), `ldevid-mtls` (operational), `matter-dac`, `tls-server`. */
export const CertificateProfileIdSchema = z.enum(CERTIFICATE_PROFILES);

/** A device serial: letters, digits, `.`, `:` and `-` (all PrintableString-safe), 1–64 characters. */
export const DeviceSerialSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:-]{0,63}$/, 'letters, digits, ".", ":" or "-", at most 64');

const OidSchema = z
  .string()
  .regex(/^[0-2](\.(0|[1-9][0-9]{0,9})){2,20}$/, 'a dotted object identifier');
const HostSchema = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  );

/**
 * What the CA is asked to certify. The CA, not the request, decides the CA bit, key usage, EKU and
 * the validity limits: they come from the profile.
 */
export const IssueRequestSchema = z
  .object({
    profile: CertificateProfileIdSchema.default('ldevid-mtls'),
    /** The device serial, written to subject CN and serialNumber (and the 802.1AR SAN). */
    serial: DeviceSerialSchema,
    /** Product line or model, written to subject OU. */
    product: z.string().min(1).max(64).optional(),
    /** `idevid-8021ar`: the hwType OID of the SAN hardwareModuleName (RFC 4108). */
    hardwareModuleType: OidSchema.optional(),
    /** Lifetime in days; the profile's default when absent. */
    validityDays: z.number().int().min(1).max(36_500).optional(),
    /** `idevid-8021ar`/`matter-dac`: notAfter 99991231235959Z (no well-defined expiry, RFC 5280 §4.1.2.5). */
    noExpiry: z.boolean().optional(),
    /** `matter-dac`: vendor and product id, 4 upper-case hex digits. */
    vendorId: z
      .string()
      .regex(/^[0-9A-F]{4}$/)
      .optional(),
    productId: z
      .string()
      .regex(/^[0-9A-F]{4}$/)
      .optional(),
    /** `tls-server`: DNS names for the SAN. */
    dnsNames: z.array(HostSchema).min(1).max(16).optional(),
  })
  .strict();

/** Input of {@link IssueRequestSchema}. */
export type IssueRequestInput = z.input<typeof IssueRequestSchema>;
/** A parsed issue request. */
export type IssueRequest = z.output<typeof IssueRequestSchema>;
/** A profile id. */
export type CertificateProfileId = z.infer<typeof CertificateProfileIdSchema>;

/** Parses an issue request at a trust boundary. @throws {ValidationError} */
export const parseIssueRequest = (input: unknown): IssueRequest =>
  parseWith(IssueRequestSchema, input, 'issue request');
