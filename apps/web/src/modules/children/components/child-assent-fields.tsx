import { CHILD_ASSENTS, type ChildAssent } from '@haven/contracts';
import { Checkbox, Fieldset, Group, Loader, Radio, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/** What a form's `getInputProps` gives an input (value, onChange, error…). */
type InputProps = ReturnType<UseFormReturnType<Record<string, unknown>>['getInputProps']>;

interface ChildAssentFieldsProps {
  assent: InputProps;
  explainedForAge: InputProps;
}

/**
 * The child's assent beside the guardian's consent, for the consent form of a child case. Its texts are this
 * module's (fetched on demand), so the fields wait for them without holding up the rest of the form.
 */
export function ChildAssentFields(props: ChildAssentFieldsProps) {
  return (
    <Suspense fallback={<Loader size="sm" />}>
      <Fields {...props} />
    </Suspense>
  );
}

function Fields({ assent, explainedForAge }: ChildAssentFieldsProps) {
  const { t } = useTranslation('children');
  return (
    <Fieldset legend={t('assent.title')} variant="unstyled">
      <Text size="sm" c="dimmed" mb="xs">
        {t('assent.hint')}
      </Text>
      <Radio.Group label={t('assent.assent')} required {...assent}>
        <Group gap="lg" mt="xs">
          {CHILD_ASSENTS.map((value) => (
            <Radio key={value} value={value} label={t(`assent.values.${value}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox mt="sm" label={t('assent.explainedForAge')} {...explainedForAge} />
    </Fieldset>
  );
}

/** A consent's child assent, as a line under it (nothing for an adult's consent). */
export function ChildAssentNote({ assent }: { assent: ChildAssent | null }) {
  if (!assent) return null;
  return (
    <Suspense fallback={null}>
      <Note assent={assent} />
    </Suspense>
  );
}

function Note({ assent }: { assent: ChildAssent }) {
  const { t } = useTranslation('children');
  return (
    <Text size="xs" c={assent === 'refused' ? 'red.9' : 'dimmed'}>
      {t('assent.shown', { assent: t(`assent.values.${assent}`) })}
    </Text>
  );
}
