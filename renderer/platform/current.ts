import { createPlatform } from './platform';
import type { Platform } from './types';

/** The platform this page runs on, decided once at start-up from whether the preload bridge exists. */
export const platform: Platform = createPlatform(globalThis);
