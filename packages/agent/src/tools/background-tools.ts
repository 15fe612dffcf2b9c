/**
 * Background commands started by bash (run_in_background): each runs as its own session and
 * process group, with output in /tmp/codeyard-bg/<id>.log, its leader's pid in <id>.pid and its
 * exit status in <id>.exit. Ids and commands reach the scripts only through environment
 * variables, never spliced into shell text.
 */
import { z } from "zod";
import { defineTool } from "./tool-types.js";

export const BACKGROUND_DIR = "/tmp/codeyard-bg";

export const startBackgroundScript = `
set -e
d=${BACKGROUND_DIR}
mkdir -p "$d"
export CODEYARD_BG_EXIT="$d/$CODEYARD_BG_ID.exit"
setsid bash -c 'c=$CODEYARD_BG_CMD; f=$CODEYARD_BG_EXIT; unset CODEYARD_BG_CMD CODEYARD_BG_EXIT CODEYARD_BG_ID; bash -c "$c"; echo $? > "$f"' > "$d/$CODEYARD_BG_ID.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$d/$CODEYARD_BG_ID.pid"
# The sandbox kills this script's process group when it exits: wait until the child has moved to
# its own session, or it could be killed before it got there.
for i in $(seq 1 250); do
  sid=$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')
  if [ -z "$sid" ] || [ "$sid" = "$pid" ]; then break; fi
  sleep 0.02
done
echo "$pid"
`;

const outputScript = `
d=${BACKGROUND_DIR}; id=$CODEYARD_BG_ID
if [ ! -f "$d/$id.pid" ]; then echo unknown; exit 0; fi
pid=$(cat "$d/$id.pid")
if kill -0 -- "-$pid" 2>/dev/null; then echo running
elif [ -f "$d/$id.exit" ]; then echo "exited $(cat "$d/$id.exit")"
else echo stopped; fi
stat -c %s "$d/$id.log" 2>/dev/null || echo 0
tail -c "+$((CODEYARD_BG_OFFSET + 1))" "$d/$id.log" 2>/dev/null | head -c "$CODEYARD_BG_MAX"
`;

const killScript = `
d=${BACKGROUND_DIR}; id=$CODEYARD_BG_ID
if [ ! -f "$d/$id.pid" ]; then echo unknown; exit 0; fi
pid=$(cat "$d/$id.pid")
if ! kill -0 -- "-$pid" 2>/dev/null; then echo not-running; exit 0; fi
kill -TERM -- "-$pid" 2>/dev/null
for i in $(seq 1 30); do kill -0 -- "-$pid" 2>/dev/null || { echo stopped; exit 0; }; sleep 0.1; done
kill -KILL -- "-$pid" 2>/dev/null; echo killed
`;

const BackgroundId = z.string().regex(/^bg-[a-f0-9]{8}$/, "a background id as returned by bash, like bg-1a2b3c4d");

export const bashOutputTool = defineTool({
  name: "bash_output",
  description: "Check a background command started with bash run_in_background: whether it still runs (or its exit code), and the output it printed since the last check.",
  inputSchema: z.object({ id: BackgroundId.describe("The id bash returned, e.g. bg-1a2b3c4d") }),
  async execute({ id }, { sandbox, signal, limits, backgroundOffsets }) {
    const offset = backgroundOffsets.get(id) ?? 0;
    const max = Math.max(1000, limits.maxOutputChars - 500);
    const result = await sandbox.exec({ shell: outputScript, env: { CODEYARD_BG_ID: id, CODEYARD_BG_OFFSET: String(offset), CODEYARD_BG_MAX: String(max) }, timeoutMs: 15_000, signal });
    const [status = "unknown", sizeText = "0", ...rest] = result.stdout.split("\n");
    if (status === "unknown") return { output: `There is no background command ${id} in this sandbox.`, isError: true };
    const output = rest.join("\n");
    const read = Buffer.byteLength(output);
    backgroundOffsets.set(id, offset + read);
    const size = Number(sizeText) || 0;
    const state = status === "running" ? "still running" : status.startsWith("exited") ? `exited with code ${status.slice(7)}` : "stopped (killed)";
    const more = offset + read < size ? `\n[More output follows; call bash_output again.]` : "";
    return { output: `[${id}: ${state}]\n${output.length ? output : "(no new output)"}${more}`, truncated: more.length > 0 };
  },
});

export const bashKillTool = defineTool({
  name: "bash_kill",
  description: "Stop a background command started with bash run_in_background (SIGTERM to its process group, then SIGKILL after 3 s).",
  inputSchema: z.object({ id: BackgroundId }),
  async execute({ id }, { sandbox, signal }) {
    const result = await sandbox.exec({ shell: killScript, env: { CODEYARD_BG_ID: id }, timeoutMs: 15_000, signal });
    const outcome = result.stdout.trim();
    if (outcome === "unknown") return { output: `There is no background command ${id} in this sandbox.`, isError: true };
    if (outcome === "not-running") return { output: `${id} was not running any more.` };
    return { output: `${id} ${outcome === "killed" ? "did not stop on SIGTERM and was killed" : "stopped"}.` };
  },
});
