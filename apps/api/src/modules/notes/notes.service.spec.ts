import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { defineAbilityFor } from '@haven/access';
import { type Mocked } from '@haven/testing';
import type { AuditService } from '../../core/audit/audit.service.js';
import type { Caller } from '../../core/auth/caller.js';
import { EnvelopeEncryption } from '../../core/crypto/envelope-encryption.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors/problem.js';
import type { CaseEntity } from '../cases/case.entity.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import type { CasesRepository } from '../cases/cases.repository.js';
import type { CaseAccess } from '../cases/kernel/case-access.service.js';
import type { CaseHistory } from '../cases/kernel/case-history.service.js';
import type { NoteEntity } from './note.entity.js';
import type { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';
import { transactionHostForTests } from '../../core/database/transaction-host.testing.js';

const actor = {
  id: 'author-id',
  role: 'caseworker' as const,
  organisationId: 'org-1',
  email: '',
  displayName: '',
  sessionId: 's',
  csrfToken: 'c',
};
const author: Caller = { actor, ability: defineAbilityFor(actor), address: '127.0.0.1' };
const supervisorActor = { ...actor, id: 'supervisor-id', role: 'supervisor' as const };
const supervisor: Caller = { actor: supervisorActor, ability: defineAbilityFor(supervisorActor), address: '127.0.0.1' };
const openCase = { id: 'case-1', organisationId: 'org-1', status: 'Active' } as CaseEntity;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('NotesService', () => {
  const encryption = new EnvelopeEncryption(randomBytes(32));
  const { wrappedKey } = encryption.newDataKey('case-1');
  const vault = new CaseVault(
    { findKey: async () => ({ caseId: 'case-1', wrappedKey, createdAt: new Date() }) } as unknown as CasesRepository,
    encryption,
    transactionHostForTests(),
  );
  let notes: Mocked<Pick<NotesRepository, 'pageForCase' | 'findInCase' | 'insert' | 'updateIfVersion'>>;
  let cases: Mocked<Pick<CaseAccess, 'findForAction' | 'findOpenForUpdate'> & Pick<CaseHistory, 'recordChanges'>>;
  let audit: Mocked<Pick<AuditService, 'record'>>;
  let service: NotesService;
  let stored: NoteEntity;

  const noteWritten = async (minutes: number, overrides: Partial<NoteEntity> = {}): Promise<NoteEntity> => ({
    id: 'note-1',
    caseId: 'case-1',
    sealedBody: (await vault.sealerFor('case-1')).seal('case-note', 'Original text'),
    authorId: 'author-id',
    createdAt: minutesAgo(minutes),
    editedAt: null,
    version: 1,
    ...overrides,
  });

  beforeEach(async () => {
    stored = await noteWritten(1);
    notes = {
      pageForCase: jest.fn(async () => ({
        rows: [],
        plan: { position: null, readOrder: 'DESC' as const, limit: 26, offset: 0 },
        count: 0,
      })),
      findInCase: jest.fn(async () => stored),
      insert: jest.fn(async () => 'note-1'),
      updateIfVersion: jest.fn(async () => true),
    } as never;
    cases = {
      findForAction: jest.fn(async () => openCase),
      findOpenForUpdate: jest.fn(async () => openCase),
      recordChanges: jest.fn(async () => undefined),
    } as never;
    audit = { record: jest.fn(async () => undefined) } as never;
    service = new NotesService(
      notes as unknown as NotesRepository,
      cases as unknown as CaseAccess,
      cases as unknown as CaseHistory,
      vault,
      audit as unknown as AuditService,
      transactionHostForTests(),
    );
  });

  it('seals the body, records history without the text, and audits', async () => {
    await service.add(author, 'case-1', { body: 'Mentions Gallowmere' });
    const values = notes.insert.mock.calls[0]![0];
    expect(values).toMatchObject({ caseId: 'case-1', authorId: 'author-id' });
    expect(values.sealedBody.toString('latin1')).not.toContain('Gallowmere');
    expect((await vault.sealerFor('case-1')).open('case-note', values.sealedBody)).toBe('Mentions Gallowmere');
    expect(cases.recordChanges).toHaveBeenCalledWith(author, 'case-1', [{ section: 'note', action: 'added' }]);
    expect(audit.record).toHaveBeenCalledWith(author, expect.objectContaining({ action: 'note.added' }));
  });

  it('lets the author edit within the window, from the current version', async () => {
    const result = await service.edit(author, 'case-1', 'note-1', { body: 'Corrected', version: 1 });
    expect(notes.updateIfVersion).toHaveBeenCalledWith('note-1', 1, expect.any(Buffer));
    expect(cases.recordChanges).toHaveBeenCalledWith(author, 'case-1', [{ section: 'note', action: 'edited' }]);
    expect(audit.record).toHaveBeenCalledWith(author, expect.objectContaining({ action: 'note.edited' }));
    expect(result.editableUntil).toBe(new Date(stored.createdAt.getTime() + 15 * 60_000).toISOString());
  });

  it('refuses anyone but the author with 403', async () => {
    await expect(service.edit(supervisor, 'case-1', 'note-1', { body: 'Changed', version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(notes.updateIfVersion).not.toHaveBeenCalled();
  });

  it('refuses edits once the 15-minute window has closed', async () => {
    stored = await noteWritten(16);
    await expect(service.edit(author, 'case-1', 'note-1', { body: 'Too late', version: 1 })).rejects.toThrow(
      /edit window has closed/,
    );
    expect(notes.updateIfVersion).not.toHaveBeenCalled();
  });

  it('answers 409 with the current version when the version is stale, or someone else saved first', async () => {
    stored = await noteWritten(1, { version: 3 });
    await expect(service.edit(author, 'case-1', 'note-1', { body: 'Changed', version: 2 })).rejects.toMatchObject({
      status: 409,
      extra: { currentVersion: 3 },
    });
    expect(notes.updateIfVersion).not.toHaveBeenCalled();
    notes.updateIfVersion.mockResolvedValue(false);
    await expect(service.edit(author, 'case-1', 'note-1', { body: 'Changed', version: 3 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(cases.recordChanges).not.toHaveBeenCalled();
  });

  it('answers 404 for a note that is not on this case', async () => {
    notes.findInCase.mockResolvedValue(null);
    await expect(service.edit(author, 'case-1', 'note-9', { body: 'Changed', version: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(notes.findInCase).toHaveBeenCalledWith('case-1', 'note-9');
  });

  it('refuses writes on a closed case before looking at the note', async () => {
    cases.findOpenForUpdate.mockRejectedValue(new ConflictError('closed'));
    await expect(service.add(author, 'case-1', { body: 'x' })).rejects.toBeInstanceOf(ConflictError);
    await expect(service.edit(author, 'case-1', 'note-1', { body: 'x', version: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(notes.insert).not.toHaveBeenCalled();
    expect(notes.findInCase).not.toHaveBeenCalled();
  });

  it('lists a page of notes in the caller’s read scope, opened', async () => {
    // Two rows read for a page of one: another page follows.
    notes.pageForCase.mockResolvedValue({
      rows: [
        { entity: stored, sort_key: '2026-11-20T10:00:00.000000Z', key_id: '00000000-0000-4000-8000-000000000001' },
        { entity: stored, sort_key: '2026-11-19T10:00:00.000000Z', key_id: '00000000-0000-4000-8000-000000000002' },
      ],
      plan: { position: null, readOrder: 'DESC', limit: 2, offset: 0 },
      count: 7,
    });
    const query = { sort: 'createdAt', order: 'desc', page: 1, pageSize: 1 } as const;
    const result = await service.list(author, 'case-1', query);
    expect(cases.findForAction).toHaveBeenCalledWith(author, 'case-1', 'read');
    expect(notes.pageForCase).toHaveBeenCalledWith('case-1', query);
    expect(result.nextCursor).toEqual(expect.any(String));
    expect(result.previousCursor).toBeNull();
    expect(result).toMatchObject({
      page: 1,
      pageSize: 1,
      total: 7,
      totalIsLowerBound: false,
      items: [{ id: 'note-1', body: 'Original text', author: { id: 'author-id' } }],
    });
  });
});
