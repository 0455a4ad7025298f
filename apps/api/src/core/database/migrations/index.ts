import { Foundation1764288000000 } from './1764288000000-foundation.js';
import { CaseManagement1764300000000 } from './1764300000000-case-management.js';

/** Every migration, in order. Listed explicitly: ESM has no reliable glob loading. */
export const MIGRATIONS = [Foundation1764288000000, CaseManagement1764300000000];
