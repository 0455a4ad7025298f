import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from './config.js';

const goodKey = randomBytes(32).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://haven_app@db/haven',
  DATABASE_OWNER_URL: 'postgres://haven@db/haven',
  HAVEN_MASTER_KEY: goodKey,
};

describe('configuration', () => {
  it('starts in demo mode with the embedded database when nothing is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, dataDir: '.haven' });
    expect(config.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
  });

  it('loads no demo data when a database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).demo).toBe(false);
  });

  it('accepts a proper production configuration', () => {
    expect(loadConfig(production).masterKey?.length).toBe(32);
  });

  it('refuses production without a master key, with a short or placeholder key, without a database, or in demo mode', () => {
    expect(() => loadConfig({ ...production, HAVEN_MASTER_KEY: undefined })).toThrow(/HAVEN_MASTER_KEY is required/);
    expect(() => loadConfig({ ...production, HAVEN_MASTER_KEY: Buffer.alloc(16, 7).toString('base64') })).toThrow(
      ConfigurationError,
    );
    expect(() => loadConfig({ ...production, HAVEN_MASTER_KEY: Buffer.alloc(32, 0).toString('base64') })).toThrow(
      /placeholder/,
    );
    expect(() => loadConfig({ ...production, DATABASE_URL: undefined })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ ...production, HAVEN_DEMO: 'true' })).toThrow(/Demo mode/);
    expect(() => loadConfig({ ...production, DATABASE_OWNER_URL: undefined })).toThrow(
      /DATABASE_OWNER_URL is required/,
    );
  });

  it('names the offending variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('keeps closed cases at least 12 months by default, and never lets the floor go below 6 months', () => {
    expect(loadConfig({}).retention.minimumMonths).toBe(12);
    expect(loadConfig({ RETENTION_MINIMUM_MONTHS: '6' }).retention.minimumMonths).toBe(6);
    expect(loadConfig({ RETENTION_MINIMUM_MONTHS: '36' }).retention.minimumMonths).toBe(36);
    for (const value of ['5', '0', '-12', '1201'])
      expect(() => loadConfig({ RETENTION_MINIMUM_MONTHS: value })).toThrow(/RETENTION_MINIMUM_MONTHS/);
    expect(() => loadConfig({ RETENTION_MINIMUM_MONTHS: 'a year' })).toThrow(/RETENTION_MINIMUM_MONTHS/);
  });

  it('limits duplicate checks to 30 an hour per user unless configured', () => {
    expect(loadConfig({}).duplicateChecksPerHour).toBe(30);
    expect(loadConfig({ DUPLICATE_CHECKS_PER_HOUR: '5' }).duplicateChecksPerHour).toBe(5);
    expect(() => loadConfig({ DUPLICATE_CHECKS_PER_HOUR: '0' })).toThrow(/DUPLICATE_CHECKS_PER_HOUR/);
  });
});
