/** Runs before each test file (vitest setupFiles): what every file needs undone after its last test. */
import { afterAll } from 'vitest';
import { removeDefaultHome } from './cli.js';

afterAll(removeDefaultHome);
