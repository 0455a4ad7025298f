import type { StatisticsCatalogue } from '@haven/contracts';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WITHHELD_MARK, smallGroupMark } from '../utils/marks';

/** How to read the figures: said once, visibly, because a hidden figure is a protection and not a missing one. */
export function SuppressionLegend({
  controls,
  release,
}: {
  controls: StatisticsCatalogue['controls'];
  release: StatisticsCatalogue['release'];
}) {
  const { t, i18n } = useTranslation('statistics');
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap={2}>
        {release && (
          <Text size="sm" fw={600}>
            {t('legend.release', {
              label: release.label,
              time: new Date(release.cutAt).toLocaleString(i18n.language, {
                timeZone: 'UTC',
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            })}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('legend.small', { mark: smallGroupMark(controls.k), k: controls.k })}
        </Text>
        <Text size="sm">{t('legend.perturbation', { max: controls.maxPerturbation })}</Text>
        <Text size="sm">{t('legend.totals')}</Text>
        <Text size="sm">{t('legend.withheld', { mark: WITHHELD_MARK })}</Text>
        <Text size="sm">{t('legend.percentage')}</Text>
        <Anchor component={Link} to="/statistics/methodology" size="sm">
          {t('legend.methodology')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
