import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KeysetQuery, NoteSort } from '@haven/contracts';
import { NoteEntity } from './note.entity.js';
import { readKeysetPage, type KeysetEntityPage, type KeysetList } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** The notes' sort, when each was written, read in the order of case_note_case_created_idx (migration 1764495000000). */
const NOTE_LIST: KeysetList<NoteSort> = {
  sorts: { createdAt: { column: 'n.created_at', type: 'timestamptz' } },
  id: { column: 'n.id', type: 'uuid' },
};

/** Notes of one case. Callers check the case is in scope first (CaseAccess.findForAction). Only anonymisation deletes notes. */
@Injectable()
export class NotesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionHost,
  ) {}

  /** Anonymisation (retention, erasure): a note is nothing but free text: anonymisation deletes the case's notes. */
  async clearCaseText(caseId: string): Promise<void> {
    await this.transactions.manager.query(`DELETE FROM app.case_note WHERE case_id = $1`, [caseId]);
  }

  private repository() {
    return this.transactions.manager.getRepository(NoteEntity);
  }

  /** One page of the case's notes by cursor (index case_note_case_created_idx). */
  pageForCase(caseId: string, query: KeysetQuery<NoteSort>): Promise<KeysetEntityPage<NoteEntity>> {
    const builder = this.repository()
      .createQueryBuilder('n')
      .leftJoinAndSelect('n.author', 'author')
      .where('n.case_id = :caseId', { caseId });
    return readKeysetPage(this.transactions.manager, builder, NOTE_LIST, query);
  }

  findInCase(caseId: string, id: string): Promise<NoteEntity | null> {
    return this.repository().findOne({ where: { id, caseId }, relations: { author: true } });
  }

  async insert(values: Pick<NoteEntity, 'caseId' | 'sealedBody' | 'authorId'>): Promise<string> {
    const result = await this.repository().insert({ ...values, createdAt: new Date(), editedAt: null, version: 1 });
    return result.identifiers[0]!.id as string;
  }

  /** Replaces the body only if the note is still at `version`, and moves it to the next version. Answers false when someone else changed it first. */
  async updateIfVersion(id: string, version: number, sealedBody: Buffer): Promise<boolean> {
    const result = await this.repository().update(
      { id, version },
      { sealedBody, editedAt: new Date(), version: () => 'version + 1' },
    );
    return (result.affected ?? 0) === 1;
  }
}
