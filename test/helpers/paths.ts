import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');
export const DATA = join(REPO, 'data');
export const FIRST_PROFILE = 'sanghyuk-chun';
export const FIRST_PROFILE_DIR = join(DATA, 'profiles', FIRST_PROFILE);
