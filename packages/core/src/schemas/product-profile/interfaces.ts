import { z } from 'zod';
import { cited } from '../citation.js';
import { TextSchema } from '../primitives.js';

export const INTERFACE_KINDS = ['network', 'radio', 'physical', 'debug', 'local-ui'] as const;
export const TRANSPORTS = ['tcp', 'udp', 'other'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'both'] as const;

export const ExposedInterfaceSchema = z.strictObject({
  name: TextSchema.describe('Name of the interface, e.g. "MQTT uplink"'),
  kind: z.enum(INTERFACE_KINDS).describe('network, radio, physical port, debug port or local UI'),
  protocol: TextSchema.describe('Protocol stack, e.g. "MQTT 3.1.1 over TLS 1.3"'),
  transport: z.enum(TRANSPORTS).optional().describe('Transport protocol, for network interfaces'),
  port: z.int().min(1).max(65535).optional().describe('Port number, for network interfaces'),
  direction: z.enum(DIRECTIONS).describe('Who opens connections'),
  authentication: TextSchema.describe('How peers are authenticated, or "none"'),
  encryption: TextSchema.describe('How traffic is protected, or "none"'),
  enabledByDefault: z.boolean().describe('Whether it is active in the shipped configuration'),
  purpose: TextSchema.describe('Why the interface exists'),
});
export type ExposedInterface = z.infer<typeof ExposedInterfaceSchema>;

export const ExposedInterfacesSchema = cited(
  z.array(ExposedInterfaceSchema).min(1, 'list every external interface, port and protocol'),
  'Annex I, Part I, point (2)(j)',
  'The attack surface: every external interface, port and protocol',
);
