import { PASSWORD_PROBLEM_MESSAGES, passwordProblems, type PasswordOwner, type PasswordRules } from '@haven/contracts';
import { BadRequestError } from '../errors/problem.js';

/**
 * Refuses (400, one error per reason on `field`) a password that `passwordProblems` finds weak: every
 * place where a person chooses a password calls this, with whose password it is. The password itself
 * is never echoed in the answer.
 */
export async function requireAcceptablePassword(
  password: string,
  owner: PasswordOwner,
  field: string,
  rules?: PasswordRules,
): Promise<void> {
  const problems = await passwordProblems(password, owner, rules);
  if (problems.length === 0) return;
  throw new BadRequestError(
    'The password is too easy to guess.',
    problems.map((problem) => ({ field, message: PASSWORD_PROBLEM_MESSAGES[problem], code: problem })),
  );
}
