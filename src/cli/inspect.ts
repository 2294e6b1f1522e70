/** `swarmscope inspect <kind> <name-or-id> [--format pretty|yaml|json]`: the editor's inspect documents on stdout. */
import type Dockerode from 'dockerode';
import { fetchInspectable, InspectNotFoundError } from '../inspect/fetch';
import { INSPECT_KINDS, isInspectKind } from '../inspect/model';
import { renderJson, renderYaml } from '../inspect/serialize';

export type InspectFormat = 'pretty' | 'yaml' | 'json';
const FORMATS: readonly InspectFormat[] = ['pretty', 'yaml', 'json'];

export const INSPECT_USAGE = `Usage: swarmscope inspect ${INSPECT_KINDS.join('|')} NAME-OR-ID [--format pretty|yaml|json]\n`;

export interface InspectIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface InspectArgs {
  kind: string;
  ref: string;
  format: string;
}

function parseArgs(argv: readonly string[]): InspectArgs | string {
  const positional: string[] = [];
  let format = 'pretty';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg === '-f') {
      if (i + 1 >= argv.length) return `flag needs an argument: ${arg}`;
      format = argv[++i];
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--pretty') format = 'pretty';
    else if (arg.startsWith('-') && arg !== '-') return `unknown flag: ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 2) return `"swarmscope inspect" requires exactly 2 arguments`;
  return { kind: positional[0], ref: positional[1], format };
}

/** Exit codes: 0 printed, 1 not found or engine error (the engine's message on stderr), 2 usage error. */
export async function runInspect(argv: string[], io: InspectIo, docker: Dockerode): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(INSPECT_USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`swarmscope: ${args}\n${INSPECT_USAGE}`);
    return 2;
  }
  if (!isInspectKind(args.kind)) {
    io.stderr(`swarmscope: unknown kind "${args.kind}" (expected ${INSPECT_KINDS.join(', ')})\n`);
    return 2;
  }
  if (!(FORMATS as readonly string[]).includes(args.format)) {
    io.stderr(`swarmscope: unknown format "${args.format}" (expected pretty, yaml or json)\n`);
    return 2;
  }
  try {
    const doc = await fetchInspectable(docker, args.kind, args.ref);
    io.stdout(args.format === 'pretty' ? doc.pretty : args.format === 'yaml' ? renderYaml(doc.raw) : renderJson(doc.raw));
    return 0;
  } catch (err) {
    if (err instanceof InspectNotFoundError) {
      io.stderr(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
