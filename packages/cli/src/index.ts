export { main } from './main';
export { parseArgs, takeFlag, type ParsedArgs } from './parseArgs';
export { discoverPlugins, explainersOf, type DiscoverPluginsOptions, type InstalledExplainer } from './plugins/discoverPlugins';
export { describeOption } from './commands/methods';
export type { Io } from './io/Io';
