export { ConfirmDialog } from './ConfirmDialog';
export { Field, type FieldControlProps } from './Field';
export { LanguageToggle } from './LanguageToggle';
export { Modal } from './Modal';
export { ToastProvider, useToast } from './toast';
export { AuditTrail } from './AuditTrail';
