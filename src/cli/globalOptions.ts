/**
 * The docker-CLI-like global options of `swarmscope` (-H, --context, --tls…), parsed into connection settings.
 */
import { ConnectionSettings } from '../docker/endpoint';

export class UsageError extends Error {}

export interface ParsedGlobal {
  settings: ConnectionSettings;
  rest: string[];
}

const VALUE_FLAGS: Record<string, (s: ConnectionSettings, v: string) => void> = {
  '-H': (s, v) => (s.host = v),
  '--host': (s, v) => (s.host = v),
  '-c': (s, v) => (s.context = v),
  '--context': (s, v) => (s.context = v),
  '--tlscacert': (s, v) => (s.tls = { ...s.tls, caCert: v }),
  '--tlscert': (s, v) => (s.tls = { ...s.tls, cert: v }),
  '--tlskey': (s, v) => (s.tls = { ...s.tls, key: v }),
};

/** Takes global options wherever they appear before the subcommand's own arguments. */
export function parseGlobalOptions(argv: string[]): ParsedGlobal {
  const settings: ConnectionSettings = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const setter = VALUE_FLAGS[name];
    if (setter) {
      const value = name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: ${name}`);
      setter(settings, value);
    } else if (arg === '--tls') {
      settings.tls = { ...settings.tls, enabled: true, verify: settings.tls?.verify ?? false };
    } else if (arg === '--tlsverify') {
      settings.tls = { ...settings.tls, enabled: true, verify: true };
    } else {
      rest.push(arg);
    }
  }
  return { settings, rest };
}
