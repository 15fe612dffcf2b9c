/**
 * Environment snapshots on Docker: change detection from the container's overlay2 upper
 * directory, capture by `docker commit`, and compaction of deep image chains by export + import
 * (Docker refuses images past ~125 layers: "max depth exceeded").
 */
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type { EnvironmentState, SandboxEnvironments } from "../driver.js";
import { ENVIRONMENT_REPOSITORY_PREFIX } from "../checkpoints/types.js";
import { SandboxError } from "../errors.js";
import { containerName, engineError, statusOf } from "./engine-errors.js";
import { fingerprintUpperDir } from "./upper-dir-fingerprint.js";

function splitRef(ref: string): { repo: string; tag: string } {
  const colon = ref.lastIndexOf(":");
  if (colon <= 0 || ref.indexOf("/", colon) !== -1) return { repo: ref, tag: "latest" };
  return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

/** A value for a Dockerfile instruction: double-quoted, with the characters it would interpret escaped. */
function dockerfileQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, (char) => `\\${char}`).replace(/\n/g, "\\n")}"`;
}

/** Dockerfile instructions that give an imported (flattened) image the config of `config`. */
export function configChanges(config: Docker.ImageInspectInfo["Config"]): string[] {
  const changes: string[] = [];
  if (config.User) changes.push(`USER ${config.User}`);
  if (config.WorkingDir) changes.push(`WORKDIR ${config.WorkingDir}`);
  for (const entry of config.Env ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) changes.push(`ENV ${entry.slice(0, eq)}=${dockerfileQuote(entry.slice(eq + 1))}`);
  }
  for (const [key, value] of Object.entries(config.Labels ?? {})) changes.push(`LABEL ${dockerfileQuote(key)}=${dockerfileQuote(value)}`);
  for (const port of Object.keys(config.ExposedPorts ?? {})) changes.push(`EXPOSE ${port}`);
  if (config.Entrypoint) changes.push(`ENTRYPOINT ${JSON.stringify(typeof config.Entrypoint === "string" ? [config.Entrypoint] : config.Entrypoint)}`);
  if (config.Cmd?.length) changes.push(`CMD ${JSON.stringify(config.Cmd)}`);
  return changes;
}

export class DockerEnvironments implements SandboxEnvironments {
  constructor(private readonly docker: Docker) {}

  async state(id: string): Promise<EnvironmentState | null> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(containerName(id)).inspect();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw engineError(error, "inspect the sandbox");
    }
    const upperDir = (info.GraphDriver.Data as Record<string, string | undefined>).UpperDir;
    if (info.GraphDriver.Name !== "overlay2" || !upperDir) {
      throw new SandboxError("unavailable", `Environment checkpoints need Docker's overlay2 storage driver (this engine uses ${info.GraphDriver.Name}).`);
    }
    return { image: info.Config.Image, changes: await fingerprintUpperDir(upperDir, info.Image) };
  }

  async commit(id: string, ref: string, labels: Record<string, string>): Promise<void> {
    const { repo, tag } = splitRef(ref);
    const container = this.docker.getContainer(containerName(id));
    try {
      // dockerode sends `_query` as the query string and `_body` as the config (merged by the engine
      // with the container's own config: command, user, environment and labels are kept).
      await container.commit({ _query: { container: containerName(id), repo, tag, pause: true }, _body: { Labels: labels } });
    } catch (error) {
      if (statusOf(error) === 404) throw new SandboxError("not_found", `Sandbox ${id} has no container to capture the environment of; start it first.`, { cause: error });
      throw engineError(error, "commit the sandbox's environment");
    }
  }

  private async inspectImage(ref: string): Promise<Docker.ImageInspectInfo | null> {
    try {
      return await this.docker.getImage(ref).inspect();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw engineError(error, `inspect image ${ref}`);
    }
  }

  async labels(ref: string): Promise<Record<string, string> | null> {
    const image = await this.inspectImage(ref);
    return image ? (image.Config.Labels ?? {}) : null;
  }

  async compact(ref: string, maxLayers: number): Promise<boolean> {
    const image = await this.inspectImage(ref);
    if (!image) throw new SandboxError("not_found", `The environment image ${ref} does not exist (was its checkpoint deleted?).`);
    if ((image.RootFS.Layers?.length ?? 0) <= maxLayers) return false;
    const { repo, tag } = splitRef(ref);
    const temporary = await this.docker
      .createContainer({ name: `codeyard-flatten-${randomBytes(6).toString("hex")}`, Image: image.Id, Cmd: ["true"], Labels: { "dev.codeyard.flatten": ref } })
      .catch((error: unknown) => {
        throw engineError(error, `flatten image ${ref}`);
      });
    try {
      const tar = (await temporary.export()) as Readable;
      const progress = (await this.docker.importImage(tar, { repo, tag, changes: configChanges(image.Config) })) as Readable;
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(progress, (error: Error | null, output: { error?: string }[]) => {
          const failed = error?.message ?? output.find((line) => line.error)?.error;
          if (failed) reject(new SandboxError("internal", `Flattening image ${ref} failed: ${failed}`));
          else resolve();
        }),
      );
    } finally {
      await temporary.remove({ force: true }).catch(() => undefined);
    }
    // The deep image lost its tag to the flat one; drop it unless something still uses it.
    await this.docker.getImage(image.Id).remove().catch(() => undefined);
    return true;
  }

  async list(): Promise<{ ref: string; createdAt: Date }[]> {
    const images = await this.docker.listImages({ filters: { reference: [`${ENVIRONMENT_REPOSITORY_PREFIX}*`] } }).catch((error: unknown) => {
      throw engineError(error, "list environment images");
    });
    return images.flatMap((image) =>
      (image.RepoTags ?? []).filter((tag) => tag.startsWith(ENVIRONMENT_REPOSITORY_PREFIX)).map((ref) => ({ ref, createdAt: new Date(image.Created * 1000) })),
    );
  }

  async remove(ref: string): Promise<void> {
    try {
      await this.docker.getImage(ref).remove();
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return;
      if (status === 409) {
        throw new SandboxError("conflict", `The environment image ${ref} is still used by a sandbox (created from this checkpoint); remove or restore that sandbox first, or keep the environment.`, { cause: error });
      }
      throw engineError(error, `remove image ${ref}`);
    }
  }
}
