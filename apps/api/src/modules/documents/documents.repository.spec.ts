import { describe, expect, it } from '@jest/globals';
import type { TransactionHost } from '../../core/database/transaction-host.js';
import { DocumentsRepository } from './documents.repository.js';

const CASE_ID = '00000000-0000-4000-8000-0000000000c1';

/** A database that fails any query: an empty list of categories must not reach it. */
const noDatabase = {
  manager: {
    getRepository: () => ({
      find: () => Promise.reject(new Error('queried')),
      findAndCount: () => Promise.reject(new Error('queried')),
    }),
  },
} as unknown as TransactionHost;

describe('DocumentsRepository with no category to look in', () => {
  const repository = new DocumentsRepository(noDatabase);

  it('lists nothing for a lens that shares no category of file', async () => {
    await expect(repository.listForCase(CASE_ID, [])).resolves.toEqual([]);
  });

  it('answers an empty page, asked for a category or not', async () => {
    await expect(repository.pageForCase(CASE_ID, {}, [], 1, 20)).resolves.toEqual([[], 0]);
    await expect(repository.pageForCase(CASE_ID, { category: 'medical' }, [], 1, 20)).resolves.toEqual([[], 0]);
    await expect(repository.pageForCase(CASE_ID, { category: 'medical' }, ['legal'], 1, 20)).resolves.toEqual([[], 0]);
  });

  it('asks the database when there are categories to look in', async () => {
    await expect(repository.listForCase(CASE_ID, ['medical'])).rejects.toThrow('queried');
  });
});
