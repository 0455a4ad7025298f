import type { i18n as I18n } from 'i18next';
import notificationsEn from '../../modules/notifications/i18n/en.json';
import partnerInboxEn from '../../modules/partner-inbox/i18n/en.json';
import transfersEn from '../../modules/transfers/i18n/en.json';
import referralsEn from '../../modules/referrals/i18n/en.json';

/**
 * The texts of referrals, the partner inbox, notifications and transfers, one i18next namespace per module.
 * English is built in (it is the fallback, like the main catalogue); French and Arabic are fetched with the
 * main catalogue of that language, so nobody sees these screens in English first.
 */
export const REFERRAL_NAMESPACES_EN = {
  referrals: referralsEn,
  partnerInbox: partnerInboxEn,
  notifications: notificationsEn,
  transfers: transfersEn,
};
type Namespace = keyof typeof REFERRAL_NAMESPACES_EN;

/**
 * The few labels other screens look up in the main namespace (the case page's tab, the navigation links),
 * kept here with the rest of these texts and merged into it at start-up and on each language load.
 */
export interface ReferralTranslationAdditions {
  cases: { tabs: { referrals: string } };
  nav: { inbox: string; incomingTransfers: string };
}

function additionsFrom(referrals: typeof referralsEn, transfers: typeof transfersEn, partnerInbox: typeof partnerInboxEn): ReferralTranslationAdditions {
  return { cases: { tabs: { referrals: referrals.tab } }, nav: { inbox: partnerInbox.nav, incomingTransfers: transfers.nav } };
}

export const REFERRAL_ADDITIONS_EN = additionsFrom(referralsEn, transfersEn, partnerInboxEn);

const LOADERS: Record<'fr' | 'ar', () => Promise<Record<Namespace, unknown>>> = {
  fr: async () => {
    const [referrals, partnerInbox, notifications, transfers] = await Promise.all([
      import('../../modules/referrals/i18n/fr.json'),
      import('../../modules/partner-inbox/i18n/fr.json'),
      import('../../modules/notifications/i18n/fr.json'),
      import('../../modules/transfers/i18n/fr.json'),
    ]);
    return { referrals: referrals.default, partnerInbox: partnerInbox.default, notifications: notifications.default, transfers: transfers.default };
  },
  ar: async () => {
    const [referrals, partnerInbox, notifications, transfers] = await Promise.all([
      import('../../modules/referrals/i18n/ar.json'),
      import('../../modules/partner-inbox/i18n/ar.json'),
      import('../../modules/notifications/i18n/ar.json'),
      import('../../modules/transfers/i18n/ar.json'),
    ]);
    return { referrals: referrals.default, partnerInbox: partnerInbox.default, notifications: notifications.default, transfers: transfers.default };
  },
};

/** Adds the French or Arabic texts of these modules once; English is already in. */
export async function loadReferralCatalogues(i18n: I18n, language: string): Promise<void> {
  if ((language !== 'fr' && language !== 'ar') || i18n.hasResourceBundle(language, 'referrals')) return;
  const catalogues = await LOADERS[language]();
  for (const [namespace, catalogue] of Object.entries(catalogues)) i18n.addResourceBundle(language, namespace, catalogue);
  const additions = additionsFrom(
    catalogues.referrals as typeof referralsEn,
    catalogues.transfers as typeof transfersEn,
    catalogues.partnerInbox as typeof partnerInboxEn,
  );
  i18n.addResourceBundle(language, 'translation', additions, true, false);
}
