/**
 * What the Create Service input collects, how it becomes an Engine API ServiceSpec, and the equivalent
 * `docker service create …` command shown before creating (the same flags the CLI takes, shell-quoted).
 */
import type { ConfigReference, EndpointPort, NetworkAttachment, SecretReference, ServiceSpec } from './engineApi';
import {
  PortSpec,
  parseConstraint,
  parseEnv,
  parseLabel,
  parsePorts,
  validateImage,
  validateSecretOrConfigName,
  validateServiceName,
} from './validate';

export type RestartCondition = 'any' | 'on-failure' | 'none';

export interface FileReference {
  /** The secret's or config's name. */
  source: string;
  /** File name in the container: for secrets relative to /run/secrets (default: the name), for configs a path (default: /<name>). */
  target?: string;
}

export interface ServiceForm {
  image: string;
  name: string;
  mode: 'replicated' | 'global';
  /** Replicated mode only; default 1. */
  replicas?: number;
  /** Command and arguments after the image (`docker service create IMAGE [COMMAND] [ARG...]`). */
  command?: string[];
  /** `8080:80`, `8080:80/udp` or `published=8080,target=80,mode=host,protocol=tcp`. */
  ports?: string[];
  /** Network names. */
  networks?: string[];
  /** `KEY=VALUE`. */
  env?: string[];
  secrets?: FileReference[];
  configs?: FileReference[];
  /** `node.role==manager`, `node.labels.zone!=eu`. */
  constraints?: string[];
  restartCondition?: RestartCondition;
  /** 0 = unlimited. */
  restartMaxAttempts?: number;
  /** Seconds the task gets to stop before it is killed (`--stop-grace-period`). */
  stopGracePeriodSeconds?: number;
  /** `key=value` service labels. */
  labels?: string[];
}

/** Every problem in a form, in the order of the inputs. */
export function validateServiceForm(form: ServiceForm): string[] {
  const problems: string[] = [];
  const image = validateImage(form.image);
  if (image) problems.push(image);
  const name = validateServiceName(form.name);
  if (name) problems.push(name);
  if (form.mode === 'replicated' && form.replicas !== undefined && (!Number.isInteger(form.replicas) || form.replicas < 0)) {
    problems.push(`Replicas must be a whole number of 0 or more, not ${form.replicas}.`);
  }
  if (form.mode === 'global' && form.replicas !== undefined) problems.push('A global service runs one task per node; it has no replica count.');
  const ports = parsePorts(form.ports ?? []);
  if (!ports.ok) problems.push(ports.error);
  for (const e of form.env ?? []) {
    const p = parseEnv(e);
    if (!p.ok) problems.push(p.error);
  }
  for (const c of form.constraints ?? []) {
    const p = parseConstraint(c);
    if (!p.ok) problems.push(p.error);
  }
  for (const l of form.labels ?? []) {
    const p = parseLabel(l);
    if (!p.ok) problems.push(p.error);
  }
  for (const s of form.secrets ?? []) {
    const p = validateSecretOrConfigName(s.source, 'secret');
    if (p) problems.push(p);
    if (s.target !== undefined && (s.target === '' || s.target.includes('..'))) problems.push(`Secret target "${s.target}" is not a file name.`);
  }
  for (const c of form.configs ?? []) {
    const p = validateSecretOrConfigName(c.source, 'config');
    if (p) problems.push(p);
    if (c.target !== undefined && c.target === '') problems.push(`Config ${c.source} has an empty target path.`);
  }
  if (form.restartMaxAttempts !== undefined && (!Number.isInteger(form.restartMaxAttempts) || form.restartMaxAttempts < 0)) {
    problems.push('Restart max attempts must be a whole number of 0 or more.');
  }
  if (form.stopGracePeriodSeconds !== undefined && !(form.stopGracePeriodSeconds >= 0)) problems.push('The stop grace period must be 0 seconds or more.');
  return problems;
}

/** Docker object IDs for the names a form refers to. */
export interface ServiceReferences {
  networks: ReadonlyMap<string, string>;
  secrets: ReadonlyMap<string, string>;
  configs: ReadonlyMap<string, string>;
}

/** Names the form refers to that do not exist on the engine. */
export function missingReferences(form: ServiceForm, refs: ServiceReferences): string[] {
  const missing: string[] = [];
  for (const n of form.networks ?? []) if (!refs.networks.has(n)) missing.push(`network ${n}`);
  for (const s of form.secrets ?? []) if (!refs.secrets.has(s.source)) missing.push(`secret ${s.source}`);
  for (const c of form.configs ?? []) if (!refs.configs.has(c.source)) missing.push(`config ${c.source}`);
  return missing;
}

const NS_PER_SECOND = 1_000_000_000;

function toEndpointPort(p: PortSpec): EndpointPort {
  const port: EndpointPort = { Protocol: p.protocol, TargetPort: p.target, PublishMode: p.mode };
  if (p.published !== undefined) port.PublishedPort = p.published;
  return port;
}

/** The Engine API spec for a valid form (call validateServiceForm and missingReferences first). */
export function toServiceSpec(form: ServiceForm, refs: ServiceReferences): ServiceSpec {
  const ports = parsePorts(form.ports ?? []);
  if (!ports.ok) throw new Error(ports.error);
  const labels: Record<string, string> = {};
  for (const l of form.labels ?? []) {
    const p = parseLabel(l);
    if (p.ok) labels[p.value.key] = p.value.value;
  }
  const secrets: SecretReference[] = (form.secrets ?? []).map((s) => ({
    SecretID: refs.secrets.get(s.source) ?? s.source,
    SecretName: s.source,
    File: { Name: s.target ?? s.source, UID: '0', GID: '0', Mode: 0o444 },
  }));
  const configs: ConfigReference[] = (form.configs ?? []).map((c) => ({
    ConfigID: refs.configs.get(c.source) ?? c.source,
    ConfigName: c.source,
    File: { Name: c.target ?? `/${c.source}`, UID: '0', GID: '0', Mode: 0o444 },
  }));
  const networks: NetworkAttachment[] = (form.networks ?? []).map((n) => ({ Target: refs.networks.get(n) ?? n }));
  const spec: ServiceSpec = {
    Name: form.name,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: { Image: form.image },
    },
    Mode: form.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: form.replicas ?? 1 } },
  };
  const container = spec.TaskTemplate.ContainerSpec!;
  if (form.command && form.command.length > 0) {
    // Like the CLI: the words after the image become Args (they replace the image's CMD; the entrypoint stays).
    container.Args = [...form.command];
  }
  if (form.env && form.env.length > 0) container.Env = [...form.env];
  if (secrets.length > 0) container.Secrets = secrets;
  if (configs.length > 0) container.Configs = configs;
  if (form.stopGracePeriodSeconds !== undefined) container.StopGracePeriod = Math.round(form.stopGracePeriodSeconds * NS_PER_SECOND);
  if (networks.length > 0) spec.TaskTemplate.Networks = networks;
  if (form.constraints && form.constraints.length > 0) spec.TaskTemplate.Placement = { Constraints: form.constraints.map((c) => c.trim()) };
  if (form.restartCondition !== undefined || form.restartMaxAttempts !== undefined) {
    spec.TaskTemplate.RestartPolicy = { Condition: form.restartCondition ?? 'any' };
    if (form.restartMaxAttempts !== undefined) spec.TaskTemplate.RestartPolicy.MaxAttempts = form.restartMaxAttempts;
  }
  if (ports.value.length > 0) spec.EndpointSpec = { Ports: ports.value.map(toEndpointPort) };
  return spec;
}

// ---- the equivalent CLI command -------------------------------------------------------------------------------

/** POSIX shell quoting: words of safe characters stay bare, anything else is single-quoted. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function renderPort(p: PortSpec): string {
  if (p.mode === 'ingress' && p.published !== undefined) return `${p.published}:${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
  const fields = [`mode=${p.mode}`, `target=${p.target}`];
  if (p.published !== undefined) fields.push(`published=${p.published}`);
  if (p.protocol !== 'tcp') fields.push(`protocol=${p.protocol}`);
  return fields.join(',');
}

function renderFileReference(ref: FileReference, defaultTarget: string): string {
  return ref.target === undefined || ref.target === defaultTarget ? ref.source : `source=${ref.source},target=${ref.target}`;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}

/**
 * `docker service create --name web --replicas 3 --publish 8080:80 … nginx:1.27 [command…]` as argv words
 * (first word `docker`). The CLI's defaults are left out: replicated with 1 replica, restart condition any.
 */
export function createCommandWords(form: ServiceForm): string[] {
  const w = ['docker', 'service', 'create', '--name', form.name];
  if (form.mode === 'global') w.push('--mode', 'global');
  else if ((form.replicas ?? 1) !== 1) w.push('--replicas', String(form.replicas));
  const ports = parsePorts(form.ports ?? []);
  if (ports.ok) for (const p of ports.value) w.push('--publish', renderPort(p));
  for (const n of form.networks ?? []) w.push('--network', n);
  for (const e of form.env ?? []) w.push('--env', e);
  for (const s of form.secrets ?? []) w.push('--secret', renderFileReference(s, s.source));
  for (const c of form.configs ?? []) w.push('--config', renderFileReference(c, `/${c.source}`));
  for (const c of form.constraints ?? []) w.push('--constraint', c.trim());
  if (form.restartCondition !== undefined && form.restartCondition !== 'any') w.push('--restart-condition', form.restartCondition);
  if (form.restartMaxAttempts !== undefined && form.restartMaxAttempts > 0) w.push('--restart-max-attempts', String(form.restartMaxAttempts));
  if (form.stopGracePeriodSeconds !== undefined) w.push('--stop-grace-period', formatSeconds(form.stopGracePeriodSeconds));
  for (const l of form.labels ?? []) w.push('--label', l);
  w.push(form.image, ...(form.command ?? []));
  return w;
}

/** The command as one shell line. */
export function renderCreateCommand(form: ServiceForm): string {
  return createCommandWords(form).map(shellQuote).join(' ');
}
