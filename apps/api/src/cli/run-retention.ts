import 'reflect-metadata';
import { withCommandContext } from './command-context.js';
import { RetentionService } from '../modules/data-protection/retention.service.js';

/**
 * `npm run retention:run` — one run of the retention job now (docs/architecture.md, rule 10): closed
 * cases past their organisation's retention period are anonymised. Prints what it did per
 * organisation; the run is recorded and audited like a scheduled one. Needs the same
 * HAVEN_MASTER_KEY as the API. Exit code 0 when every case was anonymised, 1 otherwise.
 */
async function main(): Promise<number> {
  // The whole application: every feature says how to clear its text.
  return withCommandContext('application', async (context) => {
    const run = await context.get(RetentionService).run('command');
    for (const organisation of run.organisations) {
      console.log(
        `Organisation ${organisation.organisationId}: ${organisation.anonymised} anonymised, ${organisation.failed} failed.`,
      );
    }
    console.log(
      `Retention run ${run.id}: ${run.anonymised} cases anonymised, ${run.failed} failed, ${run.organisations.length} organisations with a retention period.`,
    );
    return run.failed ? 1 : 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Retention run failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
