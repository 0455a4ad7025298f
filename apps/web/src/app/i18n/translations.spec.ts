import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_LISTS } from './code-lists';

/**
 * Every text the app shows exists in every language it offers: English is the reference, and French and Arabic
 * hold each of its keys (app/i18n/catalogues.ts says where the catalogues are). The values the API sends (the
 * enums of libs/contracts) each have a text in every language, so none reaches the page as a raw code.
 */
const webSource = path.resolve(process.cwd(), 'apps/web/src');
const TRANSLATED = ['fr', 'ar'] as const;
type Catalogue = { [key: string]: string | Catalogue };

function read(folder: string, language: string): Catalogue {
  return JSON.parse(readFileSync(path.join(folder, `${language}.json`), 'utf8')) as Catalogue;
}

const CATALOGUE_FOLDERS: Record<string, string> = {
  common: path.join(webSource, 'app/i18n'),
  passwords: path.join(webSource, 'app/i18n/passwords'),
  ...Object.fromEntries(
    readdirSync(path.join(webSource, 'modules'))
      .filter((module) => readdirSync(path.join(webSource, 'modules', module)).includes('i18n'))
      .map((module) => [module, path.join(webSource, 'modules', module, 'i18n')]),
  ),
};

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

function textAt(catalogue: Catalogue, key: string): unknown {
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
      expect.arrayContaining(['common', 'passwords', 'referrals', 'statistics', 'administration']),
    );
  });

  for (const [name, folder] of Object.entries(CATALOGUE_FOLDERS)) {
    for (const language of TRANSLATED) {
      it(`${name}: every English key has a ${language} text`, () => {
        // Keys are compared as paths, since some keys contain a dot themselves ("referral.received").
        const translated = new Set(keysOf(read(folder, language), '', true));
        const missing = keysOf(read(folder, 'en')).filter((key) => !translated.has(key));
        expect(missing).toEqual([]);
      });
    }
  }
});

describe('texts the API sends', () => {
  for (const language of ['en', ...TRANSLATED]) {
    it(`every enum value has a ${language} text`, () => {
      const common = read(CATALOGUE_FOLDERS.common, language);
      const untranslated = Object.entries(CODE_LISTS).flatMap(([group, values]) =>
        values
          .filter((value) => typeof textAt(common, `enums.${group}.${value}`) !== 'string')
          .map((value) => `enums.${group}.${value}`),
      );
      expect(untranslated).toEqual([]);
    });
  }
});
