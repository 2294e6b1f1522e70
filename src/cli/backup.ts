// `swarmscope backup …`: the backup/restore assistant without VS Code. Nothing here stops an engine or runs a runbook
// step; it prints what to run and checks what it can through the Engine API.
import { promises as fsp } from 'node:fs';
import type { DockerClient } from '../docker/client';
import { findNode, readSwarmFacts } from '../backup/facts';
import { buildManifest, collectInventory, compareInventory, hashFile, parseManifest, renderComparison, writeManifest } from '../backup/manifest';
import { BackupAssessment, assessBackup } from '../backup/preflight';
import { RestoreAssessment, afterRestoreReminders, assessRestore, readRestoreTarget } from '../backup/restore';
import { DEFAULT_ARCHIVE_DIR, SERVICE_MANAGERS, ServiceManager, backupRunbook, renderRunbook, restoreRunbook } from '../backup/runbook';
import { UsageError } from './globalOptions';

export const BACKUP_USAGE = `Usage: swarmscope backup COMMAND

Commands:
  plan NODE [--data-root DIR] [--archive-dir DIR] [--service-manager systemd|openrc|sysvinit|snap] [--json]
        Checks whether NODE (a manager's hostname or ID) can be stopped for a backup (quorum, leader, autolock)
        and prints its runbook. Exit status 1 when the backup is refused.
  manifest NODE ARCHIVE [--data-root DIR]
        After the runbook: checks that NODE is Ready again and writes the manifest next to ARCHIVE.
  restore-check MANIFEST [--address IP]... [--local] [--data-root DIR] [--archive PATH]
        Checks the connected engine as a restore target for MANIFEST and prints the restore runbook.
        --local: the engine runs on this machine (its swarm directory and addresses are read directly).
  compare MANIFEST
        Compares the connected swarm with the manifest's inventory. Exit status 1 when something is missing.
`;

interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

const VALUE_FLAGS = ['--data-root', '--archive-dir', '--service-manager', '--address', '--archive'];
const BOOL_FLAGS = ['--json', '--local'];

function parse(argv: string[]): Parsed {
  const out: Parsed = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_FLAGS.includes(flag)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (!v) throw new UsageError(`flag needs an argument: ${flag}`);
      out.flags.set(flag, [...(out.flags.get(flag) ?? []), v]);
    } else if (BOOL_FLAGS.includes(flag)) {
      out.flags.set(flag, ['true']);
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown flag "${a}". See "swarmscope backup --help".`);
    } else {
      out.positional.push(a);
    }
  }
  return out;
}

function one(p: Parsed, flag: string): string | undefined {
  return p.flags.get(flag)?.at(-1);
}

function serviceManager(p: Parsed): ServiceManager | undefined {
  const v = one(p, '--service-manager');
  if (v === undefined) return undefined;
  if (!(SERVICE_MANAGERS as readonly string[]).includes(v)) throw new UsageError(`--service-manager must be one of ${SERVICE_MANAGERS.join(', ')}`);
  return v as ServiceManager;
}

function expectArgs(p: Parsed, n: number, usage: string): void {
  if (p.positional.length !== n) throw new UsageError(`usage: swarmscope backup ${usage}`);
}

export function formatAssessment(a: BackupAssessment | RestoreAssessment): string {
  const mark = { info: 'ok  ', warn: 'WARN', refuse: 'STOP' } as const;
  const head =
    a.verdict === 'refuse' ? 'Verdict: refused' : a.verdict === 'warn' ? 'Verdict: possible, with the warnings below' : 'Verdict: ok';
  return [head, ...a.findings.map((f) => `  ${mark[f.level]} ${f.message}`)].join('\n') + '\n';
}

export interface BackupIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runBackup(client: () => Promise<DockerClient>, argv: string[], io: BackupIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '-h' || sub === '--help') {
    io.stdout(BACKUP_USAGE);
    return sub ? 0 : 2;
  }
  const p = parse(rest);
  switch (sub) {
    case 'plan': {
      expectArgs(p, 1, 'plan NODE');
      const { docker } = await client();
      const facts = await readSwarmFacts(docker);
      const assessment = assessBackup(facts, p.positional[0]);
      const node = assessment.target;
      const dataRoot = one(p, '--data-root') ?? (node && node.id === facts.connectedNodeId ? facts.connectedDataRoot : undefined);
      const book = node && node.role === 'manager' ? backupRunbook({ node, dataRoot, archiveDir: one(p, '--archive-dir'), serviceManager: serviceManager(p) }) : undefined;
      if (p.flags.has('--json')) {
        io.stdout(JSON.stringify({ assessment, runbook: book }, null, 2) + '\n');
      } else {
        io.stdout(formatAssessment(assessment));
        if (assessment.recommended.length) io.stdout(`Recommended: ${assessment.recommended.map((n) => n.hostname).join(', ')}\n`);
        if (book && assessment.verdict !== 'refuse') io.stdout('\n' + renderRunbook(book));
      }
      return assessment.verdict === 'refuse' ? 1 : 0;
    }
    case 'manifest': {
      expectArgs(p, 2, 'manifest NODE ARCHIVE');
      const [ref, archivePath] = p.positional;
      const { docker } = await client();
      const facts = await readSwarmFacts(docker);
      const node = findNode(facts.nodes, ref);
      if (!node) throw new UsageError(`no node "${ref}" in this swarm`);
      if (node.state !== 'ready' || (node.role === 'manager' && node.reachability !== 'reachable')) {
        io.stderr(`swarmscope: ${node.hostname} is ${node.state}/${node.reachability ?? '-'}, not back yet: wait until it is Ready and reachable.\n`);
        return 1;
      }
      const archive = { file: archivePath, ...(await hashFile(archivePath)) };
      const dataRoot = one(p, '--data-root') ?? (node.id === facts.connectedNodeId ? facts.connectedDataRoot : '/var/lib/docker');
      const file = await writeManifest(archivePath, buildManifest({ facts, node, dataRoot, archive, inventory: await collectInventory(docker) }));
      io.stdout(`Wrote ${file} (archive ${archive.size} bytes, sha256 ${archive.sha256})\n`);
      if (facts.autolock) io.stdout('Autolock is on: store the unlock key (docker swarm unlock-key -q) with the backup, separately and safely.\n');
      return 0;
    }
    case 'restore-check': {
      expectArgs(p, 1, 'restore-check MANIFEST');
      const manifest = parseManifest(await fsp.readFile(p.positional[0], 'utf8'));
      const { docker } = await client();
      const target = await readRestoreTarget(docker, { addresses: p.flags.get('--address'), local: p.flags.has('--local'), dataRoot: one(p, '--data-root') });
      const assessment = assessRestore(manifest, target);
      io.stdout(formatAssessment(assessment));
      if (assessment.verdict !== 'refuse') {
        const book = restoreRunbook({
          hostname: manifest.node.hostname,
          archivePath: one(p, '--archive') ?? `${DEFAULT_ARCHIVE_DIR}/${manifest.archive.file}`,
          advertiseAddr: manifest.node.advertiseAddr,
          dataRoot: target.dataRoot,
          serviceManager: serviceManager(p),
          autolock: manifest.swarm.autolock,
        });
        io.stdout('\n' + renderRunbook(book, [`Archive: ${manifest.archive.file}, ${manifest.archive.size} bytes, sha256 ${manifest.archive.sha256}.`]));
      }
      return assessment.verdict === 'refuse' ? 1 : 0;
    }
    case 'compare': {
      expectArgs(p, 1, 'compare MANIFEST');
      const manifest = parseManifest(await fsp.readFile(p.positional[0], 'utf8'));
      const { docker } = await client();
      const comparison = compareInventory(manifest.inventory, await collectInventory(docker));
      io.stdout(renderComparison(comparison));
      if (comparison.missingCount === 0) for (const r of afterRestoreReminders(manifest)) io.stdout(`- ${r}\n`);
      return comparison.missingCount === 0 ? 0 : 1;
    }
    default:
      throw new UsageError(`unknown command "backup ${sub}". See "swarmscope backup --help".`);
  }
}
