import type { StatisticsCatalogue } from '@haven/contracts';
import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** How to read the figures: said once, visibly, because a hidden figure is a protection and not a missing one. */
export function SuppressionLegend({ controls }: { controls: StatisticsCatalogue['controls'] }) {
  const { t } = useTranslation('statistics');
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {t('legend.suppressed', { mark: controls.suppressedDisplay })}
        </Text>
        <Text size="sm">{t('legend.rounding', { base: controls.roundingBase, k: controls.k })}</Text>
        <Text size="sm">{t('legend.percentage')}</Text>
      </Stack>
    </Paper>
  );
}
