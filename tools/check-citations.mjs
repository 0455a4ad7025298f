// Fails when code or docs cite the brief Haven grew from, a document outside this repository:
// cite docs/architecture.md (its rules are numbered) or another file in the repository instead.
// Run by `npm run lint`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outsideBrief = ['DESIGN', 'md'].join('.');
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
    lines.forEach((line, index) => line.includes(outsideBrief) && offenders.push(`${file}:${index + 1}: ${line.trim()}`));
  }
}
if (offenders.length > 0) {
  console.error(`${outsideBrief} is not in this repository; cite docs/architecture.md instead:\n${offenders.join('\n')}`);
  process.exit(1);
}
