import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../../app/layout/page-loader';
import { ErrorState } from '../../../app/layout/error-state';
import { usePageTitle } from '../../../app/layout/use-page-title';
import { useStatisticsCatalogue } from '../hooks/use-statistics';

/** The sections of the page, in order; each has a title and paragraphs in the catalogues (en, fr, ar). */
const SECTIONS = ['releases', 'cellKey', 'small', 'totals', 'scopes', 'revisions', 'privacy', 'limits'] as const;

/** What is protected in the statistics and how: the method, in words a reader of the figures can check against them. */
export function StatisticsMethodologyPage() {
  const { t } = useTranslation('statistics');
  usePageTitle(t('methodology.title'));
  const catalogue = useStatisticsCatalogue();
  if (catalogue.isPending) return <PageLoader />;
  if (catalogue.isError) return <ErrorState message={t('dashboard.error')} onRetry={() => void catalogue.refetch()} />;
  const { controls, release } = catalogue.data;
  const values = { k: controls.k, max: controls.maxPerturbation, epsilon: controls.epsilonPerRelease ?? '' };
  return (
    <Stack gap="md">
      <Title order={1}>{t('methodology.title')}</Title>
      <Text>{t('methodology.intro')}</Text>
      {release && (
        <Text size="sm" c="dimmed">
          {t('methodology.current', { label: release.label })}
        </Text>
      )}
      {SECTIONS.map((section) => (
        <Paper key={section} withBorder p="md" component="section" aria-labelledby={`methodology-${section}`}>
          <Stack gap="xs">
            <Title order={2} size="h4" id={`methodology-${section}`}>
              {t(`methodology.${section}.title`)}
            </Title>
            <Text size="sm">{t(`methodology.${section}.body`, values)}</Text>
            {section === 'privacy' && (
              <Text size="sm">
                {controls.epsilonPerRelease === null
                  ? t('methodology.privacy.off')
                  : t('methodology.privacy.on', values)}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
      <Paper withBorder p="md" component="section" aria-labelledby="methodology-marks">
        <Title order={2} size="h4" id="methodology-marks">
          {t('methodology.marks.title')}
        </Title>
        <List size="sm" mt="xs">
          <List.Item>{t('methodology.marks.zero')}</List.Item>
          <List.Item>{t('methodology.marks.small', values)}</List.Item>
          <List.Item>{t('methodology.marks.withheld')}</List.Item>
        </List>
      </Paper>
      <Anchor component={Link} to="/statistics">
        {t('methodology.back')}
      </Anchor>
    </Stack>
  );
}
