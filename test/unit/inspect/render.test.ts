import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configDataText, renderConfigPretty, renderNodePretty, renderSecretPretty, renderServicePretty } from '../../../src/inspect/cliPretty';
import { renderNetworkDocument, renderTaskDocument } from '../../../src/inspect/swarmDocuments';
import { renderJson, renderYaml } from '../../../src/inspect/serialize';
import type { RenderedDocument, SwarmService } from '../../../src/inspect/model';

function linked(doc: RenderedDocument): string[] {
  return doc.links.map((l) => `${l.kind}:${doc.text.slice(l.start, l.end)}->${l.target}`);
}

const service: SwarmService = {
  ID: 'svc1',
  Spec: {
    Name: 'web',
    Labels: { b: '2', a: '' },
    Mode: { Replicated: { Replicas: 0 } },
    TaskTemplate: {
      ContainerSpec: {
        Image: 'demo/busybox:1',
        Secrets: [{ SecretID: 'sec1', SecretName: 'db-pass', File: { Name: 'pw' } }],
        Configs: [{ ConfigID: 'cfg1', ConfigName: 'app-conf', File: { Name: '/etc/app' } }],
      },
      Networks: [{ Target: 'net1' }, { Target: 'net2' }],
    },
  },
  UpdateStatus: { State: 'completed', StartedAt: '2024-01-01T00:00:00Z', CompletedAt: '2024-01-01T00:00:30.5Z', Message: 'update completed' },
};

void test('service: replicas 0 is printed, labels sorted, empty label value without "="', () => {
  const { text } = renderServicePretty(service, { networkNames: new Map(), now: Date.parse('2024-01-01T02:00:00Z') });
  assert.ok(text.startsWith('\nID:\t\tsvc1\nName:\t\tweb\nLabels:\n a\n b=2\nService Mode:\tReplicated\n Replicas:\t0\n'));
  assert.ok(text.endsWith('\n\n'));
});

void test('service: UpdateStatus times are relative to the given now', () => {
  const { text } = renderServicePretty(service, { networkNames: new Map(), now: Date.parse('2024-01-01T02:00:00Z') });
  assert.ok(text.includes('\nUpdateStatus:\n State:\t\tcompleted\n Started:\t2 hours ago\n Completed:\t2 hours ago\n Message:\tupdate completed\n'));
  const early = renderServicePretty(service, { networkNames: new Map(), now: Date.parse('2024-01-01T00:00:45Z') }).text;
  assert.ok(early.includes(' Started:\t45 seconds ago\n Completed:\t14 seconds ago\n'), early);
});

void test('service: jobs print "Service Mode:" alone; networks fall back to IDs; links name networks, secrets, configs', () => {
  const job: SwarmService = { ...service, UpdateStatus: null, Spec: { ...service.Spec, Mode: { ReplicatedJob: {} } } };
  const doc = renderServicePretty(job, { networkNames: new Map([['net1', 'front']]) });
  assert.ok(doc.text.includes('\nService Mode:\nPlacement:\n'), doc.text);
  assert.ok(doc.text.includes('\nNetworks: front net2 \nEndpoint Mode:\t\n'));
  assert.deepEqual(linked(doc), ['config:app-conf->cfg1', 'secret:db-pass->sec1', 'network:front->net1', 'network:net2->net2']);
});

void test('node: CPUs use integer division, labels " - k=v", no TLS block for a zero TLSInfo', () => {
  const { text } = renderNodePretty({
    ID: 'n1',
    CreatedAt: '2024-05-06T07:08:09.1Z',
    Spec: { Labels: { zone: 'a', empty: '' }, Availability: 'drain', Role: 'worker' },
    Description: { Hostname: 'h1', Resources: { NanoCPUs: 2_999_999_999, MemoryBytes: 0 }, Engine: { EngineVersion: '20.10' }, TLSInfo: {} },
    Status: { State: 'down', Message: 'Heartbeat FAILURE', Addr: '10.0.0.1' },
  });
  assert.equal(
    text,
    'ID:\t\t\tn1\nLabels:\n - empty\n - zone=a\nHostname:              \th1\nJoined at:             \t2024-05-06 07:08:09.1 +0000 utc\n' +
      'Status:\n State:\t\t\tDown\n Message:              \tHeartbeat failure\n Availability:         \tDrain\n Address:\t\t10.0.0.1\n' +
      'Platform:\n Operating System:\t\n Architecture:\t\t\nResources:\n CPUs:\t\t\t2\n Memory:\t\t\nEngine Version:\t\t20.10\n',
  );
});

void test('secret: never shows data even if an object carries some', () => {
  const secret = { ID: 's1', CreatedAt: '2024-01-01T00:00:00Z', UpdatedAt: '2024-01-01T00:00:00Z', Spec: { Name: 'pw', Data: 'c2VjcmV0' } };
  const { text } = renderSecretPretty(secret);
  assert.equal(
    text,
    'ID:              s1\nName:              pw\nDriver:            \nCreated at:        2024-01-01 00:00:00 +0000 utc\nUpdated at:        2024-01-01 00:00:00 +0000 utc\n',
  );
});

void test('config: data decoded when UTF-8, else its size', () => {
  assert.equal(configDataText(Buffer.from('héllo\n').toString('base64')), 'héllo\n');
  assert.equal(configDataText(Buffer.from([0xff, 0x00, 0xfe]).toString('base64')), '<binary data, 3 bytes>');
  assert.equal(configDataText(undefined), '');
  const { text } = renderConfigPretty({ ID: 'c1', Spec: { Name: 'app', Labels: { x: '1' }, Data: Buffer.from('a=1').toString('base64') } });
  assert.ok(text.endsWith('\nLabels:\n - x=1\nCreated at:            \t0001-01-01 00:00:00 +0000 utc\nUpdated at:            \t0001-01-01 00:00:00 +0000 utc\nData:\na=1\n'));
});

void test('task document: service and node names are links; addresses listed per network', () => {
  const doc = renderTaskDocument(
    {
      ID: 't1',
      ServiceID: 'svc1',
      NodeID: 'node1',
      Slot: 2,
      DesiredState: 'running',
      Status: { State: 'failed', Timestamp: '2024-01-01T00:00:00Z', Err: 'task: non-zero exit (1)', ContainerStatus: { ContainerID: 'c0ffee', ExitCode: 1 } },
      Spec: { ContainerSpec: { Image: 'demo/busybox:1' } },
      NetworksAttachments: [{ Network: { ID: 'net1', Spec: { Name: 'front' } }, Addresses: ['10.0.1.5/24'] }],
    },
    { serviceName: 'web', nodeHostname: 'host-a', networkNames: new Map() },
  );
  assert.deepEqual(linked(doc), ['service:web->svc1', 'node:host-a->node1', 'network:front->net1']);
  assert.match(doc.text, /\n Current State:\t\tFailed\n/);
  assert.match(doc.text, /\n Error:\t\t\ttask: non-zero exit \(1\)\n/);
  assert.match(doc.text, /\n Exit Code:\t\t1\n/);
  assert.match(doc.text, /\n front:\t\t10\.0\.1\.5\/24\n/);
});

void test('network document: IPAM, options sorted, services and tasks linked', () => {
  const doc = renderNetworkDocument(
    {
      Id: 'net1',
      Name: 'front',
      Driver: 'overlay',
      Scope: 'swarm',
      Attachable: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }] },
      Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097', a: '' },
    },
    { services: [{ id: 'svc1', name: 'web', virtualIPs: ['10.0.1.2/24'], tasks: [{ id: 't1', name: 'web.1', nodeId: 'n1', node: 'host-a', addresses: ['10.0.1.3/24'] }] }] },
  );
  assert.match(doc.text, /\nIPAM:\n Driver:\t\tdefault\n Subnet:\t\t10\.0\.1\.0\/24\n {2}Gateway:\t\t10\.0\.1\.1\nOptions:\n a\n com\.docker/);
  assert.deepEqual(linked(doc), ['service:web->svc1', 'task:web.1->t1', 'node:host-a->n1']);
});

void test('renderJson and renderYaml serialize the object as is', () => {
  const obj = { ID: 'x', Spec: { Name: 'web', Labels: { a: '1' } } };
  assert.equal(renderJson(obj), '{\n  "ID": "x",\n  "Spec": {\n    "Name": "web",\n    "Labels": {\n      "a": "1"\n    }\n  }\n}\n');
  assert.equal(renderYaml(obj), 'ID: x\nSpec:\n  Name: web\n  Labels:\n    a: "1"\n');
});
