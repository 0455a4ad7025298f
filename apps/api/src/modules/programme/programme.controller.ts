import { Controller, Param, type PipeTransform } from '@nestjs/common';
import {
  PROGRAMME_REGISTERS,
  registerCreateSchema,
  registerImportRequestSchema,
  registerImportResultSchema,
  registerListQuerySchema,
  registerListSchema,
  registerRecordSchema,
  registerUpdateSchema,
  type ProgrammeRegister,
  type RegisterCreate,
  type RegisterImportRequest,
  type RegisterImportResult,
  type RegisterList,
  type RegisterListQuery,
  type RegisterRecord,
  type RegisterUpdate,
} from '@haven/contracts';
import { CurrentCaller } from '../../core/access/access.decorators.js';
import type { Caller } from '../../core/auth/caller.js';
import { NotFoundError } from '../../core/errors/problem.js';
import { Body, Query, Route, UuidParam } from '../../core/http/route.decorator.js';
import { ProgrammeService } from './programme.service.js';

/** A register's name from the path: one the contract knows, otherwise there is no such list (404). */
class RegisterPipe implements PipeTransform<string, ProgrammeRegister> {
  transform(value: string): ProgrammeRegister {
    if (!(PROGRAMME_REGISTERS as readonly string[]).includes(value)) throw new NotFoundError('No such register.');
    return value as ProgrammeRegister;
  }
}
const RegisterParam = () => Param('register', new RegisterPipe());

/**
 * The programme registers, one set of routes for the four of them (`campaigns`, `institutions`,
 * `capacity-events`, `diaspora-projects`): each record's fields are checked by its register's
 * schema in the contract. Supervisors of the organisation only.
 */
@Controller('programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Route({
    method: 'GET',
    path: ':register',
    permission: ['read', 'ProgrammeRecord'],
    summary: 'A register of your organisation, newest first, paged by cursor',
    query: registerListQuerySchema,
    response: registerListSchema,
  })
  list(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @Query() query: RegisterListQuery,
  ): Promise<RegisterList> {
    return this.programme.list(caller, register, query);
  }

  @Route({
    method: 'POST',
    path: ':register',
    permission: ['create', 'ProgrammeRecord'],
    summary: 'Add a record to a register',
    body: registerCreateSchema,
    response: registerRecordSchema,
  })
  create(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @Body() body: RegisterCreate,
  ): Promise<RegisterRecord> {
    return this.programme.create(caller, register, body.fields);
  }

  // Declared before ':id' so that "import" is not taken for a record id.
  @Route({
    method: 'POST',
    path: ':register/import',
    permission: ['create', 'ProgrammeRecord'],
    summary: 'Import records from a CSV file: a dry run checks every row; otherwise all rows are written or none',
    body: registerImportRequestSchema,
    response: registerImportResultSchema,
    status: 200,
  })
  import(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @Body() body: RegisterImportRequest,
  ): Promise<RegisterImportResult> {
    return this.programme.import(caller, register, body);
  }

  @Route({
    method: 'GET',
    path: ':register/:id',
    permission: ['read', 'ProgrammeRecord'],
    summary: 'One record of a register',
    response: registerRecordSchema,
  })
  get(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @UuidParam('id') id: string,
  ): Promise<RegisterRecord> {
    return this.programme.get(caller, register, id);
  }

  @Route({
    method: 'PATCH',
    path: ':register/:id',
    permission: ['update', 'ProgrammeRecord'],
    summary: 'Change a record (its fields whole; 409 if the version is stale)',
    body: registerUpdateSchema,
    response: registerRecordSchema,
  })
  update(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @UuidParam('id') id: string,
    @Body() body: RegisterUpdate,
  ): Promise<RegisterRecord> {
    return this.programme.update(caller, register, id, body);
  }

  @Route({
    method: 'DELETE',
    path: ':register/:id',
    permission: ['delete', 'ProgrammeRecord'],
    summary: 'Remove a record (an institution that took part in an event stays: 409)',
    status: 204,
  })
  remove(
    @CurrentCaller() caller: Caller,
    @RegisterParam() register: ProgrammeRegister,
    @UuidParam('id') id: string,
  ): Promise<void> {
    return this.programme.remove(caller, register, id);
  }
}
