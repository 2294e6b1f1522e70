// The Engine API objects the inspect documents read: the extension's one model (docker/apiTypes.ts), with the ID
// every inspected object has.
import type { Identified, Network, Node, SecretOrConfig, Service, ServiceSpec, Task } from '../docker/apiTypes';

export type {
  ConfigReference,
  ContainerSpec,
  FileTarget,
  HealthConfig,
  Labels,
  Mount,
  NetworkAttachment,
  NetworkAttachmentConfig,
  PortConfig,
  ResourceSpec,
  SecretReference,
  ServiceSpec,
  SwarmVersion,
  TaskSpec,
  UpdateConfig,
} from '../docker/apiTypes';

export type SwarmService = Identified<Service> & { Spec: ServiceSpec };
export type SwarmNode = Identified<Node>;
export type SwarmSecret = Identified<SecretOrConfig>;
export type SwarmConfig = Identified<SecretOrConfig>;
export type SwarmTask = Identified<Task>;
export type SwarmNetwork = Network;

export type InspectKind = 'service' | 'task' | 'node' | 'network' | 'secret' | 'config';

export const INSPECT_KINDS: readonly InspectKind[] = ['service', 'task', 'node', 'network', 'secret', 'config'];

export function isInspectKind(value: string): value is InspectKind {
  return (INSPECT_KINDS as readonly string[]).includes(value);
}

/** A span of the pretty text that names another object (for a DocumentLinkProvider). */
export interface InspectLink {
  /** Offsets into the text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  kind: InspectKind;
  /** The object's ID when known, else its name. */
  target: string;
}

export interface RenderedDocument {
  text: string;
  links: InspectLink[];
}
