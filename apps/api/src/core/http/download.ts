import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** A file built whole in memory (a statistics table, a report): its name, its type and its bytes. */
export interface Download {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Sends a file to be saved, never shown: named, not cached, and not sniffed into another type. */
export function sendDownload(response: Response, download: Download): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(download.body, {
    type: download.contentType,
    disposition: `attachment; filename="${download.filename}"`,
    length: download.body.length,
  });
}
