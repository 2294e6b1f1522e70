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
  inspect: 'swarmscope.inspect',
  copyId: 'swarmscope.copyId',
  copyName: 'swarmscope.copyName',
  inspectAsPretty: 'swarmscope.inspectAsPretty',
  inspectAsYaml: 'swarmscope.inspectAsYaml',
  inspectAsJson: 'swarmscope.inspectAsJson',
  refreshInspect: 'swarmscope.refreshInspect',
  // Swarm operations (issue 7): src/commands/swarm.ts, nodes.ts, services.ts, resources.ts
  initSwarm: 'swarmscope.initSwarm',
  joinSwarm: 'swarmscope.joinSwarm',
  leaveSwarm: 'swarmscope.leaveSwarm',
  showJoinCommand: 'swarmscope.showJoinCommand',
  rotateJoinToken: 'swarmscope.rotateJoinToken',
  unlockSwarm: 'swarmscope.unlockSwarm',
  showUnlockKey: 'swarmscope.showUnlockKey',
  promoteNode: 'swarmscope.promoteNode',
  demoteNode: 'swarmscope.demoteNode',
  setNodeAvailability: 'swarmscope.setNodeAvailability',
  addNodeLabel: 'swarmscope.addNodeLabel',
  removeNodeLabel: 'swarmscope.removeNodeLabel',
  removeNode: 'swarmscope.removeNode',
  createService: 'swarmscope.createService',
  scaleService: 'swarmscope.scaleService',
  updateServiceImage: 'swarmscope.updateServiceImage',
  redeployService: 'swarmscope.redeployService',
  addServiceEnv: 'swarmscope.addServiceEnv',
  removeServiceEnv: 'swarmscope.removeServiceEnv',
  rollbackService: 'swarmscope.rollbackService',
  removeService: 'swarmscope.removeService',
  createNetwork: 'swarmscope.createNetwork',
  removeNetwork: 'swarmscope.removeNetwork',
  createSecret: 'swarmscope.createSecret',
  createSecretFromSelection: 'swarmscope.createSecretFromSelection',
  removeSecret: 'swarmscope.removeSecret',
  rotateSecret: 'swarmscope.rotateSecret',
  createConfig: 'swarmscope.createConfig',
  createConfigFromSelection: 'swarmscope.createConfigFromSelection',
  removeConfig: 'swarmscope.removeConfig',
  rotateConfig: 'swarmscope.rotateConfig',
  // Backup, restore and stack-file export (issue 8): src/commands/backup.ts, export.ts
  backupSwarm: 'swarmscope.backupSwarm',
  restoreSwarm: 'swarmscope.restoreSwarm',
  exportStackFile: 'swarmscope.exportStackFile',
  // Service, task and stack logs (issue 5): src/commands/logs.ts
  showLogs: 'swarmscope.showLogs',
  showLogsWithOptions: 'swarmscope.showLogsWithOptions',
  stopLogs: 'swarmscope.stopLogs',
  closeLogs: 'swarmscope.closeLogs',
  openDaemonJson: 'swarmscope.openDaemonJson',
  validateDaemonJson: 'swarmscope.validateDaemonJson',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const allCommandIds: readonly CommandId[] = Object.values(Commands);
