import { Injectable, Logger } from '@nestjs/common';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { TransactionHost } from '../../core/database/transaction-host.js';
import { runAsSystem } from '../../core/request-context/database-scope.js';
import { CasesRepository } from './cases.repository.js';
import { CaseVault } from './kernel/case-vault.service.js';
import { nameIndexHashes } from './name-index.js';
import { NAME_INDEX_VERSION } from './name-tokens.js';

const BATCH = 200;

/**
 * Brings the name index up to the current rules (NAME_INDEX_VERSION): every identity indexed by
 * older rules, or never (cases registered before the index existed, bulk-loaded demo cases), is
 * opened under its case key and indexed again. Run by the API after it starts listening (so a
 * large caseload does not hold the start; such cases are found by name once indexed) and by
 * `npm run names:index`. Each case in a transaction of its own that first locks its identity row
 * and checks it still needs indexing, so a change of identity at the same moment is either
 * already indexed or waits and indexes its own names after this one.
 */
@Injectable()
export class NameIndexBackfill {
  private readonly logger = new Logger('NameIndex');

  constructor(
    private readonly cases: CasesRepository,
    private readonly vault: CaseVault,
    private readonly encryption: EnvelopeEncryption,
    private readonly transactions: TransactionHost,
  ) {}

  /** Indexes every identity below the current rules; answers how many were indexed and how many failed. */
  run(): Promise<{ indexed: number; failed: number }> {
    return runAsSystem('name-index', async () => {
      let indexed = 0;
      let failed = 0;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch = await this.cases.identitiesToIndex(NAME_INDEX_VERSION, after, BATCH);
        if (batch.length === 0) break;
        for (const identity of batch) {
          try {
            if (await this.indexOne(identity)) indexed += 1;
          } catch (error) {
            // One unreadable identity must not stop the others; it is tried again at the next start.
            failed += 1;
            this.logger.warn(`Case ${identity.caseId} could not be indexed: ${(error as Error).message}`);
          }
        }
        after = batch[batch.length - 1]!.caseId;
      }
      if (indexed || failed) this.logger.log(`Name index: ${indexed} cases indexed, ${failed} failed.`);
      return { indexed, failed };
    });
  }

  private indexOne(identity: { caseId: string; organisationId: string; registeredAt: Date }): Promise<boolean> {
    return this.transactions.withTransaction(async () => {
      if (!(await this.cases.lockIdentityToIndex(identity.caseId, NAME_INDEX_VERSION))) return false;
      const names = await this.vault.openIdentity(identity.caseId);
      await this.cases.replaceNameTokens(
        identity.caseId,
        identity.organisationId,
        nameIndexHashes(this.encryption, identity.organisationId, names, identity.registeredAt),
        NAME_INDEX_VERSION,
      );
      return true;
    });
  }
}
