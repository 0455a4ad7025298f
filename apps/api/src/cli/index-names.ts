import 'reflect-metadata';
import { withCommandContext } from './command-context.js';
import { CasesModule } from '../modules/cases/cases.module.js';
import { NameIndexBackfill } from '../modules/cases/name-index-backfill.service.js';

/**
 * `npm run names:index` — brings the blind name index up to the current rules now
 * (docs/architecture.md, "Search by name"), as the API does after it starts: every case
 * registered before the index existed, or indexed by older rules, is indexed. Needs the same
 * HAVEN_MASTER_KEY as the API. Exit code 0 when every case was indexed, 1 otherwise.
 */
async function main(): Promise<number> {
  return withCommandContext([CasesModule], async (context) => {
    const { indexed, failed } = await context.get(NameIndexBackfill).run();
    console.log(`Name index: ${indexed} cases indexed, ${failed} failed.`);
    return failed ? 1 : 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Name indexing failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
