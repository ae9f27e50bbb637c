// Real processes (backends, agents, Chromium) on a busy 2-core machine: jest's 5 s default is far
// too short for a step, and a package.json `jest.testTimeout` is not applied under
// `backstage-cli repo test`.
jest.setTimeout(120_000);
