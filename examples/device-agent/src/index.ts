/**
 * The reference device agent of cra-kit: a device in Node that enrolls with its bootstrap
 * token, talks MQTT over mutual TLS, sends declared telemetry only, installs verified updates
 * into an A/B layout with automatic rollback, logs security events, and can be factory reset.
 * @module
 */
export { Agent, createAgent } from './agent.js';
export { AGENT_ERROR_CODES, AgentError } from './errors.js';
export { AgentConfigSchema, parseAgentConfig } from './config.js';
export { DEFAULT_BACKOFF, backoffDelay } from './backoff.js';
export { BootPointerSchema, bootFromPointer, readPointer } from './boot.js';
export { SlotManifestSchema, readManifest, verifiedSlot } from './slots.js';
export { SLOTS, dataLayout } from './layout.js';
export { DEFAULT_SETTINGS, DeviceSettingsSchema, decideUpdate } from './settings.js';
export { telemetryKeysOf, telemetryMessage } from './telemetry.js';
export { createEventLog } from './event-log.js';
export { secureErase } from './local-files.js';
export { createFleet } from './fleet.js';

export type { AgentStatus } from './agent.js';
export type { AgentErrorCode } from './errors.js';
export type { AgentConfig, AgentConfigInput, AgentEvent, AgentHooks } from './config.js';
export type { BackoffPolicy } from './backoff.js';
export type { BootPointer, BootReport, FactoryImage, RunningFirmware } from './boot.js';
export type { PauseHook, PausePoint, SlotManifest } from './slots.js';
export type { DataLayout, Slot } from './layout.js';
export type { UpdateDecision, DeviceSettings } from './settings.js';
export type { TelemetrySource, TelemetryValue } from './telemetry.js';
export type { EventLog, SecurityEvent } from './event-log.js';
export type { TlsClient } from './https.js';
export type { Fleet, FleetDevice, FleetSummary } from './fleet.js';
export type { HealthCheck, UpdateNotice, UpdateOutcome } from './update.js';
export type { LinkEvent } from './mqtt-link.js';
