// The docker CLI 28.x `inspect --pretty` views of services, nodes, secrets and configs, reproduced byte for byte
// from its Go templates (cli/command/{service,node,secret,config}/formatter.go). Each function follows its
// template line by line; the comments name the template conditions that the code mirrors.

import {
  bytesSize,
  goDuration,
  goFloat,
  goSlice,
  humanDuration,
  isValidUtf8,
  prettyPrint,
  prettyTime,
  sortedEntries,
  timestampNanos,
} from './format';
import type { Labels, RenderedDocument, SwarmConfig, SwarmNode, SwarmSecret, SwarmService, UpdateConfig } from './model';
import { TextBuilder } from './textBuilder';

export interface ServiceRenderContext {
  /** Network ID → name, from `GET /networks/{id}?scope=swarm`; IDs missing here are printed as IDs. */
  networkNames: ReadonlyMap<string, string>;
  /** "Now" in milliseconds since the epoch, for `Started: … ago` (default: Date.now()). */
  now?: number;
}

/** `docker service inspect --pretty` of a service fetched with `insertDefaults=true`. */
export function renderServicePretty(service: SwarmService, ctx: ServiceRenderContext): RenderedDocument {
  const out = new TextBuilder();
  const spec = service.Spec ?? {};
  const task = spec.TaskTemplate ?? {};
  const container = task.ContainerSpec ?? {};
  const nowNanos = (ctx.now ?? Date.now()) * 1e6;

  out.add(`\nID:\t\t${service.ID}\nName:\t\t${spec.Name ?? ''}`);
  addLabels(out, spec.Labels, '\nLabels:', '\n ');

  out.add('\nService Mode:');
  if (spec.Mode?.Global) out.add('\tGlobal');
  else if (spec.Mode?.Replicated) {
    out.add('\tReplicated');
    const replicas = spec.Mode.Replicated.Replicas;
    if (replicas !== undefined && replicas !== null) out.add(`\n Replicas:\t${replicas}`);
  }

  const status = service.UpdateStatus;
  if (status && status.State) {
    out.add(`\nUpdateStatus:\n State:\t\t${status.State}`);
    if (status.StartedAt) out.add(`\n Started:\t${ago(status.StartedAt, nowNanos)}`);
    if (status.State === 'completed' && status.CompletedAt) out.add(`\n Completed:\t${ago(status.CompletedAt, nowNanos)}`);
    out.add(`\n Message:\t${status.Message ?? ''}`);
  }

  out.add('\nPlacement:');
  const placement = task.Placement;
  if (placement) {
    if (nonEmpty(placement.Constraints)) out.add(`\n Constraints:\t${goSlice(placement.Constraints)}`);
    const spreads = (placement.Preferences ?? []).filter((p) => p.Spread).map((p) => `spread=${p.Spread?.SpreadDescriptor ?? ''}`);
    if (spreads.length > 0) out.add(`\n Preferences:   ${goSlice(spreads)}`);
    if (placement.MaxReplicas) out.add(`\n Max Replicas Per Node:   ${placement.MaxReplicas}`);
  }

  addUpdateConfig(out, 'UpdateConfig', 'Update order:      ', spec.UpdateConfig);
  addUpdateConfig(out, 'RollbackConfig', 'Rollback order:    ', spec.RollbackConfig);

  out.add(`\nContainerSpec:\n Image:\t\t${container.Image ?? ''}`);
  if (nonEmpty(container.Args)) out.add(`\n Args:\t\t${container.Args.map((a) => a + ' ').join('')}`);
  if (nonEmpty(container.Env)) out.add(`\n Env:\t\t${container.Env.map((e) => e + ' ').join('')}`);
  if (container.Dir) out.add(`\n Dir:\t\t${container.Dir}`);
  if (container.Init !== undefined && container.Init !== null) out.add(`\n Init:\t\t${container.Init}`);
  if (container.User) out.add(`\n User: ${container.User}`);

  const capAdd = container.CapabilityAdd ?? [];
  const capDrop = container.CapabilityDrop ?? [];
  if (capAdd.length > 0 || capDrop.length > 0) {
    out.add('\nCapabilities:');
    if (capAdd.length > 0) out.add(`\n Add: ${capAdd.join(', ')}`);
    if (capDrop.length > 0) out.add(`\n Drop: ${capDrop.join(', ')}`);
  }

  const sysctls = sortedEntries(container.Sysctls);
  if (sysctls.length > 0) {
    out.add('\nSysCtls:');
    for (const [key, value] of sysctls) out.add(`\n ${key}${value ? ': ' + value : ''}`);
  }

  // The CLI builds a map name → "soft:hard" (a repeated name keeps the last) and ranges over it sorted.
  const ulimits: Record<string, string> = {};
  for (const u of container.Ulimits ?? []) ulimits[u.Name ?? ''] = `${u.Soft ?? 0}:${u.Hard ?? 0}`;
  const ulimitEntries = sortedEntries(ulimits);
  if (ulimitEntries.length > 0) {
    out.add('\nUlimits:');
    for (const [name, value] of ulimitEntries) out.add(`\n ${name}: ${value}`);
  }

  if (nonEmpty(container.Mounts)) {
    out.add('\nMounts:');
    for (const m of container.Mounts) {
      out.add(`\n Target:\t${m.Target ?? ''}\n  Source:\t${m.Source ?? ''}\n  ReadOnly:\t${m.ReadOnly ?? false}\n  Type:\t\t${m.Type ?? ''}`);
    }
  }

  // A reference without File (a credential-spec config) makes the CLI's template fail; we print an empty target.
  if (nonEmpty(container.Configs)) {
    out.add('\nConfigs:');
    for (const c of container.Configs) {
      out.add(`\n Target:\t${c.File?.Name ?? ''}\n  Source:\t`).link(c.ConfigName ?? '', 'config', c.ConfigID || c.ConfigName);
    }
  }
  if (nonEmpty(container.Secrets)) {
    out.add('\nSecrets:');
    for (const s of container.Secrets) {
      out.add(`\n Target:\t${s.File?.Name ?? ''}\n  Source:\t`).link(s.SecretName ?? '', 'secret', s.SecretID || s.SecretName);
    }
  }

  const logDriver = task.LogDriver;
  if (logDriver) {
    out.add('\nLog Driver:');
    if (logDriver.Name) out.add(`\n Name:\t\t${logDriver.Name}`);
    const options = sortedEntries(logDriver.Options);
    if (options.length > 0) {
      out.add('\n LogOpts:');
      for (const [key, value] of options) out.add(`\n  ${key}${value ? ':       ' + value : ''}`);
    }
    out.add('\n');
  }

  const resources = task.Resources;
  if (resources) {
    out.add('\nResources:');
    const reservations = resources.Reservations;
    if (reservations && ((reservations.NanoCPUs ?? 0) > 0 || (reservations.MemoryBytes ?? 0) > 0)) {
      out.add('\n Reservations:');
      if ((reservations.NanoCPUs ?? 0) > 0) out.add(`\n  CPU:\t\t${goFloat((reservations.NanoCPUs ?? 0) / 1e9)}`);
      if (reservations.MemoryBytes) out.add(`\n  Memory:\t${bytesSize(reservations.MemoryBytes)}`);
    }
    const limits = resources.Limits;
    if (limits && ((limits.NanoCPUs ?? 0) > 0 || (limits.MemoryBytes ?? 0) > 0 || (limits.Pids ?? 0) > 0)) {
      out.add('\n Limits:');
      if ((limits.NanoCPUs ?? 0) > 0) out.add(`\n  CPU:\t\t${goFloat((limits.NanoCPUs ?? 0) / 1e9)}`);
      if (limits.MemoryBytes) out.add(`\n  Memory:\t${bytesSize(limits.MemoryBytes)}`);
    }
  }
  const pids = resources?.Limits?.Pids ?? 0;
  if (pids > 0) out.add(`\n  PIDs:\t\t${pids}`);

  if (nonEmpty(task.Networks)) {
    out.add('\nNetworks:');
    for (const n of task.Networks) {
      const id = n.Target ?? '';
      out.add(' ').link(ctx.networkNames.get(id) ?? id, 'network', id);
    }
    out.add(' ');
  }

  out.add(`\nEndpoint Mode:\t${spec.EndpointSpec ? (spec.EndpointSpec.Mode ?? '') : ''}`);

  const ports = service.Endpoint?.Ports;
  if (nonEmpty(ports)) {
    out.add('\nPorts:');
    for (const p of ports) {
      out.add(
        `\n PublishedPort = ${p.PublishedPort ?? 0}\n  Protocol = ${p.Protocol ?? ''}\n  TargetPort = ${p.TargetPort ?? 0}\n  PublishMode = ${p.PublishMode ?? ''}`,
      );
    }
    out.add(' ');
  }

  const health = container.Healthcheck;
  if (health) {
    out.add(
      `\n Healthcheck:\n  Interval = ${goDuration(health.Interval ?? 0)}\n  Retries = ${health.Retries ?? 0}` +
        `\n  StartPeriod =\t${goDuration(health.StartPeriod ?? 0)}\n  Timeout =\t${goDuration(health.Timeout ?? 0)}`,
    );
    if (nonEmpty(health.Test)) {
      out.add('\n  Tests:');
      for (const t of health.Test) out.add(`\n\t Test = ${t}`);
      out.add(' ');
    }
  }

  out.add('\n\n');
  return out.build();
}

function addUpdateConfig(out: TextBuilder, title: string, orderLabel: string, config: UpdateConfig | null | undefined): void {
  if (!config) return;
  out.add(`\n${title}:\n Parallelism:\t${config.Parallelism ?? 0}`);
  if ((config.Delay ?? 0) > 0) out.add(`\n Delay:\t\t${goDuration(config.Delay ?? 0)}`);
  out.add(`\n On failure:\t${config.FailureAction ?? ''}`);
  if ((config.Monitor ?? 0) > 0) out.add(`\n Monitoring Period: ${goDuration(config.Monitor ?? 0)}`);
  out.add(`\n Max failure ratio: ${goFloat(config.MaxFailureRatio ?? 0, 32)}`);
  out.add(`\n ${orderLabel}${config.Order ?? ''}`);
}

function ago(rfc3339: string, nowNanos: number): string {
  const then = timestampNanos(rfc3339);
  return humanDuration(then === undefined ? 0 : nowNanos - then) + ' ago';
}

function nonEmpty<T>(items: readonly T[] | null | undefined): items is readonly T[] {
  return !!items && items.length > 0;
}

/** The node/secret/config label block: "Labels:" then " - k=v" (" - k" for an empty value), sorted. */
function addLabels(out: TextBuilder, labels: Labels | null | undefined, title: string, itemPrefix: string): void {
  const entries = sortedEntries(labels);
  if (entries.length === 0) return;
  out.add(title);
  for (const [key, value] of entries) out.add(`${itemPrefix}${key}${value ? '=' + value : ''}`);
}

/** `docker node inspect --pretty`. */
export function renderNodePretty(node: SwarmNode): RenderedDocument {
  const out = new TextBuilder();
  const description = node.Description ?? {};
  out.add(`ID:\t\t\t${node.ID}`);
  if (node.Spec?.Name) out.add(`\nName:\t\t\t${node.Spec.Name}`);
  addLabels(out, node.Spec?.Labels, '\nLabels:', '\n - ');
  out.add(`\nHostname:              \t${description.Hostname ?? ''}`);
  out.add(`\nJoined at:             \t${prettyTime(node.CreatedAt)}`);
  out.add(`\nStatus:\n State:\t\t\t${prettyPrint(node.Status?.State ?? '')}`);
  if (node.Status?.Message) out.add(`\n Message:              \t${prettyPrint(node.Status.Message)}`);
  out.add(`\n Availability:         \t${prettyPrint(node.Spec?.Availability ?? '')}`);
  if (node.Status?.Addr) out.add(`\n Address:\t\t${node.Status.Addr}`);
  const manager = node.ManagerStatus;
  if (manager) {
    out.add(`\nManager Status:\n Address:\t\t${manager.Addr ?? ''}\n Raft Status:\t\t${prettyPrint(manager.Reachability ?? '')}`);
    out.add(manager.Leader ? '\n Leader:\t\tYes' : '\n Leader:\t\tNo');
  }
  out.add(`\nPlatform:\n Operating System:\t${description.Platform?.OS ?? ''}\n Architecture:\t\t${description.Platform?.Architecture ?? ''}`);
  const nanoCPUs = description.Resources?.NanoCPUs ?? 0;
  const memory = description.Resources?.MemoryBytes ?? 0;
  out.add(`\nResources:\n CPUs:\t\t\t${Math.trunc(nanoCPUs / 1e9)}\n Memory:\t\t${memory === 0 ? '' : bytesSize(memory)}`);

  const plugins = description.Engine?.Plugins ?? [];
  if (plugins.length > 0) {
    const byType: Record<string, string[]> = {};
    for (const p of plugins) (byType[p.Type ?? ''] ??= []).push(p.Name ?? '');
    out.add('\nPlugins:');
    for (const [type, names] of sortedEntries(byType)) {
      const joined = names.join(', ');
      out.add(`\n ${type}:${joined ? '\t\t' + joined : ''}`);
    }
  }
  out.add(`\nEngine Version:\t\t${description.Engine?.EngineVersion ?? ''}`);
  addLabels(out, description.Engine?.Labels, '\nEngine Labels:', '\n - ');

  // The CLI prints TLS info unless it equals the zero TLSInfo (empty root, nil byte slices).
  const tls = description.TLSInfo;
  const present = (v: string | null | undefined): boolean => v !== undefined && v !== null;
  if (tls && (tls.TrustRoot || present(tls.CertIssuerSubject) || present(tls.CertIssuerPublicKey))) {
    out.add(
      `\nTLS Info:\n TrustRoot:\n${tls.TrustRoot ?? ''}\n Issuer Subject:\t${tls.CertIssuerSubject ?? ''}` +
        `\n Issuer Public Key:\t${tls.CertIssuerPublicKey ?? ''}`,
    );
  }
  out.add('\n');
  return out.build();
}

/** `docker secret inspect --pretty` (the Engine never returns secret data, so none can appear). */
export function renderSecretPretty(secret: SwarmSecret): RenderedDocument {
  const out = new TextBuilder();
  out.add(`ID:              ${secret.ID}\nName:              ${secret.Spec?.Name ?? ''}`);
  addLabels(out, secret.Spec?.Labels, '\nLabels:', '\n - ');
  out.add(`\nDriver:            ${secret.Spec?.Driver?.Name ?? ''}`);
  out.add(`\nCreated at:        ${prettyTime(secret.CreatedAt)}\nUpdated at:        ${prettyTime(secret.UpdatedAt)}\n`);
  return out.build();
}

/**
 * `docker config inspect --pretty`. The CLI prints the data raw; we do the same when it is valid UTF-8 and
 * otherwise print its size, so binary data never reaches the editor.
 */
export function renderConfigPretty(config: SwarmConfig): RenderedDocument {
  const out = new TextBuilder();
  out.add(`ID:\t\t\t${config.ID}\nName:\t\t\t${config.Spec?.Name ?? ''}`);
  addLabels(out, config.Spec?.Labels, '\nLabels:', '\n - ');
  out.add(`\nCreated at:            \t${prettyTime(config.CreatedAt)}\nUpdated at:            \t${prettyTime(config.UpdatedAt)}`);
  out.add(`\nData:\n${configDataText(config.Spec?.Data)}\n`);
  return out.build();
}

/** The decoded config data when it is valid UTF-8, else a note with its size. */
export function configDataText(base64: string | null | undefined): string {
  if (!base64) return '';
  const bytes = Buffer.from(base64, 'base64');
  if (isValidUtf8(bytes)) return bytes.toString('utf8');
  return `<binary data, ${bytes.length} bytes>`;
}
