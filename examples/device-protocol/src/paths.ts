/**
 * HTTPS paths. The cloud has two HTTPS listeners: a public one (server TLS only: first
 * enrollment with a bootstrap token, security.txt, CSAF, vulnerability reports, the operator
 * API and pages) and a device one that requires a client certificate from our CA.
 */
export const HTTP_PATHS = {
  /** RFC 7030 §4.1: the CA certificates (public). */
  estCaCerts: '/.well-known/est/cacerts',
  /** RFC 7030 §4.2.1: first enrollment, `Authorization: Bearer <bootstrap token>` (public). */
  estSimpleEnroll: '/.well-known/est/simpleenroll',
  /** RFC 7030 §4.2.2: renewal with the current certificate (device listener). */
  estSimpleReenroll: '/.well-known/est/simplereenroll',
  /** TUF image repository: `<prefix><N>.root.json`, `timestamp.json`, …, `targets/<name>` (device listener). */
  otaRepository: '/ota/repository/',
  /** Uptane director targets metadata for the calling device (device listener). */
  otaDirectorTargets: '/ota/director/targets.json',
  /** Vulnerability reports from researchers (public). */
  vulnReports: '/vulnerability-reports',
  securityTxt: '/.well-known/security.txt',
  csafProviderMetadata: '/.well-known/csaf/provider-metadata.json',
  /** Operator API root (public listener, `Authorization: Bearer <api token>`). */
  api: '/api/v1/',
} as const;
