import {
  PROTECTION_REVIEW_DECISIONS,
  protectionReviewRequestSchema,
  type CaseDetail,
  type ProtectionReviewRequest,
} from '@haven/contracts';
import { Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { FormDialog } from '../../../app/forms/form-dialog';
import { FormProblem } from '../../../app/forms/form-problem';
import { notifySaved } from '../../../app/forms/notify';
import { serverFieldErrors, validateWithSchema } from '../../../app/forms/schema-validation';
import { focusFirstError, useLiveForm } from '../../../app/forms/use-live-form';
import { EmptyState, SectionError, SectionLoader } from '../../../app/layout/section-states';
import { useCasePermissions } from '../../cases';
import { formatDateTime } from '../../../app/text/format';
import { useProtectionReviews, useRecordProtectionReview } from '../hooks/use-transfers';

const REVIEWS_HEADING = 'protection-reviews-heading';

/** The non-refoulement safeguard's record (do-no-harm §5.9): who decided whether a return may go ahead, and why. */
export function ProtectionReviewsSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('transfers');
  const permissions = useCasePermissions(detail);
  const reviews = useProtectionReviews(detail.id);
  const [recording, setRecording] = useState(false);
  const items = reviews.data?.items ?? [];
  const mayRecord = permissions.mayEdit && permissions.mayApprove;
  // Followed from a refused return ("Open the protection reviews"): the reviews are brought into view and
  // take the focus, even when the link was followed from a dialog on this very tab.
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (location.hash !== `#${REVIEWS_HEADING}` || !heading.current) return;
    heading.current.scrollIntoView?.({ block: 'start' });
    heading.current.focus();
  }, [location.hash, location.key]);

  return (
    <Stack gap="md" component="section" aria-labelledby={REVIEWS_HEADING}>
      <Group justify="space-between" align="center">
        <Title order={2} size="h3" id={REVIEWS_HEADING} ref={heading} tabIndex={-1}>
          {t('reviews.title')}
        </Title>
        {mayRecord && (
          <Button variant="default" onClick={() => setRecording(true)}>
            {t('reviews.record')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('reviews.intro')}
      </Text>
      {reviews.isPending && <SectionLoader rows={1} />}
      {reviews.isError && <SectionError message={t('reviews.error')} onRetry={() => void reviews.refetch()} />}
      {reviews.data && items.length === 0 && <EmptyState title={t('reviews.empty')} hint={t('reviews.emptyHint')} />}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((review) => (
            <li key={review.id}>
              <Paper withBorder p="md">
                <Stack gap={6}>
                  <Group gap="sm">
                    <Badge
                      color={review.decision === 'returnBlocked' ? 'red.9' : 'teal.9'}
                      c="white"
                      variant="filled"
                      tt="none"
                    >
                      {t(`reviews.decisions.${review.decision}`)}
                    </Badge>
                    <Text size="sm" fw={600}>
                      {t('reviews.byOn', {
                        name: review.decidedBy.displayName,
                        date: formatDateTime(review.decidedAt, i18n.language),
                      })}
                    </Text>
                  </Group>
                  <Text size="sm" className="free-text">
                    {review.reason}
                  </Text>
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      <FormDialog opened={recording} onClose={() => setRecording(false)} title={t('reviews.record')}>
        <RecordReviewForm caseId={detail.id} onDone={() => setRecording(false)} />
      </FormDialog>
    </Stack>
  );
}

type ReviewValues = { decision: ProtectionReviewRequest['decision'] | null; reason: string };
const REVIEW_FIELDS = ['decision', 'reason'] as const;
const REVIEW_LAYOUT = { choiceFields: ['decision'] };

function RecordReviewForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('transfers');
  const { t: tc } = useTranslation();
  const record = useRecordProtectionReview(caseId);
  const check = (values: ReviewValues) =>
    validateWithSchema(
      protectionReviewRequestSchema,
      { decision: values.decision ?? undefined, reason: values.reason },
      tc,
      REVIEW_LAYOUT,
    );
  const form = useLiveForm<ReviewValues>({ decision: null, reason: '' }, (values) => {
    const result = check(values);
    return result.ok ? {} : result.errors;
  });

  const submit = form.onSubmit(
    (values) => {
      const result = check(values);
      if (!result.ok) return;
      record.mutate(result.data, {
        onSuccess: () => {
          notifySaved(t('reviews.recorded'));
          onDone();
        },
        onError: (error) => {
          const errors = serverFieldErrors(error, tc, REVIEW_LAYOUT);
          form.setErrors(errors);
          focusFirstError(form, errors, REVIEW_FIELDS);
        },
      });
    },
    (errors) => focusFirstError(form, errors, REVIEW_FIELDS),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblem error={record.error} fields={REVIEW_FIELDS} />
        <Radio.Group label={t('reviews.decision')} required {...form.getInputProps('decision')}>
          <Stack gap="xs" mt="xs">
            {PROTECTION_REVIEW_DECISIONS.map((decision) => (
              <Radio key={decision} value={decision} label={t(`reviews.decisions.${decision}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('reviews.reason')}
          description={t('reviews.reasonHint')}
          required
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {tc('app.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('reviews.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
