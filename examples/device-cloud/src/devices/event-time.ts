/**
 * The time by which a device's event is ordered against its other events: the device's own `at`
 * (shared subscriptions hand one device's messages to several instances, so arrival order means
 * nothing), but never later than the cloud's `now`, so a device clock running ahead cannot make
 * one report outrank every later one. A device whose clock jumps back (no RTC after a reboot)
 * has its reports ordered by that clock too: devices should send time from NTP or a monotonic
 * boot-counted source.
 */
export function deviceEventTime(at: string, now: Date): Date {
  const device = Date.parse(at);
  return new Date(Number.isNaN(device) ? now.getTime() : Math.min(device, now.getTime()));
}
