export { BrokerConfigSchema, SERVICE_CN_PREFIX } from './config.js';
export { connectExternalBroker } from './service-client.js';
export { writeMosquittoFiles } from './broker-files.js';
export { prepareExternalBroker } from './prepare.js';
export { mosquittoFiles, renderAcl, renderMosquittoConf } from './mosquitto-config.js';
export type { BrokerConfig, ExternalBrokerConfig } from './config.js';
export type { ExternalDeviceBroker } from './service-client.js';
export type { MosquittoFiles } from './mosquitto-config.js';
