// The single source of truth about daemon.json: the types of the table and lookups over it. The rows live in
// keys.ts (top-level keys) and logDrivers.ts (log drivers and their options). Both the validator and the JSON
// schema are derived from these rows.
import { availableIn, type EngineVersion } from './engineVersion';
import { DAEMON_KEYS, IGNORED_KEYS, REJECTED_KEYS } from './keys';
import { GENERIC_LOG_OPTS, LOG_DRIVERS, COMMON_LOG_OPTS } from './logDrivers';

/** The JSON shape Go's encoding/json accepts for a field. */
export type Shape =
  | { readonly t: 'boolean' }
  | { readonly t: 'integer' }
  | { readonly t: 'string'; readonly enum?: readonly string[] }
  /** A string or a number, parsed with go-units RAMInBytes (opts.MemBytes). */
  | { readonly t: 'size' }
  | { readonly t: 'array'; readonly items: Shape }
  | { readonly t: 'map'; readonly values: Shape; readonly keyDescription?: string }
  | {
      readonly t: 'object';
      readonly props: Readonly<Record<string, PropSpec>>;
      /** Go matches struct fields case-insensitively. */
      readonly caseInsensitive?: boolean;
    };

export interface PropSpec {
  readonly shape: Shape;
  readonly description: string;
  readonly default?: unknown;
}

/** Named value checks run after the type check; implemented in valueChecks.ts. */
export type ValueCheckId =
  | 'logLevel'
  | 'logFormat'
  | 'labels'
  | 'execOpts'
  | 'registryMirrors'
  | 'nonNegative'
  | 'port'
  | 'ipcMode'
  | 'cgroupnsMode'
  | 'hosts'
  | 'firewallBackend'
  | 'fwmark'
  | 'cidr4'
  | 'cidr6'
  | 'minApiVersion'
  | 'ip'
  | 'ip6'
  | 'hostGatewayIps'
  | 'nodeGenericResources'
  | 'userlandProxyPath'
  | 'ramSize'
  | 'dnsSearch'
  | 'addressPools'
  | 'logDriver';

export interface KeySpec extends PropSpec {
  readonly name: string;
  readonly docs: string;
  /** Engine version that first accepted the key in daemon.json (undefined: before 20.10). */
  readonly since?: string;
  readonly deprecatedIn?: string;
  /** Engine version whose dockerd rejects the key as unknown. */
  readonly removedIn?: string;
  /** What to use instead, for deprecated and removed keys. */
  readonly replacement?: string;
  readonly check?: ValueCheckId;
  /** Object values of keys outside this set are flattened by dockerd's unknown-key check (config.go flatOptions). */
  readonly flat?: boolean;
  /** Applied by a SIGHUP reload without restarting dockerd. */
  readonly reloadable?: boolean;
}

/** A key dockerd accepts (it is a flag name) but never reads from the file. */
export interface IgnoredKeySpec {
  readonly name: string;
  /** The key that works, if there is one. */
  readonly use?: string;
  readonly note?: string;
  readonly since?: string;
}

/** A key that looks plausible but dockerd rejects as unknown. */
export interface RejectedKeySpec {
  readonly name: string;
  readonly reason: string;
  readonly use?: string;
}

/** Value format of a log option, checked by logOptChecks.ts. */
export type LogOptFormat =
  | { readonly f: 'any' }
  | { readonly f: 'bool' }
  | { readonly f: 'int'; readonly min?: number; readonly max?: number }
  | { readonly f: 'enum'; readonly values: readonly string[] }
  | { readonly f: 'decimalSize' }
  | { readonly f: 'binarySize' }
  | { readonly f: 'duration' }
  | { readonly f: 'tagTemplate' }
  | { readonly f: 'syslogAddress' }
  | { readonly f: 'syslogFacility' }
  | { readonly f: 'gelfAddress' }
  | { readonly f: 'fluentdAddress' }
  | { readonly f: 'splunkUrl' }
  | { readonly f: 'path' };

export interface LogOptSpec {
  readonly name: string;
  readonly description: string;
  readonly format: LogOptFormat;
  readonly default?: string;
  readonly since?: string;
  readonly removedIn?: string;
  /**
   * When dockerd checks the value: 'validate' at daemon start (and container create), 'create' only when a
   * container using the driver starts, 'never' when no dockerd code reads it.
   */
  readonly checkedAt: 'validate' | 'create' | 'never';
  readonly required?: boolean;
  /** Only valid with this transport (gelf). */
  readonly onlyFor?: 'udp' | 'tcp';
}

export interface LogDriverSpec {
  readonly name: string;
  readonly description: string;
  readonly docs: string;
  readonly since?: string;
  readonly removedIn?: string;
  readonly windowsOnly?: boolean;
  /** Which of env, env-regex, labels, labels-regex, tag the driver accepts. */
  readonly commonOpts: readonly string[];
  readonly options: readonly LogOptSpec[];
  /** The engine's message for an unknown option; %s is the option. */
  readonly unknownOptMessage: string;
  /** Whether the engine's validator checks option values (true) or only names (false) at daemon start. */
  readonly validatesValues: boolean;
}

export { DAEMON_KEYS, IGNORED_KEYS, REJECTED_KEYS, LOG_DRIVERS, GENERIC_LOG_OPTS, COMMON_LOG_OPTS };

const keyIndex = new Map(DAEMON_KEYS.map((k) => [k.name, k]));
const ignoredIndex = new Map(IGNORED_KEYS.map((k) => [k.name, k]));
const rejectedIndex = new Map(REJECTED_KEYS.map((k) => [k.name, k]));
const driverIndex = new Map(LOG_DRIVERS.map((d) => [d.name, d]));

export function findKey(name: string): KeySpec | undefined {
  return keyIndex.get(name);
}
export function findIgnoredKey(name: string): IgnoredKeySpec | undefined {
  return ignoredIndex.get(name);
}
export function findRejectedKey(name: string): RejectedKeySpec | undefined {
  return rejectedIndex.get(name);
}
export function findLogDriver(name: string): LogDriverSpec | undefined {
  return driverIndex.get(name);
}

/** Keys a given engine accepts and reads. */
export function keysFor(target: EngineVersion | undefined): KeySpec[] {
  return DAEMON_KEYS.filter((k) => availableIn(target, k.since, k.removedIn));
}

/** Built-in Linux log drivers of a given engine (plus `none`). */
export function logDriversFor(target: EngineVersion | undefined): LogDriverSpec[] {
  return LOG_DRIVERS.filter((d) => !d.windowsOnly && availableIn(target, d.since, d.removedIn));
}

/** Every option a built-in driver accepts in a given engine, generic ones included. */
export function logOptsFor(driver: LogDriverSpec, target: EngineVersion | undefined): LogOptSpec[] {
  const own = driver.options.filter((o) => availableIn(target, o.since, o.removedIn));
  const common = COMMON_LOG_OPTS.filter((o) => driver.commonOpts.includes(o.name));
  const generic = GENERIC_LOG_OPTS.filter((o) => availableIn(target, o.since, o.removedIn));
  return [...own, ...common, ...generic];
}
