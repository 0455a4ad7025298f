import { Injectable } from '@nestjs/common';
import type { AddNoteRequest, EditNoteRequest, Note, NoteList, NoteListQuery } from '@haven/contracts';
import { keysetResponse } from '../../core/database/keyset.js';
import { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors/problem.js';
import { CaseVault, type CaseSealer } from '../cases/kernel/case-vault.service.js';
import { CaseAccess } from '../cases/kernel/case-access.service.js';
import { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { NoteEntity } from './note.entity.js';
import { toNote } from './note.mapper.js';
import { NotesRepository } from './notes.repository.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

const BODY = 'case-note';
/** How long after writing it the author may still correct a note. */
export const NOTE_EDIT_WINDOW_MS = 15 * 60 * 1000;

const editableUntil = (note: NoteEntity) => new Date(note.createdAt.getTime() + NOTE_EDIT_WINDOW_MS);

/** Case notes, sealed at rest. The author may correct a note for a short while; nobody deletes one. */
@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NotesRepository,
    private readonly caseAccess: CaseAccess,
    private readonly caseHistory: CaseHistory,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly transactions: TransactionHost,
  ) {}

  async list(caller: Caller, caseId: string, query: NoteListQuery): Promise<NoteList> {
    await this.caseAccess.findForAction(caller, caseId, 'read');
    const { rows, plan, count } = await this.notes.pageForCase(caseId, query);
    const sealer = rows.length ? await this.vault.sealerFor(caseId) : undefined;
    return keysetResponse(rows, query, plan, count, ({ entity }) => this.toResponse(entity, sealer!));
  }

  async add(caller: Caller, caseId: string, request: AddNoteRequest): Promise<Note> {
    const noteId = await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const sealedBody = (await this.vault.sealerFor(caseId)).seal(BODY, request.body);
      const id = await this.notes.insert({ caseId, sealedBody, authorId: caller.actor.id });
      await this.caseHistory.recordChanges(caller, caseId, [{ section: 'note', action: 'added' }]);
      await this.audit.record(caller, {
        action: 'note.added',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
      return id;
    });
    return this.read(caseId, noteId);
  }

  /** Only the author, only within the edit window, only from the current version. */
  async edit(caller: Caller, caseId: string, noteId: string, request: EditNoteRequest): Promise<Note> {
    await this.transactions.withTransaction(async () => {
      const found = await this.caseAccess.findOpenForUpdate(caller, caseId);
      const note = await this.notes.findInCase(caseId, noteId);
      if (!note) throw new NotFoundError();
      if (note.authorId !== caller.actor.id) throw new ForbiddenError('Only the author of a note can edit it.');
      if (Date.now() > editableUntil(note).getTime()) {
        throw new ConflictError(
          'The edit window has closed: a note can be edited only within 15 minutes of writing it. Add a new note instead.',
        );
      }
      const sealedBody = (await this.vault.sealerFor(caseId)).seal(BODY, request.body);
      if (
        note.version !== request.version ||
        !(await this.notes.updateIfVersion(noteId, request.version, sealedBody))
      ) {
        throw new ConflictError('This note was changed since you opened it. Reload to see the changes.', {
          currentVersion: note.version,
        });
      }
      await this.caseHistory.recordChanges(caller, caseId, [{ section: 'note', action: 'edited' }]);
      await this.audit.record(caller, {
        action: 'note.edited',
        category: 'case',
        subject: { type: 'Case', id: caseId, organisationId: found.organisationId },
      });
    });
    return this.read(caseId, noteId);
  }

  private async read(caseId: string, noteId: string): Promise<Note> {
    const note = await this.notes.findInCase(caseId, noteId);
    if (!note) throw new NotFoundError();
    return this.toResponse(note, await this.vault.sealerFor(caseId));
  }

  private toResponse(note: NoteEntity, sealer: CaseSealer): Note {
    return toNote(note, sealer.open(BODY, note.sealedBody), editableUntil(note));
  }
}
