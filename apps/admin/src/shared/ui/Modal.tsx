import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * A modal dialog (native `<dialog>`: focus is trapped, Escape closes) shown while mounted.
 * `drawer` slides in from the right; `sheet` is a large centred panel. Closing it (Escape included)
 * gives the focus back to what had it before it opened.
 */
export function Modal({
  title,
  onClose,
  variant = 'modal',
  role,
  children,
  footer,
  label,
}: {
  title: ReactNode;
  onClose: () => void;
  variant?: 'modal' | 'drawer' | 'sheet';
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
  footer?: ReactNode;
  /** Accessible name when the visible title is not enough. */
  label?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    // What had the focus before (e.g. the order row that opened a drawer) gets it back on close.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected && opener !== document.body) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal--${variant}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
      onMouseDown={(e) => {
        // A press on the backdrop (the dialog box itself, outside its content) closes it.
        if (e.target === ref.current) onCloseRef.current();
      }}
    >
      <div className="modal__frame">
        <header className="modal__header">
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            aria-label={t('common.close')}
            onClick={onClose}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div className="modal__body">{children}</div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </dialog>
  );
}
