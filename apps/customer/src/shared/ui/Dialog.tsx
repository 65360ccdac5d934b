import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * For this long after a dialog opens a tap on its backdrop does nothing: the second tap of a double tap
 * on the button that opened it lands there and must not close it again.
 */
export const BACKDROP_GUARD_MS = 500;
import { useI18n } from '../i18n/i18n';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** `center`: a card in the middle; `sheet`: rises from the bottom; `full`: covers the screen. */
  variant?: 'center' | 'sheet' | 'full';
  role?: 'dialog' | 'alertdialog';
  /** Hide the visible title (it still names the dialog). */
  hideTitle?: boolean;
  /** Allow closing by Escape, the backdrop and the close button. */
  dismissible?: boolean;
  className?: string;
  footer?: ReactNode;
}

/**
 * A modal built on the native `<dialog>` (focus trap, Escape, top layer and inert background for free).
 * Mount it to open it; unmount it to close it.
 */
export function Dialog({
  title,
  onClose,
  children,
  variant = 'center',
  role = 'dialog',
  hideTitle = false,
  dismissible = true,
  className,
  footer,
}: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const openedAt = useRef(0);

  useLayoutEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    openedAt.current = Date.now();
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
    return () => {
      if (d.open) d.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-modal="true"
      className={`dialog dialog--${variant}${className ? ` ${className}` : ''}`}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(e) => {
        if (!dismissible || e.target !== e.currentTarget) return;
        if (Date.now() - openedAt.current < BACKDROP_GUARD_MS) return;
        onClose();
      }}
    >
      <div className="dialog__panel">
        <header className={`dialog__header${hideTitle ? ' dialog__header--bare' : ''}`}>
          <h2 id={titleId} className={hideTitle ? 'visually-hidden' : 'dialog__title'}>
            {title}
          </h2>
          {dismissible && (
            <button
              type="button"
              className="icon-button dialog__close"
              aria-label={t.close}
              onClick={onClose}
            >
              <CloseIcon />
            </button>
          )}
        </header>
        <div className="dialog__body">{children}</div>
        {footer && <footer className="dialog__footer">{footer}</footer>}
      </div>
    </dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A yes/no question before a destructive action; the action button names what happens. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      role="alertdialog"
      className="confirm"
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" className="button button--danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p className="confirm__body">{body}</p>
    </Dialog>
  );
}

/** × glyph for close buttons. */
function CloseIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
