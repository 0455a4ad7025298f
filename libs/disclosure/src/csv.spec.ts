import { describe, expect, it } from '@jest/globals';
import { neutraliseCell, toCsvRows } from './csv.js';
import { publishTable } from './publish.js';

describe('toCsvRows', () => {
  const counts = [
    { key: ['Feminine', 'Active'], count: 42 },
    { key: ['Feminine', 'Closed'], count: 3 },
    { key: ['Masculine', 'Active'], count: 25 },
    { key: ['Masculine', 'Closed'], count: 31 },
  ];
  const dimensions = [
    { name: 'sex', values: ['Feminine', 'Masculine'] },
    { name: 'status', values: ['Active', 'Closed'] },
  ];

  it('writes the figures exactly as published: cells, then totals', () => {
    const table = publishTable({ dimensions, counts });
    const rows = toCsvRows(table);
    expect(rows[0]).toEqual(['sex', 'status', 'count']);
    expect(rows.slice(1)).toEqual([...table.cells, ...table.totals].map((figure) => [...figure.key.map((value) => value ?? 'Total'), figure.display]));
    // 3 is a small group; 31 is hidden so that 3 cannot be worked out from the totals.
    expect(rows).toContainEqual(['Feminine', 'Closed', '<11']);
    expect(rows).toContainEqual(['Masculine', 'Closed', '[c]']);
    expect(rows.at(-1)).toEqual(['Total', 'Total', '100']);
  });

  it('adds a percentage column when the table has percentages, empty where none is published', () => {
    const rows = toCsvRows(publishTable({ dimensions, counts }, { percentages: { of: 'grandTotal' } }), { totalLabel: 'All' });
    expect(rows[0]).toEqual(['sex', 'status', 'count', 'percentage']);
    expect(rows).toContainEqual(['Feminine', 'Closed', '<11', '']);
    expect(rows.at(-1)).toEqual(['All', 'All', '100', '100']);
  });

  it('neutralises every cell a spreadsheet would read as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(text)).toBe(`'${text}`);
    for (const text of ['Feminine', '2026-Q1', '<11', '[c]', '', '12']) expect(neutraliseCell(text)).toBe(text);
  });

  it('neutralises the full-width and small forms of the formula characters like the ASCII ones', () => {
    for (const text of ['\uff1d1+1', '\uff0bcmd', '\uff0d1', '\uff20SUM(A1)', '\ufe66HYPERLINK("http://x")', '\ufe62x', '\ufe63x', '\ufe6bx']) {
      expect(neutraliseCell(text)).toBe(`'${text}`);
    }
    // Full-width letters and digits, or a formula character later in the text, are plain text.
    for (const text of ['\uff21\uff22', '\uff11\uff12', 'a\uff1d1', 'Caf\u00e9']) expect(neutraliseCell(text)).toBe(text);
    const table = publishTable({
      dimensions: [{ name: 'region', values: ['=HYPERLINK("http://x")', '-North'] }],
      counts: [{ key: ['=HYPERLINK("http://x")'], count: 20 }, { key: ['-North'], count: 15 }],
    });
    expect(toCsvRows(table, { totalLabel: '@total' })).toEqual([
      ['region', 'count'],
      [`'=HYPERLINK("http://x")`, '20'],
      [`'-North`, '15'],
      [`'@total`, '35'],
    ]);
  });
});
