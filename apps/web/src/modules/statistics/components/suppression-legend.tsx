import type { StatisticsCatalogue } from '@haven/contracts';
import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WITHHELD_MARK, smallGroupMark } from '../utils/marks';

/** How to read the figures: said once, visibly, because a hidden figure is a protection and not a missing one. */
export function SuppressionLegend({ controls }: { controls: StatisticsCatalogue['controls'] }) {
  const { t } = useTranslation('statistics');
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {t('legend.small', { mark: smallGroupMark(controls.k), k: controls.k })}
        </Text>
        <Text size="sm" fw={600}>
          {t('legend.protected', { mark: controls.suppressedDisplay })}
        </Text>
        <Text size="sm">{t('legend.withheld', { mark: WITHHELD_MARK })}</Text>
        <Text size="sm">{t('legend.rounding', { base: controls.roundingBase })}</Text>
        <Text size="sm">{t('legend.percentage')}</Text>
      </Stack>
    </Paper>
  );
}
