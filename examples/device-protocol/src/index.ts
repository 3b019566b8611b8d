export {
  DEVICE_ID_PATTERN,
  TOPIC_ROOT,
  devicePrefix,
  eventsTopic,
  noticesTopic,
  telemetryTopic,
} from './topics.js';
export { HTTP_PATHS } from './paths.js';
export {
  DeviceEventSchema,
  MAX_MESSAGE_BYTES,
  NoticeSchema,
  TelemetryMessageSchema,
  UPDATE_OUTCOMES,
  UPDATE_PHASES,
} from './messages.js';
export type { DeviceEvent, Notice, TelemetryMessage } from './messages.js';
