import type { CaseDetail } from '@haven/contracts';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppAbility } from '../../auth/hooks/use-app-ability';
import { caseKeys, useCaseIdentity } from '../hooks/use-cases';
import { caseSubject } from '../utils/case-subject';
import { countryName, formatDate } from '../utils/format';
import { Facts } from './facts';

/**
 * Identity is never loaded with the case: the user asks for it, knowing the request is recorded,
 * and hiding it again drops it from memory (do-no-harm §5.2, §5.5).
 */
export function IdentitySection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const ability = useAppAbility();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const identity = useCaseIdentity(detail.id, revealed);

  const mayRead = ability.can('readIdentity', caseSubject(detail));

  const hide = () => {
    setRevealed(false);
    queryClient.removeQueries({ queryKey: caseKeys.identity(detail.id) });
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="identity-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="identity-heading">
          {t('cases.identity.title')}
        </Title>
        {!mayRead && <Text c="dimmed">{t('cases.identity.notAllowed')}</Text>}
        {mayRead && !revealed && (
          <>
            <Text size="sm">{t('cases.identity.notice')}</Text>
            <Group>
              <Button variant="outline" onClick={() => setRevealed(true)}>
                {t('cases.identity.show')}
              </Button>
            </Group>
          </>
        )}
        {mayRead && revealed && (
          <>
            {identity.isPending && (
              <Text size="sm" role="status">
                {t('app.loading')}
              </Text>
            )}
            {identity.isError && (
              <Alert color="red" variant="light">
                <Text size="sm" c="red.9">
                  {t('cases.identity.error')}
                </Text>
              </Alert>
            )}
            {identity.data && (
              <Facts
                items={[
                  { label: t('cases.identity.givenName'), value: identity.data.givenName },
                  { label: t('cases.identity.familyName'), value: identity.data.familyName || '—' },
                  ...(identity.data.aliases?.length
                    ? [{ label: t('cases.identity.aliases'), value: identity.data.aliases.join(', ') }]
                    : []),
                  {
                    label: t('cases.identity.dateOfBirth'),
                    value: identity.data.dateOfBirth ? formatDate(identity.data.dateOfBirth, i18n.language) : '—',
                  },
                  { label: t('cases.identity.estimatedAge'), value: identity.data.estimatedAge ?? '—' },
                  { label: t('cases.identity.sex'), value: t(`enums.gender.${identity.data.sex}`) },
                  { label: t('cases.identity.nationality'), value: countryName(identity.data.nationality, i18n.language) },
                ]}
              />
            )}
            <Group>
              <Button variant="default" onClick={hide}>
                {t('cases.identity.hide')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
