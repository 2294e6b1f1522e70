/** Shared by the operations integration tests: the sandbox engine from SWARMSCOPE_TEST_DOCKER_HOST, unique names, cleanup. */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { dockerFor } from '../../harness/engine';

export function sandboxDocker(): Docker {
  const host = process.env.SWARMSCOPE_TEST_DOCKER_HOST;
  if (!host) throw new Error('SWARMSCOPE_TEST_DOCKER_HOST is not set: run through `node test/run.mjs integration`');
  return dockerFor(host);
}

export function uniqueName(purpose: string): string {
  return `ops-${purpose}-${randomBytes(3).toString('hex')}`;
}

/** Removes what a test created, services first (they hold secrets, configs and networks). */
export class Cleanup {
  private readonly items: { kind: 'service' | 'secret' | 'config' | 'network'; id: string }[] = [];

  constructor(private readonly docker: Docker) {}

  add(kind: 'service' | 'secret' | 'config' | 'network', id: string): void {
    this.items.push({ kind, id });
  }

  async run(): Promise<void> {
    const order = ['service', 'secret', 'config', 'network'];
    const sorted = [...this.items].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    for (const item of sorted) {
      const remove = (): Promise<unknown> => {
        switch (item.kind) {
          case 'service':
            return this.docker.getService(item.id).remove();
          case 'secret':
            return this.docker.getSecret(item.id).remove();
          case 'config':
            return this.docker.getConfig(item.id).remove();
          case 'network':
            return this.docker.getNetwork(item.id).remove();
        }
      };
      // A secret is in use until the service's tasks are gone; retry briefly.
      for (let i = 0; i < 20; i++) {
        try {
          await remove();
          break;
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 404) break;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  }
}
