// `swarmscope export`: prints the swarm's services as a compose file for `docker stack deploy -c`.
import type { DockerClient } from '../docker/client';
import { CARRIED_FIELDS } from '../export/compose';
import { exportSwarm } from '../export/fetch';
import { UsageError } from './globalOptions';

export const EXPORT_USAGE = `Usage: swarmscope export [--stack NAME] [--service NAME]... [-o FILE]

Prints the live services as a compose file that "docker stack deploy -c" accepts.
Secrets and configs become external references; their values are never read.
  --stack NAME      only the services of this stack (their keys lose the "NAME_" prefix)
  --service NAME    only this service (repeatable; with --stack, names may be relative)
  -o, --output FILE write the file instead of printing it
  --fields          list the service spec fields the export carries, and exit
`;

export interface ExportArgs {
  stack?: string;
  services: string[];
  output?: string;
  fields: boolean;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  const args: ExportArgs = { services: [], fields: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`flag needs an argument: ${flag}`);
      return v;
    };
    if (flag === '--stack') args.stack = value();
    else if (flag === '--service') args.services.push(value());
    else if (flag === '-o' || flag === '--output') args.output = value();
    else if (flag === '--fields') args.fields = true;
    else throw new UsageError(`unknown argument "${a}" for "swarmscope export". See "swarmscope export --help".`);
  }
  return args;
}

export interface ExportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  writeFile: (file: string, text: string) => Promise<void>;
}

export async function runExport(client: () => Promise<DockerClient>, argv: string[], io: ExportIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(EXPORT_USAGE);
    return 0;
  }
  const args = parseExportArgs(argv);
  if (args.fields) {
    io.stdout(CARRIED_FIELDS.join('\n') + '\n');
    return 0;
  }
  const { docker } = await client();
  const result = await exportSwarm(docker, { stack: args.stack, services: args.services });
  if (args.output) {
    await io.writeFile(args.output, result.yaml);
    io.stderr(`Wrote ${Object.keys(result.serviceKeys).length} service(s) to ${args.output}\n`);
  } else {
    io.stdout(result.yaml);
  }
  if (result.notExported.length) {
    io.stderr(`warning: ${result.notExported.length} value(s) cannot be expressed in a compose file; the file's header lists them\n`);
  }
  return 0;
}
