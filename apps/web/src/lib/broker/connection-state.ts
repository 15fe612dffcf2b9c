/** The broker connection as the UI shows it. */
export type ConnectionState =
  | { status: "connecting" }
  | { status: "connected" }
  | { status: "reconnecting"; attempt: number; reason: string }
  | { status: "signed-out"; message: string }
  | { status: "failed"; message: string };

export interface ConnectionView {
  label: string;
  tone: "ok" | "warn" | "error";
  /** A sentence for the banner; null while all is well. */
  banner: string | null;
}

export function describeConnection(state: ConnectionState): ConnectionView {
  switch (state.status) {
    case "connecting":
      return { label: "Connecting…", tone: "warn", banner: null };
    case "connected":
      return { label: "Connected", tone: "ok", banner: null };
    case "reconnecting":
      return {
        label: "Reconnecting…",
        tone: "warn",
        banner: `Connection to the broker lost (${state.reason}). Reconnecting${state.attempt > 1 ? ` — attempt ${state.attempt}` : ""}… Your unsaved edits are kept in this browser.`,
      };
    case "signed-out":
      return {
        label: "Signed out",
        tone: "error",
        banner: `${state.message} Sign in again to continue; unsaved edits are kept in this browser.`,
      };
    case "failed":
      return { label: "Disconnected", tone: "error", banner: state.message };
  }
}
