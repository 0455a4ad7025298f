import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { LoginFailureEntity } from '../auth/login-failure.entity.js';
import { UserSessionEntity } from '../auth/user-session.entity.js';
import { CaseChangeEntity } from '../../modules/cases/case-change.entity.js';
import { CaseKeyEntity } from '../../modules/cases/case-key.entity.js';
import { CaseEntity } from '../../modules/cases/case.entity.js';
import { SurvivorIdentityEntity } from '../../modules/cases/survivor-identity.entity.js';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity.js';
import { UserEntity } from '../../modules/users/user.entity.js';

/** Every entity, for the data source (the app and the migration CLI). */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  UserSessionEntity,
  LoginFailureEntity,
  CaseEntity,
  CaseKeyEntity,
  CaseChangeEntity,
  SurvivorIdentityEntity,
  AuditEventEntity,
];
