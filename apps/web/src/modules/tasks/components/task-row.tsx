import type { Task } from '@haven/contracts';
import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormProblem } from '../../../app/forms/form-problem';
import { formatDate } from '../../../app/text/format';
import { MY_WORK_KEY } from '../../my-work';
import { taskKeys, useUpdateTask } from '../hooks/use-tasks';
import { UserText } from '../../../app/text/user-text';

interface TaskRowProps {
  task: Task;
  /** On "my work" each task links to its case; on the case page it does not need to. */
  showCase?: boolean;
  /** Whether the user may tick the task off (and edit it, when `onEdit` is given). */
  mayEdit: boolean;
  onEdit?: () => void;
}

/**
 * One task, ticked off in place: the checkbox is labelled by the task itself, so a screen reader says
 * "Call the lawyer, checkbox, not checked" and the whole title is a target for the pointer.
 */
export function TaskRow({ task, showCase = false, mayEdit, onEdit }: TaskRowProps) {
  const { t, i18n } = useTranslation(['tasks', 'common']);
  const queryClient = useQueryClient();
  const update = useUpdateTask();
  const done = task.status === 'done';
  const cancelled = task.status === 'cancelled';
  const language = i18n.language;
  // The tick shows at once, while the change is saved; a refusal puts it back and says why below.
  const pendingStatus = update.isPending ? update.variables?.request.status : undefined;
  const shownDone = pendingStatus ? pendingStatus === 'done' : done;

  const toggle = () =>
    update.mutate({
      caseId: task.caseId,
      taskId: task.id,
      request: { version: task.version, status: done ? 'open' : 'done' },
    });
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: taskKeys.list(task.caseId) }),
      queryClient.invalidateQueries({ queryKey: MY_WORK_KEY }),
    ]).then(() => update.reset());

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Checkbox
            checked={shownDone}
            disabled={!mayEdit || cancelled || update.isPending}
            onChange={toggle}
            label={
              <Text size="sm" fw={500} td={shownDone || cancelled ? 'line-through' : undefined} className="free-text">
                {task.title}
              </Text>
            }
            description={
              <Group gap="xs" component="span" wrap="wrap">
                <span>{t('dueOnDate', { date: formatDate(task.dueOn, language) })}</span>
                <span>
                  · <UserText>{task.assignee.displayName}</UserText>
                </span>
                {cancelled && <span>· {t('common:enums.taskStatus.cancelled')}</span>}
              </Group>
            }
          />
          <Group gap="xs" wrap="nowrap">
            {task.overdue && task.status === 'open' && (
              <Badge color="red.9" c="white" variant="filled" tt="none">
                {t('overdue')}
              </Badge>
            )}
            {/* Almost overdue: due today, so overdue within 24 hours (libs/contracts, taskSchema). */}
            {task.almostOverdue && task.status === 'open' && (
              <Badge color="orange.9" c="white" variant="filled" tt="none">
                {t('almostOverdue')}
              </Badge>
            )}
            {showCase && (
              <Stack gap={0} align="flex-end">
                <Anchor component={Link} to={`/cases/${task.caseId}?tab=tasks`} size="sm" className="reference">
                  {task.caseReference}
                </Anchor>
                {/* The alias or given name, under the case list's rule (the API sends it only to those who may read it). */}
                {task.caseName && (
                  <Text size="xs" className="shown-name">
                    <UserText>{task.caseName}</UserText>
                  </Text>
                )}
              </Stack>
            )}
            {mayEdit && onEdit && (
              <Button size="xs" variant="subtle" onClick={onEdit} aria-label={t('editNamed', { title: task.title })}>
                {t('common:app.edit')}
              </Button>
            )}
          </Group>
        </Group>
        <FormProblem error={update.error} onReload={reload} />
      </Stack>
    </Paper>
  );
}
