/**
 * Project images on Docker: the project's Dockerfile, checked and pinned to the sandbox image
 * (project-dockerfile.ts), built by the engine's classic builder from a context holding only that
 * Dockerfile, never pulling anything. An image whose tag (the hash of the prepared Dockerfile)
 * already exists is reused; after a build, the project's older tags are removed unless in use.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import type { ProjectImage, ProjectImageRequest, SandboxProjectImages } from "../driver.js";
import { ProjectImageError } from "../errors.js";
import { BuildOutput, type BuildMessage } from "../project-images/build-output.js";
import {
  prepareProjectDockerfile,
  projectImageHash,
  projectRepository,
} from "../project-images/project-dockerfile.js";
import { engineError, statusOf } from "./engine-errors.js";
import { SANDBOX_NETWORKS } from "./networks.js";

export const PROJECT_IMAGE_LABEL = {
  project: "dev.codeyard.project",
  recipe: "dev.codeyard.recipe",
} as const;

const DEFAULT_BUILD_TIMEOUT_MS = 20 * 60_000;
/** A progress message longer than this (the engine splits output into small ones) means a broken stream. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const FIX_HINT =
  "Fix the project's Dockerfile in its settings; the next sandbox start builds it again.";

export class DockerProjectImages implements SandboxProjectImages {
  constructor(
    private readonly docker: Docker,
    /** Makes sure the sandbox networks exist (build steps run on the `full` one). */
    private readonly ensureNetworks: () => Promise<void>,
  ) {}

  async build(request: ProjectImageRequest): Promise<ProjectImage> {
    const started = performance.now();
    const repository = projectRepository(request.projectId);
    const base = await this.inspect(request.baseImage);
    if (!base) {
      throw new ProjectImageError(
        "image_missing",
        `The sandbox image ${request.baseImage} is missing, so the project image cannot be built on it. Build it with \`npm run up\`.`,
        "",
      );
    }
    const prepared = prepareProjectDockerfile(request.dockerfile, {
      id: base.Id,
      refs: [request.baseImage, ...(base.RepoTags ?? [])],
    });
    const hash = projectImageHash(prepared);
    const image = `${repository}:${hash}`;
    if (await this.inspect(image))
      return { image, reused: true, output: "", durationMs: performance.now() - started };

    request.onBuildStart?.(image);
    const output = await this.run(prepared, image, hash, request);
    await this.removeOtherTags(repository, image);
    return { image, reused: false, output: output.tail(), durationMs: performance.now() - started };
  }

  private async run(
    prepared: string,
    image: string,
    hash: string,
    request: ProjectImageRequest,
  ): Promise<BuildOutput> {
    const output = new BuildOutput(request.onLog);
    const timeoutMs = request.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    const context = await mkdtemp(join(tmpdir(), "codeyard-project-image-"));
    const { memoryBytes, cpus } = request.limits ?? {};
    try {
      await writeFile(join(context, "Dockerfile"), prepared);
      await this.ensureNetworks();
      const stream = await this.docker.buildImage(
        { context, src: ["Dockerfile"] },
        {
          t: image,
          version: "1",
          pull: false,
          rm: true,
          forcerm: true,
          networkmode: SANDBOX_NETWORKS.full,
          labels: {
            [PROJECT_IMAGE_LABEL.project]: request.projectId,
            [PROJECT_IMAGE_LABEL.recipe]: hash,
          },
          ...(memoryBytes ? { memory: memoryBytes, memswap: memoryBytes } : {}),
          ...(cpus ? { cpuperiod: 100_000, cpuquota: Math.round(cpus * 100_000) } : {}),
          abortSignal: abort.signal,
        },
      );
      await readProgress(stream, output);
    } catch (error) {
      output.end();
      if (abort.signal.aborted) {
        throw new ProjectImageError(
          "timeout",
          `The project image did not build within ${Math.round(timeoutMs / 60_000)} minutes (stopped at ${output.step ?? "the start"}). Make the Dockerfile's steps faster, or move slow installs into the setup script.`,
          output.tail(),
        );
      }
      if (error instanceof ProjectImageError) throw error;
      const mapped = engineError(error, "build the project image");
      throw new ProjectImageError(mapped.code, mapped.message, output.tail(), { cause: error });
    } finally {
      clearTimeout(timer);
      await rm(context, { recursive: true, force: true });
    }
    output.end();
    if (output.error)
      throw new ProjectImageError("build_failed", failureMessage(output), output.tail());
    return output;
  }

  private async inspect(ref: string): Promise<Docker.ImageInspectInfo | null> {
    try {
      return await this.docker.getImage(ref).inspect();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      const mapped = engineError(error, `inspect image ${ref}`);
      throw new ProjectImageError(mapped.code, mapped.message, "", { cause: error });
    }
  }

  /** Earlier builds of the project; an image a container still uses stays (the engine refuses). */
  private async removeOtherTags(repository: string, keep: string): Promise<void> {
    const images = await this.docker
      .listImages({ filters: { reference: [repository] } })
      .catch(() => []);
    const stale = images
      .flatMap((image) => image.RepoTags ?? [])
      .filter((tag) => tag.startsWith(`${repository}:`) && tag !== keep);
    for (const tag of stale)
      await this.docker
        .getImage(tag)
        .remove()
        .catch(() => undefined);
  }
}

/**
 * "…failed to build at step 3/7 : RUN make: <engine error>. <hint>" on the first line (what a
 * banner shows), then the step's last output lines.
 */
function failureMessage(output: BuildOutput): string {
  const step = output.step ? ` at ${output.step.replace(/^Step /, "step ")}` : "";
  const lines = output.stepTail();
  return `The project image failed to build${step}: ${output.error?.replace(/\.$/, "")}. ${FIX_HINT}${lines ? `\nLast output:\n${lines}` : ""}`;
}

/** Feeds the engine's JSON progress lines into `output` until the build ends. */
async function readProgress(stream: NodeJS.ReadableStream, output: BuildOutput): Promise<void> {
  let pending = "";
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) output.push(parseMessage(line));
    }
    if (pending.length > MAX_MESSAGE_BYTES)
      throw new ProjectImageError(
        "build_failed",
        "The Docker engine sent a malformed build progress stream.",
        output.tail(),
      );
  }
  if (pending.trim()) output.push(parseMessage(pending.trim()));
}

function parseMessage(line: string): BuildMessage {
  try {
    return JSON.parse(line) as BuildMessage;
  } catch {
    return { stream: `${line}\n` };
  }
}
