import 'i18next';
import type en from './en.json';
import type { AccessLogNamespaces } from '../../modules/access-log/i18n/catalogues';
import type { REFERRAL_NAMESPACES_EN, ReferralTranslationAdditions } from './referral-catalogues';
import type { SHELTER_NAMESPACES_EN, ShelterTranslationAdditions } from './shelter-catalogues';
import type { StatisticsNamespaces } from '../../modules/statistics/i18n/catalogues';
import type { DATA_PROTECTION_NAMESPACES_EN } from '../../modules/data-protection/i18n/catalogues';
import type { PASSWORD_NAMESPACES_EN } from '../forms/password-texts';
import type { AdministrationNamespaces } from '../../modules/administration/i18n/catalogues';

// English is the reference catalogue: a key missing from it is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & ReferralTranslationAdditions & ShelterTranslationAdditions } & typeof REFERRAL_NAMESPACES_EN &
      typeof SHELTER_NAMESPACES_EN &
      StatisticsNamespaces &
      AccessLogNamespaces &
      typeof DATA_PROTECTION_NAMESPACES_EN &
      typeof PASSWORD_NAMESPACES_EN &
      AdministrationNamespaces;
  }
}
