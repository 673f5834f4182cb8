/**
 * `meeting-room/server`: the meeting server as a library. `startServer(loadConfig(), defaultPages(config))`
 * is what the `meeting-room-server` command runs; `createApp` gives the Express app alone.
 */
export { createApp, type AppDeps } from './app.js';
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { loadConfig, type ServerConfig } from './config.js';
export { MeetingError } from './errors.js';
export { createServices, type Services } from './services/index.js';
export { openDatabase, type Db } from './store/db.js';
export type { PageOptions, FrameAncestors } from './routes/pages.js';
export { defaultPages, packageRoot } from './package-files.js';
export { ErrorCode } from '../protocol/errors.js';
