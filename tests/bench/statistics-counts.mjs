#!/usr/bin/env node
/**
 * Times each statistics count of the managers' default dashboard (13 tables and the
 * indicators, by quarter, every organisation) straight from the repository, without
 * HTTP or disclosure control: over the projection's rows, as served (new-case tables
 * from their summary), and again from the counts cache. Needs `npx nx run api:build`
 * and a database the API has migrated (start it once against the database first).
 *
 *   node tests/bench/statistics-counts.mjs --database-url postgres://postgres@127.0.0.1:5432/haven_100k [--only assistance]
 */
import { DataSource } from 'typeorm';
import { argumentsOf, root } from './lib.mjs';

const options = argumentsOf({ 'database-url': process.env.DATABASE_URL });
const dist = `${root}/apps/api/dist/modules/statistics`;
const { StatisticsRepository } = await import(`${dist}/statistics.repository.js`);
const { TABLES } = await import(`${dist}/statistics-catalogue.js`);
const { periodRange } = await import(`${dist}/statistics-publisher.js`);
const { censusMonths } = await import(`${dist}/statistics.service.js`);

const dataSource = new DataSource({ type: 'postgres', url: options['database-url'] });
await dataSource.initialize();
const repository = new StatisticsRepository(dataSource, { statistics: { maxStalenessSeconds: 300 } });
const range = periodRange({ granularity: 'quarter' }, new Date());
const request = {
  fromMonth: range.from,
  toMonth: range.to,
  granularity: 'quarter',
  organisationIds: null,
  consent: { inBreakdowns: false, inTotals: true },
};
const timed = async (work) => {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
};
try {
  console.log(`Counts for ${range.from} to ${range.to} by quarter (ms): over the rows, as served, cached`);
  for (const definition of TABLES) {
    if (options.only && !definition.code.includes(options.only)) continue;
    const census = definition.source === 'occupancy' ? censusMonths(range, new Date()) : undefined;
    const overRows = await timed(() => repository.countOverRows(definition, request, census));
    const served = await timed(() => repository.countTable(definition, request, census, { acceptStale: false }));
    const cached = await timed(() => repository.countTable(definition, request, census));
    console.log(
      `${definition.code.padEnd(32)} ${String(overRows).padStart(7)} ${String(served).padStart(7)} ${String(cached).padStart(7)}`,
    );
  }
  const indicators = await timed(() => repository.countIndicators(request, { acceptStale: false }));
  const cached = await timed(() => repository.countIndicators(request));
  console.log(
    `${'indicators'.padEnd(32)} ${'–'.padStart(7)} ${String(indicators).padStart(7)} ${String(cached).padStart(7)}`,
  );
} finally {
  await dataSource.destroy();
}
