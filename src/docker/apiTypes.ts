/**
 * The Engine API's swarm objects as the JSON arrives from dockerode (API 1.41+), one model for the whole extension:
 * the explorer's list mapping, the inspect documents, the stack-file export and the operations read these.
 * Field names are the Engine API's. Every field is optional and many may be `null`, because engines omit or null
 * out what was never set (and older engines lack newer fields); readers treat a missing field as "unknown".
 * Only the fields something in Swarmscope reads are listed.
 */

export type Labels = Record<string, string>;

export interface SwarmVersion {
  Index?: number;
}

export interface Driver {
  Name?: string;
  Options?: Record<string, string> | null;
}

export interface Mount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string } | null;
  VolumeOptions?: { NoCopy?: boolean; Labels?: Labels | null; DriverConfig?: Driver | null } | null;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number } | null;
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

export interface UpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
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
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Init?: boolean | null;
  Mounts?: Mount[] | null;
  StopSignal?: string;
  StopGracePeriod?: number;
  Healthcheck?: HealthConfig | null;
  Hosts?: string[] | null;
  DNSConfig?: { Nameservers?: string[] | null; Search?: string[] | null; Options?: string[] | null } | null;
  Secrets?: SecretReference[] | null;
  Configs?: ConfigReference[] | null;
  Sysctls?: Record<string, string> | null;
  CapabilityAdd?: string[] | null;
  CapabilityDrop?: string[] | null;
  Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
  Isolation?: string;
}

export interface GenericResource {
  DiscreteResourceSpec?: { Kind?: string; Value?: number } | null;
}

export interface ResourceSpec {
  NanoCPUs?: number;
  MemoryBytes?: number;
  Pids?: number;
  GenericResources?: GenericResource[] | null;
}

export interface NetworkAttachmentConfig {
  Target?: string;
  Aliases?: string[] | null;
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
  RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number } | null;
  Placement?: {
    Constraints?: string[] | null;
    Preferences?: { Spread?: { SpreadDescriptor?: string } | null }[] | null;
    MaxReplicas?: number;
  } | null;
  Networks?: NetworkAttachmentConfig[] | null;
  LogDriver?: Driver | null;
  Runtime?: string;
  ForceUpdate?: number;
}

export interface ServiceMode {
  Replicated?: { Replicas?: number | null } | null;
  Global?: object | null;
  ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number } | null;
  GlobalJob?: object | null;
}

export interface EndpointSpec {
  Mode?: string;
  Ports?: PortConfig[] | null;
}

export interface ServiceSpec {
  Name?: string;
  Labels?: Labels | null;
  TaskTemplate?: TaskSpec;
  /** Older engines put networks here instead of in the task template. */
  Networks?: NetworkAttachmentConfig[] | null;
  Mode?: ServiceMode;
  UpdateConfig?: UpdateConfig | null;
  RollbackConfig?: UpdateConfig | null;
  EndpointSpec?: EndpointSpec | null;
}

export interface Service {
  ID?: string;
  Version?: SwarmVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: ServiceSpec;
  Endpoint?: {
    Spec?: EndpointSpec | null;
    Ports?: PortConfig[] | null;
    VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null;
  };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string } | null;
  /** Present when the list was requested with `status=true` (API 1.41+). */
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number } | null;
}

export interface Node {
  ID?: string;
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

export interface NetworkAttachment {
  Network?: { ID?: string; Spec?: { Name?: string } };
  Addresses?: string[] | null;
}

export interface Task {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Labels?: Labels | null;
  Spec?: TaskSpec;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number } | null;
    PortStatus?: { Ports?: PortConfig[] | null } | null;
  };
  NetworksAttachments?: NetworkAttachment[] | null;
}

export interface Network {
  Id?: string;
  Name?: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: {
    Driver?: string;
    Options?: Record<string, string> | null;
    Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null;
  } | null;
  Options?: Record<string, string> | null;
  Labels?: Labels | null;
  Peers?: { Name?: string; IP?: string }[] | null;
}

/** A secret or a config: the API returns the same shape (a config's `Data` is base64; a secret's never comes). */
export interface SecretOrConfig {
  ID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Labels | null;
    Driver?: Driver | null;
    Templating?: Driver | null;
    Data?: string | null;
  };
}

/** An object the engine has certainly identified (inspect by ID or name): its ID is present. */
export type Identified<T extends { ID?: string }> = T & { ID: string };
