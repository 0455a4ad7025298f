type Catalogue = Record<string, unknown>;

/**
 * Where every text of the app is found, one i18next namespace per catalogue: a module's texts are
 * modules/<module>/i18n/<language>.json, its namespace the module's name in camelCase ("partner-inbox" →
 * `partnerInbox`); the texts shared by every screen (navigation, enums, validation, problems) are
 * app/i18n/<language>.json, the `common` namespace, and those of every password field (the reasons a password is
 * refused) app/i18n/passwords/<language>.json, the `passwords` namespace. A new module's catalogue needs no
 * registration.
 */
const CATALOGUES = import.meta.glob<Catalogue>(
  // English only where it is not built in (below): a catalogue both built in and fetched would become a chunk of its
  // own, and the first download would grow.
  [
    './{fr,ar}.json',
    './passwords/{fr,ar}.json',
    '../../modules/*/i18n/{fr,ar}.json',
    '../../modules/{statistics,administration,access-log,assessments,case-history,case-summary,children,documents,identification,legal-status,reintegration,shelters,support-plans,training,case-reassignment,programme,consents}/i18n/en.json',
  ],
  { import: 'default' },
);

/**
 * English is built in (it is also the fallback), except the catalogues of screens that are not the first of a
 * session: those are fetched in every language when such a screen asks for them (ON_DEMAND, the glob's
 * exclusions), which keeps the first download within its budget. Their texts are asked for only by their own
 * screens, and the case tabs wait for the namespaces of their labels (app/case-page/case-tabs.tsx); a text the shell
 * shows (a navigation label) belongs in `common`.
 */
const ENGLISH = import.meta.glob<Catalogue>(
  [
    './en.json',
    './passwords/en.json',
    '../../modules/*/i18n/en.json',
    '!../../modules/{statistics,administration,access-log,assessments,case-history,case-summary,children,documents,identification,legal-status,reintegration,shelters,support-plans,training,case-reassignment,programme,consents}/i18n/*.json',
  ],
  { import: 'default', eager: true },
);
const ON_DEMAND = new Set([
  'statistics',
  'administration',
  'accessLog',
  'assessments',
  'caseHistory',
  'caseSummary',
  'children',
  'documents',
  'identification',
  'legalStatus',
  'reintegration',
  'shelters',
  'supportPlans',
  'training',
  'caseReassignment',
  'programme',
  'consents',
]);

function namespaceOf(path: string): string {
  if (path.startsWith('./passwords/')) return 'passwords';
  const module = /modules\/([^/]+)\/i18n\//.exec(path)?.[1];
  return module ? module.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) : 'common';
}

function languageOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
}

export const BUILT_IN_ENGLISH: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(ENGLISH).map(([path, catalogue]) => [namespaceOf(path), catalogue]),
);

export function isOnDemand(namespace: string): boolean {
  return ON_DEMAND.has(namespace);
}

/** A language's catalogues other than the on-demand ones, fetched together so nobody sees a screen in English first. */
export async function cataloguesOf(language: string): Promise<Record<string, Catalogue>> {
  const wanted = Object.entries(CATALOGUES).filter(
    ([path]) => languageOf(path) === language && !isOnDemand(namespaceOf(path)),
  );
  const loaded = await Promise.all(wanted.map(async ([path, load]) => [namespaceOf(path), await load()] as const));
  return Object.fromEntries(loaded);
}

/** How to fetch an on-demand namespace in a language, if it has such a catalogue. */
export function onDemandCatalogue(language: string, namespace: string): (() => Promise<Catalogue>) | undefined {
  const entry = Object.entries(CATALOGUES).find(
    ([path]) => languageOf(path) === language && namespaceOf(path) === namespace,
  );
  return entry?.[1];
}
