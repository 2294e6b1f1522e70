// Built-in log drivers and their options (moby daemon/logger/*). The 20.10 column was checked against dockerd
// 20.10.24: options added later carry `since` (checked against moby's release tags up to v28.5.0 and main), and `checkedAt` says whether dockerd looks at the value when it
// starts ('validate') or only when a container using the driver starts ('create').
import type { LogDriverSpec, LogOptSpec } from './knowledge';

const docs = (name: string): string => `https://docs.docker.com/engine/logging/drivers/${name}/`;
const ALL_COMMON = ['env', 'env-regex', 'labels', 'labels-regex', 'tag'] as const;
const BOOL = { f: 'bool' } as const;

/** Keys from daemon/logger/loginfo.go; which ones a driver accepts is in LogDriverSpec.commonOpts. */
export const COMMON_LOG_OPTS: readonly LogOptSpec[] = [
  { name: 'env', description: 'Comma-separated environment variable names whose values are added to log attributes.', format: { f: 'any' }, checkedAt: 'never' },
  { name: 'env-regex', description: 'Regular expression matching environment variable names added to log attributes.', format: { f: 'any' }, checkedAt: 'create' },
  { name: 'labels', description: 'Comma-separated container label keys added to log attributes.', format: { f: 'any' }, checkedAt: 'never' },
  { name: 'labels-regex', description: 'Regular expression matching container label keys added to log attributes.', format: { f: 'any' }, checkedAt: 'create' },
  { name: 'tag', description: 'Go template for the log tag: {{.ID}} {{.FullID}} {{.Name}} {{.ImageName}} {{.ImageID}} {{.Command}} {{.Hostname}} {{.DaemonName}}.', format: { f: 'tagTemplate' }, checkedAt: 'create' },
];

/** Options every driver (plugins included) accepts; ValidateLogOpts strips them before the driver's validator. */
export const GENERIC_LOG_OPTS: readonly LogOptSpec[] = [
  { name: 'mode', description: 'Delivery mode: "blocking" (default) or "non-blocking" (a ring buffer; messages are dropped when it is full).', format: { f: 'enum', values: ['blocking', 'non-blocking'] }, default: 'blocking', checkedAt: 'validate' },
  { name: 'max-buffer-size', description: 'Ring buffer size in non-blocking mode, binary units ("4m" = 4 MiB). Requires "mode": "non-blocking".', format: { f: 'binarySize' }, default: '1m', checkedAt: 'validate' },
  { name: 'cache-disabled', description: 'Disable the local cache that lets "docker logs" read logs of drivers that cannot be read back (dual logging).', format: BOOL, default: 'false', since: '20.10', checkedAt: 'validate' },
  { name: 'cache-max-size', description: 'Maximum size of a dual-logging cache file (binary units).', format: { f: 'binarySize' }, default: '20m', since: '20.10', checkedAt: 'never' },
  { name: 'cache-max-file', description: 'Maximum number of dual-logging cache files.', format: { f: 'int', min: 0 }, default: '5', since: '20.10', checkedAt: 'never' },
  { name: 'cache-compress', description: 'Compress rotated dual-logging cache files.', format: BOOL, default: 'true', since: '20.10', checkedAt: 'never' },
];

const sizeOpts = (decimal: boolean, defaults: { size?: string; file?: string; compress?: string }): LogOptSpec[] => [
  {
    name: 'max-size',
    description: decimal
      ? 'Maximum size of a log file before it is rotated, decimal units: "10m" = 10,000,000 bytes (k, m, g; "10mib" is still decimal). Unset: no rotation.'
      : 'Maximum size of a log file before it is rotated, binary units: "10m" = 10 MiB.',
    format: decimal ? { f: 'decimalSize' } : { f: 'binarySize' },
    default: defaults.size,
    checkedAt: 'create',
  },
  {
    name: 'max-file',
    description: decimal ? 'Maximum number of log files kept (≥1); only used together with max-size.' : 'Maximum number of log files kept.',
    format: { f: 'int', min: decimal ? 1 : 0 },
    default: defaults.file,
    checkedAt: 'create',
  },
  {
    name: 'compress',
    description: decimal ? 'Compress rotated log files; needs max-size and max-file ≥ 2.' : 'Compress rotated log files; needs max-file ≥ 2.',
    format: BOOL,
    default: defaults.compress,
    checkedAt: 'create',
  },
];

const v = (name: string, description: string, format: LogOptSpec['format'], extra: Partial<LogOptSpec> = {}): LogOptSpec => ({
  name,
  description,
  format,
  checkedAt: 'validate',
  ...extra,
});

export const LOG_DRIVERS: readonly LogDriverSpec[] = [
  {
    name: 'json-file',
    description: 'JSON lines in files under the data root (the default).',
    docs: docs('json-file'),
    commonOpts: ALL_COMMON,
    options: sizeOpts(true, { file: '1', compress: 'false' }),
    unknownOptMessage: "unknown log opt '%s' for json-file log driver",
    validatesValues: false,
  },
  {
    name: 'local',
    description: 'Compact protobuf files with rotation and compression on by default.',
    docs: docs('local'),
    commonOpts: ALL_COMMON,
    options: sizeOpts(false, { size: '20m', file: '5', compress: 'true' }),
    unknownOptMessage: "unknown log opt '%s' for log driver local",
    validatesValues: false,
  },
  {
    name: 'journald',
    description: 'Writes to the systemd journal.',
    docs: docs('journald'),
    commonOpts: ALL_COMMON,
    options: [],
    unknownOptMessage: "unknown log opt '%s' for journald log driver",
    validatesValues: true,
  },
  {
    name: 'syslog',
    description: 'Sends to a syslog server.',
    docs: docs('syslog'),
    commonOpts: ALL_COMMON,
    options: [
      v('syslog-address', 'Syslog server: udp://host:port, tcp://host:port, tcp+tls://host:port, unix:///path or unixgram:///path (empty: the local syslog).', { f: 'syslogAddress' }),
      v('syslog-facility', 'Facility name (kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0…local7) or number 0…23.', { f: 'syslogFacility' }, { default: 'daemon' }),
      v('syslog-tls-ca-cert', 'CA certificate file (tcp+tls).', { f: 'path' }),
      v('syslog-tls-cert', 'Client certificate file (tcp+tls).', { f: 'path' }),
      v('syslog-tls-key', 'Client key file (tcp+tls).', { f: 'path' }),
      v('syslog-tls-skip-verify', 'Skip TLS verification (acts whenever it is present, whatever its value).', { f: 'any' }),
      v('syslog-format', 'Message format: "" (RFC 3164 without hostname), rfc3164, rfc5424 or rfc5424micro.', { f: 'enum', values: ['', 'rfc3164', 'rfc5424', 'rfc5424micro'] }),
    ],
    unknownOptMessage: "unknown log opt '%s' for syslog log driver",
    validatesValues: true,
  },
  {
    name: 'gelf',
    description: 'Sends GELF messages to Graylog or Logstash.',
    docs: docs('gelf'),
    commonOpts: ALL_COMMON,
    options: [
      v('gelf-address', 'Required. udp://host:port or tcp://host:port.', { f: 'gelfAddress' }, { required: true }),
      v('gelf-compression-type', 'UDP only: gzip (default), zlib or none.', { f: 'enum', values: ['gzip', 'zlib', 'none'] }, { onlyFor: 'udp', default: 'gzip' }),
      v('gelf-compression-level', 'UDP only: compression level -1…9 (-1 default, 0 none).', { f: 'int', min: -1, max: 9 }, { onlyFor: 'udp', default: '1' }),
      v('gelf-tcp-max-reconnect', 'TCP only: reconnection attempts when the connection drops (≥0).', { f: 'int', min: 0 }, { onlyFor: 'tcp', default: '3' }),
      v('gelf-tcp-reconnect-delay', 'TCP only: seconds between reconnection attempts (≥0).', { f: 'int', min: 0 }, { onlyFor: 'tcp', default: '1' }),
    ],
    unknownOptMessage: 'unknown log opt "%s" for gelf log driver',
    validatesValues: true,
  },
  {
    name: 'fluentd',
    description: 'Sends to a Fluentd or Fluent Bit forward input.',
    docs: docs('fluentd'),
    commonOpts: ALL_COMMON,
    options: [
      v('fluentd-address', 'tcp://host:port (default tcp://127.0.0.1:24224), tls://host:port or unix:///path.', { f: 'fluentdAddress' }, { default: 'localhost:24224' }),
      v('fluentd-async', 'Connect and send in the background; containers start even if Fluentd is down.', BOOL, { default: 'false' }),
      v('fluentd-async-connect', 'Deprecated name of fluentd-async.', BOOL, { removedIn: '28.0' }),
      v('fluentd-async-reconnect-interval', 'Reconnect interval in async mode: 0 or 100ms…10s.', { f: 'duration' }, { since: '23.0' }),
      v('fluentd-buffer-limit', 'Buffer size (binary units) before messages are dropped.', { f: 'binarySize' }, { default: '1048576' }),
      v('fluentd-max-retries', 'Maximum connection retries (0…2147483647).', { f: 'int', min: 0, max: 2147483647 }, { default: '4294967295' }),
      v('fluentd-request-ack', 'Wait for Fluentd acknowledgements.', BOOL, { default: 'false' }),
      v('fluentd-retry-wait', 'Wait between retries (Go duration, "1s").', { f: 'duration' }, { default: '1s' }),
      v('fluentd-sub-second-precision', 'Send timestamps with nanosecond precision.', BOOL, { default: 'false' }),
      v('fluentd-write-timeout', 'Write timeout (Go duration, ≥0).', { f: 'duration' }, { since: '28.2' }),
      v('fluentd-read-timeout', 'Read timeout for acknowledgements (Go duration, ≥0).', { f: 'duration' }, { since: '29.0' }),
    ],
    unknownOptMessage: "unknown log opt '%s' for fluentd log driver",
    validatesValues: true,
  },
  {
    name: 'awslogs',
    description: 'Sends to Amazon CloudWatch Logs.',
    docs: docs('awslogs'),
    commonOpts: ['tag'],
    options: [
      v('awslogs-region', 'AWS region (else AWS_REGION or EC2 instance metadata when a container starts).', { f: 'any' }),
      v('awslogs-endpoint', 'Custom CloudWatch Logs endpoint URL.', { f: 'any' }),
      v('awslogs-group', 'Required. Log group name.', { f: 'any' }, { required: true }),
      v('awslogs-stream', 'Log stream name (default: the container ID).', { f: 'any' }),
      v('awslogs-create-group', 'Create the log group if it does not exist.', BOOL, { default: 'false' }),
      v('awslogs-create-stream', 'Create the log stream if it does not exist.', BOOL, { default: 'true', since: '23.0' }),
      v('awslogs-datetime-format', 'strftime format that starts a multi-line message; excludes awslogs-multiline-pattern.', { f: 'any' }),
      v('awslogs-multiline-pattern', 'Regular expression that starts a multi-line message; excludes awslogs-datetime-format.', { f: 'any' }),
      v('awslogs-credentials-endpoint', 'Path of the credentials endpoint (ECS).', { f: 'any' }),
      v('awslogs-force-flush-interval-seconds', 'Seconds between forced flushes (>0).', { f: 'int', min: 1 }, { default: '5' }),
      v('awslogs-max-buffered-events', 'Maximum buffered events (>0).', { f: 'int', min: 1 }, { default: '4096' }),
      v('awslogs-format', 'Log format: "json/emf" (CloudWatch embedded metric format).', { f: 'enum', values: ['json/emf'] }, { since: '23.0' }),
    ],
    unknownOptMessage: "unknown log opt '%s' for awslogs log driver",
    validatesValues: true,
  },
  {
    name: 'splunk',
    description: 'Sends to a Splunk HTTP Event Collector.',
    docs: docs('splunk'),
    commonOpts: ALL_COMMON,
    options: [
      { name: 'splunk-url', description: 'Required. HEC URL: http(s)://host:port, no path.', format: { f: 'splunkUrl' }, checkedAt: 'create', required: true },
      { name: 'splunk-token', description: 'Required. HEC token.', format: { f: 'any' }, checkedAt: 'create', required: true },
      { name: 'splunk-source', description: 'Event source.', format: { f: 'any' }, checkedAt: 'never' },
      { name: 'splunk-sourcetype', description: 'Event source type.', format: { f: 'any' }, checkedAt: 'never' },
      { name: 'splunk-index', description: 'Event index.', format: { f: 'any' }, checkedAt: 'never' },
      { name: 'splunk-capath', description: 'Path of the CA certificate.', format: { f: 'path' }, checkedAt: 'create' },
      { name: 'splunk-caname', description: 'Name to verify the server certificate against.', format: { f: 'any' }, checkedAt: 'never' },
      { name: 'splunk-insecureskipverify', description: 'Skip TLS verification.', format: BOOL, checkedAt: 'create', default: 'false' },
      { name: 'splunk-format', description: 'Message format: inline (default), json or raw.', format: { f: 'enum', values: ['inline', 'json', 'raw'] }, checkedAt: 'create', default: 'inline' },
      { name: 'splunk-verify-connection', description: 'Check the connection when a container starts.', format: BOOL, checkedAt: 'create', default: 'true' },
      { name: 'splunk-gzip', description: 'Compress messages.', format: BOOL, checkedAt: 'create', default: 'false' },
      { name: 'splunk-gzip-level', description: 'Compression level -1…9.', format: { f: 'int', min: -1, max: 9 }, checkedAt: 'create' },
      { name: 'splunk-index-acknowledgment', description: 'Use HEC index acknowledgement.', format: BOOL, checkedAt: 'create', default: 'false' },
    ],
    unknownOptMessage: "unknown log opt '%s' for splunk log driver",
    validatesValues: false,
  },
  {
    name: 'gcplogs',
    description: 'Sends to Google Cloud Logging.',
    docs: docs('gcplogs'),
    commonOpts: ['env', 'env-regex', 'labels', 'labels-regex'],
    options: [
      v('gcp-project', 'Google Cloud project (else GCE metadata when a container starts).', { f: 'any' }),
      v('gcp-log-cmd', 'Log the container command; on only when exactly "true".', { f: 'any' }),
      v('gcp-meta-zone', 'Zone of the instance (outside GCE).', { f: 'any' }),
      v('gcp-meta-name', 'Instance name (outside GCE).', { f: 'any' }),
      v('gcp-meta-id', 'Instance ID (outside GCE).', { f: 'any' }),
    ],
    unknownOptMessage: '"%s" is not a valid option for the gcplogs driver',
    validatesValues: true,
  },
  {
    name: 'logentries',
    description: 'Sends to Logentries (removed in Engine 25).',
    docs: 'https://docs.docker.com/engine/deprecated/#logentries-logging-driver',
    removedIn: '25.0',
    commonOpts: ALL_COMMON,
    options: [
      v('logentries-token', 'Required. Logentries token.', { f: 'any' }, { required: true, checkedAt: 'create' }),
      v('line-only', 'Send only the raw line.', BOOL),
    ],
    unknownOptMessage: "unknown log opt '%s' for logentries log driver",
    validatesValues: true,
  },
  {
    name: 'etwlogs',
    description: 'Event Tracing for Windows (Windows only).',
    docs: docs('etwlogs'),
    windowsOnly: true,
    commonOpts: [],
    options: [],
    unknownOptMessage: '',
    validatesValues: false,
  },
  {
    name: 'none',
    description: 'No logs: "docker logs" and "docker service logs" show nothing.',
    docs: 'https://docs.docker.com/engine/logging/configure/#supported-logging-drivers',
    commonOpts: [],
    options: [],
    unknownOptMessage: '',
    validatesValues: false,
  },
];

