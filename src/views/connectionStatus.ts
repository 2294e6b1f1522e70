/**
 * Pure mapping from a connection state to what the status bar and the view's welcome content show.
 */
import { describeSwarm } from '../docker/client';
import { ConnectionState } from '../docker/connection';
import { ResolvedEndpoint, endpointLabel } from '../docker/endpoint';

/** Values of the `swarmscope.connection` context key, used by viewsWelcome `when` clauses. */
export type ConnectionKey = 'idle' | 'connecting' | 'error' | 'notSwarm' | 'worker' | 'locked' | 'connected';

export interface ConnectionPresentation {
  key: ConnectionKey;
  statusText: string;
  statusTooltip: string;
  /** a message for the top of the view, if any */
  viewMessage?: string;
}

export function presentConnection(state: ConnectionState, endpoint?: ResolvedEndpoint): ConnectionPresentation {
  const label = endpoint ? endpointLabel(endpoint) : undefined;
  const prefix = `Swarm: ${label ?? 'Docker'}`;
  switch (state.status) {
    case 'idle':
      return {
        key: 'idle',
        statusText: `$(server-environment) ${prefix}`,
        statusTooltip: `Swarmscope will connect to ${endpoint?.host ?? 'Docker'} when a view or command needs it. Click to switch the docker context.`,
      };
    case 'connecting':
      return { key: 'connecting', statusText: `$(sync~spin) ${prefix}`, statusTooltip: 'Connecting to Docker…' };
    case 'error':
      return {
        key: 'error',
        statusText: `$(error) ${prefix} · disconnected`,
        statusTooltip: `${state.error.message}\nClick to switch the docker context; details are in the Swarmscope log.`,
        viewMessage: state.error.message,
      };
    case 'connected': {
      const { info, endpoint: ep } = state.client;
      const text = `Swarm: ${endpointLabel(ep)} · ${describeSwarm(info)}`;
      const tooltip = `${ep.host} (context ${ep.contextName})\nEngine ${info.engineVersion}, API ${info.negotiatedApiVersion}\nClick to switch the docker context; details are in the Swarmscope log.`;
      const s = info.swarm;
      if (s.state === 'locked') {
        return { key: 'locked', statusText: `$(lock) ${text}`, statusTooltip: tooltip, viewMessage: 'The swarm is locked: unlock it with its unlock key.' };
      }
      if (s.state !== 'active') {
        return {
          key: 'notSwarm',
          statusText: `$(circle-slash) ${text}`,
          statusTooltip: tooltip,
          viewMessage: s.state === 'error' && s.error ? `Swarm error: ${s.error}` : undefined,
        };
      }
      if (s.role === 'worker') return { key: 'worker', statusText: `$(server) ${text}`, statusTooltip: tooltip };
      return { key: 'connected', statusText: `$(server-environment) ${text}`, statusTooltip: tooltip };
    }
  }
}
