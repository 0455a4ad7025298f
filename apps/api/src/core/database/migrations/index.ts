import { Foundation1764288000000 } from './1764288000000-foundation.js';
import { CaseManagement1764300000000 } from './1764300000000-case-management.js';
import { Referrals1764310000000 } from './1764310000000-referrals.js';
import { SheltersTrainingReintegration1764320000000 } from './1764320000000-shelters-training-reintegration.js';
import { Statistics1764340000000 } from './1764340000000-statistics.js';
import { TwoFactor1764400000000 } from './1764400000000-two-factor.js';
import { AccessLog1764410000000 } from './1764410000000-access-log.js';
import { DataProtection1764420000000 } from './1764420000000-data-protection.js';
import { RowLevelSecurity1764430000000 } from './1764430000000-row-level-security.js';
import { PerformanceIndexes1764440000000 } from './1764440000000-performance-indexes.js';
import { StatisticsProjectionWrites1764451000000 } from './1764451000000-statistics-projection-writes.js';
import { StatisticsSummaries1764452000000 } from './1764452000000-statistics-summaries.js';
import { InboxPageIndex1764453000000 } from './1764453000000-inbox-page-index.js';
import { ReferralPoliciesScopeOnce1764453000100 } from './1764453000100-referral-policies-scope-once.js';
import { CaseloadIndex1764459000000 } from './1764459000000-caseload-index.js';
import { SessionChangeNotifications1764459500000 } from './1764459500000-session-change-notifications.js';
import { CaseRowsCheckedOneByOne1764459800000 } from './1764459800000-case-rows-checked-one-by-one.js';
import { AuditChainedAtCommit1764460000000 } from './1764460000000-audit-chained-at-commit.js';
import { PlacementOrganisation1764460100000 } from './1764460100000-placement-organisation.js';
import { ReturnSafety1764470000000 } from './1764470000000-return-safety.js';
import { ErasureRequests1764473000000 } from './1764473000000-erasure-requests.js';
import { DuplicateChecks1764473100000 } from './1764473100000-duplicate-checks.js';
import { Administration1764474000000 } from './1764474000000-administration.js';
import { StatisticsReleases1764475000000 } from './1764475000000-statistics-releases.js';
import { MyWorkMarker1764483000000 } from './1764483000000-my-work-marker.js';
import { StatisticsRevisedOnce1764476000000 } from './1764476000000-statistics-revised-once.js';
import { SortedListIndexes1764481000000 } from './1764481000000-sorted-list-indexes.js';
import { ShelterRoomsBeds1764484000000 } from './1764484000000-shelter-rooms-beds.js';
import { ConsentInterpreter1764484100000 } from './1764484100000-consent-interpreter.js';
import { TransferConsent1764485000000 } from './1764485000000-transfer-consent.js';
import { CaseNameIndex1764482000000 } from './1764482000000-case-name-index.js';
import { StatisticsReleaseNotifications1764480000000 } from './1764480000000-statistics-release-notifications.js';
import { InboxLineBasics1764485100000 } from './1764485100000-inbox-line-basics.js';
import { CaseDocuments1764487000000 } from './1764487000000-case-documents.js';
import { StatisticsOpenData1764499000000 } from './1764499000000-statistics-open-data.js';
import { IdentificationLegalStatus1764497000000 } from './1764497000000-identification-legal-status.js';
import { Children1764496000000 } from './1764496000000-children.js';
import { ListSortIndexes1764495000000 } from './1764495000000-list-sort-indexes.js';
import { ProgrammeRegisters1764498000000 } from './1764498000000-programme-registers.js';
import { ConsentAllowsSharing1764499100000 } from './1764499100000-consent-allows-sharing.js';
import { StatusDecisionsCarriedOver1764499200000 } from './1764499200000-status-decisions-carried-over.js';
import { IncomingTransferPageIndex1764499400000 } from './1764499400000-incoming-transfer-page-index.js';
import { NotificationPageIndex1764499400001 } from './1764499400001-notification-page-index.js';
import { ShelterListIndexes1764499400002 } from './1764499400002-shelter-list-indexes.js';
import { ProgrammeListIndexes1764499400003 } from './1764499400003-programme-list-indexes.js';
import { TrainingAttendanceAndFollowUps1764499500000 } from './1764499500000-training-attendance-and-follow-ups.js';

/**
 * Every migration, in the order they run. Listed by hand (ESM has no reliable glob loading); a new
 * migration is a new file and one line at the end. Migrations never import one another: each
 * keeps the schema it was written against, whatever later code or migrations do.
 */
export const MIGRATIONS = [
  Foundation1764288000000,
  CaseManagement1764300000000,
  Referrals1764310000000,
  SheltersTrainingReintegration1764320000000,
  // Anonymised statistics: the projection, its change queue and the privacy-budget ledger.
  Statistics1764340000000,
  // Two-factor sign-in: sealed TOTP secrets, hashed recovery codes, pending sign-ins.
  TwoFactor1764400000000,
  // Audit for people: reason codes on audit events, the actor of a notification.
  AccessLog1764410000000,
  // Retention and erasure: retention settings, the anonymisation mark, erasure tombstones and retention runs.
  DataProtection1764420000000,
  // Row-level security on the case tables, by organisation (the application role is set up in ../application-role.ts).
  RowLevelSecurity1764430000000,
  // Indexes for lists at a million cases (docs/benchmarks.md).
  PerformanceIndexes1764440000000,
  // Cheaper writes to the statistics projection: no foreign keys between its tables, placements indexed by case.
  StatisticsProjectionWrites1764451000000,
  // Statistics at a million cases: new cases pre-aggregated, and a version of the projection for the counts cache.
  StatisticsSummaries1764452000000,
  // The partner inbox, paged: an index for its page and its count under row-level security.
  InboxPageIndex1764453000000,
  // The referral policies read the scope once per statement (the inbox count checks them on every referral).
  ReferralPoliciesScopeOnce1764453000100,
  // A caseworker's list and its count from the index alone under row-level security.
  CaseloadIndex1764459000000,
  // Session changes announced to every API process, which keeps active sessions in memory.
  SessionChangeNotifications1764459500000,
  // The case tables' own-organisation policies check each row's case with one key probe.
  CaseRowsCheckedOneByOne1764459800000,
  // Audit events join the chain as their transaction commits: the chain's lock is no longer held across round trips.
  AuditChainedAtCommit1764460000000,
  // Placements carry their case's organisation (set by a trigger): their policy is a comparison, not a probe per row.
  PlacementOrganisation1764460100000,
  // Return safety at every step: pending returns held for a protection concern, and the facts the return gate reads.
  ReturnSafety1764470000000,
  // Erasure along a transfer chain: other organisations' copies get a request their supervisors confirm.
  ErasureRequests1764473000000,
  // Duplicate checks counted per user, for a limit per hour.
  DuplicateChecks1764473100000,
  // Putting Haven into service: organisations of every kind with their directory entry and settings, invited staff and one-time links.
  Administration1764474000000,
  // Statistics are published as stored releases, computed at fixed times from one snapshot of the projection.
  StatisticsReleases1764475000000,
  // A published statistics period is revised at most once.
  StatisticsRevisedOnce1764476000000,
  // Every sort a case list allows is read in an index's order, for an organisation and for one assignee.
  SortedListIndexes1764481000000,
  // My work: the time up to which each member of staff has looked at the answers to her referrals.
  MyWorkMarker1764483000000,
  // Shelters have rooms and beds; a placement takes one free bed that fits the survivor.
  ShelterRoomsBeds1764484000000,
  // Consent through an interpreter: the language interpreted, and the interpreter's name sealed.
  ConsentInterpreter1764484100000,
  // Consent to a transfer is its own purpose, naming the receiving organisation.
  TransferConsent1764485000000,
  // Search by name: a blind index of keyed hashes of the names' sound keys and the birth year, per organisation.
  CaseNameIndex1764482000000,
  // Every change to the set of statistics releases is announced, so each process keeps the release in force in memory.
  StatisticsReleaseNotifications1764480000000,
  // A partner's inbox line shows, while the referral is open and shares the basic profile, her sex and age band.
  InboxLineBasics1764485100000,
  // Documents and photos on a case, sealed in chunks under the case key, under the case's row-level security.
  CaseDocuments1764487000000,
  // Identification (indicator screenings, status decisions) and legal status (migration status, reflection period, permit).
  IdentificationLegalStatus1764497000000,
  // Children: guardians, age assessments, the child's views, best-interests records, the child's assent beside consents.
  Children1764496000000,
  // Each statistics release stores its k-anonymous record-level open-data export and what was generalised and suppressed.
  StatisticsOpenData1764499000000,
  // Every list paged by cursor reads its page in an index's order: notes, a supervisor's system events, the staff list.
  ListSortIndexes1764495000000,
  // The programme's registers of work that is not a case: campaigns, institutions and capacity building, diaspora projects.
  ProgrammeRegisters1764498000000,
  // One definition of a consent that allows sharing: on a child case, only one with the child's assent recorded.
  ConsentAllowsSharing1764499100000,
  // A transfer carries the trafficking-status decisions over (without their reasons), so the received case's status has its decisions.
  StatusDecisionsCarriedOver1764499200000,
  // The transfers proposed to an organisation are paged by cursor, in the order of an index on (receiver, proposed, id).
  IncomingTransferPageIndex1764499400000,
  // A user's notifications are paged by cursor, in the order of an index on (user, created, id).
  NotificationPageIndex1764499400001,
  // An organisation's shelters are paged by cursor, in the order of indexes on (organisation, name or created, id).
  ShelterListIndexes1764499400002,
  // Training programmes are paged by cursor, in the order of indexes on (owner or provider, trade or created, id).
  ProgrammeListIndexes1764499400003,
  // Training attendance is a dated record per session, and the outcome after training a series of dated follow-ups.
  TrainingAttendanceAndFollowUps1764499500000,
];
