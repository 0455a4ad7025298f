import { List, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  loadPasswordEstimator,
  PASSWORD_PROBLEMS,
  passwordProblems,
  type PasswordOwner,
  type PasswordProblem,
} from '@haven/contracts';
import { isApiError } from '../api-client';

/** Long enough to skip estimating between two keystrokes, short enough to feel immediate. */
const SETTLE_MS = 150;

export interface PasswordCheck {
  /** The reasons the typed password would be refused; empty when it is acceptable. */
  problems: PasswordProblem[];
  /** True until the reasons for what is typed now are known (the estimator may still be downloading). */
  checking: boolean;
}

/**
 * Judges a new password as it is typed, with the function the API judges it with. The estimator and
 * its dictionaries are large, so they are fetched when a screen with a password field first renders,
 * never with the app. Should they fail to load, only the length is judged here; the API still decides.
 */
export function usePasswordProblems(password: string, owner: PasswordOwner, maxLength?: number): PasswordCheck {
  const [judged, setJudged] = useState<{ password: string; problems: PasswordProblem[] }>({
    password: '',
    problems: [],
  });
  const { email, displayName } = owner;
  const otherWords = (owner.otherWords ?? []).join('\n');

  useEffect(() => {
    void loadPasswordEstimator().catch(() => undefined);
  }, []);

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      const context = { email, displayName, otherWords: otherWords ? otherWords.split('\n') : [] };
      passwordProblems(password, context, { maxLength })
        .catch(() => lengthProblems(password, maxLength))
        .then((problems) => {
          if (current) setJudged({ password, problems });
        });
    }, SETTLE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [password, email, displayName, otherWords, maxLength]);

  return judged.password === password
    ? { problems: judged.problems, checking: false }
    : { problems: judged.problems, checking: true };
}

function lengthProblems(password: string, maxLength = 256): PasswordProblem[] {
  const length = [...password].length;
  if (length > maxLength) return ['tooLong'];
  return length < 12 ? ['tooShort'] : [];
}

/** The reasons the API gave for refusing a password (field errors with a password-problem code). */
export function passwordProblemsOf(error: unknown, field: string): PasswordProblem[] {
  if (!isApiError(error, 400)) return [];
  const codes = (error.problem.errors ?? []).filter((entry) => entry.field === field).map((entry) => entry.code);
  return PASSWORD_PROBLEMS.filter((problem) => codes.includes(problem));
}

/**
 * The reasons under a new-password field, read out politely as they change. Shows nothing for an
 * empty field, and says so when the password is acceptable.
 */
export function PasswordProblemList({
  id,
  password,
  check,
  maxLength,
}: {
  id: string;
  password: string;
  check: PasswordCheck;
  maxLength?: number;
}) {
  const { t } = useTranslation('passwords');
  let content = null;
  if (password !== '') {
    if (check.problems.length > 0) {
      content = (
        <List size="sm" c="red.9" spacing={2}>
          {check.problems.map((problem) => (
            <List.Item key={problem}>{t(`rules.${problem}`, { count: maxLength ?? 256 })}</List.Item>
          ))}
        </List>
      );
    } else if (!check.checking) {
      content = (
        <Text size="sm" c="teal.9">
          {t('rules.acceptable')}
        </Text>
      );
    }
  }
  return (
    <div id={id} aria-live="polite">
      {content}
    </div>
  );
}
