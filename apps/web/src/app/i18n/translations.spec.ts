import { describe, expect, it } from '@jest/globals';
import * as contracts from '@haven/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MISSING_ITEM_KEY } from '../../modules/cases/utils/case-tabs';
import { CODE_LISTS } from './code-lists';

/**
 * Every text the app shows exists in every language it offers: English is the reference, and French and Arabic
 * hold each of its keys (app/i18n/catalogues.ts says where the catalogues are). Every key the code asks for
 * exists, and every code the API sends (the lists of libs/contracts) has a text in every language, so none
 * reaches the page as a raw code.
 */
const webSource = path.resolve(process.cwd(), 'apps/web/src');
const LANGUAGES = ['en', 'fr', 'ar'] as const;
const TRANSLATED = ['fr', 'ar'] as const;
type Language = (typeof LANGUAGES)[number];
type Catalogue = { [key: string]: string | Catalogue };

function read(folder: string, language: string): Catalogue {
  return JSON.parse(readFileSync(path.join(folder, `${language}.json`), 'utf8')) as Catalogue;
}

function camelCase(module: string): string {
  return module.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Each namespace and its folder, found as the loader finds them (app/i18n/catalogues.ts). */
const CATALOGUE_FOLDERS: Record<string, string> = {
  common: path.join(webSource, 'app/i18n'),
  passwords: path.join(webSource, 'app/i18n/passwords'),
  ...Object.fromEntries(
    readdirSync(path.join(webSource, 'modules'))
      .filter((module) => readdirSync(path.join(webSource, 'modules', module)).includes('i18n'))
      .map((module) => [camelCase(module), path.join(webSource, 'modules', module, 'i18n')]),
  ),
};

const CATALOGUES: Record<Language, Record<string, Catalogue>> = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    Object.fromEntries(Object.entries(CATALOGUE_FOLDERS).map(([name, folder]) => [name, read(folder, language)])),
  ]),
) as Record<Language, Record<string, Catalogue>>;

/** Every key path to a text; with `nonEmptyOnly`, only those whose text is not blank. */
function keysOf(catalogue: Catalogue, prefix = '', nonEmptyOnly = false): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string'
      ? nonEmptyOnly && value.trim() === ''
        ? []
        : [`${prefix}${key}`]
      : keysOf(value, `${prefix}${key}.`, nonEmptyOnly),
  );
}

function nodeAt(catalogue: Catalogue, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Catalogue)[part] : undefined),
      catalogue,
    );
}

describe('translation catalogues', () => {
  it('finds the catalogues it checks', () => {
    expect(Object.keys(CATALOGUE_FOLDERS)).toEqual(
      expect.arrayContaining(['common', 'passwords', 'cases', 'referrals', 'statistics', 'administration']),
    );
  });

  for (const name of Object.keys(CATALOGUE_FOLDERS)) {
    for (const language of TRANSLATED) {
      it(`${name}: every English key has a ${language} text`, () => {
        // Keys are compared as paths, since some keys contain a dot themselves ("referral.received").
        const translated = new Set(keysOf(CATALOGUES[language][name], '', true));
        const missing = keysOf(CATALOGUES.en[name]).filter((key) => !translated.has(key));
        expect(missing).toEqual([]);
      });
    }
  }
});

/** The web app's own source files, tests and generated types aside. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(entry.name) ? [file] : [];
  });
}

interface KeyUse {
  file: string;
  key: string;
  /** The namespaces the key may be in: the file's own, or the one it names (`referrals:tab`). */
  namespaces: string[];
  /** A template literal's fixed start (`enums.status.`): it must lead to texts, the rest is chosen at run time. */
  prefixOnly: boolean;
}

const NAMESPACES = Object.keys(CATALOGUE_FOLDERS);
const QUALIFIED = new RegExp(`^(${NAMESPACES.join('|')}):(.*)$`);
const NAMED_KEY = new RegExp(`(['"\`])(?:${NAMESPACES.join('|')}):[A-Za-z0-9_.-]+\\1`, 'g');

/**
 * Every key the code hands a translation function (`t('…')`, `tc(…)`, `i18n.t(…)`, a template literal's fixed
 * start), and every string that names a namespace's key (`labelKey: 'referrals:tab'`). A file's own namespaces
 * are the common one, those its `useTranslation` calls name, and its module's.
 */
function keysUsedIn(file: string): KeyUse[] {
  const source = readFileSync(file, 'utf8');
  const module = /modules\/([^/]+)\//.exec(file)?.[1];
  const own = new Set(['common']);
  if (module && CATALOGUE_FOLDERS[camelCase(module)]) own.add(camelCase(module));
  for (const call of source.matchAll(/useTranslation\(([^)]*)\)/g))
    for (const name of call[1].matchAll(/'([^']+)'/g)) own.add(name[1]);
  // A call may name its namespace in its options: t('identityGone', { ns: 'dataProtection' }).
  for (const option of source.matchAll(/\bns:\s*'([^']+)'/g)) own.add(option[1]);
  const translators = ['t', ...[...source.matchAll(/\bt:\s*(\w+)/g)].map((alias) => alias[1])];
  const call = new RegExp(
    `\\b(?:${[...new Set(translators)].join('|')})\\(\\s*(?:'([^']*)'|"([^"]*)"|\`([^\`]*)\`)`,
    'g',
  );
  const uses: KeyUse[] = [];
  const add = (text: string, template: boolean) => {
    const fixed = template && text.includes('${') ? text.slice(0, text.indexOf('${')) : text;
    if (fixed === '') return;
    const named = QUALIFIED.exec(fixed);
    uses.push({
      file: path.relative(webSource, file),
      key: named ? named[2] : fixed,
      namespaces: named ? [named[1]] : [...own],
      prefixOnly: fixed !== text,
    });
  };
  for (const match of source.matchAll(call)) add(match[1] ?? match[2] ?? match[3], match[3] !== undefined);
  for (const match of source.matchAll(NAMED_KEY)) add(match[0].slice(1, -1), match[1] === '`');
  return uses;
}

/** A key exists as a text, a table of texts (`returnObjects`), or plural forms (`count_one`, `count_other`). */
function exists(use: KeyUse): boolean {
  return use.namespaces.some((namespace) => {
    const catalogue = CATALOGUES.en[namespace];
    if (!catalogue) return false;
    if (use.prefixOnly) {
      const fixed = use.key.endsWith('.') ? use.key.slice(0, -1) : use.key;
      if (fixed === '' || nodeAt(catalogue, fixed) !== undefined) return true;
      return keysOf(catalogue).some((key) => key.startsWith(use.key));
    }
    if (nodeAt(catalogue, use.key) !== undefined) return true;
    const parent = use.key.includes('.') ? nodeAt(catalogue, use.key.slice(0, use.key.lastIndexOf('.'))) : catalogue;
    const last = use.key.slice(use.key.lastIndexOf('.') + 1);
    return !!parent && typeof parent === 'object' && Object.keys(parent).some((key) => key.startsWith(`${last}_`));
  });
}

describe('keys the code asks for', () => {
  const uses = sourceFiles(webSource).flatMap(keysUsedIn);

  it('finds the keys it checks', () => {
    expect(uses.length).toBeGreaterThan(1000);
    expect(uses).toContainEqual(expect.objectContaining({ key: 'tab', namespaces: ['referrals'] }));
    expect(uses).toContainEqual(expect.objectContaining({ key: 'enums.status.', prefixOnly: true }));
  });

  it('each exists in a catalogue the code may read it from', () => {
    const unknown = uses
      .filter((use) => !exists(use))
      .map((use) => `${use.file}: ${use.key} (${use.namespaces.join(', ')})`);
    expect(unknown).toEqual([]);
  });
});

type CodeTexts = string | string[] | { at: string; key: (code: string) => string };

/** The lists whose texts are the common catalogue's `enums.<group>` (app/i18n/code-lists.ts), by their contract name. */
const COMMON_CODE_TEXTS: Record<string, CodeTexts> = Object.fromEntries(
  Object.entries(CODE_LISTS).flatMap(([group, list]) => {
    const name = Object.entries(contracts).find(([, value]) => value === list)?.[0];
    return name ? [[name, `common:enums.${group}`]] : [];
  }),
);

/**
 * Where the texts of each list of codes the API sends are, `namespace:path` (the text of a code is at
 * `path` → code); a code whose key differs from it says how to find its key.
 */
const CODE_TEXTS: Record<string, CodeTexts> = {
  ...COMMON_CODE_TEXTS,
  GOAL_STATUSES: ['common:enums.goalStatus', 'reintegration:goalStatus'],
  INBOX_AGE_BANDS: 'partnerInbox:ageBands',
  RETURN_SERVICE_TYPES: 'common:enums.serviceType',
  RETURN_OFFICE_SERVICE_TYPES: 'common:enums.serviceType',
  MISSING_ITEMS: { at: 'cases:missing.items', key: (code) => MISSING_ITEM_KEY[code as contracts.MissingItem] },
  REFERRAL_STATUSES: 'referrals:statuses',
  INBOX_STATUSES: 'referrals:statuses',
  URGENCIES: 'referrals:urgencies',
  LENS_SECTIONS: { at: 'referrals:lens', key: (code) => `${code}.label` },
  RETURN_BLOCK_CODES: 'referrals:returnSafety.codes',
  TRANSFER_STATUSES: 'transfers:statuses',
  PROTECTION_REVIEW_DECISIONS: 'transfers:reviews.decisions',
  ENROLMENT_STATUSES: 'training:status',
  SEAT_HOLDING_STATUSES: 'training:status',
  DROPOUT_REASONS: 'training:dropoutReason',
  TRAINING_OUTCOMES: 'training:outcome',
  ATTENDANCE_STATUSES: 'training:attendanceStatus',
  SHELTER_KINDS: 'shelters:kind',
  ROOM_SEXES: 'shelters:room.sex',
  ROOM_AGE_GROUPS: 'shelters:room.ageGroup',
  PLACEMENT_EXIT_REASONS: 'shelters:exitReason',
  DISCHARGE_REASONS: 'shelters:exitReason',
  REINTEGRATION_DIMENSIONS: 'reintegration:dimension',
  NOTIFICATION_KINDS: 'notifications:kinds',
  REFERRAL_ANSWER_KINDS: 'myWork:answerKind',
  ANONYMISATION_KINDS: 'dataProtection:anonymised.titles',
  RETENTION_TRIGGERS: 'dataProtection:runs.triggers',
  ERASURE_REASONS: 'dataProtection:reasons',
  ERASURE_CHANNELS: 'dataProtection:channels',
  CASE_ACCESS_KINDS: 'accessLog:kinds',
  SYSTEM_EVENT_KINDS: 'accessLog:kinds',
  AUDIT_OUTCOMES: 'accessLog:outcomes',
  ROLES: ['administration:users.roles', 'accessLog:roles'],
  TWO_FACTOR_REQUIRED_ROLES: 'administration:users.roles',
  ORGANISATION_KINDS: 'administration:kinds',
  REFERRAL_RECIPIENT_KINDS: 'administration:kinds',
  TRANSFER_RECIPIENT_KINDS: 'administration:kinds',
  USER_STATES: 'administration:states',
  ACTIVATION_LINK_PROBLEMS: 'administration:activate.problems',
  PASSWORD_PROBLEMS: 'passwords:rules',
  STATISTICS_GRANULARITIES: 'statistics:filters',
  STATISTICS_FORMATS: 'statistics:download',
  DOCUMENT_CATEGORIES: 'documents:categories',
  DOCUMENT_RECORD_TYPES: 'documents:records',
  TRAFFICKING_INDICATOR_CODES: 'identification:indicators',
  INDICATOR_DIMENSIONS: 'identification:dimensions',
  INDICATOR_STRENGTHS: 'identification:strengths',
  INDICATOR_ANSWERS: 'identification:answers',
  SCREENING_PROPOSALS: 'identification:proposals',
  LEGAL_STATUS_FIELDS: 'legalStatus:fields',
  LEGAL_DEADLINE_KINDS: 'myWork:legalKind',
  AGE_ASSESSMENT_METHODS: 'children:age.methods',
  CHILD_ASSENTS: 'children:assent.values',
  BEST_INTERESTS_KINDS: 'children:bestInterests.kinds',
  BEST_INTERESTS_STATUSES: 'children:bestInterests.statuses',
  BEST_INTERESTS_DECISIONS: 'children:bestInterests.decisions',
  CHILD_CASE_BASES: 'children:basis',
  PROGRAMME_REGISTERS: 'programme:registers',
  INSTITUTION_SECTORS: 'programme:sectors',
  CAMPAIGN_CHANNELS: 'programme:channels',
  CAMPAIGN_TARGET_GROUPS: 'programme:targetGroups',
  REACH_METHODS: 'programme:methods',
  REACH_SEXES: 'programme:sexes',
  REACH_AGE_BANDS: 'programme:ageBands',
  EVENT_FORMATS: 'programme:formats',
  DIASPORA_SECTORS: 'programme:diasporaSectors',
  // The administration page shows an organisation's HTCDS code as such; an institution's form offers it in words.
  HTCDS_ORGANISATION_TYPES: 'programme:organisationTypes',
  PROGRAMME_RESULTS: 'statistics:results.titles',
  RESULT_UNITS: 'statistics:results.units',
};

/** Lists of codes in the contracts that no page shows as such, and why. */
const NOT_SHOWN: Record<string, string> = {
  LANGUAGE_CODES: 'language names come from the browser (Intl.DisplayNames) in the reader’s language',
  CASE_PROFILE_FIELDS: 'names of request fields; each field has its own label',
  CASE_UPDATE_FIELDS: 'names of request fields; each field has its own label',
  SURVIVOR_IDENTITY_FIELDS: 'names of request fields; each field has its own label',
  TRAFFICKING_PROFILE_FIELDS: 'names of request fields; each field has its own label',
  COUNTRY_CODES:
    'each country is named in the reader’s language by the browser (Intl.DisplayNames, app/text/format.ts)',
  STATISTICS_TABLES:
    'named by the statistics catalogue of libs/contracts (STATISTICS_TEXTS), which the API writes its files with; apps/api/src/modules/statistics/statistics-texts.spec.ts checks it',
  STATISTICS_INDICATORS: 'named by the statistics catalogue of libs/contracts (STATISTICS_TEXTS), as the tables',
  STATISTICS_LANGUAGES: 'the languages the statistics catalogue is written in, never shown as codes',
  STATISTICS_CONSENT_MODES: 'a setting of how a release is computed, never shown',
  RETURN_SAFEGUARDS: 'each return blocker is shown by its code (RETURN_BLOCK_CODES)',
  RETURN_CLEARANCES: 'what clears a blocker, told by the blocker code’s own text',
  BULK_IMPORT_COLUMNS: 'column headings an import file must use as they are',
  RECIPIENT_CONSENT_PURPOSES: 'a subset of CONSENT_PURPOSES, shown with their texts',
  IDENTIFYING_LENS_SECTIONS: 'a subset of LENS_SECTIONS, shown with their texts',
  CASE_SORTS: 'a sort is chosen by its column header, which has its own label',
  SORT_ORDERS: 'the direction is said by the column header (aria-sort and the sort.* texts)',
  DOCUMENT_CONTENT_TYPES: 'media types of files, sent in headers; a file is shown by its title and category',
  PREVIEWABLE_CONTENT_TYPES: 'media types of files, sent in headers; a file is shown by its title and category',
  DECIDED_PROFILE_FIELDS: 'names of profile fields; each field has its own label',
  PROTECTED_STATUSES: 'a subset of TRAFFICKING_STATUSES, shown with their texts',
  HEADLINE_RESULTS: 'a subset of PROGRAMME_RESULTS, shown with their texts',
  REGISTER_SORTS: 'a sort is chosen by its column header, which has its own label',
  AUDIT_LOG_SORTS: 'a sort is chosen by its column header, which has its own label',
  HISTORY_SORTS: 'a sort is chosen by its column header, which has its own label',
  INBOX_SORTS: 'a sort is chosen by its column header, which has its own label',
  NOTE_SORTS: 'notes are always read newest first; the sort is never chosen on screen',
  USER_SORTS: 'a sort is chosen by its column header, which has its own label',
  INCOMING_TRANSFER_SORTS: 'a sort is chosen by its column header, which has its own label',
  NOTIFICATION_SORTS: 'the bell always shows the newest first; the sort is never chosen on screen',
  SHELTER_SORTS: 'the shelter pickers read every shelter by name; the sort is never chosen on screen',
  PROGRAMME_SORTS: 'a sort is chosen by its column header, which has its own label',
};

/** Every list of codes libs/contracts exports (a non-empty array of strings), by its name. */
const CONTRACT_CODE_LISTS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(contracts).filter(
    (entry): entry is [string, readonly string[]] =>
      Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((value) => typeof value === 'string'),
  ),
);

function textsOf(language: Language, where: CodeTexts, code: string): unknown[] {
  const keyed = typeof where === 'object' && !Array.isArray(where);
  const places = keyed ? [where.at] : [where].flat();
  return places.map((place) => {
    const [, namespace, at] = QUALIFIED.exec(place) ?? [];
    const table = nodeAt(CATALOGUES[language][namespace] ?? {}, at);
    if (!table || typeof table !== 'object') return undefined;
    // A code is one key even when it holds a dot ("referral.received"); a key made from it is a path.
    return keyed ? nodeAt(table as Catalogue, where.key(code)) : (table as Catalogue)[code];
  });
}

describe('codes the API sends', () => {
  it('finds the lists of codes it checks', () => {
    expect(Object.keys(CONTRACT_CODE_LISTS).length).toBeGreaterThan(50);
    expect(CONTRACT_CODE_LISTS.REFERRAL_STATUSES).toEqual(contracts.REFERRAL_STATUSES);
    // Each group of the common catalogue's code lists is a list the contracts export.
    expect(Object.keys(COMMON_CODE_TEXTS)).toHaveLength(Object.keys(CODE_LISTS).length);
  });

  it('each list of codes in the contracts is either shown with its texts or said not to be shown', () => {
    const unplaced = Object.keys(CONTRACT_CODE_LISTS).filter((name) => !(name in CODE_TEXTS) && !(name in NOT_SHOWN));
    expect(unplaced).toEqual([]);
    const gone = [...Object.keys(CODE_TEXTS), ...Object.keys(NOT_SHOWN)].filter(
      (name) => !(name in CONTRACT_CODE_LISTS),
    );
    expect(gone).toEqual([]);
  });

  for (const language of LANGUAGES) {
    it(`every code shown has a ${language} text`, () => {
      const untranslated = Object.entries(CODE_TEXTS).flatMap(([name, where]) =>
        CONTRACT_CODE_LISTS[name].flatMap((code) =>
          textsOf(language, where, code).some((text) => typeof text !== 'string' || text.trim() === '')
            ? [`${name}: ${code}`]
            : [],
        ),
      );
      expect(untranslated).toEqual([]);
    });
  }
});
