import type { CaseDetail } from '@haven/contracts';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useDataProtection } from '../hooks/use-data-protection';
import { AccessExportDialog } from './access-export-dialog';
import { ConfirmErasureRequestDialog } from './confirm-erasure-request-dialog';
import { ErasureDialog } from './erasure-dialog';

/**
 * A survivor's data-protection requests, for supervisors (docs/architecture.md, rule 10): her access request (an encrypted
 * export of everything held about her) and her erasure request. Once anonymised, the tab says when and how.
 */
export function DataProtectionTab({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('dataProtection');
  const status = useDataProtection(detail.id);
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formatDate = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long' });

  if (status.isPending) return <SectionLoader />;
  if (status.isError) return <SectionError message={t('error')} onRetry={() => void status.refetch()} />;
  const { anonymisation, erasure, linkedCases, pendingErasureRequests, sentErasureRequests } = status.data;
  const sentAny = sentErasureRequests.pending + sentErasureRequests.confirmed > 0;

  return (
    <Stack gap="lg" maw={900}>
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      {anonymisation ? (
        <Alert
          color="gray"
          variant="light"
          title={t(`anonymised.titles.${anonymisation.kind}`)}
          data-testid="anonymised-notice"
        >
          <Stack gap="xs">
            <Text size="sm">{t('anonymised.body', { date: formatDate(anonymisation.at) })}</Text>
            {erasure && (
              <Text size="sm">
                {t('anonymised.erasureDetail', {
                  reason: t(`reasons.${erasure.reason}`),
                  channel: t(`channels.${erasure.channel}`),
                  person: erasure.recordedBy.displayName,
                })}
              </Text>
            )}
            {sentAny && <Text size="sm">{t('erasure.sent', sentErasureRequests)}</Text>}
          </Stack>
        </Alert>
      ) : (
        <>
          {pendingErasureRequests.length > 0 && (
            <Alert color="orange" variant="light" title={t('requests.title')} data-testid="erasure-requested">
              <Stack gap="xs">
                {pendingErasureRequests.map((request) => (
                  <Text size="sm" key={request.id}>
                    {t('requests.body', {
                      organisation: request.requestingOrganisation.name,
                      date: formatDate(request.requestedAt),
                      reason: t(`reasons.${request.reason}`),
                      channel: t(`channels.${request.channel}`),
                    })}
                  </Text>
                ))}
                <Group>
                  <Button color="red.9" onClick={() => setConfirming(true)}>
                    {t('requests.button')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('access.title')}
            </Title>
            <Text size="sm">{t('access.body')}</Text>
            <Group>
              <Button variant="outline" onClick={() => setExporting(true)}>
                {t('access.button')}
              </Button>
            </Group>
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('erasure.title')}
            </Title>
            <Text size="sm">{t('erasure.body')}</Text>
            {linkedCases > 0 && <Text size="sm">{t('erasure.linked', { count: linkedCases })}</Text>}
            <Group>
              <Button color="red" variant="outline" onClick={() => setErasing(true)}>
                {t('erasure.button')}
              </Button>
            </Group>
          </Stack>
        </>
      )}
      <AccessExportDialog
        caseId={detail.id}
        reference={detail.reference}
        opened={exporting}
        onClose={() => setExporting(false)}
      />
      <ErasureDialog detail={detail} opened={erasing} onClose={() => setErasing(false)} />
      <ConfirmErasureRequestDialog detail={detail} opened={confirming} onClose={() => setConfirming(false)} />
    </Stack>
  );
}
