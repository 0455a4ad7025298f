import { Controller, Req, Res, StreamableFile } from '@nestjs/common';
import {
  documentListQuerySchema,
  documentListSchema,
  documentSchema,
  uploadDocumentFieldsSchema,
  type CaseDocument,
  type DocumentListQuery,
  type Page,
} from '@haven/contracts';
import type { Request, Response } from 'express';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { DocumentsService, type ContentUse, type DocumentContent } from './documents.service.js';

/**
 * A file leaves as an attachment that no browser may sniff into something active; a preview is the
 * rewritten image or PDF, inline but sandboxed (no script, no form, no plugin beyond the viewer).
 */
function send(response: Response, content: DocumentContent, use: ContentUse): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader(
    'Content-Security-Policy',
    use === 'preview'
      ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"
      : "default-src 'none'; sandbox; frame-ancestors 'none'",
  );
  return new StreamableFile(content.stream, {
    type: content.contentType,
    length: content.byteSize,
    disposition: `${use === 'preview' ? 'inline' : 'attachment'}; filename="${content.fileName}"`,
  });
}

@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Route({
    method: 'GET',
    path: 'cases/:id/documents',
    permission: ['read', 'CaseDocument'],
    summary: 'Files on a case, newest first, by category or by the record they support',
    query: documentListQuerySchema,
    response: documentListSchema,
  })
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Query() query: DocumentListQuery,
  ): Promise<Page<CaseDocument>> {
    return this.documents.list(caller, caseId, query);
  }

  @Route({
    method: 'POST',
    path: 'cases/:id/documents',
    permission: ['create', 'CaseDocument'],
    summary:
      'Add a file (multipart/form-data, the fields before the part "file"); 413 beyond the size limit, 415 for a type not accepted',
    upload: uploadDocumentFieldsSchema,
    response: documentSchema,
  })
  upload(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @Req() request: Request,
  ): Promise<CaseDocument> {
    return this.documents.upload(caller, caseId, request);
  }

  @Route({
    method: 'GET',
    path: 'cases/:id/documents/:documentId/content',
    permission: ['read', 'CaseDocument'],
    summary: 'Download a file (recorded in the case’s access log)',
  })
  async download(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('documentId') documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.documents.content(caller, caseId, documentId, 'download'), 'download');
  }

  @Route({
    method: 'GET',
    path: 'cases/:id/documents/:documentId/preview',
    permission: ['read', 'CaseDocument'],
    summary: 'An image or PDF shown in the page, from its rewritten form (recorded in the case’s access log)',
  })
  async preview(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') caseId: string,
    @UuidParam('documentId') documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.documents.content(caller, caseId, documentId, 'preview'), 'preview');
  }

  @Route({
    method: 'GET',
    path: 'referrals/:referralId/documents/:documentId/content',
    permission: ['read', 'Referral'],
    summary: 'Download a file an open referral’s lens shares (partners; recorded in the case’s access log)',
  })
  async downloadShared(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @UuidParam('documentId') documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.documents.sharedContent(caller, referralId, documentId, 'download'), 'download');
  }

  @Route({
    method: 'GET',
    path: 'referrals/:referralId/documents/:documentId/preview',
    permission: ['read', 'Referral'],
    summary: 'Preview an image or PDF an open referral’s lens shares (partners; recorded in the case’s access log)',
  })
  async previewShared(
    @CurrentCaller() caller: Caller,
    @UuidParam('referralId') referralId: string,
    @UuidParam('documentId') documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(response, await this.documents.sharedContent(caller, referralId, documentId, 'preview'), 'preview');
  }
}
