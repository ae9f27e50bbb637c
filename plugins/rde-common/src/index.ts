/**
 * Types, API contracts and permissions shared by the RDE frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
export * from './terminalProtocol';
export * from './agentTokens';
export * from './validation';
export * from './blueprintAccess';
export * from './blueprintSpec';
export * from './errorResponse';
