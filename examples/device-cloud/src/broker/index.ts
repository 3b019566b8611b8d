export { startDeviceBroker } from './device-broker.js';
export { createMqttAuthorizer } from './mqtt-authorizer.js';
export { createDeviceMessageHandler } from './device-messages.js';
export type { DeviceBroker } from './device-broker.js';
export type { DeviceMessageHandler } from './device-messages.js';
