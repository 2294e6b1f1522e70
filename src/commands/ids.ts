/**
 * Every command Swarmscope contributes, in one typed map. A unit test checks it against package.json, and an
 * extension-host test checks that each one is registered.
 */
export const Commands = {
  refresh: 'swarmscope.refresh',
  retryConnection: 'swarmscope.retryConnection',
  showLog: 'swarmscope.showLog',
  chooseContext: 'swarmscope.chooseContext',
  openSettings: 'swarmscope.openSettings',
  showServicesFlat: 'swarmscope.showServicesFlat',
  showServicesByStack: 'swarmscope.showServicesByStack',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const allCommandIds: readonly CommandId[] = Object.values(Commands);
