import type { PublishedFigure, PublishedStatisticsTable } from '@haven/contracts';
import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { latestShownPeriod, valuesOf } from '../utils/cross-tab';

// Distinct hues at a contrast that reads on white; each series is also named in the legend, never by colour alone.
const PALETTE = ['indigo.7', 'teal.7', 'orange.7', 'grape.7', 'cyan.8', 'lime.8', 'red.7', 'yellow.8'];
const colour = (index: number) =>
  `var(--mantine-color-${(PALETTE[index % PALETTE.length] as string).replace('.', '-')})`;
/** Beyond this many groups a stack per period is unreadable: the chart shows the latest period instead. */
const MAX_STACKED = 6;
const CHART_HEIGHT = 180;

interface StatisticsChartProps {
  table: PublishedStatisticsTable;
  title: string;
}

/**
 * A picture of the published figures only: hidden figures are left out (never estimated) and the table next
 * to it stays the accessible, exact version. Drawn with plain elements so it follows the reading direction.
 */
export function StatisticsChart({ table, title }: StatisticsChartProps) {
  const { t } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const shownPeriod = latestShownPeriod(table);
  const breakdown = table.dimensions.slice(1);

  // With no breakdown to show (everyone hidden, or counted in totals only), the people counted per period still are.
  const population = table.population.some((figure) => (figure.value ?? 0) > 0);
  if (shownPeriod === null && population) {
    return (
      <Stack gap={6} role="img" aria-label={t('table.chartLabel', { title })}>
        <Columns table={table} series={[null]} figures={table.population} />
        <Text size="xs" c="dimmed">
          {t('table.peopleCounted')}
        </Text>
      </Stack>
    );
  }
  if (shownPeriod === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('table.chartNothing')}
      </Text>
    );
  }

  let chart;
  let note: string | null = null;
  if (breakdown.length === 0) {
    chart = <Columns table={table} series={[null]} />;
  } else if (breakdown.length === 2) {
    chart = <Pyramid table={table} period={shownPeriod} />;
    note = t('table.latestPeriod', { period: labels.period(shownPeriod) });
  } else {
    const values = valuesOf(table, 1);
    if (table.periods.length > 1 && values.length <= MAX_STACKED) {
      chart = <Columns table={table} series={values} />;
    } else {
      chart = <Bars table={table} period={shownPeriod} />;
      note = t('table.latestPeriod', { period: labels.period(shownPeriod) });
    }
  }

  return (
    <Stack gap={6} role="img" aria-label={t('table.chartLabel', { title })}>
      {chart}
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Stack>
  );
}

function figureOf(
  table: PublishedStatisticsTable,
  key: (string | null)[],
  figures: PublishedFigure[] = table.cells,
): number {
  const found = figures.find(
    (cell) => cell.key.length === key.length && cell.key.every((part, index) => part === key[index]),
  );
  return found?.value ?? 0;
}

/** One column per period, stacked by group (or a single figure per period). */
function Columns({
  table,
  series,
  figures,
}: {
  table: PublishedStatisticsTable;
  series: (string | null)[];
  figures?: PublishedFigure[];
}) {
  const labels = useStatisticsLabels();
  const dimension = table.dimensions[1] ?? '';
  const stacks = table.periods.map((period) =>
    series.map((value) => figureOf(table, value === null ? [period] : [period, value], figures)),
  );
  const highest = Math.max(1, ...stacks.map((stack) => stack.reduce((sum, figure) => sum + figure, 0)));

  return (
    <Stack gap="xs">
      <Group
        gap={4}
        align="flex-end"
        wrap="nowrap"
        h={CHART_HEIGHT}
        style={{ borderBlockEnd: '1px solid var(--mantine-color-gray-5)' }}
      >
        {stacks.map((stack, index) => (
          <Stack key={table.periods[index]} gap={0} justify="flex-end" h="100%" style={{ flex: 1, minWidth: 0 }}>
            {stack.map((figure, position) =>
              figure > 0 ? <Box key={position} bg={colour(position)} h={`${(figure / highest) * 100}%`} /> : null,
            )}
          </Stack>
        ))}
      </Group>
      <Group gap={4} wrap="nowrap">
        {table.periods.map((period) => (
          // Wraps rather than cuts: a French or Arabic month is longer than its English abbreviation.
          <Text
            key={period}
            size="xs"
            c="dimmed"
            ta="center"
            style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
          >
            {labels.period(period)}
          </Text>
        ))}
      </Group>
      {series[0] !== null && <Legend names={series.map((value) => labels.value(dimension, value))} />}
    </Stack>
  );
}

/** One bar per group, for the latest period shown. */
function Bars({ table, period }: { table: PublishedStatisticsTable; period: string }) {
  const labels = useStatisticsLabels();
  const dimension = table.dimensions[1] ?? '';
  const shown = valuesOf(table, 1)
    .map((value) => ({ value, figure: figureOf(table, [period, value]) }))
    .filter((entry) => entry.figure > 0)
    .sort((a, b) => b.figure - a.figure);
  const highest = Math.max(1, ...shown.map((entry) => entry.figure));

  return (
    <Stack gap={4}>
      {shown.map((entry) => (
        <Group key={entry.value} gap="xs" wrap="nowrap">
          <Text size="xs" w="40%" style={{ overflowWrap: 'anywhere' }}>
            {labels.value(dimension, entry.value)}
          </Text>
          <Box style={{ flex: 1 }}>
            <Box bg={colour(0)} h={14} w={`${(entry.figure / highest) * 100}%`} />
          </Box>
        </Group>
      ))}
    </Stack>
  );
}

/** Age bands from the oldest down, the first two values of the second dimension (sexes) either side. */
function Pyramid({ table, period }: { table: PublishedStatisticsTable; period: string }) {
  const labels = useStatisticsLabels();
  const [rowDimension = '', sideDimension = ''] = table.dimensions.slice(1);
  const bands = [...valuesOf(table, 1)].reverse();
  const sides = valuesOf(table, 2).slice(0, 2);
  const figures = bands.map((band) => sides.map((side) => figureOf(table, [period, band, side])));
  const highest = Math.max(1, ...figures.flat());

  return (
    <Stack gap={4}>
      {bands.map((band, row) => (
        <Group key={band} gap="xs" wrap="nowrap">
          <Box style={{ flex: 1, display: 'flex', justifyContent: 'flex-end' }}>
            <Box bg={colour(0)} h={14} w={`${((figures[row]?.[0] ?? 0) / highest) * 100}%`} />
          </Box>
          <Text size="xs" w={90} ta="center" style={{ overflowWrap: 'anywhere' }}>
            {labels.value(rowDimension, band)}
          </Text>
          <Box style={{ flex: 1 }}>
            <Box bg={colour(1)} h={14} w={`${((figures[row]?.[1] ?? 0) / highest) * 100}%`} />
          </Box>
        </Group>
      ))}
      <Legend names={sides.map((side) => labels.value(sideDimension, side))} />
    </Stack>
  );
}

function Legend({ names }: { names: string[] }) {
  return (
    <Group gap="md">
      {names.map((name, index) => (
        <Group key={name} gap={6} wrap="nowrap">
          <Box w={12} h={12} bg={colour(index)} />
          <Text size="xs">{name}</Text>
        </Group>
      ))}
    </Group>
  );
}
