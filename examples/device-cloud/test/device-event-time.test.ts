import { describe, expect, it } from 'vitest';
import { deviceEventTime } from '../src/devices/index.js';

describe('deviceEventTime (the order of one device’s reports across instances)', () => {
  const now = new Date('2027-03-01T12:00:00.000Z');
  it('is the device’s own time of the event', () => {
    expect(deviceEventTime('2027-03-01T11:59:58.250+00:00', now).toISOString()).toBe('2027-03-01T11:59:58.250Z');
  });
  it('never lies in the cloud’s future: a clock running ahead cannot outrank later reports', () => {
    expect(deviceEventTime('2030-01-01T00:00:00Z', now)).toEqual(now);
  });
  it('falls back to the cloud’s time for a time it cannot read', () => {
    expect(deviceEventTime('not a time', now)).toEqual(now);
  });
}); // prettier-ignore
