/**
 * The parts of the Engine API's service, network and mount JSON (API 1.41) that the stack-file export reads.
 * Every field is optional: the engine omits what was never set.
 */
export interface Driver {
  Name?: string;
  Options?: Record<string, string>;
}

export interface Mount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; DriverConfig?: Driver };
  TmpfsOptions?: { SizeBytes?: number };
}

export interface FileReference {
  File?: { Name?: string; UID?: string; GID?: string; Mode?: number };
}

export interface SecretReference extends FileReference {
  SecretID?: string;
  SecretName?: string;
}

export interface ConfigReference extends FileReference {
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

export interface ContainerSpec {
  Image?: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: Mount[];
  StopSignal?: string;
  StopGracePeriod?: number;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number };
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  Secrets?: SecretReference[];
  Configs?: ConfigReference[];
  Init?: boolean | null;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: Array<{ Name?: string; Soft?: number; Hard?: number }>;
  Isolation?: string;
}

export interface ServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: ContainerSpec;
    Resources?: {
      Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
      Reservations?: {
        NanoCPUs?: number;
        MemoryBytes?: number;
        GenericResources?: Array<{ DiscreteResourceSpec?: { Kind?: string; Value?: number } }>;
      };
    };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: {
      Constraints?: string[];
      Preferences?: Array<{ Spread?: { SpreadDescriptor?: string } }>;
      MaxReplicas?: number;
    };
    Networks?: Array<{ Target?: string; Aliases?: string[] }>;
    LogDriver?: Driver;
    Runtime?: string;
    ForceUpdate?: number;
  };
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: object;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: object;
  };
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  EndpointSpec?: {
    Mode?: string;
    Ports?: Array<{ Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }>;
  };
}

export interface Service {
  ID?: string;
  Spec?: ServiceSpec;
}

export interface Network {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
  IPAM?: { Driver?: string; Config?: Array<{ Subnet?: string }> };
}

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';
