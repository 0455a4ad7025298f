import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThan, Not } from 'typeorm';
import { SessionCache } from './session-cache.js';
import { PendingSignInEntity, RecoveryCodeEntity, UserTwoFactorEntity } from './two-factor.entities.js';
import { TransactionHost } from '../database/transaction-host.js';

/** Storage of second factors, their recovery codes and pending sign-ins. */
@Injectable()
export class TwoFactorRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // Whether a user has a second factor is part of every session lookup.
    private readonly sessionCache: SessionCache,
    private readonly transactions: TransactionHost,
  ) {}

  find(userId: string): Promise<UserTwoFactorEntity | null> {
    return this.dataSource.getRepository(UserTwoFactorEntity).findOneBy({ userId });
  }

  /** The users among `userIds` who have a confirmed second factor. */
  async enrolledAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(UserTwoFactorEntity)
      .find({ select: { userId: true }, where: { userId: In(userIds), confirmedAt: Not(IsNull()) } });
    return new Set(rows.map((row) => row.userId));
  }

  /** Starts (or restarts) an unconfirmed enrolment; a confirmed one is never overwritten. Answers false if one is confirmed. */
  async saveUnconfirmed(userId: string, wrappedKey: Buffer, sealedSecret: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO app.user_two_factor (user_id, wrapped_key, sealed_secret, created_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, sealed_secret = EXCLUDED.sealed_secret, created_at = now(), last_time_step = NULL
         WHERE app.user_two_factor.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, wrappedKey, sealedSecret],
    );
    return rows.length === 1;
  }

  async confirm(userId: string, timeStep: number | null): Promise<boolean> {
    const result = await this.transactions.manager
      .getRepository(UserTwoFactorEntity)
      .update(
        { userId, confirmedAt: IsNull() },
        { confirmedAt: new Date(), lastTimeStep: timeStep === null ? null : String(timeStep) },
      );
    this.sessionCache.forgetUser(userId);
    return result.affected === 1;
  }

  /**
   * Records an accepted time step, atomically: of two requests with the same code only one
   * moves the step forward, so a code is accepted once.
   */
  async acceptTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(UserTwoFactorEntity)
      .set({ lastTimeStep: String(timeStep) })
      .where(
        'user_id = :userId AND confirmed_at IS NOT NULL AND (last_time_step IS NULL OR last_time_step < :timeStep)',
        { userId, timeStep },
      )
      .execute();
    return result.affected === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: Buffer[]): Promise<void> {
    const repository = this.transactions.manager.getRepository(RecoveryCodeEntity);
    await repository.delete({ userId });
    const now = new Date();
    await repository.insert(hashes.map((codeHash) => ({ userId, codeHash, createdAt: now, usedAt: null })));
  }

  /** Spends an unused recovery code; answers false if there is none with that hash. */
  async useRecoveryCode(userId: string, codeHash: Buffer): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(RecoveryCodeEntity)
      .update({ userId, codeHash, usedAt: IsNull() }, { usedAt: new Date() });
    return result.affected === 1;
  }

  countRecoveryCodesLeft(userId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCodeEntity).countBy({ userId, usedAt: IsNull() });
  }

  /** Removes a user's second factor, recovery codes and pending sign-ins (admin reset). */
  async clear(userId: string): Promise<boolean> {
    const removed = await this.transactions.manager.getRepository(UserTwoFactorEntity).delete({ userId });
    await this.transactions.manager.getRepository(RecoveryCodeEntity).delete({ userId });
    await this.transactions.manager.getRepository(PendingSignInEntity).delete({ userId });
    this.sessionCache.forgetUser(userId);
    return (removed.affected ?? 0) > 0;
  }

  async createPending(pending: Omit<PendingSignInEntity, 'id'>): Promise<void> {
    await this.dataSource.getRepository(PendingSignInEntity).insert(pending);
  }

  findPending(tokenHash: Buffer): Promise<PendingSignInEntity | null> {
    return this.dataSource.getRepository(PendingSignInEntity).findOneBy({ tokenHash, expiresAt: MoreThan(new Date()) });
  }

  /** Answers whether this call removed it, so one pending sign-in yields at most one session. */
  async deletePending(id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(PendingSignInEntity).delete({ id });
    return result.affected === 1;
  }

  /** Expired pending sign-ins of a user are removed whenever a new one starts. */
  async deleteExpiredPending(userId: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(PendingSignInEntity)
      .where('user_id = :userId AND expires_at <= now()', { userId })
      .execute();
  }
}
