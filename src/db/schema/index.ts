export * from './auth';
export * from './classification';
export * from './events';
export * from './inventory';
export * from './matching';
export * from './recalls';
export * from './sync';
export * from './workflow';
