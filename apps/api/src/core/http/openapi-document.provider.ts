import { Injectable } from '@nestjs/common';

/** Holds the OpenAPI document, built once after the routes are known (see create-app.ts). */
@Injectable()
export class OpenApiDocument {
  private value: Record<string, unknown> = {};

  set(document: Record<string, unknown>): void {
    this.value = document;
  }

  get(): Record<string, unknown> {
    return this.value;
  }
}
