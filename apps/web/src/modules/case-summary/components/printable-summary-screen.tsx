import { IDENTIFYING_LENS_SECTIONS, type LensSection, type PrintableSummary } from '@haven/contracts';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { formatDateTime } from '../../../app/text/format';
import { UserText } from '../../../app/text/user-text';
import { useSession } from '../../auth';
import { LensViewPanel } from '../../referrals';
import { SummarySectionPicker } from './section-picker';

interface PrintableSummaryScreenProps {
  /** What this reader may print (a partner: its referral's lens). */
  available: readonly LensSection[];
  produce: (sections: LensSection[]) => Promise<PrintableSummary>;
  /** Where "back" goes: the case, or the referral. */
  backTo: string;
}

/**
 * Choose sections, produce the summary (the API records it), print. On paper only the document is shown, with a
 * running header on every page: who printed it and when (position: fixed repeats on each printed page), so a
 * sheet found later says whose it was. Identifying sections are not ticked to begin with.
 */
export function PrintableSummaryScreen({ available, produce, backTo }: PrintableSummaryScreenProps) {
  const { t, i18n } = useTranslation('caseSummary');
  const me = useSession();
  usePageTitle(t('title'));
  const [sections, setSections] = useState<LensSection[]>(() =>
    available.filter((section) => !IDENTIFYING_LENS_SECTIONS.includes(section)),
  );
  const [pickerError, setPickerError] = useState<string>();
  const summary = useMutation({ mutationFn: produce });

  const prepare = () => {
    if (sections.length === 0) {
      setPickerError(t('picker.none'));
      return;
    }
    setPickerError(undefined);
    summary.mutate(sections);
  };

  const document = summary.data;
  return (
    <Stack gap="md" maw={900}>
      <Stack gap="md" className="no-print">
        <Anchor component={Link} to={backTo} size="sm">
          {t('back')}
        </Anchor>
        <Title order={1}>{t('title')}</Title>
        <Text>{t('intro')}</Text>
        <SummarySectionPicker
          available={available}
          value={sections}
          onChange={(next) => {
            setSections(next);
            // A new choice makes a new summary: the one on screen no longer matches it.
            summary.reset();
          }}
          error={pickerError}
        />
        {sections.some((section) => IDENTIFYING_LENS_SECTIONS.includes(section)) && (
          <Alert color="orange" variant="light" title={t('identityWarning.title')}>
            {t('identityWarning.body')}
          </Alert>
        )}
        <Group gap="sm">
          <Button onClick={prepare} loading={summary.isPending}>
            {t('prepare')}
          </Button>
          {document && (
            <Button variant="default" onClick={() => window.print()}>
              {t('print')}
            </Button>
          )}
        </Group>
        {summary.isError && (
          <Alert color="red" role="alert">
            {t('error')}
          </Alert>
        )}
      </Stack>
      {document && (
        <article className="printable-summary" aria-labelledby="printable-summary-title">
          <div className="print-running-header" data-testid="print-running-header">
            {t('runningHeader', {
              name: me.user.displayName,
              organisation: me.organisation.name,
              time: formatDateTime(document.producedAt, i18n.language),
            })}
          </div>
          <Stack gap="sm">
            <Title order={2} id="printable-summary-title">
              {document.reference ? (
                <>
                  {t('documentTitle')} <span className="reference">{document.reference}</span>
                </>
              ) : (
                t('documentTitlePartner')
              )}
            </Title>
            <Text size="sm" c="dimmed">
              {t('printedBy', { time: formatDateTime(document.producedAt, i18n.language) })}{' '}
              <UserText>{me.user.displayName}</UserText>
            </Text>
            <Text size="sm">{t('confidential')}</Text>
            <LensViewPanel view={document.view} headingOrder={3} />
          </Stack>
        </article>
      )}
    </Stack>
  );
}
