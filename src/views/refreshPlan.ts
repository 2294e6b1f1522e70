/**
 * Which list requests each explorer view needs and which ones an engine event makes stale (no `vscode` import).
 * One refresh lists each stale kind once, whatever the number of views that show it.
 */
import type { SwarmEventType } from '../docker/events';
import type { ExplorerViewKind } from '../model/explorerTree';
import type { ResourceKind } from '../model/raw';

export const KINDS_BY_VIEW: Record<ExplorerViewKind, readonly ResourceKind[]> = {
  services: ['services', 'tasks', 'nodes'],
  nodes: ['nodes', 'tasks', 'services'],
  networks: ['networks', 'services'],
  secrets: ['secrets', 'services'],
  configs: ['configs', 'services'],
};

/** Service updates replace tasks; node changes move them; a container of a task changing state is a task change. */
export const KINDS_BY_EVENT: Record<SwarmEventType, readonly ResourceKind[]> = {
  service: ['services', 'tasks'],
  task: ['tasks'],
  node: ['nodes', 'tasks'],
  network: ['networks'],
  secret: ['secrets'],
  config: ['configs'],
};

/** The kinds a batch of events makes stale. */
export function staleKinds(events: Iterable<{ type: SwarmEventType }>): Set<ResourceKind> {
  const out = new Set<ResourceKind>();
  for (const e of events) for (const k of KINDS_BY_EVENT[e.type]) out.add(k);
  return out;
}

/** The views that show any of `kinds`. */
export function viewsShowing(kinds: ReadonlySet<ResourceKind>, views: readonly ExplorerViewKind[]): ExplorerViewKind[] {
  return views.filter((v) => KINDS_BY_VIEW[v].some((k) => kinds.has(k)));
}

/** The kinds to list for a set of visible views: their union, so each kind is requested once. */
export function kindsForViews(views: Iterable<ExplorerViewKind>): Set<ResourceKind> {
  const out = new Set<ResourceKind>();
  for (const v of views) for (const k of KINDS_BY_VIEW[v]) out.add(k);
  return out;
}
