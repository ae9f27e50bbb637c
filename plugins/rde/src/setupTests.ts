import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazy-loaded pages and material-table take a while on a busy CI machine.
configure({ asyncUtilTimeout: 5000 });

// The same machine runs every suite at once; MUI-heavy tests can take longer than jest's 5 s.
// (A package.json `jest.testTimeout` is not applied under `backstage-cli repo test`.)
jest.setTimeout(60_000);
