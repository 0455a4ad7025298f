import { Injectable, Logger } from '@nestjs/common';
import {
  REFERRAL_ANSWER_KINDS,
  type MyWork,
  type Notification,
  type NotificationList,
  type NotificationListQuery,
  type Role,
} from '@haven/contracts';
import type { Caller } from '../../core/auth/caller.js';
import { NotFoundError } from '../../core/errors/problem.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationMailer } from './notification-mailer.js';
import { NotificationsRepository } from './notifications.repository.js';
import { keysetResponse } from '../../core/database/keyset.js';
import { TransactionHost } from '../../core/database/transaction-host.js';

/** The most referral answers my work lists at once (the bell keeps counting them all). */
const MAX_REFERRAL_ANSWERS = 100;

type NotificationKind = Notification['kind'];

function toNotification(
  entity: NotificationEntity & { caseReference?: string | null; actorName?: string | null },
): Notification {
  return {
    caseReference: entity.caseReference ?? null,
    actorName: entity.actorName ?? null,
    id: entity.id,
    kind: entity.kind as NotificationKind,
    subjectType: entity.subjectType,
    subjectId: entity.subjectId,
    createdAt: entity.createdAt.toISOString(),
    read: entity.readAt !== null,
  };
}

/**
 * In-app notifications, written in the same transaction as the event they announce.
 * They carry a kind and an id the recipient may open — never names or case content.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly mailer: NotificationMailer,
    private readonly transactions: TransactionHost,
  ) {}

  async notifyOrganisation(
    organisationId: string,
    roles: Role[],
    kind: NotificationKind,
    subject: { type: NotificationEntity['subjectType']; id: string },
  ): Promise<void> {
    const emails = await this.notifications.insertForOrganisation(organisationId, roles, {
      kind,
      subjectType: subject.type,
      subjectId: subject.id,
    });
    this.logger.debug(`${kind}: ${emails.length} recipient(s)`);
    this.mailAfterCommit(emails, kind);
  }

  /**
   * Tells the organisation's supervisors (but the reader) that a case's identity was read by someone
   * outside its assignment. The notification holds the case and reader ids; the e-mail says nothing more.
   */
  async notifyIdentityViewed(organisationId: string, caseId: string, readerId: string): Promise<void> {
    const kind: NotificationKind = 'case.identity.viewed';
    const emails = await this.notifications.insertForOrganisation(
      organisationId,
      ['supervisor'],
      { kind, subjectType: 'Case', subjectId: caseId, actorUserId: readerId },
      readerId,
    );
    this.mailAfterCommit(emails, kind);
  }

  /**
   * Tells the organisation's supervisors (but the actor) about one of its cases, naming the actor
   * (ids only; the app shows the reference and the name). With `notRepeatedWithinMinutes`, a
   * supervisor already told the same about the same case and actor that recently is not told again.
   */
  async notifySupervisorsOfCase(
    organisationId: string,
    kind: NotificationKind,
    caseId: string,
    actorUserId: string,
    notRepeatedWithinMinutes: number | null = null,
  ): Promise<void> {
    const emails = await this.notifications.insertForOrganisation(
      organisationId,
      ['supervisor'],
      { kind, subjectType: 'Case', subjectId: caseId, actorUserId },
      actorUserId,
      notRepeatedWithinMinutes,
    );
    this.mailAfterCommit(emails, kind);
  }

  async notifyUser(
    userId: string,
    kind: NotificationKind,
    subject: { type: NotificationEntity['subjectType']; id: string },
  ): Promise<void> {
    this.mailAfterCommit(
      await this.notifications.insertForUser(userId, { kind, subjectType: subject.type, subjectId: subject.id }),
      kind,
    );
  }

  /** E-mails go out only once the event is committed; a rolled-back event mails nobody. */
  private mailAfterCommit(emails: string[], kind: NotificationKind): void {
    if (!this.mailer.transport || emails.length === 0) return;
    this.notifications.afterCommit(() => void this.mailer.send(emails, kind));
  }

  /** One page of the caller's notifications by cursor, newest first by default, and how many of all are unread. */
  async list(caller: Caller, query: NotificationListQuery): Promise<NotificationList> {
    const { rows, plan, count, unread } = await this.notifications.listForUser(caller.actor.id, query);
    return { ...keysetResponse(rows, query, plan, count, toNotification), unread };
  }

  async markRead(caller: Caller, id: string): Promise<void> {
    if (!(await this.notifications.existsForUser(caller.actor.id, id))) throw new NotFoundError();
    await this.notifications.markRead(caller.actor.id, id);
  }

  /** Everything read at once is also everything looked at: my work's referral answers follow the bell. */
  async markAllRead(caller: Caller): Promise<void> {
    await this.transactions.withTransaction(async () => {
      await this.notifications.markKindsSeen(caller.actor.id, REFERRAL_ANSWER_KINDS, new Date());
      await this.notifications.markRead(caller.actor.id);
    });
  }

  /**
   * The answers to the caller's referrals she has not seen: exactly the bell's unread notifications of those
   * kinds (each answer notifies the referral's sender once), so my work and the bell cannot disagree. Without
   * the survivor's name: my work adds it under the one rule for names (CaseNames), with the other rows'.
   */
  async referralAnswers(caller: Caller): Promise<{
    seenUpTo: string | null;
    items: Omit<MyWork['referralAnswers']['items'][number], 'caseName'>[];
  }> {
    const { seenUpTo, items } = await this.notifications.unreadOfKinds(
      caller.actor.id,
      REFERRAL_ANSWER_KINDS,
      MAX_REFERRAL_ANSWERS,
    );
    return {
      seenUpTo: seenUpTo?.toISOString() ?? null,
      items: items.map((item) => ({
        id: item.id,
        kind: item.kind as MyWork['referralAnswers']['items'][number]['kind'],
        caseId: item.caseId,
        caseReference: item.caseReference,
        answeredAt: item.createdAt.toISOString(),
      })),
    };
  }

  /** "I have looked" at the answers up to `upTo` (a time the screen showed): they leave my work and the bell. */
  async markReferralAnswersSeen(caller: Caller, upTo: Date): Promise<void> {
    await this.transactions.withTransaction(() =>
      this.notifications.markKindsSeen(caller.actor.id, REFERRAL_ANSWER_KINDS, upTo),
    );
  }
}
