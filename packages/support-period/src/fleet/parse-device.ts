import { DeviceSchema, formatPath } from '@cra-kit/core';
import { z } from 'zod';
import { SupportPeriodError } from '../errors.js';

/**
 * A device as the fleet status reads it: core's `DeviceSchema` fields that matter for support.
 * NDJSON lines may carry other Device fields; they are ignored.
 */
export const FleetDeviceSchema = z.object(
  DeviceSchema.pick({
    serial: true,
    model: true,
    hardwareRevision: true,
    firmwareVersion: true,
    placedOnMarketAt: true,
    ownerContactId: true,
  }).shape,
);
export type FleetDevice = z.infer<typeof FleetDeviceSchema>;

/** The columns a fleet CSV may have, in any order; the first three are required. */
export const FLEET_CSV_COLUMNS = [
  'serial',
  'model',
  'hardwareRevision',
  'firmwareVersion',
  'placedOnMarketAt',
  'ownerContactId',
] as const;
const REQUIRED = FLEET_CSV_COLUMNS.slice(0, 3);

/** A line that is not a device: why, as a stable code and a message with no field values. */
export interface LineProblem {
  readonly code: 'SUPPORT_FLEET_LINE_MALFORMED';
  readonly message: string;
}

/**
 * Reads the CSV header line.
 * @throws {SupportPeriodError} SUPPORT_FLEET_HEADER_INVALID
 * @internal
 */
export function parseCsvHeader(text: string): readonly string[] {
  const names = splitCsv(text)?.map((n) => n.trim());
  const unknown = names?.filter((n) => !(FLEET_CSV_COLUMNS as readonly string[]).includes(n)) ?? [];
  const missing = REQUIRED.filter((r) => !names?.includes(r));
  if (names === undefined || unknown.length > 0 || missing.length > 0 || new Set(names).size !== names.length) {
    throw new SupportPeriodError('SUPPORT_FLEET_HEADER_INVALID', `the fleet CSV header must name the columns ${FLEET_CSV_COLUMNS.join(', ')} (the first three required), each once`, {
      details: { missing, unknown: unknown.map((u) => u.slice(0, 40)) },
    });
  }
  return names;
} // prettier-ignore

/** Reads one CSV data line with the given header. @internal */
export function parseCsvDevice(text: string, header: readonly string[]): FleetDevice | LineProblem {
  const cells = splitCsv(text);
  if (cells === undefined) return problem('unbalanced quotes');
  if (cells.length !== header.length) {
    return problem(`expected ${header.length} fields, found ${cells.length}`);
  }
  const record: Record<string, string> = {};
  header.forEach((name, i) => {
    const cell = cells[i]?.trim() ?? '';
    if (cell !== '') record[name] = cell;
  });
  return validate(record);
}

/** Reads one NDJSON line. @internal */
export function parseJsonDevice(text: string): FleetDevice | LineProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return problem('not valid JSON');
  }
  return validate(value);
}

/** True for the result of a parse that failed. @internal */
export function isProblem(value: FleetDevice | LineProblem): value is LineProblem {
  return 'code' in value;
}

function validate(value: unknown): FleetDevice | LineProblem {
  const result = FleetDeviceSchema.safeParse(value);
  if (result.success) return result.data;
  const fields = [
    ...new Set(
      result.error.issues.map((i) =>
        formatPath(i.path.filter((k): k is string | number => typeof k !== 'symbol')),
      ),
    ),
  ];
  return problem(`invalid or missing: ${fields.join(', ')}`);
}

const problem = (message: string): LineProblem => ({
  code: 'SUPPORT_FLEET_LINE_MALFORMED',
  message,
});

/** RFC 4180 fields of one line; undefined when quotes do not balance. */
function splitCsv(text: string): string[] | undefined {
  if (!text.includes('"')) return text.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (c === '"') {
      if (field !== '') return undefined; // a quote inside an unquoted field
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}
