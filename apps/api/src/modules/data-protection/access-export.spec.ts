import { describe, expect, it } from '@jest/globals';
import { renderAccessExportCsv, renderAccessExportHtml, type AccessExportData } from './access-export.js';

const data: AccessExportData = {
  exportedAt: '2026-11-28T03:00:00.000Z',
  case: {
    reference: 'HV-7F3K-2Q9D',
    status: 'ClosedReferred',
    sex: 'Feminine',
    nationality: 'ER',
    exploitationTypes: ['ForcedLabour', 'NewKindNotInTheTexts'],
    profile: { exploitationCountries: ['LY'] },
    closure: { status: 'Active' },
  },
  identity: {
    givenName: '=HYPERLINK("http://x.invalid")',
    familyName: '<script>alert(1)</script>',
    aliases: ['+39 alias', '-dash', "\uff1dcmd|' /C calc'!A0"],
    contact: { phone: '@home', address: '\uff20SUM(1+1)' },
  },
  sections: { notes: [{ body: 'Line one, "quoted"\nline two' }] },
};

describe('access export documents', () => {
  it('writes every identity and case field to the CSV as inert text, each code with its words beside it', () => {
    const lines = renderAccessExportCsv(data).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'field,value,valueLabel',
      `identity.givenName,"'=HYPERLINK(""http://x.invalid"")",`,
      'identity.familyName,<script>alert(1)</script>,',
      `identity.aliases[0],'+39 alias,`,
      `identity.aliases[1],'-dash,`,
      `identity.aliases[2],'\uff1dcmd|' /C calc'!A0,`,
      `identity.contact.phone,'@home,`,
      `identity.contact.address,'\uff20SUM(1+1),`,
      'case.reference,HV-7F3K-2Q9D,',
      'case.status,ClosedReferred,Closed (referred)',
      'case.sex,Feminine,Female',
      'case.nationality,ER,Eritrea',
      'case.exploitationTypes[0],ForcedLabour,Forced labour',
      // A code the texts do not know yet keeps itself as its label, as in the statistics files.
      'case.exploitationTypes[1],NewKindNotInTheTexts,NewKindNotInTheTexts',
      'case.profile.exploitationCountries[0],LY,Libya',
      'case.closure.status,Active,',
    ]);
  });

  it('writes the labels in the language asked for, from the statistics texts', () => {
    const lines = renderAccessExportCsv(data, 'fr').trimEnd().split('\r\n');
    expect(lines).toContain('case.sex,Feminine,Femme');
    expect(lines).toContain('case.exploitationTypes[0],ForcedLabour,Travail forcé');
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
