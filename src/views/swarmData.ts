/**
 * The explorer's data source (no `vscode` import, so the CLI and the benchmark can use it): one list request per
 * resource kind, results cached per kind until invalidated and shared by every view. Requests for the same kind
 * that overlap share one HTTP request; an invalidation while a request is in flight keeps its result out of the
 * cache.
 */
import type Dockerode from 'dockerode';
import { RESOURCE_KINDS, ResourceKind, SwarmSnapshot } from '../model/raw';

export interface ListOptions {
  /** Also list local-scope networks (bridge, host, none). */
  includeLocalNetworks: boolean;
}

/** The one request for a kind. Services come with `status=true` (API 1.41+: running/desired counts). */
export async function listKind(docker: Dockerode, kind: ResourceKind, opts: ListOptions): Promise<unknown[]> {
  switch (kind) {
    case 'services':
      return docker.listServices({ status: true } as Dockerode.ServiceListOptions);
    case 'tasks':
      return docker.listTasks();
    case 'nodes':
      return docker.listNodes();
    case 'networks':
      return docker.listNetworks(opts.includeLocalNetworks ? {} : { filters: { scope: ['swarm'] } });
    case 'secrets':
      return docker.listSecrets();
    case 'configs':
      return docker.listConfigs();
  }
}

/** Fetches the given kinds in parallel, one request each: the whole of one refresh. */
export async function fetchSnapshot(docker: Dockerode, kinds: Iterable<ResourceKind>, opts: ListOptions): Promise<SwarmSnapshot> {
  const list = [...new Set(kinds)];
  const results = await Promise.all(list.map((k) => listKind(docker, k, opts)));
  const snapshot: Record<string, unknown[]> = {};
  list.forEach((k, i) => (snapshot[k] = results[i]));
  return snapshot as SwarmSnapshot;
}

interface Entry {
  promise: Promise<unknown[]>;
  value?: unknown[];
}

/** Per-kind cache over a client getter. */
export class SwarmDataCache {
  private readonly entries = new Map<ResourceKind, Entry>();
  /** Number of list requests made, for tests and the benchmark. */
  requests = 0;

  constructor(
    private readonly docker: () => Promise<Dockerode>,
    private readonly options: () => ListOptions,
  ) {}

  /** Forgets the given kinds (all when omitted); the next get() lists them again. */
  invalidate(kinds: Iterable<ResourceKind> = RESOURCE_KINDS): void {
    for (const k of kinds) this.entries.delete(k);
  }

  has(kind: ResourceKind): boolean {
    return this.entries.get(kind)?.value !== undefined;
  }

  /** The cached lists for `kinds`, listing the missing ones (one request per kind). Rejects with the first failure. */
  async get(kinds: Iterable<ResourceKind>): Promise<SwarmSnapshot> {
    const wanted = [...new Set(kinds)];
    const pending = wanted.map((k) => this.entry(k).promise);
    const values = await Promise.all(pending);
    const snapshot: Record<string, unknown[]> = {};
    wanted.forEach((k, i) => (snapshot[k] = values[i]));
    return snapshot as SwarmSnapshot;
  }

  private entry(kind: ResourceKind): Entry {
    const existing = this.entries.get(kind);
    if (existing) return existing;
    const entry: Entry = {
      promise: (async () => {
        const docker = await this.docker();
        this.requests++;
        return listKind(docker, kind, this.options());
      })(),
    };
    entry.promise.then(
      (value) => {
        if (this.entries.get(kind) === entry) entry.value = value;
      },
      () => {
        // A failed list is not cached: the next get() tries again.
        if (this.entries.get(kind) === entry) this.entries.delete(kind);
      },
    );
    this.entries.set(kind, entry);
    return entry;
  }
}
