"use client";
/** Push notifications: turn them on for this device, and see or remove every subscribed device. */
import type { PushDevice } from "@codeyard/protocol";
import { useEffect, useState } from "react";
import { describeError } from "@/lib/broker/request-error";
import { timeAgo } from "@/lib/projects/format";
import { currentPushEndpoint, enablePush, pushSupported } from "@/lib/tasks/push-subscription";
import { useOnConnect, usePhoneClient } from "./phone-client";

type ThisDevice = "unsupported" | "off" | "on" | "blocked";

export function PushDevices() {
  const client = usePhoneClient();
  const [devices, setDevices] = useState<PushDevice[] | null>(null);
  const [thisDevice, setThisDevice] = useState<ThisDevice | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = () => {
    client.request("push-list", {}).then(
      (reply) => setDevices(reply.devices),
      (error: unknown) => setProblem(describeError(error, "Loading your devices").message),
    );
  };
  useOnConnect(load);
  useEffect(() => {
    if (!pushSupported()) return setThisDevice("unsupported");
    if (Notification.permission === "denied") return setThisDevice("blocked");
    void currentPushEndpoint().then((endpoint) => setThisDevice(endpoint ? "on" : "off"));
  }, [devices]);

  const enable = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await enablePush(client);
      load();
    } catch (error) {
      setProblem(error instanceof Error && error.name === "PushSetupError" ? error.message : describeError(error, "Turning on notifications").message);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (device: PushDevice) => {
    setProblem(null);
    try {
      await client.request("push-remove", { deviceId: device.id });
      setDevices((list) => list?.filter((entry) => entry.id !== device.id) ?? null);
    } catch (error) {
      setProblem(describeError(error, "Removing the device").message);
    }
  };

  const now = new Date();
  return (
    <div className="flex flex-col gap-4 p-4">
      <section aria-label="This device" className="rounded-lg border border-border bg-surface p-4">
        <h2 className="font-medium">This device</h2>
        <p className="mt-1 text-sm text-muted">
          {thisDevice === "unsupported"
            ? "This browser cannot receive push notifications. The notification list in the app still shows everything; on iPhone, add Codeyard to the home screen first."
            : thisDevice === "blocked"
              ? "Notifications are blocked for this site. Allow them in the browser's site settings to get pushes here."
              : thisDevice === "on"
                ? "Push notifications are on: you are told when a task finishes, fails or needs your answer."
                : "Get a push notification when a task finishes, fails or needs your answer."}
        </p>
        {(thisDevice === "off" || thisDevice === "on") && (
          <button type="button" disabled={busy} onClick={() => void enable()} className="mt-3 rounded-lg bg-sky-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
            {busy ? "Turning on…" : thisDevice === "on" ? "Subscribe again" : "Turn on notifications"}
          </button>
        )}
      </section>
      {problem && <p role="alert" className="text-sm text-danger">{problem}</p>}
      <section aria-label="Subscribed devices">
        <h2 className="mb-2 text-sm font-medium">Devices that get pushes</h2>
        {devices?.length === 0 && <p className="text-sm text-muted">None yet.</p>}
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
          {devices?.map((device) => (
            <li key={device.id} className="flex items-center gap-3 px-4 py-3">
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate text-sm font-medium">{device.deviceLabel ?? "Unnamed device"}</span>
                <span className="truncate text-xs text-muted">
                  via {device.service} · added {timeAgo(new Date(device.createdAt), now)}
                </span>
              </span>
              <button type="button" onClick={() => void remove(device)} aria-label={`Remove ${device.deviceLabel ?? "device"}`} className="rounded-md border border-border px-3 py-1.5 text-sm active:bg-canvas">
                Remove
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
