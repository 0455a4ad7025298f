import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { DOCUMENT_CATEGORIES, DOCUMENT_LENS_SECTIONS, type DocumentCategory, type LensSection } from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import {
  ContributesCaseData,
  readAllPages,
  type CaseDataContributor,
  type LensViewPart,
  type SubjectExportSection,
} from '../cases/case-data-contributor.js';
import { CaseVault } from '../cases/kernel/case-vault.service.js';
import { toSharedDocument } from './document.mapper.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService, FILE_NAME, TITLE } from './documents.service.js';
import { StoredMalwareError } from './malware-scanner.js';

const PAGE_SIZE = 100;
/** In the access export, in place of a file the malware scanner flags. */
export const WITHHELD_NOTE =
  'This file was withheld: it could not be checked for viruses when it was stored, and a later check flagged it.\n';
const CATEGORY_OF_SECTION = new Map<LensSection, DocumentCategory>(
  DOCUMENT_CATEGORIES.map((category) => [DOCUMENT_LENS_SECTIONS[category], category]),
);

/** What the documents feature holds about a case, for the rules that reach all case data (CaseDataContributor). */
@Injectable()
@ContributesCaseData()
export class DocumentsCaseData implements CaseDataContributor {
  readonly feature = 'documents';
  readonly lensSections: readonly LensSection[] = [...CATEGORY_OF_SECTION.keys()];

  constructor(
    private readonly documents: DocumentsService,
    private readonly repository: DocumentsRepository,
    private readonly vault: CaseVault,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * The list of her files, with the name each had when it was uploaded (hers to see); the files
   * themselves go into the archive beside it (`files`), opened through the same access checks.
   */
  async exportForSubject(caller: Caller, caseId: string): Promise<SubjectExportSection[]> {
    const listed = await readAllPages((page) => this.documents.list(caller, caseId, { page, pageSize: PAGE_SIZE }));
    if (listed.length === 0) return [{ name: 'documents', title: 'Documents and photos', content: [] }];
    const sealer = await this.vault.sealerFor(caseId);
    const rows = new Map((await this.repository.listForCase(caseId, DOCUMENT_CATEGORIES)).map((row) => [row.id, row]));
    const content = listed.map((document) => {
      const row = rows.get(document.id);
      return {
        ...document,
        originalFileName: row ? sealer.open(FILE_NAME, row.sealedFileName) : null,
        archivePath: `documents/${document.id}`,
      };
    });
    return [
      {
        name: 'documents',
        title: 'Documents and photos',
        content,
        files: listed.map((document) => ({
          path: `documents/${document.id}`,
          open: async () => {
            try {
              return (await this.documents.content(caller, caseId, document.id, 'download')).stream;
            } catch (error) {
              // A file a later scan flagged is given to no one, her export included: a note takes its place,
              // and the rest of what Haven holds about her still goes out.
              if (error instanceof StoredMalwareError) return Readable.from([Buffer.from(WITHHELD_NOTE)]);
              throw error;
            }
          },
        })),
      },
    ];
  }

  /** Erasure and retention: the chunks and the rows go; the key that sealed them is destroyed with the case's. */
  async anonymise(caseId: string): Promise<void> {
    await this.storage.deleteCase(caseId);
    await this.repository.deleteCase(caseId);
  }

  /** The files of the categories a lens shares, listed; their content is fetched on its own route, audited. */
  async lensView(caseId: string, sections: readonly LensSection[]): Promise<LensViewPart> {
    const categories = sections.flatMap((section) => CATEGORY_OF_SECTION.get(section) ?? []);
    const rows = await this.repository.listForCase(caseId, categories);
    const sealer = rows.length ? await this.vault.sealerFor(caseId) : undefined;
    const part: LensViewPart = {};
    for (const category of categories) {
      part[DOCUMENT_LENS_SECTIONS[category]] = rows
        .filter((row) => row.category === category)
        .map((row) => toSharedDocument(row, sealer!.open(TITLE, row.sealedTitle)));
    }
    return part;
  }
}
