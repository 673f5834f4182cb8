export * from './meeting-controller.js';
export * from './snapshot.js';
export * from './join-api.js';
