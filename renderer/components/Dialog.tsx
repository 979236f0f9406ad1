import { useEffect, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';

/**
 * A modal on the native <dialog>: focus stays inside, Esc closes, the page behind is inert.
 */
export const Dialog = ({ open, title, onClose, children, wide = false, testId }: { open: boolean; title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) => {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-label={title}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog__header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <X size={16} />
        </button>
      </header>
      <div className="dialog__body">{open ? children : null}</div>
    </dialog>
  );
};

/**
 * A question before something that cannot be undone (or should be read first): the body, Cancel,
 * and the action. The action closes the dialog and then runs.
 */
export const ConfirmDialog = ({
  open,
  title,
  onClose,
  onConfirm,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  icon,
  children,
  testId,
  confirmTestId,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  onConfirm: () => void;
  confirmLabel: string;
  cancelLabel: string;
  tone?: 'danger' | 'primary';
  icon?: ReactNode;
  children: ReactNode;
  testId?: string;
  confirmTestId?: string;
}) => (
  <Dialog open={open} title={title} onClose={onClose} testId={testId}>
    {children}
    <div className="row dialog__actions">
      <button type="button" className="button" onClick={onClose}>
        {cancelLabel}
      </button>
      <button
        type="button"
        className={`button button--${tone}`}
        onClick={() => {
          onClose();
          onConfirm();
        }}
        data-testid={confirmTestId}
      >
        {icon} {confirmLabel}
      </button>
    </div>
  </Dialog>
);
