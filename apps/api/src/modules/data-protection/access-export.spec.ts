import { describe, expect, it } from '@jest/globals';
import { renderAccessExportCsv, renderAccessExportHtml, type AccessExportData } from './access-export.js';

const data: AccessExportData = {
  exportedAt: '2026-11-28T03:00:00.000Z',
  case: { reference: 'HV-7F3K-2Q9D', status: 'Closed' },
  identity: {
    givenName: '=HYPERLINK("http://x.invalid")',
    familyName: '<script>alert(1)</script>',
    aliases: ['+39 alias', '-dash', "\uff1dcmd|' /C calc'!A0"],
    contact: { phone: '@home', address: '\uff20SUM(1+1)' },
  },
  sections: { notes: [{ body: 'Line one, "quoted"\nline two' }] },
};

describe('access export documents', () => {
  it('writes every identity and case field to the CSV as inert text', () => {
    const lines = renderAccessExportCsv(data).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'field,value',
      `identity.givenName,"'=HYPERLINK(""http://x.invalid"")"`,
      'identity.familyName,<script>alert(1)</script>',
      `identity.aliases[0],'+39 alias`,
      `identity.aliases[1],'-dash`,
      `identity.aliases[2],'\uff1dcmd|' /C calc'!A0`,
      `identity.contact.phone,'@home`,
      `identity.contact.address,'\uff20SUM(1+1)`,
      'case.reference,HV-7F3K-2Q9D',
      'case.status,Closed',
    ]);
  });

  it('escapes every value in the readable document', () => {
    const html = renderAccessExportHtml(data);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('HV-7F3K-2Q9D');
    expect(html).toContain('Line one, &#34;quoted&#34;');
    expect(html).toContain("default-src 'none'");
  });
});
