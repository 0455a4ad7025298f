import 'reflect-metadata';
import { withCommandContext } from './command-context.js';
import { StatisticsModule } from '../modules/statistics/statistics.module.js';
import { StatisticsProjector } from '../modules/statistics/statistics-projector.service.js';

const PROGRESS_EVERY_MS = 5_000;

/**
 * `npm run stats:rebuild` — rebuilds the anonymised statistics projection from the case
 * tables, in one transaction (statistics keep reading the old rows until it commits).
 * Needs the same HAVEN_MASTER_KEY as the API: the projection's row keys are keyed
 * hashes. Exit code 0 when done, 1 on error.
 */
async function main(): Promise<number> {
  return withCommandContext([StatisticsModule], async (context) => {
    const started = Date.now();
    let reported = started;
    // A line every few seconds (also in a log, where a redrawn bar would not show).
    const count = await context.get(StatisticsProjector).rebuild({
      onProgress: (projected, total) => {
        if (Date.now() - reported < PROGRESS_EVERY_MS) return;
        reported = Date.now();
        const seconds = (reported - started) / 1000;
        console.log(
          `Statistics: ${projected} of ${total} cases projected (${Math.floor((100 * projected) / Math.max(total, 1))}%, ${Math.round(projected / seconds)}/s)`,
        );
      },
    });
    console.log(`Statistics rebuilt: ${count} cases projected in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Statistics rebuild failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
