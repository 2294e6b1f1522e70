/**
 * The Swarm explorer's VS Code glue: five tree views (Services, Nodes, Networks, Secrets, Configs) over one shared
 * data cache. Work happens only while at least one view is visible: then the shared event stream runs, events
 * invalidate the kinds they touch and refresh the affected views after a short debounce, and a poll refreshes task
 * states (everything when the event stream is down). A daemon that goes away mid-session turns every view into an
 * error item with Retry; the event stream's reconnect loop brings them back when the engine returns.
 */
import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import { DockerConnection, ConnectionState } from '../docker/connection';
import { EventStreamStatus, SwarmEvent, SwarmEvents } from '../docker/events';
import {
  EXPLORER_VIEW_KINDS,
  ExplorerNode,
  ExplorerViewKind,
  emptyNode,
  errorNodes,
  networksTree,
  nodesTree,
  secretsOrConfigsTree,
  servicesTree,
  tooltipOf,
} from '../model/explorerTree';
import { RESOURCE_KINDS, ResourceKind } from '../model/raw';
import { buildNetworks, buildNodes, buildSecretsOrConfigs, buildServices } from '../model/swarmModel';
import { setContextKey } from './contextKeys';
import { KINDS_BY_VIEW, kindsForViews, staleKinds, viewsShowing } from './refreshPlan';
import { SwarmDataCache } from './swarmData';

export const EXPLORER_VIEW_IDS: Record<ExplorerViewKind, string> = {
  services: 'swarmscope.services',
  nodes: 'swarmscope.nodes',
  networks: 'swarmscope.networks',
  secrets: 'swarmscope.secrets',
  configs: 'swarmscope.configs',
};

export const DEBOUNCE_MS = 300;
const GROUPED_KEY = 'swarmscope.services.groupedByStack';

export interface ExplorerSettings {
  showLocalNetworks: boolean;
  /** Seconds; 0 turns the poll off. */
  pollIntervalSeconds: number;
}

export function explorerSettings(): ExplorerSettings {
  const c = vscode.workspace.getConfiguration('swarmscope.explorer');
  const poll = c.get<unknown>('pollInterval');
  return {
    showLocalNetworks: c.get<unknown>('showLocalNetworks') === true,
    pollIntervalSeconds: typeof poll === 'number' && poll >= 0 ? poll : 10,
  };
}

/** A row as the test API reports it. */
export interface ExplorerItemSnapshot {
  id: string;
  kind: string;
  dockerId?: string;
  label: string;
  description?: string;
  tooltip: string;
  /** The tooltip is made on hover (resolveTreeItem), not with the row. */
  tooltipDeferred: boolean;
  contextValue: string;
  icon: string;
  collapsible: ExplorerNode['collapsible'];
  childCount: number;
}

/** The tooltip the tree shows on hover: getTreeItem, then resolveTreeItem, as VS Code calls them. */
function resolvedTooltip(provider: ExplorerProvider, node: ExplorerNode): string {
  const tooltip = provider.resolveTreeItem(provider.getTreeItem(node), node).tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportThemeIcons = false;
  return md;
}

class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly kind: ExplorerViewKind,
    private readonly explorer: SwarmExplorer,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[node.collapsible];
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    // Deferred tooltips (services, tasks, nodes: hundreds of rows) are made in resolveTreeItem, on hover.
    if (typeof node.tooltip === 'string') item.tooltip = markdown(node.tooltip);
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.contextValue = node.contextValue;
    if (node.command) item.command = node.command;
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    if (item.tooltip === undefined) item.tooltip = markdown(tooltipOf(node));
    return item;
  }

  getChildren(node?: ExplorerNode): vscode.ProviderResult<ExplorerNode[]> {
    if (node) return node.children ?? [];
    return this.explorer.rootNodes(this.kind);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export class SwarmExplorer implements vscode.Disposable {
  private readonly providers = new Map<ExplorerViewKind, ExplorerProvider>();
  private readonly views = new Map<ExplorerViewKind, vscode.TreeView<ExplorerNode>>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly cache: SwarmDataCache;
  private settings: ExplorerSettings;
  private grouped: boolean;
  private active = false;
  private eventsHandle: { dispose(): void } | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private debounceTimer: NodeJS.Timeout | undefined;
  private readonly pendingKinds = new Set<ResourceKind>();
  /** Data was shown for the current endpoint: a later failure means the daemon went away (error item, not welcome). */
  private hadData = false;
  /** Set while the daemon is gone mid-session: the message every view shows. */
  private lost: string | undefined;
  private lastClient: unknown;
  private streamWasDown = false;
  /** True when a connection failure is shown as the views' error rows (data was shown before on this endpoint). */
  get showsErrorRows(): boolean {
    return this.hadData || this.lost !== undefined;
  }

  /** Refreshes triggered by events, polls, reconnects and commands (not the initial load). */
  refreshCount = 0;

  constructor(
    private readonly connection: DockerConnection,
    private readonly events: SwarmEvents,
    private readonly log: vscode.LogOutputChannel,
    private readonly memento: vscode.Memento,
  ) {
    this.settings = explorerSettings();
    this.grouped = memento.get<boolean>(GROUPED_KEY, true);
    void setContextKey('swarmscope.servicesGrouped', this.grouped);
    this.cache = new SwarmDataCache(
      async () => (await this.connection.client()).docker,
      () => ({ includeLocalNetworks: this.settings.showLocalNetworks }),
    );
    for (const kind of EXPLORER_VIEW_KINDS) {
      const provider = new ExplorerProvider(kind, this);
      const view = vscode.window.createTreeView(EXPLORER_VIEW_IDS[kind], {
        treeDataProvider: provider,
        showCollapseAll: kind !== 'secrets' && kind !== 'configs',
        // Scale and Remove act on every selected service.
        canSelectMany: true,
      });
      this.providers.set(kind, provider);
      this.views.set(kind, view);
      this.disposables.push(view, provider, view.onDidChangeVisibility(() => this.updateActivity()));
    }
    this.disposables.push(
      connection.onDidChange((s) => this.onConnectionChange(s)),
      events.onEvent((e) => this.onEvent(e)),
      events.onStatus((s) => this.onStreamStatus(s)),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChange(e)),
    );
    this.updateActivity();
  }

  get anyVisible(): boolean {
    return [...this.views.values()].some((v) => v.visible);
  }

  get servicesView(): vscode.TreeView<ExplorerNode> {
    const view = this.views.get('services');
    if (!view) throw new Error('the Services view was not created');
    return view;
  }

  get groupedByStack(): boolean {
    return this.grouped;
  }

  async setGroupedByStack(grouped: boolean): Promise<void> {
    this.grouped = grouped;
    await this.memento.update(GROUPED_KEY, grouped);
    await setContextKey('swarmscope.servicesGrouped', grouped);
    this.providers.get('services')?.refresh();
  }

  /** The rows of a view: its roots, or the children of the row with `parentId`, as the tree shows them. */
  async items(kind: ExplorerViewKind, parentId?: string): Promise<ExplorerItemSnapshot[]> {
    const provider = this.providers.get(kind);
    if (!provider) return [];
    const roots = (await provider.getChildren()) ?? [];
    const nodes = parentId === undefined ? roots : (findNode(roots, parentId)?.children ?? []);
    return nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      dockerId: n.dockerId,
      label: n.label,
      description: n.description,
      tooltip: resolvedTooltip(provider, n),
      tooltipDeferred: provider.getTreeItem(n).tooltip === undefined,
      contextValue: n.contextValue,
      icon: n.icon.id,
      collapsible: n.collapsible,
      childCount: n.children?.length ?? 0,
    }));
  }

  /** Builds the root rows of a view from the cache, listing what is missing. */
  async rootNodes(kind: ExplorerViewKind): Promise<ExplorerNode[]> {
    const errors = (message: string): ExplorerNode[] =>
      errorNodes(kind, message, { retry: Commands.retryConnection, chooseContext: Commands.chooseContext, showLog: Commands.showLog });
    if (this.lost !== undefined) return errors(this.lost);
    let client;
    try {
      client = await this.connection.client();
    } catch (err) {
      // Cannot connect at all: the welcome content explains it, unless data was shown before.
      return this.hadData ? errors(errorMessage(err)) : [];
    }
    if (client.info.swarm.state !== 'active' || client.info.swarm.role !== 'manager') return [];
    let tree: ExplorerNode[];
    try {
      const snapshot = await this.cache.get(KINDS_BY_VIEW[kind]);
      const now = Date.now();
      switch (kind) {
        case 'services':
          tree = servicesTree(buildServices(snapshot, now), { grouped: this.grouped });
          break;
        case 'nodes':
          tree = nodesTree(buildNodes(snapshot, now));
          break;
        case 'networks':
          tree = networksTree(buildNetworks(snapshot, { includeLocal: this.settings.showLocalNetworks }));
          break;
        case 'secrets':
          tree = secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.secrets, snapshot.services, 'secret', now));
          break;
        case 'configs':
          tree = secretsOrConfigsTree(buildSecretsOrConfigs(snapshot.configs, snapshot.services, 'config', now));
          break;
      }
    } catch (err) {
      const error = this.connection.reportFailure(err);
      this.log.warn(`Listing for the ${kind} view failed: ${error.message}`);
      return errors(error.message);
    }
    this.hadData = true;
    this.lastClient = client;
    // An empty Services view shows its welcome content ("No services yet"); the others say so in a row.
    if (tree.length === 0 && kind !== 'services') tree = [emptyNode(kind)];
    return tree;
  }

  private updateActivity(): void {
    const visible = this.anyVisible;
    if (visible && !this.active) {
      this.active = true;
      // Nothing was watched while hidden: whatever is cached may be stale.
      this.cache.invalidate();
      this.eventsHandle = this.events.start();
      this.startPoll();
    } else if (!visible && this.active) {
      this.active = false;
      this.eventsHandle?.dispose();
      this.eventsHandle = undefined;
      this.stopPoll();
      if (this.debounceTimer) clearTimeout(this.debounceTimer);
      this.debounceTimer = undefined;
      this.pendingKinds.clear();
    }
  }

  private startPoll(): void {
    this.stopPoll();
    const seconds = this.settings.pollIntervalSeconds;
    if (seconds <= 0) return;
    this.pollTimer = setInterval(() => this.poll(), Math.max(1, seconds) * 1000);
  }

  private stopPoll(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** Task states have no swarm events: list tasks again for the visible views that show them (all kinds without events). */
  private poll(): void {
    if (!this.active || this.lost !== undefined || this.connection.current.status !== 'connected') return;
    const visible = EXPLORER_VIEW_KINDS.filter((k) => this.views.get(k)?.visible);
    if (this.events.status !== 'live') {
      this.invalidate(kindsForViews(visible));
    } else if (visible.includes('services') || visible.includes('nodes')) {
      this.invalidate(['tasks']);
    }
  }

  private onEvent(e: SwarmEvent): void {
    if (!this.active) return;
    for (const k of staleKinds([e])) this.pendingKinds.add(k);
    if (this.debounceTimer) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      const kinds = [...this.pendingKinds];
      this.pendingKinds.clear();
      this.invalidate(kinds);
    }, DEBOUNCE_MS);
  }

  private onStreamStatus(status: EventStreamStatus): void {
    if (status === 'down' || status === 'connecting') {
      if (status === 'down') this.streamWasDown = true;
      return;
    }
    if (status === 'live' && this.streamWasDown) {
      // Events were missed while the stream was down.
      this.streamWasDown = false;
      this.invalidate(RESOURCE_KINDS);
    }
  }

  /** Forgets the kinds and refreshes the views that show them; VS Code lists again only for visible views. */
  private invalidate(kinds: Iterable<ResourceKind>): void {
    const set = new Set(kinds);
    if (set.size === 0) return;
    this.cache.invalidate(set);
    this.refreshCount++;
    for (const view of viewsShowing(set, EXPLORER_VIEW_KINDS)) this.providers.get(view)?.refresh();
  }

  private onConnectionChange(state: ConnectionState): void {
    switch (state.status) {
      case 'error':
        if (this.hadData && this.lost === undefined) {
          this.lost = state.error.message;
          this.log.warn(`The explorer lost Docker: ${state.error.message}`);
          for (const p of this.providers.values()) p.refresh();
        }
        break;
      case 'connected':
        if (this.lost !== undefined || (this.lastClient !== undefined && this.lastClient !== state.client)) {
          if (this.lost !== undefined) this.log.info('Docker is back; refreshing the explorer');
          this.lost = undefined;
          this.invalidate(RESOURCE_KINDS);
        }
        break;
      case 'idle':
        // A reset (Retry, Refresh, settings): list everything again from the new client.
        this.lost = undefined;
        this.invalidate(RESOURCE_KINDS);
        break;
      case 'connecting':
        break;
    }
  }

  private onConfigurationChange(e: vscode.ConfigurationChangeEvent): void {
    if (['host', 'context', 'tls'].some((k) => e.affectsConfiguration(`swarmscope.${k}`))) {
      // Another endpoint: a failure to connect there is "cannot connect", not "went away".
      this.hadData = false;
      this.lastClient = undefined;
    }
    if (!e.affectsConfiguration('swarmscope.explorer')) return;
    const before = this.settings;
    this.settings = explorerSettings();
    if (before.showLocalNetworks !== this.settings.showLocalNetworks) this.invalidate(['networks']);
    if (before.pollIntervalSeconds !== this.settings.pollIntervalSeconds && this.active) this.startPoll();
  }

  dispose(): void {
    this.stopPoll();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.eventsHandle?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function findNode(nodes: readonly ExplorerNode[], id: string): ExplorerNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = n.children ? findNode(n.children, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
