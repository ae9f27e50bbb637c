export * from './stack';
export * from './terminalClient';
