import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { StepFailedError } from './errors.ts';
import type { StepContext } from './step.ts';

/**
 * The real location of a path from the config (`path`, `output`, …) inside the checkout, after
 * following every symlink, so that a chain such as `a -> ..`, `b -> a/..` cannot lead a build or
 * an upload out of the checkout. Call it when the step's commands have ended: a command could
 * still swap a folder for a link. Fails the step, naming the field, when the path leaves the
 * checkout; a path that does not exist comes back as written, for the caller's own message.
 */
export async function resolveInCheckout(
  ctx: Pick<StepContext, 'source'> & { deployment: { environment: string } },
  relativePath: string,
  field: string,
): Promise<string> {
  const root = await realpath(await ctx.source.dir());
  const fullField = `environments.${ctx.deployment.environment}.${field}`;
  const lexical = join(root, relativePath);
  const resolved = await realpath(lexical).catch((error: NodeJS.ErrnoException) => {
    // Nothing there (or a dangling link): the caller says what it expected to find.
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return lexical;
    if (error.code === 'ELOOP') throw new StepFailedError(`${fullField}: ${relativePath} is a loop of symbolic links`);
    throw error;
  });
  if (resolved !== root && !resolved.startsWith(`${root}${sep}`))
    throw new StepFailedError(`${fullField}: ${relativePath} leads out of the checkout (through a symbolic link)`);
  return resolved;
}
