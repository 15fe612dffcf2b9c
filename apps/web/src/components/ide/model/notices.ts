/** Toasts (errors with their next step, short confirmations) and confirmation dialogs. */
import { describeError, type ReadableError } from "@/lib/broker/request-error";
import { createStore } from "@/lib/ide/store";

export interface Notice {
  id: number;
  tone: "info" | "error";
  title: string;
  message?: string;
  hint?: string;
  action?: { label: string; run: () => void };
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  resolve: (confirmed: boolean) => void;
}

const INFO_MS = 3_000;
const ERROR_MS = 12_000;
const ACTION_MS = 10_000;

export class Notices {
  readonly list = createStore<Notice[]>([]);
  readonly confirmation = createStore<ConfirmRequest | null>(null);
  private nextId = 1;

  /** A confirmation; with an `action` (a link onward) it stays long enough to be used. */
  info(title: string, message?: string, action?: Notice["action"]): void {
    this.push({ tone: "info", title, message, action }, action ? ACTION_MS : INFO_MS);
  }

  /** Shows `error` as "<action> failed: …" with its next step; `retry` adds a button. */
  error(error: unknown, action: string, retry?: () => void): ReadableError {
    const readable = describeError(error, action);
    this.push(
      {
        tone: "error",
        title: readable.title,
        message: readable.message,
        hint: readable.hint,
        action: retry && { label: "Try again", run: retry },
      },
      ERROR_MS,
    );
    return readable;
  }

  problem(title: string, message: string): void {
    this.push({ tone: "error", title, message }, ERROR_MS);
  }

  dismiss(id: number): void {
    this.list.set((list) => list.filter((notice) => notice.id !== id));
  }

  private push(notice: Omit<Notice, "id">, ttlMs: number): void {
    const id = this.nextId++;
    this.list.set((list) => [...list.slice(-4), { ...notice, id }]);
    setTimeout(() => this.dismiss(id), ttlMs);
  }

  confirm(request: Omit<ConfirmRequest, "resolve">): Promise<boolean> {
    this.confirmation.get()?.resolve(false);
    return new Promise((resolve) =>
      this.confirmation.set({
        ...request,
        resolve: (confirmed) => {
          this.confirmation.set(null);
          resolve(confirmed);
        },
      }),
    );
  }
}
