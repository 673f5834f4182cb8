export * from './errors.js';
export * from './envelope.js';
export * from './roles.js';
export * from './meeting.js';
export * from './join.js';
