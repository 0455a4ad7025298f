import type { CaseDetail, SurvivorIdentity } from '@haven/contracts';
import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseKeys } from '../hooks/case-cache';
import { useCasePermissions } from '../hooks/use-case-permissions';
import { useCaseIdentity } from '../hooks/use-cases';
import { countryName, formatDate, formatList } from '../../../app/text/format';
import { languageName } from '../utils/identity-form';
import { Facts } from '../../../app/layout/facts';
import { IdentityForm } from './identity-form';
import { UserText, UserTextList } from '../../../app/text/user-text';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

/**
 * Identity is never loaded with the case: the user asks for it, knowing the request is recorded,
 * and hiding it again (or leaving the tab) drops it from memory (do-no-harm §5.2, §5.5).
 */
export function IdentitySection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['cases', 'common']);
  const permissions = useCasePermissions(detail);
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [editing, setEditing] = useState(false);
  const identity = useCaseIdentity(detail.id, revealed);

  // An anonymised case has no identity left to show (retention or erasure): say so instead of offering to load it.
  const mayRead = permissions.mayReadIdentity && !detail.anonymisation;

  const hide = () => {
    setRevealed(false);
    setEditing(false);
    queryClient.removeQueries({ queryKey: caseKeys.identity(detail.id) });
  };

  return (
    <Stack gap="md" maw={900}>
      <Title order={2} size="h3">
        {t('identity.title')}
      </Title>
      {detail.anonymisation && (
        <Alert color="gray" variant="light" data-testid="identity-erased">
          <Text size="sm">{t('identityGone', { ns: 'dataProtection' })}</Text>
        </Alert>
      )}
      {!mayRead && !detail.anonymisation && <Text c="dimmed">{t('identity.notAllowed')}</Text>}
      {mayRead && !revealed && (
        <>
          <Text size="sm">{t('identity.notice')}</Text>
          <Group>
            <Button variant="outline" onClick={() => setRevealed(true)}>
              {t('identity.show')}
            </Button>
          </Group>
        </>
      )}
      {mayRead && revealed && (
        <>
          {identity.isPending && (
            <Text size="sm" role="status">
              {t('common:app.loading')}
            </Text>
          )}
          {identity.isError && (
            <Alert color="red" variant="light">
              <Text size="sm" c="red.9">
                {t('identity.error')}
              </Text>
            </Alert>
          )}
          {identity.data && editing && (
            <IdentityForm detail={detail} identity={identity.data} onDone={() => setEditing(false)} />
          )}
          {identity.data && !editing && <IdentityView identity={identity.data} />}
          {!editing && (
            <Group>
              {identity.data && permissions.mayEdit && (
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('identity.edit')}
                </Button>
              )}
              <Button variant="default" onClick={hide}>
                {t('identity.hide')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function IdentityView({ identity }: { identity: SurvivorIdentity }) {
  const { t, i18n } = useTranslation(['cases', 'common']);
  const language = i18n.language;
  const none = '—';
  return (
    <Stack gap="lg">
      <Facts
        items={[
          { label: t('identity.givenName'), value: <UserText>{identity.givenName}</UserText> },
          {
            label: t('identity.familyName'),
            value: identity.familyName ? <UserText>{identity.familyName}</UserText> : none,
          },
          ...(identity.aliases?.length
            ? [{ label: t('identity.aliases'), value: <UserTextList items={identity.aliases} /> }]
            : []),
          {
            label: t('identity.dateOfBirth'),
            value: identity.dateOfBirth ? formatDate(identity.dateOfBirth, language) : none,
          },
          { label: t('identity.estimatedAge'), value: identity.estimatedAge ?? none },
          { label: t('identity.sex'), value: t(`common:enums.gender.${identity.sex}`) },
          { label: t('identity.nationality'), value: countryName(identity.nationality, language) },
          {
            label: t('identity.languages'),
            value: identity.languages.length
              ? formatList(
                  identity.languages.map((code) => languageName(code, language)),
                  language,
                )
              : none,
          },
          {
            label: t('identity.phone'),
            value: identity.contact.phone ? <span dir="ltr">{identity.contact.phone}</span> : none,
          },
          {
            label: t('identity.email'),
            value: identity.contact.email ? <span dir="ltr">{identity.contact.email}</span> : none,
          },
          {
            label: t('identity.address'),
            value: identity.contact.address ? <span className="free-text">{identity.contact.address}</span> : none,
          },
        ]}
      />
      <section aria-labelledby="identity-documents">
        <Title order={3} size="h5" id="identity-documents" mb="xs">
          {t('identity.documents')}
        </Title>
        {identity.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('identity.noDocuments')}
          </Text>
        ) : (
          <ResponsiveTable>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('identity.documentKind')}</Table.Th>
                <Table.Th scope="col">{t('identity.documentNumber')}</Table.Th>
                <Table.Th scope="col">{t('identity.issuingCountry')}</Table.Th>
                <Table.Th scope="col">{t('identity.documentState')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {identity.documents.map((document, index) => (
                <Table.Tr key={index}>
                  <Table.Td>{t(`common:enums.documentKind.${document.kind}`)}</Table.Td>
                  <Table.Td dir="ltr">{document.number || none}</Table.Td>
                  <Table.Td>{document.issuingCountry ? countryName(document.issuingCountry, language) : none}</Table.Td>
                  <Table.Td>{t(`common:enums.documentState.${document.state}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ResponsiveTable>
        )}
      </section>
    </Stack>
  );
}
