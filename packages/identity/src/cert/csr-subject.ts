import type { VerifiedCsr } from '../csr/parse-csr.js';
import { IdentityError } from '../errors.js';
import type { IssueRequest } from './request.js';

/**
 * A CSR that names a subject must name the device being certified: its CN and serialNumber, when
 * present, must be the device serial (except for `tls-server`, whose CN is a host name).
 * @throws {IdentityError} IDENTITY_POLICY_VIOLATION
 * @internal
 */
export function assertCsrNamesDevice(csr: Pick<VerifiedCsr, 'commonName' | 'serialNumber'>, request: IssueRequest): void {
  for (const [field, value] of [['serialNumber', csr.serialNumber], ['CN', csr.commonName]] as const) {
    if (value !== undefined && value !== request.serial && request.profile !== 'tls-server') {
      throw new IdentityError('IDENTITY_POLICY_VIOLATION', `CSR subject ${field} is not the device serial`, {
        details: { field },
      });
    }
  }
} // prettier-ignore
