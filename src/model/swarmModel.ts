/**
 * Pure mapping from one snapshot of Engine API list responses to the explorer's models: services with their
 * replica counts and tasks (current and history), nodes with their roles and states, and networks, secrets and
 * configs with the services that use them. No I/O; `now` is passed in so ages are testable.
 */
import { ageText, formatPorts, imageWithoutDigest } from './format';
import { Labels, RawNode, RawSecretOrConfig, RawService, RawTask, RawNetwork, SwarmSnapshot } from './raw';

export const STACK_LABEL = 'com.docker.stack.namespace';

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';
/** healthy: all desired tasks run; partial: some; down: none; updating: an update or rollback is in progress; idle: 0 desired. */
export type ServiceHealth = 'healthy' | 'partial' | 'down' | 'updating' | 'idle';

export interface TaskModel {
  id: string;
  serviceId: string;
  serviceName: string;
  /** `name.slot` for replicated services, `name.hostname` for global ones (the CLI shows the node ID). */
  name: string;
  slot?: number;
  nodeId?: string;
  nodeHostname?: string;
  state: string;
  desiredState: string;
  message: string;
  /** The engine's error text (`Status.Err`), e.g. "task: non-zero exit (1)" or "no suitable node …". */
  error?: string;
  timestamp?: string;
  /** "5 minutes ago", from the status timestamp. */
  age: string;
  /** Desired to run (not shut down): the set one sees first; the rest is history. */
  current: boolean;
  containerId?: string;
  exitCode?: number;
  ports: string[];
}

export interface ServiceModel {
  id: string;
  name: string;
  stack?: string;
  mode: ServiceMode;
  running: number;
  desired: number;
  /** Completed tasks, for jobs. */
  completed: number;
  image: string;
  imageFull: string;
  ports: string[];
  health: ServiceHealth;
  updateState?: string;
  updateMessage?: string;
  labels: Labels;
  createdAt?: string;
  updatedAt?: string;
  tasks: TaskModel[];
  history: TaskModel[];
}

export type NodeRole = 'manager' | 'worker';

export interface NodeModel {
  id: string;
  hostname: string;
  role: NodeRole;
  leader: boolean;
  availability: string;
  state: string;
  stateMessage?: string;
  /** Managers only: reachable / unreachable / unknown. */
  reachability?: string;
  engineVersion?: string;
  addr?: string;
  platform?: string;
  labels: Labels;
  /** Current tasks placed on this node. */
  tasks: TaskModel[];
}

export interface ServiceRef {
  id: string;
  name: string;
  /** The file a secret or config is mounted as, or the aliases on a network. */
  target?: string;
}

export interface NetworkModel {
  id: string;
  name: string;
  driver: string;
  scope: string;
  attachable: boolean;
  ingress: boolean;
  internal: boolean;
  subnets: string[];
  labels: Labels;
  createdAt?: string;
  services: ServiceRef[];
}

export interface SecretOrConfigModel {
  kind: 'secret' | 'config';
  id: string;
  name: string;
  createdAt?: string;
  updatedAt?: string;
  created: string;
  updated: string;
  labels: Labels;
  driver?: string;
  services: ServiceRef[];
}

const NOT_CURRENT = new Set(['shutdown', 'remove', 'orphaned']);
const UPDATING = new Set(['updating', 'rollback_started']);

export function serviceMode(s: RawService): ServiceMode {
  const m = s.Spec?.Mode ?? {};
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

export function isCurrentTask(t: RawTask): boolean {
  return !NOT_CURRENT.has(t.DesiredState ?? '');
}

function nodeIsDown(node: RawNode | undefined): boolean {
  return node?.Status?.State === 'down';
}

export interface ReplicaCount {
  running: number;
  desired: number;
  completed: number;
}

/**
 * Counts a service's tasks the way `docker service ls` does: a task counts when it is desired to run and its
 * node is not down; it is running when its state is `running`. Replicated services want Spec replicas; global
 * services want one task per eligible node (the engine's ServiceStatus when listed with status=true, else the
 * count of current tasks on live nodes). Jobs want their total completions.
 */
export function countReplicas(service: RawService, tasks: readonly RawTask[], nodesById: ReadonlyMap<string, RawNode>): ReplicaCount {
  const mode = serviceMode(service);
  let running = 0;
  let live = 0;
  let completed = 0;
  for (const t of tasks) {
    if (t.Status?.State === 'complete') completed++;
    if (!isCurrentTask(t)) continue;
    if (t.NodeID && nodeIsDown(nodesById.get(t.NodeID))) continue;
    live++;
    if (t.Status?.State === 'running') running++;
  }
  const status = service.ServiceStatus ?? undefined;
  let desired: number;
  switch (mode) {
    case 'replicated':
      desired = service.Spec?.Mode?.Replicated?.Replicas ?? status?.DesiredTasks ?? 0;
      break;
    case 'global':
    case 'global-job':
      desired = status?.DesiredTasks ?? live;
      break;
    case 'replicated-job':
      desired = service.Spec?.Mode?.ReplicatedJob?.TotalCompletions ?? status?.DesiredTasks ?? 0;
      break;
  }
  if (status?.CompletedTasks !== undefined) completed = status.CompletedTasks;
  return { running, desired, completed };
}

export function serviceHealth(count: ReplicaCount, mode: ServiceMode, updateState?: string): ServiceHealth {
  if (updateState && UPDATING.has(updateState)) return 'updating';
  if (mode === 'replicated-job' || mode === 'global-job') {
    if (count.desired === 0) return 'idle';
    if (count.completed >= count.desired) return 'healthy';
    return count.running > 0 || count.completed > 0 ? 'partial' : 'down';
  }
  if (count.desired === 0) return 'idle';
  if (count.running >= count.desired) return 'healthy';
  return count.running === 0 ? 'down' : 'partial';
}

function taskModel(t: RawTask, serviceName: string, mode: ServiceMode, nodesById: ReadonlyMap<string, RawNode>, now: number): TaskModel {
  const node = t.NodeID ? nodesById.get(t.NodeID) : undefined;
  const hostname = node?.Description?.Hostname || undefined;
  const perNode = mode === 'global' || mode === 'global-job';
  const suffix = perNode ? (hostname ?? (t.NodeID ?? '').slice(0, 12)) : String(t.Slot ?? '');
  const state = t.Status?.State ?? 'unknown';
  return {
    id: t.ID ?? '',
    serviceId: t.ServiceID ?? '',
    serviceName,
    name: suffix ? `${serviceName}.${suffix}` : serviceName,
    slot: t.Slot,
    nodeId: t.NodeID || undefined,
    nodeHostname: hostname,
    state,
    desiredState: t.DesiredState ?? 'unknown',
    message: t.Status?.Message ?? '',
    error: t.Status?.Err || undefined,
    timestamp: t.Status?.Timestamp,
    age: ageText(t.Status?.Timestamp ?? t.UpdatedAt, now),
    current: isCurrentTask(t),
    containerId: t.Status?.ContainerStatus?.ContainerID || undefined,
    exitCode: t.Status?.ContainerStatus?.ExitCode,
    ports: formatPorts(t.Status?.PortStatus?.Ports),
  };
}

function byTimestampDesc(a: TaskModel, b: TaskModel): number {
  return (Date.parse(b.timestamp ?? '') || 0) - (Date.parse(a.timestamp ?? '') || 0);
}

function byPlacement(a: TaskModel, b: TaskModel): number {
  if (a.slot !== undefined && b.slot !== undefined && a.slot !== b.slot) return a.slot - b.slot;
  const n = a.name.localeCompare(b.name);
  return n !== 0 ? n : byTimestampDesc(a, b);
}

/** Current tasks first (by slot or node), history (shut down, failed, complete) newest first. */
export function splitTaskHistory(tasks: readonly TaskModel[]): { current: TaskModel[]; history: TaskModel[] } {
  return {
    current: tasks.filter((t) => t.current).sort(byPlacement),
    history: tasks.filter((t) => !t.current).sort(byTimestampDesc),
  };
}

function indexBy<T>(items: readonly T[] | undefined, key: (item: T) => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) {
    const k = key(item);
    if (k) map.set(k, item);
  }
  return map;
}

function groupTasksByService(tasks: readonly RawTask[] | undefined): Map<string, RawTask[]> {
  const map = new Map<string, RawTask[]>();
  for (const t of tasks ?? []) {
    const id = t.ServiceID ?? '';
    const list = map.get(id);
    if (list) list.push(t);
    else map.set(id, [t]);
  }
  return map;
}

export function buildServices(snapshot: SwarmSnapshot, now: number): ServiceModel[] {
  const nodesById = indexBy(snapshot.nodes, (n) => n.ID);
  const tasksByService = groupTasksByService(snapshot.tasks);
  const out: ServiceModel[] = [];
  for (const s of snapshot.services ?? []) {
    const id = s.ID ?? '';
    const name = s.Spec?.Name ?? id;
    const mode = serviceMode(s);
    const rawTasks = tasksByService.get(id) ?? [];
    const count = countReplicas(s, rawTasks, nodesById);
    const updateState = s.UpdateStatus?.State || undefined;
    const imageFull = s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
    const labels = s.Spec?.Labels ?? {};
    const split = splitTaskHistory(rawTasks.map((t) => taskModel(t, name, mode, nodesById, now)));
    out.push({
      id,
      name,
      stack: labels[STACK_LABEL] || undefined,
      mode,
      running: count.running,
      desired: count.desired,
      completed: count.completed,
      image: imageWithoutDigest(imageFull),
      imageFull,
      ports: formatPorts(s.Endpoint?.Ports ?? s.Spec?.EndpointSpec?.Ports),
      health: serviceHealth(count, mode, updateState),
      updateState,
      updateMessage: s.UpdateStatus?.Message || undefined,
      labels,
      createdAt: s.CreatedAt,
      updatedAt: s.UpdatedAt,
      tasks: split.current,
      history: split.history,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface StackGroup {
  /** undefined for services outside any stack. */
  stack?: string;
  services: ServiceModel[];
}

/** Stacks in name order, then the services that belong to no stack (if any). */
export function groupByStack(services: readonly ServiceModel[]): StackGroup[] {
  const stacks = new Map<string, ServiceModel[]>();
  const loose: ServiceModel[] = [];
  for (const s of services) {
    if (!s.stack) {
      loose.push(s);
      continue;
    }
    const list = stacks.get(s.stack);
    if (list) list.push(s);
    else stacks.set(s.stack, [s]);
  }
  const groups: StackGroup[] = [...stacks.keys()].sort().map((stack) => ({ stack, services: stacks.get(stack) ?? [] }));
  if (loose.length > 0) groups.push({ services: loose });
  return groups;
}

export function buildNodes(snapshot: SwarmSnapshot, now: number): NodeModel[] {
  const nodesById = indexBy(snapshot.nodes, (n) => n.ID);
  const servicesById = indexBy(snapshot.services, (s) => s.ID);
  const tasksByNode = new Map<string, TaskModel[]>();
  for (const t of snapshot.tasks ?? []) {
    if (!t.NodeID || !isCurrentTask(t)) continue;
    const service = t.ServiceID ? servicesById.get(t.ServiceID) : undefined;
    const serviceName = service?.Spec?.Name ?? (t.ServiceID ?? '').slice(0, 12);
    const mode = service ? serviceMode(service) : 'replicated';
    const list = tasksByNode.get(t.NodeID) ?? [];
    list.push(taskModel(t, serviceName, mode, nodesById, now));
    tasksByNode.set(t.NodeID, list);
  }
  return (snapshot.nodes ?? [])
    .map((n): NodeModel => {
      const id = n.ID ?? '';
      const role: NodeRole = n.Spec?.Role === 'manager' ? 'manager' : 'worker';
      const managerAddr = n.ManagerStatus?.Addr;
      return {
        id,
        hostname: n.Description?.Hostname || n.Spec?.Name || id.slice(0, 12),
        role,
        leader: n.ManagerStatus?.Leader === true,
        availability: n.Spec?.Availability ?? 'unknown',
        state: n.Status?.State ?? 'unknown',
        stateMessage: n.Status?.Message || undefined,
        reachability: role === 'manager' ? (n.ManagerStatus?.Reachability ?? 'unknown') : undefined,
        engineVersion: n.Description?.Engine?.EngineVersion || undefined,
        addr: managerAddr ? managerAddr.replace(/:\d+$/, '') : n.Status?.Addr || undefined,
        platform: n.Description?.Platform ? `${n.Description.Platform.OS ?? ''}/${n.Description.Platform.Architecture ?? ''}` : undefined,
        labels: n.Spec?.Labels ?? {},
        tasks: (tasksByNode.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      };
    })
    .sort((a, b) => (a.role !== b.role ? (a.role === 'manager' ? -1 : 1) : a.hostname.localeCompare(b.hostname)));
}

function serviceRef(s: RawService, target?: string): ServiceRef {
  return { id: s.ID ?? '', name: s.Spec?.Name ?? s.ID ?? '', target };
}

function byName(a: ServiceRef, b: ServiceRef): number {
  return a.name.localeCompare(b.name) || (a.target ?? '').localeCompare(b.target ?? '');
}

/** Services attached to each network, by network ID: from the spec's targets (ID or name) and the endpoint's VIPs. */
export function servicesByNetwork(services: readonly RawService[], networks: readonly RawNetwork[]): Map<string, ServiceRef[]> {
  const idByName = new Map<string, string>();
  for (const n of networks) if (n.Name && n.Id) idByName.set(n.Name, n.Id);
  const out = new Map<string, ServiceRef[]>();
  for (const s of services) {
    const ids = new Map<string, string | undefined>();
    for (const att of [...(s.Spec?.TaskTemplate?.Networks ?? []), ...(s.Spec?.Networks ?? [])]) {
      const target = att.Target ?? '';
      const id = idByName.get(target) ?? target;
      if (id) ids.set(id, att.Aliases && att.Aliases.length > 0 ? att.Aliases.join(', ') : undefined);
    }
    for (const vip of s.Endpoint?.VirtualIPs ?? []) if (vip.NetworkID && !ids.has(vip.NetworkID)) ids.set(vip.NetworkID, undefined);
    for (const [id, aliases] of ids) {
      const list = out.get(id) ?? [];
      list.push(serviceRef(s, aliases));
      out.set(id, list);
    }
  }
  for (const list of out.values()) list.sort(byName);
  return out;
}

export function buildNetworks(snapshot: SwarmSnapshot, opts: { includeLocal: boolean }): NetworkModel[] {
  const networks = (snapshot.networks ?? []).filter((n) => opts.includeLocal || n.Scope === 'swarm');
  const attached = servicesByNetwork(snapshot.services ?? [], snapshot.networks ?? []);
  return networks
    .map((n): NetworkModel => ({
      id: n.Id ?? '',
      name: n.Name ?? n.Id ?? '',
      driver: n.Driver ?? 'unknown',
      scope: n.Scope ?? 'unknown',
      attachable: n.Attachable === true,
      ingress: n.Ingress === true,
      internal: n.Internal === true,
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter((s) => s !== ''),
      labels: n.Labels ?? {},
      createdAt: n.Created,
      services: attached.get(n.Id ?? '') ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Services using each secret (or config), by its ID, with the file each one mounts it as. */
export function servicesByReference(services: readonly RawService[], kind: 'secret' | 'config'): Map<string, ServiceRef[]> {
  const out = new Map<string, ServiceRef[]>();
  for (const s of services) {
    const spec = s.Spec?.TaskTemplate?.ContainerSpec;
    const refs =
      kind === 'secret'
        ? (spec?.Secrets ?? []).map((r) => ({ id: r.SecretID, name: r.SecretName, file: r.File?.Name, runtime: false }))
        : (spec?.Configs ?? []).map((r) => ({ id: r.ConfigID, name: r.ConfigName, file: r.File?.Name, runtime: r.Runtime !== undefined }));
    for (const r of refs) {
      const key = r.id ?? r.name;
      if (!key) continue;
      const list = out.get(key) ?? [];
      list.push(serviceRef(s, r.file ?? (r.runtime ? '(runtime)' : undefined)));
      out.set(key, list);
    }
  }
  for (const list of out.values()) list.sort(byName);
  return out;
}

export function buildSecretsOrConfigs(
  items: readonly RawSecretOrConfig[] | undefined,
  services: readonly RawService[] | undefined,
  kind: 'secret' | 'config',
  now: number,
): SecretOrConfigModel[] {
  const used = servicesByReference(services ?? [], kind);
  return (items ?? [])
    .map((c): SecretOrConfigModel => {
      const id = c.ID ?? '';
      const name = c.Spec?.Name ?? id;
      return {
        kind,
        id,
        name,
        createdAt: c.CreatedAt,
        updatedAt: c.UpdatedAt,
        created: ageText(c.CreatedAt, now),
        updated: ageText(c.UpdatedAt, now),
        labels: c.Spec?.Labels ?? {},
        driver: c.Spec?.Driver?.Name || undefined,
        services: used.get(id) ?? used.get(name) ?? [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
