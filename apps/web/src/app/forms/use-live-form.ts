import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A form that says what is wrong while the user types (and when they leave a field), not after a failed
 * submit, and re-words the messages on screen when the language changes.
 */
export function useLiveForm<Values extends Record<string, unknown>>(
  initialValues: Values,
  check: (values: Values) => Record<string, string>,
): UseFormReturnType<Values> {
  const { i18n } = useTranslation();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validateInputOnChange: true,
    validateInputOnBlur: true,
    validate: check,
  });

  const shownLanguage = useRef(i18n.language);
  useEffect(() => {
    if (shownLanguage.current === i18n.language) return;
    shownLanguage.current = i18n.language;
    const shown = Object.keys(form.errors);
    if (shown.length === 0) return;
    const fresh = check(form.getValues());
    form.setErrors(Object.fromEntries(shown.filter((field) => fresh[field]).map((field) => [field, fresh[field]])));
  }, [i18n.language, form, check]);

  return form;
}

/** Moves focus to the first input with an error, in the order the form shows them. */
export function focusFirstError<Values>(
  form: UseFormReturnType<Values>,
  errors: Record<string, unknown>,
  order: readonly string[],
): void {
  const first = order.find((field) => errors[field]) ?? Object.keys(errors)[0];
  if (first) form.getInputNode(first)?.focus();
}
