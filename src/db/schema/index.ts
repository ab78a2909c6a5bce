export * from './classification';
export * from './events';
export * from './recalls';
export * from './sync';
