// Command-line entry for the sandbox engine, used by test/run.mjs and `npm run demo`:
//   node out/test/harness/engineCli.js start|seed|stop|status [--name main] [--root DIR] [--no-seed]
// `start` starts (or reuses) the engine, seeds the demo swarm unless --no-seed, and prints DOCKER_HOST=unix://...
// on stdout (progress goes to stderr). `seed` seeds a running engine. `stop` stops every engine recorded under the
// root when no --name is given. `status` prints one JSON line per recorded engine.
import * as path from 'node:path';
import Docker from 'dockerode';
import { defaultRoot, isOurProcess, readRecord, recordedEngineDirs, startEngine, stopAll, stopRecorded } from './engine';
import { seedDemoSwarm } from './seed';

interface CliArgs {
  command: string;
  name?: string;
  root: string;
  seed: boolean;
}

const USAGE = 'usage: engineCli start|seed|stop|status [--name NAME] [--root DIR] [--no-seed]';

function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || !['start', 'seed', 'stop', 'status'].includes(command)) throw new Error(USAGE);
  const args: CliArgs = { command, root: defaultRoot(), seed: true };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--no-seed') args.seed = false;
    else if ((flag === '--name' || flag === '--root') && i + 1 < rest.length) {
      const value = rest[++i];
      if (flag === '--name') args.name = value;
      else args.root = path.resolve(value);
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return args;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const name = args.name ?? 'main';
  switch (args.command) {
    case 'start': {
      let since = Date.now();
      const engine = await startEngine({ name, root: args.root });
      process.stderr.write(`engine ${name} ready in ${seconds(since)} (pid ${engine.pid}, log ${engine.logFile})\n`);
      if (args.seed) {
        since = Date.now();
        await seedDemoSwarm(engine.dockerHost);
        process.stderr.write(`demo swarm seeded in ${seconds(since)}\n`);
      }
      process.stdout.write(`DOCKER_HOST=${engine.dockerHost}\n`);
      return;
    }
    case 'seed': {
      const record = readRecord(path.join(args.root, name));
      if (!record) throw new Error(`no engine ${name} recorded under ${args.root}; run start first`);
      const since = Date.now();
      const result = await seedDemoSwarm(`unix://${record.socketPath}`);
      process.stderr.write(`demo swarm seeded in ${seconds(since)}\n`);
      process.stdout.write(JSON.stringify(result) + '\n');
      return;
    }
    case 'stop': {
      if (args.name) await stopRecorded(path.join(args.root, args.name));
      else await stopAll(args.root);
      return;
    }
    case 'status': {
      for (const dir of recordedEngineDirs(args.root)) {
        const record = readRecord(dir);
        if (!record || (args.name && record.name !== args.name)) continue;
        const running = isOurProcess(record.pid, path.join(record.dir, 'data'));
        let answering = false;
        if (running) {
          answering = await new Docker({ socketPath: record.socketPath, timeout: 2000 })
            .ping()
            .then(() => true, () => false);
        }
        process.stdout.write(
          JSON.stringify({ name: record.name, dir: record.dir, dockerHost: `unix://${record.socketPath}`, pid: record.pid, running, answering }) + '\n',
        );
      }
      return;
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
