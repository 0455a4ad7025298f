#!/usr/bin/env node
/**
 * `npm run bundle:report` — sizes of the web app's production build (apps/web/dist).
 *
 * The initial JavaScript is what a browser must fetch before the first screen works:
 * the entry script of index.html and every chunk index.html preloads
 * (<link rel="modulepreload">). Each is gzipped here at zlib's default level, as a
 * server compresses on the fly. Every other chunk is listed too: route chunks load when
 * their screen opens.
 *
 * Fails (exit 1) when the initial JavaScript is over the budget (250 kB gzipped, kB =
 * 1000 bytes), or when the build is missing. `--markdown` prints a Markdown table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist');
const markdown = process.argv.includes('--markdown');

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('No web build in apps/web/dist: run `npx nx run web:build` first.');
  process.exit(1);
}

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const match of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) initial.add(match[1]);
const initialFiles = new Set([...initial].map((href) => path.join(dist, href.replace(/^\//, ''))));
if (initialFiles.size === 0) {
  console.error('index.html names no module script: is this a Vite build?');
  process.exit(1);
}

function filesUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const chunks = filesUnder(dist)
  .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
  .map((file) => {
    const content = readFileSync(file);
    return {
      file: path.relative(dist, file),
      bytes: content.length,
      gzip: gzipSync(content).length,
      initial: initialFiles.has(file),
    };
  })
  .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);

const kb = (bytes) => (bytes / 1000).toFixed(1);
const initialJs = chunks.filter((chunk) => chunk.initial && chunk.file.endsWith('.js'));
const initialGzip = initialJs.reduce((sum, chunk) => sum + chunk.gzip, 0);
const initialRaw = initialJs.reduce((sum, chunk) => sum + chunk.bytes, 0);
const allJs = chunks.filter((chunk) => chunk.file.endsWith('.js'));
const within = initialGzip <= BUDGET_BYTES;

if (markdown) {
  console.log('| file | initial | size | gzipped |');
  console.log('|---|---|---:|---:|');
  for (const chunk of chunks)
    console.log(`| \`${chunk.file}\` | ${chunk.initial ? 'yes' : ''} | ${kb(chunk.bytes)} kB | ${kb(chunk.gzip)} kB |`);
  console.log(
    `| **initial JavaScript** | | ${kb(initialRaw)} kB | **${kb(initialGzip)} kB** (budget ${kb(BUDGET_BYTES)} kB) |`,
  );
} else {
  for (const chunk of chunks) {
    console.log(
      `${chunk.initial ? '*' : ' '} ${chunk.file.padEnd(60)} ${kb(chunk.bytes).padStart(8)} kB  ${kb(chunk.gzip).padStart(7)} kB gzip`,
    );
  }
  console.log(
    `\n* initial: ${initialJs.length} JavaScript files, ${kb(initialRaw)} kB, ${kb(initialGzip)} kB gzipped (budget ${kb(BUDGET_BYTES)} kB)`,
  );
  console.log(
    `  all JavaScript: ${allJs.length} files, ${kb(allJs.reduce((sum, chunk) => sum + chunk.gzip, 0))} kB gzipped`,
  );
}
if (!within) {
  console.error(`Initial JavaScript is ${kb(initialGzip)} kB gzipped, over the ${kb(BUDGET_BYTES)} kB budget.`);
  process.exit(1);
}
