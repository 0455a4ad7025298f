import { Controller, Header } from '@nestjs/common';
import { OpenApiDocument } from './openapi-document.provider.js';
import { Route } from './route.decorator.js';

/** The API's own description, public like the login route it documents. */
@Controller()
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  @Route({ method: 'GET', path: 'docs', permission: 'public', summary: 'This description, as a page to browse' })
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    // Scripts are separate files so the strict Content-Security-Policy needs no inline script.
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Haven API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
  }

  @Route({
    method: 'GET',
    path: 'docs/init.js',
    permission: 'public',
    summary: 'The script that starts the documentation page',
  })
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  initScript(): string {
    return `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });`;
  }

  @Route({
    method: 'GET',
    path: 'docs-json',
    permission: 'public',
    summary: 'This description, as an OpenAPI 3.0 document',
  })
  json(): Record<string, unknown> {
    return this.document.get();
  }
}
