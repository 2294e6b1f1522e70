// What the validator reports. Offsets are UTF-16 code-unit offsets into the text given to validate().

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Problem {
  /** Stable identifier, see RULES. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: { readonly start: number; readonly end: number };
  readonly fix?: readonly Fix[];
  /** When dockerd fails: 'start' = the daemon refuses to start, 'create' = only when a container starts. */
  readonly stage?: 'start' | 'create';
}

/** Every rule id with a one-line summary (documentation, and the test checks every id used is listed). */
export const RULES: Readonly<Record<string, string>> = {
  'json-syntax': 'The file is not valid JSON.',
  'json-comment': 'Comments are not JSON; dockerd refuses them.',
  'json-trailing-comma': 'Trailing commas are not JSON; dockerd refuses them.',
  'json-duplicate-key': 'A key appears twice; dockerd uses the last one.',
  'not-an-object': 'The top level must be a JSON object.',
  'unknown-key': 'dockerd does not know this key and refuses to start.',
  'key-not-in-version': 'The key needs a newer engine than the target.',
  'removed-key': 'The key was removed from the engine.',
  'deprecated-key': 'The key still works but is deprecated.',
  'ignored-key': 'dockerd accepts this key but never reads it.',
  'ignored-object': 'An unknown key holding an object: dockerd checks its members as keys and then ignores it.',
  'unknown-property': 'A nested field dockerd does not read.',
  'type-mismatch': 'The value has the wrong JSON type.',
  'null-value': 'null leaves the default in place.',
  'log-opts-not-string': 'log-opts values must be strings.',
  'log-driver-none': 'The none driver discards logs.',
  'log-driver-plugin': 'A logging plugin: its options cannot be checked.',
  'log-driver-unknown': 'Not a built-in driver and probably a typo.',
  'log-driver-invalid': 'Not a driver name nor a plugin reference.',
  'log-driver-removed': 'The driver was removed from the engine.',
  'log-driver-windows-only': 'The driver exists only on Windows.',
  'log-opts-ignored': 'log-opts are ignored with this driver.',
  'log-opt-unknown': 'The driver does not accept this option.',
  'log-opt-not-in-version': 'The option needs another engine version.',
  'log-opt-required': 'A required option is missing.',
  'log-opt-value': 'The option value is invalid.',
  'log-opt-conflict': 'Options that cannot be combined.',
  'log-opt-no-effect': 'The option has no effect in this combination.',
  'invalid-log-level': 'log-level is not a level dockerd knows.',
  'invalid-log-format': 'log-format must be text or json.',
  'invalid-label': 'Labels must be key=value.',
  'conflicting-labels': 'The same label key with different values.',
  'invalid-exec-opt': 'exec-opts entries must be key=value with a known key.',
  'invalid-mirror': 'Registry mirrors must be http:// or https:// URLs.',
  'negative-value': 'The value must not be negative.',
  'port-out-of-range': 'Ports are 0…65535.',
  'invalid-ipc-mode': 'default-ipc-mode must be shareable or private.',
  'invalid-cgroupns-mode': 'default-cgroupns-mode must be host or private.',
  'invalid-host': 'A hosts entry dockerd cannot listen on.',
  'invalid-firewall-backend': 'firewall-backend must be iptables or nftables.',
  'invalid-fwmark': 'bridge-accept-fwmark must be mark[/mask] (uint32).',
  'invalid-cidr': 'Not a valid CIDR.',
  'invalid-min-api-version': 'min-api-version must be a supported API version without "v".',
  'invalid-ip': 'Not a valid IP address.',
  'invalid-host-gateway-ips': 'At most one IPv4 and one IPv6 address.',
  'invalid-generic-resource': 'node-generic-resources entries must be NAME=value.',
  'invalid-userland-proxy-path': 'userland-proxy-path must be absolute.',
  'invalid-size': 'Not a size dockerd can parse.',
  'invalid-dns-search': 'Not a valid DNS search domain.',
  'invalid-address-pool': 'default-address-pools entries need base (CIDR) and size.',
  'internal-error': 'The linter failed on this input (a bug in Swarmscope).',
};

/** Rules the VS Code JSON language service reports itself; the editor drops them to avoid duplicates. */
export const JSON_SERVICE_RULES: ReadonlySet<string> = new Set(['json-syntax', 'json-comment', 'json-trailing-comma', 'json-duplicate-key']);
