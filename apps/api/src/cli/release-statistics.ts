import 'reflect-metadata';
import { withCommandContext } from './command-context.js';
import { StatisticsModule } from '../modules/statistics/statistics.module.js';
import { StatisticsReleases } from '../modules/statistics/statistics-releases.service.js';

/**
 * `npm run stats:release` — makes a statistics release now if a month has ended since the
 * latest (the schedule makes one after each month ends; open periods are never
 * published); `npm run stats:release -- --revision` recounts, as a labelled revision,
 * every ended period no revision has counted again yet (a period is revised at most once). Needs the same HAVEN_MASTER_KEY as the API (record keys and
 * noise come from keyed hashes). Exit code 0 when done, 1 on error.
 */
async function main(): Promise<number> {
  return withCommandContext([StatisticsModule], async (context) => {
    const started = Date.now();
    const releases = context.get(StatisticsReleases);
    const latest = await releases.latest();
    const release = await releases.publish({ revision: process.argv.includes('--revision') });
    if (release.id === latest?.id)
      console.log(
        process.argv.includes('--revision')
          ? `Statistics: every ended period has been revised once already; the ${release.label} stays in force.`
          : `Statistics: no month has ended since the ${release.label}; it stays in force.`,
      );
    else console.log(`Statistics: ${release.label} published in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Statistics release failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
