import type { CaseListItem } from '@haven/contracts';
import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReassignCasesDialog, type ReassignmentOutcome } from './reassign-cases-dialog';

/** The cases ticked on the page shown, for the table to draw its checkboxes. */
export interface CaseSelection {
  isSelected: (caseId: string) => boolean;
  toggle: (caseId: string) => void;
  allSelected: boolean;
  someSelected: boolean;
  toggleAll: () => void;
  selectAllLabel: string;
  selectLabel: (reference: string) => string;
}

interface BulkReassignmentProps {
  /** The rows of the page shown: a selection never reaches past them. */
  items: CaseListItem[];
  children: (selection: CaseSelection) => ReactNode;
}

/**
 * Reassigning several cases at once, for supervisors: a checkbox per row (and one for the page), a bar
 * saying how many are chosen with the action, the confirming dialog and what happened. Its texts are
 * fetched with it, so the case list of those who cannot reassign carries none of this.
 */
export function BulkReassignment({ items, children }: BulkReassignmentProps) {
  const { t } = useTranslation(['caseReassignment', 'common']);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<ReassignmentOutcome | null>(null);
  const chosen = items.filter((item) => ticked.has(item.id));
  const allSelected = items.length > 0 && chosen.length === items.length;

  const toggle = (caseId: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(caseId)) next.delete(caseId);
      else next.add(caseId);
      return next;
    });
  const selection: CaseSelection = {
    isSelected: (caseId) => ticked.has(caseId),
    toggle,
    allSelected,
    someSelected: chosen.length > 0 && !allSelected,
    toggleAll: () => setTicked(allSelected ? new Set() : new Set(items.map((item) => item.id))),
    selectAllLabel: t('selectAll'),
    selectLabel: (reference) => t('select', { reference }),
  };

  return (
    <>
      {outcome && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common:app.close')}
          onClose={() => setOutcome(null)}
        >
          <Text size="sm" c="gray.9">
            {t('done', { count: outcome.result.reassigned.length, name: outcome.assigneeName })}
            {outcome.result.unchanged > 0 &&
              ` ${t('unchanged', { count: outcome.result.unchanged, name: outcome.assigneeName })}`}
          </Text>
          {outcome.result.reassigned.length > 0 && (
            <Text size="sm" c="gray.9" className="reference">
              {outcome.result.reassigned.map((moved) => moved.reference).join(', ')}
            </Text>
          )}
        </Alert>
      )}
      {chosen.length > 0 && (
        <Paper withBorder p="xs" role="region" aria-label={t('barLabel')}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" aria-live="polite">
              {t('chosen', { count: chosen.length })}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="subtle" onClick={() => setTicked(new Set())}>
                {t('clear')}
              </Button>
              <Button size="xs" onClick={() => setConfirming(true)}>
                {t('reassignChosen', { count: chosen.length })}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {children(selection)}
      <ReassignCasesDialog
        cases={chosen}
        opened={confirming}
        onClose={() => setConfirming(false)}
        onDone={(done) => {
          setConfirming(false);
          setTicked(new Set());
          setOutcome(done);
        }}
      />
    </>
  );
}
