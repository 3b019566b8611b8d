import { describe, expect, it } from 'vitest';
import { DEVICE_STATES, DeviceSchema, ValidationError, parseWith } from '@cra-kit/core';
import { brief, issuesOf } from '../../test/fixtures/errors.js';
import { omit } from '../../test/fixtures/objects.js';

const device = () => ({
  schemaVersion: 1,
  serial: 'VS3-2748-000123',
  model: 'vs300',
  hardwareRevision: 'rev-c',
  firmwareVersion: '1.4.2',
  securityCounter: 7,
  placedOnMarketAt: '2027-12-11',
  ownerContactId: 'owner-0042',
  certificateFingerprint: 'ab'.repeat(32),
  state: 'active',
});

describe('DeviceSchema', () => {
  it('accepts a unit in the field, and one with only the required fields', () => {
    expect(DeviceSchema.parse(device())).toEqual(device());
    const minimal = omit(
      device(),
      'firmwareVersion',
      'securityCounter',
      'placedOnMarketAt',
      'ownerContactId',
      'certificateFingerprint',
    );
    expect(DeviceSchema.parse(minimal)).toEqual(minimal);
  });

  it('knows the lifecycle states', () => {
    expect(DEVICE_STATES).toEqual([
      'manufactured',
      'provisioned',
      'active',
      'revoked',
      'decommissioned',
    ]);
  });

  it.each([
    ['serial', 'VS3 2748'],
    ['firmwareVersion', '1.4'],
    ['firmwareVersion', 'v1.4.2'],
    ['securityCounter', -1],
    ['securityCounter', 1.5],
    ['placedOnMarketAt', '2027-12-11T00:00:00Z'],
    ['certificateFingerprint', 'AB'.repeat(32)],
    ['certificateFingerprint', 'ab'.repeat(31)],
    ['state', 'stolen'],
    ['schemaVersion', 2],
  ])('refuses %s = %j', (field, value) => {
    const issues = issuesOf(() =>
      parseWith(DeviceSchema, { ...device(), [field]: value }, 'device'),
    );
    expect(issues.map((i) => i.path)).toEqual([[field]]);
  });

  it('never stores contact details, only an opaque owner id', () => {
    const issues = issuesOf(() =>
      parseWith(DeviceSchema, { ...device(), ownerEmail: 'a@b.example' }),
    );
    expect(brief(issues)).toEqual([{ path: [], code: 'unrecognized_keys' }]);
    expect(
      issuesOf(() => parseWith(DeviceSchema, { ...device(), ownerContactId: 'a@b.example' })).map(
        (i) => i.path,
      ),
    ).toEqual([['ownerContactId']]);
  });

  it('is exported with its JSON Schema id', () => {
    expect(DeviceSchema.meta()?.id).toBe('Device');
    expect(() => parseWith(DeviceSchema, {})).toThrowWithCode(
      ValidationError,
      'CORE_VALIDATION_FAILED',
    );
  });
});
