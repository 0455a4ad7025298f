/**
 * What makes a new password acceptable, after NIST SP 800-63B: long enough, and not one an attacker
 * would try early — no composition rules (no "a digit and a symbol"), but refused when it is a common
 * or breached password, a repetition, a keyboard or alphabet sequence, a date, or when it contains the
 * person's e-mail or name. Guessability is measured by zxcvbn-ts with its dictionaries; the same
 * function decides in the API (password change, new accounts, the access-export password) and in the
 * web app, which shows the reasons as the person types.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the bound only keeps hashing and estimating cheap. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * zxcvbn's score 3 means about 10^8 guesses or more: safe against online guessing (which the sign-in
 * throttle limits to a handful) and costly offline against argon2id.
 */
const MIN_SCORE = 3;

/** A name or e-mail part shorter than this is too common a string to forbid inside a password. */
const MIN_PERSONAL_WORD_LENGTH = 3;

export const PASSWORD_PROBLEMS = [
  'tooShort',
  'tooLong',
  'containsEmail',
  'containsName',
  'common',
  'repeated',
  'sequence',
  'dates',
  'guessable',
] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** The API's (English) words for each reason; the web app shows its own translations of the codes. */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  tooShort: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: 'Too long',
  containsEmail: 'Must not contain your e-mail address',
  containsName: 'Must not contain your name',
  common: 'A common or breached password, or too close to one',
  repeated: 'Repeated characters or words are easy to guess',
  sequence: 'Sequences such as abcd, 1234 or qwerty are easy to guess',
  dates: 'Dates and years are easy to guess',
  guessable: 'Too easy to guess: add more words that belong together only for you',
};

/** Whose password it is: what it must not contain. */
export interface PasswordOwner {
  email?: string | null;
  displayName?: string | null;
  /** Other words of the context, e.g. a case reference for an export password. */
  otherWords?: readonly string[];
}

export interface PasswordRules {
  /** Defaults to PASSWORD_MAX_LENGTH. */
  maxLength?: number;
}

type Estimator = typeof import('./password-estimator.js');
let estimatorLoading: Promise<Estimator> | undefined;

/** Loads the estimator and its dictionaries once (the web app calls this when a password field appears). */
export function loadPasswordEstimator(): Promise<Estimator> {
  estimatorLoading ??= import('./password-estimator.js').catch((error: unknown) => {
    // A failed download may succeed next time.
    estimatorLoading = undefined;
    throw error;
  });
  return estimatorLoading;
}

/**
 * The reasons a new password is refused, in a fixed order; empty when it is acceptable. Use this
 * wherever a person chooses a password: the API refuses with these, the web app shows them.
 */
export async function passwordProblems(
  password: string,
  owner: PasswordOwner = {},
  rules: PasswordRules = {},
): Promise<PasswordProblem[]> {
  const found = new Set<PasswordProblem>();
  // NIST counts characters, not bytes or UTF-16 units: an emoji is one.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) found.add('tooShort');
  if (length > (rules.maxLength ?? PASSWORD_MAX_LENGTH)) return ['tooLong'];

  const personal = personalWords(owner);
  const plain = normalise(password);
  for (const word of personal.email) if (plain.includes(word)) found.add('containsEmail');
  for (const word of personal.name) if (plain.includes(word)) found.add('containsName');

  const { estimatePassword } = await loadPasswordEstimator();
  const estimate = estimatePassword(password, [...personal.email, ...personal.name, ...personal.other]);
  // The estimator also finds personal words reversed or in l33t ("4m1n4").
  for (const match of estimate.sequence) {
    const { dictionaryName, matchedWord: word } = match as { dictionaryName?: string; matchedWord?: string };
    if (dictionaryName !== 'userInputs' || word === undefined) continue;
    if (personal.email.includes(word)) found.add('containsEmail');
    if (personal.name.includes(word)) found.add('containsName');
  }
  if (estimate.score < MIN_SCORE) found.add(problemOfWarning(estimate.feedback.warning));
  if (found.has('containsEmail') || found.has('containsName')) found.delete('guessable');
  return PASSWORD_PROBLEMS.filter((problem) => found.has(problem));
}

function problemOfWarning(warning: string | null): PasswordProblem {
  switch (warning) {
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
    case 'pwned':
      return 'common';
    case 'simpleRepeat':
    case 'extendedRepeat':
      return 'repeated';
    case 'straightRow':
    case 'keyPattern':
    case 'sequences':
      return 'sequence';
    case 'recentYears':
    case 'dates':
      return 'dates';
    default:
      return 'guessable';
  }
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The e-mail (whole, its local part and the local part's pieces), the name's words, and other context words. */
function personalWords(owner: PasswordOwner): { email: string[]; name: string[]; other: string[] } {
  const usable = (words: string[]) => [
    ...new Set(words.filter((word) => [...word].length >= MIN_PERSONAL_WORD_LENGTH)),
  ];
  const piecesOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u);
  const email = normalise(owner.email?.trim() ?? '');
  // The domain is left out: it is the organisation's, shared by every colleague, not the person's.
  const local = email.split('@')[0] ?? '';
  const name = normalise(owner.displayName?.trim() ?? '');
  return {
    email: usable(email ? [email, local, ...piecesOf(local)] : []),
    name: usable(name ? [...piecesOf(name), name.replace(/[^\p{L}\p{N}]+/gu, '')] : []),
    other: usable((owner.otherWords ?? []).map(normalise)),
  };
}
