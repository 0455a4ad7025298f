import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_CONTRACT = 'haven:api-contract';

export interface ApiContractSpec {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** The success status when it is not 200. */
  status?: number;
}

/** Links a route to its schemas in libs/contracts, for the generated OpenAPI document. */
export const ApiContract = (spec: ApiContractSpec) => SetMetadata(API_CONTRACT, spec);
