/** Object identifiers this package writes and reads. @internal */
export const OID = Object.freeze({
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  /** RFC 4108 §5: id-on-hardwareModuleName. */
  hardwareModuleName: '1.3.6.1.5.5.7.8.4',
  /** Matter Core Specification §6.5.6.1: matter-oid-vid and matter-oid-pid. */
  matterVendorId: '1.3.6.1.4.1.37244.2.1',
  matterProductId: '1.3.6.1.4.1.37244.2.2',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  cRLNumber: '2.5.29.20',
  cRLReason: '2.5.29.21',
  extensionRequest: '1.2.840.113549.1.9.14',
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ed25519: '1.3.101.112',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
});
