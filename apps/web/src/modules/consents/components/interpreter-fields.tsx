import { Checkbox, Select, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOptions } from '../../cases';
import type { ConsentFormValues } from '../utils/consent-form';

/**
 * Whether consent was given through an interpreter and, if so, the language (picked from the list, named in
 * the reader's language) and the interpreter's name, which the API seals under the case key.
 */
export function InterpreterFields({ form }: { form: UseFormReturnType<ConsentFormValues> }) {
  const { t, i18n } = useTranslation(['consents', 'common']);
  const language = i18n.language;
  const languages = useMemo(() => languageOptions(language), [language]);
  return (
    <Stack gap="sm">
      <Checkbox label={t('interpreterUsed')} {...form.getInputProps('interpreterUsed', { type: 'checkbox' })} />
      {form.values.interpreterUsed && (
        <>
          <Select
            label={t('interpreterLanguage')}
            placeholder={t('common:app.choose')}
            data={languages}
            searchable
            required
            allowDeselect={false}
            nothingFoundMessage={t('noLanguage')}
            maxDropdownHeight={280}
            {...form.getInputProps('interpreterLanguage')}
          />
          <TextInput
            label={t('interpreterName')}
            description={t('interpreterNameHint')}
            autoComplete="off"
            {...form.getInputProps('interpreterName')}
          />
        </>
      )}
    </Stack>
  );
}
