/**
 * Node commands: Promote, Demote (with the quorum warning), Set Availability (drain explains that tasks move),
 * Add/Remove Label, Remove Node (down nodes only). Each takes a Nodes view item or `{ node: '<id or hostname>', … }`.
 */
import * as vscode from 'vscode';
import { listNodes } from '../operations/engineApi';
import {
  AVAILABILITIES,
  Availability,
  addNodeLabel,
  availabilityExplanation,
  checkNodeRemoval,
  hostnameOf,
  planRoleChange,
  removeNode,
  removeNodeLabel,
  runningTasksOnNode,
  setNodeAvailability,
  setNodeRole,
} from '../operations/nodes';
import { inspectNode } from '../operations/engineApi';
import { parseLabel } from '../operations/validate';
import { Commands } from './ids';
import { CommandResult, ConfirmArgs, argsOf, targetsOf } from './swarm';
import type { OperationRunner } from './swarm';

export interface NodeArgs extends ConfirmArgs {
  node?: string;
}

export interface AvailabilityArgs extends NodeArgs {
  availability?: Availability;
}

export interface NodeLabelArgs extends NodeArgs {
  /** `key=value` to add. */
  label?: string;
  /** Key to remove. */
  key?: string;
}

const NODE_KINDS = ['node'];

async function pickNode(runner: OperationRunner, title: string, filter: (role: string) => boolean = () => true): Promise<string | undefined> {
  const nodes = (await listNodes(await runner.docker())).filter((n) => filter(n.Spec.Role));
  const picked = await vscode.window.showQuickPick(
    nodes.map((n) => ({
      label: hostnameOf(n),
      description: [n.Spec.Role, n.Spec.Availability, n.Status?.State].filter(Boolean).join(' · '),
      id: n.ID,
    })),
    { title, ignoreFocusOut: true },
  );
  return picked?.id;
}

async function nodeTarget(runner: OperationRunner, first: unknown, second: unknown, title: string, filter?: (role: string) => boolean): Promise<string | undefined> {
  return targetsOf(first, second, NODE_KINDS, 'node')?.[0] ?? (await pickNode(runner, title, filter));
}

export function registerNodeCommands(context: vscode.ExtensionContext, runner: OperationRunner): void {
  const changeRole = (change: 'promote' | 'demote') => (first?: unknown, second?: unknown): Promise<CommandResult<{ warning: string }>> =>
    runner.run<{ warning: string }>(change === 'promote' ? 'Promote Node' : 'Demote Node', async () => {
      const args = argsOf<NodeArgs>(first);
      const id = await nodeTarget(runner, first, second, change === 'promote' ? 'Promote which worker?' : 'Demote which manager?', (role) =>
        change === 'promote' ? role === 'worker' : role === 'manager',
      );
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const plan = await planRoleChange(docker, id, change);
      if (plan.noop) {
        runner.info(plan.warning);
        return { status: 'done', warning: plan.warning };
      }
      const question = change === 'promote' ? `Promote ${plan.hostname} to manager?` : `Demote ${plan.hostname} to worker?`;
      if (!(await runner.confirm(args, question, plan.warning, change === 'promote' ? 'Promote' : 'Demote'))) return { status: 'declined' };
      runner.log.info(`${question} ${plan.warning}`);
      await setNodeRole(docker, plan.node.ID, change === 'promote' ? 'manager' : 'worker');
      runner.info(`${plan.hostname} is now a ${change === 'promote' ? 'manager' : 'worker'}.`);
      return { status: 'done', warning: plan.warning };
    });

  const availability = (first?: unknown, second?: unknown): Promise<CommandResult<{ availability: Availability; explanation: string }>> =>
    runner.run<{ availability: Availability; explanation: string }>('Set Node Availability', async () => {
      const args = argsOf<AvailabilityArgs>(first) ?? {};
      const id = await nodeTarget(runner, first, second, 'Set the availability of which node?');
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const node = await inspectNode(docker, id);
      const hostname = hostnameOf(node);
      let wanted = args.availability;
      if (wanted === undefined) {
        const picked = await vscode.window.showQuickPick(
          AVAILABILITIES.map((a) => ({ label: a, description: a === node.Spec.Availability ? 'current' : undefined })),
          { title: `Availability of ${hostname}`, ignoreFocusOut: true },
        );
        if (!picked) return { status: 'dismissed' };
        wanted = picked.label;
      }
      const running = await runningTasksOnNode(docker, node.ID);
      const explanation = availabilityExplanation(hostname, wanted, running);
      if (wanted === 'drain' && !(await runner.confirm(args, `Drain ${hostname}?`, explanation, 'Drain'))) return { status: 'declined' };
      await setNodeAvailability(docker, node.ID, wanted);
      runner.info(`${hostname} is now ${wanted}. ${wanted === 'drain' ? explanation : ''}`.trim());
      return { status: 'done', availability: wanted, explanation };
    });

  const addLabel = (first?: unknown, second?: unknown): Promise<CommandResult> =>
    runner.run('Add Node Label', async () => {
      const args = argsOf<NodeLabelArgs>(first) ?? {};
      const id = await nodeTarget(runner, first, second, 'Add a label to which node?');
      if (!id) return { status: 'dismissed' };
      const label =
        args.label ??
        (await runner.input({
          title: 'Add Node Label',
          prompt: 'key=value (usable in constraints as node.labels.key==value)',
          validateInput: (v) => {
            const p = parseLabel(v);
            return p.ok ? undefined : p.error;
          },
        }));
      if (label === undefined) return { status: 'dismissed' };
      const node = await addNodeLabel(await runner.docker(), id, label);
      runner.info(`Label ${label} added to ${hostnameOf(node)}.`);
      return { status: 'done' };
    });

  const removeLabel = (first?: unknown, second?: unknown): Promise<CommandResult> =>
    runner.run('Remove Node Label', async () => {
      const args = argsOf<NodeLabelArgs>(first) ?? {};
      const id = await nodeTarget(runner, first, second, 'Remove a label from which node?');
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      let key = args.key;
      if (key === undefined) {
        const node = await inspectNode(docker, id);
        const labels = Object.entries(node.Spec.Labels ?? {});
        if (labels.length === 0) {
          runner.info(`${hostnameOf(node)} has no labels.`);
          return { status: 'dismissed' };
        }
        const picked = await vscode.window.showQuickPick(
          labels.map(([k, v]) => ({ label: k, description: v })),
          { title: `Remove a label from ${hostnameOf(node)}`, ignoreFocusOut: true },
        );
        key = picked?.label;
      }
      if (key === undefined) return { status: 'dismissed' };
      const node = await removeNodeLabel(docker, id, key);
      runner.info(`Label ${key} removed from ${hostnameOf(node)}.`);
      return { status: 'done' };
    });

  const remove = (first?: unknown, second?: unknown): Promise<CommandResult<{ hostname: string }>> =>
    runner.run<{ hostname: string }>('Remove Node', async () => {
      const args = argsOf<NodeArgs>(first);
      const id = await nodeTarget(runner, first, second, 'Remove which node (down nodes only)?');
      if (!id) return { status: 'dismissed' };
      const docker = await runner.docker();
      const check = checkNodeRemoval(await inspectNode(docker, id));
      if (!check.ok) {
        runner.warn(check.reason);
        return { status: 'failed', error: check.reason };
      }
      const ok = await runner.confirm(
        args,
        `Remove node ${check.hostname} from the swarm?`,
        'It is down. If it comes back it must join again with a join token.',
        'Remove',
      );
      if (!ok) return { status: 'declined' };
      const result = await removeNode(docker, id);
      if (!result.ok) {
        runner.warn(result.reason);
        return { status: 'failed', error: result.reason };
      }
      runner.info(`Node ${check.hostname} was removed from the swarm.`);
      return { status: 'done', hostname: check.hostname };
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.promoteNode, changeRole('promote')),
    vscode.commands.registerCommand(Commands.demoteNode, changeRole('demote')),
    vscode.commands.registerCommand(Commands.setNodeAvailability, availability),
    vscode.commands.registerCommand(Commands.addNodeLabel, addLabel),
    vscode.commands.registerCommand(Commands.removeNodeLabel, removeLabel),
    vscode.commands.registerCommand(Commands.removeNode, remove),
  );
}
