import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazy-loaded pages and material-table take a while on a busy CI machine.
configure({ asyncUtilTimeout: 5000 });
