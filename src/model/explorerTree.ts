/**
 * Pure mapping from the explorer's models to tree nodes: label, description, tooltip (Markdown text), icon,
 * contextValue and a stable id for every row. The VS Code glue (views/explorerViews.ts) only turns these into
 * TreeItems, so everything a user reads in the explorer is unit-testable here.
 */
import { Labels } from './raw';
import { shortId } from './format';
import {
  NetworkModel,
  NodeModel,
  SecretOrConfigModel,
  ServiceHealth,
  ServiceModel,
  ServiceRef,
  TaskModel,
  groupByStack,
} from './swarmModel';

export type ExplorerViewKind = 'services' | 'nodes' | 'networks' | 'secrets' | 'configs';
export const EXPLORER_VIEW_KINDS: readonly ExplorerViewKind[] = ['services', 'nodes', 'networks', 'secrets', 'configs'];

/** What a row stands for; commands of other features receive the node and read `kind` and `dockerId`. */
export type ExplorerNodeKind =
  | 'stack'
  | 'service'
  | 'task'
  | 'taskHistory'
  | 'node'
  | 'network'
  | 'secret'
  | 'config'
  | 'serviceRef'
  | 'error'
  | 'action'
  | 'empty';

export interface ExplorerIcon {
  /** A codicon name (`pass-filled`, `sync~spin`). */
  id: string;
  /** A theme color id (`charts.green`). */
  color?: string;
}

export interface ExplorerNode {
  /** Unique within its view and stable across refreshes (built from Docker IDs). */
  id: string;
  kind: ExplorerNodeKind;
  /** The Docker object this row stands for (service, task, node, network, secret or config ID). */
  dockerId?: string;
  /** The object's name (service name for tasks and service references). */
  name?: string;
  label: string;
  description?: string;
  /** Markdown, or a function that makes it: rows there are many of build theirs on hover (see tooltipOf). */
  tooltip: string | (() => string);
  icon: ExplorerIcon;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  children?: ExplorerNode[];
  command?: { command: string; title: string; arguments?: unknown[] };
}

/** A row's tooltip Markdown, made now if it was deferred. */
export function tooltipOf(node: ExplorerNode): string {
  return typeof node.tooltip === 'string' ? node.tooltip : node.tooltip();
}

/** Escapes text from the engine (names, labels, error messages) for a Markdown tooltip. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function labelLines(labels: Labels): string[] {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return [];
  return ['', '**Labels**', '', ...keys.map((k) => `- \`${k}\` = \`${labels[k].replace(/`/g, "'")}\``)];
}

/** Markdown from lines: consecutive lines keep their line breaks, an empty line starts a new paragraph. */
export function tooltipText(lines: readonly string[]): string {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') blocks.push([]);
    else blocks[blocks.length - 1].push(line);
  }
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('  \n'))
    .join('\n\n');
}

function join(parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---- services and tasks -------------------------------------------------------------------------------------

const HEALTH_ICON: Record<ServiceHealth, ExplorerIcon> = {
  healthy: { id: 'pass-filled', color: 'charts.green' },
  partial: { id: 'warning', color: 'charts.yellow' },
  down: { id: 'error', color: 'charts.red' },
  updating: { id: 'sync~spin', color: 'charts.blue' },
  idle: { id: 'circle-large-outline' },
};

const HEALTH_TEXT: Record<ServiceHealth, string> = {
  healthy: 'all desired tasks running',
  partial: 'some desired tasks running',
  down: 'no desired task running',
  updating: 'updating',
  idle: 'scaled to 0',
};

export function replicasText(s: ServiceModel): string {
  if (s.mode === 'replicated-job' || s.mode === 'global-job') return `${s.completed}/${s.desired} completed`;
  return `${s.running}/${s.desired}`;
}

export function serviceDescription(s: ServiceModel): string {
  return join([`${s.mode} ${replicasText(s)}`, s.image, s.ports.join(', '), s.health === 'updating' && (s.updateState ?? 'updating')]);
}

function serviceTooltip(s: ServiceModel): string {
  const lines = [
    `**${md(s.name)}** — ${s.mode}, ${replicasText(s)} running (${HEALTH_TEXT[s.health]})`,
    '',
    `Image: \`${s.imageFull.replace(/`/g, "'")}\``,
    `ID: \`${s.id}\``,
  ];
  if (s.stack) lines.push(`Stack: ${md(s.stack)}`);
  if (s.ports.length) lines.push(`Ports: ${md(s.ports.join(', '))}`);
  if (s.updateState) lines.push(`Update: ${md(s.updateState)}${s.updateMessage ? ` — ${md(s.updateMessage)}` : ''}`);
  lines.push(...labelLines(s.labels));
  return tooltipText(lines);
}

const TASK_ICONS: Record<string, ExplorerIcon> = {
  running: { id: 'play-circle', color: 'charts.green' },
  complete: { id: 'pass', color: 'charts.green' },
  failed: { id: 'error', color: 'charts.red' },
  rejected: { id: 'error', color: 'charts.red' },
  shutdown: { id: 'debug-stop', color: 'disabledForeground' },
  remove: { id: 'trash', color: 'disabledForeground' },
  orphaned: { id: 'question', color: 'charts.yellow' },
};

export function taskIcon(t: TaskModel): ExplorerIcon {
  if (t.error && t.state === 'pending') return { id: 'warning', color: 'charts.yellow' };
  return TASK_ICONS[t.state] ?? { id: 'clock', color: 'charts.blue' };
}

export function taskDescription(t: TaskModel, opts: { showNode: boolean }): string {
  const when = join([t.state + (t.age ? ` ${t.age}` : ''), opts.showNode ? t.nodeHostname : undefined]);
  return t.error ? join([t.error, when]) : when;
}

function taskTooltip(t: TaskModel): string {
  const lines = [
    `**${md(t.name)}** — ${md(t.state)} (desired: ${md(t.desiredState)})`,
    '',
    `Task: \`${t.id}\``,
    `Service: ${md(t.serviceName)}`,
  ];
  if (t.nodeHostname || t.nodeId) lines.push(`Node: ${md(t.nodeHostname ?? shortId(t.nodeId))}`);
  if (t.timestamp) lines.push(`Since: ${md(t.timestamp)} (${t.age})`);
  if (t.message) lines.push(`Message: ${md(t.message)}`);
  if (t.error) lines.push(`Error: **${md(t.error)}**`);
  if (t.containerId) lines.push(`Container: \`${shortId(t.containerId)}\``);
  if (t.exitCode !== undefined && t.exitCode !== 0) lines.push(`Exit code: ${t.exitCode}`);
  if (t.ports.length) lines.push(`Ports: ${md(t.ports.join(', '))}`);
  return tooltipText(lines);
}

export function taskNode(t: TaskModel, parentId: string, opts: { showNode: boolean }): ExplorerNode {
  return {
    id: `${parentId}/task:${t.id}`,
    kind: 'task',
    dockerId: t.id,
    name: t.serviceName,
    label: t.name,
    description: taskDescription(t, opts),
    tooltip: () => taskTooltip(t),
    icon: taskIcon(t),
    contextValue: t.current ? 'task' : 'task.history',
    collapsible: 'none',
  };
}

export function serviceNode(s: ServiceModel): ExplorerNode {
  const id = `service:${s.id}`;
  const perNode = s.mode === 'global' || s.mode === 'global-job';
  const children = s.tasks.map((t) => taskNode(t, id, { showNode: !perNode }));
  if (s.history.length > 0) {
    const historyId = `${id}/history`;
    children.push({
      id: historyId,
      kind: 'taskHistory',
      dockerId: s.id,
      name: s.name,
      label: 'History',
      description: plural(s.history.length, 'task'),
      tooltip: `Tasks of **${md(s.name)}** that are no longer desired: shut down, failed, rejected or complete.`,
      icon: { id: 'history' },
      contextValue: 'taskHistory',
      collapsible: 'collapsed',
      children: s.history.map((t) => taskNode(t, historyId, { showNode: true })),
    });
  }
  return {
    id,
    kind: 'service',
    dockerId: s.id,
    name: s.name,
    label: s.name,
    description: serviceDescription(s),
    tooltip: () => serviceTooltip(s),
    icon: HEALTH_ICON[s.health],
    contextValue: s.mode === 'global' ? 'service.global' : s.mode === 'replicated' ? 'service.replicated' : 'service.job',
    collapsible: children.length > 0 ? 'collapsed' : 'none',
    children,
  };
}

function stackNode(stack: string, services: ServiceModel[]): ExplorerNode {
  const healthy = services.filter((s) => s.health === 'healthy' || s.health === 'idle').length;
  const worst: ServiceHealth = services.some((s) => s.health === 'down')
    ? 'down'
    : services.some((s) => s.health === 'updating')
      ? 'updating'
      : healthy < services.length
        ? 'partial'
        : 'healthy';
  return {
    id: `stack:${stack}`,
    kind: 'stack',
    name: stack,
    label: stack,
    description: join([plural(services.length, 'service'), healthy < services.length && `${healthy} healthy`]),
    tooltip: `Stack **${md(stack)}** (label \`com.docker.stack.namespace\`): ${plural(services.length, 'service')}, ${healthy} with all desired tasks running.`,
    icon: { id: 'layers', color: worst === 'healthy' ? undefined : HEALTH_ICON[worst].color },
    contextValue: 'stack',
    collapsible: 'expanded',
    children: services.map(serviceNode),
  };
}

/** The Services view: stacks (expanded) then loose services, or a flat list when `grouped` is off or no stack exists. */
export function servicesTree(services: readonly ServiceModel[], opts: { grouped: boolean }): ExplorerNode[] {
  const groups = groupByStack(services);
  if (!opts.grouped || groups.every((g) => g.stack === undefined)) return services.map(serviceNode);
  const out: ExplorerNode[] = [];
  for (const g of groups) {
    if (g.stack !== undefined) out.push(stackNode(g.stack, g.services));
    else out.push(...g.services.map(serviceNode));
  }
  return out;
}

// ---- nodes --------------------------------------------------------------------------------------------------

export function nodeDescription(n: NodeModel): string {
  return join([
    n.leader ? 'manager (leader)' : n.role,
    n.availability,
    n.state,
    n.role === 'manager' && !n.leader && n.reachability !== 'reachable' ? n.reachability : undefined,
    n.engineVersion,
    n.addr,
  ]);
}

export function nodeIcon(n: NodeModel): ExplorerIcon {
  const id = n.leader ? 'star-full' : n.role === 'manager' ? 'server-environment' : 'server';
  if (n.state === 'down' || n.state === 'disconnected') return { id, color: 'charts.red' };
  if (n.state !== 'ready') return { id, color: 'charts.yellow' };
  if (n.availability !== 'active') return { id, color: 'charts.orange' };
  return { id, color: 'charts.green' };
}

function nodeTooltip(n: NodeModel): string {
  const lines = [
    `**${md(n.hostname)}** — ${n.leader ? 'manager, raft leader' : n.role}`,
    '',
    `ID: \`${n.id}\``,
    `State: ${md(n.state)}${n.stateMessage ? ` — ${md(n.stateMessage)}` : ''}`,
    `Availability: ${md(n.availability)}`,
  ];
  if (n.reachability) lines.push(`Manager reachability: ${md(n.reachability)}`);
  if (n.engineVersion) lines.push(`Engine: ${md(n.engineVersion)}`);
  if (n.addr) lines.push(`Address: ${md(n.addr)}`);
  if (n.platform) lines.push(`Platform: ${md(n.platform)}`);
  lines.push(`Tasks: ${n.tasks.length}`);
  lines.push(...labelLines(n.labels));
  return tooltipText(lines);
}

export function nodesTree(nodes: readonly NodeModel[]): ExplorerNode[] {
  return nodes.map((n) => {
    const id = `node:${n.id}`;
    return {
      id,
      kind: 'node',
      dockerId: n.id,
      name: n.hostname,
      label: n.hostname,
      description: nodeDescription(n),
      tooltip: () => nodeTooltip(n),
      icon: nodeIcon(n),
      contextValue: `node.${n.role}`,
      collapsible: n.tasks.length > 0 ? 'collapsed' : 'none',
      children: n.tasks.map((t) => taskNode(t, id, { showNode: false })),
    };
  });
}

// ---- networks, secrets, configs -----------------------------------------------------------------------------

function serviceRefNode(ref: ServiceRef, parentId: string, what: string): ExplorerNode {
  return {
    id: `${parentId}/service:${ref.id}:${ref.target ?? ''}`,
    kind: 'serviceRef',
    dockerId: ref.id,
    name: ref.name,
    label: ref.name,
    description: ref.target,
    tooltip: `Service **${md(ref.name)}**${ref.target ? ` ${what} \`${ref.target.replace(/`/g, "'")}\`` : ''}`,
    icon: { id: 'symbol-class' },
    contextValue: 'serviceRef',
    collapsible: 'none',
  };
}

export function networkDescription(n: NetworkModel): string {
  return join([n.driver, n.scope, n.ingress && 'ingress', n.attachable && 'attachable', n.internal && 'internal', n.subnets.join(', ')]);
}

export function networksTree(networks: readonly NetworkModel[]): ExplorerNode[] {
  return networks.map((n) => {
    const id = `network:${n.id}`;
    const lines = [
      `**${md(n.name)}** — ${md(n.driver)}, scope ${md(n.scope)}`,
      '',
      `ID: \`${n.id}\``,
      `Attachable: ${n.attachable ? 'yes' : 'no'}`,
      `Ingress: ${n.ingress ? 'yes' : 'no'}`,
      `Internal: ${n.internal ? 'yes' : 'no'}`,
      `Subnets: ${n.subnets.length ? md(n.subnets.join(', ')) : 'none'}`,
      `Services: ${n.services.length}`,
      ...labelLines(n.labels),
    ];
    return {
      id,
      kind: 'network',
      dockerId: n.id,
      name: n.name,
      label: n.name,
      description: networkDescription(n),
      tooltip: tooltipText(lines),
      icon: n.ingress ? { id: 'globe' } : { id: 'type-hierarchy-sub' },
      contextValue: n.scope === 'swarm' ? 'network' : 'network.local',
      collapsible: n.services.length > 0 ? 'collapsed' : 'none',
      children: n.services.map((r) => serviceRefNode(r, id, 'with aliases')),
    };
  });
}

export function secretOrConfigDescription(c: SecretOrConfigModel): string {
  return join([
    c.created && `created ${c.created}`,
    c.updated && c.updatedAt !== c.createdAt && `updated ${c.updated}`,
    c.driver && `driver ${c.driver}`,
    plural(c.services.length, 'service'),
  ]);
}

export function secretsOrConfigsTree(items: readonly SecretOrConfigModel[]): ExplorerNode[] {
  return items.map((c) => {
    const id = `${c.kind}:${c.id}`;
    const lines = [
      `**${md(c.name)}** — ${c.kind}`,
      '',
      `ID: \`${c.id}\``,
      c.createdAt ? `Created: ${md(c.createdAt)} (${c.created})` : undefined,
      c.updatedAt ? `Updated: ${md(c.updatedAt)} (${c.updated})` : undefined,
      c.driver ? `Driver: ${md(c.driver)}` : undefined,
      `Used by: ${plural(c.services.length, 'service')}`,
      c.kind === 'secret' ? '' : undefined,
      c.kind === 'secret' ? '_The Engine API never returns secret values; Swarmscope does not show them._' : undefined,
      ...labelLines(c.labels),
    ].filter((l): l is string => l !== undefined);
    return {
      id,
      kind: c.kind,
      dockerId: c.id,
      name: c.name,
      label: c.name,
      description: secretOrConfigDescription(c),
      tooltip: tooltipText(lines),
      icon: c.kind === 'secret' ? { id: 'key' } : { id: 'file-code' },
      contextValue: c.kind,
      collapsible: c.services.length > 0 ? 'collapsed' : 'none',
      children: c.services.map((r) => serviceRefNode(r, id, 'mounts it as')),
    };
  });
}

// ---- states -------------------------------------------------------------------------------------------------

/** The rows a view shows when the daemon went away: the message, then Retry and Switch Context actions. */
export function errorNodes(view: ExplorerViewKind, message: string, commands: { retry: string; chooseContext: string; showLog: string }): ExplorerNode[] {
  return [
    {
      id: `${view}/error`,
      kind: 'error',
      label: 'Cannot reach Docker',
      description: message,
      tooltip: `${md(message)}\n\nSwarmscope retries by itself; details are in the Swarmscope log.`,
      icon: { id: 'error', color: 'errorForeground' },
      contextValue: 'error',
      collapsible: 'none',
      command: { command: commands.showLog, title: 'Show Log' },
    },
    {
      id: `${view}/retry`,
      kind: 'action',
      label: 'Retry',
      tooltip: 'Connect to Docker again now.',
      icon: { id: 'refresh' },
      contextValue: 'action.retry',
      collapsible: 'none',
      command: { command: commands.retry, title: 'Retry' },
    },
    {
      id: `${view}/chooseContext`,
      kind: 'action',
      label: 'Switch Docker Context…',
      tooltip: 'Pick another docker context to connect to.',
      icon: { id: 'plug' },
      contextValue: 'action.chooseContext',
      collapsible: 'none',
      command: { command: commands.chooseContext, title: 'Switch Docker Context' },
    },
  ];
}

const EMPTY_TEXT: Record<ExplorerViewKind, string> = {
  services: 'No services',
  nodes: 'No nodes',
  networks: 'No swarm networks',
  secrets: 'No secrets',
  configs: 'No configs',
};

export function emptyNode(view: ExplorerViewKind): ExplorerNode {
  return {
    id: `${view}/empty`,
    kind: 'empty',
    label: EMPTY_TEXT[view],
    tooltip: EMPTY_TEXT[view],
    icon: { id: 'info' },
    contextValue: 'empty',
    collapsible: 'none',
  };
}

/**
 * What Copy ID / Copy Name put on the clipboard for the selected rows: one line per Docker object, in selection
 * order, without repeats. A task's name is its row label (`web.1`, as `docker service ps` shows it); every other
 * object's name is its own. Rows that stand for no Docker object (stacks, history, messages) are skipped.
 */
export function clipboardText(nodes: readonly ExplorerNode[], what: 'id' | 'name'): string {
  const out: string[] = [];
  for (const n of nodes) {
    if (!n.dockerId || !COPYABLE.has(n.kind)) continue;
    const text = what === 'id' ? n.dockerId : n.kind === 'task' ? n.label : (n.name ?? n.label);
    if (!out.includes(text)) out.push(text);
  }
  return out.join('\n');
}

const COPYABLE: ReadonlySet<ExplorerNodeKind> = new Set(['service', 'task', 'node', 'network', 'secret', 'config']);
