/**
 * Project images for new sandboxes: the project's Dockerfile built (or its image reused) before
 * the sandbox starts. One build per project at a time: sessions that need the same Dockerfile
 * wait for the same build, a changed Dockerfile waits for the running build to end. Every session
 * that waited on a real build logs `image-build-started` / `image-build-finished`, so its IDE
 * shows the outcome. A failed build is remembered briefly: the IDE retries a failed join on its
 * own, and a broken Dockerfile should not be built again on every retry.
 */
import {
  ProjectImageError,
  type ProjectImage,
  type SandboxLimits,
  type SandboxManager,
} from "@codeyard/sandbox";
import type { Logger } from "pino";
import type { NewEvent } from "../store.js";

const FAILED_BUILD_MEMORY_MS = 30_000;

export interface ProjectImageSource {
  id: string;
  dockerfile: string;
  limits: Partial<SandboxLimits>;
}

/** Appends events to the log of the session that waits for the image. */
export type BuildReporter = (events: NewEvent[]) => Promise<void>;

/** One build of a project's Dockerfile, shared by the sessions that wait for it. */
class SharedBuild {
  /** Set once the engine really builds (a reused image never starts a build). */
  image: string | null = null;
  startedAt = Date.now();
  private readonly startListeners = new Set<(image: string) => void>();
  readonly result: Promise<ProjectImage>;

  constructor(
    readonly dockerfile: string,
    run: (onBuildStart: (image: string) => void) => Promise<ProjectImage>,
  ) {
    this.result = run((image) => {
      this.image = image;
      this.startedAt = Date.now();
      for (const listener of this.startListeners) listener(image);
    });
  }

  /** Calls `listener` when the build starts (now, if it has); returns the unsubscribe. */
  onStart(listener: (image: string) => void): () => void {
    if (this.image) listener(this.image);
    else this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }
}

export class ProjectImageBuilds {
  private readonly builds = new Map<string, SharedBuild>();
  private readonly failures = new Map<
    string,
    { dockerfile: string; error: unknown; until: number }
  >();

  constructor(
    private readonly manager: SandboxManager,
    private readonly logger: Logger,
  ) {}

  /** The image for a new sandbox of the project: its Dockerfile's, built now if needed. */
  async imageFor(project: ProjectImageSource, report: BuildReporter): Promise<string> {
    let build = this.builds.get(project.id);
    while (build && build.dockerfile !== project.dockerfile) {
      await build.result.catch(() => undefined);
      build = this.builds.get(project.id);
    }
    build ??= this.start(project);
    return this.follow(build, report);
  }

  private start(project: ProjectImageSource): SharedBuild {
    const failed = this.failures.get(project.id);
    if (failed && failed.until <= Date.now()) this.failures.delete(project.id);
    // Build steps get the project's sandbox limits (the manager's defaults where it sets none).
    const limits = { ...this.manager.defaultConfig.limits, ...project.limits };
    const remembered =
      failed && failed.dockerfile === project.dockerfile && failed.until > Date.now()
        ? failed
        : null;
    const build = new SharedBuild(project.dockerfile, (onBuildStart) =>
      remembered
        ? Promise.reject(remembered.error)
        : this.manager.buildProjectImage({
            projectId: project.id,
            dockerfile: project.dockerfile,
            limits: { memoryBytes: limits.memoryBytes, cpus: limits.cpus },
            onBuildStart: (image) => {
              this.logger.info({ projectId: project.id, image }, "project image build started");
              onBuildStart(image);
            },
          }),
    );
    this.builds.set(project.id, build);
    build.result.then(
      (built) => {
        this.failures.delete(project.id);
        if (!built.reused)
          this.logger.info(
            { projectId: project.id, image: built.image, durationMs: Math.round(built.durationMs) },
            "project image built",
          );
      },
      (error: unknown) => {
        if (remembered) return;
        this.failures.set(project.id, {
          dockerfile: project.dockerfile,
          error,
          until: Date.now() + FAILED_BUILD_MEMORY_MS,
        });
        this.logger.warn({ projectId: project.id, err: error }, "project image not built");
      },
    );
    void build.result
      .catch(() => undefined)
      .finally(() => {
        if (this.builds.get(project.id) === build) this.builds.delete(project.id);
      });
    return build;
  }

  /** Waits for the build, telling this session when it starts and how it ended. */
  private async follow(build: SharedBuild, report: BuildReporter): Promise<string> {
    let announced = null as Promise<void> | null;
    const unsubscribe = build.onStart((image) => {
      announced = report([{ type: "image-build-started", payload: { image } }]).catch(
        (error: unknown) => this.logger.warn({ err: error }, "image-build-started not logged"),
      );
    });
    try {
      const built = await build.result;
      if (announced) {
        await announced;
        await report([
          {
            type: "image-build-finished",
            payload: {
              image: built.image,
              ok: true,
              durationMs: Date.now() - build.startedAt,
              message: null,
              output: built.output,
            },
          },
        ]);
      }
      return built.image;
    } catch (error) {
      if (announced && build.image) {
        await announced;
        const output = error instanceof ProjectImageError ? error.output : "";
        await report([
          {
            type: "image-build-finished",
            payload: {
              image: build.image,
              ok: false,
              durationMs: Date.now() - build.startedAt,
              message: (error as Error).message,
              output,
            },
          },
        ]).catch(() => undefined);
      }
      throw error;
    } finally {
      unsubscribe();
    }
  }
}
