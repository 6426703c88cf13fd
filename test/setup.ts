// Runs in every test file (vitest setupFiles): removes the temp folders the file made with tempDir().
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(() => removeTempDirs());
