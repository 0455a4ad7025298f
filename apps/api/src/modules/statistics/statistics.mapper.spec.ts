import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { PublishedStatisticsTable } from '@haven/contracts';
import { indicatorRows, tableRows, toCsv, toXlsx } from './statistics.mapper.js';

const isMark = (display: string) => ['<11', '[c]', '[x]'].includes(display);
const figure = (key: (string | null)[], display: string) => ({
  key,
  value: isMark(display) ? null : Number(display),
  display,
  suppressed: isMark(display),
});

const table: PublishedStatisticsTable = {
  table: 'cases-by-region',
  title: 'T',
  description: 'D',
  from: '2026-01',
  to: '2026-03',
  granularity: 'quarter',
  periods: ['2026-Q1'],
  dimensions: ['period', 'region'],
  // A hostile value, as if a code list had been tampered with: it must come out inert.
  cells: [
    figure(['2026-Q1', '=HYPERLINK("http://x")'], '25'),
    figure(['2026-Q1', '-1+1'], '<11'),
    figure(['2026-Q1', 'South'], '[c]'),
  ],
  totals: [figure(['2026-Q1', null], '30')],
  population: [figure(['2026-Q1', null], '35')],
  withheldPeriods: [],
  openPeriods: [],
  percentages: null,
  k: 11,
  maxPerturbation: 5,
  epsilon: null,
  withoutConsent: 'totals',
  release: { kind: 'monthly', label: 'Monthly release of 2026-04-02', cutAt: '2026-04-02T10:00:00.000Z' },
};

describe('downloads', () => {
  it('lays out a table as published: header, cells, totals, then the people of each period', () => {
    expect(tableRows(table)).toEqual([
      ['period', 'region', 'regionLabel', 'count'],
      ['2026-Q1', `'=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`, '25'],
      ['2026-Q1', "'-1+1", "'-1+1", '<11'],
      ['2026-Q1', 'South', 'South', '[c]'],
      ['2026-Q1', 'Total', 'Total', '30'],
      ['2026-Q1', 'All people', 'All people', '35'],
    ]);
  });

  it('puts the words of each code in a label column of the language asked for, the codes staying in theirs', () => {
    const byStatus: PublishedStatisticsTable = {
      ...table,
      table: 'cases-by-status',
      dimensions: ['period', 'status', 'sex'],
      cells: [figure(['2026-Q1', 'FollowUp', 'Feminine'], '25')],
      totals: [figure(['2026-Q1', null, 'Feminine'], '30')],
      population: [figure(['2026-Q1', null, null], '35')],
    };
    expect(tableRows(byStatus, 'fr')).toEqual([
      ['period', 'status', 'statusLabel', 'sex', 'sexLabel', 'count'],
      ['2026-Q1', 'FollowUp', 'Suivi', 'Feminine', 'Femme', '25'],
      ['2026-Q1', 'Total', 'Total', 'Feminine', 'Femme', '30'],
      ['2026-Q1', 'All people', 'Toutes les personnes', 'All people', 'Toutes les personnes', '35'],
    ]);
    const arabic = tableRows(byStatus, 'ar');
    expect(arabic[0]).toEqual(['period', 'status', 'statusLabel', 'sex', 'sexLabel', 'count']);
    expect(arabic[1]!.slice(1, 5)).toEqual(['FollowUp', 'متابعة', 'Feminine', 'أنثى']);
    expect(arabic[2]![2]).toBe('المجموع');
    const nationality = tableRows(
      {
        ...table,
        dimensions: ['period', 'nationality'],
        cells: [figure(['2026-Q1', 'NG'], '25')],
        totals: [],
        population: [],
      },
      'fr',
    );
    expect(nationality[1]).toEqual(['2026-Q1', 'NG', 'Nigeria', '25']);
  });

  it('adds bed capacity and occupancy rate to the occupancy table', () => {
    const occupancy = {
      ...table,
      dimensions: ['period'],
      cells: [figure(['2026-Q1'], '10')],
      totals: [],
      population: [],
      occupancy: [{ period: '2026-Q1', bedCapacity: 40, occupancyRate: 25 }],
    };
    expect(tableRows(occupancy)).toEqual([
      ['period', 'count', 'bedCapacity', 'occupancyRate'],
      ['2026-Q1', '10', '40', '25'],
    ]);
  });

  it('writes RFC 4180 CSV, quoting only where needed', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', ' x'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi"""," x"\r\n');
  });

  it('writes the same rows to XLSX as text, never as formulas', async () => {
    const rows = tableRows(table);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx(rows, [
        ['Table', '=cmd'],
        ['Filter', '\uff0bcmd'],
      ])) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const sheet = workbook.getWorksheet('Statistics')!;
    const read: unknown[][] = [];
    sheet.eachRow((row) => read.push((row.values as unknown[]).slice(1)));
    expect(read).toEqual(rows);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String)));
    expect(workbook.getWorksheet('About')!.getRow(1).getCell(2).value).toBe("'=cmd");
    expect(workbook.getWorksheet('About')!.getRow(2).getCell(2).value).toBe("'\uff0bcmd");
  });

  it('writes each indicator with its definition next to it', () => {
    const rows = indicatorRows({
      from: '2026-01',
      to: '2026-09',
      granularity: 'quarter',
      periods: ['2026-Q1', '2026-Q2', '2026-Q3'],
      indicators: [
        {
          indicator: 'referrals-completed',
          title: 'Referrals completed',
          definition: 'People with…',
          values: [figure(['2026-Q1'], '15'), figure(['2026-Q2'], '<11'), figure(['2026-Q3'], '[x]')],
        },
      ],
      withheldPeriods: ['2026-Q3'],
      openPeriods: [],
      k: 11,
      maxPerturbation: 5,
      epsilon: null,
      withoutConsent: 'totals',
      release: { kind: 'monthly', label: 'Monthly release of 2026-04-02', cutAt: '2026-04-02T10:00:00.000Z' },
    });
    expect(rows).toEqual([
      ['indicator', 'indicatorLabel', 'definition', '2026-Q1', '2026-Q2', '2026-Q3'],
      ['referrals-completed', 'Referrals completed', 'People with…', '15', '<11', '[x]'],
    ]);
  });
});
