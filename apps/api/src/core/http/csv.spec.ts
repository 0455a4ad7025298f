import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF line ends and a byte-order mark', () => {
    const text =
      '\uFEFFemail,name,role\r\na@x.test,"Dupont, Marie",caseworker\r\nb@x.test,"Said ""Sam"" Ali\nsecond line",supervisor\r\n';
    expect(parseCsv(text)).toEqual([
      ['email', 'name', 'role'],
      ['a@x.test', 'Dupont, Marie', 'caseworker'],
      ['b@x.test', 'Said "Sam" Ali\nsecond line', 'supervisor'],
    ]);
  });

  it('takes semicolons as the separator when the header has them and no comma (spreadsheets with a decimal comma)', () => {
    expect(parseCsv('email;name;role\na@x.test;Dupont, Marie;caseworker')).toEqual([
      ['email', 'name', 'role'],
      ['a@x.test', 'Dupont, Marie', 'caseworker'],
    ]);
  });

  it('keeps a semicolon inside a comma-separated file as text', () => {
    expect(parseCsv('email,name\na@x.test,Ali; Sam')).toEqual([
      ['email', 'name'],
      ['a@x.test', 'Ali; Sam'],
    ]);
  });
});
