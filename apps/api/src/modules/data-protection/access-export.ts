import { STATISTICS_TEXTS, statisticsValueLabel, type StatisticsLanguage } from '@haven/contracts';
import { neutraliseCell } from '@haven/disclosure';

/** Everything Haven holds about one survivor, as it goes into her access-request export. */
export interface AccessExportData {
  exportedAt: string;
  case: Record<string, unknown> & { reference: string };
  identity: Record<string, unknown>;
  sections: Record<string, unknown>;
}

/**
 * The readable document of the export: plain HTML with every value escaped, no scripts, no
 * external resources. Each section is headed by its title (given by the feature that holds it).
 */
export function renderAccessExportHtml(data: AccessExportData, titles: Record<string, string> = {}): string {
  const sections = Object.entries(data.sections)
    .map(
      ([name, value]) =>
        `<section><h2>${escapeHtml(titles[name] ?? humanise(name))}</h2>${renderValue(value)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Your data held by Haven — ${escapeHtml(data.case.reference)}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:start;vertical-align:top}</style>
</head>
<body>
<h1>Your data held by Haven</h1>
<p>Case reference ${escapeHtml(data.case.reference)}, exported on ${escapeHtml(data.exportedAt)}. The same data is in <code>case-data.json</code> for use by other software.</p>
<section><h2>Identity</h2>${renderValue(data.identity)}</section>
<section><h2>Case</h2>${renderValue(data.case)}</section>
${sections}
</body>
</html>
`;
}

/**
 * The identity and case fields whose values are codes the statistics texts have words for, and the dimension
 * those words are filed under there (a list of countries is countries, as a nationality is).
 */
const CODED_FIELDS: Readonly<Record<string, string>> = {
  status: 'status',
  sex: 'sex',
  nationality: 'nationality',
  exploitationTypes: 'exploitationType',
  exploitationCountries: 'nationality',
};

/**
 * The dimension of a field of the identity, the case or its profile (`case.sex`, `case.profile.exploitationTypes[1]`),
 * if coded; a field of the same name deeper down (a closure's `status`) is something else and gets no label.
 */
function codedDimension(path: string): string | undefined {
  const field = path
    .replace(/^(identity|case)\./, '')
    .replace(/^profile\./, '')
    .replace(/\[\d+\]$/, '');
  return field.includes('.') || field.includes('[') ? undefined : CODED_FIELDS[field];
}

/**
 * The identity and case facts as a CSV (field, value, valueLabel), for spreadsheets. As in the statistics
 * files, a code has a label column beside it: its words in the export's language (English: the request
 * names none), from the same texts and helper (`statisticsValueLabel`); other values leave it empty. Every
 * cell is neutralised: a name like `=HYPERLINK(…)` must stay text, not become a formula.
 */
export function renderAccessExportCsv(data: AccessExportData, language: StatisticsLanguage = 'en'): string {
  const texts = STATISTICS_TEXTS[language];
  const rows: [string, string, string][] = [['field', 'value', 'valueLabel']];
  const flatten = (prefix: string, value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => flatten(`${prefix}[${index}]`, item));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, item);
    } else {
      const text = value === null || value === undefined ? '' : String(value);
      const dimension = codedDimension(prefix);
      rows.push([prefix, text, dimension && text ? statisticsValueLabel(texts, language, dimension, text) : '']);
    }
  };
  flatten('identity', data.identity);
  flatten('case', data.case);
  return rows.map((cells) => cells.map((cell) => csvQuote(neutraliseCell(cell))).join(',')).join('\r\n') + '\r\n';
}

function csvQuote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<p>—</p>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<p>None</p>';
    return `<ol>${value.map((item) => `<li>${renderValue(item)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') {
    const rows = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `<tr><th scope="row">${escapeHtml(humanise(key))}</th><td>${renderValue(item)}</td></tr>`)
      .join('');
    return `<table>${rows}</table>`;
  }
  return escapeHtml(String(value));
}

function humanise(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
