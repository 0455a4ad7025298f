import { describe, expect, it } from '@jest/globals';
import { PASSWORD_PROBLEMS, passwordProblems } from './password-strength.js';

const amina = { email: 'ahaddad@shelter.example', displayName: 'Amina Haddad' };

describe('passwordProblems: NIST SP 800-63B rules with the zxcvbn-ts estimator', () => {
  it('accepts long passphrases without any composition rule', async () => {
    for (const password of [
      'correct horse battery staple',
      'Quiet-harbour-lantern-42',
      'tilleul jardin pluie violette',
      'Haven-demo-2026!',
    ]) {
      expect(await passwordProblems(password, amina)).toEqual([]);
    }
  });

  it('refuses fewer than 12 characters, counting characters rather than code units', async () => {
    expect(await passwordProblems('Xq9#vB2!kL7', amina)).toContain('tooShort');
    // Eleven emoji are eleven characters (22 UTF-16 units).
    expect(await passwordProblems('😀🎈🌍🚲🍋🎻🌵🦉🧭🪁🫖', amina)).toContain('tooShort');
    expect(await passwordProblems('Xq9#vB2!kL7m', amina)).not.toContain('tooShort');
  });

  it('refuses what is longer than the rule allows, without estimating', async () => {
    expect(await passwordProblems('x'.repeat(257), amina)).toEqual(['tooLong']);
    expect(await passwordProblems('Quiet-harbour-lantern-42', amina, { maxLength: 20 })).toEqual(['tooLong']);
  });

  it('refuses repetitions, sequences and common or breached passwords, saying which', async () => {
    expect(await passwordProblems('aaaaaaaaaaaa', amina)).toEqual(['repeated']);
    expect(await passwordProblems('abcdefghijklmn', amina)).toEqual(['sequence']);
    expect(await passwordProblems('asdfghjkl;lkjh', amina)).toEqual(['sequence']);
    expect(await passwordProblems('qwertyuiopasdf', amina)).toEqual(['common']);
    expect(await passwordProblems('password1234', amina)).toEqual(['common']);
    expect(await passwordProblems('iloveyou2024', amina)).toEqual(['common']);
    expect(await passwordProblems('1234567890ab', amina)).toEqual(['common']);
    expect(await passwordProblems('motdepasse12', amina)).not.toEqual([]);
  });

  it('refuses the person’s e-mail or name inside the password, also reversed or in l33t', async () => {
    expect(await passwordProblems('Amina-Haddad-2026-river', amina)).toEqual(['containsName']);
    expect(await passwordProblems('my-Haddad-lantern-stone', amina)).toEqual(['containsName']);
    expect(await passwordProblems('Lantern-ahaddad-river-88', amina)).toEqual(['containsEmail', 'containsName']);
    expect(await passwordProblems('Lantern-ahaddad-river-88', { email: 'ahaddad@shelter.example' })).toEqual([
      'containsEmail',
    ]);
    expect(await passwordProblems('daddah-lantern-stone-88', amina)).toEqual(['containsName']);
    expect(await passwordProblems('lantern-h4dd4d-stone-88', amina)).toEqual(['containsName']);
    // The organisation's domain is not the person's.
    expect(await passwordProblems('shelter-lantern-stone-88', amina)).toEqual([]);
    // Without an owner, the same password is fine.
    expect(await passwordProblems('Amina-Haddad-2026-river')).toEqual([]);
  });

  it('answers only known reasons, in a fixed order', async () => {
    const problems = await passwordProblems('aaaa', amina);
    expect(problems[0]).toBe('tooShort');
    expect(problems.every((problem) => PASSWORD_PROBLEMS.includes(problem))).toBe(true);
  });
});
