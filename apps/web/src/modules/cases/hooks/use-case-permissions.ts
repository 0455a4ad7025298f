import type { CaseDetail } from '@haven/contracts';
import { useMemo } from 'react';
import { useAppAbility } from '../../auth';
import { caseSubject, isCaseOpen } from '../utils/case-subject';

export interface CasePermissions {
  /** The case is open and the user may change it: add records, edit, ask for closure. */
  mayEdit: boolean;
  /** The user may change the case once it is open again (reopen a closed case); never an anonymised one, whose identity and notes are gone. */
  mayReopen: boolean;
  mayAssign: boolean;
  /** Approve plans and closures (supervisors). */
  mayApprove: boolean;
  mayReadIdentity: boolean;
  /** List colleagues, e.g. to choose who a task is for. */
  mayListColleagues: boolean;
  open: boolean;
}

/** What the signed-in user may do on this case, read from the same rules the API enforces. */
export function useCasePermissions(detail: CaseDetail): CasePermissions {
  const ability = useAppAbility();
  return useMemo(() => {
    const record = caseSubject(detail);
    const open = isCaseOpen(detail);
    const mayUpdate = ability.can('update', record);
    return {
      mayEdit: open && mayUpdate,
      mayReopen: !open && detail.status === 'Closed' && !detail.anonymisation && mayUpdate,
      mayAssign: open && ability.can('assign', record),
      mayApprove: ability.can('approve', record),
      mayReadIdentity: ability.can('readIdentity', record),
      mayListColleagues: ability.can('read', 'User'),
      open,
    };
  }, [ability, detail]);
}
