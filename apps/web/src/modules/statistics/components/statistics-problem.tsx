import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { SectionError } from '../../../app/layout/section-states';

/**
 * Why nothing is published. Disclosure control refusing a selection is expected (a new programme, a short
 * period): it is explained as a protection, with what to change, not shown as a failure.
 */
export function StatisticsProblem({ error, onRetry, fallback }: { error: unknown; onRetry: () => void; fallback: string }) {
  const { t } = useTranslation('statistics');
  if (isApiError(error, 422)) {
    return (
      <Alert color="blue" variant="light" title={t('problems.tooFewTitle')}>
        <Text size="sm">{t('problems.tooFew')}</Text>
      </Alert>
    );
  }
  if (isApiError(error, 409)) {
    return (
      <Alert color="yellow" variant="light" title={t('problems.budgetTitle')}>
        <Text size="sm">{t('problems.budget')}</Text>
      </Alert>
    );
  }
  if (isApiError(error, 400)) {
    return (
      <Alert color="orange" variant="light">
        <Text size="sm">{t('problems.badFilters', { detail: error.problem.detail ?? error.problem.title })}</Text>
      </Alert>
    );
  }
  return <SectionError message={fallback} onRetry={onRetry} />;
}
