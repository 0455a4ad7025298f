import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { LoginFailureEntity } from '../auth/login-failure.entity.js';
import { PendingSignInEntity, RecoveryCodeEntity, UserTwoFactorEntity } from '../auth/two-factor.entities.js';
import { UserSessionEntity } from '../auth/user-session.entity.js';
import { CaseChangeEntity } from '../../modules/cases/case-change.entity.js';
import { CaseKeyEntity } from '../../modules/cases/case-key.entity.js';
import { CaseEntity } from '../../modules/cases/case.entity.js';
import { SurvivorIdentityEntity } from '../../modules/cases/survivor-identity.entity.js';
import { SupportPlanGoalEntity } from '../../modules/support-plans/support-plan-goal.entity.js';
import { SupportPlanEntity } from '../../modules/support-plans/support-plan.entity.js';
import { NotificationEntity } from '../../modules/notifications/notification.entity.js';
import { ProtectionReviewEntity } from '../../modules/protection/protection-review.entity.js';
import { ReferralEntity } from '../../modules/referrals/referral.entity.js';
import { TransferEntity } from '../../modules/transfers/transfer.entity.js';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity.js';
import { UserEntity } from '../../modules/users/user.entity.js';
import { AssessmentEntity } from '../../modules/assessments/assessment.entity.js';
import { ConsentEntity } from '../../modules/consents/consent.entity.js';
import { NoteEntity } from '../../modules/notes/note.entity.js';
import { ServiceRecordEntity } from '../../modules/service-records/service-record.entity.js';
import { TaskEntity } from '../../modules/tasks/task.entity.js';
import { ShelterEntity } from '../../modules/shelters/shelter.entity.js';
import { PlacementEntity } from '../../modules/shelters/placement.entity.js';
import { TrainingProgrammeEntity } from '../../modules/training/training-programme.entity.js';
import { EnrolmentEntity } from '../../modules/training/enrolment.entity.js';
import { ReintegrationGoalEntity } from '../../modules/reintegration/reintegration-goal.entity.js';
import { FollowUpVisitEntity } from '../../modules/reintegration/follow-up-visit.entity.js';
import { CaseErasureEntity } from '../../modules/data-protection/case-erasure.entity.js';
import { CaseErasureRequestEntity } from '../../modules/data-protection/case-erasure-request.entity.js';
import { RetentionRunEntity } from '../../modules/data-protection/retention-run.entity.js';
import { STATISTICS_ENTITIES } from '../../modules/statistics/statistics-row.entities.js';

/** Every entity, for the data source (the app and the migration CLI). */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  UserSessionEntity,
  LoginFailureEntity,
  UserTwoFactorEntity,
  RecoveryCodeEntity,
  PendingSignInEntity,
  CaseEntity,
  CaseKeyEntity,
  CaseChangeEntity,
  SurvivorIdentityEntity,
  AuditEventEntity,
  SupportPlanEntity,
  ReferralEntity,
  TransferEntity,
  NotificationEntity,
  ProtectionReviewEntity,
  SupportPlanGoalEntity,
  ConsentEntity,
  AssessmentEntity,
  ServiceRecordEntity,
  NoteEntity,
  TaskEntity,
  ShelterEntity,
  PlacementEntity,
  TrainingProgrammeEntity,
  EnrolmentEntity,
  ReintegrationGoalEntity,
  FollowUpVisitEntity,
  CaseErasureEntity,
  CaseErasureRequestEntity,
  RetentionRunEntity,
];

// The anonymised statistics projection (schema `stats`).
(ENTITIES as unknown[]).push(...STATISTICS_ENTITIES);
