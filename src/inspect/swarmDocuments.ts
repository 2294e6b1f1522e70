// Readable documents for tasks and networks, which have no `--pretty` in the docker CLI. They follow the CLI's
// node view: "Label:" then tabs, sections with one-space indented fields, labels as " - k=v", times and states
// through the same PrettyPrint, sizes and durations through the same Go formats.

import { compareGoStrings, prettyPrint, prettyTime, sortedEntries } from './format';
import type { Labels, PortConfig, RenderedDocument, SwarmNetwork, SwarmTask } from './model';
import { TextBuilder } from './textBuilder';

export interface TaskRenderContext {
  serviceName?: string;
  nodeHostname?: string;
  /** Network ID → name. */
  networkNames: ReadonlyMap<string, string>;
}

const TERMINAL_STATES = new Set(['complete', 'shutdown', 'failed', 'rejected', 'orphaned', 'remove']);

export function renderTaskDocument(task: SwarmTask, ctx: TaskRenderContext): RenderedDocument {
  const out = new TextBuilder();
  const status = task.Status ?? {};
  const serviceName = ctx.serviceName ?? task.ServiceID ?? '';
  const container = task.Spec?.ContainerSpec ?? {};

  out.add(`ID:\t\t\t${task.ID}\nName:\t\t\t${taskName(task, ctx.serviceName)}`);
  out.add('\nService:\t\t').link(serviceName, 'service', task.ServiceID);
  if (task.Slot) out.add(`\nSlot:\t\t\t${task.Slot}`);
  out.add('\nNode:\t\t\t').link(ctx.nodeHostname ?? task.NodeID ?? '', 'node', task.NodeID);
  addLabels(out, task.Labels);
  out.add(`\nCreated at:            \t${prettyTime(task.CreatedAt)}`);
  out.add(`\nUpdated at:            \t${prettyTime(task.UpdatedAt)}`);

  out.add('\nStatus:');
  out.add(`\n Desired State:\t\t${prettyPrint(task.DesiredState ?? '')}`);
  out.add(`\n Current State:\t\t${prettyPrint(status.State ?? '')}`);
  out.add(`\n Since:\t\t\t${prettyTime(status.Timestamp)}`);
  if (status.Message) out.add(`\n Message:\t\t${status.Message}`);
  if (status.Err) out.add(`\n Error:\t\t\t${status.Err}`);
  const cs = status.ContainerStatus;
  if (cs?.ContainerID) out.add(`\n Container ID:\t\t${cs.ContainerID}`);
  if (cs?.PID) out.add(`\n PID:\t\t\t${cs.PID}`);
  if (cs && TERMINAL_STATES.has(status.State ?? '')) out.add(`\n Exit Code:\t\t${cs.ExitCode ?? 0}`);

  out.add(`\nContainerSpec:\n Image:\t\t\t${container.Image ?? ''}`);
  if (container.Command?.length) out.add(`\n Command:\t\t${container.Command.join(' ')}`);
  if (container.Args?.length) out.add(`\n Args:\t\t\t${container.Args.join(' ')}`);

  const attachments = task.NetworksAttachments ?? [];
  if (attachments.length > 0) {
    out.add('\nNetworks:');
    for (const a of attachments) {
      const id = a.Network?.ID ?? '';
      const name = ctx.networkNames.get(id) ?? a.Network?.Spec?.Name ?? id;
      out.add('\n ').link(name, 'network', id || undefined);
      out.add(`:\t\t${(a.Addresses ?? []).join(', ')}`);
    }
  }
  addPorts(out, status.PortStatus?.Ports ?? []);
  out.add('\n');
  return out.build();
}

/** `<service>.<slot>` for replicated tasks, `<service>.<node ID>` for global ones, as `docker service ps` names them. */
export function taskName(task: SwarmTask, serviceName: string | undefined): string {
  const base = serviceName ?? task.ServiceID ?? '';
  if (task.Slot) return `${base}.${task.Slot}`;
  if (task.NodeID) return `${base}.${task.NodeID}`;
  return task.ID;
}

function addPorts(out: TextBuilder, ports: readonly PortConfig[]): void {
  // The Engine can report a host-mode port twice; one line each is enough.
  const lines = [...new Set(ports.map((p) => ` ${p.PublishedPort ?? 0}:${p.TargetPort ?? 0}/${p.Protocol ?? 'tcp'}\t(${p.PublishMode ?? 'ingress'})`))];
  if (lines.length === 0) return;
  out.add('\nPorts:');
  for (const line of lines) out.add('\n' + line);
}

function addLabels(out: TextBuilder, labels: Labels | null | undefined): void {
  const entries = sortedEntries(labels);
  if (entries.length === 0) return;
  out.add('\nLabels:');
  for (const [key, value] of entries) out.add(`\n - ${key}${value ? '=' + value : ''}`);
}

export interface NetworkServiceEntry {
  id: string;
  name: string;
  /** The service's virtual IPs on this network (CIDR form). */
  virtualIPs: string[];
  tasks: { id: string; name: string; nodeId?: string; node?: string; addresses: string[] }[];
}

export interface NetworkRenderContext {
  /** Services whose task template attaches this network, with their running tasks' addresses. */
  services: readonly NetworkServiceEntry[];
}

export function renderNetworkDocument(network: SwarmNetwork, ctx: NetworkRenderContext): RenderedDocument {
  const out = new TextBuilder();
  out.add(`ID:\t\t\t${network.Id ?? ''}\nName:\t\t\t${network.Name ?? ''}`);
  addLabels(out, network.Labels);
  out.add(`\nDriver:\t\t\t${network.Driver ?? ''}\nScope:\t\t\t${network.Scope ?? ''}`);
  if (network.Created) out.add(`\nCreated at:            \t${prettyTime(network.Created)}`);
  out.add(`\nAttachable:\t\t${network.Attachable ?? false}\nIngress:\t\t${network.Ingress ?? false}`);
  out.add(`\nInternal:\t\t${network.Internal ?? false}\nIPv6:\t\t\t${network.EnableIPv6 ?? false}`);

  const ipam = network.IPAM ?? {};
  out.add(`\nIPAM:\n Driver:\t\t${ipam.Driver ?? ''}`);
  for (const [key, value] of sortedEntries(ipam.Options)) out.add(`\n ${key}:\t${value}`);
  for (const c of ipam.Config ?? []) {
    out.add(`\n Subnet:\t\t${c.Subnet ?? ''}`);
    if (c.Gateway) out.add(`\n  Gateway:\t\t${c.Gateway}`);
    if (c.IPRange) out.add(`\n  IP Range:\t\t${c.IPRange}`);
  }

  const options = sortedEntries(network.Options);
  if (options.length > 0) {
    out.add('\nOptions:');
    for (const [key, value] of options) out.add(`\n ${key}${value ? ': ' + value : ''}`);
  }

  const peers = [...(network.Peers ?? [])].sort((a, b) => compareGoStrings(a.Name ?? '', b.Name ?? ''));
  if (peers.length > 0) {
    out.add('\nPeers:');
    for (const p of peers) out.add(`\n ${p.Name ?? ''}:\t\t${p.IP ?? ''}`);
  }

  const services = [...ctx.services].sort((a, b) => compareGoStrings(a.name, b.name));
  if (services.length > 0) {
    out.add('\nServices:');
    for (const s of services) {
      out.add('\n ').link(s.name, 'service', s.id);
      if (s.virtualIPs.length > 0) out.add(`\n  VIP:\t\t\t${s.virtualIPs.join(', ')}`);
      const tasks = [...s.tasks].sort((a, b) => compareGoStrings(a.name, b.name));
      for (const t of tasks) {
        out.add('\n  ').link(t.name, 'task', t.id);
        out.add(`:\t\t${t.addresses.join(', ')}`);
        if (t.node) out.add(' on ').link(t.node, 'node', t.nodeId);
      }
    }
  }
  out.add('\n');
  return out.build();
}
