// Top-level daemon.json keys on Linux (moby daemon/config, daemon/command; checked against dockerd 20.10.24 for
// the 20.10 column). `since` is the first engine that accepts the key in the file, `removedIn` the first that
// rejects it. Keys older than 20.10 carry no `since`. Every `since` after 20.10 was checked against the `json:"…"`
// tags of moby's release tags v23.0.0 … v28.5.0 and its main branch (29.0) in November 2026.
import type { IgnoredKeySpec, KeySpec, PropSpec, RejectedKeySpec, Shape } from './knowledge';

const DOCS = 'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file';
const DEPRECATED_DOCS = 'https://docs.docker.com/engine/deprecated/';
const LOGGING_DOCS = 'https://docs.docker.com/engine/logging/configure/';

const bool: Shape = { t: 'boolean' };
const int: Shape = { t: 'integer' };
const str: Shape = { t: 'string' };
const strArray: Shape = { t: 'array', items: str };
const strMap: Shape = { t: 'map', values: str };
const p = (shape: Shape, description: string, dflt?: unknown): PropSpec => ({ shape, description, default: dflt });

type Row = Omit<KeySpec, 'docs'> & { docs?: string };
const k = (row: Row): KeySpec => ({ docs: DOCS, ...row });

export const DAEMON_KEYS: readonly KeySpec[] = [
  // Named (plural) options
  k({ name: 'authorization-plugins', shape: strArray, description: 'Authorization plugins to load.', reloadable: true }),
  k({ name: 'cdi-spec-dirs', shape: strArray, since: '25.0', description: 'Directories in which to look for Container Device Interface (CDI) specifications.', default: ['/etc/cdi', '/var/run/cdi'] }),
  k({
    name: 'default-address-pools',
    check: 'addressPools',
    shape: {
      t: 'array',
      items: {
        t: 'object',
        caseInsensitive: true,
        props: { base: p(str, 'Pool CIDR, for example "10.10.0.0/16".'), size: p(int, 'Prefix length of each network allocated from the pool.') },
      },
    },
    description: 'Default address pools for node-specific local networks: a list of {"base": CIDR, "size": prefix length}.',
  }),
  k({
    name: 'default-network-opts',
    since: '24.0',
    flat: true,
    shape: { t: 'map', values: strMap, keyDescription: 'network driver' },
    description: 'Default driver options for new networks, per network driver: {"bridge": {"com.docker.network.bridge.mtu": "1400"}}.',
  }),
  k({
    name: 'default-ulimits',
    flat: true,
    shape: {
      t: 'map',
      keyDescription: 'ulimit name',
      values: {
        t: 'object',
        caseInsensitive: true,
        props: { Name: p(str, 'Ulimit name (nofile, nproc, …).'), Hard: p(int, 'Hard limit.'), Soft: p(int, 'Soft limit.') },
      },
    },
    description: 'Default ulimits for containers: {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}.',
  }),
  k({ name: 'dns', shape: strArray, check: 'ip', description: 'DNS servers for containers.' }),
  k({ name: 'dns-opts', shape: strArray, description: 'DNS options for containers (resolv.conf "options").' }),
  k({ name: 'dns-search', shape: strArray, check: 'dnsSearch', description: 'DNS search domains for containers.' }),
  k({ name: 'exec-opts', shape: strArray, check: 'execOpts', description: 'Runtime execution options; on Linux only "native.cgroupdriver=cgroupfs|systemd".' }),
  k({ name: 'features', flat: true, shape: { t: 'map', values: bool, keyDescription: 'feature' }, description: 'Enable or disable daemon features, for example {"buildkit": true, "containerd-snapshotter": true}.', reloadable: true }),
  k({ name: 'host-gateway-ips', since: '28.0', shape: strArray, check: 'hostGatewayIps', description: 'Addresses (at most one IPv4 and one IPv6) that the special "host-gateway" name resolves to.' }),
  k({ name: 'hosts', shape: strArray, check: 'hosts', description: 'Sockets dockerd listens on (unix://, tcp://, fd://). Must not also be given with -H on the command line (systemd units often do).' }),
  k({ name: 'insecure-registries', shape: strArray, description: 'Registries (host[:port] or CIDR) reached without TLS verification.', reloadable: true }),
  k({ name: 'labels', shape: strArray, check: 'labels', description: 'Labels for the daemon, as "key=value" strings.', reloadable: true }),
  k({ name: 'log-opts', flat: true, shape: strMap, description: 'Default options of the default log driver. Every value must be a string: "max-file": "3", not 3.', docs: LOGGING_DOCS }),
  k({ name: 'node-generic-resources', shape: strArray, check: 'nodeGenericResources', description: 'User-defined resources advertised to Swarm, "NAME=value" or "NAME=UUID".' }),
  k({
    name: 'nri-opts',
    since: '29.0',
    flat: true,
    shape: {
      t: 'object',
      props: {
        enable: p(bool, 'Enable NRI (Node Resource Interface) plugins.'),
        'plugin-path': p(str, 'Directory of NRI plugins to start.'),
        'plugin-config-path': p(str, 'Directory of NRI plugin configuration.'),
        'socket-path': p(str, 'NRI socket path.'),
      },
    },
    description: 'Node Resource Interface settings.',
  }),
  k({ name: 'registry-mirrors', shape: strArray, check: 'registryMirrors', description: 'Pull-through mirrors of Docker Hub (http:// or https:// URLs).', reloadable: true }),
  k({
    name: 'runtimes',
    flat: true,
    reloadable: true,
    shape: {
      t: 'map',
      keyDescription: 'runtime name',
      values: {
        t: 'object',
        props: {
          path: p(str, 'Path of the runtime binary.'),
          runtimeArgs: p(strArray, 'Arguments passed to the runtime.'),
          runtimeType: p(str, 'containerd runtime type, for example "io.containerd.runc.v2".'),
          options: p({ t: 'map', values: { t: 'string' } }, 'Runtime options (containerd runtime options).'),
        },
      },
    },
    description: 'Additional OCI runtimes: {"name": {"path": "/usr/bin/runsc"}}.',
  }),
  k({ name: 'storage-opts', shape: strArray, description: 'Storage driver options, for example "overlay2.size=10G".' }),
  k({ name: 'allow-nondistributable-artifacts', shape: strArray, deprecatedIn: '28.0', description: 'Registries to which non-distributable image layers may be pushed (no effect since Engine 28).' }),
  // Booleans
  k({ name: 'allow-direct-routing', since: '28.2', shape: bool, default: false, description: 'Allow remote access to published ports on container IP addresses.' }),
  k({ name: 'cri-containerd', shape: bool, default: false, description: 'Start containerd with the CRI plugin.' }),
  k({ name: 'debug', shape: bool, default: false, description: 'Enable debug mode.', reloadable: true }),
  k({ name: 'experimental', shape: bool, default: false, description: 'Enable experimental features.' }),
  k({ name: 'icc', shape: bool, default: true, description: 'Inter-container communication on the default bridge.' }),
  k({ name: 'init', shape: bool, default: false, description: 'Run an init process in containers to forward signals and reap processes.' }),
  k({ name: 'ip-forward', shape: bool, default: true, description: 'Enable net.ipv4.ip_forward.' }),
  k({ name: 'ip-forward-no-drop', since: '28.0', shape: bool, default: false, description: 'Do not set the filter-FORWARD policy to DROP when enabling IP forwarding.' }),
  k({ name: 'ip-masq', shape: bool, default: true, description: 'Enable IP masquerading.' }),
  k({ name: 'ip6tables', shape: bool, default: false, description: 'Add ip6tables rules (default true since Engine 27).' }),
  k({ name: 'iptables', shape: bool, default: true, description: 'Add iptables rules.' }),
  k({ name: 'ipv6', shape: bool, default: false, description: 'Enable IPv6 on the default bridge network.' }),
  k({ name: 'live-restore', shape: bool, default: false, description: 'Keep containers running while dockerd is down. Not compatible with swarm mode.', reloadable: true }),
  k({ name: 'no-new-privileges', shape: bool, default: false, description: 'Set no-new-privileges for new containers.' }),
  k({ name: 'raw-logs', shape: bool, default: false, description: 'Full timestamps without ANSI colouring in the daemon log.' }),
  k({ name: 'rootless', shape: bool, default: false, description: 'Enable rootless mode (set by dockerd-rootless.sh).' }),
  k({ name: 'selinux-enabled', shape: bool, default: false, description: 'Enable SELinux support.' }),
  k({ name: 'tls', shape: bool, default: false, description: 'Use TLS; implied by tlsverify.' }),
  k({ name: 'tlsverify', shape: bool, default: false, description: 'Use TLS and verify the remote.' }),
  k({ name: 'userland-proxy', shape: bool, default: true, description: 'Use the userland proxy for loopback traffic.' }),
  // Integers
  k({ name: 'cpu-rt-period', shape: int, description: 'Real-time CPU period (µs) for the parent cgroup of all containers.' }),
  k({ name: 'cpu-rt-runtime', shape: int, description: 'Real-time CPU runtime (µs) for the parent cgroup of all containers.' }),
  k({ name: 'default-stop-timeout', since: '29.0', shape: int, check: 'nonNegative', default: 10, description: 'Default seconds to wait for a container to stop before killing it.' }),
  k({ name: 'max-concurrent-downloads', shape: int, check: 'nonNegative', default: 3, description: 'Maximum concurrent layer downloads per pull.', reloadable: true }),
  k({ name: 'max-concurrent-uploads', shape: int, check: 'nonNegative', default: 5, description: 'Maximum concurrent layer uploads per push.', reloadable: true }),
  k({ name: 'max-download-attempts', shape: int, check: 'nonNegative', default: 5, description: 'Maximum download attempts per layer.', reloadable: true }),
  k({ name: 'mtu', shape: int, check: 'nonNegative', default: 1500, description: 'MTU of the default bridge network.' }),
  k({ name: 'network-control-plane-mtu', shape: int, check: 'nonNegative', default: 1500, description: 'MTU of the Swarm network control plane.' }),
  k({ name: 'network-diagnostic-port', shape: int, check: 'port', default: 0, description: 'Port of the network diagnostic server (0 disables it).' }),
  k({ name: 'shutdown-timeout', shape: int, check: 'nonNegative', default: 15, description: 'Seconds to wait for containers to stop when dockerd shuts down.', reloadable: true }),
  // Strings
  k({ name: 'bip', shape: str, check: 'cidr4', description: 'IPv4 address and prefix of the default bridge, for example "172.26.0.1/16".' }),
  k({ name: 'bip6', since: '28.0', shape: str, check: 'cidr6', description: 'IPv6 address and prefix of the default bridge.' }),
  k({ name: 'bridge', shape: str, description: 'Attach containers to this existing bridge instead of docker0 ("none" disables it).' }),
  k({ name: 'bridge-accept-fwmark', since: '29.0', shape: str, check: 'fwmark', description: 'Accept packets with this firewall mark ("mark[/mask]") arriving on the bridge.' }),
  k({ name: 'cgroup-parent', shape: str, description: 'Parent cgroup for all containers.' }),
  k({ name: 'containerd', shape: str, description: 'Address of an external containerd socket.' }),
  k({ name: 'containerd-namespace', shape: str, default: 'moby', description: 'containerd namespace for containers.' }),
  k({ name: 'data-root', shape: str, default: '/var/lib/docker', description: 'Root directory of persistent Docker state.' }),
  k({ name: 'default-cgroupns-mode', shape: { t: 'string', enum: ['host', 'private'] }, check: 'cgroupnsMode', description: 'Default cgroup namespace mode of containers (default: private on cgroup v2 hosts, host on cgroup v1).' }),
  k({ name: 'default-gateway', shape: str, check: 'ip', description: 'Default IPv4 gateway of containers on the default bridge.' }),
  k({ name: 'default-gateway-v6', shape: str, check: 'ip6', description: 'Default IPv6 gateway of containers on the default bridge.' }),
  k({ name: 'default-ipc-mode', shape: { t: 'string', enum: ['shareable', 'private'] }, check: 'ipcMode', default: 'private', description: 'Default IPC mode of containers.' }),
  k({ name: 'default-runtime', shape: str, default: 'runc', description: 'Default OCI runtime.', reloadable: true }),
  k({ name: 'default-shm-size', shape: { t: 'size' }, check: 'ramSize', default: '64M', description: 'Default /dev/shm size of containers ("64M", binary units).' }),
  k({ name: 'exec-root', shape: str, default: '/var/run/docker', description: 'Root directory of execution state.' }),
  k({ name: 'firewall-backend', since: '29.0', shape: { t: 'string', enum: ['', 'iptables', 'nftables'] }, check: 'firewallBackend', description: 'Firewall backend: iptables (default) or nftables.' }),
  k({ name: 'fixed-cidr', shape: str, check: 'cidr4', description: 'IPv4 subnet for container addresses on the default bridge.' }),
  k({ name: 'fixed-cidr-v6', shape: str, check: 'cidr6', description: 'IPv6 subnet for container addresses on the default bridge.' }),
  k({ name: 'group', shape: str, default: 'docker', description: 'Group owning the unix socket.' }),
  k({ name: 'host-gateway-ip', shape: str, check: 'ip', description: 'Address the special "host-gateway" name resolves to (use host-gateway-ips on Engine 28+).' }),
  k({ name: 'http-proxy', since: '23.0', shape: str, description: 'HTTP proxy for image pulls and pushes.' }),
  k({ name: 'https-proxy', since: '23.0', shape: str, description: 'HTTPS proxy for image pulls and pushes.' }),
  k({ name: 'no-proxy', since: '23.0', shape: str, description: 'Hosts that bypass the proxy.' }),
  k({ name: 'init-path', shape: str, description: 'Path of the docker-init binary.' }),
  k({ name: 'ip', shape: str, check: 'ip', default: '0.0.0.0', description: 'Default address when publishing ports.' }),
  k({ name: 'log-driver', shape: str, check: 'logDriver', default: 'json-file', description: 'Default log driver of containers: a built-in driver or a logging plugin "name[:tag]".', docs: LOGGING_DOCS }),
  k({ name: 'log-format', since: '25.0', shape: { t: 'string', enum: ['text', 'json'] }, check: 'logFormat', default: 'text', description: 'Format of the daemon log.' }),
  k({ name: 'log-level', shape: { t: 'string', enum: ['debug', 'info', 'warn', 'error', 'fatal', 'panic', 'trace'] }, check: 'logLevel', default: 'info', description: 'Daemon log level.' }),
  k({ name: 'metrics-addr', shape: str, description: 'Address (host:port) of the Prometheus metrics endpoint.' }),
  k({ name: 'pidfile', shape: str, default: '/var/run/docker.pid', description: 'Path of the daemon PID file.' }),
  k({ name: 'seccomp-profile', shape: str, description: 'Path of the default seccomp profile, or "unconfined".' }),
  k({ name: 'storage-driver', shape: str, description: 'Storage driver (overlay2, btrfs, zfs, vfs, …).' }),
  k({ name: 'swarm-default-advertise-addr', shape: str, description: 'Default address or interface for the Swarm advertised address.' }),
  k({ name: 'tlscacert', shape: str, description: 'Trust certificates signed only by this CA.' }),
  k({ name: 'tlscert', shape: str, description: 'Path of the TLS certificate.' }),
  k({ name: 'tlskey', shape: str, description: 'Path of the TLS key.' }),
  k({ name: 'userland-proxy-path', shape: str, check: 'userlandProxyPath', description: 'Absolute path of the userland proxy binary.' }),
  k({ name: 'userns-remap', shape: str, description: 'User/group for user namespace remapping ("default" or "user[:group]").' }),
  // Objects
  k({
    name: 'proxies',
    since: '23.0',
    shape: {
      t: 'object',
      props: {
        'http-proxy': p(str, 'HTTP proxy for image pulls and pushes.'),
        'https-proxy': p(str, 'HTTPS proxy for image pulls and pushes.'),
        'no-proxy': p(str, 'Hosts that bypass the proxy.'),
      },
    },
    description: 'Proxy settings of the daemon (pulls, pushes): http-proxy, https-proxy, no-proxy.',
  }),
  k({
    name: 'builder',
    flat: true,
    shape: {
      t: 'object',
      props: {
        gc: p(
          {
            t: 'object',
            props: {
              enabled: p(bool, 'Enable build cache garbage collection.'),
              defaultKeepStorage: p(str, 'Storage to keep by default, for example "20GB".'),
              policy: p({ t: 'array', items: { t: 'object', props: { keepStorage: p(str, 'Storage to keep.'), filter: p(strArray, 'Filters.'), all: p(bool, 'Apply to all cache.') } } }, 'GC policies.'),
            },
          },
          'Build cache garbage collection.',
        ),
        history: p({ t: 'object', props: { maxAge: p(str, 'Maximum age of build history.'), maxEntries: p(int, 'Maximum build history entries.') } }, 'Build history.'),
        entitlements: p({ t: 'object', props: { 'network-host': p(bool, 'Allow --network=host in builds.'), 'security-insecure': p(bool, 'Allow insecure builds.') } }, 'BuildKit entitlements.'),
      },
    },
    description: 'BuildKit builder settings (gc, history, entitlements).',
  }),
  k({ name: 'min-api-version', since: '29.0', shape: str, check: 'minApiVersion', description: 'Oldest API version clients may use, for example "1.24" (no "v").' }),
  k({ name: 'deprecated-key-path', shape: str, description: 'Path of the legacy key.json identity file (kept for compatibility).' }),
  // Deprecated and removed
  k({ name: 'cluster-store', shape: str, deprecatedIn: '20.10', removedIn: '23.0', replacement: 'Swarm mode', docs: DEPRECATED_DOCS, description: 'Legacy overlay networking key-value store.' }),
  k({ name: 'cluster-advertise', shape: str, deprecatedIn: '20.10', removedIn: '23.0', replacement: 'Swarm mode', docs: DEPRECATED_DOCS, description: 'Address advertised to the legacy cluster store.' }),
  k({ name: 'cluster-store-opts', flat: true, shape: strMap, deprecatedIn: '20.10', removedIn: '23.0', replacement: 'Swarm mode', docs: DEPRECATED_DOCS, description: 'Options of the legacy cluster store.' }),
  k({ name: 'api-cors-header', shape: str, deprecatedIn: '27.0', removedIn: '28.0', replacement: 'a reverse proxy that adds CORS headers', docs: DEPRECATED_DOCS, description: 'CORS headers of the Engine API.' }),
  k({ name: 'oom-score-adjust', shape: int, deprecatedIn: '24.0', removedIn: '25.0', replacement: 'OOMScoreAdjust in the systemd unit', docs: DEPRECATED_DOCS, description: 'oom_score_adj of the daemon.' }),
  k({ name: 'graph', shape: str, deprecatedIn: '17.05', removedIn: '23.0', replacement: 'data-root', docs: DEPRECATED_DOCS, description: 'Old name of data-root.' }),
];

export const IGNORED_KEYS: readonly IgnoredKeySpec[] = [
  { name: 'registry-mirror', use: 'registry-mirrors' },
  { name: 'insecure-registry', use: 'insecure-registries' },
  { name: 'storage-opt', use: 'storage-opts' },
  { name: 'authorization-plugin', use: 'authorization-plugins' },
  { name: 'exec-opt', use: 'exec-opts' },
  { name: 'feature', use: 'features', since: '23.0' },
  { name: 'default-network-opt', use: 'default-network-opts', since: '24.0' },
  { name: 'dns-opt', use: 'dns-opts' },
  { name: 'label', use: 'labels' },
  { name: 'log-opt', use: 'log-opts' },
  { name: 'node-generic-resource', use: 'node-generic-resources' },
  { name: 'cdi-spec-dir', use: 'cdi-spec-dirs', since: '25.0' },
  { name: 'add-runtime', use: 'runtimes' },
  { name: 'default-ulimit', use: 'default-ulimits' },
  { name: 'default-address-pool', use: 'default-address-pools' },
  { name: 'host', use: 'hosts' },
  { name: 'cluster-store-opt', use: 'cluster-store-opts' },
  { name: 'restart', note: 'it is a removed command-line flag; use restart policies on containers' },
  { name: 'validate', note: 'it is a command-line flag (dockerd --validate)', since: '23.0' },
  { name: 'config-file', note: 'it is a command-line flag; the file cannot name another file' },
  { name: 'version', note: 'it is a command-line flag' },
  { name: 'help', note: 'it is a command-line flag' },
  {
    name: 'containerd-plugins-namespace',
    note: 'its JSON name is "containerd-plugin-namespace", which dockerd rejects, so only the command-line flag --containerd-plugins-namespace works (docker/docs#19398)',
  },
];

export const REJECTED_KEYS: readonly RejectedKeySpec[] = [
  { name: 'swarm-raft-heartbeat-tick', reason: 'it is an internal field with no flag' },
  { name: 'swarm-raft-election-tick', reason: 'it is an internal field with no flag' },
  { name: 'default-init', reason: 'it is an internal field with no flag', use: 'init' },
  { name: 'resolv-conf', reason: 'it is an internal field with no flag' },
  { name: 'containerd-plugin-namespace', reason: 'it has no matching flag (docker/docs#19398)', use: 'the --containerd-plugins-namespace command-line flag' },
  { name: 'disable-legacy-registry', reason: 'it was removed in Engine 17.12' },
];
