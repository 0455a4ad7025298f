import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The first key of every job lock: PostgreSQL's two-key advisory locks are a key space of their
 * own (they never meet the one-key locks used elsewhere, e.g. the statistics projection's), and
 * this first key keeps Haven's jobs apart from anything else sharing the database.
 */
export const JOB_LOCK_SPACE = 0x48_41_56_4e; // "HAVN"

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Scheduled work that must happen once however many API replicas run it (retention, statistics
 * releases): each replica's timer asks, and only the one that gets the job's advisory lock does
 * the work. The lock is a session lock on a connection held for the whole job, so it is released
 * when the job ends or when the replica holding it dies (its connection closes): another replica's
 * next look then finds the job still due and does it. Nothing to configure per replica.
 */
@Injectable()
export class ExclusiveJobs {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` unless another process holds the job; then answers `{ ran: false }` without waiting. */
  async runIfFree<T>(job: string, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [JOB_LOCK_SPACE, job],
      );
      if (!locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_SPACE, job]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Like runIfFree, but waits for the job to be free (a command run by hand while a replica works). */
  async runWhenFree<T>(job: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_SPACE, job]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_SPACE, job]);
      }
    } finally {
      await runner.release();
    }
  }
}
