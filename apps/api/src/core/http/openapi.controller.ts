import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../access/access.decorators.js';
import { OpenApiDocument } from './openapi-document.provider.js';

/** The API's own description, public like the login route it documents. */
@Controller()
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get('docs')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    // Scripts are separate files so the strict Content-Security-Policy needs no inline script.
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Haven API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
  }

  @Get('docs/init.js')
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  initScript(): string {
    return `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });`;
  }

  @Get('docs-json')
  @Public()
  json(): Record<string, unknown> {
    return this.document.get();
  }
}
