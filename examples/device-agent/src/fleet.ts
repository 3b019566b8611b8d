import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkError } from '@cra-kit/core';
import type { Agent } from './agent.js';
import { createAgent } from './agent.js';
import type { AgentConfigInput, AgentHooks } from './config.js';
import type { UpdateOutcome } from './update.js';

/** One simulated device: its serial and bootstrap token. */
export interface FleetDevice {
  readonly serial: string;
  readonly bootstrapToken: string;
}

/** Counts over a fleet, for load tests and the demo. */
export interface FleetSummary {
  readonly total: number;
  readonly enrolled: number;
  readonly connected: number;
  readonly failedToStart: number;
  readonly versions: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
}

/**
 * Many agents in one process (one event loop), each with its own data directory under
 * `baseDir/<serial>`, its own key and certificate. `template` is every agent's configuration
 * except `dataDir`, `serial` and `bootstrapToken`.
 */
export function createFleet(options: {
  baseDir: string;
  devices: readonly FleetDevice[];
  template: Omit<AgentConfigInput, 'dataDir' | 'serial' | 'bootstrapToken'>;
  hooks?: (serial: string) => AgentHooks;
  /** Agents started at once (enrollment is CPU-bound key generation and TLS). */
  concurrency?: number;
}) {
  const agents = new Map<string, Agent>();
  const failures = new Map<string, string>();
  const outcomes = new Map<string, UpdateOutcome['outcome']>();
  for (const device of options.devices) {
    const agent = createAgent({ ...options.template, dataDir: join(options.baseDir, device.serial), serial: device.serial, bootstrapToken: device.bootstrapToken }, options.hooks?.(device.serial) ?? {});
    agents.set(device.serial, agent);
  } // prettier-ignore

  const pool = async <T>(items: readonly T[], run: (item: T) => Promise<void>) => {
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  };

  return {
    agents,
    /** Boots and enrolls every agent; a failing agent is recorded, the others go on. */
    async start(): Promise<void> {
      await mkdir(options.baseDir, { recursive: true });
      await pool([...agents], async ([serial, agent]) => {
        try {
          await agent.start();
        } catch (error) {
          failures.set(serial, SdkError.isInstance(error) ? error.code : String(error));
        }
      });
    },
    /** Delivers one notice to every started agent (offline mode, or to bypass the broker). */
    async notifyAll(notice: unknown): Promise<void> {
      await pool(
        [...agents].filter(([s]) => !failures.has(s)),
        async ([serial, agent]) => {
          const outcome = await agent.handleNotice(notice).catch(() => undefined);
          if (outcome) outcomes.set(serial, outcome.outcome);
        },
      );
    },
    summary(): FleetSummary {
      const versions: Record<string, number> = {};
      const counted: Record<string, number> = {};
      let enrolled = 0;
      let connected = 0;
      for (const agent of agents.values()) {
        const s = agent.status();
        if (s.enrolled) enrolled++;
        if (s.connected) connected++;
        if (s.firmware) versions[s.firmware.version] = (versions[s.firmware.version] ?? 0) + 1;
      }
      for (const o of outcomes.values()) counted[o] = (counted[o] ?? 0) + 1;
      return { total: agents.size, enrolled, connected, failedToStart: failures.size, versions, outcomes: counted };
    }, // prettier-ignore
    async stop(): Promise<void> {
      await Promise.all([...agents.values()].map((a) => a.stop()));
    },
  };
}
export type Fleet = ReturnType<typeof createFleet>;
