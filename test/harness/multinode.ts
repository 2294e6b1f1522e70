// A real multi-node swarm on one machine (see shared/reference/multinode-swarm.md): one dockerd per node, each in its
// own network, mount and UTS namespace, joined by a bridge that lives in a separate hub namespace so nothing is
// created in the root namespace. Each node's unix socket sits in the cluster folder, reachable from the root namespace.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import {
  CLUSTER_FILE,
  type EngineLayout,
  defaultRoot,
  deleteRecordedNetns,
  engineLayout,
  ensureBusyboxImage,
  ensureDockerInstalled,
  launchDockerd,
  readRecord,
  recordedEngineDirs,
  shortHash,
  stopRecorded,
} from './engine';

const execFileAsync = promisify(execFile);

export interface MultiNodeOptions {
  managers?: number;
  workers?: number;
  /** Engines started on the cluster network but never joined (role 'spare', hostnames spare-1, …): fresh nodes. */
  spares?: number;
  /** Parent folder; the cluster lives in `<root>/<name>`. Default `<repo>/.sandbox`. */
  root?: string;
  /** Cluster folder name; default `mn`. */
  name?: string;
}

export interface SwarmNode {
  /** Harness name: m1, m2, ... w1, w2, ... */
  name: string;
  /** Hostname the swarm shows: mgr-1, ... wkr-1, ... spare-1, ... */
  hostname: string;
  /** The role it was started with; a spare is a running engine outside the swarm. */
  role: 'manager' | 'worker' | 'spare';
  /** Address on the cluster bridge (10.77.0.x), only reachable inside the cluster's namespaces. */
  addr: string;
  dockerHost: string;
  /** Stops this node's dockerd (SIGTERM by recorded PID), leaving its state so start() rejoins. */
  stop(): Promise<void>;
  /** Starts the node's dockerd again on the same state; it rejoins the swarm by itself. */
  start(): Promise<void>;
}

export interface MultiNodeSwarm {
  dir: string;
  nodes: SwarmNode[];
  /** The node the managers currently report as raft leader. */
  leader(): Promise<SwarmNode>;
  /** Tears everything down: swarm leave, daemons by recorded PID, namespaces, the cluster folder. */
  stop(): Promise<void>;
}

/** Multi-node tests run when SWARMSCOPE_MULTINODE=1 (the test runner sets it by default); else the skip reason. */
export const multinodeSkip: false | string =
  process.env.SWARMSCOPE_MULTINODE === '1' ? false : 'set SWARMSCOPE_MULTINODE=1 to run the multi-node swarm tests (5 dockerds, ~400 MB)';

/** A dockerode client for one node of the cluster. */
export function dockerOfNode(node: SwarmNode): Docker {
  return new Docker({ socketPath: node.dockerHost.replace(/^unix:\/\//, '') });
}

const SUBNET_PREFIX = '10.77.0.';
const READY_TIMEOUT_MS = 120000;

interface ClusterFile {
  netns: string[];
  nodes: string[];
}

async function ip(args: string[]): Promise<void> {
  await execFileAsync('ip', args);
}

function netnsExists(name: string): boolean {
  return fs.existsSync(path.join('/run/netns', name));
}

export async function startMultiNodeSwarm(opts: MultiNodeOptions = {}): Promise<MultiNodeSwarm> {
  const managers = opts.managers ?? 3;
  const workers = opts.workers ?? 2;
  const spares = opts.spares ?? 0;
  if (managers < 1 || managers + workers + spares > 20) throw new Error('need 1+ managers and at most 20 nodes');
  await ensureDockerInstalled();
  const dir = path.join(path.resolve(opts.root ?? defaultRoot()), opts.name ?? 'mn');
  // A previous run that was not torn down is removed first (safe to run twice).
  await teardownClusterDir(dir);
  fs.mkdirSync(dir, { recursive: true });

  const prefix = `ss${shortHash(dir).slice(0, 6)}`;
  const hub = `${prefix}-hub`;
  const specs = [
    ...Array.from({ length: managers }, (_, i) => ({ name: `m${i + 1}`, hostname: `mgr-${i + 1}`, role: 'manager' as const })),
    ...Array.from({ length: workers }, (_, i) => ({ name: `w${i + 1}`, hostname: `wkr-${i + 1}`, role: 'worker' as const })),
    ...Array.from({ length: spares }, (_, i) => ({ name: `s${i + 1}`, hostname: `spare-${i + 1}`, role: 'spare' as const })),
  ].map((spec, i) => ({ ...spec, addr: `${SUBNET_PREFIX}${11 + i}`, netns: `${prefix}-${spec.name}` }));

  const record: ClusterFile = { netns: [...specs.map((spec) => spec.netns), hub], nodes: specs.map((spec) => spec.name) };
  fs.writeFileSync(path.join(dir, CLUSTER_FILE), JSON.stringify(record, null, 2) + '\n');

  const swarm = new Cluster(dir, []);
  try {
    // 1. Network: a bridge in the hub namespace and one veth pair per node (no default route: nothing leaves).
    await ip(['netns', 'add', hub]);
    await ip(['-n', hub, 'link', 'set', 'lo', 'up']);
    await ip(['-n', hub, 'link', 'add', 'br0', 'type', 'bridge']);
    await ip(['-n', hub, 'link', 'set', 'br0', 'up']);
    for (const spec of specs) {
      await ip(['netns', 'add', spec.netns]);
      await ip(['-n', spec.netns, 'link', 'set', 'lo', 'up']);
      await ip(['-n', hub, 'link', 'add', `v-${spec.name}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', spec.netns]);
      await ip(['-n', hub, 'link', 'set', `v-${spec.name}`, 'master', 'br0', 'up']);
      await ip(['-n', spec.netns, 'addr', 'add', `${spec.addr}/24`, 'dev', 'eth0']);
      await ip(['-n', spec.netns, 'link', 'set', 'eth0', 'up']);
    }

    // 2. Daemons, started in parallel.
    const nodes = specs.map((spec) => {
      const layout = engineLayout(path.join(dir, spec.name), spec.name);
      layout.hostname = spec.hostname;
      return new ClusterNode(spec.name, spec.hostname, spec.role, spec.addr, layout, `/run/netns/${spec.netns}`);
    });
    swarm.nodes.push(...nodes);
    await Promise.all(nodes.map((node) => node.start()));

    // 3. Swarm: init on the first manager, managers join one at a time, workers in parallel.
    const [first, ...others] = nodes;
    const firstDocker = first.docker();
    await firstDocker.swarmInit({
      ListenAddr: `${first.addr}:2377`,
      AdvertiseAddr: first.addr,
      DefaultAddrPool: ['10.200.0.0/16'],
      SubnetSize: 24,
      ForceNewCluster: false,
      Spec: {},
    });
    const tokens = ((await firstDocker.swarmInspect()) as { JoinTokens: { Manager: string; Worker: string } }).JoinTokens;
    const join = (node: ClusterNode): Promise<unknown> =>
      node.docker().swarmJoin({
        ListenAddr: `${node.addr}:2377`,
        AdvertiseAddr: node.addr,
        RemoteAddrs: [`${first.addr}:2377`],
        JoinToken: node.role === 'manager' ? tokens.Manager : tokens.Worker,
      });
    for (const node of others.filter((n) => n.role === 'manager')) await join(node);
    await Promise.all(others.filter((n) => n.role === 'worker').map(join));

    // 4. The demo image on every node (there is no registry to pull from).
    await Promise.all(nodes.map((node) => ensureBusyboxImage(node.docker())));
    return swarm;
  } catch (err) {
    await swarm.stop();
    throw err;
  }
}

class ClusterNode implements SwarmNode {
  readonly dockerHost: string;

  constructor(
    readonly name: string,
    readonly hostname: string,
    readonly role: 'manager' | 'worker' | 'spare',
    readonly addr: string,
    private readonly layout: EngineLayout,
    private readonly netnsPath: string,
  ) {
    this.dockerHost = `unix://${layout.socketPath}`;
  }

  docker(): Docker {
    return new Docker({ socketPath: this.layout.socketPath });
  }

  async start(): Promise<void> {
    await stopRecorded(this.layout.dir);
    const result = await launchDockerd(
      { layout: this.layout, name: this.name, netnsPath: this.netnsPath },
      READY_TIMEOUT_MS,
    );
    if (!result.started) {
      throw new Error(`node ${this.name} did not start (exit ${result.exitCode}):\n${result.log.slice(-3000)}`);
    }
  }

  async stop(): Promise<void> {
    await stopRecorded(this.layout.dir);
  }
}

class Cluster implements MultiNodeSwarm {
  constructor(
    readonly dir: string,
    readonly nodes: ClusterNode[],
  ) {}

  async leader(): Promise<SwarmNode> {
    let lastError: unknown;
    for (const manager of this.nodes.filter((node) => node.role === 'manager')) {
      try {
        const list = (await manager.docker().listNodes()) as Array<{
          Description?: { Hostname?: string };
          ManagerStatus?: { Leader?: boolean };
        }>;
        const leader = list.find((node) => node.ManagerStatus?.Leader);
        const found = this.nodes.find((node) => node.hostname === leader?.Description?.Hostname);
        if (found) return found;
      } catch (err) {
        lastError = err; // this manager is down or has no quorum; ask the next one
      }
    }
    throw new Error(`no manager reports a leader${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
  }

  async stop(): Promise<void> {
    await teardownClusterDir(this.dir);
  }
}

/** Tears down whatever a cluster folder records: swarm leave, daemons by PID, namespaces, then the folder itself. */
export async function teardownClusterDir(dir: string): Promise<void> {
  const engineDirs = recordedEngineDirs(dir);
  // Leaving first force-removes the task containers, so the daemons stop quickly.
  await Promise.all(
    engineDirs.map(async (engineDir) => {
      const socketPath = readRecord(engineDir)?.socketPath;
      if (!socketPath || !fs.existsSync(socketPath)) return;
      await new Docker({ socketPath, timeout: 5000 }).swarmLeave({ force: true }).catch(() => undefined);
    }),
  );
  await Promise.all(engineDirs.map((engineDir) => stopRecorded(engineDir)));
  await deleteRecordedNetns(path.join(dir, CLUSTER_FILE));
  // Namespaces that a crashed run created before writing its record.
  const prefix = `ss${shortHash(dir).slice(0, 6)}-`;
  if (fs.existsSync('/run/netns')) {
    for (const name of fs.readdirSync('/run/netns')) {
      if (name.startsWith(prefix) && netnsExists(name)) await ip(['netns', 'del', name]).catch(() => undefined);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
