// Table-driven checks of the daemon.json validator. Each case lists the problems expected as
// "rule-id@text-under-the-range"; errors and warnings must match exactly, info and hint only when listed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { validate } from '../../../src/daemonConfig/validate';
import { RULES } from '../../../src/daemonConfig/problem';

interface Case {
  name: string;
  json: string;
  expect: string[];
  engine?: string;
  stage?: 'start' | 'create';
}

const c = (name: string, json: string | object, expect: string[] = [], extra: Partial<Case> = {}): Case => ({
  name,
  json: typeof json === 'string' ? json : JSON.stringify(json),
  expect,
  ...extra,
});
const lo = (driver: string | undefined, opts: Record<string, unknown>): object => (driver ? { 'log-driver': driver, 'log-opts': opts } : { 'log-opts': opts });

const CASES: Case[] = [
  // JSON syntax and top level
  c('empty file is fine', ''),
  c('whitespace only is fine', '  \n'),
  c('empty object', '{}'),
  c('BOM then object', '\uFEFF{"debug": true}'),
  c('comment line', '// x\n{}', ['json-comment@// x'], { stage: 'start' }),
  c('block comment', '{ /* c */ "debug": true }', ['json-comment@/* c */']),
  c('trailing comma object', '{"debug": true,}', ['json-trailing-comma@,'], { stage: 'start' }),
  c('trailing comma array', '{"dns": ["1.1.1.1",]}', ['json-trailing-comma@,']),
  c('missing comma', '{"debug": true "tls": true}', ['json-syntax@"tls"']),
  c('missing close brace', '{"debug": true', ['json-syntax@']),
  c('unquoted key', '{debug: true}', ['json-syntax@debug']),
  c('single quotes', "{'debug': true}", ['json-syntax@\'debug\'']),
  c('array top level', '[1, 2]', ['not-an-object@[1, 2]'], { stage: 'start' }),
  c('string top level', '"x"', ['not-an-object@"x"']),
  c('number top level', '42', ['not-an-object@42']),
  c('duplicate key', '{"debug": true, "debug": false}', ['json-duplicate-key@"debug"']),
  c('duplicate log-opt', '{"log-opts": {"max-size": "1m", "max-size": "2m"}}', ['json-duplicate-key@"max-size"']),
  // Unknown, ignored, removed keys
  c('unknown key', { 'no-such-key': true }, ['unknown-key@"no-such-key"'], { stage: 'start' }),
  c('tls-verify suggests tlsverify', { 'tls-verify': true }, ['unknown-key@"tls-verify"']),
  c('registry-mirror ignored', { 'registry-mirror': ['https://m'] }, ['ignored-key@"registry-mirror"']),
  c('insecure-registry ignored', { 'insecure-registry': ['r:5000'] }, ['ignored-key@"insecure-registry"']),
  c('storage-opt ignored', { 'storage-opt': ['x=y'] }, ['ignored-key@"storage-opt"']),
  c('label ignored', { label: ['a=b'] }, ['ignored-key@"label"']),
  c('exec-opt ignored', { 'exec-opt': ['native.cgroupdriver=systemd'] }, ['ignored-key@"exec-opt"']),
  c('host ignored', { host: ['unix:///x.sock'] }, ['ignored-key@"host"']),
  c('dns-opt ignored', { 'dns-opt': ['ndots:1'] }, ['ignored-key@"dns-opt"']),
  c('default-ulimit ignored', { 'default-ulimit': 'nofile=1:2' }, ['ignored-key@"default-ulimit"']),
  c('containerd-plugins-namespace ignored', { 'containerd-plugins-namespace': 'p' }, ['ignored-key@"containerd-plugins-namespace"']),
  c('containerd-plugin-namespace rejected', { 'containerd-plugin-namespace': 'p' }, ['unknown-key@"containerd-plugin-namespace"']),
  c('log-opt object flattened', { 'log-opt': { 'max-size': '1m' } }, ['ignored-key@"log-opt"', 'unknown-key@"max-size"']),
  c('unknown object with valid members', { foo: { debug: true } }, ['ignored-object@"foo"']),
  c('unknown object with bad members', { foo: { bar: 1 } }, ['unknown-key@"bar"']),
  c('validate is a flag (28)', { validate: true }, ['ignored-key@"validate"']),
  c('validate unknown on 20.10', { validate: true }, ['unknown-key@"validate"'], { engine: '20.10' }),
  c('swarm-raft tick rejected', { 'swarm-raft-heartbeat-tick': 1 }, ['unknown-key@"swarm-raft-heartbeat-tick"']),
  c('default-init rejected', { 'default-init': true }, ['unknown-key@"default-init"']),
  c('cluster-store removed', { 'cluster-store': 'consul://x' }, ['removed-key@"cluster-store"'], { stage: 'start' }),
  c('cluster-store deprecated on 20.10', { 'cluster-store': 'consul://x' }, ['deprecated-key@"cluster-store"'], { engine: '20.10' }),
  c('cluster-advertise removed', { 'cluster-advertise': 'eth0:2376' }, ['removed-key@"cluster-advertise"']),
  c('api-cors-header removed on 28', { 'api-cors-header': '*' }, ['removed-key@"api-cors-header"'], { engine: '28.0' }),
  c('api-cors-header fine on 20.10', { 'api-cors-header': '*' }, [], { engine: '20.10' }),
  c('oom-score-adjust removed on 25', { 'oom-score-adjust': -500 }, ['removed-key@"oom-score-adjust"'], { engine: '25.0' }),
  c('oom-score-adjust deprecated on 24', { 'oom-score-adjust': -500 }, ['deprecated-key@"oom-score-adjust"'], { engine: '24.0' }),
  c('graph removed', { graph: '/data' }, ['removed-key@"graph"']),
  c('proxies needs 23', { proxies: { 'http-proxy': 'http://p:3128' } }, ['key-not-in-version@"proxies"'], { engine: '20.10' }),
  c('log-format needs 28', { 'log-format': 'json' }, ['key-not-in-version@"log-format"'], { engine: '20.10' }),
  c('bip6 needs 28', { bip6: 'fd00::1/64' }, ['key-not-in-version@"bip6"'], { engine: '27.5' }),
  c('cdi-spec-dirs on 25', { 'cdi-spec-dirs': ['/etc/cdi'] }, [], { engine: '25.0' }),
  c('default-network-opts needs 24', { 'default-network-opts': { bridge: { 'com.docker.network.bridge.mtu': '1400' } } }, ['key-not-in-version@"default-network-opts"'], { engine: '23.0' }),
  c('case matters', { Debug: true }, ['unknown-key@"Debug"']),
  // Types: booleans
  c('bool ok', { debug: true, experimental: false, 'live-restore': true, icc: false, iptables: true, ipv6: false, 'userland-proxy': false, tlsverify: false, init: true }),
  c('bool as string', { debug: 'true' }, ['type-mismatch@"true"'], { stage: 'start' }),
  c('bool as number', { 'live-restore': 1 }, ['type-mismatch@1']),
  c('bool as array', { icc: [true] }, ['type-mismatch@[true]']),
  c('bool null', { debug: null }, []),
  c('ipv6 as string', { ipv6: 'yes' }, ['type-mismatch@"yes"']),
  // Types: integers
  c('int ok', { mtu: 1400, 'max-concurrent-downloads': 10, 'shutdown-timeout': 30, 'cpu-rt-period': 1000000 }),
  c('int as string', { mtu: '1400' }, ['type-mismatch@"1400"']),
  c('int fractional', { 'max-concurrent-uploads': 2.5 }, ['type-mismatch@2.5']),
  c('int exponent', '{"mtu": 1e3}', ['type-mismatch@1e3']),
  c('int bool', { 'shutdown-timeout': true }, ['type-mismatch@true']),
  c('int too big', '{"mtu": 99999999999999999999}', ['type-mismatch@99999999999999999999']),
  c('negative mtu', { mtu: -1 }, ['negative-value@-1'], { stage: 'start' }),
  c('negative downloads', { 'max-concurrent-downloads': -3 }, ['negative-value@-3']),
  c('negative attempts', { 'max-download-attempts': -1 }, ['negative-value@-1']),
  c('zero ok', { 'max-concurrent-uploads': 0 }),
  c('diag port ok', { 'network-diagnostic-port': 2000 }),
  c('diag port range', { 'network-diagnostic-port': 70000 }, ['port-out-of-range@70000']),
  // Types: strings
  c('string ok', { 'data-root': '/srv/docker', 'storage-driver': 'overlay2', 'default-runtime': 'runc', 'cgroup-parent': 'docker.slice' }),
  c('string as number', { 'data-root': 5 }, ['type-mismatch@5']),
  c('string as array', { 'storage-driver': ['overlay2'] }, ['type-mismatch@["overlay2"]']),
  c('string as object', { bridge: { a: 1 } }, ['type-mismatch@{"a":1}']),
  // Types: arrays
  c('array ok', { dns: ['1.1.1.1', '8.8.8.8'], 'dns-search': ['example.com'], 'insecure-registries': ['r:5000'], 'storage-opts': ['overlay2.size=1G'] }),
  c('array as string', { dns: '8.8.8.8' }, ['type-mismatch@"8.8.8.8"']),
  c('array with number', { 'insecure-registries': ['r:5000', 5000] }, ['type-mismatch@5000']),
  c('labels as object', { labels: { a: 'b' } }, ['type-mismatch@{"a":"b"}']),
  // Types: maps and objects
  c('runtimes ok', { runtimes: { runsc: { path: '/usr/bin/runsc', runtimeArgs: ['--debug'] } } }),
  c('runtimes path number', { runtimes: { runsc: { path: 5 } } }, ['type-mismatch@5']),
  c('runtimes unknown field', { runtimes: { runsc: { pth: '/x' } } }, ['unknown-property@"pth"']),
  c('runtimes not object', { runtimes: ['runsc'] }, ['type-mismatch@["runsc"]']),
  c('ulimits ok', { 'default-ulimits': { nofile: { Name: 'nofile', Hard: 64000, Soft: 64000 } } }),
  c('ulimits lowercase fields ok', { 'default-ulimits': { nofile: { name: 'nofile', hard: 1, soft: 1 } } }),
  c('ulimits hard string', { 'default-ulimits': { nofile: { Name: 'nofile', Hard: '64000', Soft: 1 } } }, ['type-mismatch@"64000"']),
  c('features ok', { features: { buildkit: true } }),
  c('features string', { features: { buildkit: 'true' } }, ['type-mismatch@"true"']),
  c('builder ok', { builder: { gc: { enabled: true, defaultKeepStorage: '20GB' } } }),
  c('builder gc enabled string', { builder: { gc: { enabled: 'yes' } } }, ['type-mismatch@"yes"']),
  c('builder unknown field', { builder: { gcc: {} } }, ['unknown-property@"gcc"']),
  c('address pools ok', { 'default-address-pools': [{ base: '10.10.0.0/16', size: 24 }] }),
  c('address pools bad base', { 'default-address-pools': [{ base: '10.10.0.0', size: 24 }] }, ['invalid-address-pool@"10.10.0.0"']),
  c('address pools size too small', { 'default-address-pools': [{ base: '10.10.0.0/16', size: 8 }] }, ['invalid-address-pool@8']),
  c('address pools size string', { 'default-address-pools': [{ base: '10.10.0.0/16', size: '24' }] }, ['type-mismatch@"24"']),
  c('proxies ok', { proxies: { 'http-proxy': 'http://p:3128', 'no-proxy': 'localhost' } }),
  c('proxies unknown member', { proxies: { 'http_proxy': 'http://p:3128' } }, ['unknown-key@"http_proxy"', 'unknown-property@"http_proxy"']),
  c('default-shm-size string', { 'default-shm-size': '128M' }),
  c('default-shm-size number', { 'default-shm-size': 67108864 }),
  c('default-shm-size bad', { 'default-shm-size': '128 potatoes' }, ['invalid-size@"128 potatoes"']),
  c('log-opts not object', { 'log-opts': 'max-size=10m' }, ['type-mismatch@"max-size=10m"']),
  c('nri-opts ok', { 'nri-opts': { enable: true } }),
  // Value checks
  c('log-level ok', { 'log-level': 'warn' }),
  c('log-level case-insensitive', { 'log-level': 'DEBUG' }),
  c('log-level warning ok', { 'log-level': 'warning' }),
  c('log-level bad', { 'log-level': 'verbose' }, ['invalid-log-level@"verbose"'], { stage: 'start' }),
  c('log-format bad', { 'log-format': 'logfmt' }, ['invalid-log-format@"logfmt"']),
  c('labels ok', { labels: ['env=prod', 'team=a', 'env=prod'] }),
  c('label no equals', { labels: ['one'] }, ['invalid-label@"one"']),
  c('labels conflict', { labels: ['a=b', 'a=c'] }, ['conflicting-labels@"a=c"']),
  c('exec-opts ok', { 'exec-opts': ['native.cgroupdriver=systemd'] }),
  c('exec-opts bad driver', { 'exec-opts': ['native.cgroupdriver=foo'] }, ['invalid-exec-opt@"native.cgroupdriver=foo"']),
  c('exec-opts unknown key', { 'exec-opts': ['foo=bar'] }, ['invalid-exec-opt@"foo=bar"']),
  c('exec-opts unknown key 20.10 warns', { 'exec-opts': ['foo=bar'] }, ['invalid-exec-opt@"foo=bar"'], { engine: '20.10' }),
  c('mirror ok', { 'registry-mirrors': ['https://mirror.gcr.io'] }),
  c('mirror no scheme', { 'registry-mirrors': ['mirror.gcr.io'] }, ['invalid-mirror@"mirror.gcr.io"']),
  c('mirror ftp', { 'registry-mirrors': ['ftp://m'] }, ['invalid-mirror@"ftp://m"']),
  c('mirror with path', { 'registry-mirrors': ['https://m/v2/x'] }, ['invalid-mirror@"https://m/v2/x"']),
  c('ipc ok', { 'default-ipc-mode': 'shareable' }),
  c('ipc bad', { 'default-ipc-mode': 'host' }, ['invalid-ipc-mode@"host"']),
  c('cgroupns ok', { 'default-cgroupns-mode': 'private' }),
  c('cgroupns bad', { 'default-cgroupns-mode': 'shared' }, ['invalid-cgroupns-mode@"shared"']),
  c('hosts ok', { hosts: ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2376', 'fd://'] }),
  c('hosts tcp path', { hosts: ['tcp://127.0.0.1:2376/path'] }, ['invalid-host@"tcp://127.0.0.1:2376/path"']),
  c('hosts bad scheme', { hosts: ['http://127.0.0.1:2376'] }, ['invalid-host@"http://127.0.0.1:2376"']),
  c('firewall backend ok', { 'firewall-backend': 'nftables' }),
  c('firewall backend bad', { 'firewall-backend': 'pf' }, ['invalid-firewall-backend@"pf"']),
  c('fwmark ok', { 'bridge-accept-fwmark': '0x1/0xff' }),
  c('fwmark bad', { 'bridge-accept-fwmark': 'mark' }, ['invalid-fwmark@"mark"']),
  c('bip ok', { bip: '172.26.0.1/16' }),
  c('bip bad', { bip: '172.26.0.1' }, ['invalid-cidr@"172.26.0.1"']),
  c('fixed-cidr-v6 ok', { 'fixed-cidr-v6': '2001:db8:1::/64' }),
  c('fixed-cidr-v6 v4', { 'fixed-cidr-v6': '10.0.0.0/8' }, ['invalid-cidr@"10.0.0.0/8"']),
  c('min-api-version ok', { 'min-api-version': '1.24' }),
  c('min-api-version v', { 'min-api-version': 'v1.24' }, ['invalid-min-api-version@"v1.24"']),
  c('min-api-version too old', { 'min-api-version': '1.12' }, ['invalid-min-api-version@"1.12"']),
  c('ip ok', { ip: '127.0.0.1' }),
  c('ip bad', { ip: 'localhost' }, ['invalid-ip@"localhost"']),
  c('dns bad', { dns: ['8.8.8'] }, ['invalid-ip@"8.8.8"']),
  c('default-gateway-v6 bad', { 'default-gateway-v6': '10.0.0.1' }, ['invalid-ip@"10.0.0.1"']),
  c('host-gateway-ips ok', { 'host-gateway-ips': ['192.0.2.1', '2001:db8::1'] }),
  c('host-gateway-ips two v4', { 'host-gateway-ips': ['192.0.2.1', '192.0.2.2'] }, ['invalid-host-gateway-ips@"192.0.2.2"']),
  c('generic resources ok', { 'node-generic-resources': ['gpu=UUID1', 'ssd=1'] }),
  c('generic resources bad', { 'node-generic-resources': ['gpu'] }, ['invalid-generic-resource@"gpu"']),
  c('userland proxy path relative', { 'userland-proxy-path': 'docker-proxy' }, ['invalid-userland-proxy-path@"docker-proxy"']),
  c('dns-search ok', { 'dns-search': ['corp.example.com', '.'] }),
  c('dns-search bad', { 'dns-search': ['bad_domain!'] }, ['invalid-dns-search@"bad_domain!"']),
  // log-driver
  c('driver json-file', { 'log-driver': 'json-file' }),
  c('driver local', { 'log-driver': 'local' }),
  c('driver journald', { 'log-driver': 'journald' }),
  c('driver syslog', { 'log-driver': 'syslog' }),
  c('driver fluentd', { 'log-driver': 'fluentd' }),
  c('driver gcplogs', { 'log-driver': 'gcplogs' }),
  c('driver none', { 'log-driver': 'none' }, ['log-driver-none@"none"']),
  c('driver none with opts', { 'log-driver': 'none', 'log-opts': { anything: 'x' } }, ['log-driver-none@"none"']),
  c('driver plugin', { 'log-driver': 'grafana/loki-docker-driver:2.9.1' }, ['log-driver-plugin@"grafana/loki-docker-driver:2.9.1"']),
  c('driver plugin plain', { 'log-driver': 'loki' }, ['log-driver-plugin@"loki"']),
  c('driver typo', { 'log-driver': 'jsonfile' }, ['log-driver-unknown@"jsonfile"'], { stage: 'create' }),
  c('driver typo with opts refuses start', { 'log-driver': 'sislog', 'log-opts': { tag: 'x' } }, ['log-driver-unknown@"sislog"'], { stage: 'start' }),
  c('driver invalid ref', { 'log-driver': 'My Driver' }, ['log-driver-invalid@"My Driver"']),
  c('driver number', { 'log-driver': 5 }, ['type-mismatch@5']),
  c('logentries removed', { 'log-driver': 'logentries' }, ['log-driver-removed@"logentries"']),
  c('logentries ok on 20.10', { 'log-driver': 'logentries', 'log-opts': { 'logentries-token': 't' } }, [], { engine: '20.10' }),
  c('etwlogs windows only', { 'log-driver': 'etwlogs' }, ['log-driver-windows-only@"etwlogs"']),
  // log-opts: strings, generic options
  c('opts number', lo(undefined, { 'max-file': 3, 'max-size': '10m' }), ['log-opts-not-string@3'], { stage: 'start' }),
  c('opts bool', lo('local', { compress: false }), ['log-opts-not-string@false']),
  c('opts array', lo(undefined, { labels: ['a'] }), ['log-opts-not-string@["a"]']),
  c('mode non-blocking', lo(undefined, { mode: 'non-blocking', 'max-buffer-size': '4m' })),
  c('mode bad', lo(undefined, { mode: 'async' }), ['log-opt-value@"async"'], { stage: 'start' }),
  c('max-buffer-size without mode', lo(undefined, { 'max-buffer-size': '4m' }), ['log-opt-conflict@"max-buffer-size"']),
  c('max-buffer-size blocking', lo(undefined, { mode: 'blocking', 'max-buffer-size': '4m' }), ['log-opt-conflict@"max-buffer-size"']),
  c('max-buffer-size bad', lo(undefined, { mode: 'non-blocking', 'max-buffer-size': 'lots' }), ['log-opt-value@"lots"']),
  c('cache-disabled bad', lo('syslog', { 'cache-disabled': 'maybe' }), ['log-opt-value@"maybe"']),
  c('cache options on plugin', { 'log-driver': 'loki', 'log-opts': { 'cache-disabled': 'true', 'loki-url': 'http://x' } }, ['log-driver-plugin@"loki"']),
  c('generic checked for plugin', { 'log-driver': 'loki', 'log-opts': { mode: 'fast' } }, ['log-opt-value@"fast"']),
  // json-file
  c('json-file ok', lo('json-file', { 'max-size': '10m', 'max-file': '3', compress: 'true', tag: '{{.Name}}', labels: 'a,b', env: 'X' })),
  c('json-file default driver opts', lo(undefined, { 'max-size': '100m', 'max-file': '5' })),
  c('json-file 10mib decimal ok', lo(undefined, { 'max-size': '10mib' })),
  c('json-file unknown opt', lo(undefined, { 'max-files': '3' }), ['log-opt-unknown@"max-files"']),
  c('json-file bad size', lo(undefined, { 'max-size': '10 megs' }), ['log-opt-value@"10 megs"'], { stage: 'create' }),
  c('json-file zero size', lo(undefined, { 'max-size': '0' }), ['log-opt-value@"0"']),
  c('json-file max-file zero', lo(undefined, { 'max-size': '1m', 'max-file': '0' }), ['log-opt-value@"0"']),
  c('json-file max-file not int', lo(undefined, { 'max-size': '1m', 'max-file': 'three' }), ['log-opt-value@"three"']),
  c('json-file compress bad bool', lo(undefined, { 'max-size': '1m', 'max-file': '3', compress: 'yes' }), ['log-opt-value@"yes"']),
  c('json-file compress max-file 1', lo(undefined, { 'max-size': '1m', 'max-file': '1', compress: 'true' }), ['log-opt-conflict@"true"'], { stage: 'create' }),
  c('json-file compress no max-size', lo(undefined, { 'max-file': '3', compress: 'true' }), ['log-opt-conflict@"true"', 'log-opt-no-effect@"max-file"']),
  c('json-file max-file without max-size info', lo(undefined, { 'max-file': '3' }), ['log-opt-no-effect@"max-file"']),
  c('json-file bad tag field', lo(undefined, { tag: '{{.Nmae}}' }), ['log-opt-value@"{{.Nmae}}"']),
  c('json-file tag unclosed', lo(undefined, { tag: '{{.Name' }), ['log-opt-value@"{{.Name"']),
  c('json-file gelf option', lo('json-file', { 'gelf-address': 'udp://x:1' }), ['log-opt-unknown@"gelf-address"']),
  // local
  c('local ok', lo('local', { 'max-size': '20m', 'max-file': '5', compress: 'false' })),
  c('local max-file 1 with default compress', lo('local', { 'max-file': '1' }), ['log-opt-conflict@"1"'], { stage: 'create' }),
  c('local max-file 1 no compress ok', lo('local', { 'max-file': '1', compress: 'false' })),
  c('local bad size', lo('local', { 'max-size': '1x' }), ['log-opt-value@"1x"']),
  c('local unknown', lo('local', { 'max-age': '1d' }), ['log-opt-unknown@"max-age"']),
  // journald
  c('journald ok', lo('journald', { tag: '{{.Name}}', labels: 'a', env: 'B' })),
  c('journald max-size', lo('journald', { 'max-size': '10m' }), ['log-opt-unknown@"max-size"'], { stage: 'start' }),
  // syslog
  c('syslog ok', lo('syslog', { 'syslog-address': 'udp://10.0.0.1:514', 'syslog-facility': 'local3', 'syslog-format': 'rfc5424micro', tag: 'x' })),
  c('syslog tcp+tls ok', lo('syslog', { 'syslog-address': 'tcp+tls://logs:6514', 'syslog-tls-ca-cert': '/ca.pem' })),
  c('syslog unix ok', lo('syslog', { 'syslog-address': 'unix:///dev/log' })),
  c('syslog numeric facility', lo('syslog', { 'syslog-facility': '16' })),
  c('syslog bad scheme', lo('syslog', { 'syslog-address': 'http://x:514' }), ['log-opt-value@"http://x:514"'], { stage: 'start' }),
  c('syslog no scheme', lo('syslog', { 'syslog-address': '10.0.0.1:514' }), ['log-opt-value@"10.0.0.1:514"']),
  c('syslog bad facility', lo('syslog', { 'syslog-facility': 'local9' }), ['log-opt-value@"local9"']),
  c('syslog facility 24', lo('syslog', { 'syslog-facility': '24' }), ['log-opt-value@"24"']),
  c('syslog bad format', lo('syslog', { 'syslog-format': 'rfc5425' }), ['log-opt-value@"rfc5425"']),
  c('syslog tls opt on udp', lo('syslog', { 'syslog-address': 'udp://x:514', 'syslog-tls-cert': '/c' }), ['log-opt-no-effect@"syslog-tls-cert"']),
  // gelf
  c('gelf udp ok', lo('gelf', { 'gelf-address': 'udp://graylog:12201', 'gelf-compression-type': 'zlib', 'gelf-compression-level': '5' })),
  c('gelf tcp ok', lo('gelf', { 'gelf-address': 'tcp://graylog:12201', 'gelf-tcp-max-reconnect': '5', 'gelf-tcp-reconnect-delay': '2' })),
  c('gelf missing address with opts', lo('gelf', { tag: 'x' }), ['log-opt-required@"log-opts"'], { stage: 'start' }),
  c('gelf missing address no opts', { 'log-driver': 'gelf' }, ['log-opt-required@"gelf"'], { stage: 'create' }),
  c('gelf http address', lo('gelf', { 'gelf-address': 'http://graylog:12201' }), ['log-opt-value@"http://graylog:12201"']),
  c('gelf no port', lo('gelf', { 'gelf-address': 'udp://graylog' }), ['log-opt-value@"udp://graylog"']),
  c('gelf compression on tcp', lo('gelf', { 'gelf-address': 'tcp://g:12201', 'gelf-compression-type': 'gzip' }), ['log-opt-conflict@"gelf-compression-type"'], { stage: 'start' }),
  c('gelf tcp opt on udp', lo('gelf', { 'gelf-address': 'udp://g:12201', 'gelf-tcp-max-reconnect': '3' }), ['log-opt-conflict@"gelf-tcp-max-reconnect"']),
  c('gelf bad compression type', lo('gelf', { 'gelf-address': 'udp://g:12201', 'gelf-compression-type': 'bzip2' }), ['log-opt-value@"bzip2"']),
  c('gelf compression level 10', lo('gelf', { 'gelf-address': 'udp://g:12201', 'gelf-compression-level': '10' }), ['log-opt-value@"10"']),
  c('gelf negative reconnect', lo('gelf', { 'gelf-address': 'tcp://g:12201', 'gelf-tcp-reconnect-delay': '-1' }), ['log-opt-value@"-1"']),
  c('gelf unknown', lo('gelf', { 'gelf-address': 'udp://g:12201', 'gelf-host': 'x' }), ['log-opt-unknown@"gelf-host"']),
  // fluentd
  c('fluentd ok', lo('fluentd', { 'fluentd-address': 'tcp://fluent:24224', 'fluentd-async': 'true', 'fluentd-buffer-limit': '8m', 'fluentd-retry-wait': '1s', 'fluentd-max-retries': '10', 'fluentd-sub-second-precision': 'true' })),
  c('fluentd host:port ok', lo('fluentd', { 'fluentd-address': 'fluent:24224' })),
  c('fluentd unix ok', lo('fluentd', { 'fluentd-address': 'unix:///var/run/fluent.sock' })),
  c('fluentd bad scheme', lo('fluentd', { 'fluentd-address': 'udp://fluent:24224' }), ['log-opt-value@"udp://fluent:24224"']),
  c('fluentd path', lo('fluentd', { 'fluentd-address': 'tcp://fluent:24224/x' }), ['log-opt-value@"tcp://fluent:24224/x"']),
  c('fluentd bad port', lo('fluentd', { 'fluentd-address': 'fluent:99999' }), ['log-opt-value@"fluent:99999"']),
  c('fluentd reconnect too long', lo('fluentd', { 'fluentd-async': 'true', 'fluentd-async-reconnect-interval': '20s' }), ['log-opt-value@"20s"']),
  c('fluentd reconnect ok', lo('fluentd', { 'fluentd-async': 'true', 'fluentd-async-reconnect-interval': '500ms' })),
  c('fluentd reconnect needs 23', lo('fluentd', { 'fluentd-async-reconnect-interval': '500ms' }), ['log-opt-not-in-version@"fluentd-async-reconnect-interval"'], { engine: '20.10' }),
  c('fluentd write-timeout needs 25', lo('fluentd', { 'fluentd-write-timeout': '5s' }), ['log-opt-not-in-version@"fluentd-write-timeout"'], { engine: '20.10' }),
  c('fluentd async-connect removed', lo('fluentd', { 'fluentd-async-connect': 'true' }), ['log-opt-not-in-version@"fluentd-async-connect"']),
  c('fluentd async-connect on 20.10', lo('fluentd', { 'fluentd-async-connect': 'true' }), [], { engine: '20.10' }),
  c('fluentd bad duration', lo('fluentd', { 'fluentd-retry-wait': '1 second' }), ['log-opt-value@"1 second"']),
  c('fluentd bad bool', lo('fluentd', { 'fluentd-async': 'on' }), ['log-opt-value@"on"']),
  c('fluentd retries too big', lo('fluentd', { 'fluentd-max-retries': '4294967295' }), ['log-opt-value@"4294967295"']),
  c('fluentd bad buffer', lo('fluentd', { 'fluentd-buffer-limit': '8 MB!' }), ['log-opt-value@"8 MB!"']),
  // awslogs
  c('awslogs ok', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-create-group': 'true', tag: '{{.Name}}' })),
  c('awslogs missing group', lo('awslogs', { 'awslogs-region': 'eu-west-1' }), ['log-opt-required@"log-opts"']),
  c('awslogs env not allowed', lo('awslogs', { 'awslogs-group': 'g', env: 'X' }), ['log-opt-unknown@"env"']),
  c('awslogs datetime and multiline', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-datetime-format': '%Y', 'awslogs-multiline-pattern': '^x' }), ['log-opt-conflict@"awslogs-multiline-pattern"']),
  c('awslogs emf with multiline', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-format': 'json/emf', 'awslogs-multiline-pattern': '^x' }), ['log-opt-conflict@"awslogs-multiline-pattern"']),
  c('awslogs bad format', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-format': 'json' }), ['log-opt-value@"json"']),
  c('awslogs format needs 23', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-format': 'json/emf' }), ['log-opt-not-in-version@"awslogs-format"'], { engine: '20.10' }),
  c('awslogs flush zero', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-force-flush-interval-seconds': '0' }), ['log-opt-value@"0"']),
  c('awslogs create-group bad', lo('awslogs', { 'awslogs-group': 'g', 'awslogs-create-group': 'yes' }), ['log-opt-value@"yes"']),
  // splunk
  c('splunk ok', lo('splunk', { 'splunk-url': 'https://splunk:8088', 'splunk-token': 't', 'splunk-format': 'json', 'splunk-gzip': 'true', 'splunk-gzip-level': '5' })),
  c('splunk missing token', lo('splunk', { 'splunk-url': 'https://splunk:8088' }), ['log-opt-required@"log-opts"'], { stage: 'create' }),
  c('splunk missing both', { 'log-driver': 'splunk' }, ['log-opt-required@"splunk"', 'log-opt-required@"splunk"']),
  c('splunk url path', lo('splunk', { 'splunk-url': 'https://splunk:8088/services/collector', 'splunk-token': 't' }), ['log-opt-value@"https://splunk:8088/services/collector"'], { stage: 'create' }),
  c('splunk url scheme', lo('splunk', { 'splunk-url': 'splunk:8088', 'splunk-token': 't' }), ['log-opt-value@"splunk:8088"']),
  c('splunk bad format', lo('splunk', { 'splunk-url': 'https://s:8088', 'splunk-token': 't', 'splunk-format': 'xml' }), ['log-opt-value@"xml"']),
  c('splunk gzip level', lo('splunk', { 'splunk-url': 'https://s:8088', 'splunk-token': 't', 'splunk-gzip-level': '11' }), ['log-opt-value@"11"']),
  c('splunk unknown', lo('splunk', { 'splunk-url': 'https://s:8088', 'splunk-token': 't', 'splunk-host': 'x' }), ['log-opt-unknown@"splunk-host"']),
  // gcplogs
  c('gcplogs ok', lo('gcplogs', { 'gcp-project': 'p', 'gcp-log-cmd': 'true', labels: 'a' })),
  c('gcplogs tag not allowed', lo('gcplogs', { tag: 'x' }), ['log-opt-unknown@"tag"'], { stage: 'start' }),
  c('gcplogs unknown', lo('gcplogs', { 'gcp-zone': 'x' }), ['log-opt-unknown@"gcp-zone"']),
  // logentries on 20.10
  c('logentries unknown opt on 20.10', lo('logentries', { 'logentries-token': 't', 'max-size': '1m' }), ['log-opt-unknown@"max-size"'], { engine: '20.10' }),
  c('logentries missing token on 20.10', lo('logentries', { tag: 'x' }), ['log-opt-required@"log-opts"'], { engine: '20.10', stage: 'create' }),
  // A realistic complete file
  c(
    'realistic good file',
    {
      'data-root': '/srv/docker',
      'log-driver': 'local',
      'log-opts': { 'max-size': '50m', 'max-file': '5', mode: 'non-blocking', 'max-buffer-size': '8m' },
      'registry-mirrors': ['https://mirror.gcr.io'],
      'live-restore': false,
      features: { buildkit: true },
      'default-address-pools': [{ base: '10.200.0.0/16', size: 24 }],
      'exec-opts': ['native.cgroupdriver=systemd'],
      labels: ['role=worker'],
      'max-concurrent-downloads': 6,
    },
    [],
  ),
];

function summary(text: string, problems: ReturnType<typeof validate>, listed: Set<string>): string[] {
  return problems
    .filter((p) => p.severity === 'error' || p.severity === 'warning' || listed.has(p.ruleId))
    .map((p) => `${p.ruleId}@${text.slice(p.range.start, p.range.end)}`)
    .sort();
}

void test('the table has at least 150 cases', () => {
  assert.ok(CASES.length >= 150, `only ${CASES.length} cases`);
});

for (const tc of CASES) {
  void test(`validate: ${tc.name}`, () => {
    const problems = validate(tc.json, { engineVersion: tc.engine });
    const listed = new Set(tc.expect.map((e) => e.slice(0, e.indexOf('@'))));
    assert.deepEqual(summary(tc.json, problems, listed), [...tc.expect].sort(), JSON.stringify(problems, null, 1));
    for (const p of problems) {
      assert.ok(p.ruleId in RULES, `rule ${p.ruleId} is not documented in RULES`);
      assert.ok(p.range.start >= 0 && p.range.end <= tc.json.length && p.range.start <= p.range.end);
      assert.ok(p.message.length > 0);
    }
    if (tc.stage) {
      const first = problems.find((p) => p.ruleId === tc.expect[0].slice(0, tc.expect[0].indexOf('@')));
      assert.equal(first?.stage, tc.stage);
    }
  });
}
