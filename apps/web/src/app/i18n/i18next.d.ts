import 'i18next';
import type common from './en.json';
import type passwords from './passwords/en.json';
import type accessLog from '../../modules/access-log/i18n/en.json';
import type administration from '../../modules/administration/i18n/en.json';
import type assessments from '../../modules/assessments/i18n/en.json';
import type auth from '../../modules/auth/i18n/en.json';
import type caseHistory from '../../modules/case-history/i18n/en.json';
import type caseReassignment from '../../modules/case-reassignment/i18n/en.json';
import type caseSummary from '../../modules/case-summary/i18n/en.json';
import type cases from '../../modules/cases/i18n/en.json';
import type children from '../../modules/children/i18n/en.json';
import type consents from '../../modules/consents/i18n/en.json';
import type dataProtection from '../../modules/data-protection/i18n/en.json';
import type identification from '../../modules/identification/i18n/en.json';
import type legalStatus from '../../modules/legal-status/i18n/en.json';
import type myWork from '../../modules/my-work/i18n/en.json';
import type notes from '../../modules/notes/i18n/en.json';
import type documents from '../../modules/documents/i18n/en.json';
import type notifications from '../../modules/notifications/i18n/en.json';
import type partnerInbox from '../../modules/partner-inbox/i18n/en.json';
import type referrals from '../../modules/referrals/i18n/en.json';
import type reintegration from '../../modules/reintegration/i18n/en.json';
import type serviceRecords from '../../modules/service-records/i18n/en.json';
import type programme from '../../modules/programme/i18n/en.json';
import type shelters from '../../modules/shelters/i18n/en.json';
import type statistics from '../../modules/statistics/i18n/en.json';
import type supportPlans from '../../modules/support-plans/i18n/en.json';
import type tasks from '../../modules/tasks/i18n/en.json';
import type training from '../../modules/training/i18n/en.json';
import type transfers from '../../modules/transfers/i18n/en.json';

// English is the reference catalogue: a key missing from it is a type error. One namespace per catalogue
// (app/i18n/catalogues.ts says where each is found).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      passwords: typeof passwords;
      accessLog: typeof accessLog;
      administration: typeof administration;
      assessments: typeof assessments;
      auth: typeof auth;
      caseHistory: typeof caseHistory;
      caseReassignment: typeof caseReassignment;
      caseSummary: typeof caseSummary;
      cases: typeof cases;
      children: typeof children;
      consents: typeof consents;
      dataProtection: typeof dataProtection;
      identification: typeof identification;
      legalStatus: typeof legalStatus;
      myWork: typeof myWork;
      notes: typeof notes;
      documents: typeof documents;
      notifications: typeof notifications;
      partnerInbox: typeof partnerInbox;
      referrals: typeof referrals;
      reintegration: typeof reintegration;
      serviceRecords: typeof serviceRecords;
      programme: typeof programme;
      shelters: typeof shelters;
      statistics: typeof statistics;
      supportPlans: typeof supportPlans;
      tasks: typeof tasks;
      training: typeof training;
      transfers: typeof transfers;
    };
  }
}
