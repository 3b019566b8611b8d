import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, SubjectAlternativeName, type Certificate } from '@peculiar/asn1-x509';
import { parseHardwareModuleName } from '../asn1/hardware-module-name.js';
import { nameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { IdentityError } from '../errors.js';
import type { CertificateProfileId } from './request.js';
import { serialHex } from './serial.js';
import { parseCertificateDer } from './sign.js';

/** Who a verified device certificate says the device is. */
export interface DeviceIdentity {
  /** The device serial (subject serialNumber). */
  readonly serial: string;
  readonly commonName: string | undefined;
  readonly organization: string | undefined;
  /** Product line (subject OU), if any. */
  readonly product: string | undefined;
  /** The profile the certificate was issued under, recognised from its contents. */
  readonly profile: CertificateProfileId;
  /** The certificate's serial, lower-case hex: the key to revocation. */
  readonly certificateSerial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** 802.1AR hardware module name (RFC 4108), if present. */
  readonly hardwareModule: { readonly hwType: string; readonly serial: string } | undefined;
}

/** @internal */
export function parseCertificate(der: Uint8Array): Certificate {
  try {
    return parseCertificateDer(der);
  } catch (cause) {
    throw new IdentityError('IDENTITY_CERT_MALFORMED', 'not an X.509 certificate', { cause });
  }
}

/** @internal */
export function extensionValue<T>(
  cert: Certificate,
  oid: string,
  type: new () => T,
): T | undefined {
  const e = cert.tbsCertificate.extensions?.find((x) => x.extnID === oid);
  return e === undefined ? undefined : AsnConvert.parse(e.extnValue, type);
}

/**
 * Maps a certificate (DER, e.g. `socket.getPeerCertificate().raw` after the TLS handshake
 * verified it) to the device identity. Refuses CA certificates and certificates without a
 * device serial, so a CA certificate presented as a client never maps to a device.
 *
 * @throws {IdentityError} IDENTITY_CERT_MALFORMED, IDENTITY_CERT_NOT_DEVICE
 */
export function deviceIdentityOf(certificate: Uint8Array): DeviceIdentity {
  const cert = parseCertificate(certificate);
  const tbs = cert.tbsCertificate;
  let bc: BasicConstraints | undefined;
  let san: SubjectAlternativeName | undefined;
  try {
    bc = extensionValue(cert, OID.basicConstraints, BasicConstraints);
    san = extensionValue(cert, OID.subjectAltName, SubjectAlternativeName);
  } catch (cause) {
    throw new IdentityError('IDENTITY_CERT_MALFORMED', 'extension does not parse', { cause });
  }
  if (bc?.cA)
    throw new IdentityError('IDENTITY_CERT_NOT_DEVICE', 'a CA certificate is not a device');
  const serial = nameAttribute(tbs.subject, OID.serialNumber);
  if (serial === undefined)
    throw new IdentityError('IDENTITY_CERT_NOT_DEVICE', 'no device serial in subject');
  const hwName = san?.find((n) => n.otherName?.typeId === OID.hardwareModuleName)?.otherName;
  const hardwareModule = hwName ? parseHardwareModuleName(hwName.value) : undefined;
  const profile: CertificateProfileId = hardwareModule
    ? 'idevid-8021ar'
    : nameAttribute(tbs.subject, OID.matterVendorId) !== undefined
      ? 'matter-dac'
      : san?.some((n) => n.dNSName !== undefined)
        ? 'tls-server'
        : 'ldevid-mtls';
  return {
    serial,
    commonName: nameAttribute(tbs.subject, OID.commonName),
    organization: nameAttribute(tbs.subject, OID.organization),
    product: nameAttribute(tbs.subject, OID.organizationalUnit),
    profile,
    certificateSerial: serialHex(new Uint8Array(tbs.serialNumber)).replace(/^(00)+(?=..)/, ''),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    hardwareModule,
  };
}
