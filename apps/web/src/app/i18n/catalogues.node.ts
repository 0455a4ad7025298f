import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The catalogues as app/i18n/catalogues.ts finds them, read from disk for Jest (which has no `import.meta.glob`);
 * jest.config.js maps the one onto the other. Every language is at hand, none on demand.
 */
type Catalogue = Record<string, unknown>;

const webSource = path.resolve(process.cwd(), 'apps/web/src');
const LANGUAGES = ['en', 'fr', 'ar'];

function read(file: string): Catalogue {
  return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
}

function cataloguesIn(language: string): Record<string, Catalogue> {
  const modules = readdirSync(path.join(webSource, 'modules'), { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  );
  const entries: [string, Catalogue][] = [
    ['common', read(path.join(webSource, 'app/i18n', `${language}.json`))],
    ['passwords', read(path.join(webSource, 'app/i18n/passwords', `${language}.json`))],
  ];
  for (const module of modules) {
    const file = path.join(webSource, 'modules', module.name, 'i18n', `${language}.json`);
    try {
      entries.push([module.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()), read(file)]);
    } catch {
      // A module without texts of its own.
    }
  }
  return Object.fromEntries(entries);
}

export const BUILT_IN_ENGLISH = cataloguesIn('en');

export function isOnDemand(): boolean {
  return false;
}

export async function cataloguesOf(language: string): Promise<Record<string, Catalogue>> {
  return LANGUAGES.includes(language) ? cataloguesIn(language) : {};
}

export function onDemandCatalogue(): undefined {
  return undefined;
}
