/**
 * `@cra-kit/cli`: the `cra` command, and the pieces of it other tools reuse: running it
 * in-process, registering a command family, and reading product profiles from YAML with every
 * problem placed on its line.
 * @module
 */
export { runCli, DEFAULT_FAMILIES } from './program.js';
export { CLI_ERROR_CODES, CliError, EXIT } from './errors.js';
export { checkProductProfileFile, loadProductProfile } from './profile/load-profile.js';
export { defaultYamlLimits, parseYaml, readYamlFile } from './profile/yaml-document.js';
export { PRODUCT_PROFILE_FILE } from './commands/init.js';
export { PRODUCT_PROFILE_TEMPLATE } from './profile/template.js';

export type { CliErrorCode } from './errors.js';
export type { CliIo } from './io.js';
export type { CommandContext, CommandFamily } from './command-family.js';
export type { LocatedFinding, ProfileCheck } from './profile/load-profile.js';
export type { SourcePosition, YamlSource } from './profile/yaml-document.js';
