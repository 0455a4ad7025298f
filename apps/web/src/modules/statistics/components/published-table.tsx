import type { PublishedFigure, PublishedStatisticsTable } from '@haven/contracts';
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useStatisticsLabels } from '../hooks/use-statistics-labels';
import { crossTab, isEmptyRow, type CrossTabRow } from '../utils/cross-tab';
import { ResponsiveTable } from '../../../app/layout/responsive-table';

const LONG_TABLE = 12;

/**
 * The table as published: each figure's display string exactly as the API gives it (suppression marks
 * included), one column per period. It is also the accessible version of the chart above it.
 */
export function PublishedTable({ table, title }: { table: PublishedStatisticsTable; title: string }) {
  const { t } = useTranslation('statistics');
  const labels = useStatisticsLabels();
  const all = crossTab(table);
  // Long lists (nationalities, regions) are mostly empty: only groups with someone in them are listed here.
  const rows = all.length > LONG_TABLE ? all.filter((row) => !isEmptyRow(row)) : all;
  const left = all.length - rows.length;
  const breakdown = table.dimensions.slice(1);

  const rowLabel = (row: CrossTabRow): string => {
    if (row.kind === 'population') return t('table.peopleCounted');
    if (breakdown.length === 0) return t('table.noBreakdown');
    if (row.values.every((value) => value === null)) return t('table.total');
    return row.values.map((value, index) => labels.value(breakdown[index] ?? '', value)).join(' · ');
  };

  return (
    <>
      <ResponsiveTable striped withTableBorder highlightOnHover={false} fz="sm" stackBelow="never">
        <Table.Caption>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('table.rowHeader')}</Table.Th>
            {table.periods.map((period) => (
              <Table.Th key={period} scope="col" ta="end">
                {labels.period(period)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} fw={row.kind === 'cell' ? undefined : 600}>
              <Table.Th scope="row" fw={row.kind === 'cell' ? 400 : 600}>
                {rowLabel(row)}
              </Table.Th>
              {table.periods.map((period) => (
                <Table.Td key={period} ta="end">
                  <Figure figure={row.byPeriod.get(period)} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {table.occupancy && (
            <>
              <Table.Tr>
                <Table.Th scope="row">{t('table.bedCapacity')}</Table.Th>
                {table.periods.map((period) => (
                  <Table.Td key={period} ta="end">
                    {table.occupancy?.find((entry) => entry.period === period)?.bedCapacity ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('table.occupancyRate')}</Table.Th>
                {table.periods.map((period) => {
                  const rate = table.occupancy?.find((entry) => entry.period === period)?.occupancyRate;
                  // A rate of a hidden count is hidden the same way; without beds there is no rate.
                  const count = table.cells.find((cell) => cell.key[0] === period);
                  return (
                    <Table.Td key={period} ta="end">
                      {rate !== null && rate !== undefined ? `${rate}%` : count?.suppressed ? count.display : '–'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            </>
          )}
        </Table.Tbody>
      </ResponsiveTable>
      {left > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('table.emptyGroups', { count: left })}
        </Text>
      )}
    </>
  );
}

function Figure({ figure }: { figure: PublishedFigure | undefined }) {
  if (!figure) return null;
  return (
    <Text span inherit>
      {figure.display}
      {figure.percentage !== null && figure.percentage !== undefined && !figure.suppressed && (
        <Text span inherit c="dimmed">
          {' '}
          ({figure.percentage}%)
        </Text>
      )}
    </Text>
  );
}
