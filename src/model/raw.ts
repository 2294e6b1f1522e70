/**
 * The parts of the Engine API's list responses (API 1.41+) the explorer reads. Every field is optional because
 * engines omit empty ones; the mapping in swarmModel.ts treats a missing field as "unknown", never as an error.
 */

export type Labels = Record<string, string>;

export interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawFileTarget {
  Name?: string;
}

export interface RawSecretReference {
  SecretID?: string;
  SecretName?: string;
  File?: RawFileTarget;
}

export interface RawConfigReference {
  ConfigID?: string;
  ConfigName?: string;
  File?: RawFileTarget;
  Runtime?: object;
}

export interface RawNetworkAttachment {
  Target?: string;
  Aliases?: string[];
}

export interface RawTaskSpec {
  ContainerSpec?: {
    Image?: string;
    Labels?: Labels;
    Secrets?: RawSecretReference[] | null;
    Configs?: RawConfigReference[] | null;
  };
  Networks?: RawNetworkAttachment[] | null;
  Placement?: { Constraints?: string[] | null };
}

export interface RawService {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Labels | null;
    TaskTemplate?: RawTaskSpec;
    /** Older engines put networks here instead of in the task template. */
    Networks?: RawNetworkAttachment[] | null;
    Mode?: {
      Replicated?: { Replicas?: number };
      Global?: object;
      ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
      GlobalJob?: object;
    };
    EndpointSpec?: { Mode?: string; Ports?: RawPort[] | null };
  };
  Endpoint?: {
    Ports?: RawPort[] | null;
    VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null;
  };
  UpdateStatus?: {
    State?: string;
    StartedAt?: string;
    CompletedAt?: string;
    Message?: string;
  } | null;
  /** Present when the list was requested with `status=true` (API 1.41+). */
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number } | null;
}

export interface RawTask {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Labels?: Labels | null;
  Spec?: RawTaskSpec;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
    PortStatus?: { Ports?: RawPort[] | null };
  };
}

export interface RawNode {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels | null; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface RawNetwork {
  Id?: string;
  Name?: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Labels?: Labels | null;
}

export interface RawSecretOrConfig {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Labels | null;
    Driver?: { Name?: string } | null;
    Templating?: { Name?: string } | null;
  };
}

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
