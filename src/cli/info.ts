/** `swarmscope info`: the resolved endpoint, engine and API versions, and the swarm role. */
import { DockerClient, describeSwarm } from '../docker/client';
import { describeSource } from '../docker/endpoint';

export function formatInfo(client: DockerClient): string {
  const { endpoint, info } = client;
  const s = info.swarm;
  const lines = [
    `Endpoint:        ${endpoint.host}`,
    `Context:         ${endpoint.contextName} (from ${describeSource(endpoint.source)})`,
    `TLS:             ${endpoint.tls ? (endpoint.tls.verify ? 'on, verified' : 'on, NOT verified') : 'off'}`,
    `Engine version:  ${info.engineVersion}`,
    `API version:     ${info.apiVersion} (using ${info.negotiatedApiVersion})`,
    `Swarm:           ${s.state}`,
    `Role:            ${s.role}`,
  ];
  if (s.nodeId) lines.push(`Node ID:         ${s.nodeId}`);
  if (s.clusterId) lines.push(`Cluster ID:      ${s.clusterId}`);
  if (s.role === 'manager') lines.push(`Nodes:           ${s.nodes ?? '?'} (${s.managers ?? '?'} managers)`);
  if (s.error) lines.push(`Swarm error:     ${s.error}`);
  lines.push(`Summary:         ${describeSwarm(info)}`);
  return lines.join('\n') + '\n';
}
