/**
 * Follows a service after create, scale, update, rollback or redeploy until it converges (all desired tasks of the
 * current spec running, and still running after a stability period, like the CLI's "verify: Service converged"),
 * pauses, rolls back, or stops making progress; the outcome carries the failing tasks' own error text
 * ("no suitable node (scheduling constraints not satisfied on 1 node)"). Stopping the watch (AbortSignal) never
 * touches the rollout itself.
 *
 * `assessRollout` is the pure part (one snapshot → a verdict); `watchRollout` polls the engine.
 */
import type Dockerode from 'dockerode';
import { OperationError, Service, Task, inspectService, listTasks } from './engineApi';

/** What started the rollout: a manual rollback expects `rollback_completed`; anything else expects `completed` or no update. */
export type RolloutKind = 'create' | 'scale' | 'update' | 'rollback';

export type RolloutVerdict =
  | { state: 'progressing'; running: number; desired: number; message: string; errors: string[] }
  | { state: 'converged'; running: number; desired: number; message: string; errors: string[] }
  | { state: 'paused' | 'rolled-back'; running: number; desired: number; message: string; errors: string[] };

export interface RolloutSnapshot {
  service: Service;
  /** Tasks of the current spec (the `_up-to-date` filter). */
  upToDate: readonly Task[];
  /** All tasks of the service, for the failures since the change. */
  all: readonly Task[];
}

const FAILED_STATES = new Set(['failed', 'rejected']);

function taskTime(t: Task): number {
  const s = Date.parse(t.Status?.Timestamp ?? t.CreatedAt ?? '');
  return Number.isNaN(s) ? 0 : s;
}

/**
 * When the change being watched was made: the update's start when the engine reports one (the engine clears the
 * update status on every new spec, and bumps UpdatedAt again when it pauses), else the last spec change (create,
 * scale).
 */
export function changeTime(service: Service): number {
  const started = Date.parse(service.UpdateStatus?.StartedAt ?? '');
  if (!Number.isNaN(started)) return started;
  const updated = Date.parse(service.UpdatedAt ?? service.CreatedAt ?? '');
  return Number.isNaN(updated) ? 0 : updated;
}

/**
 * The distinct error texts of tasks that failed, were rejected, or cannot be scheduled since the change, newest
 * first (`Status.Err`, else `Status.Message`).
 */
export function taskErrors(tasks: readonly Task[], since: number): string[] {
  const failing = tasks
    .filter((t) => {
      const state = t.Status?.State ?? '';
      const stuckPending = (state === 'pending' || state === 'assigned') && t.DesiredState === 'running' && !!t.Status?.Err;
      return (FAILED_STATES.has(state) || stuckPending) && taskTime(t) >= since;
    })
    .sort((a, b) => taskTime(b) - taskTime(a));
  const out: string[] = [];
  for (const t of failing) {
    const text = (t.Status?.Err || t.Status?.Message || t.Status?.State || '').trim();
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
}

function desiredCount(service: Service, upToDate: readonly Task[]): number {
  const replicas = service.Spec.Mode?.Replicated?.Replicas;
  if (replicas !== undefined) return replicas;
  // Global: the orchestrator creates one task per eligible node.
  return new Set(upToDate.filter((t) => t.DesiredState === 'running').map((t) => t.NodeID ?? t.ID)).size;
}

function runningCount(service: Service, upToDate: readonly Task[]): number {
  const running = upToDate.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running');
  if (service.Spec.Mode?.Replicated) return new Set(running.map((t) => t.Slot ?? t.ID)).size;
  return new Set(running.map((t) => t.NodeID ?? t.ID)).size;
}

/** One look at the service: has the change converged, paused, rolled back, or is it still going? */
export function assessRollout(snapshot: RolloutSnapshot, kind: RolloutKind): RolloutVerdict {
  const { service } = snapshot;
  const desired = desiredCount(service, snapshot.upToDate);
  const running = runningCount(service, snapshot.upToDate);
  const errors = taskErrors(snapshot.all, changeTime(service));
  const update = service.UpdateStatus ?? undefined;
  const updateState = update?.State ?? '';
  const updateMessage = update?.Message ?? '';
  const tasks = `${running}/${desired} task${desired === 1 ? '' : 's'} running`;

  switch (updateState) {
    case 'paused':
      return { state: 'paused', running, desired, errors, message: `Update paused: ${updateMessage || 'the engine paused the update'}` };
    case 'rollback_paused':
      return { state: 'paused', running, desired, errors, message: `Rollback paused: ${updateMessage || 'the engine paused the rollback'}` };
    case 'rollback_started':
      return { state: 'progressing', running, desired, errors, message: `Rolling back (${tasks})${updateMessage ? `: ${updateMessage}` : ''}` };
    case 'rollback_completed':
      if (kind !== 'rollback') {
        return { state: 'rolled-back', running, desired, errors, message: `The update was rolled back: ${updateMessage || 'rollback completed'}` };
      }
      break;
    case 'updating':
      return { state: 'progressing', running, desired, errors, message: `Updating (${tasks})` };
    default:
      break;
  }
  // Tasks of the current spec that should run but do not (pending, starting, failed and not yet replaced).
  const notRunning = snapshot.upToDate.filter((t) => t.DesiredState === 'running' && t.Status?.State !== 'running').length;
  if (running >= desired && notRunning === 0) return { state: 'converged', running, desired, errors, message: tasks };
  return { state: 'progressing', running, desired, errors, message: tasks };
}

export type RolloutOutcome =
  | { kind: 'converged'; message: string; running: number; desired: number; errors: string[] }
  | { kind: 'paused' | 'rolled-back' | 'failed' | 'timeout'; message: string; running: number; desired: number; errors: string[] }
  | { kind: 'cancelled' | 'removed'; message: string; running: number; desired: number; errors: string[] };

export interface WatchOptions {
  kind: RolloutKind;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Between polls; default 500 ms. */
  pollMs?: number;
  /** How long convergence must hold; default the service's update monitor period, else 5 s (the CLI's wait). */
  stableMs?: number;
  /** Give up with "failed" when tasks keep failing without converging for this long; default 20 s. */
  stuckMs?: number;
  /** Give up with "timeout"; default 5 minutes. */
  timeoutMs?: number;
  /** Clock and sleep, for tests. */
  now?: () => number;
}

const NS_PER_MS = 1_000_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function withErrors(message: string, errors: readonly string[]): string {
  return errors.length === 0 ? message : `${message}: ${errors.join('; ')}`;
}

/** Polls the service until the rollout ends one way or another. Never throws for engine errors after the start. */
export async function watchRollout(docker: Dockerode, serviceId: string, opts: WatchOptions): Promise<RolloutOutcome> {
  const now = opts.now ?? Date.now;
  const start = now();
  const pollMs = opts.pollMs ?? 500;
  const stuckMs = opts.stuckMs ?? 20_000;
  const timeoutMs = opts.timeoutMs ?? 300_000;
  let name = serviceId;
  let convergedSince: number | undefined;
  let failingSince: number | undefined;
  let last: RolloutVerdict | undefined;
  let lastReported = '';
  const counts = (): { running: number; desired: number; errors: string[] } => ({
    running: last?.running ?? 0,
    desired: last?.desired ?? 0,
    errors: last?.errors ?? [],
  });

  for (;;) {
    if (opts.signal?.aborted) {
      return { kind: 'cancelled', message: `Stopped watching ${name}; the rollout continues in the swarm.`, ...counts() };
    }
    let service: Service;
    let upToDate: Task[];
    let all: Task[];
    try {
      service = await inspectService(docker, serviceId);
      name = service.Spec.Name;
      [upToDate, all] = await Promise.all([
        listTasks(docker, { service: [service.ID], '_up-to-date': ['true'] }),
        listTasks(docker, { service: [service.ID] }),
      ]);
    } catch (err) {
      if (err instanceof OperationError && err.statusCode === 404) {
        return { kind: 'removed', message: `${name} was removed while it was being watched.`, ...counts() };
      }
      throw err;
    }
    const verdict = assessRollout({ service, upToDate, all }, opts.kind);
    last = verdict;
    const t = now();
    if (verdict.state === 'paused' || verdict.state === 'rolled-back') {
      return { kind: verdict.state, message: withErrors(`${name}: ${verdict.message}`, verdict.errors), ...counts() };
    }
    if (verdict.state === 'converged') {
      failingSince = undefined;
      convergedSince ??= t;
      const monitorNs = (service.Spec.UpdateConfig as { Monitor?: number } | undefined)?.Monitor;
      const stableMs = opts.stableMs ?? (monitorNs ? monitorNs / NS_PER_MS : 5000);
      if (t - convergedSince >= stableMs) {
        return { kind: 'converged', message: `${name} converged: ${verdict.message}.`, ...counts() };
      }
      report(`Verifying that tasks are stable (${verdict.message})`);
    } else {
      convergedSince = undefined;
      if (verdict.errors.length > 0) failingSince ??= t;
      else failingSince = undefined;
      if (failingSince !== undefined && t - failingSince >= stuckMs) {
        return { kind: 'failed', message: withErrors(`${name} did not converge (${verdict.message})`, verdict.errors), ...counts() };
      }
      report(verdict.errors.length > 0 ? `${verdict.message} — ${verdict.errors[0]}` : verdict.message);
    }
    if (t - start >= timeoutMs) {
      return {
        kind: 'timeout',
        message: withErrors(`${name} had not converged after ${Math.round(timeoutMs / 1000)} s (${verdict.message})`, verdict.errors),
        ...counts(),
      };
    }
    await sleep(pollMs, opts.signal);
  }

  function report(message: string): void {
    if (message === lastReported) return;
    lastReported = message;
    opts.onProgress?.(message);
  }
}
