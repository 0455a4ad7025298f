import type { ActivationLink } from '@haven/contracts';

/**
 * Mails a one-time password link to the person it is for. The platform decides when a link is
 * mailed; the mail itself goes out through the notifications feature's transport, which provides
 * this under `ACCOUNT_LINK_MAIL` — so the platform layer never imports a feature.
 */
export interface AccountLinkMail {
  sendAccountLink(to: string, link: ActivationLink, purpose: 'invitation' | 'password-reset'): Promise<void>;
}

export const ACCOUNT_LINK_MAIL = Symbol('AccountLinkMail');
