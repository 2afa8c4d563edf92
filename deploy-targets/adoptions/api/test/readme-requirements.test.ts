import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's table maps each requirement of the specification to its tests by file and name: every
// test it names must exist, so the table cannot promise a test that was renamed or removed.
const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

type Reference = { file: string; name: string };

function tableRows(readme: string): string[][] {
  const section = readme.split('## The specification, requirement by requirement')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| requirement') && !line.startsWith('| ---'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\|$/g, '').trim()));
}

/** "`api/test/a.test.ts`: `name one`, `name two`; Runway: `test/b.test.ts`: `name`" → references. */
function references(cell: string): Reference[] {
  return cell.split('; ').flatMap((part) => {
    const runway = part.startsWith('Runway: ');
    const [file, ...names] = [...part.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    if (!file) return [];
    return names.map((name) => ({ file: `${runway ? REPO_DIR : APP_DIR}${file}`, name }));
  });
}

describe('README: the specification, requirement by requirement', () => {
  const rows = tableRows(readFileSync(`${APP_DIR}README.md`, 'utf8'));

  it('has a row per requirement, each naming at least one test', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const row of rows) expect(references(row[2] ?? ''), row[0]).not.toEqual([]);
  });

  it('names only tests that exist', () => {
    for (const { file, name } of rows.flatMap((row) => references(row[2] ?? ''))) {
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} has no test "${name}"`).toContain(name);
    }
  });
});
