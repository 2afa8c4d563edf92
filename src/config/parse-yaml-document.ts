import { isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';

/** One mistake in a YAML file, located for a `file:line:column field: message` report. */
export interface YamlProblem {
  /** Field path, e.g. `environments.production.backend.app`; '' for a syntax error. */
  path: string;
  message: string;
  line: number;
  column: number;
}

export type YamlParseResult<T> = { ok: true; value: T } | { ok: false; problems: YamlProblem[] };

/**
 * Parses YAML text and validates it with a zod schema; every problem names its field and its line
 * and column in the text. Shared by the repository config and the operator's policy file.
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  hintFor: (line: string) => string = () => '',
): YamlParseResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = text.split('\n');
    // The parser reports each token after the first mistake; the first error per line is the useful one.
    const seen = new Set<number>();
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      if (seen.has(pos.line)) continue;
      seen.add(pos.line);
      const hint = hintFor(lines[pos.line - 1] ?? '');
      problems.push({ path: '', message: `${e.message.split('\n')[0]!}${hint}`, line: pos.line, column: pos.col });
    }
    return { ok: false, problems };
  }
  // `__proto__` as a key would set the parsed object's prototype instead of naming a field.
  const proto = protoKeyOffset(doc);
  if (proto !== undefined) {
    const pos = lineCounter.linePos(proto);
    return { ok: false, problems: [{ path: '', message: 'a key cannot be named __proto__', line: pos.line, column: pos.col }] };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => locate(issue, doc, lineCounter)) };
}

/** One line per problem: `<file>:12:7 environments.production.backend.app: must be ...`. */
export function formatYamlProblems(file: string, problems: YamlProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');
}

function locate(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): YamlProblem {
  const path = issue.path.map(String);
  // Unknown keys: point at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const target = keys.length > 0 ? [...path, keys[0]!] : path;
  let offset = 0;
  // A missing field has no node: walk up to the nearest node that exists.
  for (let depth = target.length; depth >= 0; depth--) {
    const node = doc.getIn(target.slice(0, depth), true);
    if (isNode(node) && node.range) {
      offset = node.range[0];
      if (keys.length > 0 && depth === target.length) offset = keyOffset(doc, path, keys[0]!) ?? offset;
      break;
    }
  }
  const pos = lines.linePos(offset);
  // A refused map key (an environment name): say why, not zod's generic "Invalid key in record".
  const keyProblem = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : undefined;
  const message = keys.length > 0 ? `unknown field "${keys.join('", "')}"` : (keyProblem ?? issue.message);
  return { path: path.join('.'), message, line: pos.line, column: pos.col };
}

function keyOffset(doc: Document, parentPath: string[], key: string): number | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!parent || typeof parent !== 'object' || !('items' in parent) || !Array.isArray(parent.items)) return undefined;
  for (const pair of parent.items as { key?: unknown }[]) {
    const k = pair.key;
    if (isNode(k) && 'value' in k && k.value === key && k.range) return k.range[0];
  }
  return undefined;
}

function protoKeyOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        offset = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}
