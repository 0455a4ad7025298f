import { TASK_STATUSES, type CaseDetail, type Task } from '@haven/contracts';
import {
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, todayIso } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { useCaseworkers } from '../../users';
import { taskKeys, useAddTask, useTasks, useUpdateTask } from '../hooks/use-tasks';
import {
  emptyTaskForm,
  sortTasks,
  TASK_FORM_FIELDS,
  TASK_LAYOUT,
  taskFormValues,
  validateNewTask,
  validateTaskChange,
  type TaskFormValues,
} from '../utils/task-form';
import { TaskRow } from './task-row';

/** Follow-ups on the case: who does what by when. Overdue ones also show on the assignee's "my work". */
export function TasksTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['tasks', 'common']);
  const permissions = useCasePermissions(detail);
  const tasks = useTasks(detail.id);
  const [editing, setEditing] = useState<Task | null>(null);
  const [showFinished, setShowFinished] = useState(false);
  const { open, finished } = sortTasks(tasks.data?.items ?? []);

  return (
    <Stack gap="md" maw={900}>
      <Title order={2} size="h3">
        {t('heading')}
      </Title>
      {permissions.mayEdit && <AddTaskForm detail={detail} mayChooseAssignee={permissions.mayListColleagues} />}
      {tasks.isPending && <SectionLoader />}
      {tasks.isError && <SectionError message={t('error')} onRetry={() => void tasks.refetch()} />}
      {tasks.data && open.length === 0 && (
        <EmptyState title={t('empty')} hint={permissions.mayEdit ? t('emptyHint') : undefined} />
      )}
      {open.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('openList')}>
          {open.map((task) => (
            <li key={task.id}>
              <TaskRow task={task} mayEdit={permissions.mayEdit} onEdit={() => setEditing(task)} />
            </li>
          ))}
        </Stack>
      )}
      {finished.length > 0 && (
        <Stack gap="xs">
          <UnstyledButton
            onClick={() => setShowFinished((shown) => !shown)}
            aria-expanded={showFinished}
            aria-controls="finished-tasks"
            fw={600}
            fz="sm"
            c="indigo.9"
          >
            {showFinished
              ? t('hideFinished', { count: finished.length })
              : t('showFinished', { count: finished.length })}
          </UnstyledButton>
          <Collapse expanded={showFinished} id="finished-tasks">
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {finished.map((task) => (
                <li key={task.id}>
                  <TaskRow task={task} mayEdit={permissions.mayEdit} onEdit={() => setEditing(task)} />
                </li>
              ))}
            </Stack>
          </Collapse>
        </Stack>
      )}

      <FormDialog opened={editing !== null} onClose={() => setEditing(null)} title={t('editTitle')}>
        {editing && (
          <EditTaskForm
            detail={detail}
            task={editing}
            mayChooseAssignee={permissions.mayListColleagues}
            onDone={() => setEditing(null)}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

/** Supervisors choose who a task is for; caseworkers' tasks are their own, so they see no choice. */
function AssigneeSelect({
  enabled,
  current,
  ...inputProps
}: { enabled: boolean; current?: Task['assignee'] } & Record<string, unknown>) {
  const { t } = useTranslation(['tasks', 'common']);
  const caseworkers = useCaseworkers(enabled);
  if (!enabled) return null;
  const options = (caseworkers.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  // A task held by a supervisor keeps showing its holder, who is not in the caseworker list.
  if (current && !options.some((option) => option.value === current.id))
    options.unshift({ value: current.id, label: current.displayName });
  return (
    <Select
      label={t('assignee')}
      description={t('assigneeHint')}
      placeholder={caseworkers.isPending ? t('common:app.loading') : t('me')}
      data={options}
      searchable
      clearable
      {...inputProps}
    />
  );
}

function AddTaskForm({ detail, mayChooseAssignee }: { detail: CaseDetail; mayChooseAssignee: boolean }) {
  const { t } = useTranslation(['tasks', 'common']);
  const { t: tc } = useTranslation();
  const add = useAddTask(detail.id);
  const form = useLiveForm<TaskFormValues>(emptyTaskForm, (values) => {
    // An untouched form is not wrong yet; it is checked when the user starts filling it or saves.
    if (!values.title && !values.dueOn) return {};
    const result = validateNewTask(values, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit(
    () => {
      const result = validateNewTask(form.getValues(), tc);
      if (!result.ok) {
        form.setErrors(result.errors);
        focusFirstError(form, result.errors, TASK_FORM_FIELDS);
        return;
      }
      add.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('added'));
          form.reset();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, tc, TASK_LAYOUT)),
      });
    },
    // Once the form is partly filled its own check already fails: the first wrong input still gets the focus.
    (errors) => focusFirstError(form, errors, TASK_FORM_FIELDS),
  );

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={t('add')}>
        <Stack gap="sm">
          <FormProblem error={add.error} fields={TASK_FORM_FIELDS} />
          <SimpleGrid cols={{ base: 1, sm: mayChooseAssignee ? 3 : 2 }}>
            <TextInput label={t('titleLabel')} required autoComplete="off" {...form.getInputProps('title')} />
            <TextInput type="date" label={t('dueOn')} min={todayIso()} required {...form.getInputProps('dueOn')} />
            <AssigneeSelect enabled={mayChooseAssignee} {...form.getInputProps('assigneeId')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function EditTaskForm({
  detail,
  task,
  mayChooseAssignee,
  onDone,
}: {
  detail: CaseDetail;
  task: Task;
  mayChooseAssignee: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation(['tasks', 'common']);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateTask();
  const [version, setVersion] = useState(task.version);
  const form = useLiveForm<TaskFormValues>(taskFormValues(task), (values) => {
    const result = validateTaskChange(values, version, tc);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit(
    (values) => {
      const result = validateTaskChange(values, version, tc);
      if (!result.ok) return;
      update.mutate(
        { caseId: detail.id, taskId: task.id, request: result.data },
        {
          onSuccess: () => {
            notifySaved(t('saved'));
            onDone();
          },
          onError: (error) => form.setErrors(serverFieldErrors(error, tc, TASK_LAYOUT)),
        },
      );
    },
    (errors) => focusFirstError(form, errors, TASK_FORM_FIELDS),
  );

  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: taskKeys.list(detail.id), exact: true });
    const fresh = queryClient
      .getQueryData<{ items: Task[] }>(taskKeys.list(detail.id))
      ?.items.find((item) => item.id === task.id);
    if (fresh) setVersion(fresh.version);
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={update.error} fields={TASK_FORM_FIELDS} onReload={reload} />
        <TextInput
          label={t('titleLabel')}
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('dueOn')} required {...form.getInputProps('dueOn')} />
          <Select
            label={t('status')}
            data={TASK_STATUSES.map((status) => ({ value: status, label: t(`common:enums.taskStatus.${status}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        </SimpleGrid>
        <AssigneeSelect enabled={mayChooseAssignee} current={task.assignee} {...form.getInputProps('assigneeId')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common:app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
