/**
 * Names as search tokens (docs/architecture.md, "Search by name"): pure functions, no key.
 *
 * The caseload's names are mostly Arabic, Tigrinya, Amharic and Hausa names written in Latin
 * letters, each by whoever registered the person, so one name has many spellings: Mohammed,
 * Muhammad, Mohamed; Abdel Rahman, Abdulrahman, Abd al-Rahman; Yohannes, Johannes; Youssef,
 * Yusuf, Joseph; Hussein, Husain, Husayn; Tesfay, Tesfaye. A token is kept in two forms: its
 * normalised spelling (exact) and its sound key (`soundKeyOf`), which maps those spellings onto
 * one key. English phonetic codes (Soundex, Metaphone) drop or merge the wrong things for these
 * names — Metaphone gives Mahmoud and Mohammed the same code, and knows nothing of the French
 * `ou` and `ch` or the Ethiopian `ts` — so the key follows the transliteration habits instead.
 */

/** How the name index's keys are made; a change of the rules below raises it, and the index is rebuilt. */
export const NAME_INDEX_VERSION = 1;

/** Letters of the Latin script, after accents are removed. */
const LATIN = /^[a-z]+$/;

/**
 * The normalised words of a name: decomposed (NFKD) and stripped of accents, lower case,
 * split on anything that is not a letter (spaces, hyphens, apostrophes), the Arabic article
 * (al-, el-, ul-) dropped, and the "servant of" names joined to what follows: Abd al-Rahman,
 * Abdel Rahman, Abdul-Rahman and Abdurrahman all give `abdrahman`.
 */
export function nameTokens(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const tokens: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    let word = words[index]!;
    if (ARTICLES.has(word) && index + 1 < words.length) continue;
    // "Abd", "Abdel", "Abdul"… standing alone belong to the next word.
    if (SERVANT_OF.test(word) && word.replace(SERVANT_OF, '') === '' && index + 1 < words.length) {
      let next = index + 1;
      if ((ARTICLES.has(words[next]!) || ASSIMILATED.has(words[next]!)) && next + 1 < words.length) next += 1;
      word = `abd${words[next]!}`;
      index = next;
    }
    tokens.push(joinedServantName(word));
  }
  return [...new Set(tokens)];
}

/** The Arabic article, written alone or before a hyphen. */
const ARTICLES = new Set(['al', 'el', 'ul', 'il']);

/** The article assimilated to a "sun letter", as written after "Abd" (Abd ar-Rahman, Abd as-Salam). */
const ASSIMILATED = new Set(['ar', 'as', 'ad', 'at', 'az', 'an', 'ash', 'er', 'es', 'ed', 'ur', 'us', 'ud']);

/** "Abd" with the article glued on: abd, abdel, abdul, abdal, abdoul, abdol, abdil. */
const SERVANT_OF = /^abd(?:ou|o|u|e|a|i)?l?/;

/** Abdulrahman → abdrahman; Abdurrahman (the article assimilated: "ur-R") → abdrahman; Abdullah → abdlah. */
function joinedServantName(word: string): string {
  if (!word.startsWith('abd') || word.length <= 5) return word;
  const withArticle = /^abd(?:ou|o|u|e|a|i)l(.+)$/.exec(word);
  if (withArticle) return `abd${withArticle[1]!}`;
  const assimilated = /^abd(?:ou|o|u|e|a|i)([rnstdz])\1(.*)$/.exec(word);
  if (assimilated) return `abd${assimilated[1]!}${assimilated[2]!}`;
  return word;
}

/**
 * The sound key of a normalised token: the spelling reduced to what transliterations agree on.
 * Consonant digraphs are folded (sh/ch/sch → x, kh → h, ph → f, th → t, dh → d, gh → g, dj → j,
 * ts/tz → s), c and q become k, j and y at the start become one sound (Yohannes, Johannes),
 * w and y between vowels and every run of vowels become one vowel mark (Youssef, Yusuf;
 * Hussein, Husayn), a final h after a vowel and final vowels are dropped (Fatimah, Fatima;
 * Tesfaye, Tesfay), and doubled letters are written once (Mohammed, Mohamed). A token in
 * another script (Arabic, Ge'ez) is kept as it is: it is matched exactly.
 */
export function soundKeyOf(token: string): string {
  if (!LATIN.test(token)) return token;
  let key = token
    .replace(/sch/g, 'x')
    .replace(/tch|tsh/g, 'x')
    .replace(/sh|ch/g, 'x')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/gh/g, 'g')
    .replace(/dj/g, 'j')
    .replace(/ts|tz/g, 's')
    .replace(/ck|q|c(?![eiy])/g, 'k')
    .replace(/c/g, 's')
    .replace(/z/g, 's')
    .replace(/v/g, 'w');
  // The first sound: j and y are one (Johannes, Yohannes).
  key = key.replace(/^j/, 'y');
  // w and y between vowels, or after a vowel at the end, are part of the vowel (Dawud, Daoud; Tesfay).
  key = key.replace(/(?<=[aeiou])[wy](?=[aeiou]|$)/g, 'e');
  // y inside the word is a vowel (Aiman, Ayman; Husayn).
  key = key.replace(/(?<=.)y/g, 'e');
  // A final h after a vowel is silent (Fatimah), then final vowels go (Tesfaye, Ousmane).
  key = key.replace(/(?<=[aeiou])h$/, '');
  key = key.replace(/(?<=.)[aeiou]+$/, '');
  // Every run of vowels is one mark; doubled letters are written once.
  key = key.replace(/[aeiou]+/g, 'V');
  key = key.replace(/(.)\1+/g, '$1');
  return key;
}

/** What the index keeps of one name or search: for each token its exact and sound forms. */
export interface NameToken {
  exact: string;
  sound: string;
}

export function searchTokensOf(text: string): NameToken[] {
  return nameTokens(text).map((exact) => ({ exact, sound: soundKeyOf(exact) }));
}
