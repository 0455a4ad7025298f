// Fails when code or docs cite the briefs Haven grew from, documents outside this repository:
// cite docs/architecture.md (its rules and journeys are numbered) or another file in the repository instead.
// Run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outsideBriefs = ['DESIGN', 'JOURNEYS'].map((name) => `${name}.md`);
const skipped = new Set(['node_modules', 'dist', '.nx', 'test-results', 'coverage']);

function* filesUnder(entry) {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return yield entry;
  for (const name of readdirSync(full)) {
    if (!skipped.has(name)) yield* filesUnder(path.join(entry, name));
  }
}

const offenders = [];
for (const start of ['apps', 'libs', 'tests', 'tools', 'docs', 'README.md', 'eslint.config.js']) {
  for (const file of filesUnder(start)) {
    const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach(
      (line, index) =>
        outsideBriefs.some((brief) => line.includes(brief)) && offenders.push(`${file}:${index + 1}: ${line.trim()}`),
    );
  }
}
if (offenders.length > 0) {
  console.error(
    `${outsideBriefs.join(' and ')} are not in this repository; cite docs/architecture.md instead:\n${offenders.join('\n')}`,
  );
  process.exit(1);
}
