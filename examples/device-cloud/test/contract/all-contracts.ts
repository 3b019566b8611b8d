import type { Backend } from './backends.js';
import { describeCsafDirectoryContract } from './csaf-directory.contract.js';
import { describeDeviceContract } from './devices.contract.js';
import { describeDocumentContract } from './documents.contract.js';
import { describeEnrollmentAttemptsContract } from './enrollment-attempts.contract.js';
import { describeKvTelemetryContract } from './kv-telemetry.contract.js';
import { describeShellContract } from './shell.contract.js';
import { describeUpdateContract } from './updates.contract.js';
import { describeWebStateContract } from './web-state.contract.js';

/** Every store contract of the cloud, on one back end. */
export function describeAllContracts(backend: Backend): void {
  describeShellContract(backend);
  describeDeviceContract(backend);
  describeKvTelemetryContract(backend);
  describeEnrollmentAttemptsContract(backend);
  describeUpdateContract(backend);
  describeDocumentContract(backend);
  describeCsafDirectoryContract(backend);
  describeWebStateContract(backend);
}
