import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastUseAt, onUse } from '../../../app/api-client';
import { extendSession } from '../api/auth-api';
import { useSession, useSignOut } from '../hooks/use-session';

/** The warning comes this long before the session would end. */
export const IDLE_WARNING_MS = 2 * 60_000;

/**
 * Two minutes before the idle timeout, asks whether she is still there. The server ends a session unused for the
 * idle limit and moves its clock only once it is a refresh step old, so the session may end as early as her last
 * request plus the limit minus that step: the warning counts down to that time. "Stay signed in" asks the server to
 * start the idle clock again (`POST /api/auth/session/extend`); at the end she is signed out and the screen cleared.
 */
export function IdleWarning() {
  const { t } = useTranslation('auth');
  const { idle } = useSession();
  const signOut = useSignOut();
  const stay = useMutation({ mutationFn: extendSession });
  const endsAfterUseMs = (idle.timeoutSeconds - idle.refreshStepSeconds) * 1000;
  const [endsAt, setEndsAt] = useState(() => lastUseAt() + endsAfterUseMs);
  const [now, setNow] = useState(() => Date.now());

  // Every request that counts as use (any screen's, or "stay signed in") moves the end.
  useEffect(() => {
    setEndsAt(lastUseAt() + endsAfterUseMs);
    return onUse(() => setEndsAt(lastUseAt() + endsAfterUseMs));
  }, [endsAfterUseMs]);

  // A timer to the warning, then a tick each second of the countdown; at the end, signing out.
  const warningFrom = endsAt - IDLE_WARNING_MS;
  const warning = now >= warningFrom;
  const ended = now >= endsAt;
  const { mutate: signOutNow, isPending: signingOut } = signOut;
  useEffect(() => {
    if (warning) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, warningFrom - Date.now()));
    return () => window.clearTimeout(timer);
  }, [warning, warningFrom]);
  useEffect(() => {
    if (!warning || ended) return;
    const ticker = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(ticker);
  }, [warning, ended]);
  useEffect(() => {
    if (ended && !signingOut) signOutNow();
  }, [ended, signingOut, signOutNow]);

  const staySignedIn = () => stay.mutate(undefined, { onSuccess: () => setNow(Date.now()) });
  const seconds = Math.max(0, Math.ceil((endsAt - now) / 1000));

  return (
    <Modal opened={warning && !ended} onClose={staySignedIn} title={t('idle.title')} centered withCloseButton={false}>
      <Stack gap="md">
        <Text aria-live="polite">
          {t('idle.body', { minutes: Math.floor(seconds / 60), seconds: String(seconds % 60).padStart(2, '0') })}
        </Text>
        {stay.isError && (
          <Text c="red.9" role="alert">
            {t('idle.failed')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => signOutNow()} loading={signingOut}>
            {t('idle.signOut')}
          </Button>
          <Button onClick={staySignedIn} loading={stay.isPending} data-autofocus>
            {t('idle.stay')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
