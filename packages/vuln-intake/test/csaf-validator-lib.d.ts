// Types for the parts of @secvisogram/csaf-validator-lib our tests use (it ships none for them).
declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  export const weaknesses: readonly { id: string; name: string }[];
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  const tests: Record<string, unknown>;
  export = tests;
}
declare module '@secvisogram/csaf-validator-lib/optionalTests.js' {
  const tests: Record<string, unknown>;
  export = tests;
}
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  export const csaf_2_0_strict: unknown;
}
declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  interface Finding {
    instancePath: string;
    message: string;
  }
  // eslint-disable-next-line no-restricted-syntax -- the library's own default export
  export default function validateStrict(
    tests: readonly unknown[],
    document: unknown,
  ): Promise<{
    isValid: boolean;
    tests: {
      name: string;
      isValid: boolean;
      errors: Finding[];
      warnings: Finding[];
      infos: Finding[];
    }[];
  }>;
}
