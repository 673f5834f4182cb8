/** The single-file browser build (`/assets/meeting-room.js`): every tag registered, the API exported. */
import './define.js';

export * from './index.js';
