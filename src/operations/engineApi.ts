/**
 * The Engine API calls the operations make, through dockerode's modem so that query and body are explicit
 * (dockerode's own wrappers put every option into both). Errors become OperationErrors carrying the engine's
 * message as is, for a short notification; the raw error stays attached for the log.
 */
import type Dockerode from 'dockerode';
import { engineMessage } from '../docker/errors';

export class OperationError extends Error {
  constructor(
    message: string,
    /** HTTP status from the engine, when it answered. */
    readonly statusCode?: number,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'OperationError';
  }
}

interface ModemError {
  statusCode?: number;
  message?: string;
  reason?: string;
}

/** The engine's message as is (`rpc error: …` prefixes included), else the transport's message. */
export function operationError(err: unknown): OperationError {
  if (err instanceof OperationError) return err;
  const e = (err ?? {}) as ModemError;
  const engine = engineMessage(err);
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const text = engine ?? raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
  return new OperationError(text || 'The Docker Engine refused the request.', e.statusCode, err);
}

export interface EngineRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

interface DialOptions {
  path: string;
  method: string;
  options: { _query: Record<string, string | number | boolean>; _body?: unknown };
  statusCodes: Record<number, boolean | string>;
  isStream?: boolean;
}

type Dial = (opts: DialOptions, cb: (err: unknown, data: unknown) => void) => void;

/** Sends one request; resolves with the decoded JSON (or undefined for an empty body). */
export function engineRequest<T>(docker: Dockerode, req: EngineRequest): Promise<T> {
  const query: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query[k] = v;
  const modem = docker.modem as unknown as { dial: Dial };
  const options: DialOptions['options'] = { _query: query };
  // Without a body docker-modem would send the options object itself as the POST body.
  if (req.body !== undefined || req.method === 'POST') options._body = req.body ?? {};
  return new Promise<T>((resolve, reject) => {
    modem.dial(
      {
        path: `${req.path}?`,
        method: req.method,
        options,
        // Every 2xx is success; anything else is an error carrying the engine's JSON message.
        statusCodes: { 200: true, 201: true, 204: true },
      },
      (err, data) => (err ? reject(operationError(err)) : resolve(data as T)),
    );
  });
}

// ---- the shapes the operations read and write ----------------------------------------------------------------

export interface Version {
  Index: number;
}

export interface FileTarget {
  Name: string;
  UID?: string;
  GID?: string;
  Mode?: number;
}

export interface SecretReference {
  SecretID: string;
  SecretName: string;
  File?: FileTarget;
}

export interface ConfigReference {
  ConfigID: string;
  ConfigName: string;
  File?: FileTarget;
  Runtime?: object;
}

export interface NetworkAttachment {
  Target: string;
  Aliases?: string[];
}

export interface ContainerSpec {
  Image?: string;
  Command?: string[];
  Args?: string[];
  Env?: string[];
  Secrets?: SecretReference[] | null;
  Configs?: ConfigReference[] | null;
  StopGracePeriod?: number;
  [key: string]: unknown;
}

export interface TaskTemplate {
  ContainerSpec?: ContainerSpec;
  Networks?: NetworkAttachment[] | null;
  Placement?: { Constraints?: string[] | null; [key: string]: unknown };
  RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
  ForceUpdate?: number;
  [key: string]: unknown;
}

export interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  TaskTemplate: TaskTemplate;
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
  EndpointSpec?: { Mode?: string; Ports?: EndpointPort[] };
  Networks?: NetworkAttachment[] | null;
  [key: string]: unknown;
}

export interface EndpointPort {
  Protocol: 'tcp' | 'udp' | 'sctp';
  TargetPort: number;
  PublishedPort?: number;
  PublishMode: 'ingress' | 'host';
}

export interface Service {
  ID: string;
  Version: Version;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string } | null;
}

export interface Task {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  CreatedAt?: string;
  DesiredState?: string;
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string };
}

export interface NodeSpec {
  Name?: string;
  Labels?: Record<string, string>;
  Role: 'manager' | 'worker';
  Availability: 'active' | 'pause' | 'drain';
}

export interface SwarmNodeInfo {
  ID: string;
  Version: Version;
  Spec: NodeSpec;
  Description?: { Hostname?: string };
  Status?: { State?: string; Addr?: string; Message?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface Network {
  Id: string;
  Name: string;
  Scope?: string;
  Driver?: string;
}

export interface SecretOrConfig {
  ID: string;
  Version: Version;
  Spec: { Name: string; Labels?: Record<string, string>; Data?: string };
}

export interface SwarmInspect {
  ID: string;
  Version: Version;
  Spec: { EncryptionConfig?: { AutoLockManagers?: boolean }; [key: string]: unknown };
  JoinTokens: { Worker: string; Manager: string };
}

// ---- small typed wrappers ------------------------------------------------------------------------------------

export function inspectService(docker: Dockerode, idOrName: string): Promise<Service> {
  return engineRequest<Service>(docker, { method: 'GET', path: `/services/${encodeURIComponent(idOrName)}` });
}

export function listServices(docker: Dockerode): Promise<Service[]> {
  return engineRequest<Service[]>(docker, { method: 'GET', path: '/services' });
}

export function listTasks(docker: Dockerode, filters: Record<string, string[]>): Promise<Task[]> {
  return engineRequest<Task[]>(docker, { method: 'GET', path: '/tasks', query: { filters: JSON.stringify(filters) } });
}

export function listNodes(docker: Dockerode): Promise<SwarmNodeInfo[]> {
  return engineRequest<SwarmNodeInfo[]>(docker, { method: 'GET', path: '/nodes' });
}

export function inspectNode(docker: Dockerode, idOrName: string): Promise<SwarmNodeInfo> {
  return engineRequest<SwarmNodeInfo>(docker, { method: 'GET', path: `/nodes/${encodeURIComponent(idOrName)}` });
}

export function updateServiceSpec(
  docker: Dockerode,
  service: Pick<Service, 'ID' | 'Version'>,
  spec: ServiceSpec,
  extra: { rollback?: 'previous' } = {},
): Promise<{ Warnings?: string[] | null }> {
  return engineRequest(docker, {
    method: 'POST',
    path: `/services/${encodeURIComponent(service.ID)}/update`,
    query: { version: service.Version.Index, rollback: extra.rollback },
    body: spec,
  });
}

export function updateNodeSpec(docker: Dockerode, node: Pick<SwarmNodeInfo, 'ID' | 'Version'>, spec: NodeSpec): Promise<void> {
  return engineRequest(docker, {
    method: 'POST',
    path: `/nodes/${encodeURIComponent(node.ID)}/update`,
    query: { version: node.Version.Index },
    body: spec,
  });
}

export function swarmInspect(docker: Dockerode): Promise<SwarmInspect> {
  return engineRequest<SwarmInspect>(docker, { method: 'GET', path: '/swarm' });
}

/** A deep copy of a spec that is about to be changed (the inspected object stays as the engine sent it). */
export function cloneSpec<T>(spec: T): T {
  return JSON.parse(JSON.stringify(spec)) as T;
}
