/**
 * Loading canonical records: parse, validate against the schema, check
 * cross-field rules. Any problem throws InputError naming file, field, line.
 */
import { InputError } from '../input/input-error.ts';
import { parseJsonDocument } from '../input/json-document.ts';
import { validateDocument } from '../input/validate.ts';
import { checkCv } from './check-cv.ts';
import { profileConfig, type ProfileConfig } from './config-schema.ts';
import { canonicalCv, type CanonicalCv } from './cv-schema.ts';

export function loadCv(file: string, text: string, expectedProfile?: string): CanonicalCv {
  const doc = parseJsonDocument(file, text);
  const cv = validateDocument(doc, canonicalCv);
  const problems = checkCv(cv);
  if (expectedProfile !== undefined && cv.profile !== expectedProfile) {
    problems.push({ path: ['profile'], message: `profile "${cv.profile}" does not match its folder "${expectedProfile}"` });
  }
  if (problems.length > 0) throw new InputError(problems.map((p) => doc.issue(p.path, p.message)));
  return cv;
}

export function loadConfig(file: string, text: string, expectedProfile?: string): ProfileConfig {
  const doc = parseJsonDocument(file, text);
  const config = validateDocument(doc, profileConfig);
  if (expectedProfile !== undefined && config.profile !== expectedProfile) {
    throw new InputError([doc.issue(['profile'], `profile "${config.profile}" does not match its folder "${expectedProfile}"`)]);
  }
  return config;
}
