"use client";
// A small accessible modal: role="dialog" + aria-modal, labelled by its title, focus kept inside
// (Tab wraps, focus that escapes is pulled back), Escape and backdrop clicks go through onDismiss
// (which may ask before closing), and focus returns to where it was when the modal closes.
import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: string;
  /** Escape, backdrop click and the × button call this. */
  onDismiss: () => void;
  /** Element focused on open (defaults to the first focusable one). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Element focused when the modal closes (defaults to the one focused when it opened). Use it when the
   * opener was disabled while the modal was coming up, e.g. a submit button during its action. */
  returnFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
  describedBy?: string;
  wide?: boolean;
}

export function Modal({ title, onDismiss, initialFocus, returnFocus, children, describedBy, wide }: ModalProps) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  }, [onDismiss]);

  useEffect(() => {
    const openedFrom = document.activeElement as HTMLElement | null;
    const returnTarget = returnFocus;
    const el = panel.current!;
    const focusables = () => Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.offsetParent !== null || x === document.activeElement);
    (initialFocus?.current ?? focusables()[0] ?? el).focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        dismiss.current();
        return;
      }
      if (e.key !== "Tab") return;
      const items = focusables();
      if (items.length === 0) {
        e.preventDefault();
        el.focus();
        return;
      }
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || !el.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !el.contains(document.activeElement))) {
        e.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      if (!el.contains(e.target as Node)) (focusables()[0] ?? el).focus();
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn);
      document.body.style.overflow = overflow;
      const returnTo = returnTarget?.current ?? openedFrom;
      if (returnTo && document.contains(returnTo)) returnTo.focus();
    };
    // Runs once per opening: the modal is mounted when open and unmounted when closed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return createPortal(
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/50 p-4"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) dismiss.current();
      }}
      data-testid="modal-backdrop"
    >
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`relative w-full ${wide ? "max-w-2xl" : "max-w-lg"} rounded-lg bg-white p-6 shadow-xl outline-none`}
      >
        <div className="mb-4 flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <button type="button" aria-label="Close" onClick={() => dismiss.current()} className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
