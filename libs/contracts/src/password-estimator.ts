import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';
import { dictionary as frenchDictionary } from '@zxcvbn-ts/language-fr';

/**
 * The zxcvbn-ts estimator with its dictionaries: passwords from breaches, diceware and common words,
 * names and Wikipedia words in English and French, keyboard layouts. Large, so it is only ever loaded
 * through a dynamic import (`passwordProblems` in password-strength.ts): the web app fetches it on the
 * screens that ask for a new password, never on the first load.
 */
const estimator = new ZxcvbnFactory({
  dictionary: { ...commonDictionary, ...englishDictionary, ...frenchDictionary },
  graphs: adjacencyGraphs,
});

export function estimatePassword(password: string, userInputs: string[]): ZxcvbnResult {
  return estimator.check(password, userInputs);
}
