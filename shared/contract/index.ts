export * from './api';
export * from './errors';
export * from './types';
export * from './validate';
export { fieldLabels, labelOfPath } from './labels';
export * from './bridge';
export * from './meeting-types';
export * from './project-types';
export * from './screen-types';
