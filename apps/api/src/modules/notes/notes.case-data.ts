import { Injectable } from '@nestjs/common';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  type CaseDataContributor,
  readAllCursorPages,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { NotesRepository } from './notes.repository.js';
import { NotesService } from './notes.service.js';

/** Notes are paged on screen; the export reads them all, a page at a time. */
const PAGE_SIZE = 100;

/** What the notes feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class NotesCaseData implements CaseDataContributor {
  readonly feature = 'notes';

  constructor(
    private readonly notes: NotesService,
    private readonly repository: NotesRepository,
  ) {}

  /** Read through the service, with the same access checks as the screens. */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    return [
      {
        name: 'notes',
        title: 'Case notes',
        content: await readAllCursorPages((cursor) =>
          this.notes.list(caller, caseId, { sort: 'createdAt', order: 'desc', cursor, page: 1, pageSize: PAGE_SIZE }),
        ),
      },
    ];
  }

  /** See NotesRepository.clearCaseText for what stays and what goes. */
  anonymise(caseId: string): Promise<void> {
    return this.repository.clearCaseText(caseId);
  }
}
