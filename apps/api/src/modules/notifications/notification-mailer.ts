import { Inject, Injectable, Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ActivationLink, Notification } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';

/** What each kind of notification says by e-mail: never a name, a reference, an organisation or any case content. */
const SUBJECTS: Record<Notification['kind'], string> = {
  'referral.received': 'A new referral is waiting for you',
  'referral.accepted': 'A referral you sent was accepted',
  'referral.declined': 'A referral you sent was declined',
  'referral.completed': 'A referral you sent was completed',
  'referral.withdrawn': 'A referral to your organisation was withdrawn',
  'transfer.proposed': 'A case transfer is waiting for your decision',
  'transfer.accepted': 'A transfer you proposed was accepted',
  'transfer.rejected': 'A transfer you proposed was rejected',
  'case.identity.viewed': 'A survivor identity was viewed by someone outside the case assignment',
  'return.suspended': 'A pending return was suspended for a protection review',
  'return.resumed': 'A suspended return may go ahead again',
  'case.erasure.requested': 'An erasure request is waiting for your confirmation',
  'case.erasure.confirmed': 'An erasure request you sent was confirmed',
  'case.duplicate.suspected': 'A registration may duplicate an existing case',
};

/**
 * Optional e-mail alongside in-app notifications, through the SMTP server in SMTP_URL
 * ("json" gives a transport that only renders messages, for trying it out). Sending is
 * best effort after the event has committed: a mail failure never undoes the event.
 */
@Injectable()
export class NotificationMailer {
  private readonly logger = new Logger(NotificationMailer.name);
  readonly transport: Transporter | undefined;

  constructor(@Inject(HAVEN_CONFIG) private readonly config: HavenConfig) {
    const url = config.smtp?.url;
    this.transport = url ? nodemailer.createTransport(url === 'json' ? { jsonTransport: true } : url) : undefined;
  }

  async send(recipients: string[], kind: Notification['kind']): Promise<void> {
    if (!this.transport || recipients.length === 0) return;
    for (const to of recipients) {
      try {
        await this.transport.sendMail({
          from: this.config.smtp!.from,
          to,
          subject: `Haven: ${SUBJECTS[kind].toLowerCase()}`,
          text: `${SUBJECTS[kind]}.\n\nSign in to Haven to see it. For the safety of the people concerned, this message contains no details.\n`,
        });
      } catch (error) {
        this.logger.warn(`Notification e-mail not sent: ${failureOf(error)}`);
      }
    }
  }

  /**
   * A one-time link to set a password, to the person it is for. It names no organisation and no one
   * else; the inviter still sees the link once, to hand it over themselves if mail is not trusted.
   */
  async sendAccountLink(to: string, link: ActivationLink, purpose: 'invitation' | 'password-reset'): Promise<void> {
    if (!this.transport) return;
    const subject =
      purpose === 'invitation' ? 'Haven: your account is waiting for a password' : 'Haven: set a new password';
    const expires = new Date(link.expiresAt).toUTCString();
    try {
      await this.transport.sendMail({
        from: this.config.smtp!.from,
        to,
        subject,
        text: `Open this link to set your Haven password. It works once and expires on ${expires}.\n\n${link.url}\n\nIf you did not expect this message, ignore it and tell your administrator.\n`,
      });
    } catch (error) {
      this.logger.warn(`Account link e-mail not sent: ${failureOf(error)}`);
    }
  }
}

/**
 * What a failed send is logged as: the mail library's error code and the server's reply code only. Its
 * message can quote the recipient's address, and logs carry no contacts.
 */
function failureOf(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [
    typeof code === 'string' ? code : 'unknown error',
    typeof responseCode === 'number' ? `reply ${responseCode}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}
