// The parts of the Engine API's swarm objects that the inspect documents read, as the JSON arrives from
// dockerode (field names as in the Engine API; everything optional because older engines omit fields).

export type Labels = Record<string, string>;

export interface SwarmVersion {
  Index?: number;
}

export interface UpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface Mount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
}

export interface FileTarget {
  Name?: string;
  UID?: string;
  GID?: string;
  Mode?: number;
}

export interface SecretReference {
  File?: FileTarget | null;
  SecretID?: string;
  SecretName?: string;
}

export interface ConfigReference {
  File?: FileTarget | null;
  Runtime?: object | null;
  ConfigID?: string;
  ConfigName?: string;
}

export interface HealthConfig {
  Test?: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface ContainerSpec {
  Image?: string;
  Labels?: Labels;
  Command?: string[];
  Args?: string[] | null;
  Hostname?: string;
  Env?: string[] | null;
  Dir?: string;
  User?: string;
  Init?: boolean | null;
  Mounts?: Mount[] | null;
  Healthcheck?: HealthConfig | null;
  Secrets?: SecretReference[] | null;
  Configs?: ConfigReference[] | null;
  Sysctls?: Record<string, string> | null;
  CapabilityAdd?: string[] | null;
  CapabilityDrop?: string[] | null;
  Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
}

export interface ResourceSpec {
  NanoCPUs?: number;
  MemoryBytes?: number;
  Pids?: number;
}

export interface NetworkAttachmentConfig {
  Target?: string;
  Aliases?: string[];
}

export interface PortConfig {
  Name?: string;
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface TaskSpec {
  ContainerSpec?: ContainerSpec;
  Resources?: { Limits?: ResourceSpec | null; Reservations?: ResourceSpec | null } | null;
  Placement?: {
    Constraints?: string[] | null;
    Preferences?: { Spread?: { SpreadDescriptor?: string } | null }[] | null;
    MaxReplicas?: number;
  } | null;
  Networks?: NetworkAttachmentConfig[] | null;
  LogDriver?: { Name?: string; Options?: Record<string, string> | null } | null;
  ForceUpdate?: number;
}

export interface ServiceSpec {
  Name?: string;
  Labels?: Labels | null;
  TaskTemplate?: TaskSpec;
  Mode?: {
    Replicated?: { Replicas?: number | null } | null;
    Global?: object | null;
    ReplicatedJob?: object | null;
    GlobalJob?: object | null;
  };
  UpdateConfig?: UpdateConfig | null;
  RollbackConfig?: UpdateConfig | null;
  EndpointSpec?: { Mode?: string; Ports?: PortConfig[] | null } | null;
}

export interface SwarmService {
  ID: string;
  Version?: SwarmVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: ServiceSpec;
  Endpoint?: {
    Spec?: ServiceSpec['EndpointSpec'];
    Ports?: PortConfig[] | null;
    VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null;
  };
  UpdateStatus?: {
    State?: string;
    StartedAt?: string;
    CompletedAt?: string;
    Message?: string;
  } | null;
}

export interface SwarmNode {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels | null; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: {
      EngineVersion?: string;
      Labels?: Labels | null;
      Plugins?: { Type?: string; Name?: string }[] | null;
    };
    TLSInfo?: { TrustRoot?: string; CertIssuerSubject?: string; CertIssuerPublicKey?: string } | null;
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface SwarmSecret {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels | null; Driver?: { Name?: string } | null };
}

export interface SwarmConfig {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  /** `Data` is base64, as the Engine sends it. */
  Spec?: { Name?: string; Labels?: Labels | null; Data?: string | null };
}

export interface NetworkAttachment {
  Network?: { ID?: string; Spec?: { Name?: string } };
  Addresses?: string[] | null;
}

export interface SwarmTask {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Labels?: Labels | null;
  Spec?: TaskSpec;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number } | null;
    PortStatus?: { Ports?: PortConfig[] | null } | null;
  };
  DesiredState?: string;
  NetworksAttachments?: NetworkAttachment[] | null;
}

export interface SwarmNetwork {
  Name?: string;
  Id?: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Options?: Record<string, string> | null; Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null };
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  Options?: Record<string, string> | null;
  Labels?: Labels | null;
  Peers?: { Name?: string; IP?: string }[] | null;
}

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
