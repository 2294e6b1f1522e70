/**
 * Networks, secrets and configs: create, remove (explaining which services still use one instead of letting the
 * engine fail with "secret … is in use by the following service: …"), and the documented rotation of an immutable
 * secret or config (create `name-v2`, move every service to it). Secret values are handled as Buffers that are
 * zeroed after the request and never put into a message. No vscode here.
 */
import type Dockerode from 'dockerode';
import {
  ConfigReference,
  OperationError,
  SecretOrConfig,
  SecretReference,
  Service,
  cloneSpec,
  engineRequest,
  listServices,
  updateServiceSpec,
} from './engineApi';
import { parseLabels, parseSubnet, validateGateway, validateNetworkName, validateSecretOrConfigName } from './validate';

export type FileObjectKind = 'secret' | 'config';
export type ResourceKind = 'network' | FileObjectKind;

export interface ServiceUse {
  serviceId: string;
  serviceName: string;
  /** File target for secrets and configs, aliases for networks. */
  target?: string;
}

function networksOf(service: Service): { Target: string; Aliases?: string[] }[] {
  return [...(service.Spec.TaskTemplate?.Networks ?? []), ...(service.Spec.Networks ?? [])];
}

/** Which services use a network, secret or config (by ID, or by name for secrets and configs). */
export function servicesUsing(services: readonly Service[], kind: ResourceKind, object: { id: string; name: string }): ServiceUse[] {
  const uses: ServiceUse[] = [];
  for (const s of services) {
    const container = s.Spec.TaskTemplate?.ContainerSpec;
    if (kind === 'network') {
      for (const n of networksOf(s)) {
        if (n.Target === object.id || n.Target === object.name) {
          uses.push({ serviceId: s.ID, serviceName: s.Spec.Name, target: n.Aliases?.length ? n.Aliases.join(', ') : undefined });
        }
      }
    } else {
      const refs: (SecretReference | ConfigReference)[] = kind === 'secret' ? (container?.Secrets ?? []) : (container?.Configs ?? []);
      for (const r of refs) {
        const id = 'SecretID' in r ? r.SecretID : r.ConfigID;
        const name = 'SecretName' in r ? r.SecretName : r.ConfigName;
        if (id === object.id || (id === undefined && name === object.name)) {
          uses.push({ serviceId: s.ID, serviceName: s.Spec.Name, target: r.File?.Name });
        }
      }
    }
  }
  return uses.sort((a, b) => a.serviceName.localeCompare(b.serviceName));
}

/** "Secret db_password is used by web (as db_password) and api (as /run/secrets/pw). Remove it from those services first." */
export function inUseExplanation(kind: ResourceKind, name: string, uses: readonly ServiceUse[]): string {
  const Kind = kind === 'network' ? 'Network' : kind === 'secret' ? 'Secret' : 'Config';
  const as = kind === 'network' ? 'with aliases' : 'as';
  const list = uses.map((u) => (u.target ? `${u.serviceName} (${as} ${u.target})` : u.serviceName));
  const joined = list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  const fix = kind === 'network' ? 'Disconnect those services or remove them first.' : `Remove it from ${uses.length === 1 ? 'that service' : 'those services'} first, or rotate it.`;
  return `${Kind} ${name} is used by ${joined}. ${fix}`;
}

// ---- lookups --------------------------------------------------------------------------------------------------

export interface NamedObject {
  id: string;
  name: string;
}

export async function findNetwork(docker: Dockerode, idOrName: string): Promise<NamedObject & { scope: string; builtin: boolean }> {
  const n = await engineRequest<{ Id: string; Name: string; Scope?: string; Ingress?: boolean }>(docker, {
    method: 'GET',
    path: `/networks/${encodeURIComponent(idOrName)}`,
  });
  return { id: n.Id, name: n.Name, scope: n.Scope ?? '', builtin: n.Ingress === true || ['bridge', 'host', 'none', 'docker_gwbridge'].includes(n.Name) };
}

export async function findFileObject(docker: Dockerode, kind: FileObjectKind, idOrName: string): Promise<SecretOrConfig> {
  return engineRequest<SecretOrConfig>(docker, { method: 'GET', path: `/${kind}s/${encodeURIComponent(idOrName)}` });
}

// ---- networks -------------------------------------------------------------------------------------------------

export interface NetworkForm {
  name: string;
  attachable?: boolean;
  encrypted?: boolean;
  internal?: boolean;
  subnet?: string;
  gateway?: string;
  /** `key=value`. */
  labels?: string[];
}

export function validateNetworkForm(form: NetworkForm): string[] {
  const problems: string[] = [];
  const name = validateNetworkName(form.name);
  if (name) problems.push(name);
  if (form.subnet) {
    const s = parseSubnet(form.subnet);
    if (!s.ok) problems.push(s.error);
  }
  if (form.gateway) {
    const g = validateGateway(form.gateway, form.subnet);
    if (g) problems.push(g);
  }
  const labels = parseLabels(form.labels ?? []);
  if (!labels.ok) problems.push(labels.error);
  return problems;
}

/** The Engine API body of `docker network create -d overlay …`. */
export function networkCreateBody(form: NetworkForm): Record<string, unknown> {
  const labels = parseLabels(form.labels ?? []);
  const body: Record<string, unknown> = {
    Name: form.name,
    Driver: 'overlay',
    CheckDuplicate: true,
    Attachable: form.attachable === true,
    Internal: form.internal === true,
    Labels: labels.ok ? labels.value : {},
    Options: form.encrypted ? { encrypted: '' } : {},
  };
  if (form.subnet) body.IPAM = { Driver: 'default', Config: [{ Subnet: form.subnet, ...(form.gateway ? { Gateway: form.gateway } : {}) }] };
  return body;
}

export async function createNetwork(docker: Dockerode, form: NetworkForm): Promise<NamedObject> {
  const problems = validateNetworkForm(form);
  if (problems.length > 0) throw new OperationError(problems.join(' '));
  const created = await engineRequest<{ Id: string }>(docker, { method: 'POST', path: '/networks/create', body: networkCreateBody(form) });
  return { id: created.Id, name: form.name };
}

export type RemovalResult = { removed: true; name: string } | { removed: false; name: string; usedBy: ServiceUse[]; explanation: string };

export async function removeNetwork(docker: Dockerode, idOrName: string): Promise<RemovalResult> {
  const network = await findNetwork(docker, idOrName);
  if (network.builtin) throw new OperationError(`${network.name} is a network Docker manages itself; it cannot be removed.`);
  const usedBy = servicesUsing(await listServices(docker), 'network', network);
  if (usedBy.length > 0) return { removed: false, name: network.name, usedBy, explanation: inUseExplanation('network', network.name, usedBy) };
  await engineRequest(docker, { method: 'DELETE', path: `/networks/${encodeURIComponent(network.id)}` });
  return { removed: true, name: network.name };
}

// ---- secrets and configs --------------------------------------------------------------------------------------

export interface FileObjectForm {
  name: string;
  /** The value. For secrets the caller's Buffer is zeroed once the request is sent. */
  data: Buffer;
  labels?: string[];
}

/** Creates a secret or config. The value travels only in the request body; it is never part of an error message. */
export async function createFileObject(docker: Dockerode, kind: FileObjectKind, form: FileObjectForm): Promise<NamedObject> {
  try {
    const problem = validateSecretOrConfigName(form.name, kind);
    if (problem) throw new OperationError(problem);
    if (form.data.length === 0) throw new OperationError(`The ${kind} value is empty.`);
    const labels = parseLabels(form.labels ?? []);
    if (!labels.ok) throw new OperationError(labels.error);
    const body = { Name: form.name, Labels: labels.value, Data: form.data.toString('base64') };
    let created: { ID: string };
    try {
      created = await engineRequest<{ ID: string }>(docker, { method: 'POST', path: `/${kind}s/create`, body });
    } finally {
      body.Data = '';
    }
    return { id: created.ID, name: form.name };
  } finally {
    if (kind === 'secret') form.data.fill(0);
  }
}

export async function removeFileObject(docker: Dockerode, kind: FileObjectKind, idOrName: string): Promise<RemovalResult> {
  const object = await findFileObject(docker, kind, idOrName);
  const named = { id: object.ID, name: object.Spec.Name };
  const usedBy = servicesUsing(await listServices(docker), kind, named);
  if (usedBy.length > 0) return { removed: false, name: named.name, usedBy, explanation: inUseExplanation(kind, named.name, usedBy) };
  await engineRequest(docker, { method: 'DELETE', path: `/${kind}s/${encodeURIComponent(object.ID)}` });
  return { removed: true, name: named.name };
}

// ---- rotation -------------------------------------------------------------------------------------------------

/** `db_password` → `db_password-v2`, `db_password-v2` → `db_password-v3`. */
export function nextVersionName(name: string): string {
  const m = /^(.*)-v(\d+)$/.exec(name);
  return m ? `${m[1]}-v${Number(m[2]) + 1}` : `${name}-v2`;
}

export interface RotationPlan {
  kind: FileObjectKind;
  from: NamedObject;
  toName: string;
  services: ServiceUse[];
  /** One line per change, for the preview. */
  preview: string[];
}

export async function planRotation(docker: Dockerode, kind: FileObjectKind, idOrName: string, toName?: string): Promise<RotationPlan> {
  const object = await findFileObject(docker, kind, idOrName);
  const from = { id: object.ID, name: object.Spec.Name };
  const target = toName ?? nextVersionName(from.name);
  const problem = validateSecretOrConfigName(target, kind);
  if (problem) throw new OperationError(problem);
  const services = servicesUsing(await listServices(docker), kind, from);
  const preview = [
    `Create ${kind} ${target} with the new value.`,
    ...services.map((u) => `Update service ${u.serviceName}: ${kind} ${from.name} → ${target}${u.target ? ` (still mounted as ${u.target})` : ''}; its tasks restart.`),
  ];
  if (services.length === 0) preview.push(`No service uses ${from.name}; nothing else changes.`);
  preview.push(`${from.name} itself is kept until you remove it.`);
  return { kind, from, toName: target, services, preview };
}

export interface RotationResult {
  created: NamedObject;
  updated: { id: string; name: string }[];
}

/** Creates the new object and moves every service of the plan to it (same file target, uid, gid and mode). */
export async function rotateFileObject(docker: Dockerode, plan: RotationPlan, data: Buffer): Promise<RotationResult> {
  const created = await createFileObject(docker, plan.kind, { name: plan.toName, data });
  const updated: RotationResult['updated'] = [];
  for (const use of plan.services) {
    const service = (await listServices(docker)).find((s) => s.ID === use.serviceId);
    if (!service) continue;
    const spec = cloneSpec(service.Spec);
    const container = spec.TaskTemplate.ContainerSpec ?? {};
    if (plan.kind === 'secret') {
      container.Secrets = (container.Secrets ?? []).map((r) =>
        r.SecretID === plan.from.id ? { ...r, SecretID: created.id, SecretName: created.name } : r,
      );
    } else {
      container.Configs = (container.Configs ?? []).map((r) =>
        r.ConfigID === plan.from.id ? { ...r, ConfigID: created.id, ConfigName: created.name } : r,
      );
    }
    spec.TaskTemplate.ContainerSpec = container;
    await updateServiceSpec(docker, service, spec);
    updated.push({ id: service.ID, name: service.Spec.Name });
  }
  return { created, updated };
}
