import { REINTEGRATION_DIMENSIONS, type ScoreTrendPoint } from '@haven/contracts';
import { Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/text/format';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

// Distinct in hue and in dash pattern, so the lines can be told apart without colour vision.
const LINES = {
  economic: { colour: 'var(--mantine-color-indigo-8)', dash: undefined },
  social: { colour: 'var(--mantine-color-teal-9)', dash: '6 4' },
  psychosocial: { colour: 'var(--mantine-color-orange-9)', dash: '2 4' },
} as const;

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 32, right: 16, top: 12, bottom: 32 };

/**
 * The three sustainability scores (1–5) at each recorded visit as a small line chart. The chart is a picture
 * for sighted users; the table under it carries the same values for everyone else (and for anyone who wants
 * the numbers).
 */
export function ScoreTrendChart({ points }: { points: ScoreTrendPoint[] }) {
  const { t, i18n } = useTranslation('reintegration');
  const x = (index: number) =>
    PAD.left +
    (points.length === 1
      ? (WIDTH - PAD.left - PAD.right) / 2
      : (index * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (score: number) => PAD.top + ((5 - score) * (HEIGHT - PAD.top - PAD.bottom)) / 4;

  return (
    <Stack gap="sm">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        role="img"
        aria-label={t('trend.chartLabel')}
      >
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(score)}
              y2={y(score)}
              stroke="var(--mantine-color-gray-3)"
            />
            <text x={PAD.left - 10} y={y(score) + 4} fontSize="11" textAnchor="end" fill="var(--mantine-color-gray-8)">
              {score}
            </text>
          </g>
        ))}
        {points.map((point, index) => (
          <text
            key={point.visitId}
            x={x(index)}
            y={HEIGHT - 10}
            fontSize="11"
            textAnchor="middle"
            fill="var(--mantine-color-gray-8)"
          >
            {t('visits.monthsAfter', { count: point.monthsAfter })}
          </text>
        ))}
        {REINTEGRATION_DIMENSIONS.map((dimension) => (
          <g key={dimension}>
            <polyline
              fill="none"
              stroke={LINES[dimension].colour}
              strokeWidth={2.5}
              strokeDasharray={LINES[dimension].dash}
              points={points.map((point, index) => `${x(index)},${y(point[dimension])}`).join(' ')}
            />
            {points.map((point, index) => (
              <circle
                key={point.visitId}
                cx={x(index)}
                cy={y(point[dimension])}
                r={3.5}
                fill={LINES[dimension].colour}
              />
            ))}
          </g>
        ))}
      </svg>
      <Group gap="md" aria-hidden>
        {REINTEGRATION_DIMENSIONS.map((dimension) => (
          <Group key={dimension} gap={6}>
            <svg width="28" height="8">
              <line
                x1="0"
                x2="28"
                y1="4"
                y2="4"
                stroke={LINES[dimension].colour}
                strokeWidth={2.5}
                strokeDasharray={LINES[dimension].dash}
              />
            </svg>
            <Text size="sm">{t(`dimension.${dimension}`)}</Text>
          </Group>
        ))}
      </Group>
      <ResponsiveTable verticalSpacing={4}>
        <Table.Caption>
          <VisuallyHidden>{t('trend.tableCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('trend.visit')}</Table.Th>
            {REINTEGRATION_DIMENSIONS.map((dimension) => (
              <Table.Th key={dimension} scope="col">
                {t(`dimension.${dimension}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('trend.average')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((point) => (
            <Table.Tr key={point.visitId}>
              <Table.Th scope="row">
                {t('visits.monthsAfter', { count: point.monthsAfter })} · {formatDate(point.visitedOn, i18n.language)}
              </Table.Th>
              {REINTEGRATION_DIMENSIONS.map((dimension) => (
                <Table.Td key={dimension}>{point[dimension]}</Table.Td>
              ))}
              <Table.Td>
                {new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(point.average)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ResponsiveTable>
    </Stack>
  );
}
