/**
 * The Engine API objects the stack-file export reads: the extension's one model (docker/apiTypes.ts). A network the
 * export works from has been listed by the engine, so its ID and name are present.
 */
import type { Network as ApiNetwork } from '../docker/apiTypes';

export type {
  ConfigReference,
  ContainerSpec,
  Driver,
  Mount,
  SecretReference,
  Service,
  ServiceSpec,
  UpdateConfig,
} from '../docker/apiTypes';

export type Network = ApiNetwork & { Id: string; Name: string };

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';
