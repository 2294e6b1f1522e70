// Raw Engine API objects shaped like what Engine 20.10 returns (trimmed to the fields the explorer reads).
import type { RawNetwork, RawNode, RawSecretOrConfig, RawService, RawTask } from '../../../src/model/raw';

export const NOW = Date.parse('2024-05-01T12:00:00Z');
export const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

export function node(id: string, hostname: string, o: Partial<{ role: string; leader: boolean; availability: string; state: string; reachability: string; addr: string }> = {}): RawNode {
  const role = o.role ?? 'worker';
  return {
    ID: id,
    Spec: { Role: role, Availability: o.availability ?? 'active', Labels: {} },
    Description: { Hostname: hostname, Engine: { EngineVersion: '20.10.24' }, Platform: { OS: 'linux', Architecture: 'x86_64' } },
    Status: { State: o.state ?? 'ready', Addr: o.addr ?? '10.0.0.1' },
    ManagerStatus: role === 'manager' ? { Leader: o.leader ?? false, Reachability: o.reachability ?? 'reachable', Addr: `${o.addr ?? '10.0.0.1'}:2377` } : undefined,
  };
}

export function service(id: string, name: string, o: Partial<{ replicas: number; global: boolean; stack: string; image: string; status: RawService['ServiceStatus']; update: RawService['UpdateStatus']; networks: string[]; secrets: [string, string, string][]; configs: [string, string, string][]; ports: RawService['Endpoint'] }> = {}): RawService {
  return {
    ID: id,
    CreatedAt: ago(3600),
    UpdatedAt: ago(600),
    Spec: {
      Name: name,
      Labels: o.stack ? { 'com.docker.stack.namespace': o.stack } : {},
      Mode: o.global ? { Global: {} } : { Replicated: { Replicas: o.replicas ?? 1 } },
      TaskTemplate: {
        ContainerSpec: {
          Image: o.image ?? 'demo/busybox:1',
          Secrets: (o.secrets ?? []).map(([SecretID, SecretName, file]) => ({ SecretID, SecretName, File: { Name: file } })),
          Configs: (o.configs ?? []).map(([ConfigID, ConfigName, file]) => ({ ConfigID, ConfigName, File: { Name: file } })),
        },
        Networks: (o.networks ?? []).map((Target) => ({ Target })),
      },
    },
    Endpoint: o.ports,
    UpdateStatus: o.update,
    ServiceStatus: o.status,
  };
}

export function task(id: string, serviceId: string, o: Partial<{ slot: number; node: string; desired: string; state: string; err: string; secondsAgo: number }> = {}): RawTask {
  return {
    ID: id,
    ServiceID: serviceId,
    Slot: o.slot,
    NodeID: o.node,
    DesiredState: o.desired ?? 'running',
    Status: { State: o.state ?? 'running', Timestamp: ago(o.secondsAgo ?? 60), Message: o.state ?? 'started', Err: o.err },
  };
}

export function network(id: string, name: string, o: Partial<{ scope: string; driver: string; attachable: boolean; ingress: boolean; subnet: string }> = {}): RawNetwork {
  return {
    Id: id,
    Name: name,
    Scope: o.scope ?? 'swarm',
    Driver: o.driver ?? 'overlay',
    Attachable: o.attachable ?? false,
    Ingress: o.ingress ?? false,
    IPAM: { Config: o.subnet ? [{ Subnet: o.subnet }] : [] },
    Labels: {},
  };
}

export function secretOrConfig(id: string, name: string, createdAgo = 7200, updatedAgo = createdAgo): RawSecretOrConfig {
  return { ID: id, CreatedAt: ago(createdAgo), UpdatedAt: ago(updatedAgo), Spec: { Name: name, Labels: { team: 'ops' } } };
}
