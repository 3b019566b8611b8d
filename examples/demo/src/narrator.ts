/**
 * The demo's voice: one headline per step of the story and a few indented facts under it,
 * with the time since start, so a compliance officer can follow what happened. `--json` prints
 * the same as JSON lines for scripts.
 */
export interface Narrator {
  step(title: string): void;
  fact(text: string): void;
  warn(text: string): void;
  done(summary: Record<string, unknown>): void;
}

export function createNarrator(options: { json: boolean; out?: NodeJS.WritableStream }): Narrator {
  const out = options.out ?? process.stdout;
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  const line = (kind: string, text: string) =>
    out.write(
      options.json
        ? `${JSON.stringify({ kind, at: Number(elapsed()), text })}\n`
        : kind === 'step'
          ? `\n[${elapsed()} s] ${text}\n`
          : `          ${kind === 'warn' ? '! ' : '· '}${text}\n`,
    );
  return {
    step: (title) => line('step', title),
    fact: (text) => line('fact', text),
    warn: (text) => line('warn', text),
    done: (summary) => {
      if (options.json)
        out.write(`${JSON.stringify({ kind: 'done', at: Number(elapsed()), ...summary })}\n`);
    },
  };
}
