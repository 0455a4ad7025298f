import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NoteEntity } from './note.entity.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

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

  /** Newest first. */
  pageForCase(caseId: string, page: number, pageSize: number): Promise<[NoteEntity[], number]> {
    return this.repository().findAndCount({
      where: { caseId },
      relations: { author: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
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
