/** Where a CLI command writes: results to stdout, problems to stderr (tests pass their own). */
export interface CliOutput {
  print(line: string): void;
  error(line: string): void;
}

export const processOutput: CliOutput = {
  print: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
