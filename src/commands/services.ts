/**
 * Service commands: Create (guided, previewing the equivalent `docker service create …`), Scale (several at once),
 * Update Image, Force Redeploy, Add/Remove Environment Variable, Rollback, Remove (modal naming every service and
 * its running tasks). Changes are followed with a cancellable progress notification until the rollout ends.
 * Each takes a Services view item (or a multi-selection) or `{ service | services, … }`.
 */
import * as vscode from 'vscode';
import { engineRequest, inspectService, listServices } from '../operations/engineApi';
import { RolloutOutcome } from '../operations/rollout';
import { FileReference, RestartCondition, ServiceForm, renderCreateCommand, validateServiceForm } from '../operations/serviceForm';
import {
  addServiceEnv,
  createService,
  envKey,
  forceRedeploy,
  removalQuestion,
  removeService,
  replicasOf,
  rollbackService,
  scaleService,
  summarizeServices,
  updateServiceImage,
} from '../operations/services';
import { removeServiceEnv } from '../operations/services';
import {
  parseConstraint,
  parseEnv,
  parsePort,
  parseReplicas,
  validateImage,
  validateServiceName,
} from '../operations/validate';
import { Commands } from './ids';
import { CommandResult, ConfirmArgs, WatchArgs, argsOf, targetsOf } from './swarm';
import type { OperationRunner } from './swarm';

export interface ServiceTargetArgs {
  service?: string;
  services?: string[];
  watch?: WatchArgs;
}

export interface CreateServiceArgs extends ConfirmArgs {
  form?: ServiceForm;
  watch?: WatchArgs;
}

export interface ScaleArgs extends ServiceTargetArgs {
  replicas?: number;
}

export interface UpdateImageArgs extends ServiceTargetArgs {
  image?: string;
}

export interface EnvArgs extends ServiceTargetArgs {
  /** `KEY=VALUE` to add or replace. */
  env?: string[];
  /** Names to remove. */
  keys?: string[];
}

export interface RemoveServiceArgs extends ServiceTargetArgs, ConfirmArgs {}
export interface RollbackArgs extends ServiceTargetArgs, ConfirmArgs {}

const SERVICE_KINDS = ['service', 'serviceRef'];

async function pickServices(runner: OperationRunner, title: string, many: boolean): Promise<string[] | undefined> {
  const services = await listServices(await runner.docker());
  const items = services
    .map((s) => ({
      label: s.Spec.Name,
      description: [s.Spec.Mode?.Replicated ? `replicated ${replicasOf(s)}` : 'global', s.Spec.TaskTemplate.ContainerSpec?.Image?.split('@')[0]]
        .filter(Boolean)
        .join(' · '),
      id: s.ID,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (many) {
    const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true });
    return picked && picked.length > 0 ? picked.map((p) => p.id) : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  return picked ? [picked.id] : undefined;
}

async function serviceTargets(runner: OperationRunner, first: unknown, second: unknown, title: string, many: boolean): Promise<string[] | undefined> {
  return targetsOf(first, second, SERVICE_KINDS, 'service', 'services') ?? (await pickServices(runner, title, many));
}

/** The result of a change that was followed: one outcome per service. */
type Followed = { services: { id: string; name: string; outcome?: RolloutOutcome }[] };

function allConverged(f: Followed): boolean {
  return f.services.every((s) => s.outcome === undefined || s.outcome.kind === 'converged');
}

// ---- the guided Create Service input --------------------------------------------------------------------------

const CREATE_STEPS = 11;

/** Repeats an input box until it is left empty; undefined when dismissed. */
async function collectList(
  runner: OperationRunner,
  title: string,
  prompt: string,
  validate: (value: string) => string | undefined,
): Promise<string[] | undefined> {
  const items: string[] = [];
  for (;;) {
    const value = await runner.input({
      title,
      prompt: `${prompt}${items.length ? ` — so far: ${items.join(', ')}` : ''}. Leave empty to continue.`,
      validateInput: (v) => (v.trim() === '' ? undefined : validate(v.trim())),
    });
    if (value === undefined) return undefined;
    if (value.trim() === '') return items;
    items.push(value.trim());
  }
}

async function pickNames(
  runner: OperationRunner,
  title: string,
  kind: 'networks' | 'secrets' | 'configs',
): Promise<string[] | undefined> {
  const docker = await runner.docker();
  let names: string[];
  if (kind === 'networks') {
    const networks = await engineRequest<{ Name: string; Scope?: string; Driver?: string; Ingress?: boolean }[]>(docker, { method: 'GET', path: '/networks' });
    names = networks.filter((n) => n.Scope === 'swarm' && !n.Ingress).map((n) => n.Name);
  } else {
    const list = await engineRequest<{ Spec: { Name: string } }[]>(docker, { method: 'GET', path: `/${kind}` });
    names = list.map((o) => o.Spec.Name);
  }
  if (names.length === 0) return [];
  const picked = await vscode.window.showQuickPick(
    names.sort().map((label) => ({ label })),
    { title, canPickMany: true, ignoreFocusOut: true, placeHolder: 'Select none to skip' },
  );
  return picked?.map((p) => p.label);
}

async function fileTargets(runner: OperationRunner, names: string[], kind: 'secret' | 'config'): Promise<FileReference[] | undefined> {
  const out: FileReference[] = [];
  for (const source of names) {
    const fallback = kind === 'secret' ? source : `/${source}`;
    const target = await runner.input({
      title: `Create Service: target of ${kind} ${source}`,
      prompt: kind === 'secret' ? 'File name under /run/secrets (or an absolute path)' : 'Absolute path in the container',
      value: fallback,
      validateInput: (v) => (v.trim() === '' ? 'A target is required.' : undefined),
    });
    if (target === undefined) return undefined;
    out.push(target.trim() === fallback ? { source } : { source, target: target.trim() });
  }
  return out;
}

/** Walks the user through every field; undefined when any step is dismissed. */
async function guidedServiceForm(runner: OperationRunner): Promise<ServiceForm | undefined> {
  const step = (n: number): string => `Create Service (${n}/${CREATE_STEPS})`;
  const image = await runner.input({ title: step(1), prompt: 'Image, e.g. nginx:1.27', validateInput: (v) => validateImage(v.trim()) });
  if (image === undefined) return undefined;
  const suggested = image.trim().split('/').pop()?.split(/[:@]/)[0]?.replace(/[^A-Za-z0-9_-]/g, '-') ?? '';
  const name = await runner.input({ title: step(2), prompt: 'Service name', value: suggested, validateInput: (v) => validateServiceName(v.trim()) });
  if (name === undefined) return undefined;
  const mode = await vscode.window.showQuickPick(
    [
      { label: 'replicated', description: 'N tasks spread over the nodes' },
      { label: 'global', description: 'one task on every eligible node' },
    ],
    { title: step(3), ignoreFocusOut: true },
  );
  if (!mode) return undefined;
  const form: ServiceForm = { image: image.trim(), name: name.trim(), mode: mode.label as ServiceForm['mode'] };
  if (form.mode === 'replicated') {
    const replicas = await runner.input({
      title: step(4),
      prompt: 'Number of replicas',
      value: '1',
      validateInput: (v) => {
        const p = parseReplicas(v);
        return p.ok ? undefined : p.error;
      },
    });
    if (replicas === undefined) return undefined;
    const p = parseReplicas(replicas);
    if (p.ok) form.replicas = p.value;
  }
  const ports = await collectList(runner, step(5), 'Published port: 8080:80, 8080:80/udp or published=8080,target=80,mode=host', (v) => {
    const p = parsePort(v);
    return p.ok ? undefined : p.error;
  });
  if (ports === undefined) return undefined;
  form.ports = ports;
  const networks = await pickNames(runner, `${step(6)}: networks`, 'networks');
  if (networks === undefined) return undefined;
  form.networks = networks;
  const env = await collectList(runner, step(7), 'Environment variable KEY=VALUE', (v) => {
    const p = parseEnv(v);
    return p.ok ? undefined : p.error;
  });
  if (env === undefined) return undefined;
  form.env = env;
  const secretNames = await pickNames(runner, `${step(8)}: secrets`, 'secrets');
  if (secretNames === undefined) return undefined;
  const secrets = await fileTargets(runner, secretNames, 'secret');
  if (secrets === undefined) return undefined;
  form.secrets = secrets;
  const configNames = await pickNames(runner, `${step(9)}: configs`, 'configs');
  if (configNames === undefined) return undefined;
  const configs = await fileTargets(runner, configNames, 'config');
  if (configs === undefined) return undefined;
  form.configs = configs;
  const constraints = await collectList(runner, step(10), 'Placement constraint, e.g. node.role==worker or node.labels.zone==eu', (v) => {
    const p = parseConstraint(v);
    return p.ok ? undefined : p.error;
  });
  if (constraints === undefined) return undefined;
  form.constraints = constraints;
  const restart = await vscode.window.showQuickPick(
    [
      { label: 'any', description: 'restart whenever a task stops (default)' },
      { label: 'on-failure', description: 'restart only after a non-zero exit' },
      { label: 'none', description: 'never restart' },
    ],
    { title: `${step(11)}: restart policy`, ignoreFocusOut: true },
  );
  if (!restart) return undefined;
  if (restart.label !== 'any') form.restartCondition = restart.label as RestartCondition;
  return form;
}

// ---- registration ---------------------------------------------------------------------------------------------

export function registerServiceCommands(context: vscode.ExtensionContext, runner: OperationRunner): void {
  const create = (arg?: unknown): Promise<CommandResult<{ id: string; name: string; command: string; outcome?: RolloutOutcome }>> =>
    runner.run<{ id: string; name: string; command: string; outcome?: RolloutOutcome }>('Create Service', async () => {
      const args = argsOf<CreateServiceArgs>(arg) ?? {};
      const form = args.form ?? (await guidedServiceForm(runner));
      if (!form) return { status: 'dismissed' };
      const problems = validateServiceForm(form);
      if (problems.length > 0) return runner.fail('Create Service', new Error(problems.join(' ')));
      const command = renderCreateCommand(form);
      runner.log.info(`Create Service ${form.name}: ${command}`);
      if (args.confirm === undefined) {
        const choice = await vscode.window.showInformationMessage(
          `Create service ${form.name}?`,
          { modal: true, detail: `Equivalent command:\n\n${command}` },
          'Create',
          'Copy Command',
        );
        if (choice === 'Copy Command') {
          await vscode.env.clipboard.writeText(command);
          return { status: 'declined' };
        }
        if (choice !== 'Create') return { status: 'declined' };
      } else if (!args.confirm) {
        return { status: 'declined' };
      }
      const docker = await runner.docker();
      const created = await createService(docker, form);
      for (const w of created.warnings) runner.log.warn(`${form.name}: ${w}`);
      const outcome = await runner.followRollout(created.id, created.name, 'create', args.watch);
      if (!outcome) runner.info(`Service ${created.name} created.`);
      return { status: 'done', id: created.id, name: created.name, command, outcome };
    });

  /** Applies one change to each target, then follows all rollouts in parallel. */
  const changeEach = async (
    targets: string[],
    apply: (id: string) => Promise<{ id: string; name: string }>,
    kind: 'scale' | 'update' | 'rollback',
    watch: WatchArgs | undefined,
  ): Promise<Followed> => {
    const changed: { id: string; name: string }[] = [];
    for (const t of targets) changed.push(await apply(t));
    const outcomes = await Promise.all(changed.map((c) => runner.followRollout(c.id, c.name, kind, watch)));
    return { services: changed.map((c, i) => ({ ...c, outcome: outcomes[i] })) };
  };

  const scale = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Scale Service', async () => {
      const args = argsOf<ScaleArgs>(first) ?? {};
      const targets = await serviceTargets(runner, first, second, 'Scale which services?', true);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      let replicas = args.replicas;
      if (replicas === undefined) {
        const current = await Promise.all(targets.map((t) => inspectService(docker, t)));
        const names = current.map((s) => s.Spec.Name).join(', ');
        const now = [...new Set(current.map((s) => replicasOf(s) ?? 0))];
        const value = await runner.input({
          title: `Scale ${names}`,
          prompt: `Replicas (now ${current.map((s) => `${s.Spec.Name}: ${replicasOf(s) ?? 'global'}`).join(', ')})`,
          value: now.length === 1 ? String(now[0]) : '',
          validateInput: (v) => {
            const p = parseReplicas(v);
            return p.ok ? undefined : p.error;
          },
        });
        if (value === undefined) return { status: 'dismissed' };
        const p = parseReplicas(value);
        if (!p.ok) return runner.fail('Scale Service', new Error(p.error));
        replicas = p.value;
      }
      const n = replicas;
      runner.log.info(`Scaling ${targets.join(', ')} to ${n}`);
      const followed = await changeEach(targets, (t) => scaleService(docker, t, n), 'scale', args.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const updateImage = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Update Image', async () => {
      const args = argsOf<UpdateImageArgs>(first) ?? {};
      const targets = await serviceTargets(runner, first, second, 'Update the image of which service?', false);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      let image = args.image;
      if (image === undefined) {
        const current = await inspectService(docker, targets[0]);
        image = await runner.input({
          title: `Update the image of ${current.Spec.Name}`,
          prompt: 'New image reference',
          value: current.Spec.TaskTemplate.ContainerSpec?.Image?.split('@')[0],
          validateInput: (v) => validateImage(v.trim()),
        });
        if (image === undefined) return { status: 'dismissed' };
      }
      const img = image.trim();
      runner.log.info(`Updating the image of ${targets.join(', ')} to ${img}`);
      const followed = await changeEach(targets, (t) => updateServiceImage(docker, t, img), 'update', args.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const redeploy = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Force Redeploy', async () => {
      const args = argsOf<ServiceTargetArgs>(first) ?? {};
      const targets = await serviceTargets(runner, first, second, 'Redeploy which services?', true);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      runner.log.info(`Force redeploy of ${targets.join(', ')}`);
      const followed = await changeEach(targets, (t) => forceRedeploy(docker, t), 'update', args.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const addEnv = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Add Environment Variable', async () => {
      const args = argsOf<EnvArgs>(first) ?? {};
      const targets = await serviceTargets(runner, first, second, 'Add a variable to which service?', false);
      if (!targets) return { status: 'dismissed' };
      let env = args.env;
      if (env === undefined) {
        const value = await runner.input({
          title: 'Add Environment Variable',
          prompt: 'KEY=VALUE (replaces the variable if it is already set)',
          validateInput: (v) => {
            const p = parseEnv(v);
            return p.ok ? undefined : p.error;
          },
        });
        if (value === undefined) return { status: 'dismissed' };
        env = [value];
      }
      const vars = env;
      const docker = await runner.docker();
      // Values may be sensitive: only the names go to the log.
      runner.log.info(`Setting ${vars.map(envKey).join(', ')} on ${targets.join(', ')}`);
      const followed = await changeEach(targets, (t) => addServiceEnv(docker, t, vars), 'update', args.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const removeEnv = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Remove Environment Variable', async () => {
      const args = argsOf<EnvArgs>(first) ?? {};
      const targets = await serviceTargets(runner, first, second, 'Remove a variable from which service?', false);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      let keys = args.keys;
      if (keys === undefined) {
        const service = await inspectService(docker, targets[0]);
        const env = service.Spec.TaskTemplate.ContainerSpec?.Env ?? [];
        if (env.length === 0) {
          runner.info(`${service.Spec.Name} sets no environment variables.`);
          return { status: 'dismissed' };
        }
        const picked = await vscode.window.showQuickPick(
          env.map((e) => ({ label: envKey(e) })),
          { title: `Remove variables from ${service.Spec.Name}`, canPickMany: true, ignoreFocusOut: true },
        );
        if (!picked || picked.length === 0) return { status: 'dismissed' };
        keys = picked.map((p) => p.label);
      }
      const names = keys;
      runner.log.info(`Removing ${names.join(', ')} from ${targets.join(', ')}`);
      const followed = await changeEach(targets, (t) => removeServiceEnv(docker, t, names), 'update', args.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const rollback = (first?: unknown, second?: unknown): Promise<CommandResult<Followed & { converged: boolean }>> =>
    runner.run<Followed & { converged: boolean }>('Rollback Service', async () => {
      const args = argsOf<RollbackArgs>(first);
      const targets = await serviceTargets(runner, first, second, 'Roll back which service?', false);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      const services = await Promise.all(targets.map((t) => inspectService(docker, t)));
      const lines = services.map((s) => {
        const now = s.Spec.TaskTemplate.ContainerSpec?.Image?.split('@')[0] ?? '?';
        const before = s.PreviousSpec?.TaskTemplate.ContainerSpec?.Image?.split('@')[0];
        return before ? `${s.Spec.Name}: back to its previous spec (image ${before}; now ${now})` : `${s.Spec.Name}: has no previous spec`;
      });
      const ok = await runner.confirm(
        args,
        `Roll back ${services.map((s) => s.Spec.Name).join(', ')} to the previous spec?`,
        `${lines.join('\n')}\n\nIts tasks are replaced following the service's rollback configuration.`,
        'Roll Back',
      );
      if (!ok) return { status: 'declined' };
      const followed = await changeEach(targets, (t) => rollbackService(docker, t), 'rollback', args?.watch);
      return { status: 'done', ...followed, converged: allConverged(followed) };
    });

  const remove = (first?: unknown, second?: unknown): Promise<CommandResult<{ removed: string[] }>> =>
    runner.run<{ removed: string[] }>('Remove Service', async () => {
      const args = argsOf<RemoveServiceArgs>(first);
      const targets = await serviceTargets(runner, first, second, 'Remove which services?', true);
      if (!targets) return { status: 'dismissed' };
      const docker = await runner.docker();
      const summaries = await summarizeServices(docker, targets);
      const question = removalQuestion(summaries);
      const ok = await runner.confirm(args, question, 'This cannot be undone: the services and their specs are deleted.', summaries.length === 1 ? 'Remove' : `Remove ${summaries.length} Services`);
      if (!ok) return { status: 'declined' };
      const removed: string[] = [];
      for (const s of summaries) {
        await removeService(docker, s.id);
        removed.push(s.name);
      }
      runner.info(`Removed ${removed.length === 1 ? `service ${removed[0]}` : `${removed.length} services: ${removed.join(', ')}`}.`);
      return { status: 'done', removed };
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.createService, create),
    vscode.commands.registerCommand(Commands.scaleService, scale),
    vscode.commands.registerCommand(Commands.updateServiceImage, updateImage),
    vscode.commands.registerCommand(Commands.redeployService, redeploy),
    vscode.commands.registerCommand(Commands.addServiceEnv, addEnv),
    vscode.commands.registerCommand(Commands.removeServiceEnv, removeEnv),
    vscode.commands.registerCommand(Commands.rollbackService, rollback),
    vscode.commands.registerCommand(Commands.removeService, remove),
  );
}
