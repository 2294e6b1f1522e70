/**
 * The headless `swarmscope` CLI: the same core as the extension, without VS Code.
 */
import { promises as fsp } from 'node:fs';
import { ConnectionError } from '../docker/errors';
import { DockerConnection, Logger, detailText, processEnvironment } from '../docker/connection';
import { UsageError, parseGlobalOptions } from './globalOptions';
import { formatInfo } from './info';
import { runBackup } from './backup';
import { runExport } from './export';
import { runInspect } from './inspect';
import { runLogs } from './logs';
import { processLintIo, runLint } from './lint';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const USAGE = `Usage: swarmscope [OPTIONS] COMMAND

Commands:
  info        Show the resolved Docker endpoint, engine and API versions, and the swarm role
  lint        Check daemon.json files the way dockerd reads them (no engine needed)
  inspect     Print a service, task, node, network, secret or config (pretty like "docker inspect --pretty", yaml, json)
  logs        Print the logs of a service, task or stack:NAME like "docker service logs", read per task, in time order
  export      Print the services as a compose file for "docker stack deploy -c" (--stack NAME, --service NAME...)
  backup      Swarm backup assistant: "backup plan NODE" prints the preflight verdict and the runbook

Global options (as in the docker CLI):
  -H, --host string      Daemon socket to connect to (overrides DOCKER_HOST)
  -c, --context string   Docker context to use
      --tls              Use TLS (without verification unless --tlsverify)
      --tlsverify        Use TLS and verify the remote
      --tlscacert, --tlscert, --tlskey string   TLS material
  -h, --help             Print usage
  SWARMSCOPE_DEBUG=1     Print error details to stderr
`;

function stderrLogger(io: CliIo, debug: boolean): Logger {
  return {
    info: (m) => debug && io.stderr(`[info] ${m}\n`),
    warn: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => debug && io.stderr(`[error] ${typeof m === 'string' ? m : m.message}\n`),
    debug: (m) => debug && io.stderr(`[debug] ${m}\n`),
  };
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const debug = (env.SWARMSCOPE_DEBUG ?? '') !== '';
  try {
    const { settings, rest } = parseGlobalOptions(argv);
    const [command, ...args] = rest;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command ? 0 : 2;
    }
    // lint needs no engine: it runs before any connection is made.
    if (command === 'lint') return await runLint(args, { ...processLintIo, stdout: io.stdout, stderr: io.stderr });
    const connection = new DockerConnection(() => settings, processEnvironment, stderrLogger(io, debug));
    switch (command) {
      case 'info': {
        if (args.length > 0) throw new UsageError(`"swarmscope info" accepts no arguments`);
        const client = await connection.client();
        io.stdout(formatInfo(client));
        return 0;
      }
      case 'inspect':
        return await runInspect(args, io, (await connection.client()).docker);
      case 'logs':
        return await runLogs(args, { stdout: process.stdout, stderr: process.stderr }, (await connection.client()).docker);
      case 'export':
        return await runExport(() => connection.client(), args, { ...io, writeFile: (f, t) => fsp.writeFile(f, t) });
      case 'backup':
        return await runBackup(() => connection.client(), args, io);
      default:
        throw new UsageError(`unknown command "${command}". See "swarmscope --help".`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`swarmscope: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ConnectionError) {
      io.stderr(`swarmscope: ${err.message}\n`);
      if (debug && err.detail) io.stderr(`${detailText(err.detail)}\n`);
      return 1;
    }
    io.stderr(`swarmscope: ${err instanceof Error ? err.message : String(err)}\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 1;
  }
}
