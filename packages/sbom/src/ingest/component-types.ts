/** CycloneDX 1.6 component types (`component.type`). */
export const COMPONENT_TYPES = [
  'application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device',
  'device-driver', 'firmware', 'file', 'machine-learning-model', 'data', 'cryptographic-asset',
] as const; // prettier-ignore
