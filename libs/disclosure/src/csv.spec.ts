import { describe, expect, it } from '@jest/globals';
import { neutraliseCell, toCsvRows } from './csv.js';
import type { PublishedEntry, PublishedTable } from './published-table.js';

const figure = <Key>(key: Key, display: string, percentage?: number | null): PublishedEntry<Key> => ({
  key,
  value: /^\d+$/.test(display) ? Number(display) : null,
  display,
  suppressed: !/^\d+$/.test(display),
  ...(percentage === undefined ? {} : { percentage }),
});

describe('toCsvRows', () => {
  const table: PublishedTable = {
    dimensions: ['sex', 'status'],
    cells: [
      figure(['Feminine', 'Active'], '42'),
      figure(['Feminine', 'Closed'], '<11'),
      figure(['Masculine', 'Active'], '25'),
      figure(['Masculine', 'Closed'], '31'),
    ],
    totals: [figure(['Feminine', null], '45'), figure(['Masculine', null], '56'), figure([null, null], '100')],
    percentages: null,
  };

  it('writes the figures exactly as published: cells, then totals', () => {
    const rows = toCsvRows(table);
    expect(rows[0]).toEqual(['sex', 'status', 'count']);
    expect(rows.slice(1)).toEqual(
      [...table.cells, ...table.totals].map((entry) => [...entry.key.map((value) => value ?? 'Total'), entry.display]),
    );
    expect(rows).toContainEqual(['Feminine', 'Closed', '<11']);
    expect(rows.at(-1)).toEqual(['Total', 'Total', '100']);
  });

  it('adds a percentage column when the table has percentages, empty where none is published', () => {
    const withShares: PublishedTable = {
      ...table,
      percentages: { of: 'grandTotal' },
      cells: table.cells.map((cell) => ({ ...cell, percentage: cell.value === null ? null : cell.value })),
      totals: [figure([null, null], '100', 100)],
    };
    const rows = toCsvRows(withShares, { totalLabel: 'All' });
    expect(rows[0]).toEqual(['sex', 'status', 'count', 'percentage']);
    expect(rows).toContainEqual(['Feminine', 'Closed', '<11', '']);
    expect(rows.at(-1)).toEqual(['All', 'All', '100', '100']);
  });

  it('neutralises every cell a spreadsheet would read as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(text)).toBe(`'${text}`);
    for (const text of ['Feminine', '2026-Q1', '<11', '[c]', '', '12']) expect(neutraliseCell(text)).toBe(text);
  });

  it('neutralises the full-width and small forms of the formula characters like the ASCII ones', () => {
    for (const text of [
      '\uff1d1+1',
      '\uff0bcmd',
      '\uff0d1',
      '\uff20SUM(A1)',
      '\ufe66HYPERLINK("http://x")',
      '\ufe62x',
      '\ufe63x',
      '\ufe6bx',
    ]) {
      expect(neutraliseCell(text)).toBe(`'${text}`);
    }
    // Full-width letters and digits, or a formula character later in the text, are plain text.
    for (const text of ['\uff21\uff22', '\uff11\uff12', 'a\uff1d1', 'Caf\u00e9'])
      expect(neutraliseCell(text)).toBe(text);
    const regions: PublishedTable = {
      dimensions: ['region'],
      cells: [figure(['=HYPERLINK("http://x")'], '20'), figure(['-North'], '15')],
      totals: [figure([null], '35')],
      percentages: null,
    };
    expect(toCsvRows(regions, { totalLabel: '@total' })).toEqual([
      ['region', 'count'],
      [`'=HYPERLINK("http://x")`, '20'],
      [`'-North`, '15'],
      [`'@total`, '35'],
    ]);
  });
});
