import { describe, expect, it, jest } from '@jest/globals';
import type pg from 'pg';
import { preparingClient, PreparedStatementRegistry, sendPreparingFrequent } from './prepared-statements.js';

describe('PreparedStatementRegistry', () => {
  it('names a statement from its third sighting on, the same name for the same text', () => {
    const registry = new PreparedStatementRegistry();
    const text = 'SELECT 1 WHERE $1::int > 0';
    expect(registry.nameFor(text)).toBeUndefined();
    expect(registry.nameFor(text)).toBeUndefined();
    const name = registry.nameFor(text);
    expect(name).toMatch(/^haven_[0-9a-f]{24}$/);
    expect(registry.nameFor(text)).toBe(name);
    expect(new PreparedStatementRegistry(300, 1).nameFor(text)).toBe(name);
    expect(registry.nameFor('SELECT 2 WHERE $1::int > 0')).toBeUndefined();
  });

  it('prepares no more than its limit; later statements stay unnamed', () => {
    const registry = new PreparedStatementRegistry(2, 1);
    expect(registry.nameFor('SELECT $1::int')).toBeDefined();
    expect(registry.nameFor('SELECT $1::text')).toBeDefined();
    expect(registry.nameFor('SELECT $1::uuid')).toBeUndefined();
    expect(registry.preparedCount).toBe(2);
  });

  it('never names a refused statement again', () => {
    const registry = new PreparedStatementRegistry(10, 1);
    expect(registry.nameFor('SELECT * FROM t WHERE id = $1')).toBeDefined();
    registry.refuse('SELECT * FROM t WHERE id = $1');
    expect(registry.nameFor('SELECT * FROM t WHERE id = $1')).toBeUndefined();
  });
});

describe('sendPreparingFrequent', () => {
  function connection() {
    const sent: unknown[][] = [];
    const send = jest.fn(async (...args: unknown[]) => {
      sent.push(args);
      return { rows: [] };
    });
    return { send, sent };
  }

  it('sends frequent statements with parameters by name, and everything else as it came', async () => {
    const { send, sent } = connection();
    const registry = new PreparedStatementRegistry(10, 2);
    await sendPreparingFrequent(send, registry, ['SELECT $1::int', [1]]);
    await sendPreparingFrequent(send, registry, ['SELECT $1::int', [2]]);
    await sendPreparingFrequent(send, registry, ['COMMIT']);
    await sendPreparingFrequent(send, registry, ['SELECT now()', []]);
    expect(sent[0]).toEqual(['SELECT $1::int', [1]]);
    expect(sent[1]).toEqual([{ name: expect.stringMatching(/^haven_/), text: 'SELECT $1::int', values: [2] }]);
    expect(sent[2]).toEqual(['COMMIT']);
    expect(sent[3]).toEqual(['SELECT now()', []]);
  });

  it('passes other errors on untouched', async () => {
    const failing = jest.fn(async () => Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' })));
    await expect(
      sendPreparingFrequent(failing, new PreparedStatementRegistry(10, 1), ['INSERT INTO t VALUES ($1)', [1]]),
    ).rejects.toThrow('duplicate key');
  });
});

describe('preparingClient', () => {
  it('sends each query of a client through the registry, on the client itself', async () => {
    const sent: { client: unknown; args: unknown[] }[] = [];
    class RecordingClient {
      async query(...args: unknown[]) {
        sent.push({ client: this, args });
        return { rows: [] };
      }
    }
    const Client = preparingClient(
      new PreparedStatementRegistry(10, 1),
      RecordingClient as unknown as typeof pg.Client,
    );
    const client = new Client();
    await client.query('SELECT $1::int', [1]);
    expect(sent).toEqual([
      { client, args: [{ name: expect.stringMatching(/^haven_/), text: 'SELECT $1::int', values: [1] }] },
    ]);
  });
});
