import { reassignCasesRequestSchema, type CaseListItem, type ReassignCasesResponse } from '@haven/contracts';
import { Button, Group, List, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { useLiveForm } from '../../../app/forms/use-live-form';
import { useCaseworkers } from '../../users';
import { useReassignCases } from '../hooks/use-reassign-cases';

/** What the list says once cases have changed hands. */
export interface ReassignmentOutcome {
  assigneeName: string;
  result: ReassignCasesResponse;
}

interface ReassignCasesDialogProps {
  cases: CaseListItem[];
  opened: boolean;
  onClose: () => void;
  onDone: (outcome: ReassignmentOutcome) => void;
}

/**
 * A supervisor hands the chosen cases to one colleague: the dialog names every case it moves and the
 * colleague before anything is sent, and the API moves all of them or none (each audited on its case).
 */
export function ReassignCasesDialog({ cases, opened, onClose, onDone }: ReassignCasesDialogProps) {
  const { t } = useTranslation(['caseReassignment', 'cases', 'common']);
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('title', { count: cases.length })} size="md">
      <ReassignForm cases={cases} onCancel={onClose} onDone={onDone} />
    </FormDialog>
  );
}

type ReassignValues = { assigneeId: string | null };

function ReassignForm({
  cases,
  onCancel,
  onDone,
}: {
  cases: CaseListItem[];
  onCancel: () => void;
  onDone: (outcome: ReassignmentOutcome) => void;
}) {
  const { t } = useTranslation(['caseReassignment', 'cases', 'common']);
  const { t: tc } = useTranslation();
  const reassign = useReassignCases();
  const caseworkers = useCaseworkers(true);
  const caseIds = cases.map((item) => item.id);
  const check = (values: ReassignValues) =>
    validateWithSchema(reassignCasesRequestSchema, { caseIds, assigneeId: values.assigneeId ?? undefined }, tc, {
      choiceFields: ['assigneeId'],
    });
  const form = useLiveForm<ReassignValues>({ assigneeId: null }, (values) => {
    const result = check(values);
    return result.ok ? {} : result.errors;
  });
  const options = (caseworkers.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  const chosen = options.find((option) => option.value === form.values.assigneeId);

  const submit = form.onSubmit((values) => {
    const result = check(values);
    if (!result.ok) return;
    reassign.mutate(result.data, {
      onSuccess: (answer) => onDone({ assigneeName: chosen?.label ?? '', result: answer }),
      onError: (error) => form.setErrors(serverFieldErrors(error, tc)),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={reassign.error} fields={['assigneeId']} />
        <Text size="sm">{t('explain', { count: cases.length })}</Text>
        <List size="sm" spacing={2} aria-label={t('chosenCases')}>
          {cases.map((item) => (
            <List.Item key={item.id}>
              <span className="reference">{item.reference}</span>
              {item.assignee && ` · ${item.assignee.displayName}`}
            </List.Item>
          ))}
        </List>
        {caseworkers.isError && (
          <Text size="sm" c="red.9">
            {t('cases:actions.caseworkersError')}
          </Text>
        )}
        <Select
          label={t('to')}
          placeholder={caseworkers.isPending ? t('common:app.loading') : t('common:app.choose')}
          data={options}
          searchable
          required
          allowDeselect={false}
          nothingFoundMessage={t('cases:actions.noCaseworker')}
          data-autofocus
          {...form.getInputProps('assigneeId')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common:app.cancel')}
          </Button>
          <Button type="submit" loading={reassign.isPending}>
            {chosen
              ? t('confirmTo', { count: cases.length, name: chosen.label })
              : t('confirm', { count: cases.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
