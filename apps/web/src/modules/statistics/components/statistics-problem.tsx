import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api-client';
import { SectionError } from '../../../app/layout/section-states';

/**
 * Why nothing is shown: no release made yet (a new installation) is explained, not shown as a failure;
 * a selection the API does not publish says what to change.
 */
export function StatisticsProblem({
  error,
  onRetry,
  fallback,
}: {
  error: unknown;
  onRetry: () => void;
  fallback: string;
}) {
  const { t } = useTranslation('statistics');
  if (isApiError(error, 503)) {
    return (
      <Alert color="blue" variant="light" title={t('problems.notReleasedTitle')}>
        <Text size="sm">{t('problems.notReleased')}</Text>
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
