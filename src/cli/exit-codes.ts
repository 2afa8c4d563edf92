/** The CLI's exit codes, for CI scripts: 0 all good, 1 problems found, 2 the command could not run as asked. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
