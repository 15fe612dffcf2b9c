/**
 * A project's Dockerfile, made safe to build offline on top of the sandbox image: every FROM must
 * name the sandbox image (or an earlier stage) and is pinned to the base image's id, nothing can
 * be pulled, and the image always ends as the sandbox expects it (user `coder` in /workspace,
 * started by the sandbox daemon). Pure text work; the Docker side is in docker-project-images.ts.
 */
import { createHash } from "node:crypto";
import { ProjectImageError } from "../errors.js";

/** Bump when the rewrite below changes in a way that must rebuild every project image. */
const PROJECT_IMAGE_RECIPE = 1;
export const MAX_DOCKERFILE_BYTES = 64 * 1024;
export const PROJECT_REPOSITORY_PREFIX = "codeyard/project-";

/** What every project image ends with, whatever its Dockerfile says. */
const IMAGE_TAIL = [
  "# Added by Codeyard: sandboxes run as coder in /workspace, started by the sandbox daemon.",
  "USER coder",
  "WORKDIR /workspace",
  "ENTRYPOINT []",
  'CMD ["/opt/codeyard/bin/node", "/opt/codeyard/sandboxd.cjs"]',
];

const SANDBOX_REPOSITORY = "codeyard/sandbox";
const FROM_HINT = `Start the Dockerfile with "FROM ${SANDBOX_REPOSITORY}" (builds are offline: no other base image can be pulled).`;

interface Instruction {
  keyword: string;
  args: string;
  /** First and last line (0-based) of the instruction, continuation lines included. */
  firstLine: number;
  lastLine: number;
}

function invalid(message: string): ProjectImageError {
  return new ProjectImageError(
    "invalid_request",
    `The project's Dockerfile is not usable: ${message}`,
    "",
  );
}

/** The escape character from a leading `# escape=` parser directive (default backslash). */
function escapeCharacter(lines: string[]): string {
  for (const line of lines) {
    const directive = /^#\s*([a-zA-Z][\w-]*)\s*=\s*(\S*)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1]!.toLowerCase() !== "escape") continue;
    if (directive[2] !== "\\" && directive[2] !== "`")
      throw invalid(`the escape directive must be \\ or \`, not "${directive[2]}".`);
    return directive[2];
  }
  return "\\";
}

/** The Dockerfile's instructions with their line ranges (comments and blank lines skipped). */
export function parseInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const instructions: Instruction[] = [];
  let current: { parts: string[]; firstLine: number } | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    const blankOrComment = line.trim() === "" || line.trimStart().startsWith("#");
    if (blankOrComment) return; // also inside a continuation, as Docker does
    const continues = line.endsWith(escape);
    const part = continues ? line.slice(0, -1) : line;
    current ??= { parts: [], firstLine: index };
    current.parts.push(part);
    if (continues) return;
    const joined = current.parts.join("").trim();
    const space = joined.search(/\s/);
    instructions.push({
      keyword: (space === -1 ? joined : joined.slice(0, space)).toUpperCase(),
      args: space === -1 ? "" : joined.slice(space).trim(),
      firstLine: current.firstLine,
      lastLine: index,
    });
    current = null;
  });
  if (current) throw invalid(`it ends in the middle of an instruction (a trailing ${escape}).`);
  return instructions;
}

/** `codeyard/sandbox` and `codeyard/sandbox:latest` name the same image. */
function canonicalRef(ref: string): string {
  return ref.includes(":") ? ref : `${ref}:latest`;
}

export interface ProjectDockerfileBase {
  /** Image id (`sha256:…`) every sandbox FROM is pinned to. */
  id: string;
  /** Names that denote the base: `codeyard/sandbox[:latest]`, the tag it was given, its other tags. */
  refs: string[];
}

interface Stage {
  ref: string;
  name: string | null;
}

function parseFrom(args: string, stageNumber: number): Stage {
  const words = args.split(/\s+/).filter(Boolean);
  if (words[0]?.startsWith("--"))
    throw invalid(
      `FROM options like ${words[0].split("=")[0]} are not supported (stage ${stageNumber}).`,
    );
  const [ref, as, name, ...rest] = words;
  if (!ref) throw invalid(`FROM names no image (stage ${stageNumber}).`);
  if (ref.includes("$"))
    throw invalid(`FROM must name the image literally, without variables ("${ref}"). ${FROM_HINT}`);
  if (as !== undefined && (as.toUpperCase() !== "AS" || !name || rest.length > 0)) {
    throw invalid(`"FROM ${args}" is malformed; write "FROM image" or "FROM image AS name".`);
  }
  return { ref, name: name?.toLowerCase() ?? null };
}

/**
 * Checks the Dockerfile and rewrites it for the build: each FROM pinned to `base.id` (or left on
 * an earlier stage), `COPY --from` limited to earlier stages, and the Codeyard tail appended.
 * Throws `invalid_request` with the reason otherwise.
 */
export function prepareProjectDockerfile(text: string, base: ProjectDockerfileBase): string {
  if (Buffer.byteLength(text) > MAX_DOCKERFILE_BYTES)
    throw new ProjectImageError(
      "too_large",
      `The project's Dockerfile is larger than ${MAX_DOCKERFILE_BYTES / 1024} KiB; move the work into a script the Dockerfile runs.`,
      "",
    );
  const instructions = parseInstructions(text);
  const baseRefs = new Set([`${SANDBOX_REPOSITORY}:latest`, ...base.refs.map(canonicalRef)]);
  const firstFrom = instructions.find((instruction) => instruction.keyword !== "ARG");
  if (!firstFrom || firstFrom.keyword !== "FROM")
    throw invalid(`it must begin with FROM. ${FROM_HINT}`);

  const lines = text.split(/\r?\n/);
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const stage = parseFrom(instruction.args, stages.length + 1);
      const isBase = baseRefs.has(canonicalRef(stage.ref));
      const isEarlierStage = stages.some(
        (earlier) => earlier.name !== null && earlier.name === stage.ref.toLowerCase(),
      );
      if (!isBase && !isEarlierStage) {
        const which = stages.length === 0 ? "Its first FROM" : `Stage ${stages.length + 1}'s FROM`;
        throw invalid(
          `${which} names "${stage.ref}", but project images are built on the Codeyard sandbox image${stages.length ? " or an earlier stage" : ""}. ${FROM_HINT}`,
        );
      }
      stages.push(stage);
      if (isBase) {
        lines[instruction.firstLine] = `FROM ${base.id}${stage.name ? ` AS ${stage.name}` : ""}`;
        for (let line = instruction.firstLine + 1; line <= instruction.lastLine; line++)
          lines[line] = "";
      }
    } else if (instruction.keyword === "COPY") {
      const from = /--from=(\S+)/i.exec(instruction.args)?.[1]?.toLowerCase();
      const earlier = stages.slice(0, -1);
      if (
        from !== undefined &&
        !earlier.some((stage, index) => stage.name === from || String(index) === from)
      ) {
        throw invalid(
          `"COPY --from=${from}" must name an earlier stage of this Dockerfile (no other image can be pulled).`,
        );
      }
    }
  }
  return `${lines.join("\n").trimEnd()}\n\n${IMAGE_TAIL.join("\n")}\n`;
}

/** The tag of a prepared Dockerfile: it covers the text, which pins the base image id. */
export function projectImageHash(prepared: string): string {
  return createHash("sha256")
    .update(`${PROJECT_IMAGE_RECIPE}\n${prepared}`)
    .digest("hex")
    .slice(0, 12);
}

/** Docker repository of a project's images; the project id must be a valid repository component. */
export function projectRepository(projectId: string): string {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(projectId) || projectId.length > 64) {
    throw new ProjectImageError(
      "invalid_request",
      `Project id "${projectId.slice(0, 80)}" cannot name a Docker image (lowercase letters, digits and . _ - only).`,
      "",
    );
  }
  return `${PROJECT_REPOSITORY_PREFIX}${projectId}`;
}
