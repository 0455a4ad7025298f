import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, isVersionConflict } from '../api-client';
import { translateValidationMessage } from '../i18n/validation-messages';

interface FormProblemProps {
  /** The failed request's error (a mutation's `error`); nothing is shown without one. */
  error: unknown;
  /**
   * Loads the latest data and adopts its version, keeping what the user typed. Required wherever a 409 can
   * happen: the user decides what to do after seeing the other change, nothing is overwritten behind their back.
   */
  onReload?: () => Promise<unknown>;
  /** Top-level names of the inputs that show field errors themselves; other field errors are listed here. */
  fields?: readonly string[];
}

/** Why a save failed, in words the user can act on, with Reload for conflicts. */
export function FormProblem({ error, onReload, fields = [] }: FormProblemProps) {
  const { t } = useTranslation();
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // A new failure replaces the "reloaded" note; the note stays only until the next attempt. A message that
  // belongs to no field may be far above the Save button that caused it, so it is brought into view; field
  // errors are not, the form moves focus to the first wrong field instead.
  useEffect(() => {
    if (!error) return;
    setReloaded(false);
    if (!isApiError(error, 400)) box.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const reload = async () => {
    if (!onReload) return;
    setReloading(true);
    try {
      await onReload();
      setReloaded(true);
    } finally {
      setReloading(false);
    }
  };

  if (!error) {
    if (!reloaded) return null;
    return (
      <Alert color="blue" variant="light" role="status">
        <Text size="sm" c="blue.9">
          {t('problems.reloaded')}
        </Text>
      </Alert>
    );
  }

  if (isApiError(error, 409)) {
    const stale = isVersionConflict(error);
    return (
      <Alert
        ref={box}
        color="yellow"
        variant="light"
        title={stale ? t('problems.conflictTitle') : t('problems.stateTitle')}
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="gray.9">
            {stale ? t('problems.conflictBody') : t('problems.stateBody')}
          </Text>
          {onReload && (
            <Button size="xs" variant="default" onClick={() => void reload()} loading={reloading}>
              {t('app.reload')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }

  let message: string;
  let details: string[] = [];
  if (isApiError(error, 400)) {
    message = t('problems.fixFields');
    details = error
      .fieldErrors()
      .filter(({ field }) => !fields.includes(field.split('.')[0]))
      .map(({ message: text }) => translateValidationMessage(t, text));
    if (details.length > 0) message = t('problems.notAccepted');
  } else if (isApiError(error, 403)) {
    message = t('problems.forbidden');
  } else if (isApiError(error, 404)) {
    message = t('problems.gone');
  } else if (isApiError(error, 429)) {
    message = t('problems.tooMany');
  } else if (isApiError(error, 0)) {
    message = t('problems.network');
  } else {
    message = t('problems.failed');
  }

  return (
    <Alert ref={box} color="red" variant="light">
      <Text size="sm" c="red.9">
        {message}
      </Text>
      {details.length > 0 && (
        <List size="sm" mt={4} c="red.9">
          {details.map((detail) => (
            <List.Item key={detail}>{detail}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
