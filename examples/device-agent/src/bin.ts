#!/usr/bin/env node
/**
 * Runs one device agent from a JSON configuration, printing one JSON line per event to stdout
 * (for the power-loss tests and the demo). Usage:
 *
 *   cra-device-agent --config agent.json [--notice notice.json] [--exit-after boot|notice]
 *
 * The file is the agent configuration with `caFile` and `rootFile` paths instead of `caPem` and
 * `initialRoot`, plus `failHealthCheckFor` (versions whose health check fails, for demos).
 * CRA_AGENT_TEST_PAUSE_AT=download|verify|write|switch|health-check stops inside that update
 * step (prints `paused`) so a test can kill the process there. Test use only.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SdkError, parseWith } from '@cra-kit/core';
import { z } from 'zod';
import type { DeviceEvent } from '@cra-kit-examples/device-protocol';
import { createAgent } from './agent.js';
import type { PausePoint } from './slots.js';

const BinConfigSchema = z.looseObject({
  caFile: z.string().min(1),
  rootFile: z.string().min(1),
  failHealthCheckFor: z.array(z.string()).default([]),
  /** Sensor readings to simulate; numbers vary by ±5 % per reading. */
  telemetrySample: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
});
const PAUSE_POINTS = ['download', 'verify', 'write', 'switch', 'health-check'] as const;

const print = (line: Record<string, unknown>) => {
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`);
};

/** A device event as a line: `type` is the event kind (a security event's own type moves to `securityEvent`). */
const lineOf = (event: DeviceEvent) =>
  event.kind === 'security-event'
    ? { type: event.kind, securityEvent: event.type, detail: event.detail }
    : { ...event, type: event.kind };

const vary = (sample: Record<string, string | number | boolean>) =>
  Object.fromEntries(
    Object.entries(sample).map(([k, v]) => [
      k,
      typeof v === 'number' ? Math.round(v * (0.95 + Math.random() * 0.1) * 1000) / 1000 : v,
    ]),
  );

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      notice: { type: 'string' },
      'exit-after': { type: 'string' },
    },
  });
  if (values.config === undefined) throw new TypeError('--config <file> is required');
  const raw: unknown = JSON.parse(await readFile(values.config, 'utf8'));
  const { caFile, rootFile, failHealthCheckFor, telemetrySample, ...rest } = parseWith(
    BinConfigSchema,
    raw,
    values.config,
  );
  const pauseAt = process.env['CRA_AGENT_TEST_PAUSE_AT'];
  const pausePoint = PAUSE_POINTS.find((p) => p === pauseAt);
  const agent = createAgent(
    { ...rest, cloud: { ...(rest['cloud'] as object), caPem: await readFile(caFile, 'utf8') }, ota: { ...(rest['ota'] as object), initialRoot: new Uint8Array(await readFile(rootFile)) } },
    {
      onEvent: (event) => { print(event.type === 'device-event' ? lineOf(event.event) : event.type === 'link' ? { ...event.event, type: `link-${event.event.type}` } : event); },
      healthCheck: (fw) => !failHealthCheckFor.includes(fw.manifest.version),
      // uptime_s is not declared: the agent drops it (data minimisation), the line shows it.
      telemetrySource: () => ({ ...vary(telemetrySample), uptime_s: Math.round(process.uptime()) }),
      ...(pausePoint === undefined ? {} : {
        pause: (point: PausePoint) => {
          if (point !== pausePoint) return Promise.resolve();
          print({ type: 'paused', point });
          return new Promise<void>(() => undefined); // until the test kills us
        },
      }),
    },
  ); // prettier-ignore
  const report = await agent.start();
  print({ type: 'booted', slot: report.firmware.slot, version: report.firmware.manifest.version, sha256: report.firmware.manifest.target.hashes['sha256'], firstBoot: report.firstBoot, ...(report.revertedTrial ? { revertedTrial: report.revertedTrial } : {}) }); // prettier-ignore
  if (values['exit-after'] === 'boot') {
    await agent.stop();
    return 0;
  }
  if (values.notice !== undefined) {
    await agent.handleNotice(JSON.parse(await readFile(values.notice, 'utf8')));
    if (values['exit-after'] === 'notice') {
      await agent.stop();
      return 0;
    }
  }
  const stop = () => {
    void agent.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keep running: MQTT, telemetry and renewal timers are unref'd, so hold the loop open.
  setInterval(() => undefined, 1 << 30);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    print({
      type: 'fatal',
      ...(SdkError.isInstance(error) ? error.toJSON() : { message: String(error) }),
    });
    process.exit(1);
  },
);
