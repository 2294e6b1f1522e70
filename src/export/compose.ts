/**
 * Swarm services → a compose file that `docker stack deploy -c` accepts (compose file format 3.x, as docker/cli's
 * stack loader reads it), rendered with the `yaml` package.
 *
 * What is carried (the `CARRIED_FIELDS` table below is the exact list, and the round-trip test compares each of these
 * between the original services and the services `docker stack deploy` creates from the file):
 * - image, entrypoint (ContainerSpec.Command), command (Args), environment, container labels, hostname,
 *   working_dir, user, stop_signal, stop_grace_period, tty, stdin_open, read_only, init, cap_add, cap_drop, sysctls,
 *   ulimits, extra_hosts, dns, dns_search, healthcheck (test/disable, interval, timeout, retries, start_period),
 *   logging (driver, options);
 * - volumes in long syntax: bind (source, target, read_only, consistency, propagation), volume (named or anonymous,
 *   nocopy, and the named volume's driver, driver options and labels), tmpfs (size);
 * - secrets and configs as references (target, uid, gid, mode) to **external** objects: secret values are never read
 *   and config data is not copied, so they must exist on the target swarm;
 * - networks with aliases; networks of the exported stack are defined in the file (driver, driver_opts, attachable,
 *   internal, labels, ipam), all other networks are external references;
 * - ports in long syntax (target, published, protocol, mode);
 * - deploy: mode (replicated, global, replicated-job, global-job), replicas, service labels, placement (constraints,
 *   spread preferences, max_replicas_per_node), resources (limits: cpus, memory, pids; reservations: cpus, memory,
 *   discrete generic resources), restart_policy, update_config, rollback_config, endpoint_mode.
 * Anything else a service sets (for example Groups, Privileges, DNS options, placement platforms, tmpfs mode, network
 * driver options of an attachment) is listed in the file's header comment: never silently dropped.
 */
import { Document } from 'yaml';
import {
  ConfigReference,
  Mount,
  Network,
  STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL,
  SecretReference,
  Service,
  ServiceSpec,
  UpdateConfig,
} from './spec';

/** Spec paths the export writes to the compose file. `[]` marks array elements; a path covers everything under it. */
export const CARRIED_FIELDS: readonly string[] = [
  'Name',
  'Labels',
  'TaskTemplate.ContainerSpec.Image',
  'TaskTemplate.ContainerSpec.Command',
  'TaskTemplate.ContainerSpec.Args',
  'TaskTemplate.ContainerSpec.Env',
  'TaskTemplate.ContainerSpec.Labels',
  'TaskTemplate.ContainerSpec.Hostname',
  'TaskTemplate.ContainerSpec.Dir',
  'TaskTemplate.ContainerSpec.User',
  'TaskTemplate.ContainerSpec.StopSignal',
  'TaskTemplate.ContainerSpec.StopGracePeriod',
  'TaskTemplate.ContainerSpec.TTY',
  'TaskTemplate.ContainerSpec.OpenStdin',
  'TaskTemplate.ContainerSpec.ReadOnly',
  'TaskTemplate.ContainerSpec.Init',
  'TaskTemplate.ContainerSpec.CapabilityAdd',
  'TaskTemplate.ContainerSpec.CapabilityDrop',
  'TaskTemplate.ContainerSpec.Sysctls',
  'TaskTemplate.ContainerSpec.Ulimits',
  'TaskTemplate.ContainerSpec.Hosts',
  'TaskTemplate.ContainerSpec.DNSConfig.Nameservers',
  'TaskTemplate.ContainerSpec.DNSConfig.Search',
  'TaskTemplate.ContainerSpec.Healthcheck.Test',
  'TaskTemplate.ContainerSpec.Healthcheck.Interval',
  'TaskTemplate.ContainerSpec.Healthcheck.Timeout',
  'TaskTemplate.ContainerSpec.Healthcheck.Retries',
  'TaskTemplate.ContainerSpec.Healthcheck.StartPeriod',
  'TaskTemplate.ContainerSpec.Mounts[].Type',
  'TaskTemplate.ContainerSpec.Mounts[].Source',
  'TaskTemplate.ContainerSpec.Mounts[].Target',
  'TaskTemplate.ContainerSpec.Mounts[].ReadOnly',
  'TaskTemplate.ContainerSpec.Mounts[].Consistency',
  'TaskTemplate.ContainerSpec.Mounts[].BindOptions.Propagation',
  'TaskTemplate.ContainerSpec.Mounts[].VolumeOptions.NoCopy',
  'TaskTemplate.ContainerSpec.Mounts[].VolumeOptions.Labels',
  'TaskTemplate.ContainerSpec.Mounts[].VolumeOptions.DriverConfig',
  'TaskTemplate.ContainerSpec.Mounts[].TmpfsOptions.SizeBytes',
  'TaskTemplate.ContainerSpec.Secrets[].SecretName',
  'TaskTemplate.ContainerSpec.Secrets[].File',
  'TaskTemplate.ContainerSpec.Configs[].ConfigName',
  'TaskTemplate.ContainerSpec.Configs[].File',
  'TaskTemplate.Networks[].Target',
  'TaskTemplate.Networks[].Aliases',
  'TaskTemplate.LogDriver',
  'TaskTemplate.Resources.Limits.NanoCPUs',
  'TaskTemplate.Resources.Limits.MemoryBytes',
  'TaskTemplate.Resources.Limits.Pids',
  'TaskTemplate.Resources.Reservations.NanoCPUs',
  'TaskTemplate.Resources.Reservations.MemoryBytes',
  'TaskTemplate.Resources.Reservations.GenericResources[].DiscreteResourceSpec',
  'TaskTemplate.RestartPolicy',
  'TaskTemplate.Placement.Constraints',
  'TaskTemplate.Placement.Preferences[].Spread',
  'TaskTemplate.Placement.MaxReplicas',
  'Mode.Replicated.Replicas',
  'Mode.Global',
  'Mode.ReplicatedJob.TotalCompletions',
  'Mode.GlobalJob',
  'UpdateConfig',
  'RollbackConfig',
  'EndpointSpec.Mode',
  'EndpointSpec.Ports[].Protocol',
  'EndpointSpec.Ports[].TargetPort',
  'EndpointSpec.Ports[].PublishedPort',
  'EndpointSpec.Ports[].PublishMode',
];

/** IDs, and values that carry no information (engine defaults). */
const IGNORED_FIELDS: readonly string[] = [
  'TaskTemplate.ContainerSpec.Secrets[].SecretID',
  'TaskTemplate.ContainerSpec.Configs[].ConfigID',
  'TaskTemplate.ForceUpdate',
  'TaskTemplate.Runtime',
  'TaskTemplate.ContainerSpec.Isolation',
  'Mode.ReplicatedJob.MaxConcurrent',
];

export interface ExportOptions {
  /** The stack being exported: its name prefix is removed from service, network and volume keys. */
  stack?: string;
  /** Networks by ID (and by name), for attachment targets and the definitions of the stack's own networks. */
  networks: readonly Network[];
  swarmId?: string;
  now?: Date;
}

export interface ExportResult {
  yaml: string;
  /** The compose document as plain data (before `$` escaping). */
  compose: Record<string, unknown>;
  /** Values that the compose format cannot express, one line each: `service: Path = value`. */
  notExported: string[];
  /** Full service name → key in the file. */
  serviceKeys: Record<string, string>;
}

type Obj = Record<string, unknown>;

// ---- value formats -------------------------------------------------------------------------------------------

/** Nanoseconds → a Go duration string (`1m30s`, `1s500ms`) that time.ParseDuration reads back exactly. */
export function formatGoDuration(ns: number): string {
  if (!ns) return '0s';
  const units: Array<[string, number]> = [['h', 3_600e9], ['m', 60e9], ['s', 1e9], ['ms', 1e6], ['us', 1e3], ['ns', 1]];
  let rest = Math.round(ns);
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** NanoCPUs → the decimal string compose reads (`0.5`, `2`, `0.000000001`). */
export function formatCpus(nano: number): string {
  const whole = Math.floor(nano / 1e9);
  const frac = String(nano % 1e9).padStart(9, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** docker/cli interpolates `$VAR` in every string of the file; `$$` is a literal `$`. */
export function escapeInterpolation<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeInterpolation(v)) as T;
  if (value && typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) out[k] = escapeInterpolation(v);
    return out as T;
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Obj).every(isEmpty);
  return false;
}

/** Drops empty values so the file shows only what is set. */
function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = compact(v as Obj);
      if (Object.keys(inner).length) out[k] = inner;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function withoutKeys(labels: Record<string, string> | null | undefined, keys: string[]): Record<string, string> | undefined {
  if (!labels) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!keys.includes(k)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/** Every non-empty leaf of `spec` that neither CARRIED_FIELDS nor IGNORED_FIELDS covers. */
export function uncoveredFields(spec: unknown, covered: readonly string[] = [...CARRIED_FIELDS, ...IGNORED_FIELDS]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, p: string): void => {
    if (isEmpty(value)) return;
    if (covered.some((c) => p === c || p.startsWith(`${c}.`) || p.startsWith(`${c}[]`))) return;
    if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
      for (const v of value) walk(v, `${p}[]`);
      return;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const prefix = covered.some((c) => c.startsWith(`${p}.`) || c.startsWith(`${p}[]`)) || p === '';
      if (prefix) {
        for (const [k, v] of Object.entries(value as Obj)) walk(v, p ? `${p}.${k}` : k);
        return;
      }
    }
    found.push(`${p} = ${JSON.stringify(value)}`);
  };
  walk(spec, '');
  return [...new Set(found)];
}

// ---- the conversion ------------------------------------------------------------------------------------------

function stripPrefix(name: string, stack: string | undefined): string {
  return stack && name.startsWith(`${stack}_`) && name.length > stack.length + 1 ? name.slice(stack.length + 1) : name;
}

function updateConfig(u: UpdateConfig | null | undefined): Obj | undefined {
  if (!u) return undefined;
  return compact({
    // docker/cli writes 1 when parallelism is missing, so 0 (all at once) must be explicit.
    parallelism: u.Parallelism ?? 0,
    delay: u.Delay ? formatGoDuration(u.Delay) : undefined,
    failure_action: u.FailureAction,
    monitor: u.Monitor ? formatGoDuration(u.Monitor) : undefined,
    max_failure_ratio: u.MaxFailureRatio || undefined,
    order: u.Order,
  });
}

function fileRef(key: string, ref: SecretReference | ConfigReference): Obj {
  return compact({
    source: key,
    target: ref.File?.Name,
    uid: ref.File?.UID,
    gid: ref.File?.GID,
    mode: ref.File?.Mode,
  });
}

interface Context {
  stack?: string;
  networksById: Map<string, Network>;
  topNetworks: Obj;
  topVolumes: Obj;
  topSecrets: Obj;
  topConfigs: Obj;
  notes: string[];
}

function isStackOwned(labels: Record<string, string> | null | undefined, stack: string | undefined): boolean {
  return !!stack && labels?.[STACK_NAMESPACE_LABEL] === stack;
}

function networkKey(net: Network, ctx: Context): string {
  const owned = isStackOwned(net.Labels, ctx.stack) && net.Name.startsWith(`${ctx.stack}_`);
  const key = owned ? stripPrefix(net.Name, ctx.stack) : net.Name;
  if (!(key in ctx.topNetworks)) {
    ctx.topNetworks[key] = owned
      ? compact({
          driver: net.Driver,
          // vxlanid_list is assigned by the engine for every overlay network.
          driver_opts: withoutKeys(net.Options, ['com.docker.network.driver.overlay.vxlanid_list']),
          attachable: net.Attachable || undefined,
          internal: net.Internal || undefined,
          labels: withoutKeys(net.Labels, [STACK_NAMESPACE_LABEL]),
          ipam: compact({
            driver: net.IPAM?.Driver && net.IPAM.Driver !== 'default' ? net.IPAM.Driver : undefined,
            config: (net.IPAM?.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet })),
          }),
        })
      : { external: true, name: net.Name };
  }
  return key;
}

function volumeEntry(m: Mount, ctx: Context, service: string): Obj {
  const base = { target: m.Target, read_only: m.ReadOnly || undefined, consistency: m.Consistency && m.Consistency !== 'default' ? m.Consistency : undefined };
  switch (m.Type) {
    case 'bind':
    case 'npipe':
      return compact({ type: m.Type, source: m.Source, ...base, bind: compact({ propagation: m.BindOptions?.Propagation }) });
    case 'tmpfs':
      return compact({ type: 'tmpfs', ...base, tmpfs: compact({ size: m.TmpfsOptions?.SizeBytes }) });
    case 'volume':
    default: {
      if (!m.Source) return compact({ type: 'volume', ...base, volume: compact({ nocopy: m.VolumeOptions?.NoCopy || undefined }) });
      const labels = m.VolumeOptions?.Labels;
      const owned = isStackOwned(labels, ctx.stack) && m.Source.startsWith(`${ctx.stack}_`);
      const key = owned ? stripPrefix(m.Source, ctx.stack) : m.Source;
      const definition = compact({
        name: owned ? undefined : m.Source,
        driver: m.VolumeOptions?.DriverConfig?.Name,
        driver_opts: m.VolumeOptions?.DriverConfig?.Options,
        labels: withoutKeys(labels, [STACK_NAMESPACE_LABEL]),
      });
      const previous = ctx.topVolumes[key];
      if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(definition)) {
        ctx.notes.push(`${service}: volume ${m.Source} has different driver settings than in another service; the first one is kept`);
      } else {
        ctx.topVolumes[key] = definition;
      }
      return compact({ type: 'volume', source: key, ...base, volume: compact({ nocopy: m.VolumeOptions?.NoCopy || undefined }) });
    }
  }
}

function convertService(spec: ServiceSpec, key: string, ctx: Context): Obj {
  const cs = spec.TaskTemplate?.ContainerSpec ?? {};
  const tt = spec.TaskTemplate ?? {};
  const hc = cs.Healthcheck;
  const mode = spec.Mode ?? {};
  const res = tt.Resources;
  const restart = tt.RestartPolicy;
  const placement = tt.Placement;

  let deployMode: Obj;
  if (mode.Global) deployMode = { mode: 'global' };
  else if (mode.GlobalJob) deployMode = { mode: 'global-job' };
  else if (mode.ReplicatedJob) {
    deployMode = { mode: 'replicated-job', replicas: mode.ReplicatedJob.TotalCompletions ?? 1 };
    if ((mode.ReplicatedJob.MaxConcurrent ?? 1) !== (mode.ReplicatedJob.TotalCompletions ?? 1)) {
      ctx.notes.push(`${spec.Name}: Mode.ReplicatedJob.MaxConcurrent = ${mode.ReplicatedJob.MaxConcurrent} (compose sets it to the number of replicas)`);
    }
  } else deployMode = { mode: 'replicated', replicas: mode.Replicated?.Replicas ?? 1 };

  const networks: Obj = {};
  for (const attachment of tt.Networks ?? []) {
    const net = ctx.networksById.get(attachment.Target ?? '');
    if (!net) {
      ctx.notes.push(`${spec.Name}: network ${attachment.Target} no longer exists; the attachment is not exported`);
      continue;
    }
    const netKey = networkKey(net, ctx);
    // docker stack deploy adds the service's key as an alias on every user-defined network.
    const aliases = (attachment.Aliases ?? []).filter((a) => a !== key);
    networks[netKey] = aliases.length ? { aliases } : null;
  }

  const secrets = (cs.Secrets ?? []).map((ref) => {
    const name = ref.SecretName ?? ref.SecretID ?? '';
    ctx.topSecrets[name] = { external: true, name };
    return fileRef(name, ref);
  });
  const configs = (cs.Configs ?? []).map((ref) => {
    const name = ref.ConfigName ?? ref.ConfigID ?? '';
    ctx.topConfigs[name] = { external: true, name };
    return fileRef(name, ref);
  });

  const ulimits: Obj = {};
  for (const u of cs.Ulimits ?? []) if (u.Name) ulimits[u.Name] = u.Soft === u.Hard ? u.Soft : { soft: u.Soft, hard: u.Hard };

  const service = compact({
    image: cs.Image,
    entrypoint: cs.Command,
    command: cs.Args,
    hostname: cs.Hostname,
    working_dir: cs.Dir,
    user: cs.User,
    environment: cs.Env,
    labels: withoutKeys(cs.Labels, [STACK_NAMESPACE_LABEL]),
    init: typeof cs.Init === 'boolean' ? cs.Init : undefined,
    tty: cs.TTY || undefined,
    stdin_open: cs.OpenStdin || undefined,
    read_only: cs.ReadOnly || undefined,
    stop_signal: cs.StopSignal,
    stop_grace_period: cs.StopGracePeriod !== undefined ? formatGoDuration(cs.StopGracePeriod) : undefined,
    cap_add: cs.CapabilityAdd,
    cap_drop: cs.CapabilityDrop,
    sysctls: cs.Sysctls,
    ulimits,
    // SwarmKit stores "IP host1 host2"; compose writes "host:IP" per name (the same /etc/hosts entries).
    extra_hosts: (cs.Hosts ?? []).flatMap((line) => {
      const [ip, ...names] = line.trim().split(/\s+/);
      return names.map((n) => `${n}:${ip}`);
    }),
    dns: cs.DNSConfig?.Nameservers,
    dns_search: cs.DNSConfig?.Search,
    healthcheck: hc
      ? hc.Test?.[0] === 'NONE'
        ? { disable: true }
        : compact({
            test: hc.Test,
            interval: hc.Interval ? formatGoDuration(hc.Interval) : undefined,
            timeout: hc.Timeout ? formatGoDuration(hc.Timeout) : undefined,
            retries: hc.Retries || undefined,
            start_period: hc.StartPeriod ? formatGoDuration(hc.StartPeriod) : undefined,
          })
      : undefined,
    logging: tt.LogDriver?.Name ? compact({ driver: tt.LogDriver.Name, options: tt.LogDriver.Options }) : undefined,
    volumes: (cs.Mounts ?? []).map((m) => volumeEntry(m, ctx, spec.Name ?? key)),
    secrets,
    configs,
    ports: (spec.EndpointSpec?.Ports ?? []).map((p) =>
      compact({ target: p.TargetPort, published: p.PublishedPort || undefined, protocol: p.Protocol, mode: p.PublishMode }),
    ),
    deploy: compact({
      ...deployMode,
      endpoint_mode: spec.EndpointSpec?.Mode,
      labels: withoutKeys(spec.Labels, [STACK_NAMESPACE_LABEL, STACK_IMAGE_LABEL]),
      placement: compact({
        constraints: placement?.Constraints,
        preferences: (placement?.Preferences ?? []).filter((p) => p.Spread?.SpreadDescriptor).map((p) => ({ spread: p.Spread?.SpreadDescriptor })),
        max_replicas_per_node: placement?.MaxReplicas || undefined,
      }),
      resources: compact({
        limits: compact({
          cpus: res?.Limits?.NanoCPUs ? formatCpus(res.Limits.NanoCPUs) : undefined,
          memory: res?.Limits?.MemoryBytes ? String(res.Limits.MemoryBytes) : undefined,
          pids: res?.Limits?.Pids || undefined,
        }),
        reservations: compact({
          cpus: res?.Reservations?.NanoCPUs ? formatCpus(res.Reservations.NanoCPUs) : undefined,
          memory: res?.Reservations?.MemoryBytes ? String(res.Reservations.MemoryBytes) : undefined,
          generic_resources: (res?.Reservations?.GenericResources ?? [])
            .filter((g) => g.DiscreteResourceSpec)
            .map((g) => ({ discrete_resource_spec: { kind: g.DiscreteResourceSpec?.Kind, value: g.DiscreteResourceSpec?.Value } })),
        }),
      }),
      restart_policy: restart
        ? compact({
            condition: restart.Condition,
            delay: restart.Delay !== undefined ? formatGoDuration(restart.Delay) : undefined,
            max_attempts: restart.MaxAttempts || undefined,
            window: restart.Window ? formatGoDuration(restart.Window) : undefined,
          })
        : undefined,
      update_config: updateConfig(spec.UpdateConfig),
      rollback_config: updateConfig(spec.RollbackConfig),
    }),
  });
  // `networks: {name: null}` must survive compact(): null means "attached, no options".
  if (Object.keys(networks).length) service.networks = networks;
  return service;
}

/** The stack shared by all services, if they all carry the same stack label. */
export function commonStack(services: readonly Service[]): string | undefined {
  const stacks = new Set(services.map((s) => s.Spec?.Labels?.[STACK_NAMESPACE_LABEL] ?? ''));
  const [only] = [...stacks];
  return stacks.size === 1 && only ? only : undefined;
}

export function exportServices(services: readonly Service[], opts: ExportOptions): ExportResult {
  const stack = opts.stack ?? commonStack(services);
  const ctx: Context = {
    stack,
    networksById: new Map(opts.networks.flatMap((n) => [[n.Id, n] as [string, Network], [n.Name, n] as [string, Network]])),
    topNetworks: {},
    topVolumes: {},
    topSecrets: {},
    topConfigs: {},
    notes: [],
  };
  const sorted = [...services].sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''));
  const servicesOut: Obj = {};
  const serviceKeys: Record<string, string> = {};
  const defaultNetwork: string[] = [];
  for (const svc of sorted) {
    const spec = svc.Spec ?? {};
    const name = spec.Name ?? svc.ID ?? 'service';
    const key = stripPrefix(name, stack);
    serviceKeys[name] = key;
    servicesOut[key] = convertService(spec, key, ctx);
    for (const field of uncoveredFields(spec)) ctx.notes.push(`${name}: ${field}`);
    if (!(spec.TaskTemplate?.Networks ?? []).length) defaultNetwork.push(key);
  }
  // Not compact(): `networks: {name: null}` inside a service must survive.
  const compose: Obj = { version: '3.9', services: servicesOut };
  for (const [k, v] of Object.entries({ networks: ctx.topNetworks, volumes: ctx.topVolumes, secrets: ctx.topSecrets, configs: ctx.topConfigs })) {
    if (Object.keys(v).length) compose[k] = v;
  }

  const header = [
    ` Exported by Swarmscope${opts.swarmId ? ` from swarm ${opts.swarmId}` : ''} on ${(opts.now ?? new Date()).toISOString()}: ${sorted.length} service(s)${stack ? ` of stack "${stack}"` : ''}.`,
    ` Deploy: docker stack deploy -c <this file> ${stack ?? '<stack>'}   (add --resolve-image never for images that exist only locally)`,
    ' Secrets and configs are external references: secret values are never read or written, and config data is not',
    ' copied. Create them on the target swarm before deploying (docker secret create / docker config create).',
    ' External networks must exist on the target swarm.',
    ...(stack ? [] : [' Service keys are the full service names: docker stack deploy prefixes them with the stack name.']),
    ' docker stack deploy adds each service key as a network alias' +
      (defaultNetwork.length ? `, and attaches services without networks (${defaultNetwork.join(', ')}) to the stack's default network.` : '.'),
    ' Carried: image, entrypoint/command, environment, labels, user, working_dir, hostname, init, tty, read_only,',
    ' stop_signal/stop_grace_period, cap_add/cap_drop, sysctls, ulimits, extra_hosts, dns, healthcheck, logging,',
    ' volumes, secrets, configs, networks, ports, and deploy (mode, replicas, labels, placement, resources,',
    ' restart_policy, update_config, rollback_config, endpoint_mode).',
    ...(ctx.notes.length
      ? [' NOT EXPORTED (the compose format cannot express these values):', ...ctx.notes.map((n) => `   - ${n}`)]
      : [' Every value the services set is expressed in this file.']),
  ];
  const doc = new Document(escapeInterpolation(compose), { version: '1.1' });
  doc.commentBefore = header.join('\n');
  return {
    yaml: doc.toString({ lineWidth: 0 }),
    compose,
    notExported: ctx.notes,
    serviceKeys,
  };
}
