import {
  listRequirements,
  REQUIREMENT_SOURCES,
  type Requirement,
  type RequirementSource,
} from '@cra-kit/core';
import { Option } from 'commander';
import type { CommandFamily } from '../command-family.js';
import { json, line } from '../io.js';

const evidenceText = (r: Requirement) =>
  r.evidence.length === 0
    ? '—'
    : r.evidence.map((e) => `${e.provider}: ${e.capability}`).join('; ');

/** `cra requirements`: lists the CRA requirement catalogue. */
export const requirementsCommand: CommandFamily = {
  name: 'requirements',
  register(program, { io }) {
    program
      .command('requirements')
      .description('list the CRA requirement catalogue: id, citation, paraphrase, evidence')
      .addOption(new Option('--source <source>', 'only one annex or article').choices(REQUIREMENT_SOURCES))
      .option('--json', 'print the catalogue as JSON', false)
      .addHelpText('after', '\nExample:\n  $ cra requirements --source annex-i-part-i\n  $ cra requirements --json | jq \'.[] | select(.evidence == []) | .id\'')
      .action((options: { source?: RequirementSource; json: boolean }) => {
        const requirements = listRequirements(options.source === undefined ? {} : { source: options.source });
        if (options.json) {
          json(io.stdout, requirements);
          return;
        }
        for (const r of requirements) {
          line(io.stdout, `${r.id}  ${r.citation}: ${r.title}`);
          line(io.stdout, `    ${r.summary}`);
          line(io.stdout, `    applies from ${r.appliesFrom}; evidence: ${evidenceText(r)}`);
        }
        line(io.stdout, `${requirements.length} requirements`);
      });
  },
}; // prettier-ignore
