/**
 * The Engine API list responses the explorer reads, named as the explorer names them. The types themselves are the
 * extension's one model of the API (docker/apiTypes.ts); the mapping in swarmModel.ts treats a missing field as
 * "unknown", never as an error.
 */
import type {
  ConfigReference,
  FileTarget,
  NetworkAttachmentConfig,
  Network,
  Node,
  PortConfig,
  SecretOrConfig,
  SecretReference,
  Service,
  Task,
  TaskSpec,
} from '../docker/apiTypes';

export type { Labels } from '../docker/apiTypes';
export type RawPort = PortConfig;
export type RawFileTarget = FileTarget;
export type RawSecretReference = SecretReference;
export type RawConfigReference = ConfigReference;
export type RawNetworkAttachment = NetworkAttachmentConfig;
export type RawTaskSpec = TaskSpec;
export type RawService = Service;
export type RawTask = Task;
export type RawNode = Node;
export type RawNetwork = Network;
export type RawSecretOrConfig = SecretOrConfig;

/** One refresh's worth of list responses; a kind is absent when no visible view needed it. */
export interface SwarmSnapshot {
  services?: RawService[];
  tasks?: RawTask[];
  nodes?: RawNode[];
  networks?: RawNetwork[];
  secrets?: RawSecretOrConfig[];
  configs?: RawSecretOrConfig[];
}

export type ResourceKind = keyof SwarmSnapshot;
export const RESOURCE_KINDS: readonly ResourceKind[] = ['services', 'tasks', 'nodes', 'networks', 'secrets', 'configs'];
