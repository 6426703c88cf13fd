// Runs in every test file (vitest setupFiles): removes the temp folders the file made with tempDir().
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';
import { loadCel } from '../src/schema/cel-rules.js';

// Synchronous callers (runRules, the fixture harness) need the CEL module loaded, as lint's prepare does.
await loadCel();

afterAll(() => removeTempDirs());
