// What other modules may use of this one; everything else is private to it (eslint.config.js).
export { sharedDocumentUrl } from './api/documents-api';
export { AttachDocumentButton } from './components/attach-document-button';
