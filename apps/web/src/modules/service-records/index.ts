// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { serviceKeys } from './hooks/use-service-records';
export { SERVICE_FORM_FIELDS, SERVICE_LAYOUT, emptyServiceForm, type ServiceFormValues } from './utils/service-form';
