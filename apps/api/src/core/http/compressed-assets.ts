import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves the web app's built assets gzipped to browsers that accept it. The files under
 * /assets/ carry a content hash in their name, so each is compressed once, kept in
 * memory and cached by browsers for a year: on a slow mobile connection, a first screen
 * several times quicker (figures in docs/benchmarks.md). Anything else falls through to the
 * static file handler.
 */
export function compressedAssets(webDist: string) {
  const assets = path.join(webDist, 'assets');
  const cache = new Map<string, Promise<Buffer | null>>();
  const gzipped = (file: string) => {
    let entry = cache.get(file);
    if (!entry) {
      entry = readFile(file).then(
        (content) => gzipSync(content, { level: 9 }),
        () => null,
      );
      cache.set(file, entry);
    }
    return entry;
  };
  return (request: Request, response: Response, next: NextFunction) => {
    const type = TYPES[path.extname(request.path)];
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      !request.path.startsWith('/assets/') ||
      !type ||
      !request.acceptsEncodings('gzip')
    ) {
      next();
      return;
    }
    const file = path.join(assets, path.normalize(request.path.slice('/assets/'.length)));
    if (!file.startsWith(assets + path.sep)) {
      next();
      return;
    }
    gzipped(file).then((body) => {
      if (!body) {
        cache.delete(file);
        next();
        return;
      }
      response.setHeader('Content-Type', type);
      response.setHeader('Content-Encoding', 'gzip');
      response.setHeader('Vary', 'Accept-Encoding');
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      response.setHeader('Content-Length', body.length);
      response.end(request.method === 'HEAD' ? undefined : body);
    }, next);
  };
}
